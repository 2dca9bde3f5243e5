import copy
import importlib.util
import itertools
import json
import re
import subprocess
import sys

import pytest
from conftest import DATA
from tmdkit._data import DataError
from tmdkit._figures import figure_bundle
from tmdkit._geo import GEOJSON, UNIT_KM, outlines, project, simplify
from tmdkit._html import esc
from tmdkit._map import membership_map
from tmdkit._map_legend import legend_html, swatch_style
from tmdkit._map_table import membership_table_html
from tmdkit._membership import load_members, status_at

MEMBERS = load_members()
STATES = {s["iso3"]: s for s in MEMBERS["states"]}
POST_SOVIET = {
    "ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LVA", "LTU", "MDA", "RUS", "TJK", "TKM",
    "UKR", "UZB",
}  # fmt: skip
ORGS = ("cis", "eurasec", "eaeu")
LANGS = ("kk", "ru", "en")
FIGS = {(org, lang): membership_map(MEMBERS, lang=lang, org=org) for org in ORGS for lang in LANGS}
GEO = json.loads(GEOJSON.read_text(encoding="utf-8"))
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _polygons(feature):
    geom = feature["geometry"]
    return geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]


def _inside(point, ring):
    x, y, hit = *point, False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def _owner(lon, lat):
    return {
        f["properties"]["iso3"]
        for f in GEO["features"]
        for poly in _polygons(f)
        if _inside((lon, lat), poly[0]) and not any(_inside((lon, lat), h) for h in poly[1:])
    }


def _state_traces(fig):
    return [t for t in fig.data if t.meta]


def _label_trace(fig):
    return next(t for t in fig.data if t.mode == "text")


def _names(fig):
    """Return the states' names as written on the map."""
    return list(_label_trace(fig).text)


def _shown(fig):
    """Return every piece of text a reader of the figure can see, at any slider step."""
    layout = fig.layout
    texts = [layout.title.text, layout.title.subtitle.text, *_names(fig)]
    texts += [t.name or "" for t in fig.data] + [t.text for t in _state_traces(fig)]
    for step in layout.sliders[0].steps:
        texts += [step.label, step.args[1]["title.subtitle.text"]]
    return "\n".join(texts)


