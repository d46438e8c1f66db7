"""Organisations and offices the small model misses.

* Named organisations from ``app/resources/extract/organisations.json`` (armed
  groups, international bodies, defence institutions, news agencies): spaCy's
  small model does not know "ISIL" or "Daesh" and calls the latter a place.
* Office holders named by their office alone: "the Foreign Secretary",
  "Minister for the Middle East".
"""

from __future__ import annotations

from functools import cache
from typing import Any

from app.extract import lexicon
from app.extract.places import DEMONYMS
from app.extract.tokens import positions

OFFICE_HEADS = lexicon.words("actors", "office_heads")
OFFICE_WORDS = lexicon.words("actors", "office_words")
OFFICE_NOUNS = frozenset(w.lower() for w in OFFICE_HEADS) | lexicon.words("actors", "office_nouns")
OFFICE_MODIFIERS = frozenset(w.lower() for w in OFFICE_WORDS) - {"us", "uk", "u.s.", "un"}


@cache
def organisation_names() -> dict[str, str]:
    """alias -> canonical name."""
    data = lexicon.data("organisations")
    out: dict[str, str] = {}
    for key, entries in data.items():
        if key == "about":
            continue
        for entry in entries:
            names = [n.strip() for n in entry.split("|") if n.strip()]
            for alias in names:
                out.setdefault(alias, names[0].removeprefix("the "))
    return out


class OrganisationFinder:
    """A case-sensitive phrase matcher over the organisation list, built once per vocabulary."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self._matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._canonical: dict[str, str] = {}
        for i, (alias, canonical) in enumerate(organisation_names().items()):
            key = f"O{i}"
            self._canonical[key] = canonical
            self._matcher.add(key, [nlp.make_doc(alias)])

    def find(self, doc: Any) -> list[tuple[int, int, str]]:
        """(start token, end token, canonical) of organisation mentions, longest first wins."""
        strings = doc.vocab.strings
        hits = sorted(((s, e, self._canonical[strings[m]]) for m, s, e in self._matcher(doc)),
                      key=lambda h: (-(h[1] - h[0]), h[0]))
        kept: list[tuple[int, int, str]] = []
        for hit in hits:
            if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
                kept.append(hit)
        return sorted(kept)


def office_spans(doc: Any) -> list[tuple[int, int]]:
    """ "the Foreign Secretary", "Minister for the Middle East": an office for its holder."""
    spans = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if tok.text in OFFICE_HEADS and tok.ent_type_ != "PERSON":
            start = i
            while start > 0 and doc[start - 1].text in OFFICE_WORDS:
                start -= 1
            end = i + 1
            if end + 1 < n and doc[end].lower_ in ("for", "of") and (
                    doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ == "the"):
                j = end + 1 + (1 if doc[end + 1].lower_ == "the" else 0)
                k = j
                while k < n and doc[k].text[:1].isupper() and not doc[k].is_punct \
                        and doc[k].ent_type_ != "PERSON":  # "... Middle East Tobias Ellwood"
                    k += 1
                if k > j:
                    end = k
            if end - start > 1 or (start > 0 and doc[start - 1].lower_ == "the"):
                spans.append((start, end))
            i = end
            continue
        i += 1
    return spans


def owned_office_spans(doc: Any) -> list[tuple[int, int]]:
    """ "Thailand's foreign minister", "the Chilean defence minister": an office of a named
    state, one identifiable person even when the text does not name them."""
    spans = []
    for index in positions(doc, OFFICE_NOUNS):
        token = doc[index]
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ == "PERSON":
            continue
        if index + 1 < len(doc) and doc[index + 1].ent_type_ == "PERSON":
            continue  # "Foreign Minister Lavrov": the person rule keeps the office as a role
        i = index
        while i > 0 and doc[i - 1].lower_ in OFFICE_MODIFIERS:
            i -= 1
        prev = i - 1
        possessive = prev >= 0 and doc[prev].text in ("'s", "’s")
        if possessive:
            prev -= 1
        if prev < 0:
            continue
        owner_token = doc[prev]
        if not (owner_token.ent_type_ in ("NORP", "GPE", "ORG")
                or not possessive and owner_token.lower_ in DEMONYMS):
            continue
        owner = prev
        while owner > 0 and doc[owner].ent_iob_ == "I":
            owner -= 1
        spans.append((owner, index + 1))
    return spans
