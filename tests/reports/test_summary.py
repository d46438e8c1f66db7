"""Shared report numbers and labels: the printed title and readable checkable values."""

from __future__ import annotations

import pytest

from app.document.model import Article, Worksheet
from app.reports.summary import checkable_value


def _untitled(text: str) -> Worksheet:
    return Worksheet(article=Article(text=text))


def test_article_title_is_used_as_is_with_whitespace_collapsed() -> None:
    ws = Worksheet(article=Article(text="Body.", title="  A   title\nwith a break "))
    assert ws.title == "A title with a break"


def test_long_first_line_is_cut_at_a_whole_word() -> None:
    line = ("The Russian Ministry of Defense confirmed on October 19th that its air defense "
            "forces had shot down seven Ukrainian unmanned aerial vehicles.")
    title = _untitled(f"\n\n{line}\nSecond line.").title
    assert title.endswith("\u2026") and len(title) <= 91
    body = title[:-1]
    assert line.startswith(body)
    assert line[len(body)] == " "  # the cut falls between words, never inside one
    assert not body.endswith((" ", ","))


def test_short_first_line_and_empty_text() -> None:
    assert _untitled("  Short headline  \nBody text.").title == "Short headline"
    assert _untitled("   \n  ").title == "Untitled worksheet"


def test_one_very_long_word_is_still_shortened() -> None:
    title = _untitled("x" * 300).title
    assert title == "x" * 90 + "\u2026"


@pytest.mark.parametrize(("value", "attributes", "shown"), [
    ("--10-19", {"year": "unknown"}, "19 October (year: unknown)"),
    ("--02-01", {}, "1 February"),
    ("2023-10-19", {}, "2023-10-19"),
    ("--13-01", {}, "--13-01"),  # not a month: left as it is
    ("7", {"noun": "drones"}, "7 (noun: drones)"),
    (None, {"relative": "true"}, "(relative: true)"),
])
def test_checkable_values_read_naturally(value: str | None, attributes: dict[str, str],
                                         shown: str) -> None:
    assert checkable_value(attributes, value) == shown