def _texts(node, lang):
    """Yield every {kk, ru, en} text of the membership data in lang."""
    if isinstance(node, dict):
        if set(node) == set(LANGS):
            yield node[lang]
        else:
            for value in node.values():
                yield from _texts(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value, lang)


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_geojson", DATA / "geo" / "build_geojson.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tiny_topology():
    """Ukraine, a Crimea that the source gives to Russia, Russia, and a Chukotka west of -180."""

    def arc(*points):
        q = [(round((lon + 180) / 0.01), round((lat + 90) / 0.01)) for lon, lat in points]
        return [list(q[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(q)]

    arcs = [
        arc((30, 46), (30, 50), (36, 50), (36, 46)),  # 0 Ukraine, coast and land border
        arc((36, 46), (33, 46)),  # 1 the Perekop line Ukraine shares with the Crimea polygon
        arc((33, 46), (30, 46)),  # 2
        arc((36, 46), (36, 44.5), (33, 44.5), (33, 46)),  # 3 Crimea's coast
        arc((40, 50), (40, 60), (50, 60), (50, 50), (40, 50)),  # 4 Russia
        arc((-180, 65), (-180, 68), (-170, 68), (-170, 65), (-180, 65)),  # 5 Chukotka
    ]
    geometries = [
        {"type": "Polygon", "id": "804", "arcs": [[0, 1, 2]]},
        {"type": "MultiPolygon", "id": "643", "arcs": [[[4]], [[-2, 3]], [[5]]]},
    ]
    return {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [-180, -90]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


TINY = {"804": ("UKR", "Ukraine"), "643": ("RUS", "Russia")}


def test_the_geojson_holds_exactly_the_15_post_soviet_states():
    assert [f["properties"]["iso3"] for f in GEO["features"]] == sorted(POST_SOVIET)


@pytest.mark.parametrize("org", ORGS)
def test_the_map_draws_each_of_the_15_states_once(org):
    assert sorted(t.meta for t in _state_traces(FIGS[org, "kk"])) == sorted(POST_SOVIET)


def test_the_membership_data_covers_exactly_the_15_states():
    assert set(STATES) == POST_SOVIET


def test_the_geojson_stays_under_250_kb():
    assert GEOJSON.stat().st_size <= 250 * 1024


def test_no_ring_spans_more_than_180_degrees_of_longitude():
    for feature in GEO["features"]:
        for ring in (r for poly in _polygons(feature) for r in poly):
            lons = [lon for lon, _ in ring]
            assert max(lons) - min(lons) <= 180, feature["properties"]["iso3"]


def test_russia_east_of_180_degrees_is_drawn_east_not_as_a_band_across_the_map():
    russia = next(f for f in GEO["features"] if f["properties"]["iso3"] == "RUS")
    lons = [lon for poly in _polygons(russia) for ring in poly for lon, _ in ring]
    assert min(lons) > 0 and 180 < max(lons) <= 191
    xs = [x for x in outlines()["RUS"][0] if x is not None]
    assert max(xs) - min(xs) < 9000  # km; a band across the map would be far wider


def test_crimea_is_drawn_inside_ukraine_within_un_recognised_borders():
    assert _owner(34.10, 44.95) == {"UKR"}  # Simferopol
    assert _owner(34.40, 45.71) == {"UKR"}  # Dzhankoi
    assert _owner(37.62, 55.75) == {"RUS"}  # Moscow, as a control


def test_small_states_keep_enough_outline_to_be_recognised():
    for feature in GEO["features"]:
        assert len(_polygons(feature)[0][0]) >= 20, feature["properties"]["iso3"]


@pytest.mark.parametrize(
    ("iso3", "moment", "org", "expected"),
    [
        ("GEO", "1992", "cis", "outside"),
        ("GEO", "1995", "cis", "member"),
        ("GEO", "2010", "cis", "former"),
        ("TKM", "1991-12-21", "cis", "signatory"),
        ("TKM", "2000", "cis", "founding_nonmember"),
        ("TKM", "2006", "cis", "associate"),
        ("UKR", "2015", "cis", "founding_nonmember"),
        ("KAZ", "1991-12-21", "cis", "signatory"),
        ("KAZ", "2025-10-10", "cis", "member"),
        ("MDA", "2025-10-10", "cis", "member"),
        ("EST", "2025-10-10", "cis", "never"),
        ("LVA", "1991-12-21", "cis", "never"),
        ("LTU", "2010", "cis", "never"),
        ("UZB", "2006", "eurasec", "member"),
        ("UZB", "2009", "eurasec", "suspended"),
        ("KAZ", "2001-05-30", "eurasec", "member"),
        ("KAZ", "2015-01-01", "eurasec", "nonmember"),
        ("ARM", "2015-01-01", "eaeu", "nonmember"),
        ("ARM", "2015-01-02", "eaeu", "member"),
        ("KGZ", "2015-07-31", "eaeu", "nonmember"),
        ("KGZ", "2015-08", "eaeu", "member"),
    ],
)
def test_status_at_a_moment_matches_the_fact_sheet(iso3, moment, org, expected):
    assert status_at(STATES[iso3], moment, org) == expected


def test_a_month_precision_date_counts_for_its_whole_month_and_not_before():
    georgia = STATES["GEO"]
    assert status_at(georgia, "1993-11-30") == "outside"
    assert status_at(georgia, "1993-12") == "signatory"
    assert status_at(georgia, "1993-12-01") == "signatory"


def test_georgia_is_a_protocol_signatory_until_its_charter_of_april_1994():
    georgia = STATES["GEO"]
    assert status_at(georgia, "1994-04-18") == "signatory"
    assert status_at(georgia, "1994-04-19") == "member"


def test_a_month_precision_date_is_shown_as_a_month_never_as_a_day():
    fig = membership_map(MEMBERS, lang="en", moment="1994")
    georgia = next(t for t in fig.data if t.meta == "GEO")
    assert "December 1993" in georgia.text
    assert not re.search(r"\d+ December 1993", georgia.text)


@pytest.mark.parametrize("org", ORGS)
def test_every_slider_step_colours_each_state_as_the_data_says_at_that_moment(org):
    fig, spec = FIGS[org, "en"], MEMBERS["orgs"][org]
    looks = {s["id"]: (s["colour"], s["pattern"]) for s in spec["statuses"]}
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == [m["short"]["en"] for m in spec["moments"]]
    for step, moment in zip(steps, spec["moments"], strict=True):
        data, _, traces = step.args
        restyled = {fig.data[i].meta: k for k, i in enumerate(traces)}
        for i, state in enumerate(MEMBERS["states"]):
            k = restyled.get(state["iso3"])
            shown = (
                (data["fillcolor"][k], data["fillpattern.shape"][k])
                if k is not None
                else (fig.data[i].fillcolor, fig.data[i].fillpattern.shape)
            )
            assert shown == looks[status_at(state, moment["date"], org)], (state["iso3"], moment)


@pytest.mark.parametrize("org", ORGS)
def test_the_map_opens_drawn_as_its_first_slider_step(org):
    fig = FIGS[org, "kk"]
    step = fig.layout.sliders[0].steps[fig.layout.sliders[0].active]
    data, _, traces = step.args
    assert [fig.data[i].fillcolor for i in traces] == list(data["fillcolor"])
    assert [fig.data[i].fillpattern.shape for i in traces] == list(data["fillpattern.shape"])


def test_a_slider_step_restyles_only_the_states_whose_status_ever_changes():
    steps = FIGS["cis", "en"].layout.sliders[0].steps
    moved = {FIGS["cis", "en"].data[i].meta for i in steps[0].args[2]}
    assert {"EST", "LVA", "LTU"}.isdisjoint(moved) and {"GEO", "KAZ", "TKM"} <= moved


def test_the_hover_lists_every_status_a_state_had_and_since_when():
    fig = membership_map(MEMBERS, lang="en", org="cis")
    georgia = next(t for t in fig.data if t.meta == "GEO").text.replace("<br>", " ")
    assert georgia.index("CIS member") < georgia.index("Former member (left)")
    assert "Since: December 1993" in georgia and "Since: 18 August 2009" in georgia
    turkmenistan = next(t for t in fig.data if t.meta == "TKM").text
    assert "Associate member" in turkmenistan


def test_the_hover_gives_an_ended_period_both_its_ends():
    fig = membership_map(MEMBERS, lang="en", org="eurasec")
    kazakhstan = next(t for t in fig.data if t.meta == "KAZ").text
    assert "30 May 2001 – 1 January 2015" in kazakhstan


def test_the_map_can_open_at_a_chosen_moment_and_refuses_an_unknown_one():
    fig = membership_map(MEMBERS, lang="en", moment="2010")
    georgia = next(t for t in fig.data if t.meta == "GEO")
    assert georgia.fillcolor == "#D55E00" and "Former member" in georgia.text
    with pytest.raises(ValueError, match="2011"):
        membership_map(MEMBERS, moment="2011")


@pytest.mark.parametrize("org", ORGS)
def test_colour_is_never_the_only_cue_each_status_has_its_own_pattern(org):
    statuses = MEMBERS["orgs"][org]["statuses"]
    assert len({s["pattern"] for s in statuses}) == len(statuses)
    assert len({s["colour"] for s in statuses}) == len(statuses)


@pytest.mark.parametrize(("org", "lang"), [(o, lang) for o in ORGS for lang in LANGS])
def test_the_legend_has_one_entry_per_status_in_the_chosen_language(org, lang):
    names = re.findall(r"</span>(.*?)</li>", legend_html(MEMBERS, org, lang))
    assert names == [esc(s["label"][lang]) for s in MEMBERS["orgs"][org]["statuses"]]
    assert not FIGS[org, lang].layout.showlegend and all(
        t.x != (None,) for t in FIGS[org, lang].data
    )


def test_each_legend_swatch_has_its_status_colour_and_a_hatching_where_the_map_hatches():
    for look in MEMBERS["orgs"]["cis"]["statuses"]:
        style = swatch_style(look["colour"], look["pattern"])
        assert style.endswith(look["colour"]) and ("gradient" in style) == bool(look["pattern"])


def test_a_status_label_with_markup_is_shown_as_text_in_the_legend():
    hostile = copy.deepcopy(MEMBERS)
    hostile["orgs"]["cis"]["statuses"][0]["label"]["en"] = "<img src=x onerror=alert(1)>"
    assert "<img" not in legend_html(hostile, "cis", "en")


@pytest.mark.parametrize("lang", ("kk", "ru"))
def test_a_kazakh_or_russian_map_contains_no_english_word_of_the_english_labels(lang):
    english = {w.lower() for t in _texts(MEMBERS, "en") for w in LATIN_WORD.findall(t)}
    for org in ORGS:
        shown = {w.lower() for w in LATIN_WORD.findall(_shown(FIGS[org, lang]))}
        assert shown & english == set(), (org, lang)


def test_no_kazakh_label_is_a_copy_of_the_english_one():
    pairs = zip(_texts(MEMBERS, "kk"), _texts(MEMBERS, "en"), strict=True)
    copies = [kk for kk, en in pairs if kk == en and LATIN_WORD.search(en)]
    assert copies == []


def test_the_hover_names_the_state_its_status_and_its_note_in_the_chosen_language():
    fig = membership_map(MEMBERS, lang="ru", moment="2025-10-10")
    moldova = next(t for t in fig.data if t.meta == "MDA")
    assert moldova.text.startswith("<b>Молдова</b>")
    assert "Член СНГ" in moldova.text and "НЕ ПРОВЕРЕНО" in moldova.text


@pytest.mark.parametrize("org", ORGS)
def test_the_figure_has_no_geo_or_map_subplot_so_nothing_fetches_tiles(org):
    spec = FIGS[org, "kk"].to_plotly_json()
    assert {t["type"] for t in spec["data"]} == {"scatter"}
    assert not [k for k in spec["layout"] if k.startswith(("geo", "mapbox", "map"))]


@pytest.mark.parametrize(("org", "lang"), [(o, lang) for o in ORGS for lang in LANGS])
def test_each_membership_map_is_at_most_50_kib_of_json_as_the_kernel_sends_it(org, lang):
    # UTF-8 JSON, as jupyter_client packs a message and nbformat saves an output.
    spec = figure_bundle(FIGS[org, lang])["application/vnd.plotly.v1+json"]
    sent = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(sent) <= 50 * 1024


def test_simplifying_an_outline_keeps_every_point_farther_than_the_tolerance():
    line = [(0, 0), (10, 0.4), (20, 0), (30, 9), (40, 0)]
    assert simplify(line, 1.0) == [(0, 0), (20, 0), (30, 9), (40, 0)]


def _to_segment(p, a, b):
    (x, y), (x0, y0), (x1, y1) = p, a, b
    dx, dy = x1 - x0, y1 - y0
    k = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / ((dx * dx + dy * dy) or 1)))
    return ((x - x0 - k * dx) ** 2 + (y - y0 - k * dy) ** 2) ** 0.5


def test_no_drawn_outline_strays_a_pixel_from_the_source():
    # The map shows about 12 km per CSS pixel: every source point of a state's main ring lies
    # within one pixel of the outline actually drawn (rounded to units, points dropped).
    km_per_px, worst = 12.0, 0.0
    for feature in GEO["features"]:
        xs, ys, _ = outlines()[feature["properties"]["iso3"]]
        end = xs.index(None) if None in xs else len(xs)  # the main ring comes first
        drawn = [(x * UNIT_KM, y * UNIT_KM) for x, y in zip(xs[:end], ys[:end], strict=True)]
        segments = list(itertools.pairwise(drawn))
        for lon, lat in _polygons(feature)[0][0][::3]:
            p = project(lon, lat)
            worst = max(worst, min(_to_segment(p, a, b) for a, b in segments))
    assert worst < km_per_px


@pytest.mark.parametrize("org", ORGS)
def test_every_text_on_the_map_is_at_least_14_px(org):
    layout = FIGS[org, "kk"].layout
    sizes = [layout.font.size, layout.sliders[0].font.size]
    sizes.append(_label_trace(FIGS[org, "kk"]).textfont.size)
    assert min(sizes) >= 14


def test_the_table_gives_each_state_its_status_at_the_moment():
    table = membership_table_html(MEMBERS, "2010", lang="en")
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td>", table)
    assert len(rows) == 15
    assert ("Georgia", "Former member (left)") in rows
    assert ("Turkmenistan", "Associate member") in rows


def test_the_table_follows_the_kazakh_alphabet():
    table = membership_table_html(MEMBERS, "2025-10-10", lang="kk")
    names = re.findall(r"<th scope=\"row\">(.*?)</th>", table)
    assert names.index("Қазақстан") < names.index("Латвия") < names.index("Өзбекстан")


def test_the_table_marks_wikipedia_only_dates_and_explains_the_mark():
    table = membership_table_html(MEMBERS, "1994", lang="en")
    assert "20 April 1994*" in table  # Kazakhstan's Charter ratification
    assert "Wikipedia copies only" in table and "Dushanbe" in table


def test_the_table_escapes_markup_in_the_data():
    members = copy.deepcopy(MEMBERS)
    members["states"][0]["note"] = {lang: "<script>alert(1)</script> & co" for lang in LANGS}
    table = membership_table_html(members, "2010", lang="kk")
    assert "<script>" not in table and "&lt;script&gt;" in table and "&amp; co" in table


def test_the_loader_rejects_a_status_the_org_does_not_define(data_copy):
    text = (DATA / "members.yaml").read_text("utf-8")
    broken = text.replace(
        "{from: '2009-08-18', status: former}", "{from: '2009-08-18', status: left}"
    )
    (data_copy / "members.yaml").write_text(broken, "utf-8")
    with pytest.raises(DataError) as err:
        load_members(data_copy)
    assert (err.value.entry, err.value.field) == ("GEO", "cis.2.status")


def test_the_loader_rejects_a_day_that_only_looks_like_a_month(data_copy):
    text = (DATA / "members.yaml").read_text("utf-8")
    broken = text.replace(
        "{from: '1993-12', status: signatory", "{from: '1993-12-00', status: signatory"
    )
    (data_copy / "members.yaml").write_text(broken, "utf-8")
    with pytest.raises(DataError, match="1993-12-00"):
        load_members(data_copy)


def test_the_builder_moves_crimea_to_ukraine_and_dissolves_the_perekop_line():
    build = _builder()
    features = {f["properties"]["iso3"]: f for f in build.build(_tiny_topology(), TINY)["features"]}
    ukraine = features["UKR"]["geometry"]
    assert ukraine["type"] == "Polygon"  # mainland and peninsula merged into one ring
    assert _inside((34.5, 45.0), ukraine["coordinates"][0])
    russia = features["RUS"]["geometry"]["coordinates"]
    assert not any(_inside((34.5, 45.0), poly[0]) for poly in russia)


def test_the_builder_shifts_russia_east_of_180_degrees_instead_of_wrapping():
    build = _builder()
    features = build.build(_tiny_topology(), TINY)["features"]
    russia = next(f for f in features if f["properties"]["iso3"] == "RUS")
    lons = [lon for poly in russia["geometry"]["coordinates"] for ring in poly for lon, _ in ring]
    assert min(lons) == 40 and max(lons) == 190


def test_running_the_builder_twice_writes_the_same_bytes(tmp_path):
    source = tmp_path / "countries.json"
    source.write_text(json.dumps(_tiny_topology()), "utf-8")
    script = str(DATA / "geo" / "build_geojson.py")
    code = (
        "import importlib.util, json, sys\n"
        f"spec = importlib.util.spec_from_file_location('b', {script!r})\n"
        "b = importlib.util.module_from_spec(spec); spec.loader.exec_module(b)\n"
        f"topo = json.loads(open({str(source)!r}, encoding='utf-8').read())\n"
        f"sys.stdout.write(b.dumps(b.build(topo, {TINY!r})))\n"
    )
    # Different hash seeds would expose any dependence on set or dict-of-str ordering.
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                       env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]  # fmt: skip
    assert runs[0] == runs[1] and b'"iso3":"UKR"' in runs[0]


@pytest.mark.parametrize("org", ORGS)
def test_a_hatched_state_keeps_its_status_colour_under_the_hatching(org):
    # plotly.js draws a pattern on a transparent ground unless fillmode is "overlay"
    template = FIGS[org, "kk"].layout.template
    assert template.data.scatter[0].fillpattern.fillmode == "overlay"
    assert all(t.fillcolor for t in FIGS[org, "kk"].data if t.fill != "none")


@pytest.mark.parametrize(("org", "lang"), list(FIGS))
def test_every_moments_caption_is_wrapped_and_the_map_has_room_above_for_the_longest(org, lang):
    fig = FIGS[(org, lang)]
    captions = [fig.layout.title.subtitle.text]
    captions += [step.args[1]["title.subtitle.text"] for step in fig.layout.sliders[0].steps]
    lines = [caption.split("<br>") for caption in captions]
    assert max(len(line) for caption in lines for line in caption) <= 68
    assert fig.layout.margin.t == 75 + 20 * (max(len(c) for c in lines) - 1)
    assert fig.layout.height - fig.layout.margin.t == 700 - 75  # the map itself keeps its size
