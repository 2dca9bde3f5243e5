"""The student view: a lesson rendered by Voilà shows no code, and its self-checks answer."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from . import _lab

pytestmark = pytest.mark.browser
LESSON = "02-toragalyk"
# Voilà 0.5.13's own "lab" template links Font Awesome from a CDN (templates/lab/index.html.j2),
# although the same fonts ship inside voila.js; offline the links fail harmlessly. Nothing of ours
# may add to this list: our buttons carry text, not icon-only meaning.
VOILA_TEMPLATE_CDN = {
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/all.min.css",
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@%5E5/css/v4-shims.min.css",
}


@pytest.fixture(scope="module")
def voila():
    port, token = _lab.free_port(), secrets.token_hex(16)
    # As `make student` runs it: the repository's .jupyter/ on the config path, the token in
    # the environment (never on the command line).
    env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
               JUPYTER_CONFIG_PATH=str(_lab.SHIPPED_CONFIG), JUPYTER_TOKEN=token)  # fmt: skip
    cmd = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1",
           f"--Voila.port={port}", "--Voila.auto_token=True", str(_lab.root() / "lessons")]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/?token={token}", timeout=2):  # noqa: S310
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("Voilà did not start on 127.0.0.1")
                time.sleep(0.3)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _first_single(stem):
    quiz = yaml.safe_load((_lab.root() / "data" / "quizzes" / f"{stem}.yaml").read_text("utf-8"))
    return next(item for item in quiz["items"] if item["type"] == "single")


def test_the_student_view_shows_the_lesson_without_code_and_answers_an_item(voila, browser):
    base, token = voila
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    watch = _lab.Watch(page)
    try:
        page.goto(f"{base}/voila/render/{LESSON}.ipynb?token={token}", timeout=90_000)
        item = _first_single(LESSON)
        box = page.locator(f".tmd-item--{item['id']}").first
        box.wait_for(timeout=90_000)
        assert page.locator(".tmd-toolbar .tmd-lang").count() == 1
        assert page.locator(".js-plotly-plot .main-svg").count() >= 1
        shown = page.inner_text("body")
        assert "from tmdkit import start" not in shown and "lesson.quiz()" not in shown
        assert page.locator(".jp-CodeCell .jp-InputArea-editor, .cm-editor").count() == 0
        right = next(o for o in item["options"] if o["id"] == item["answer"])
        box.get_by_label(right["text"]["kk"], exact=True).check()
        box.locator(".tmd-check").click()
        box.locator(".tmd-feedback .tmd-verdict-right").wait_for(timeout=15_000)
        _lab.screenshot(page, f"voila-{LESSON}")
        assert set(watch.foreign()) <= VOILA_TEMPLATE_CDN and watch.dialogs == []
    finally:
        context.close()
