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
        from spacy.attrs import LOWER

        strings = doc.vocab.strings  # hashes to strings: no Token object per word
        words = doc.user_data[_LOWER] = [strings[int(h)] for h in doc.to_array([LOWER])]
    return words


def lemmas(doc: Any) -> list[str]:
    """Lower-case lemma of every token of ``doc`` (the word itself without a lemmatizer)."""
    words = doc.user_data.get(_LEMMA)
    if words is None:
        from spacy.attrs import LEMMA

        strings, low = doc.vocab.strings, lowers(doc)
        words = doc.user_data[_LEMMA] = [
            strings[int(h)].lower() or low[i] for i, h in enumerate(doc.to_array([LEMMA]))]
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
