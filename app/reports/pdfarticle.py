"""The article as reportlab paragraph markup, from :mod:`app.reports.articlemarks`.

What the reader sees: a dark numbered box where a claim starts (linked to the
claim's block), the claim's text on a pale grey band, and every checkable
underlined in its type colour and followed by a superscript type letter.

An article line longer than :data:`~app.reports.longtext.PARAGRAPH_CHARS` is
cut into several paragraphs (a shaded band is closed at the cut and opened
again), because reportlab splits one long paragraph across pages in time
that grows with the square of its length.
"""

from __future__ import annotations

from app.document.model import Worksheet
from app.reports import markup
from app.reports.articlemarks import Piece, article_lines
from app.reports.longtext import PARAGRAPH_CHARS
from app.reports.pdfstyle import CLAIM_SHADE, MARKER_FILL

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


def _render(piece: Piece, links: bool) -> str:
    if piece.kind == "marker":
        return claim_marker(piece.number, link=links)
    if piece.kind == "shade_on":
        return _SHADE_OPEN
    if piece.kind == "shade_off":
        return _SHADE_CLOSE
    if piece.kind == "letter":
        return checkable_letter(piece.text)
    chunk = markup.text(piece.text)
    if piece.underline:
        chunk = f'<u color="{piece.underline}" width="1.2" offset="-2.2">{chunk}</u>'
    return chunk


def _split_text(text: str, size: int) -> list[str]:
    """``text`` in parts of at most ``size`` characters, cut after a space where possible."""
    parts = []
    while len(text) > size:
        cut = text.rfind(" ", size // 2, size)
        cut = cut + 1 if cut != -1 else size
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


def paragraph_pieces(line: list[Piece], size: int = PARAGRAPH_CHARS) -> list[list[Piece]]:
    """One article line as one or more paragraphs of at most about ``size`` characters."""
    if sum(len(p.text) for p in line if p.kind == "text") <= size:
        return [line]
    out: list[list[Piece]] = []
    current: list[Piece] = []
    length = 0
    shading = False
    for piece in line:
        parts = [piece]
        if piece.kind == "text" and len(piece.text) > size:
            parts = [Piece("text", part, underline=piece.underline)
                     for part in _split_text(piece.text, size)]
        for part in parts:
            if part.kind == "text" and length and length + len(part.text) > size:
                if shading:
                    current.append(Piece("shade_off"))
                out.append(current)
                current = [Piece("shade_on")] if shading else []
                length = 0
            if part.kind in ("shade_on", "shade_off"):
                shading = part.kind == "shade_on"
            current.append(part)
            length += len(part.text) if part.kind == "text" else 0
    if current:
        out.append(current)
    return out


def article_paragraphs(worksheet: Worksheet, *, links: bool = True) -> list[str]:
    """Markup for each non-blank line of the article, markers and marks included."""
    return ["".join(_render(p, links) for p in paragraph)
            for line in article_lines(worksheet) for paragraph in paragraph_pieces(line)]
