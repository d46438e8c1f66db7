"""Per-document word lists, computed once.

Each access to a spaCy ``Token`` builds a Python object; rules that scan every
token for a few trigger words ("ministry", "hospital", "reportedly") would
build each token a dozen times. The rules scan these plain lists instead and
touch ``doc[i]`` only at a trigger.
"""

from __future__ import annotations

from typing import Any

_LOWER = "claimsheet.lower"
_LEMMA = "claimsheet.lemma"


def lowers(doc: Any) -> list[str]:
    """Lower-case form of every token of ``doc``."""
    words = doc.user_data.get(_LOWER)
    if words is None:
        words = doc.user_data[_LOWER] = [t.lower_ for t in doc]
    return words


def lemmas(doc: Any) -> list[str]:
    """Lower-case lemma of every token of ``doc`` (the word itself without a lemmatizer)."""
    words = doc.user_data.get(_LEMMA)
    if words is None:
        words = doc.user_data[_LEMMA] = [t.lemma_.lower() or t.lower_ for t in doc]
    return words


def positions(doc: Any, words: frozenset[str], start: int = 0, end: int | None = None) -> list[int]:
    """Indexes of tokens whose lower-case form is in ``words``."""
    low = lowers(doc)
    stop = len(low) if end is None else end
    return [i for i in range(start, stop) if low[i] in words]


def parsed(doc: Any) -> bool:
    """Whether ``doc`` has a dependency parse (not with the blank fallback pipeline)."""
    flag = doc.user_data.get("claimsheet.parsed")
    if flag is None:
        flag = doc.user_data["claimsheet.parsed"] = doc.has_annotation("DEP")
    return bool(flag)
