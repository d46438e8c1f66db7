"""Typed checkables in one parsed chunk of an article.

spaCy's entities are the starting point; rules then add what the small model
misses (systems, institutions, regions, approximate counts) and correct what it
gets wrong (a city labelled as a person, an air-defence system labelled as an
organisation, "Ukraine's Kharkiv Oblast" labelled as an organisation). When
two candidates overlap, the more specific kind wins: a named system beats an
entity, a date or count beats a place or actor, the longer span beats the
shorter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.extract import counts, dates, places
from app.extract.actors import institution_spans, titled_start
from app.extract.systems import SystemFinder

PRIORITY = {"system": 0, "date": 1, "count": 2, "location": 3, "actor": 4}
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
BORDER_WORDS = frozenset({"border", "frontier", "front", "frontline", "front-line", "boundary",
                          "coast", "coastline", "region", "regions", "territory", "soil"})
DATE_PREPOSITIONS = frozenset({"for", "within", "in", "over", "during", "since", "until", "by"})
_YEARISH = re.compile(r"^(1[5-9]|20)\d\d$")
_PRONOUN_DATES = frozenset({"now", "currently", "recently", "once", "daily", "annual", "annually"})


@dataclass(slots=True)
class Found:
    """A checkable candidate with offsets into the chunk's text."""

    type: str
    start: int
    end: int
    value: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    rank: int = 0  # lower wins among overlapping candidates of the same priority


def find_checkables(doc: Any, finder: SystemFinder, article_date: date | None) -> list[Found]:
    """All checkables in ``doc``, non-overlapping, in text order."""
    text = doc.text
    found: list[Found] = []
    for m in finder.find(doc):
        attrs = {"category": m.category}
        if m.generic:
            attrs["generic"] = "true"
        found.append(Found("system", m.start, m.end, m.canonical, attrs, rank=1 if m.generic else 0))
    found.extend(_from_entities(doc, article_date))
    found.extend(_institutions(doc))
    found.extend(_vague_counts(doc))
    if not doc.has_annotation("ENT_IOB"):
        found.extend(rules_only(text, article_date))
    return _drop_counted_classes(_resolve(found, text), text)


def _drop_counted_classes(found: list[Found], text: str) -> list[Found]:
    """ "seven Ukrainian drones": the count already carries the platform as its noun."""
    out: list[Found] = []
    for f in found:
        if f.type == "system" and f.attributes.get("generic") and out and out[-1].type == "count" \
                and not text[out[-1].end:f.start].strip():
            continue
        out.append(f)
    return out


def _from_entities(doc: Any, article_date: date | None) -> list[Found]:
    out: list[Found] = []
    for ent in doc.ents:
        label = ent.label_
        start, end = ent.start_char, ent.end_char
        etext = ent.text
        if label in ("DATE", "TIME"):
            if etext.lower() in _PRONOUN_DATES or not any(c.isalnum() for c in etext):
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_ in DATE_PREPOSITIONS and len(ent) == 1 \
                    and etext.lower() in ("hours", "days", "weeks", "months", "years", "minutes"):
                start = doc[ent.start - 1].idx  # "for weeks", "within hours"
            span_text = doc.text[start:end]
            norm = dates.normalize_date(span_text, article_date)
            out.append(Found("date", start, end, norm.value, norm.attributes))
        elif label in COUNT_LABELS:
            if label == "CARDINAL" and _YEARISH.match(etext) and _year_context(doc, ent):
                norm = dates.normalize_date(etext, article_date)
                out.append(Found("date", start, end, norm.value, norm.attributes))
                continue
            out.append(_count(doc, ent.start, ent.end, label))
        elif label in LOCATION_LABELS:
            loc = _location(doc, ent)
            if loc is not None:
                out.append(loc)
        elif label == "ORG" or label == "PERSON":
            region = _region_tail(doc, ent)
            if region is not None:
                out.append(region)
            elif label == "PERSON" and places.is_known_place(etext):
                out.append(_place(doc, ent.start, ent.end))
            elif label == "PERSON" and _not_a_person(ent):
                continue
            elif label == "PERSON":
                left = titled_start(doc, ent.start)
                attrs = {"kind": "person"}
                if left < ent.start:
                    attrs["role"] = doc[left:ent.start].text
                out.append(Found("actor", doc[left].idx, end, etext, attrs))
            else:
                s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
                out.append(Found("actor", doc[s].idx, end, doc[s:ent.end].text,
                                 {"kind": "organisation"}))
    return out


def _not_a_person(ent: Any) -> bool:
    """spaCy calls some designators and all-capital acronyms people."""
    t = ent.text
    return any(ch.isdigit() for ch in t) or (t.isupper() and len(t) <= 5 and " " not in t)


def _year_context(doc: Any, ent: Any) -> bool:
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return prev in ("in", "since", "until", "by", "of", "from", "to", "after", "before", "during")


def _count(doc: Any, start: int, end: int, label: str) -> Found:
    text = doc.text
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


