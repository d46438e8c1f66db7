"""The word lists in ``app/resources/extract/cues.json``, loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from app.resources import read_text


def phrase_in(phrase: str, low_text: str) -> bool:
    """Whether ``phrase`` occurs in ``low_text`` as whole words ("said to", not "said today")."""
    # the substring test first: most sentences hold none of the phrases, and it is cheap
    return phrase in low_text and _phrase_pattern(phrase).search(low_text) is not None


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


@dataclass(frozen=True, slots=True)
class Cues:
    reporting_verbs: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymity_phrases: tuple[str, ...]
    hedge_words: frozenset[str]
    hedge_phrases: tuple[str, ...]
    hedge_verb_lemmas: frozenset[str]


@cache
def load_cues() -> Cues:
    data = json.loads(read_text("extract", "cues.json"))
    hedges = data["hedge_cues"]
    return Cues(
        reporting_verbs=frozenset(data["reporting_verbs"]),
        anonymous_heads=frozenset(data["anonymous_heads"]),
        anonymity_phrases=tuple(data["anonymity_phrases"]),
        hedge_words=frozenset(h for h in hedges if " " not in h),
        hedge_phrases=tuple(h for h in hedges if " " in h),
        hedge_verb_lemmas=frozenset(data["hedge_cue_lemmas_as_verb"]),
    )
