import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from tmdkit._data import DataError
from tmdkit._dates import end_of, parse_date, precision_of
from tmdkit._events import load_timeline

FIXTURES = ROOT / "tests" / "fixtures" / "events"
EVENTS, CATEGORIES, ERAS = load_timeline()

# Every event id of the checked fact sheet (facts/events.yaml); other files refer to these ids.
FACT_SHEET_IDS = [
    "belavezha_accords", "ashgabat_central_asia_meeting", "alma_ata_protocol",
    "alma_ata_declaration", "cis_charter_adopted", "georgia_joins_cis", "eurasec_treaty",
    "turkmenistan_associate", "uzbekistan_joins_eurasec", "kazakhstan_cis_chairmanship_2006_2007",
    "informal_summit_moscow_2006", "informal_summit_st_petersburg_2007", "dushanbe_summit_2007",
    "kyrgyzstan_cis_chairmanship_2008", "eurasec_customs_union_treaty_2007",
    "informal_summit_moscow_2008", "georgia_withdrawal_decision", "uzbekistan_suspends_eurasec",
    "bishkek_summit_2008", "georgia_withdrawal_effective", "customs_union_launch",
    "single_economic_space", "ukraine_2014_cis_steps", "eaeu_treaty_signed", "eurasec_termination",
    "kazakhstan_cis_chairmanship_2015", "eaeu_in_force", "armenia_joins_eaeu",
    "kyrgyzstan_joins_eaeu", "ukraine_recalls_cis_representatives",
    "kazakhstan_cis_chairmanship_2022", "moldova_withdrawal_process",
    "collective_security_treaty_signed", "cst_extension_1999", "csto_charter_signed",
    "uzbekistan_csto_suspended", "armenia_csto_frozen",
]  # fmt: skip
# The fact sheet's essay_link.sentences, for every event that has any.
FACT_SHEET_SENTENCES = {
    "belavezha_accords": [15], "ashgabat_central_asia_meeting": [15], "alma_ata_protocol": [1, 15],
    "alma_ata_declaration": [16], "georgia_joins_cis": [15], "eurasec_treaty": [11, 12, 13, 14],
    "uzbekistan_joins_eurasec": [13], "kazakhstan_cis_chairmanship_2006_2007": [4, 5, 10],
    "informal_summit_moscow_2006": [5, 10], "informal_summit_st_petersburg_2007": [7, 8, 9],
    "dushanbe_summit_2007": [6], "kyrgyzstan_cis_chairmanship_2008": [10],
    "informal_summit_moscow_2008": [10], "uzbekistan_suspends_eurasec": [12, 13],
    "bishkek_summit_2008": [10], "eurasec_termination": [11, 12, 13, 14],
}  # fmt: skip
# Periods the lesson needs on top of the fact sheet, with the dates FACTS.md gives.
PERIODS = {
    "eurasec_period": ("2001-05-30", "2015-01-01"),
    "uzbekistan_in_eurasec": ("2006-01-25", "2008-10"),
    "georgia_in_cis": ("1993-12", "2009-08-18"),
    "kazakhstan_cis_chairmanship_2006_2007": ("2006-05-20", "2007-10-05"),
    "kyrgyzstan_cis_chairmanship_2008": ("2007-10-05", "2008-10-10"),
}
BY_ID = {e.id: e for e in EVENTS}


def test_every_fact_sheet_event_is_in_the_data_under_its_own_id():
    assert set(FACT_SHEET_IDS) <= set(BY_ID)
    assert set(BY_ID) - set(FACT_SHEET_IDS) == set(PERIODS) - set(FACT_SHEET_IDS)


def test_event_ids_are_unique():
    assert [i for i, n in Counter(e.id for e in EVENTS).items() if n > 1] == []


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.id)
def test_every_event_has_a_source(event):
    assert event.sources and all(s.strip() for s in event.sources)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.id)
def test_every_date_is_real_and_written_at_its_stated_precision(event):
    assert parse_date(event.start)[1] == precision_of(event.start) == event.precision
    if event.end is not None:
        assert precision_of(event.end) == event.end_precision
        assert parse_date(event.end)[0] >= parse_date(event.start)[0]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.id)
