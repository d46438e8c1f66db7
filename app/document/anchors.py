"""Text anchors that survive small edits to the article.

An anchor keeps both a position (start/end offsets) and the quoted text with a
little context on each side, in the spirit of the W3C Web Annotation
TextPositionSelector and TextQuoteSelector. The offsets are the fast path; the
quote and its context let :func:`reanchor` find the claim again when the text
has changed around it.

Re-anchoring runs on files from outside, so its cost is bounded whatever the
file holds: it looks at no more than :data:`MAX_CANDIDATES` occurrences of a
quote (the nearest to the old offset first), uses at most
:data:`MAX_CONTEXT_CHARS` of context on each side, and every search is charged
to a :class:`SearchBudget` shared by all the anchors of one file. One anchor
costs at most about one pass over the article; a file whose anchors would
need more than the budget (:data:`SEARCH_BUDGET_CHARS`, a few hundred passes
over a 1 MB article) gives up with :class:`SearchBudgetExceeded`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.document.definition import filed

CONTEXT_CHARS = 32
"""Context kept on each side of a new anchor."""

MAX_CONTEXT_CHARS = 256
"""Context used on each side when re-anchoring; a file may hold more, the rest is ignored."""

MAX_CANDIDATES = 100
"""Occurrences of a quote (or of its prefix) compared, nearest to the old offset first."""

SEARCH_BUDGET_CHARS = 128 * 1024 * 1024
"""Characters the searches for one file's anchors may scan in total."""

CANDIDATE_COST = 1000
"""What comparing one candidate's context is charged, in characters scanned."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a claim sits in the article: ``text[start:end] == exact``."""

    start: int = field(metadata=filed(kind="offset"))
    end: int = field(metadata=filed(kind="offset"))
    exact: str
    prefix: str = ""
    suffix: str = ""

    def matches(self, text: str) -> bool:
        """True when the offsets still point at the quoted text."""
        inside = 0 <= self.start <= self.end <= len(text)
        return inside and text[self.start : self.end] == self.exact


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """Anchor ``text[start:end]`` with up to ``context`` characters either side."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}-{end} lies outside a text of {len(text)} characters")
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


class SearchBudgetExceeded(Exception):
    """Re-anchoring a file's claims would take more work than :data:`SEARCH_BUDGET_CHARS`."""


class SearchBudget:
    """The searching re-anchoring may still do, shared by all anchors of one file."""

    def __init__(self, chars: int = SEARCH_BUDGET_CHARS) -> None:
        self.left = chars

    def spend(self, chars: int) -> None:
        self.left -= chars
        if self.left < 0:
            raise SearchBudgetExceeded()


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix, by halving (slice compares run in C)."""
    low, high = 0, min(len(a), len(b))
    if a[:high] == b[:high]:
        return high
    while low < high:  # a[:low] == b[:low] and a[:high + 1] != b[:high + 1]
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _context_score(prefix: str, suffix: str, exact_len: int, text: str, start: int) -> int:
    """How many characters of prefix and suffix agree around a candidate match."""
    end = start + exact_len
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_prefix(prefix[::-1], before[::-1]) + _common_prefix(suffix, after)


def _nearest(needle: str, text: str, around: int, limit: int, budget: SearchBudget) -> list[int]:
    """Up to ``limit`` start positions of ``needle`` in ``text``, nearest to ``around`` first.

    Searches a window around ``around`` that grows fourfold until it holds
    ``limit`` occurrences or the whole text, with C-level ``find``/``rfind``:
    a quote that moved by a few characters costs a few characters, one that
    occurs a million times costs ``limit`` short searches, and one that does
    not occur costs about one pass over the text.
    """
    size = len(needle)
    if not size or size > len(text):
        return []
    length = len(text)
    around = max(0, min(around, length))
    found: list[int] = []
    low = high = around  # start positions in [low, high) have been searched
    width = max(1024, 4 * size)
    while len(found) < limit and (low > 0 or high < length):
        new_low, new_high = max(0, around - width), min(length, around + width)
        position = high
        taken = 0
        while taken < limit:  # forwards through [high, new_high)
            hit = text.find(needle, position, new_high + size - 1)
            budget.spend((new_high + size - 1 if hit == -1 else hit + size) - position)
            if hit == -1:
                break
            found.append(hit)
            taken += 1
            position = hit + 1
        position = low
        taken = 0
        while taken < limit and position > new_low:  # backwards through [new_low, low)
            hit = text.rfind(needle, new_low, position + size - 1)
            budget.spend(position + size - 1 - (new_low if hit == -1 else hit))
            if hit == -1:
                break
            found.append(hit)
            taken += 1
            position = hit
        low, high = new_low, new_high
        width *= 4
    found.sort(key=lambda p: (abs(p - around), p < around))
    return found[:limit]


def reanchor(anchor: Anchor, text: str, budget: SearchBudget | None = None) -> Anchor | None:
    """Find the anchored quote in a (possibly edited) text, or None when it is orphaned.

    Order of attempts: the offsets as they are; the quote with its whole
    context, nearest to the old offset; among the :data:`MAX_CANDIDATES`
    occurrences of the quote nearest to the old offset, the one whose
    prefix/suffix context agrees best (ties broken by closeness); finally,
    when the quote itself was edited, the span between an occurrence of the
    prefix and the suffix that follows it within the quote's old length.
    With a shared ``budget``, raises :class:`SearchBudgetExceeded` when it runs
    out; without one, a search that would exceed a budget of its own gives None.
    """
    if anchor.matches(text):
        return make_anchor(text, anchor.start, anchor.end)
    if budget is None:
        try:
            return reanchor(anchor, text, SearchBudget())
        except SearchBudgetExceeded:
            return None
    exact = anchor.exact
    prefix = anchor.prefix[-MAX_CONTEXT_CHARS:]
    suffix = anchor.suffix[:MAX_CONTEXT_CHARS]
    if exact:
        if prefix or suffix:
            whole = _nearest(prefix + exact + suffix, text, anchor.start - len(prefix), 1, budget)
            if whole:
                start = whole[0] + len(prefix)
                return make_anchor(text, start, start + len(exact))
        hits = _nearest(exact, text, anchor.start, MAX_CANDIDATES, budget)
        if hits:
            budget.spend(CANDIDATE_COST * len(hits))
            best = max(hits, key=lambda i: (_context_score(prefix, suffix, len(exact), text, i),
                                            -abs(i - anchor.start)))
            return make_anchor(text, best, best + len(exact))
    if len(prefix) >= 8 and len(suffix) >= 8:
        return _between_context(anchor, prefix, suffix, text, budget)
    return None


def _between_context(anchor: Anchor, prefix: str, suffix: str, text: str,
                     budget: SearchBudget) -> Anchor | None:
    """The edited quote: text between an occurrence of the prefix and the next suffix.

    The suffix is looked for only as far as the quote's old length allows, so
    a prefix found everywhere costs a bounded window per candidate, not a pass.
    """
    old_len = max(1, len(anchor.exact))
    tolerance = max(20, old_len // 2)
    for before in _nearest(prefix, text, anchor.start - len(prefix), MAX_CANDIDATES, budget):
        start = before + len(prefix)
        stop = min(len(text), start + old_len + tolerance + len(suffix))
        end = text.find(suffix, start + 1, stop)
        budget.spend(max(0, (stop if end == -1 else end + len(suffix)) - start) + CANDIDATE_COST)
        if end != -1 and abs((end - start) - old_len) <= tolerance:
            return make_anchor(text, start, end)
    return None
