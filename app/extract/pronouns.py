"""Whom a personal pronoun stands for, for sourcing: never a checklist row of its own.

A pronoun cannot be checked, so it is not a checkable; but "he said" after a
named person is a named source (``../shared/eval/GUIDE.md``). "he"/"she" stand
for the last person the rules kept (not the model's raw PERSON guesses, which
include mosques and villages); "it" for the last organisation. "we", "I" and
"they" are left unresolved here: in quoted speech they stand for the speaker,
whom the nearest preceding name often is not, and sourcing reads them itself.
An anonymous speaker ("A local priest said ...") after the last name takes
"he"/"she" from it: the pronoun is left unresolved, and sourcing carries the
anonymous source on.
"""

from __future__ import annotations

from typing import Any

from app.extract import lexicon
from app.extract.candidates import Found
from app.extract.cues import load_cues
from app.extract.tokens import positions

PERSONAL_PRONOUNS = lexicon.words("actors", "personal_pronouns")
SINGULAR_PRONOUNS = lexicon.words("actors", "singular_pronouns")
ORGANISATION_KINDS = frozenset({"organisation", "office"})
INDEFINITE = lexicon.words("cues", "indefinite_determiners")


def referents(doc: Any, rows: list[Found]) -> dict[int, str]:
    """Character offset of each resolvable pronoun -> the name it stands for."""
    out: dict[int, str] = {}
    indexes = [i for i in positions(doc, PERSONAL_PRONOUNS | {"it"}) if doc[i].pos_ == "PRON"]
    if not indexes:
        return out
    people: list[tuple[int, str | None]] = [
        (f.end, f.value) for f in rows
        if f.type == "actor" and f.attributes.get("kind") == "person"]
    people += [(t.idx, None) for t in anonymous_speakers(doc)]
    people.sort(key=lambda p: p[0])
    organisations = [f for f in rows if f.type == "actor"
                     and f.attributes.get("kind") in ORGANISATION_KINDS]
    k = j = 0
    last_person: str | None = None
    last_organisation: str | None = None
    for i in indexes:
        token = doc[i]
        while k < len(people) and people[k][0] <= token.idx:
            last_person = people[k][1]
            k += 1
        while j < len(organisations) and organisations[j].end <= token.idx:
            last_organisation = organisations[j].value
            j += 1
        word = token.lower_
        if word in SINGULAR_PRONOUNS and last_person:
            out[token.idx] = last_person
        elif word == "it" and last_organisation:
            out[token.idx] = last_organisation
    return out


def anonymous_speakers(doc: Any) -> list[Any]:
    """Subjects like "a local priest" or "one witness" of a reporting verb: a person the
    text does not name, who speaks."""
    cues = load_cues()
    out = []
    for token in doc:
        if token.dep_ != "nsubj" or token.pos_ != "NOUN" or token.tag_ != "NN" or (
                token.head.lemma_.lower() not in cues.reporting_verbs
                and token.lower_ not in cues.anonymous_heads):
            continue  # "A local priest said", "A local official ... gave a higher toll"
        if any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in token.children) \
                and not any(t.ent_type_ in ("PERSON", "ORG") for t in token.subtree):
            out.append(token)
    return out
