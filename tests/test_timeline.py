import datetime as dt
import json
import re
from collections import Counter
from dataclasses import replace

import pytest
from tmdkit import _content as content
from tmdkit._dates import end_of, format_date, format_range, month_name, parse_date, to_plotly
from tmdkit._events import load_timeline
from tmdkit._figures import figure_bundle
from tmdkit._html import esc
from tmdkit._i18n import t
from tmdkit._timeline import timeline
from tmdkit._timeline_layout import MIN_BAR_DAYS, PLOT_PX, era_parts, extent, view
from tmdkit._timeline_table import chronology_html

EVENTS, CATEGORIES, ERAS = load_timeline()
BY_ID = {e.id: e for e in EVENTS}
LANGS = ("kk", "ru", "en")
FIGS = {lang: timeline(EVENTS, lang=lang, categories=CATEGORIES, eras=ERAS) for lang in LANGS}
FOCUS = ("2006-01", "2008-12")
LIT = {
    "kazakhstan_cis_chairmanship_2006_2007",
    "dushanbe_summit_2007",
    "uzbekistan_suspends_eurasec",
}
ENGLISH_MONTH = re.compile(
    r"\b(" + "|".join(month_name(m, "en")[:3] for m in range(1, 13)) + r")", re.IGNORECASE
)


def _points(fig):
    """Yield (trace, index, event id) for every drawn event (its name is not an event)."""
    for trace in fig.data:
        if trace.name == "labels":
            continue
        for i, eid in enumerate(trace.ids):
            yield trace, i, eid


def _hover(fig):
    return {eid: trace.customdata[i] for trace, i, eid in _points(fig)}


def _shown(fig) -> str:
    """Return every piece of text a reader of the figure can see."""
    layout = fig.layout
    texts = [layout.title.text, *layout.yaxis.ticktext, *(a.text for a in layout.annotations)]
    texts += [t.name for t in fig.data] + list(_hover(fig).values())
    texts += [name for t in fig.data if t.name == "labels" for name in t.text]
    return "\n".join(texts)


def _first(value: str) -> dt.date:
    return parse_date(value)[0]


def _ms(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - dt.date(1970, 1, 1)).days * 86_400_000


def test_every_event_appears_exactly_once_in_the_full_timeline():
    counts = Counter(eid for _, _, eid in _points(FIGS["kk"]))
    assert counts == Counter({e.id: 1 for e in EVENTS})


def test_each_point_hovers_with_the_text_of_the_event_its_id_names():
    names = {e.id: esc(e.name["kk"], quote=False) for e in EVENTS}
    hovers = _hover(FIGS["kk"]).items()
    assert all(text.startswith(f"<b>{names[eid][:20]}") for eid, text in hovers)


def test_every_long_period_is_a_bar_that_starts_and_ends_where_the_data_says():
    bars = {}
    for trace, i, eid in _points(FIGS["en"]):
        if trace.type == "bar":
            assert trace.orientation == "h"
            bars[eid] = (trace.base[i], _ms(trace.base[i]) + trace.x[i])
    long = [e for e in EVENTS if e.end and (_first(e.end) - _first(e.start)).days >= MIN_BAR_DAYS]
    assert set(bars) == {e.id for e in long}
    for e in long:
        assert bars[e.id] == (to_plotly(e.start), _ms(to_plotly(e.end)))


def test_a_short_period_drawn_as_a_marker_still_shows_both_ends_in_its_hover():
    hover = _hover(FIGS["en"])
    assert "21–22 July 2006" in hover["informal_summit_moscow_2006"]
    assert "12–18 August 2008" in hover["georgia_withdrawal_decision"]


def test_single_day_events_are_markers_at_their_date():
    for trace, i, eid in _points(FIGS["kk"]):
        if trace.type == "scatter":
            assert trace.x[i] == to_plotly(BY_ID[eid].start)


@pytest.mark.parametrize("lang", LANGS)
def test_month_and_year_precision_is_never_shown_as_a_day_in_hover_text(lang):
    hover = _hover(FIGS[lang])
    coarse = 0
    for e in EVENTS:
        for value, precision in ((e.start, e.precision), (e.end, e.end_precision)):
            if value and precision != "day":
                coarse += 1
                assert format_date(value, lang) in hover[e.id]
                assert format_date(to_plotly(value), lang) not in hover[e.id]
    assert coarse >= 7


def test_each_hover_gives_the_date_place_description_and_essay_sentences():
    hover = _hover(FIGS["en"])["kazakhstan_cis_chairmanship_2006_2007"]
    assert "20 May 2006 – 5 October 2007" in hover
    assert "Sochi" in hover and "Nazarbayev" in hover
    assert "Essay sentences: 4, 5, 10" in hover


