"""What a claim states, in comparable form: places, systems, actors, dates and counts.

The extractor already normalizes checkables (ISO dates, numbers, canonical
system names); this module turns them into keys two claims can be compared
on. Places lose "the", "region" and compass words ("the Belgorod Region" and
"Belgorod" are one place), actors become sets of terms ("Russia's defence
ministry" and "the Russian Ministry of Defense" share all theirs), dates
become day intervals (a year-less "October 19th" takes the article's year),
counts become intervals with what they count: the counted noun and the words
around the number ("killed", "shot down"), so 12 dead and 12 injured are not
one count.

Facts are computed once when a claim is indexed and stored as JSON beside it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.library.text import fold, terms

PLACE_NOISE = frozenset({
    "the", "region", "oblast", "province", "governorate", "district", "county", "city", "town",
    "village", "area", "state", "prefecture", "municipality", "krai", "republic", "of",
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "outskirts", "province's",
})
CONTEXT_BEFORE = 3
CONTEXT_AFTER = 4
INFINITY = math.inf
YEARLESS = 4  # a leap year, for "29 February" without a year


@dataclass(frozen=True, slots=True)
class Count:
    """A count as an interval of values with what it counts."""

    low: float
    high: float
    approximate: bool
    noun: tuple[str, ...]        # terms of the counted noun phrase, head last
    context: frozenset[str]      # terms around the number, the noun included
    unit: str = ""
    vague: bool = False
    neighbours: tuple[str, str] = ("", "")  # the terms right before and right after
    said: str = ""               # the count as written ("at least 26")
    what: str = ""               # the counted noun as written ("Ukrainian drones")

    @property
    def nominal(self) -> float:
        """The figure as stated: 107 for "at least 107", 209 for "up to 209"."""
        if self.high == INFINITY:
            return self.low
        if self.approximate and self.low == 0:
            return self.high
        return (self.low + self.high) / 2

    def to_json(self) -> list[Any]:
        return [_num(self.low), _num(self.high), self.approximate, list(self.noun),
                sorted(self.context), self.unit, self.vague, list(self.neighbours), self.said,
                self.what]

    @classmethod
    def from_json(cls, data: list[Any]) -> Count:
        low, high, approximate, noun, context, unit, vague, neighbours, said, what = data
        before, after = neighbours
        return cls(_float(low), _float(high), bool(approximate), tuple(noun),
                   frozenset(context), str(unit), bool(vague), (str(before), str(after)),
                   str(said), str(what))


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date as an interval of proleptic ordinal days (``date.toordinal``)."""

    low: int
    high: int
    said: str = ""  # as written ("on Thursday")

    @property
    def is_day(self) -> bool:
        return self.high - self.low <= 1


