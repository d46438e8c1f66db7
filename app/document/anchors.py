"""Text anchors that survive small edits to the article.

An anchor keeps both a position (start/end offsets) and the quoted text with a
little context on each side, in the spirit of the W3C Web Annotation
TextPositionSelector and TextQuoteSelector. The offsets are the fast path; the
quote and its context let :func:`reanchor` find the claim again when the text
has changed around it.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a claim sits in the article: ``text[start:end] == exact``."""

    start: int
    end: int
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


def _context_score(anchor: Anchor, text: str, start: int) -> int:
    """How many characters of prefix and suffix agree around a candidate match."""
    end = start + len(anchor.exact)
    score = 0
    before = text[max(0, start - len(anchor.prefix)) : start]
    for a, b in zip(reversed(anchor.prefix), reversed(before), strict=False):
        if a != b:
            break
        score += 1
    after = text[end : end + len(anchor.suffix)]
    for a, b in zip(anchor.suffix, after, strict=False):
        if a != b:
            break
        score += 1
    return score


def _occurrences(needle: str, text: str) -> list[int]:
    found: list[int] = []
    if not needle:
        return found
    i = text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def reanchor(anchor: Anchor, text: str) -> Anchor | None:
    """Find the anchored quote in a (possibly edited) text, or None when it is orphaned.

    Order of attempts: the offsets as they are; the only occurrence of the exact
    quote; among several occurrences, the one whose prefix/suffix context agrees
    best (ties broken by closeness to the old offset); finally, when the quote
    itself was edited, the span between a unique prefix and a unique suffix.
    """
    if anchor.matches(text):
        return make_anchor(text, anchor.start, anchor.end)
    hits = _occurrences(anchor.exact, text)
    if len(hits) == 1:
        return make_anchor(text, hits[0], hits[0] + len(anchor.exact))
    if hits:
        best = max(hits, key=lambda i: (_context_score(anchor, text, i), -abs(i - anchor.start)))
        return make_anchor(text, best, best + len(anchor.exact))
    if len(anchor.prefix) >= 8 and len(anchor.suffix) >= 8:
        return _between_context(anchor, text)
    return None


def _between_context(anchor: Anchor, text: str) -> Anchor | None:
    """The edited quote: text between an occurrence of the prefix and the next suffix."""
    old_len = max(1, len(anchor.exact))
    tolerance = max(20, old_len // 2)
    candidates: list[tuple[int, int]] = []
    for before in _occurrences(anchor.prefix, text):
        start = before + len(anchor.prefix)
        end = text.find(anchor.suffix, start + 1)
        if end != -1 and abs((end - start) - old_len) <= tolerance:
            candidates.append((start, end))
    if not candidates:
        return None
    start, end = min(candidates, key=lambda c: abs(c[0] - anchor.start))
    return make_anchor(text, start, end)
