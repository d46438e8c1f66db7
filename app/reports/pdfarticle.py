"""The article text as paragraph markup with claim markers and marked checkables.

Claims and checkables are spans of absolute offsets into ``article.text``; they
may touch, nest or (for hand-made claims) overlap, and may run across line
breaks. Each article line is cut at every span boundary into segments, and each
segment is escaped and wrapped in its own complete tags, so the markup is always
well nested however the spans overlap. What the reader sees:

* a dark numbered box where a claim starts (the claim's number in the report),
  and the claim's text shaded grey;
* every checkable underlined in its type colour and followed by a superscript
  type letter (D date, S system, L location, N count, A actor), which survives
  black-and-white printing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.document.model import Worksheet
from app.reports import markup
from app.reports.pdfstyle import (
    CHECKABLE_LETTER,
    CHECKABLE_UNDERLINE,
    CLAIM_SHADE,
    MARKER_FILL,
)


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    number: int = 0  # claim number, 0 for a checkable
    letter: str = ""
    color: str = ""


# reportlab's backColor leaves white gaps at every style change, so the claim
# shading is a wide pale <strike> band drawn under the text instead: one tag per
# run of claim text, which reportlab draws as a single continuous band per line.
_SHADE_OPEN = f'<strike color="{CLAIM_SHADE}" width="13.5" offset="3.3">'
_SHADE_CLOSE = "</strike>"


def claim_marker(number: int, *, link: bool = True) -> str:
    """The inline numbered box marking where claim ``number`` starts."""
    box = (f'<font size="8" color="#ffffff" backColor="{MARKER_FILL}"><b>\u00a0{number}\u00a0'
           "</b></font>")
    if link:
        box = f'<a href="#claim-{number}">{box}</a>'
    return box + "\u2009"


def checkable_letter(letter: str) -> str:
    return f'<super size="6" rise="4"><b>{letter}</b></super>'


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
    for number, claim in enumerate(worksheet.claims, start=1):
        start, end = max(0, min(claim.start, size)), max(0, min(claim.end, size))
        claims.append(_Span(start, max(start, end), number=number))
        for k in claim.checkables:
            ks, ke = max(0, min(k.start, size)), max(0, min(k.end, size))
            if ke > ks:
                checkables.append(_Span(ks, ke, letter=CHECKABLE_LETTER[k.type],
                                        color=CHECKABLE_UNDERLINE[k.type]))
    return claims, checkables


def _dedupe(spans: list[_Span]) -> list[_Span]:
    """One mark per distinct checkable span (two claims may share a checkable)."""
    seen: set[tuple[int, int, str]] = set()
    kept = []
    for span in spans:
        key = (span.start, span.end, span.letter)
        if key not in seen:
            seen.add(key)
            kept.append(span)
    return kept


def article_paragraphs(worksheet: Worksheet, *, links: bool = True) -> list[str]:
    """Markup for each non-blank line of the article, markers and marks included."""
    text = worksheet.article.text
    claims, checkables = _spans(worksheet)
    checkables = _dedupe(checkables)
    marked: set[int] = set()
    lettered: set[int] = set()
    out: list[str] = []
    for ls, le in _lines(text):
        line_claims = [c for c in claims if c.start <= le and c.end >= ls]
        line_checks = [(i, k) for i, k in enumerate(checkables) if k.start < le and k.end > ls]
        cuts = {ls, le}
        for span in line_claims:
            cuts.update(p for p in (span.start, span.end) if ls < p < le)
        for _, span in line_checks:
            cuts.update(p for p in (span.start, span.end) if ls < p < le)
        points = sorted(cuts)
        parts: list[str] = []
        shading = False
        for a, b in zip(points, points[1:], strict=False):
            for c in line_claims:
                starts_here = c.start <= a if c.end > a else c.start == a
                if c.number not in marked and starts_here:
                    marked.add(c.number)
                    parts.append(claim_marker(c.number, link=links))
            in_claim = any(c.start <= a and c.end >= b for c in line_claims)
            if in_claim != shading:
                parts.append(_SHADE_OPEN if in_claim else _SHADE_CLOSE)
                shading = in_claim
            chunk = markup.text(text[a:b])
            active_checks = [(i, k) for i, k in line_checks if k.start <= a and k.end >= b]
            if active_checks:
                _, k = active_checks[-1]
                chunk = f'<u color="{k.color}" width="1.2" offset="-2.2">{chunk}</u>'
            parts.append(chunk)
            for i, k in active_checks:
                if i not in lettered and k.end <= b:
                    lettered.add(i)
                    parts.append(checkable_letter(k.letter))
        if shading:
            parts.append(_SHADE_CLOSE)
        for c in line_claims:  # empty claims sitting at the very end of the line
            if c.number not in marked and c.start == le:
                marked.add(c.number)
                parts.append(claim_marker(c.number, link=links))
        out.append("".join(parts))
    return out
