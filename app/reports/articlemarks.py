"""The article cut into marked-up pieces: claim markers, shaded claim text, checkables.

Claims and checkables are spans of absolute offsets into ``article.text``; they
may touch, nest or (for hand-made claims) overlap, and may run across line
breaks. Each non-blank article line is cut at every span boundary into
segments, and the line becomes a flat list of :class:`Piece` objects that a
renderer (PDF markup, HTML for printing) turns into its own well-nested markup:

* ``marker``: where claim ``number`` starts;
* ``shade_on`` / ``shade_off``: a run of claim text begins / ends;
* ``text``: plain article text, ``underline`` set when it is a checkable
  (the checkable type's colour);
* ``letter``: the type letter after a checkable (D, S, L, N, A), the cue
  that survives black-and-white printing.

Pieces hold raw text: escaping is the renderer's job.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from app.document.labels import CHECKABLE_STYLES
from app.document.model import Worksheet

PieceKind = Literal["marker", "shade_on", "shade_off", "text", "letter"]

#: Letter printed after every checkable in the article (works without colour), the
#: underline colour and the type's name: from app/document/labels.py, as on screen.
CHECKABLE_LETTER = {kind: style.letter for kind, style in CHECKABLE_STYLES.items()}
CHECKABLE_UNDERLINE = {kind: style.colour for kind, style in CHECKABLE_STYLES.items()}
CHECKABLE_NAME = {kind: style.name for kind, style in CHECKABLE_STYLES.items()}


@dataclass(frozen=True, slots=True)
class Piece:
    kind: PieceKind
    text: str = ""
    number: int = 0
    underline: str = ""


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    number: int = 0  # claim number, 0 for a checkable
    letter: str = ""
    color: str = ""


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            yield pos, end
        pos = end + 1


def _spans(worksheet: Worksheet) -> tuple[list[_Span], list[_Span]]:
    size = len(worksheet.article.text)
    claims: list[_Span] = []
    checkables: list[_Span] = []
    seen: set[tuple[int, int, str]] = set()  # two claims may share one checkable span
    for number, claim in worksheet.numbered_claims():
        start, end = max(0, min(claim.start, size)), max(0, min(claim.end, size))
        claims.append(_Span(start, max(start, end), number=number))
        for k in claim.checkables:
            ks, ke = max(0, min(k.start, size)), max(0, min(k.end, size))
            letter = CHECKABLE_LETTER[k.type]
            if ke > ks and (ks, ke, letter) not in seen:
                seen.add((ks, ke, letter))
                checkables.append(_Span(ks, ke, letter=letter,
                                        color=CHECKABLE_UNDERLINE[k.type]))
    return claims, checkables


def article_lines(worksheet: Worksheet) -> list[list[Piece]]:
    """The pieces of every non-blank article line, in reading order.

    One sweep over the lines with the spans sorted by start, so the time grows
    with the number of lines and spans, not their product (a worksheet may have
    tens of thousands of claims, a claim may cover the whole article).
    """
    text = worksheet.article.text
    claims, checkables = _spans(worksheet)
    # Claim positions in worksheet order: markers at one point follow that order.
    by_start = sorted(range(len(claims)), key=lambda i: (claims[i].start, i))
    cover_next = 0  # claims with start <= position seen so far (for the shading)
    cover_end = -1  # the furthest end among them
    mark_next = 0  # claims not yet considered for a marker
    checks = sorted(range(len(checkables)), key=lambda i: checkables[i].start)
    check_next = 0
    started: list[tuple[int, int]] = []  # heap of (-index, end) of checkables begun
    ending: dict[int, list[int]] = {}
    for i, k in enumerate(checkables):
        ending.setdefault(k.end, []).append(i)

    def covered(a: int) -> bool:
        nonlocal cover_next, cover_end
        while cover_next < len(by_start) and claims[by_start[cover_next]].start <= a:
            cover_end = max(cover_end, claims[by_start[cover_next]].end)
            cover_next += 1
        return cover_end > a

    def starting(a: int, *, at_line_end: bool) -> list[int]:
        """Numbers of the claims whose marker goes at ``a``, in worksheet order."""
        nonlocal mark_next
        positions = []
        while mark_next < len(by_start) and claims[by_start[mark_next]].start <= a:
            c = claims[by_start[mark_next]]
            if at_line_end and c.start < a:
                break  # claims before the line's end were settled by its segments
            if c.start == a or (c.end > a and not at_line_end):
                positions.append(by_start[mark_next])
            mark_next += 1
        return [claims[i].number for i in sorted(positions)]

    bounds = sorted({p for span in (*claims, *checkables) for p in (span.start, span.end)})
    out: list[list[Piece]] = []
    for ls, le in _lines(text):
        inside = bounds[bisect.bisect_right(bounds, ls):bisect.bisect_left(bounds, le)]
        points = [ls, *inside, le]
        pieces: list[Piece] = []
        shading = False
        for a, b in zip(points, points[1:], strict=False):
            for number in starting(a, at_line_end=False):
                if shading:
                    # A claim starting right where another ends: the band
                    # (drawn over the text) would hide the marker's dark box.
                    pieces.append(Piece("shade_off"))
                    shading = False
                pieces.append(Piece("marker", number=number))
            in_claim = covered(a)
            if in_claim != shading:
                pieces.append(Piece("shade_on" if in_claim else "shade_off"))
                shading = in_claim
            while check_next < len(checks) and checkables[checks[check_next]].start <= a:
                index = checks[check_next]
                heapq.heappush(started, (-index, checkables[index].end))
                check_next += 1
            while started and started[0][1] <= a:
                heapq.heappop(started)
            color = checkables[-started[0][0]].color if started else ""
            pieces.append(Piece("text", text[a:b], underline=color))
            for i in ending.get(b, ()):
                if checkables[i].start <= a:
                    pieces.append(Piece("letter", checkables[i].letter))
        if shading:
            pieces.append(Piece("shade_off"))
        for number in starting(le, at_line_end=True):  # empty claims at the very end
            pieces.append(Piece("marker", number=number))
        out.append(pieces)
    return out


def plain_line(pieces: list[Piece]) -> str:
    """The article text of one line, without any mark (for tests and previews)."""
    return "".join(p.text for p in pieces if p.kind == "text")
