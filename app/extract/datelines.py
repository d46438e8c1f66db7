"""The article's own date: its metadata, or a date on a line of its own near the top.

Relative dates ("Tuesday", "last week") resolve against it during extraction, and
the claim library dates a worksheet's claims with it, so that two reports of one
night are found to disagree. Kept apart from the extractor so that the library can
read it without loading the language pipeline.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from app.document.model import Article

__all__ = ["DATELINE", "PLACE_DATELINE", "article_date", "dateline", "published_or_dateline"]


def article_date(article: Article) -> date | None:
    """The publication date of an article when it holds one (``YYYY-MM-DD...``)."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", article.published or "")
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


_DATE = (r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
         r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}"
         r"|\d{4}-\d{2}-\d{2})")
# "Thursday, January 12, 2006" on a line of its own
DATELINE = re.compile(rf"^\s*(?P<date>{_DATE})\s*$")
# "Bucharest, 4 October 2025", "Kyiv, Ukraine, May 4, 2024": a release's place-and-date line
PLACE_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}},\s+){{1,2}}(?P<date>{_DATE})\s*$")


def dateline(text: str) -> date | None:
    """The date on a line of its own among the first lines ("Thursday, January 12, 2006").

    News and wire copy often carry the publication date this way; with it, "Tuesday"
    and "last week" in the article resolve to real dates.
    """
    from app.extract import dates

    lines = [line for line in text[:2000].splitlines() if line.strip()][:4]
    for line in lines:
        match = DATELINE.match(line) or PLACE_DATELINE.match(line)
        if len(line) > 60 or not match:
            continue
        value = dates.normalize_date(match.group("date"), None).value
        if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    return None


def published_or_dateline(article: Article) -> str:
    """The published date the article carries, else its dateline (``YYYY-MM-DD``), else ""."""
    if article.published:
        return article.published
    when = _dateline_of(article.text[:2000])
    return "" if when is None else when.isoformat()


@lru_cache(maxsize=16)
def _dateline_of(head: str) -> date | None:
    # one worksheet's claims are recorded one by one: read its first lines once
    return dateline(head)