@dataclass(slots=True)
class Facts:
    places: frozenset[str] = frozenset()
    systems: frozenset[str] = frozenset()
    actors: tuple[frozenset[str], ...] = ()
    dates: tuple[DateSpan, ...] = ()
    counts: tuple[Count, ...] = ()
    published: int | None = None  # the article's publication day, for claims without a date
    anchors: frozenset[str] = field(default=frozenset())

    def to_json(self) -> dict[str, Any]:
        return {
            "places": sorted(self.places), "systems": sorted(self.systems),
            "actors": [sorted(a) for a in self.actors],
            "dates": [[d.low, d.high, d.said] for d in self.dates],
            "counts": [c.to_json() for c in self.counts],
            "published": self.published,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        return make_facts(
            places=frozenset(data.get("places", ())),
            systems=frozenset(data.get("systems", ())),
            actors=tuple(frozenset(a) for a in data.get("actors", ())),
            dates=tuple(DateSpan(int(d[0]), int(d[1]), str(d[2])) for d in data.get("dates", ())),
            counts=tuple(Count.from_json(c) for c in data.get("counts", ())),
            published=data.get("published"),
        )

    @property
    def event_days(self) -> tuple[DateSpan, ...]:
        """The claim's own dates, else the week before the article was published."""
        if self.dates:
            return self.dates
        if self.published is not None:
            return (DateSpan(self.published - 7, self.published),)
        return ()


def make_facts(*, places: frozenset[str] = frozenset(), systems: frozenset[str] = frozenset(),
               actors: tuple[frozenset[str], ...] = (), dates: tuple[DateSpan, ...] = (),
               counts: tuple[Count, ...] = (), published: int | None = None) -> Facts:
    """Facts with their anchor keys: what an event can be recognised by."""
    anchors = {f"p:{p}" for p in places} | {f"s:{s}" for s in systems}
    anchors |= {f"a:{' '.join(sorted(a))}" for a in actors}
    return Facts(places, systems, actors, dates, counts, published, frozenset(anchors))


def _num(value: float) -> float | str:
    return "inf" if value == INFINITY else value


def _float(value: float | str) -> float:
    return INFINITY if value == "inf" else float(value)


# ---------------------------------------------------------------- normalizing checkables


def place_key(name: str) -> str:
    """ "The Belgorod Region" → ``belgorod``; "southern Ukraine" → ``ukraine``."""
    words = [w.strip(".,'") for w in re.split(r"[\s\-]+", fold(name))]
    kept = [w.removesuffix("'s") for w in words if w and w not in PLACE_NOISE]
    return " ".join(kept) or " ".join(w for w in words if w)


def actor_key(name: str) -> frozenset[str]:
    return frozenset(terms(name))


def system_key(value: str) -> str:
    return " ".join(fold(value).replace("-", "").split())


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")


def date_span(value: str, published: date | None) -> DateSpan | None:
    """An ISO date, month, year, ``a/b`` interval or year-less ``--MM-DD`` as days."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = date_span(first, published), date_span(last, published)
        if a is None or b is None or b.high < a.low:
            return None
        return DateSpan(a.low, b.high)
    try:
        if m := _ISO_DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3])).toordinal()
            return DateSpan(day, day)
        if m := _ISO_MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            first_day = date(year, month, 1).toordinal()
            following = date(year + month // 12, month % 12 + 1, 1).toordinal()
            return DateSpan(first_day, following - 1)
        if m := _ISO_YEAR.match(value):
            year = int(m[1])
            return DateSpan(date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal())
        if m := _NO_YEAR.match(value):
            if published is None:
                # No year anywhere: placed in a year no news comes from, so two year-less
                # "19 October"s meet and never meet a real date.
                when = date(YEARLESS, int(m[1]), int(m[2]))
            else:
                when = date(published.year, int(m[1]), int(m[2]))
                if (when - published).days > 31:  # "19 December" in a January article
                    when = date(published.year - 1, int(m[1]), int(m[2]))
            return DateSpan(when.toordinal(), when.toordinal())
    except ValueError:
        return None
    return None


_REPORTED = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}|announced|reported|stated|confirmed|added|wrote"
    r"|declared|posted|tweeted)\s+(?:on\s+|late\s+|early\s+)*$", re.I)
_COUNT = re.compile(r"^(?P<sign>>=|<=|>|<|~)?(?P<a>\d+(?:\.\d+)?)(?:\.\.(?P<b>\d+(?:\.\d+)?))?$")


def count_interval(value: str) -> tuple[float, float, bool] | None:
    """``"7"`` → (7, 7); ``">=107"`` → (107, inf); ``"~300"`` → (270, 330, approximate)."""
    m = _COUNT.match(value.strip())
    if not m:
        return None
    a = float(m["a"])
    if m["b"] is not None:
        return a, float(m["b"]), False
    sign = m["sign"] or ""
    if sign in (">=", ">"):
        return a, INFINITY, True
    if sign in ("<=", "<"):
        return 0.0, a, True
    if sign == "~":
        return a * 0.9, a * 1.1, True
    return a, a, False


def count_fact(claim_text: str, start: int, end: int, value: str,
               attributes: dict[str, str]) -> Count | None:
    """A count checkable (offsets relative to the claim text) as a :class:`Count`."""
    interval = count_interval(value)
    if interval is None:
        return None
    low, high, approximate = interval
    noun_terms = tuple(terms(attributes.get("noun", "")))
    before = [t for t in terms(claim_text[:start]) if not t[:1].isdigit()][-CONTEXT_BEFORE:]
    after = [t for t in terms(claim_text[end:]) if not t[:1].isdigit()]
    after = after[:CONTEXT_AFTER + len(noun_terms)]
    context = frozenset(before) | frozenset(after) | frozenset(noun_terms)
    neighbours = (before[-1] if before else "", after[0] if after else "")
    return Count(low, high, approximate, noun_terms, context, attributes.get("unit", ""),
                 bool(attributes.get("vague")), neighbours, claim_text[start:end],
                 attributes.get("noun", ""))


_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d,]\d)")


def _loose_numbers(claim_text: str, taken: list[tuple[int, int]]) -> list[Count]:
    """Figures written in digits that no checkable covers ("Only 98 aid trucks").

    The extractor misses some counts (a number before a system name, a range
    in words); a figure in digits is still what a checker compares, so it is
    kept as an exact count with the words around it. Years and figures inside
    dates are left out.
    """
    out = []
    for m in _DIGITS.finditer(claim_text):
        start, end = m.span()
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        whole = m.group(1).replace(",", "")
        if len(whole) == 4 and 1900 <= int(whole) <= 2100 and not m.group(2):
            continue
        value = f"{whole}.{m.group(2)}" if m.group(2) else whole
        tail = claim_text[end:end + 12].lower()
        unit = "percent" if tail.lstrip().startswith(("%", "percent", "per cent")) else ""
        count = count_fact(claim_text, start, end, value, {"unit": unit} if unit else {})
        if count is not None:
            out.append(count)
    return out


def facts_from_checkables(claim_text: str, claim_start: int, checkables: list[dict[str, Any]],
                          published: date | None) -> Facts:
    """Facts from checkables given as dicts (type, start, end, text, value, attributes)."""
    places: set[str] = set()
    systems: set[str] = set()
    actors: list[frozenset[str]] = []
    dates: list[DateSpan] = []
    said_on: list[DateSpan] = []
    counts: list[Count] = []
    taken: list[tuple[int, int]] = []
    for k in checkables:
        kind, value, text = k.get("type"), k.get("value") or "", k.get("text") or ""
        attributes = k.get("attributes") or {}
        if kind in ("count", "date", "system"):
            taken.append((int(k.get("start", 0)), int(k.get("end", 0))))
        if kind == "location":
            key = place_key(value or text)
            if key:
                places.add(key)
        elif kind == "system":
            if value or text:
                systems.add(system_key(value or text))
        elif kind == "actor":
            key_terms = actor_key(value or text)
            if key_terms and key_terms not in actors:
                actors.append(key_terms)
        elif kind == "date" and value:
            span = date_span(value, published)
            if span is None:
                continue
            start = int(k.get("start", 0))
            if _REPORTED.search(claim_text[max(0, start - 40):max(0, start)]):
                # "the ministry said on Monday": when it was said, which is at best
                # the day of the event or the day after
                said_on.append(DateSpan(span.low - 1, span.high, text))
            else:
                dates.append(DateSpan(span.low, span.high, text))
        elif kind == "count" and value:
            start = int(k.get("start", 0)) - claim_start
            end = int(k.get("end", 0)) - claim_start
            if 0 <= start <= end <= len(claim_text):
                count = count_fact(claim_text, start, end, value, attributes)
                if count is not None:
                    counts.append(count)
    counts.extend(_loose_numbers(claim_text, taken))
    return make_facts(places=frozenset(places), systems=frozenset(systems),
                      actors=tuple(actors), dates=tuple(dates or said_on), counts=tuple(counts),
                      published=None if published is None else published.toordinal())


def published_date(value: str) -> date | None:
    """The day an article was published, from the start of an ISO timestamp."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