def _vague_counts(doc: Any) -> list[Found]:
    out = []
    for s, e in counts.vague_counts(doc.text):
        norm = counts.normalize_count(doc.text[s:e])
        attrs = dict(norm.attributes)
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            noun = counts.counted_noun(doc, span.start, span.end)
            if noun:
                attrs["noun"] = noun
        out.append(Found("count", s, e, norm.value, attrs, rank=1))
    return out


def _location(doc: Any, ent: Any) -> Found | None:
    tokens = list(ent)
    if len(tokens) == 1 and (tokens[0].tag_ == "JJ" or tokens[0].dep_ == "amod"):
        return None  # "Ukrainian" labelled GPE is an adjective
    if ent.text.lower() in places.DEMONYMS:
        return None
    return _place(doc, ent.start, ent.end)


def _place(doc: Any, start: int, end: int) -> Found:
    """A location, extended to "southern Ukraine" and "the Russia-Ukraine border"."""
    book = places.place_book()
    s, e = start, end
    if doc[s].lower_ == "the":
        s += 1
    if s > 0 and doc[s - 1].text in book.direction_words:
        s -= 1
    # "Russia-Ukraine border": place, hyphen, place, border word
    while e + 1 < len(doc) and doc[e].text in ("-", "–") and doc[e + 1].ent_type_ in LOCATION_LABELS:
        e += 2
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
    if e < len(doc) and doc[e].lower_ in ("border", "frontier", "coast", "coastline") \
            and (e > end or doc[e - 1].dep_ == "compound"):
        e += 1
    name = doc[s:e].text
    country = places.country_code(doc[start:end].text) or places.country_code(name)
    attrs = {"country": country} if country else {}
    return Found("location", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), name, attrs)


def _region_tail(doc: Any, ent: Any) -> Found | None:
    """ "Ukraine's Kharkiv Oblast" (an ORG to spaCy) is a region of Ukraine."""
    book = places.place_book()
    if ent[-1].text not in book.region_words or len(ent) < 2:
        return None
    start = ent.start
    country = None
    for tok in ent:
        if tok.text in ("’s", "'s") and tok.i + 1 < ent.end:
            country = places.country_code(doc[start:tok.i].text)
            start = tok.i + 1
    if doc[start].lower_ == "the":
        start += 1
    name = doc[start:ent.end].text
    country = country or places.country_code(name)
    attrs = {"country": country} if country else {}
    return Found("location", doc[start].idx, ent.end_char, name, attrs)


def _institutions(doc: Any) -> list[Found]:
    out = []
    for s, e in institution_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        out.append(Found("actor", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text),
                         doc[s:e].text, {"kind": "organisation"}, rank=1))
    return out


def _resolve(found: list[Found], text: str) -> list[Found]:
    """Drop overlapping candidates, keeping the most specific and then the longest."""
    kept: list[Found] = []
    ordered = sorted(found, key=lambda f: (PRIORITY[f.type], f.rank, -(f.end - f.start), f.start))
    for f in ordered:
        if f.end <= f.start or not text[f.start:f.end].strip():
            continue
        clash = [k for k in kept if f.start < k.end and k.start < f.end]
        if not clash:
            kept.append(f)
            continue
        # an institution rule ("Russian defense ministry") may widen an entity it contains
        k = clash[0]
        if len(clash) == 1 and f.type == k.type == "actor" and f.start <= k.start and f.end >= k.end:
            kept[kept.index(k)] = f
    return sorted(kept, key=lambda f: f.start)


# --- rules only: the blank pipeline has no entities and no parse ---------------------------

_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_RULE_DATE = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTH_NAMES})(?:\s+\d{{4}})?|(?:{_MONTH_NAMES})\s+\d{{4}}"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today"
    r"|(?:in|over)\s+the\s+(?:past|last)\s+\d+\s+(?:hours|days|weeks|months|years)"
    r"|(?:in|since|until)\s+(?:19|20)\d\d)\b")
_RULE_COUNT = re.compile(
    r"(?<![\w-])(?:(?:at least|more than|over|nearly|almost|about|around|up to|some)\s+)?"
    r"(?:\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per cent|million|billion|thousand))?"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)"
    r"(?:\s+(?:hundred|thousand|million))?)(?![\w-])", re.I)
_RULE_REGION = re.compile(r"\b(?:[A-Z][\w’'-]+\s+){1,3}(?:Oblast|Region|Krai|Province|Governorate)\b")
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
        if _YEARISH.match(m.group()):
            continue
        norm = counts.normalize_count(m.group())
        out.append(Found("count", m.start(), m.end(), norm.value, norm.attributes, rank=2))
    for m in _RULE_REGION.finditer(text):
        country = places.country_code(m.group())
        out.append(Found("location", m.start(), m.end(), m.group(),
                         {"country": country} if country else {}, rank=2))
    book = places.place_book()
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b", text):
        code = book.cities.get(m.group().lower()) or places.COUNTRY_ALIASES.get(m.group().lower())
        if code:
            out.append(Found("location", m.start(), m.end(), m.group(), {"country": code}, rank=3))
    for m in _RULE_INSTITUTION.finditer(text):
        s = m.start() + (4 if m.group().startswith("the ") else 0)
        out.append(Found("actor", s, m.end(), text[s:m.end()], {"kind": "organisation"}, rank=2))
    return out
