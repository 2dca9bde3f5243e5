import pytest

from . import _lab

pytestmark = pytest.mark.browser


def test_the_lesson_makes_no_request_off_this_machine(rendered):
    assert rendered.watch.foreign() == []


def test_the_lesson_page_made_requests_that_the_watch_saw(rendered):
    assert any(url.startswith(rendered.server.base) for url in rendered.watch.requests)


def test_a_script_from_a_cdn_is_caught_without_waiting_for_the_network(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = _lab.Watch(page)
        page.set_content('<script src="https://cdn.plot.ly/plotly-2.35.2.min.js"></script>')
        assert watch.foreign() == ["https://cdn.plot.ly/plotly-2.35.2.min.js"]
    finally:
        context.close()
    watch.take()  # the failed load is also a console error, which this test expects


def test_a_console_error_of_a_page_fails_the_test_that_opened_it(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        _lab.Watch(page)
        page.set_content("<script>console.error('deliberate'); null.boom;</script>")
    finally:
        context.close()
    found = _lab.take_all()  # what the autouse fixture fails on; taking it lets this test pass
    assert [line.split(":")[0] for line in found] == ["console", "pageerror"]
    assert "deliberate" in found[0] and "null" in found[1]


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8888/lab", True),
        ("ws://localhost:8888/api/kernels/x/channels", True),
        ("http://[::1]:8888/static/x.js", True),
        ("data:image/png;base64,AAAA", True),
        ("blob:http://127.0.0.1:8888/1234", True),
        ("https://cdn.plot.ly/plotly.min.js", False),
        ("http://127.0.0.1.example.com/x", False),
        ("https://unpkg.com/axe-core", False),
    ],
)
def test_only_loopback_urls_count_as_local(url, local):
    assert _lab.is_loopback(url) is local
