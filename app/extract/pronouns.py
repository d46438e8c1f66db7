"""Whom a personal pronoun stands for, for sourcing: never a checklist row of its own.

A pronoun cannot be checked, so it is not a checkable; but "he said" after a
named person is a named source (``../shared/eval/GUIDE.md``). "he"/"she" stand
for the last person the rules kept (not the model's raw PERSON guesses, which
include mosques and villages); "it" for the last organisation. "we", "I" and
"they" are left unresolved here: in quoted speech they stand for the speaker,
whom the nearest preceding name often is not, and sourcing reads them itself.
"""

from __future__ import annotations

from typing import Any

from app.extract import lexicon
from app.extract.candidates import Found
from app.extract.tokens import positions

PERSONAL_PRONOUNS = lexicon.words("actors", "personal_pronouns")
SINGULAR_PRONOUNS = lexicon.words("actors", "singular_pronouns")
ORGANISATION_KINDS = frozenset({"organisation", "office"})


def referents(doc: Any, rows: list[Found]) -> dict[int, str]:
    """Character offset of each resolvable pronoun -> the name it stands for."""
    out: dict[int, str] = {}
    indexes = [i for i in positions(doc, PERSONAL_PRONOUNS | {"it"}) if doc[i].pos_ == "PRON"]
    if not indexes:
        return out
    actors = [f for f in rows if f.type == "actor"]
    k = 0
    last_person: str | None = None
    last_organisation: str | None = None
    for i in indexes:
        token = doc[i]
        while k < len(actors) and actors[k].end <= token.idx:
            kind = actors[k].attributes.get("kind")
            if kind == "person":
                last_person = actors[k].value
            elif kind in ORGANISATION_KINDS:
                last_organisation = actors[k].value
            k += 1
        word = token.lower_
        if word in SINGULAR_PRONOUNS and last_person:
            out[token.idx] = last_person
        elif word == "it" and last_organisation:
            out[token.idx] = last_organisation
    return out
