"""The first, quadratic ``article_lines``: the reference the linear one must match.

It scanned every claim and checkable for every line and segment, which took
minutes on a worksheet with tens of thousands of claims; it stays here as the
oracle of ``tests/reports/test_articlemarks.py``.
"""

from __future__ import annotations

from app.document.model import Worksheet
from app.reports.articlemarks import Piece, _lines, _spans


def reference_article_lines(worksheet: Worksheet) -> list[list[Piece]]:
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