def test_hover_quotes_the_essay_sentence_escaped_and_shortened():
    text = {6: "<b>Bold & long</b> " + "сөз " * 60}
    fig = timeline(EVENTS, lang="kk", categories=CATEGORIES, eras=ERAS, essay_text=text)
    hover = _hover(fig)["dushanbe_summit_2007"]
    assert "&lt;b&gt;Bold &amp; long&lt;/b&gt;" in hover and "<b>Bold" not in hover
    assert "…" in hover and hover.count("сөз") < 60


def test_text_put_into_hover_is_escaped():
    odd = replace(BY_ID["bishkek_summit_2008"], name={"kk": "A < B & C", "ru": "-", "en": "-"})
    fig = timeline([odd], lang="kk", categories=CATEGORIES)
    hover = _hover(fig)[odd.id]
    assert "A &lt; B &amp; C" in hover and "A < B" not in hover


def test_focus_emphasises_exactly_the_highlighted_events_and_shows_them_whole():
    fig = timeline(EVENTS, lang="ru", focus=FOCUS, highlight=LIT, categories=CATEGORIES, eras=ERAS)
    shown = {eid for trace, i, eid in _points(fig) if trace.marker.opacity[i] == 1}
    assert shown == LIT
    lo, hi = (dt.date.fromisoformat(x) for x in fig.layout.xaxis.range)
    for eid in LIT:
        e = BY_ID[eid]
        assert lo <= parse_date(e.start)[0] and end_of(e.end or e.start) <= hi
    assert lo <= parse_date(FOCUS[0])[0] and end_of(FOCUS[1]) <= hi
    assert (hi - lo).days < 5 * 365
    names = next(trace for trace in fig.data if trace.name == "labels")
    assert set(names.ids) == LIT and not fig.layout.annotations[len(ERAS) :]


def test_without_a_highlight_nothing_is_dimmed():
    for trace, i, _ in _points(FIGS["kk"]):
        assert trace.marker.opacity[i] == 1


def test_a_highlight_naming_an_unknown_event_is_refused():
    with pytest.raises(ValueError, match="no_such_event"):
        timeline(EVENTS, highlight={"no_such_event"}, categories=CATEGORIES)


@pytest.mark.parametrize("lang", LANGS)
def test_every_lane_era_and_title_label_is_present_in_each_language(lang):
    fig = FIGS[lang]
    assert fig.layout.title.text == t("timeline_title", lang)
    assert [x.replace("<br>", " ") for x in fig.layout.yaxis.ticktext] == [
        c.label[lang] for c in CATEGORIES
    ]
    notes = {a.name: a.text for a in fig.layout.annotations}
    assert {r.id: r.label[lang] for r in ERAS} == {r.id: notes[r.id] for r in ERAS}
    assert {s.name for s in fig.layout.shapes if s.name} == {r.id for r in ERAS}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_label_or_month_name_appears_in_a_kazakh_or_russian_figure(lang):
    text = _shown(FIGS[lang])
    english = [
        t("timeline_title", "en"),
        *(c.label["en"] for c in CATEGORIES),
        *(r.label["en"] for r in ERAS),
    ]
    assert [label for label in english if label in text] == []
    assert ENGLISH_MONTH.findall(text) == []


def test_axis_ticks_use_digits_only_at_every_zoom_level():
    axis = FIGS["kk"].layout.xaxis
    formats = [s.value for s in axis.tickformatstops] + [
        axis.tickformat or "",
        axis.hoverformat or "",
    ]
    assert axis.tickformatstops and all(re.fullmatch(r"(%[dmY]|[.])*", f) for f in formats)


def test_a_student_zooms_along_time_only_and_no_range_slider_draws_the_chart_twice():
    layout = FIGS["kk"].layout
    assert layout.xaxis.fixedrange is not True and layout.yaxis.fixedrange is True
    assert not (layout.xaxis.rangeslider and layout.xaxis.rangeslider.visible)


def test_the_axis_names_the_lanes_in_category_order_and_no_legend_repeats_them():
    layout = FIGS["en"].layout
    assert [x.replace("<br>", " ") for x in layout.yaxis.ticktext] == [
        c.label["en"] for c in CATEGORIES
    ]
    assert layout.showlegend is False


def test_every_event_sits_inside_its_own_lane_and_markers_do_not_share_a_spot():
    layout = FIGS["kk"].layout
    cuts = sorted([0, layout.yaxis.range[0]] + [s.y0 for s in layout.shapes if s.type == "line"])
    band = {c.id: (cuts[i], cuts[i + 1]) for i, c in enumerate(CATEGORIES)}
    assert all(
        lo < t < hi for t, (lo, hi) in zip(layout.yaxis.tickvals, band.values(), strict=True)
    )
    spots = Counter()
    for trace, i, eid in _points(FIGS["kk"]):
        lo, hi = band[BY_ID[eid].category]
        assert lo < trace.y[i] < hi
        if trace.type == "scatter":
            spots[(trace.x[i][:7], round(trace.y[i], 3))] += 1
    assert max(spots.values()) == 1


