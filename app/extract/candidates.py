"""A checkable candidate (:class:`Found`) and the small helpers every rule module shares.

Rules propose candidates with character offsets into the chunk's text;
:mod:`app.extract.overlaps` then keeps one candidate per stretch of text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Among overlapping candidates the more specific kind wins: a named system beats an entity,
# a date or count beats a place or actor.
PRIORITY = {"system": 0, "date": 1, "count": 2, "location": 3, "actor": 4}
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY"})


@dataclass(slots=True)
class Found:
    """A checkable candidate with offsets into the chunk's text."""

    type: str
    start: int
    end: int
    value: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    rank: int = 0  # lower wins among overlapping candidates of the same priority


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once: spaCy rebuilds the string from tokens on every access."""
    text = doc.user_data.get("claimsheet.text")
    if text is None:
        text = doc.user_data["claimsheet.text"] = doc.text
    return text


def end_char(doc: Any, token_end: int) -> int:
    """Character offset just after token ``token_end - 1``."""
    last = doc[token_end - 1]
    return last.idx + len(last.text)


def inside_any(f: Found, spans: list[tuple[int, int]]) -> bool:
    """Whether ``f`` lies inside one of the character ``spans``."""
    return any(s <= f.start and f.end <= e for s, e in spans)

