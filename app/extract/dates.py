"""Normalizing date expressions to ISO 8601 dates or intervals.

Common absolute forms ("October 19th", "19 October 2023", "July 21, 2016",
"May 2006", "1991", "1980-88") are parsed here directly, which is fast and
predictable. Relative expressions ("Tuesday", "yesterday", "last year", "in
the past 24 hours", "within hours") are resolved against the article's
publication date when it is known, and marked relative otherwise. Anything
else goes to ``dateparser`` (loaded lazily; it is slow to import).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from app.extract import lexicon

MONTH_NAMES = lexicon.ordered("dates", "months")  # calendar order
WEEKDAY_NAMES = lexicon.ordered("dates", "weekdays")  # Monday first, as date.weekday()
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(WEEKDAY_NAMES)}
_MONTH_NAMES_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<month>" + _MONTH_NAMES_RE + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_PATTERNS = [
    re.compile(rf"^(?:\w+,?\s+)?{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}$", re.I),  # July 21, 2016
    re.compile(rf"^(?:\w+,?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$", re.I),  # 4 February 2015
    re.compile(rf"^(?:the\s+)?(?:\w+,?\s+)?{_MONTH}\s+{_DAY}$", re.I),  # October 19th
    re.compile(rf"^(?:the\s+)?(?:\w+,?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}$", re.I),  # 19 December
    re.compile(rf"^(?:early\s+|late\s+|mid-?\s*)?{_MONTH},?\s+{_YEAR}$", re.I),  # May 2006
    re.compile(rf"^(?:in\s+|since\s+|by\s+)?{_YEAR}$", re.I),  # 1991
    # February
    re.compile(rf"^(?:early\s+|late\s+|mid-?\s*|last\s+|this\s+|next\s+)?{_MONTH}$", re.I),
]
_YEAR_RANGE = re.compile(r"^(?:from\s+)?(?P<a>\d{4})\s*(?:-|–|to|until)\s*(?P<b>\d{2,4})$", re.I)
_DAY_RANGE = re.compile(
    rf"^(?P<a>\d{{1,2}})\s*(?:-|–|to)\s*(?P<b>\d{{1,2}})\s+{_MONTH},?\s+{_YEAR}$", re.I)
# "March 3 or 4", "3 or 4 March 2025", "March 3-4": one date with alternatives, an interval
_OR = r"(?:st|nd|rd|th)?\s*(?:or|and|to|-|–|/)\s*"
_ALTERNATIVE_DAYS = re.compile(
    rf"^(?:on\s+)?(?:{_MONTH}\s+(?P<a>\d{{1,2}}){_OR}(?P<b>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<a2>\d{{1,2}}){_OR}(?P<b2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?P<month2>{_MONTH_NAMES_RE})\.?)(?:,?\s+{_YEAR})?$", re.I)
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "hour": 1 / 24, "minute": 1 / 1440}
_PAST_SPAN = re.compile(
    r"^(?:in\s+|over\s+|during\s+|for\s+|within\s+)?(?:the\s+)?(?:past|last|previous|recent)\s+"
    r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|ten|twelve|several|few)?\s*"
    r"(?P<unit>hour|day|week|month|year)s?$", re.I)
_DURATION = re.compile(
    r"^(?:(?:within|in|for|over|after|about|around|just|some|nearly|almost|only|another"
    r"|up to|an?)\s+)*"
    r"(?P<span>(?:an?|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|fifteen|twenty|thirty|forty|fifty|sixty|several|few|a few|many|some)"
    r"[\s-]+(?:more\s+)?(?:minute|hour|day|week|month|year|decade)s?)"
    r"(?:\s+(?P<rel>earlier|later|before|after|long|old|previously))?$", re.I)
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "ten": 10, "twelve": 12, "several": 3, "few": 3}


@dataclass(slots=True)
class DateValue:
    """A normalized date: ``value`` is ISO (date, month, year or ``a/b`` interval) or None."""

    value: str | None
    attributes: dict[str, str] = field(default_factory=dict)


def normalize_date(text: str, article_date: date | None) -> DateValue:
    """Normalize one date expression found in an article published on ``article_date``."""
    t = " ".join(text.replace("’", "'").split()).strip(" .,")
    low = t.lower()
    absolute = _absolute(t, article_date)
    if absolute is not None:
        return absolute
    relative = _relative(low, article_date)
    if relative is not None:
        return relative
    duration = _DURATION.match(low)
    if duration:
        # "48 hours", "an 11-year lull", "four hours earlier": a length of time, or a time
        # relative to an event the sentence names, never a day that dateparser should guess
        attributes = {"duration": duration.group("span")}
        if duration.group("rel"):
            attributes["relative_to"] = "event"
        return DateValue(None, attributes)
    if article_date is None:
        return DateValue(None, {"relative": "true"})
    parsed = _dateparser(t, article_date)
    if parsed is None:
        return DateValue(None, {"relative": "true"})
    return DateValue(parsed.isoformat(), {"resolved_from": article_date.isoformat()})


def _absolute(t: str, article_date: date | None) -> DateValue | None:
    m = _ISO.match(t)
    if m:
        return DateValue(t)
    alternatives = _alternative_days(t, article_date)
    if alternatives is not None:
        return alternatives
    m = _DAY_RANGE.match(t)
    if m:
        in_month = MONTHS[m.group("month").lower().rstrip(".")]
        in_year = int(m.group("year"))
        try:
            a = date(in_year, in_month, int(m.group("a")))
            b = date(in_year, in_month, int(m.group("b")))
        except ValueError:
            return None
        return DateValue(f"{a.isoformat()}/{b.isoformat()}")
    m = _YEAR_RANGE.match(t)
    if m:
        first, last = m.group("a"), m.group("b")
        if len(last) == 2:
            last = first[:2] + last
        if first < last:
            return DateValue(f"{first}/{last}")
    for pattern in _PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        parts = m.groupdict()
        year: str | None = parts.get("year")
        day: str | None = parts.get("day")
        if parts.get("month") is None:
            return DateValue(year) if year and 1000 <= int(year) <= 2100 else None
        month = MONTHS[parts["month"].lower().rstrip(".")]
        attributes: dict[str, str]
        if year is None:
            if article_date is None:
                partial = f"--{month:02d}" + (f"-{int(day):02d}" if day else "")
                return DateValue(partial, {"relative": "true", "year": "unknown"})
            year = str(_year_near(article_date, month))
            attributes = {"resolved_from": article_date.isoformat()}
        else:
            attributes = {}
        if day is None:
            return DateValue(f"{year}-{month:02d}", attributes)
        try:
            return DateValue(date(int(year), month, int(day)).isoformat(), attributes)
        except ValueError:
            return None
    return None


def _alternative_days(t: str, article_date: date | None) -> DateValue | None:
    """ "March 3 or 4" as the interval of its two days, with the year when it is known."""
    m = _ALTERNATIVE_DAYS.match(t)
    if not m:
        return None
    month_name = (m.group("month") or m.group("month2")).lower().rstrip(".")
    month = MONTHS[month_name]
    first, last = int(m.group("a") or m.group("a2")), int(m.group("b") or m.group("b2"))
    if not 1 <= first < last <= 31:
        return None
    attributes = {"alternatives": "true"}
    year = m.group("year")
    if year is None and article_date is not None:
        year = str(_year_near(article_date, month))
        attributes["resolved_from"] = article_date.isoformat()
    if year is None:
        attributes.update({"relative": "true", "year": "unknown"})
        return DateValue(f"--{month:02d}-{first:02d}/--{month:02d}-{last:02d}", attributes)
    try:
        a, b = date(int(year), month, first), date(int(year), month, last)
    except ValueError:
        return None
    return DateValue(f"{a.isoformat()}/{b.isoformat()}", attributes)


def _year_near(article_date: date, month: int) -> int:
    """A month without a year is the most recent one up to a month after publication."""
    return article_date.year - 1 if month > article_date.month + 1 else article_date.year


def _relative(low: str, ref: date | None) -> DateValue | None:
    rel = {"relative": "true"}
    if ref is not None:
        rel = {"resolved_from": ref.isoformat()}
    simple = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "last night": -1, "tomorrow": 1}
    for prefix in ("", "early hours of ", "the early hours of ", "late "):
        if low.startswith(prefix) and low[len(prefix):] in simple:
            if ref is None:
                return DateValue(None, rel)
            return DateValue((ref + timedelta(days=simple[low[len(prefix):]])).isoformat(), rel)
    words = low.replace("early hours of ", "").replace("the ", "").split()
    if words and words[-1] in WEEKDAYS and len(words) <= 3:
        if ref is None:
            return DateValue(None, rel)
        back = (ref.weekday() - WEEKDAYS[words[-1]]) % 7
        if words[0] == "next":
            forward = (WEEKDAYS[words[-1]] - ref.weekday()) % 7 or 7
            return DateValue((ref + timedelta(days=forward)).isoformat(), rel)
        if words[0] == "last" and back == 0:
            back = 7
        return DateValue((ref - timedelta(days=back)).isoformat(), rel)
    for phrase, years in (("last year", -1), ("this year", 0), ("next year", 1)):
        if low == phrase or low == "the " + phrase:
            return DateValue(str(ref.year + years), rel) if ref else DateValue(None, rel)
    for phrase, months in (("last month", -1), ("this month", 0), ("next month", 1)):
        if low == phrase:
            if ref is None:
                return DateValue(None, rel)
            y, mth = divmod(ref.year * 12 + ref.month - 1 + months, 12)
            return DateValue(f"{y}-{mth + 1:02d}", rel)
    for phrase, weeks in (("last week", -1), ("this week", 0), ("next week", 1)):
        if low == phrase:
            if ref is None:
                return DateValue(None, rel)
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=weeks)
            sunday = monday + timedelta(days=6)
            return DateValue(f"{monday.isoformat()}/{sunday.isoformat()}", rel)
    m = _PAST_SPAN.match(low)
    if m:
        n = m.group("n") or "1"
        count = int(n) if n.isdigit() else _SMALL[n]
        if ref is None:
            return DateValue(None, rel)
        start = ref - timedelta(days=max(1, round(count * _UNIT_DAYS[m.group("unit")])))
        return DateValue(f"{start.isoformat()}/{ref.isoformat()}", rel)
    if re.match(r"^(?:within|in|for|over)\s+(?:hours|days|weeks|months|minutes)$", low):
        return DateValue(None, {**rel, "duration": low.split()[-1]})
    return None


@cache
def _dateparser_module():  # type: ignore[no-untyped-def]
    import dateparser

    return dateparser


def warm_up() -> None:
    """Import dateparser ahead of time so the first article does not pay for it."""
    _dateparser_module().parse("3 March 2020", languages=["en"])


def _dateparser(text: str, ref: date) -> date | None:
    from datetime import datetime

    settings = {"RELATIVE_BASE": datetime(ref.year, ref.month, ref.day),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    try:
        parsed = _dateparser_module().parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


_DATE_WORD = re.compile(
    r"\b(?:\d{4}|" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS)
    + r"|today|tonight|yesterday|tomorrow|now|ago|morning|afternoon|evening|night|noon|midnight"
    r"|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)|minutes?|seconds?|weekend"
    r"|spring|summer|autumn|fall|winter|season|quarter|period|era|dawn|dusk|time"
    r"|ramadan|eid|christmas|easter|hajj|passover|hanukkah|diwali|nowruz|ashura|new year"
    r"|\d{1,2}(?:st|nd|rd|th)|\d{1,2}[:.]\d{2}|\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.))\b", re.I)


def has_date_word(text: str) -> bool:
    """Whether ``text`` holds anything of a date or time (a month, a year, "ago", "hours")."""
    return _DATE_WORD.search(text) is not None


_DAY_WORD = re.compile(
    r"\b(?:\d{4}|" + "|".join(MONTHS) + "|" + "|".join(WEEKDAYS)
    + r"|today|tonight|yesterday|tomorrow|last night|this morning|this afternoon|this evening)\b",
    re.I)


def has_day_word(text: str) -> bool:
    """Whether a time expression also names its day ("Tuesday evening", "last night")."""
    return _DAY_WORD.search(text) is not None
