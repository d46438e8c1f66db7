"""Date normalization: absolute forms, intervals, and relative forms against the article date."""

from __future__ import annotations

from datetime import date

import pytest

from app.extract.dates import normalize_date
from tests.extract.conftest import spans

PUBLISHED = date(2024, 3, 15)  # a Friday


@pytest.mark.parametrize(("text", "value"), [
    ("12 June 2022", "2022-06-12"),
    ("June 12, 2022", "2022-06-12"),
    ("Sunday, 3 April 2016", "2016-04-03"),
    ("August 1998", "1998-08"),
    ("2011", "2011"),
    ("2003-05", "2003/2005"),
    ("7-9 May 2019", "2019-05-07/2019-05-09"),
])
def test_absolute_dates_need_no_article_date(text: str, value: str) -> None:
    assert normalize_date(text, None).value == value


@pytest.mark.parametrize(("text", "value"), [
    ("Tuesday", "2024-03-12"),
    ("yesterday", "2024-03-14"),
    ("in the past 24 hours", "2024-03-14/2024-03-15"),
    ("last week", "2024-03-04/2024-03-10"),
    ("last year", "2023"),
    ("February 2", "2024-02-02"),
    ("December 30", "2023-12-30"),  # a month after publication is taken as last year
])
def test_relative_dates_resolve_against_the_article_date(text: str, value: str) -> None:
    result = normalize_date(text, PUBLISHED)
    assert result.value == value
    assert result.attributes.get("resolved_from") == "2024-03-15"


@pytest.mark.parametrize("text", ["Tuesday", "yesterday", "in the past 24 hours", "within hours"])
def test_relative_dates_without_article_date_are_marked_relative(text: str) -> None:
    result = normalize_date(text, None)
    assert result.value is None
    assert result.attributes["relative"] == "true"


def test_day_and_month_without_year_keep_what_is_known() -> None:
    result = normalize_date("March 4th", None)
    assert result.value == "--03-04"
    assert result.attributes["year"] == "unknown"


def test_dates_in_a_sentence_are_found_and_resolved() -> None:
    text = "The convoy was attacked on Tuesday, two days after talks collapsed in 2019."
    dates = spans(text, "date", PUBLISHED)
    assert dates["Tuesday"].value == "2024-03-12"
    assert any(f.value == "2019" for f in dates.values())


def test_a_dateline_under_the_headline_dates_the_article() -> None:
    from app.extract import extract
    from app.extract.extractor import dateline

    text = ("Floods cut rail line in Styria\nWednesday, March 4, 2009\n\n"
            "The regional government said on Monday that 23 bridges were closed near Graz.\n")
    assert dateline(text) == date(2009, 3, 4)
    assert dateline("The strike on 4 May 2020 killed 3 people.\nMore text.") is None
    values = [k.value for c in extract(text) for k in c.checkables if k.type.value == "date"]
    assert "2009-03-02" in values  # "Monday" before that Wednesday


def test_a_bare_duration_is_not_a_date() -> None:
    assert not spans("Repairs are expected to take weeks at the Zaporizhzhia plant.", "date")
    assert "within hours" in spans("The fire spread within hours to Kherson.", "date")


def test_a_model_date_with_nothing_of_a_date_in_it_is_dropped() -> None:
    text = "The frigate (F 71) joined Task Group 50 on 4 March 2021."
    dated = spans(text, "date")
    assert "4 March 2021" in dated
    assert all(any(ch.isalpha() and ch.islower() for ch in t) or "March" in t for t in dated)


def test_a_clock_time_is_not_resolved_to_a_day_or_counted() -> None:
    text = "Polls closed at 22:30 in Tallinn, the commission said on 4 March 2019."
    assert not any("22" in t for t in spans(text, "count"))
    assert all(f.value is None for t, f in spans(text, "date").items() if "22" in t)


@pytest.mark.parametrize("text", ["48 hours", "an 11-year", "just ten days", "four hours earlier"])
def test_durations_are_not_resolved_to_a_day(text: str) -> None:
    value = normalize_date(text, date(2021, 6, 15))
    assert value.value is None
    assert "duration" in value.attributes


def test_ago_still_resolves() -> None:
    assert normalize_date("two days ago", date(2021, 6, 15)).value == "2021-06-13"


def test_a_date_with_alternatives_is_one_date() -> None:
    found_dates = spans("The ferry sank on March 3 or 4 near Flores.", "date",
                        published=date(2025, 3, 9))
    assert found_dates["March 3 or 4"].value == "2025-03-03/2025-03-04"


def test_days_relative_to_the_story_and_duration_adjectives_are_dates() -> None:
    text = ("The following day, divers found the wreck; a week-long search and a 72-hour "
            "truce followed, and a 9-year-old girl survived.")
    found_dates = spans(text, "date")
    assert found_dates["The following day"].attributes["relative_to"] == "event"
    assert any("week-long" in d for d in found_dates)
    assert "72-hour" in found_dates
    assert not any("year-old" in d for d in found_dates)  # an age, not a date


def test_parts_of_a_day_told_in_the_story_are_dates() -> None:
    dates = spans("Shells hit Kherson overnight, and a drone struck a bus on Tuesday evening. "
                  "Crews cleared the road that afternoon.", "date")
    assert {"overnight", "Tuesday evening", "that afternoon"} <= set(dates)


def test_the_period_of_a_rate_is_not_a_date() -> None:
    dates = spans("Shipments through Constanta reached 30,000 barrels a day in 2023, or about "
                  "900,000 barrels a month.", "date")
    assert "a month" not in dates and "a day" not in dates
    assert "2023" in dates
    assert "a month" in spans("The siege lasted a month.", "date")


def test_clock_times_with_a_stop_or_a_zone_are_dates_not_counts() -> None:
    text = ("The ferry sent a distress call at about 9.40am AEST, and the last survivor was "
            "found at 6.15pm; the blast came around 23:40.")
    dates = spans(text, "date")
    assert {"about 9.40am AEST", "6.15pm", "around 23:40"} <= set(dates)
    assert all(d.attributes.get("kind") == "time" for d in dates.values())
    assert not spans(text, "count")


def test_a_time_in_gmt_is_a_date_and_its_zone_no_actor() -> None:
    text = "The drone struck at 1:40 a.m. (2240 GMT Tuesday), and at 9.40am NATO said so."
    assert "2240 GMT" in spans(text, "date")
    assert "9.40am" in spans(text, "date")
    assert set(spans(text, "actor")) == {"NATO"}
