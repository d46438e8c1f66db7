"""Metadata values are reduced to the forms the worksheet stores."""

from __future__ import annotations

import pytest

from app.importers.metadata import Metadata, iso_date, language_code


@pytest.mark.parametrize(("raw", "expected"), [
    ("2023-10-19", "2023-10-19"),
    ("2023-10-19T14:05:00+03:00", "2023-10-19"),
    ("D:20231019140500+03'00'", "2023-10-19"),
    ("20231019", "2023-10-19"),
    ("19 October 2023", "2023-10-19"),
    ("Oct. 19, 2023", "2023-10-19"),
    ("October 2023", ""),        # no day: not invented
    ("2023-02-30", ""),          # no such day
    ("yesterday", ""),
    ("", ""),
])
def test_iso_date(raw: str, expected: str) -> None:
    assert iso_date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("en-GB", "en"), ("ru_RU", "ru"), ("UK", "uk"), ("", ""), ("english", ""), ("x-klingon", ""),
])
def test_language_code(raw: str, expected: str) -> None:
    assert language_code(raw) == expected


def test_cleaned_collapses_whitespace_and_merge_keeps_found_values() -> None:
    found = Metadata(title="  Seven\n drones ", published="19 October 2023", language="en-US")
    cleaned = found.cleaned()
    assert (cleaned.title, cleaned.published, cleaned.language) == (
        "Seven drones", "2023-10-19", "en")
    cleaned.merge(Metadata(title="Other", author="Jane Doe"))
    assert (cleaned.title, cleaned.author) == ("Seven drones", "Jane Doe")
