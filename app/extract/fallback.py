"""Checkables by patterns alone, for the blank pipeline (no entities, no parse).

When no English model is installed, extraction still finds dates, counts,
regions, known cities and countries, and institutions by regular expressions,
so the checker gets a partial checklist and a visible warning instead of none.
"""

from __future__ import annotations

import re
from datetime import date

from app.extract import counts, dates, places
from app.extract.candidates import Found
from app.extract.labels import YEARISH

_MONTH_NAMES = "|".join(m.capitalize() for m in dates.MONTH_NAMES)
_WEEKDAY_NAMES = "|".join(d.capitalize() for d in dates.WEEKDAY_NAMES)
_RULE_DATE = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTH_NAMES})(?:\s+\d{{4}})?|(?:{_MONTH_NAMES})\s+\d{{4}}"
    rf"|(?:{_WEEKDAY_NAMES})|yesterday|today"
    r"|(?:in|over)\s+the\s+(?:past|last)\s+\d+\s+(?:hours|days|weeks|months|years)"
    r"|(?:in|since|until)\s+(?:19|20)\d\d)\b")
_RULE_COUNT = re.compile(
    r"(?<![\w-])(?:(?:at least|more than|over|nearly|almost|about|around|up to|some)\s+)?"
    r"(?:\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per cent|million|billion|thousand))?"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)"
    r"(?:\s+(?:hundred|thousand|million))?)(?![\w-])", re.I)
_RULE_INSTITUTION = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][\w-]+\s+){0,3}(?:Ministry|Department|General Staff|Government|"
    r"Army|Navy|Council|Committee|Agency)(?:\s+of(?:\s+[A-Z][\w-]+)+)?")


def rules_only(text: str, article_date: date | None) -> list[Found]:
    """Dates, counts, regions, cities and institutions found by patterns alone."""
    out: list[Found] = []
    for m in _RULE_DATE.finditer(text):
        norm = dates.normalize_date(m.group(), article_date)
        out.append(Found("date", m.start(), m.end(), norm.value, norm.attributes, rank=2))
    for m in _RULE_COUNT.finditer(text):
        if YEARISH.match(m.group()):
            continue
        amount = counts.normalize_count(m.group())
        out.append(Found("count", m.start(), m.end(), amount.value, amount.attributes, rank=2))
    book = places.place_book()
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b", text):
        code = book.cities.get(m.group().lower()) or places.COUNTRY_ALIASES.get(m.group().lower())
        if code:
            out.append(Found("location", m.start(), m.end(), m.group(), {"country": code}, rank=3))
    for m in _RULE_INSTITUTION.finditer(text):
        s = m.start() + (4 if m.group().startswith("the ") else 0)
        out.append(Found("actor", s, m.end(), text[s:m.end()], {"kind": "organisation"}, rank=2))
    return out
