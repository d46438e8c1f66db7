"""Dates the model does not tag: days named relative to the story and durations as adjectives.

"The following day", "the previous evening", "the next morning" date an event
relative to another one the article tells (``relative_to: event``); "a
month-long war", "an 11-year lull", "a 48-hour ceasefire" are durations that
are themselves claims. Both are dates in ``../shared/eval/GUIDE.md``.
"""

from __future__ import annotations

import re

from app.extract import lexicon
from app.extract.candidates import Found

_UNITS = r"(?:minute|hour|day|night|week|weekend|month|year|decade|century)"
_RELATIVE_DAY = re.compile(
    r"\b(?:the\s+)?(?:following|next|previous|preceding|same|prior)\s+"
    r"(?:day|morning|afternoon|evening|night|week|weekend|month|year)\b", re.I)
_NUMBER = "|".join(sorted(lexicon.table("counts", "units"), key=len, reverse=True))
_DURATION_ADJECTIVE = re.compile(
    rf"\b(?:(?:\d+(?:\.\d+)?|{_NUMBER}|several|multi|half)[- ]{_UNITS}(?:[- ]long)?"
    rf"|{_UNITS}s?[- ]long)\b(?![- ]old)(?=\s+[a-z])", re.I)


_DAY_PART = re.compile(
    r"\b(?:(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+"
    r"(?:morning|afternoon|evening|night)|overnight|last\s+night|tonight"
    r"|(?:that|this|the\s+same)\s+(?:morning|afternoon|evening))\b")
_WEEKDAY_ON = re.compile(r"^on\s+", re.I)
# "30,000 barrels a day", "12 a week": a rate, not a date
_RATE = re.compile(r"^(?:a|an|per|each)\s+(?:second|minute|hour|day|night|week|month|year)$",
                   re.I)
_NUMBER_BEFORE = re.compile(rf"(?:\d|\b(?:{_NUMBER}))\s*(?:[A-Za-z%$-]+\s+){{0,3}}$", re.I)


# "about 9.40am AEDT", "3.52am", "around 10:30pm", "at 23:40", "(2240 GMT)": a clock time that
# dates an event; the model often reads the stop-separated British form as a number
_CLOCK = re.compile(
    r"\b(?:(?:about|around|approximately|shortly after|shortly before|just after|just before)"
    r"\s+)?"
    r"(?:\d{1,2}[.:]\d{2}\s?(?:[ap]\.m\.|[ap]m\b|[AP]M\b)|\d{4}(?=\s(?:GMT|UTC)\b)"
    r"|(?<=\bat\s)\d{1,2}:\d{2}\b|(?<=\baround\s)\d{1,2}:\d{2}\b)"
    r"(?:\s+(?:[A-Z]{1,4}T|UTC|local time)\b)?")  # a zone: "AEDT", "GMT", not "NATO"


def clock_times(text: str) -> list[Found]:
    """Clock times with their qualifier and time zone, as dates of kind ``time``."""
    return [Found("date", m.start(), m.end(), None, {"kind": "time"}, rank=-1)
            for m in _CLOCK.finditer(text)]


def relative_dates(text: str) -> list[Found]:
    """ "The following day", "the previous evening": dated from an event, not a calendar;
    "Thursday evening", "overnight", "that evening": a part of a day told in the story."""
    out = [Found("date", m.start(), m.end(), None, {"relative_to": "event"}, rank=-1)
           for m in _RELATIVE_DAY.finditer(text)]
    for m in _DAY_PART.finditer(text):
        on = _WEEKDAY_ON.match(m.group())
        start = m.start() + (len(on.group()) if on else 0)
        out.append(Found("date", start, m.end(), None, {"relative": "true"}, rank=-2))
    return out


def is_rate(text: str, start: int, end: int) -> bool:
    """Whether the date ``text[start:end]`` is the period of a rate after a number ("30,000
    barrels a day", "about 12 a week"), which the count holds, not a date."""
    return bool(_RATE.match(text[start:end])) \
        and bool(_NUMBER_BEFORE.search(text[max(0, start - 40):start]))


def duration_adjectives(text: str) -> list[Found]:
    """ "a month-long war", "an 11-year lull", "a 48-hour ceasefire"."""
    out = []
    for m in _DURATION_ADJECTIVE.finditer(text):
        out.append(Found("date", m.start(), m.end(), None, {"duration": m.group().lower()},
                         rank=-1))
    return out
