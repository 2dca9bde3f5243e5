"""The figures a lesson sends are plain data built without plotly's validation; these tests prove
that data is exactly what plotly makes of the figures every other test inspects."""

import json

import plotly.graph_objects as go
import pytest
from tmdkit._content import lessons
from tmdkit._data import LANGS
from tmdkit._figures import figure_bundle, map_spec, members, timeline_spec

ORGS = list(members()["orgs"])
FOCUSES = [None] + [
    (
        lesson["focus"]["from"],
        lesson["focus"]["to"],
        frozenset(lesson["focus"].get("highlight", ())),
    )
    for lesson in lessons()
    if "focus" in lesson
]


def _as_plotly_writes_it(spec: dict) -> dict:
    return json.loads(go.Figure(spec).to_json())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("focus", FOCUSES, ids=str)
def test_a_timeline_sent_to_the_browser_is_the_figure_plotly_validates(lang, focus):
    spec = json.loads(json.dumps(timeline_spec(lang, focus)))
    assert spec == _as_plotly_writes_it(spec)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("org", ORGS)
def test_a_map_sent_to_the_browser_is_the_figure_plotly_validates(lang, org):
    spec = json.loads(json.dumps(map_spec(lang, org)))
    assert spec == _as_plotly_writes_it(spec)


def test_the_check_finds_a_property_plotly_would_drop_or_refuse():
    spec = json.loads(json.dumps(map_spec("en")))
    spec["data"][0]["line"] = None  # plotly leaves a null out
    assert spec != _as_plotly_writes_it(spec)
    spec["data"][0]["colour"] = "red"
    with pytest.raises(ValueError):
        go.Figure(spec)


def test_the_bundle_shares_nothing_with_the_spec_it_was_made_from():
    spec = map_spec("kk")
    figure_bundle(spec)["application/vnd.plotly.v1+json"]["layout"]["template"]["x"] = 1
    assert "x" not in map_spec("kk")["layout"]["template"]
