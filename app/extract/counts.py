"""Counts: numbers in digits or words, ranges and approximations, with the counted noun.

"seven Ukrainian unmanned aerial vehicles" gives value 7 and noun "Ukrainian
unmanned aerial vehicles"; "15 to 20 percent" gives 15..20; "at least 107"
gives >=107 with qualifier "at least"; "dozens of" gives >=24.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "a": 1, "an": 1, "a dozen": 12, "dozen": 12}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 10**12, "bn": 10**9, "m": 10**6, "k": 1_000, "mn": 10**6}
NUMBER_WORDS = frozenset(w for w in list(UNITS) + list(TENS) if len(w) > 2 and w != "dozen")
VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000,
         "tens of thousands": 20_000, "hundreds of thousands": 200_000, "millions": 2_000_000,
         "billions": 2 * 10**9, "several": 3, "a few": 3, "a handful": 3, "numerous": 10}
QUALIFIERS = {
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "a minimum of": ">=",
    "more than": ">", "over": ">", "upwards of": ">", "in excess of": ">", "above": ">",
    "at most": "<=", "up to": "<=", "no more than": "<=", "as many as": "<=",
    "less than": "<", "fewer than": "<", "under": "<", "below": "<", "nearly": "~",
    "almost": "~", "about": "~", "around": "~", "roughly": "~", "approximately": "~",
    "some": "~", "an estimated": "~", "estimated": "~", "close to": "~", "just over": ">",
    "just under": "<", "well over": ">",
}
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