def test_every_event_lies_in_a_known_lane_and_names_real_essay_sentences(event):
    assert event.category in {c.id for c in CATEGORIES}
    assert all(1 <= n <= 16 for n in event.essay)


@pytest.mark.parametrize(("eid", "numbers"), FACT_SHEET_SENTENCES.items())
def test_every_sentence_the_fact_sheet_ties_to_an_event_is_linked(eid, numbers):
    assert set(numbers) <= set(BY_ID[eid].essay)


@pytest.mark.parametrize(("eid", "span"), PERIODS.items())
def test_the_periods_run_from_and_to_the_dates_of_the_fact_sheet(eid, span):
    assert (BY_ID[eid].start, BY_ID[eid].end) == span


def test_month_and_year_dates_of_the_fact_sheet_stay_month_and_year():
    assert BY_ID["georgia_joins_cis"].precision == "month"
    assert BY_ID["kyrgyzstan_joins_eaeu"].precision == "month"
    assert BY_ID["uzbekistan_suspends_eurasec"].precision == "month"
    assert BY_ID["kazakhstan_cis_chairmanship_2015"].precision == "year"
    assert BY_ID["kazakhstan_cis_chairmanship_2022"].precision == "year"


def test_the_reported_moldovan_withdrawal_is_flagged_as_unverified():
    moldova = BY_ID["moldova_withdrawal_process"]
    assert moldova.reported and [e.id for e in EVENTS if e.reported] == [moldova.id]
    assert "unverified" in moldova.verification["en"]


def test_the_kyrgyz_chairmanship_says_its_exact_handover_is_not_verified():
    assert "not verified" in BY_ID["kyrgyzstan_cis_chairmanship_2008"].verification["en"]


def test_events_after_the_essay_are_marked_and_earlier_ones_are_not():
    assert all(e.since_essay for e in EVENTS if parse_date(e.start)[0].year >= 2009)
    assert not any(e.since_essay for e in EVENTS if end_of(e.end or e.start).year < 2008)


def test_every_category_has_its_own_symbol_and_colour_and_every_era_a_label():
    assert (
        len({c.symbol for c in CATEGORIES})
        == len({c.colour for c in CATEGORIES})
        == len(CATEGORIES)
    )
    assert [r.id for r in ERAS] == ["essay_period", "since_essay"]


def test_the_security_events_of_the_fact_sheet_have_their_own_category():
    found = {e.category for e in EVENTS if e.id.startswith(("collective_security", "cst", "csto"))}
    assert found == {"security"}
    assert BY_ID["collective_security_treaty_signed"].start == "1992-05-15"
    assert BY_ID["csto_charter_signed"].start == "2002-10-07"
    assert "18 September 2003" in BY_ID["csto_charter_signed"].description["en"]


def test_the_broken_fixtures_differ_from_a_valid_file_that_loads(data_copy: Path):
    shutil.copy(FIXTURES / "valid.yaml", data_copy / "events.yaml")
    assert [e.id for e in load_timeline(data_copy)[0]] == ["good_event", "dushanbe"]


@pytest.mark.parametrize(
    ("fixture", "entry", "field"),
    [
        ("missing-field", "missing_sources", "sources"),
        ("wrong-type", "unquoted_date", "start"),
        ("bad-date", "no_such_day", "start"),
        ("end-before-start", "backwards", "end"),
        ("duplicate-id", "good_event", "id"),
        ("unknown-category", "summits_lane", "category"),
        ("day-precision-month-string", "georgia_month", "precision"),
        ("year-precision-day-string", "year_as_day", "precision"),
        ("end-precision-mismatch", "bad_end_precision", "end_precision"),
        ("no-source", "no_source", "sources"),
    ],
)
def test_a_broken_events_file_names_the_file_the_event_and_the_field(
    data_copy: Path, fixture, entry, field
):
    shutil.copy(FIXTURES / f"{fixture}.yaml", data_copy / "events.yaml")
    with pytest.raises(DataError) as caught:
        load_timeline(data_copy)[0]
    err = caught.value
    assert (err.file, err.entry, err.field) == ("data/events.yaml", entry, field)
    assert f'events.yaml: {entry}: field "{field}"' in str(err)
