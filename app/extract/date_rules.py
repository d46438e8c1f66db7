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


def relative_dates(text: str) -> list[Found]:
    """ "The following day", "the previous evening": dated from an event, not a calendar."""
    return [Found("date", m.start(), m.end(), None, {"relative_to": "event"}, rank=-1)
            for m in _RELATIVE_DAY.finditer(text)]


def duration_adjectives(text: str) -> list[Found]:
    """ "a month-long war", "an 11-year lull", "a 48-hour ceasefire"."""
    out = []
    for m in _DURATION_ADJECTIVE.finditer(text):
        out.append(Found("date", m.start(), m.end(), None, {"duration": m.group().lower()},
                         rank=-1))
    return out
