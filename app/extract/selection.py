"""Which sentences become claims, and how they rank.

Recall comes first: a claim missing from the checklist is invisible to the
checker, an extra one costs a keystroke. So a sentence is listed when

* it holds a hard checkable (a date, a count, a system, a place where
  something happened) or attributes its content to a source: such a sentence
  is never dropped, only ranked low when it reads as opinion; or
* it states an event or a fact: a declarative clause in the past or present
  perfect, or a present statement that is not an evaluation, hedged ones
  included ("the vessel is believed to be a submarine").

Sentences left out are questions, fragments, and opinion, rhetoric or
prediction without a checkable ("It is crucial to hold those responsible to
account", "We will continue to support ..."): they stay visible in the
article, and the user can promote one by hand.

The rank (the claim's ``worthiness``) blends the rule score here with the
trained check-worthiness model (:mod:`app.extract.worthiness`), so it also
reflects what ClaimBuster's annotators considered worth checking.
"""


from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.extract import lexicon
from app.extract.tokens import lowers, parsed

log = logging.getLogger("claimsheet.extract")

# Main verbs of commentary and analysis: the sentence interprets rather than reports.
ANALYSIS_VERBS = lexicon.words("cues", "analysis_verbs")
SPECULATIVE = lexicon.words("cues", "speculative_words")
OPINION_ADJ = lexicon.words("cues", "opinion_adjectives")
HUMAN_HEADS = lexicon.words("cues", "human_heads")
FUTURE_WORDS = lexicon.words("dates", "future_words")
# verbs of wanting, feeling and exhorting: the clause says what someone wants, not what happened
STANCE_VERBS = lexicon.words("cues", "stance_verbs")
# modal auxiliaries of prediction and obligation ("will", "should"); "may", "could" hedge a claim
PREDICTION_MODALS = lexicon.words("cues", "prediction_modals")
# adjectives and adverbs that judge rather than report ("horrific", "crucial", "worse")
EVALUATIVE_WORDS = lexicon.words("cues", "evaluative_words")
DEONTIC_NOUNS = lexicon.words("cues", "deontic_nouns")
THRESHOLD = 0.5
# the first words of credit and publication lines: "(Reporting by ...)", "Published 2 May 2024"
CREDIT_OPENERS = lexicon.ordered("cues", "credit_openers")
MAX_CREDIT_WORDS = 25
_BYLINE = re.compile(r"^By\s+(?:[A-Z][\w'’.-]*\s*){1,4}(?:,[^.!?]*)?$")
_SLUG = re.compile(r"^[a-z]{2,6}(?:[-/][a-z]{2,6}){1,5}$")  # "kw-ab/jd", "dw/sw"
# "Associated Press writer Jane Doe in Kyiv contributed to this report.": a credit at the end
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|to (?:this|the) (?:report|story))\.?$",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the rules know about one sentence."""

    types: tuple[str, ...]  # checkable types in the sentence, with repeats
    generic_systems: int
    future_dates: int
    sourcing: str
    hedged: bool
    actor_chars: tuple[tuple[int, int], ...] = ()  # actor checkables, offsets into the doc
    hard: int = 0  # dates, counts, systems and places where something happened
    attributed: bool = False  # the sentence names where its content comes from


def listed(sent: Any, facts: SentenceFacts, text: str) -> bool:
    """Whether a sentence becomes a claim (see the module docstring)."""
    if facts.hard or facts.attributed:
        return True
    words = lowers(sent.doc)[sent.start:sent.end]
    if text.rstrip().endswith("?") or sum(1 for w in words if w[:1].isalnum()) < 4:
        return False
    if facts.hedged and any(t.tag_ in ("VBD", "VBN") for t in sent):
        return True  # "the vessel is believed to be a submarine": a claim to weigh
    if parsed(sent.doc):
        return states_fact(sent)
    return rule_score(sent, facts, text) >= THRESHOLD  # the blank pipeline has no parse


_REFERENCES = re.compile(
    r"^[ \t]*(?:Sources|References|External links|Related news)[ \t]*:?[ \t]*$", re.M)


def references_start(text: str) -> int | None:
    """Where a closing list of sources begins (a line "Sources" or "References" alone, as
    Wikinews ends its articles), or None: the lines after it cite, they claim nothing."""
    last = max((m.start() for m in _REFERENCES.finditer(text)), default=None)
    if last is None or last < len(text) // 3:
        return None  # a heading near the top is a section of the story, not its sources
    return last


def boilerplate(text: str) -> bool:
    """Whether a line is a credit, a byline, a slug or a publication note rather than a claim
    (the guide: boilerplate is not check-worthy): "(Reporting by A in Kyiv; Editing by B)",
    "By Jane Doe, defence correspondent", "kw-ab/jd", "News release from the Coast
    Guard", "Published 2 May 2024", a metadata line of fields between bars."""
    line = text.strip().lstrip("([").rstrip(")]").strip()
    if not line or len(line.split()) > MAX_CREDIT_WORDS:
        return False
    low = line.lower()
    for opener in CREDIT_OPENERS:
        if low.startswith(opener) and (opener.endswith(":") or low[len(opener):len(opener) + 1]
                                       in (" ", "")):
            if opener in ("published", "updated", "last updated", "first published"):
                return len(line.split()) <= 8 and bool(re.search(r"\d", line))
            return True
    if _CONTRIBUTED.search(line):
        return True
    fields = [f.strip() for f in re.split(r"\s[|·•]\s", line)]
    if len(fields) >= 3 and all(len(f.split()) <= 6 for f in fields):
        return True  # "Press release | Ministry of Internal Affairs | 14.05.2025, 11:30"
    return bool(_BYLINE.match(line) and "\n" not in line) or bool(_SLUG.match(line))


