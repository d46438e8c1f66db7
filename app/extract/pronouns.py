"""Personal pronouns and whom they stand for.

"he said", "she added": the pronoun's referent is the last person the rules
kept (not the model's raw PERSON guesses, which include mosques and villages).
"""

from __future__ import annotations

from typing import Any

from app.extract import lexicon
from app.extract.candidates import Found
from app.extract.organisations import pronoun_tokens

SINGULAR_PRONOUNS = lexicon.words("actors", "singular_pronouns")


def pronoun_candidates(doc: Any) -> list[Found]:
    """Pronoun actors; :func:`refer_pronouns` fills in whom they stand for."""
    out = []
    for i in pronoun_tokens(doc):
        t = doc[i]
        out.append(Found("actor", t.idx, t.idx + len(t.text), None,
                         {"kind": "pronoun", "word": t.lower_}, rank=4))
    return out


def refer_pronouns(found: list[Found]) -> list[Found]:
    """Point "he"/"she" at the last person the rules kept. "we", "I" and "us" are left
    unresolved: in quoted speech they stand for the speaker, whom the nearest preceding name
    often is not."""
    last_person: str | None = None
    for f in found:
        kind = f.attributes.get("kind")
        if f.type == "actor" and kind == "person":
            last_person = f.value
        elif f.type == "actor" and kind == "pronoun":
            if last_person and f.attributes.pop("word", "") in SINGULAR_PRONOUNS:
                f.value = last_person
                f.attributes["refers_to"] = last_person
            f.attributes.pop("word", None)
    return found
