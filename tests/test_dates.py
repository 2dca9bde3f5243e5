import re

import pytest
from tmdkit._dates import end_of, format_date, format_range, month_name, parse_date, to_plotly

EN_MONTHS = tuple(month_name(m, "en") for m in range(1, 13))
KK_MONTHS = tuple(month_name(m, "kk") for m in range(1, 13))
ENGLISH = re.compile("|".join(EN_MONTHS + tuple(m[:3] for m in EN_MONTHS)), re.IGNORECASE)


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("1991-12-21", "kk", "1991 жылғы 21 желтоқсан"),
        ("2008-10", "kk", "2008 жылғы қазан"),
        ("2015", "kk", "2015 жыл"),
        ("1991-12-21", "ru", "21 декабря 1991 г."),
        ("2008-10", "ru", "октябрь 2008 г."),
        ("2015", "ru", "2015 г."),
        ("1991-12-21", "en", "21 December 1991"),
        ("2008-10", "en", "October 2008"),
        ("2015", "en", "2015"),
    ],
)
def test_each_precision_is_written_the_way_each_language_writes_it(value, lang, shown):
    assert format_date(value, lang) == shown


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_month_name_appears_in_kazakh_or_russian_dates(lang):
    for month in range(1, 13):
        for value in (f"2007-{month:02d}-05", f"2007-{month:02d}"):
            assert not ENGLISH.search(format_date(value, lang)), value


def test_every_kazakh_month_has_its_own_name():
    shown = [format_date(f"2007-{m:02d}", "kk").removeprefix("2007 жылғы ") for m in range(1, 13)]
    assert shown == list(KK_MONTHS) and len(set(shown)) == 12


def test_russian_uses_the_genitive_after_a_day_and_the_nominative_alone():
    assert format_date("2007-05-20", "ru") == "20 мая 2007 г."
    assert format_date("2007-05", "ru") == "май 2007 г."


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("value", ["1993-12", "2015-08", "2008-10"])
def test_a_month_precision_value_is_never_shown_with_a_day(value, lang):
    shown = format_date(value, lang)
    assert re.findall(r"\d+", shown) == [value[:4]]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_year_precision_value_is_shown_as_the_year_alone(lang):
    assert re.findall(r"\d+", format_date("2022", lang)) == ["2022"]
    assert not ENGLISH.search(format_date("2022", lang))


def test_a_date_cannot_be_shown_finer_than_it_is_known():
    with pytest.raises(ValueError, match="month"):
        format_date("2008-10", "en", precision="day")
    with pytest.raises(ValueError, match="year"):
        format_date("2015", "kk", precision="month")


def test_a_date_can_be_shown_coarser_than_it_is_known():
    assert format_date("2015-10-16", "en", precision="year") == "2015"


@pytest.mark.parametrize("bad", ["2007-02-30", "2007-13", "1991/12/21", "91-12-21", "", "2007-2-3"])
def test_impossible_or_malformed_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        format_date("2007", "de")


def test_axis_positions_are_the_first_day_of_a_month_or_year():
    assert [to_plotly(v) for v in ("2007-10-05", "2008-10", "2015")] == [
        "2007-10-05",
        "2008-10-01",
        "2015-01-01",
    ]


def test_the_end_of_a_month_or_year_is_its_last_day():
    assert [str(end_of(v)) for v in ("2008-02", "2008-12", "2015", "2007-10-05")] == [
        "2008-02-29",
        "2008-12-31",
        "2015-12-31",
        "2007-10-05",
    ]


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("kk", "2006 жылғы 21–22 шілде"),
        ("ru", "21–22 июля 2006 г."),
        ("en", "21–22 July 2006"),
    ],
)
def test_a_range_inside_one_month_names_the_month_once(lang, shown):
    assert format_range("2006-07-21", "2006-07-22", lang) == shown


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("kk", "2006 жылғы 25 қаңтар – 2008 жылғы қазан"),
        ("ru", "25 января 2006 г. – октябрь 2008 г."),
        ("en", "25 January 2006 – October 2008"),
    ],
)
def test_each_end_of_a_range_keeps_its_own_precision(lang, shown):
    assert format_range("2006-01-25", "2008-10", lang) == shown


def test_a_range_without_an_end_is_its_start_date():
    assert format_range("2026-01-19", None, "en") == "19 January 2026"
