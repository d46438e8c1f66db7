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
    """The pieces of every non-blank article line, in reading order."""
    text = worksheet.article.text
    claims, checkables = _spans(worksheet)
    marked: set[int] = set()
    lettered: set[int] = set()
    out: list[list[Piece]] = []
    for ls, le in _lines(text):
        line_claims = [c for c in claims if c.start <= le and c.end >= ls]
        line_checks = [(i, k) for i, k in enumerate(checkables) if k.start < le and k.end > ls]
        cuts = {ls, le}
        for span in line_claims:
            cuts.update(p for p in (span.start, span.end) if ls < p < le)
        for _, span in line_checks:
            cuts.update(p for p in (span.start, span.end) if ls < p < le)
        points = sorted(cuts)
        pieces: list[Piece] = []
        shading = False
        for a, b in zip(points, points[1:], strict=False):
            for c in line_claims:
                starts_here = c.start <= a if c.end > a else c.start == a
                if c.number not in marked and starts_here:
                    marked.add(c.number)
                    if shading:
                        # A claim starting right where another ends: the band
                        # (drawn over the text) would hide the marker's dark box.
                        pieces.append(Piece("shade_off"))
                        shading = False
                    pieces.append(Piece("marker", number=c.number))
            in_claim = any(c.start <= a and c.end >= b for c in line_claims)
            if in_claim != shading:
                pieces.append(Piece("shade_on" if in_claim else "shade_off"))
                shading = in_claim
            active = [(i, k) for i, k in line_checks if k.start <= a and k.end >= b]
            pieces.append(Piece("text", text[a:b], underline=active[-1][1].color if active else ""))
            for i, k in active:
                if i not in lettered and k.end <= b:
                    lettered.add(i)
                    pieces.append(Piece("letter", k.letter))
        if shading:
            pieces.append(Piece("shade_off"))
        for c in line_claims:  # empty claims sitting at the very end of the line
            if c.number not in marked and c.start == le:
                marked.add(c.number)
                pieces.append(Piece("marker", number=c.number))
        out.append(pieces)
    return out


def plain_line(pieces: list[Piece]) -> str:
    """The article text of one line, without any mark (for tests and previews)."""
    return "".join(p.text for p in pieces if p.kind == "text")