def states_fact(sent: Any) -> bool:
    """A declarative clause reporting an event or a state of affairs, not an evaluation, a
    wish or a prediction: "Those who were tripped were then crushed", "There are no
    casualties left", but not "It is crucial to act" or "We will continue to lead"."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return False  # a headline without a verb, a list, a fragment
    children = list(root.children)
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in PREDICTION_MODALS for c in children):
        return False
    if root.tag_ == "MD":
        return False  # "In theory, it could.": the verb is left to the question before
    lemma = root.lemma_.lower()
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects:
        return False  # "Speaking after the meeting.", imperatives
    if lemma in STANCE_VERBS and not _third_party(subjects[0]):
        return False  # "We will continue", "I commend", but "Hammond welcomes the deal"
    if lemma == "have" and any(c.dep_ == "dobj" and c.lemma_.lower() in DEONTIC_NOUNS
                               for c in children):
        return False  # "Russia has a special responsibility to ...": what ought to be
    if lemma in ANALYSIS_VERBS and not _human_subject(root, ()):
        return False  # "the implications remain unclear", but "officials have remained silent"
    if lemma == "be":
        complements = [c for c in children if c.dep_ in ("acomp", "attr")]
        if subjects[0].lower_ == "it" and complements and complements[0].dep_ == "acomp":
            return False  # "It is crucial to ...": an evaluation
        if any(c.lower_ in OPINION_ADJ or c.lemma_.lower() in EVALUATIVE_WORDS
               for comp in complements for c in comp.subtree):
            return False  # "The use of chemical weapons is horrific"
    if root.tag_ in ("VBD", "VBN"):
        return True  # what happened, however it is judged
    # "We are seeing heartbreaking scenes": the clause's object is a judgement
    objects = [c for c in children if c.dep_ in ("dobj", "acomp", "attr", "oprd")]
    return not any(t.lower_ in EVALUATIVE_WORDS for o in objects for t in o.subtree)




def rule_score(sent: Any, facts: SentenceFacts, text: str | None = None) -> float:
    """A 0..1 score from the sentence's checkables, attribution and shape."""
    types = facts.types
    hard = sum(1 for t in types if t in ("date", "count")) - facts.future_dates + (
        sum(1 for t in types if t == "system") - facts.generic_systems)
    concrete = sum(1 for t in types if t in ("actor", "location"))
    score = 0.2
    score += min(0.45, 0.3 * hard)
    score += min(0.45, 0.15 * concrete)
    score += min(0.1, 0.05 * facts.generic_systems)
    if facts.sourcing != "none":
        score += 0.3
    if parsed(sent.doc):
        root = sent.root
        human = _human_subject(root, facts.actor_chars)
        if human:
            score += 0.15
        if root.lemma_.lower() in ANALYSIS_VERBS and facts.sourcing == "none" and not hard \
                and not human:
            score -= 0.3
    words = lowers(sent.doc)[sent.start:sent.end]
    if any(w in SPECULATIVE for w in words):
        score -= 0.15
    if sum(1 for w in words if w in OPINION_ADJ) >= 2:
        score -= 0.15
    if len(words) < 6:
        score -= 0.2
    if (sent.text if text is None else text).rstrip().endswith("?"):
        score -= 0.3
    return max(0.0, min(1.0, score))


def _third_party(subject: Any) -> bool:
    """A named person or organisation other than the speaker: the sentence reports their act."""
    return subject.ent_type_ in ("PERSON", "ORG") or (
        subject.pos_ == "PROPN" and subject.lower_ not in ("i", "we"))


def _human_subject(root: Any, actor_chars: tuple[tuple[int, int], ...]) -> bool:
    """The main clause is about people or an institution acting ("Ukrainian officials have ...",
    "We remain committed ...", "The UK remains steadfast ...")."""
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            if child.ent_type_ in ("PERSON", "ORG"):
                return True
            if child.pos_ == "PRON" and child.lower_ in ("i", "we", "he", "she", "they"):
                return True
            if any(s <= child.idx < e for s, e in actor_chars):
                return True
            if child.lower_ in HUMAN_HEADS and any(
                    t.ent_type_ in ("NORP", "GPE", "ORG") for t in child.subtree):
                return True
    return False


def is_future(text: str) -> bool:
    """A date expression that points ahead ("in the coming weeks"): a forecast, not a fact."""
    return any(word in FUTURE_WORDS for word in text.lower().split())


def model_scores(texts: Sequence[str]) -> list[float] | None:
    """Scores from the trained model, or None when it is not shipped or cannot load."""
    if not texts:
        return None
    try:
        from app.extract import worthiness
    except ImportError:
        return None
    try:
        scores = [float(s) for s in worthiness.score_sentences(list(texts))]
    except (worthiness.WorthinessModelError, OSError, ValueError) as exc:
        log.warning("check-worthiness model unavailable: %s", exc)
        return None
    return scores if len(scores) == len(texts) else None
