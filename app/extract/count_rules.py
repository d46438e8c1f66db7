"""Counts found in a parsed chunk: the model's numbers made into counts, and what it misses.

:func:`count` turns a number the model tagged into a count with its qualifier
("at least 107"), its glued scale ("24K", "£2m") and its counted noun;
:func:`number_words` adds number words the model leaves untagged ("eleven
drones"); :func:`vague_counts` adds "dozens of", "tens of thousands of".
Coordinates, fractions, clock times and "one" as a way of speaking ("in one
case") are not counts.
"""

from __future__ import annotations

import re
from typing import Any

from app.extract import counts, lexicon
from app.extract.candidates import Found, doc_text
from app.extract.tokens import positions

# "one" before these is a way of speaking, not a number of things
DISCOURSE_NOUNS = lexicon.words("counts", "discourse_nouns")
# "one resident said", "one official": a person speaking or acting, not a count
SOURCE_NOUNS = lexicon.words("counts", "source_nouns")
GLUED_SCALES = lexicon.words("counts", "glued_scales")

_COORDINATE = re.compile(r"^-?\d{1,3}\.\d{4,}$")
_FRACTION = re.compile(r"^\d+/\d+$")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?$", re.I)


def not_a_count(text: str) -> bool:
    """Coordinates, fractions and footnote marks that the model calls cardinals."""
    return bool(_COORDINATE.match(text) or _FRACTION.match(text) or _CLOCK.match(text)
                or "[" in text)


def one_another(doc: Any, end: int) -> bool:
    """ "from one village to another", "one after the other": a contrast, not a count."""
    stop = min(len(doc), end + 6)
    return any(doc[k].lower_ in ("another", "other") for k in range(end, stop))


def _money(doc: Any, start: int) -> bool:
    """A currency sign before the number: only then is a glued "m" millions, not metres."""
    return doc[start].text[:1] in "$£€" or (start > 0 and doc[start - 1].text in ("$", "£", "€"))


def count(doc: Any, start: int, end: int, label: str) -> Found:
    """The count over tokens ``start:end`` with its qualifier, scale letter and noun."""
    text = doc_text(doc)
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_ in GLUED_SCALES \
            and doc[end - 1].text[-1:].isdigit() and (doc[end].lower_ != "m" or _money(doc, start)):
        end += 1  # "24K gas masks", "£2m": the scale letter is part of the number
    cstart, cend = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    qstart, qualifier = counts.qualifier_before(text, cstart)
    span_text = text[cstart:cend]
    if qualifier and not span_text.lower().startswith(qualifier):
        cstart = qstart
    norm = counts.normalize_count(text[cstart:cend], "")
    noun = counts.counted_noun(doc, start, end)
    attrs = dict(norm.attributes)
    if noun:
        attrs["noun"] = noun
    if label == "MONEY":
        attrs.setdefault("unit", "money")
    return Found("count", cstart, cend, norm.value, attrs)


def number_words(doc: Any) -> list[Found]:
    """Number words the model leaves untagged ("destroyed eleven drones")."""
    out = []
    for index in positions(doc, counts.NUMBER_WORDS):
        token = doc[index]
        if token.ent_type_ or token.tag_ != "CD":
            continue
        out.append(count(doc, index, index + 1, "CARDINAL"))
    return out


def vague_counts(doc: Any) -> list[Found]:
    """ "dozens of", "tens of thousands of", with the noun they count."""
    out = []
    text = doc_text(doc)
    for s, e in counts.vague_counts(text):
        norm = counts.normalize_count(text[s:e])
        attrs = dict(norm.attributes)
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            noun = counts.counted_noun(doc, span.start, span.end)
            if noun:
                attrs["noun"] = noun
        out.append(Found("count", s, e, norm.value, attrs, rank=1))
    return out


GROUP_WORDS: dict[str, int] = lexicon.table("counts", "group_words")
FREQUENCY_WORDS: dict[str, int] = lexicon.table("counts", "frequency_words")
MULTIPLIERS: dict[str, float] = lexicon.table("counts", "multipliers")
IDENTIFIER_NOUNS = lexicon.words("counts", "identifier_nouns")
_QUALIFIER = r"(?:(?:nearly|almost|about|around|roughly|more than|less than|over|at least|" \
             r"at most|some|just over|just under|well over)\s+)?"
_COMPARISON = re.compile(
    _QUALIFIER + r"\b(?P<m>" + "|".join(sorted(map(re.escape, MULTIPLIERS), key=len, reverse=True))
    + r")\s+(?:as\s+(?:many|much|(?:high|large|long|big|great|heavy|fast|far|often))\b"
    r"|the\s+(?:[\w-]+\s+){0,2}?(?:average|number|total|range|rate|level|amount|size|figure|toll"
    r"|capacity|speed|distance|price|cost)\b)", re.I)
# "more than half of the patients", "between four and six drones"
_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen" \
          r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|dozens?)"
_SHARE_OF = re.compile(
    _QUALIFIER + r"\b(?P<f>half|a third|one-third|a quarter|two-thirds|three-quarters)\s+of\s+"
    r"(?:the|its|their|his|her|all|[A-Z][\w’'-]*['’]s)\s+(?:[\w-]+\s+){0,2}?[\w-]+", re.I)
