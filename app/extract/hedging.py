"""Hedge cues ("may", "reportedly", "unconfirmed", "claimed" ...) and whether they govern the claim.

A cue governs the claim unless it sits inside a relative clause, an appositive
or a clause modifying a noun: in "... using S-300 systems, a detail that
suggests a deliberate effort", "suggests" comments on a detail and leaves the
reported fact itself unhedged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.extract import lexicon
from app.extract.cues import load_cues, phrase_in
from app.extract.sourcing import claims_a_place
from app.extract.tokens import lemmas, lowers

NON_GOVERNING_DEPS = frozenset({"relcl", "appos", "acl"})
MODAL_ADVERBS = frozenset({"possibly", "probably", "perhaps", "likely"})
# "possible", "likely" modifying a noun say what kind of thing, not how sure the claim is
MODAL_ADJECTIVES = lexicon.words("cues", "modal_adjectives")
# an accusation reports a claim the accuser has not proven ("accused Israel of bombarding")
ACCUSING_VERBS = lexicon.words("cues", "accusation_verbs") - {"suspect"}


@dataclass(slots=True)
class Hedging:
    hedged: bool
    cues: list[str] = field(default_factory=list)  # the governing cues
    other_cues: list[str] = field(default_factory=list)  # cues in side clauses


def find_hedges(sent: Any, text: str | None = None) -> Hedging:
    """Hedge cues in one sentence (a spaCy ``Span``; ``text`` is its text when known)."""
    cues = load_cues()
    governing: list[str] = []
    side: list[str] = []
    words, roots = lowers(sent.doc), lemmas(sent.doc)
    for index in range(sent.start, sent.end):
        if words[index] not in cues.hedge_words and roots[index] not in cues.hedge_verb_lemmas:
            continue
        token = sent.doc[index]
        low = token.lower_
        if token.ent_type_ in ("DATE", "PERSON", "ORG", "GPE"):
            continue  # "May 2006", "Claimed" as a name
        is_cue = low in cues.hedge_words or (
            token.pos_ == "VERB" and token.lemma_.lower() in cues.hedge_verb_lemmas)
        if not is_cue:
            continue
        if low in ("may", "might", "could") and token.tag_ and token.tag_ != "MD":
            continue
        if low in ("could", "might") and any(c.dep_ == "neg" for c in token.head.children):
            continue  # "could not be reached" is not a hedge on the claim
        if low in MODAL_ADJECTIVES and token.dep_ == "amod":
            side.append(token.text)  # "against possible counteractions": part of what is said
            continue
        if _negated(token) or _refers_back(token) or _active_estimate(token) \
                or claims_a_place(token):
            side.append(token.text)
            continue
        (governing if _governs(token) or _carries_count(token) else side).append(token.text)
    for index in range(sent.start, sent.end):
        if roots[index] in ACCUSING_VERBS:
            token = sent.doc[index]
            if any(c.dep_ == "prep" and c.lower_ in ("of", "for")
                   for h in [token, *(c for c in token.children if c.dep_ == "dobj")]
                   for c in h.children) and _governs(token):
                governing.append(f"{token.text} of")  # "accused Israel of bombarding"
    low_text = (sent.text if text is None else text).lower()
    for phrase in cues.hedge_phrases:
        if phrase_in(phrase, low_text):
            governing.append(phrase)
    return Hedging(bool(governing), governing, side)


def _negated(token: Any) -> bool:
    """ "The group did not claim the attack": a refusal reported, not a claim qualified."""
    return token.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in token.children)


def _refers_back(token: Any) -> bool:
    """ "He gave no evidence for the claim": the noun points at a claim made before and
    qualifies nothing in this sentence (unlike "claims that 40 tanks were lost")."""
    return token.lower_ in ("claim", "claims") and token.pos_ == "NOUN" \
        and any(c.dep_ in ("det", "poss") for c in token.children) \
        and not any(c.dep_ in ("acl", "ccomp", "relcl") for c in token.children)


def _active_estimate(token: Any) -> bool:
    """ "Researchers have estimated the output at 300 a month": someone's estimate, an attribution
    (sourcing reads it), not a hedge as in "an estimated 300 people"."""
    return token.lower_ == "estimated" and token.pos_ == "VERB" \
        and any(c.dep_ == "nsubj" for c in token.children) \
        and any(c.dep_ == "dobj" for c in token.children)


def _carries_count(token: Any) -> bool:
    """Whether a cue in a side clause governs the clause that holds the sentence's number:
    "refitted the boats with larger tanks, which might raise their range to 900 km" hedges
    the range, which is the claim to check."""
    if token.tag_ != "MD" and token.lower_ not in MODAL_ADVERBS:
        return False  # "for which the group claimed responsibility": an act, not a modality
    clause = token
    steps = 0
    while clause.dep_ not in NON_GOVERNING_DEPS and clause.head is not clause and steps < 50:
        clause = clause.head
        steps += 1
    if clause.dep_ not in ("relcl", "acl"):
        return False
    return any(t.like_num and t.ent_type_ not in ("DATE", "TIME", "ORDINAL")
               for t in clause.subtree)


def _governs(token: Any) -> bool:
    """False when the path to the root passes through a relative or appositive clause."""
    steps = 0
    while steps < 50:
        if token.dep_ in NON_GOVERNING_DEPS:
            return False
        if token.head is token:
            return True
        token = token.head
        steps += 1
    return True
