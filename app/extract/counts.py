"""Counts: numbers in digits or words, ranges and approximations, with the counted noun.

"seven Ukrainian unmanned aerial vehicles" gives value 7 and noun "Ukrainian
unmanned aerial vehicles"; "15 to 20 percent" gives 15..20; "at least 107"
gives >=107 with qualifier "at least"; "dozens of" gives >=24.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.extract import lexicon

UNITS: dict[str, int] = lexicon.table("counts", "units")
TENS: dict[str, int] = lexicon.table("counts", "tens")
SCALES: dict[str, int] = lexicon.table("counts", "scales")
NUMBER_WORDS = frozenset(w for w in list(UNITS) + list(TENS) if len(w) > 2 and w != "dozen")
VAGUE: dict[str, int] = lexicon.table("counts", "vague")
QUALIFIERS: dict[str, str] = lexicon.table("counts", "qualifiers")
_QUALIFIER_RE = re.compile(
    r"(?:^|\s)(?P<q>" + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
    + r")\s+$", re.I)
_VAGUE_RE = re.compile(
    r"\b(?P<v>(?:tens|hundreds) of thousands|dozens|hundreds|thousands|millions|billions)"
    r"(?=\s+of\b)", re.I)
_RANGE = re.compile(
    r"^(?P<a>\d[\d,.]*|.+?(?=\s))(?:\s*[-–]\s*(?=\d)|\s+(?:to|and|or)\s+)(?P<b>[^-–]+)$")
_NUM = re.compile(r"^[£$€]?\s*(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>[a-z]+)?\b", re.I)


@dataclass(slots=True)
class CountValue:
    value: str | None
    attributes: dict[str, str] = field(default_factory=dict)


def parse_number(text: str) -> float | None:
    """A number in digits or words: "8,000", "2.5 million", "forty-two", "half a million"."""
    t = text.lower().replace("\u00a0", " ").strip(" .,")
    if not t:
        return None
    t = t.replace("half a million", "500000").replace("half a billion", "500000000")
    m = _NUM.match(t)
    if m:
        try:
            number = float(m.group("n").replace(",", ""))
        except ValueError:
            return None
        scale = (m.group("scale") or "").lower()
        return number * SCALES.get(scale, 1)
    total: float = 0
    current: float = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in ("and",):
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES and word not in ("m", "k", "bn", "mn"):
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None if not seen else total + current
        seen = True
    return total + current if seen else None


def _fmt(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}"


def normalize_count(text: str, qualifier: str = "") -> CountValue:
    """The value of a count expression (without its noun)."""
    attributes: dict[str, str] = {}
    t = text.replace("\u00a0", " ").strip()
    low = t.lower()
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if low.startswith(q + " "):
            qualifier, low, t = q, low[len(q) + 1:], t[len(q) + 1:]
            break
    if qualifier:
        attributes["qualifier"] = qualifier
    for vague, guess in VAGUE.items():
        if low == vague or low.startswith(vague + " of"):
            attributes["vague"] = vague
            return CountValue(f">={guess}" if guess >= 10 else f"~{guess}", attributes)
    if "%" in low or "percent" in low or "per cent" in low:
        attributes["unit"] = "percent"
        low = low.replace("per cent", "").replace("percent", "").replace("%", "").strip()
    for symbol, unit in (("$", "USD"), ("£", "GBP"), ("€", "EUR")):
        if symbol in low:
            attributes["unit"] = unit
            low = low.replace(symbol, "")
    range_match = _RANGE.match(low)
    if range_match:
        a: float | None = parse_number(range_match.group("a"))
        b: float | None = parse_number(range_match.group("b"))
        if a is not None and b is not None:
            if a < b and b >= 1000 and a < 1000 and range_match.group("b").split()[-1] in SCALES:
                a *= SCALES[range_match.group("b").split()[-1]]
            return CountValue(f"{_fmt(a)}..{_fmt(b)}", attributes)
    number = parse_number(low)
    if number is None:
        return CountValue(None, attributes)
    sign = QUALIFIERS.get(qualifier, "")
    return CountValue(f"{sign}{_fmt(number)}", attributes)


def counted_noun(doc: Any, start: int, end: int) -> str:
    """The noun phrase a number counts: its syntactic head with the head's modifiers."""
    for token in doc[start:end]:
        if token.dep_ in ("nummod", "quantmod") and token.head.i >= end:
            head = token.head
            break
    else:
        last = doc[end - 1]
        if end < len(doc) and doc[end].lower_ == "of" and end + 1 < len(doc):
            objects = [t for t in doc[end].children if t.dep_ == "pobj"]
            if objects:
                head = objects[0]
            else:
                return ""
        elif last.pos_ == "NOUN" and last.dep_ != "nummod":
            return last.text
        else:
            return ""
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.i >= end:
            left = min(left, child.i)
    return doc[left:head.i + 1].text


def vague_counts(text: str) -> list[tuple[int, int]]:
    """Character spans of vague quantities before "of" ("dozens of", "tens of thousands of")."""
    return [(m.start("v"), m.end("v")) for m in _VAGUE_RE.finditer(text)]


def qualifier_before(text: str, start: int) -> tuple[int, str]:
    """Extend a count leftwards over "at least", "more than", ...: (new start, qualifier)."""
    window = text[max(0, start - 20):start]
    m = _QUALIFIER_RE.search(window)
    if not m:
        return start, ""
    return start - (len(window) - m.start("q")), m.group("q").lower()
