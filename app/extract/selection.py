"""Which sentences become claims.

A sentence becomes a claim when it states something a checker can verify: it
carries a hard checkable (a date, a count, a named system), an attributed
statement, or a concrete actor or place, and it does not read as commentary
("this highlights a shift", "the implications remain unclear"). Sentences that
fail stay visible in the article, and the user can promote one by hand.

The rule score here decides selection; the number shown to the user blends it
with the trained check-worthiness model (:mod:`app.extract.worthiness`) when
that model is shipped, so the ranking also reflects what ClaimBuster's
annotators considered worth checking.
"""

from __future__ import annotations

import logging
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
THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the rules know about one sentence."""

    types: tuple[str, ...]  # checkable types in the sentence, with repeats
    generic_systems: int
    future_dates: int
    sourcing: str
    hedged: bool
    actor_chars: tuple[tuple[int, int], ...] = ()  # actor checkables, offsets into the doc


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
