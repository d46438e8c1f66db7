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
# "could see", "could hear": an ability to perceive, not a possibility
PERCEPTION_VERBS = lexicon.words("cues", "perception_verbs")
# cues of how sure someone is of what a thing is; in a side clause they still hedge it
EPISTEMIC_WORDS = lexicon.words("cues", "epistemic_words")


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
        if token.lemma_.lower() == "suspect" and token.dep_ in ("amod", "acl"):
            continue  # "suspected militants": read below, with the noun it qualifies
        if low in ("could", "might") and any(c.dep_ == "neg" for c in token.head.children):
            continue  # "could not be reached" is not a hedge on the claim
        if low == "could" and token.head.lemma_.lower() in PERCEPTION_VERBS:
            continue  # "you could see flames": what someone was able to see, no possibility
        if low in MODAL_ADJECTIVES and token.dep_ == "amod" and not _after_auxiliary(token):
            side.append(token.text)  # "against possible counteractions": part of what is said
            continue
        if _negated(token) or _refers_back(token) or _estimate_not_hedge(token) \
                or claims_a_place(token) or _claims_a_thing(token):
            side.append(token.text)
            continue
        (governing if _governs(token) or _carries_count(token) or _identifies(token)
         else side).append(token.text)
    for index in range(sent.start, sent.end):
        if words[index] == "suspected" and _suspected_thing(sent.doc[index]):
            governing.append("suspected")  # "suspected al-Shabaab militants attacked"
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
    """ "He gave no evidence for the claim", "rejected such claims", "sovereignty claims": the
    noun names a claim without saying what it is, and qualifies nothing in this sentence
    (unlike "claims that 40 tanks were lost")."""
    return token.lower_ in ("claim", "claims") and token.pos_ == "NOUN" \
        and not any(c.dep_ in ("acl", "ccomp", "relcl") for c in token.children)


def _claims_a_thing(token: Any) -> bool:
    """ "JNIM claimed the attack", "No group has claimed the launch": a claim of an act or a
    possession, with a noun and no clause after it, is an act reported. Only a claimed clause
    ("claimed that its air defences had downed ...") is a claim the checker must weigh."""
    return token.lemma_.lower() == "claim" and token.pos_ == "VERB" \
        and any(c.dep_ == "dobj" for c in token.children) \
        and not any(c.dep_ in ("ccomp", "xcomp") for c in token.children)


def _estimate_not_hedge(token: Any) -> bool:
    """ "an estimated 350 kilograms", "the IMF has estimated that ...": a figure's wording and
    someone's estimate (sourcing reads who) leave the claim as firm as any reported number.
    Only the passive qualifies it: "is estimated to have a range of 12,000 km"."""
    return token.lower_ == "estimated" and not any(c.dep_ == "auxpass" for c in token.children)


def _after_auxiliary(token: Any) -> bool:
    """ "forces have likely consolidated": "likely" between an auxiliary and its verb is the
    adverb, though the small parser often hangs it on the next noun as an adjective."""
    doc = token.doc
    return token.i > 0 and (doc[token.i - 1].pos_ == "AUX" or doc[token.i - 1].lower_ in (
        "have", "has", "had", "will", "would")) and token.i + 1 < len(doc) \
        and (doc[token.i + 1].tag_ in ("VBN", "VBG", "VB", "VBD")
             or doc[token.i + 1].lower_.endswith("ed"))


def _identifies(token: Any) -> bool:
    """ "an object that was most likely a Kh-101 cruise missile entered", "aircraft, which
    appeared to be flying in formation": a side clause that says what the thing itself
    probably was qualifies the claim about it, unlike "a detail that suggests a plan"."""
    if token.lower_ not in EPISTEMIC_WORDS and token.lemma_.lower() not in EPISTEMIC_WORDS:
        return False
    clause = token if token.dep_ in ("relcl", "acl") else token.head
    if clause.dep_ not in ("relcl", "acl"):
        return False
    if clause.lemma_.lower() == "be":
        return True
    return clause.lemma_.lower() in ("appear", "seem") \
        and any(c.dep_ == "xcomp" for c in clause.children)


def _suspected_thing(token: Any) -> bool:
    """ "suspected al-Shabaab militants attacked", "a tanker suspected of damaging the cable":
    what or who did it is the suspicion, so the claim is hedged; not "an investigation into a
    suspected war crime", where the suspicion is only what is looked into."""
    if token.dep_ not in ("amod", "acl"):
        return False
    noun = token.head
    if noun.dep_ == "pobj" and noun.head.lower_ != "by":
        return False  # "into a suspected war crime", but "attacked by suspected militants"
    return _governs(noun)


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