def test_each_lane_has_its_own_colour_and_symbol_and_fonts_are_large_enough():
    fig = FIGS["kk"]
    marks = {(t.marker.color, t.marker.symbol[0].removesuffix("-open")) for t in fig.data
             if t.type == "scatter"}  # fmt: skip
    assert len(marks) == len({t.legendgroup for t in fig.data if t.type == "scatter"})
    assert fig.layout.font.size >= 14 and fig.layout.yaxis.tickfont.size >= 14
    assert fig.layout.hoverlabel.font.size >= 14


def test_the_figure_has_no_map_subplot():
    layout = FIGS["kk"].to_plotly_json()["layout"]
    assert not [k for k in layout if k.startswith(("geo", "mapbox", "map"))]
    assert {t.type for t in FIGS["kk"].data} <= {"bar", "scatter"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_full_timeline_stays_small(lang):
    # 37 events with the security lane; to_json's \uXXXX escapes double every Cyrillic letter
    assert len(FIGS[lang].to_json()) < 80_000
    utf8 = json.dumps(FIGS[lang].to_plotly_json(), default=str, ensure_ascii=False).encode()
    assert len(utf8) < 35_000


def test_the_chronology_table_lists_every_event_in_date_order_in_one_language():
    table = chronology_html(EVENTS, lang="kk", highlight={"dushanbe_summit_2007"})
    ids = re.findall(r'data-id="([a-z0-9_]+)"', table)
    assert sorted(ids) == sorted(BY_ID)
    starts = [parse_date(BY_ID[i].start)[0] for i in ids]
    assert starts == sorted(starts)
    assert "1993 жылғы желтоқсан" in table and "1993 жылғы 1 желтоқсан" not in table
    assert re.findall(r'<tr data-id="(\w+)" class="tmd-highlight"', table) == [
        "dushanbe_summit_2007"
    ]
    assert not ENGLISH_MONTH.search(table) and t("timeline_title", "en") not in table


def test_the_chronology_table_escapes_its_text():
    odd = replace(BY_ID["bishkek_summit_2008"], place={"kk": "<script>", "ru": "-", "en": "-"})
    assert "&lt;script&gt;" in chronology_html([odd]) and "<script>" not in chronology_html([odd])


def test_the_chronology_table_gives_periods_as_ranges():
    table = chronology_html(EVENTS, lang="ru")
    e = BY_ID["uzbekistan_in_eurasec"]
    assert format_range(e.start, e.end, "ru") in table


@pytest.mark.parametrize("lang", LANGS)
def test_the_whole_timeline_is_at_most_40_kib_of_json_as_the_kernel_sends_it(lang):
    # UTF-8 JSON, as jupyter_client packs a message and nbformat saves an output.
    spec = figure_bundle(FIGS[lang])["application/vnd.plotly.v1+json"]
    sent = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(sent) <= 40 * 1024


def test_every_name_a_lesson_highlights_is_planned_inside_its_view():
    # A name past either edge of the plot is cut off there; a bar as long as the view takes its
    # name on it instead.
    for stem in content.lessons():
        focus = content.focus_for(stem)
        if focus is None:
            continue
        chosen = [e for e in EVENTS if e.id in focus[2]]
        shown = view(EVENTS, ERAS, focus[:2], chosen)
        for lang in LANGS:
            for e in chosen:
                lo, hi, _ = extent(e, e.short[lang], shown)
                assert shown[0] <= lo and hi <= shown[1], (stem, lang, e.id)


def test_every_era_a_lesson_shows_is_named_once_inside_its_view():
    for stem in content.lessons():
        focus = content.focus_for(stem)
        chosen = [e for e in EVENTS if focus and e.id in focus[2]]
        shown = view(EVENTS, ERAS, focus[:2] if focus else None, chosen)
        px = (shown[1] - shown[0]) / PLOT_PX
        on_screen = {r.id for r in ERAS if _first(r.start) < shown[1] and end_of(r.end) > shown[0]}
        for lang in LANGS:
            _, notes = era_parts(ERAS, lang, shown)
            assert {n["name"] for n in notes} == on_screen, (stem, lang)
            for n in notes:
                x, wide = dt.date.fromisoformat(n["x"]), (len(n["text"]) * 8 + 6) * px
                lo, hi = (x - wide, x) if n["xanchor"] == "right" else (x, x + wide)
                assert shown[0] <= lo and hi <= shown[1], (stem, lang, n["name"])
