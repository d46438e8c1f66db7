"""Typed checkables in one parsed chunk of an article: the rules run in order.

spaCy's entities are the starting point (:mod:`app.extract.labels` corrects
the small model's labels); rules then add what the model misses: systems
(:mod:`app.extract.systems`), organisations, offices and institutions
(:mod:`app.extract.organisations`, :mod:`app.extract.actors`), places
(:mod:`app.extract.place_rules`) and counts (:mod:`app.extract.count_rules`).
:mod:`app.extract.overlaps` then keeps one candidate per stretch of text. With
the blank pipeline, :mod:`app.extract.fallback` finds what patterns alone can.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from app.extract import place_rules, places
from app.extract.actors import institution_spans
from app.extract.candidates import LOCATION_LABELS, Found, doc_text, end_char, inside_any
from app.extract.count_rules import number_words, phrase_counts, vague_counts
from app.extract.date_rules import duration_adjectives, relative_dates
from app.extract.fallback import rules_only
from app.extract.labels import from_entities
from app.extract.organisations import OrganisationFinder, office_spans, owned_office_spans
from app.extract.overlaps import resolve, trim_tails
from app.extract.systems import SystemFinder

__all__ = ["Found", "Rules", "doc_text", "find_checkables"]

_ARABIC_NAME = re.compile(
    r"\b(?:Abu|Abd|Abdul|Abdel|Sheikh|Imam)\s+[A-Z][\w’'-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w’'-]+)*"
    r"|\b[A-Z][a-z]+\s+(?:al|el|bin|ibn)[- ][A-Z][\w’'-]+")


class Rules:
    """The rule matchers, built once per spaCy vocabulary and reused for every document."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.systems = SystemFinder(nlp)
        self.organisations = OrganisationFinder(nlp)
        self.cities = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = [name for name in places.place_book().cities]
        originals = places.city_spellings()
        self.cities.add("CITY", [nlp.make_doc(originals.get(n, n)) for n in names])


def find_checkables(doc: Any, rules: Rules, article_date: date | None) -> list[Found]:
    """All checkables in ``doc``, non-overlapping, in text order."""
    text = doc_text(doc)
    found: list[Found] = []
    orgs = rules.organisations.find(doc)
    org_chars = [(doc[s].idx, end_char(doc, e)) for s, e, _ in orgs]
    for s, e, canonical in orgs:
        if doc[s].lower_ == "the" and e - s > 1:
            s += 1
        found.append(Found("actor", doc[s].idx, end_char(doc, e), canonical,
                           {"kind": "organisation"}, rank=-1))
    for _, s, e in rules.cities(doc):
        if any(doc[k].ent_type_ in LOCATION_LABELS for k in range(s, e)):
            continue
        found.append(place_rules.place(doc, s, e))
    for s, e in owned_office_spans(doc):
        found.append(Found("actor", doc[s].idx, end_char(doc, e), doc[s:e].text,
                           {"kind": "office"}, rank=1))
    for s, e in office_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        found.append(Found("actor", doc[s].idx, end_char(doc, e), doc[s:e].text,
                           {"kind": "office"}, rank=2))
    for m in _ARABIC_NAME.finditer(text):
        found.append(Found("actor", m.start(), m.end(), m.group(), {"kind": "person"}, rank=-1))
    found.extend(place_rules.regions(text))
    found.extend(number_words(doc))
    for s, e in place_rules.names_after_near(doc):
        found.append(place_rules.near_found(doc, s, e))
    for system in rules.systems.find(doc):
        attrs = {"category": system.category}
        if system.generic:
            attrs["generic"] = "true"
        found.append(Found("system", system.start, system.end, system.canonical, attrs,
                           rank=1 if system.generic else 0))
    found.extend(f for f in from_entities(doc, article_date)
                 if not (f.type == "location" and inside_any(f, org_chars)))
    found.extend(_institutions(doc))
    found.extend(vague_counts(doc))
    found.extend(phrase_counts(text))
    found.extend(relative_dates(text))
    found.extend(duration_adjectives(text))
    if not doc.has_annotation("ENT_IOB"):
        found.extend(rules_only(text, article_date))
    found = [f for f in found if not place_rules.stance(text, f)]
    trim_tails(found, text)
    return resolve(found, text)


def _institutions(doc: Any) -> list[Found]:
    out = []
    for s, e in institution_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        out.append(Found("actor", doc[s].idx, end_char(doc, e), doc[s:e].text,
                         {"kind": "organisation"}, rank=1))
    return out
