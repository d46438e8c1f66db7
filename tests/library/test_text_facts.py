"""Normalized text and facts: what matching and conflicts compare."""

from __future__ import annotations

from datetime import date

from app.library.facts import (
    INFINITY,
    count_interval,
    date_span,
    facts_from_checkables,
    place_key,
)
from app.library.scoring import counts_agree, text_similarity
from app.library.text import normalized


def test_normalized_text_folds_spelling_numbers_synonyms_and_designations() -> None:
    a = normalized("Seven Ukrainian UAVs were downed, Russia's Ministry of Defence said.")
    b = normalized("The Russian defense ministry said 7 Ukrainian drones were shot down.")
    assert set(a.split()) == set(b.split())
    assert normalized("S-300 and Pantsir-S1 systems") == "s300 pantsirs1 system"
    assert normalized("on October 19th") == "octob 19"
    assert normalized("Kyiv’s défense") == "kyiv defens"


def test_place_keys_drop_articles_region_words_and_compass_points() -> None:
    assert place_key("The Belgorod Region") == place_key("Belgorod") == "belgorod"
    assert place_key("southern Ukraine") == "ukraine"
    assert place_key("Kharkiv Oblast") == "kharkiv"


def test_dates_become_day_intervals() -> None:
    published = date(2024, 1, 10)
    day = date(2023, 10, 19).toordinal()
    span = date_span("2023-10-19", None)
    assert span is not None and (span.low, span.high) == (day, day)
    month = date_span("2023-10", None)
    assert month is not None and month.high - month.low == 30
    yearless = date_span("--12-19", published)
    assert yearless is not None and date.fromordinal(yearless.low) == date(2023, 12, 19)
    interval = date_span("2023-10-01/2023-10-05", None)
    assert interval is not None and interval.high - interval.low == 4
    assert date_span("not a date", None) is None


def test_count_values_become_intervals() -> None:
    assert count_interval("7") == (7, 7, False)
    assert count_interval(">=107") == (107, INFINITY, True)
    assert count_interval("15..20") == (15, 20, False)
    low, high, approximate = count_interval("~300") or (0, 0, False)
    assert approximate and low < 300 < high
    assert count_interval("many") is None


def _count(text: str, number: str, value: str, noun: str = "people"):  # type: ignore[no-untyped-def]
    start = text.index(number)
    facts = facts_from_checkables(text, 0, [{"type": "count", "start": start,
                                             "end": start + len(number), "text": number,
                                             "value": value, "attributes": {"noun": noun}}],
                                  None)
    return facts.counts[0]


def test_counts_agree_as_stated_with_leeway_for_approximate_figures() -> None:
    seven = _count("seven drones were shot down", "seven", "7", "drones")
    nine = _count("nine drones were shot down", "nine", "9", "drones")
    at_least_40 = _count("killed at least 40 people", "at least 40", ">=40")
    at_least_12 = _count("killed at least 12 people", "at least 12", ">=12")
    forty_one = _count("killed 41 people", "41", "41")
    assert not counts_agree(seven, nine)
    assert counts_agree(seven, _count("7 drones were shot down", "7", "7", "drones"))
    assert not counts_agree(at_least_40, at_least_12)   # two reports of one toll
    assert counts_agree(at_least_40, forty_one)
    assert counts_agree(_count("between 100 and 300 people", "100 and 300", "100..300"),
                        _count("killed 250 people", "250", "250"))


def test_figures_in_digits_the_extractor_missed_are_still_counts() -> None:
    facts = facts_from_checkables("Only 98 aid trucks entered Gaza in 2024.", 0, [], None)
    assert [c.nominal for c in facts.counts] == [98]  # the year is not a count


def test_reporting_dates_are_kept_apart_from_event_dates() -> None:
    text = "The ministry said on Monday that 5 people died on Sunday."
    checkables = [
        {"type": "date", "start": text.index("Monday"), "end": text.index("Monday") + 6,
         "text": "Monday", "value": "2024-03-04", "attributes": {}},
        {"type": "date", "start": text.index("Sunday"), "end": text.index("Sunday") + 6,
         "text": "Sunday", "value": "2024-03-03", "attributes": {}},
    ]
    facts = facts_from_checkables(text, 0, checkables, None)
    assert [d.said for d in facts.dates] == ["Sunday"]


def test_wording_similarity_ranks_a_paraphrase_above_another_claim() -> None:
    a = normalized("Seven Ukrainian drones were shot down over Belgorod on Thursday.")
    b = normalized("Russian air defences downed 7 Ukrainian UAVs above Belgorod on Thursday.")
    c = normalized("Wheat prices in Chicago rose 3 percent on Monday.")
    assert text_similarity(a, b) > 0.5 > text_similarity(a, c)