_RANGE = re.compile(rf"\bbetween\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})\b", re.I)
FRACTIONS = {"half": 0.5, "a third": 1 / 3, "one-third": 1 / 3, "a quarter": 0.25,
             "two-thirds": 2 / 3, "three-quarters": 0.75}
_GROUP = re.compile(r"\b(?:an?|one|another)\s+(?P<g>" + "|".join(map(re.escape, GROUP_WORDS))
                    + r")\s+of\b", re.I)
# "Rs 8 lakh", "Rs200,000", "Tk 1,500 crore", "N50 million", "KSh 2 billion": money in
# currencies the model does not know by their sign; the naira's bare "N" only before a
# magnitude word, where it cannot be a road or a grid square
_LOCAL_MONEY = re.compile(
    r"(?<![\w.])(?:(?:Rs\.?|Tk\.?|KSh|Sh|₹|₦|৳|PKR|INR|BDT|NGN|KES)\s?\d(?:[\d,]*\d)?(?:\.\d+)?"
    r"(?:\s?(?:lakh|crore|million|billion|bn|m|k)\b)?"
    r"|N\d(?:[\d,]*\d)?(?:\.\d+)?\s?(?:million|billion|bn|trillion)\b)")
_FREQUENCY = re.compile(
    r"\b(?:(?:at least|more than|no more than|at most|only|just)\s+)?(?:once|twice|thrice)\b"
    r"(?!\s+(?:as|the|a|an|upon|again|more)\b)", re.I)


def phrase_counts(text: str) -> list[Found]:
    """Counts the model does not tag as numbers: comparisons ("nearly twice as many"),
    group words ("a trio of helicopters", "a pair of"), frequencies ("twice", "at least
    once"; "once" alone means "formerly" and is left out), money in rupees, taka, naira or
    shillings ("Rs 8 lakh", "N50 million")."""
    out = []
    for m in _COMPARISON.finditer(text):
        factor = MULTIPLIERS[m.group("m").lower()]
        qualifier = m.group().lower()[:m.start("m") - m.start()].strip()
        attrs = {"comparison": m.group("m").lower(), "unit": "times"}
        if qualifier:
            attrs["qualifier"] = qualifier
        value = f"{counts.QUALIFIERS.get(qualifier, '')}x{factor:g}"
        out.append(Found("count", m.start(), m.end(), value, attrs, rank=-1))
    for m in _SHARE_OF.finditer(text):
        share = FRACTIONS[m.group("f").lower()]
        qualifier = m.group().lower()[:m.start("f") - m.start()].strip()
        attrs = {"fraction": m.group("f").lower()}
        if qualifier:
            attrs["qualifier"] = qualifier
        out.append(Found("count", m.start(), m.end(),
                         f"{counts.QUALIFIERS.get(qualifier, '')}{share:.3g} of", attrs, rank=-1))
    for m in _RANGE.finditer(text):
        out.append(Found("count", m.start(), m.end(), f"{m.group('a')}-{m.group('b')}",
                         {"range": "true"}, rank=-1))
    for m in _GROUP.finditer(text):
        number = GROUP_WORDS[m.group("g").lower()]
        attrs = {"group": m.group("g").lower()}
        if m.group("g").lower() == "handful":
            attrs["vague"] = "a handful"
        out.append(Found("count", m.start(), m.end(), str(number), attrs, rank=-1))
    for m in _LOCAL_MONEY.finditer(text):
        out.append(Found("count", m.start(), m.end(), m.group(), {"unit": "money"}, rank=-1))
    for m in _FREQUENCY.finditer(text):
        word = m.group().lower().split()[-1]
        if word == "once" and " " not in m.group():
            continue
        times = FREQUENCY_WORDS.get(word, 1)
        how = m.group().lower().rsplit(" ", 1)[0] if " " in m.group() else ""
        attrs = {"unit": "times"}
        if how:
            attrs["qualifier"] = how
        out.append(Found("count", m.start(), m.end(), f"{counts.QUALIFIERS.get(how, '')}{times}",
                         attrs, rank=-1))
    return out


_PHONE_AFTER = re.compile(r"^[-.\s]?\d{3}[-.\s]\d{4}\b")


def identifier(doc: Any, start: int, end: int) -> bool:
    """ "posts 542 and 543", "Route 66", "Resolution 2254": a number naming a thing, not a
    count of things; also a telephone number ("973-285-6600") and a list item's number ("1."
    opening a line)."""
    text = doc_text(doc)
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if _PHONE_AFTER.match(text[e:e + 10]) or re.search(r"\d{3}[-.\s]$", text[max(0, s - 4):s]):
        return True
    line_start = text.rfind("\n", 0, s) + 1
    if not text[line_start:s].strip() and re.match(r"[.)]\s", text[e:e + 2]):
        return True  # "1. Russian forces ...": the list's numbering
    token = doc[start]
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head  # "543" in "posts 542 and 543"
    i = token.i
    if i == 0:
        return False
    prev = doc[i - 1]
    if prev.lower_ not in IDENTIFIER_NOUNS and not (prev.tag_ in ("NNS", "NN", "NNP")
                                                    and prev.text[:1].isupper()):
        return False
    return not any(doc[k].dep_ == "nummod" and doc[k].head.i >= end for k in range(start, end))
