"""Free text that may hold right-to-left runs, broken into lines before reordering.

reportlab breaks a paragraph into lines itself, after :func:`app.reports.rtl.visual`
has already put the whole text in drawing order; a right-to-left paragraph that
wraps would then read bottom-up (its end on the first line). :class:`TextBlock`
breaks the *logical* text into lines first, measuring each line with the font,
and only then reorders every line on its own, as a bidi renderer does. A
paragraph whose first strong character is right-to-left is right-aligned.

Text without right-to-left characters goes straight to an ordinary paragraph,
so English reports pay nothing for this.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from app.reports import markup
from app.reports.fonts import drawable
from app.reports.rtl import has_rtl, visual_line

# Measured widths and reportlab's own line fitting can differ by rounding; a
# line kept slightly short is never re-broken by the paragraph.
_SLACK = 0.97


def starts_right_to_left(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is right-to-left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def logical_lines(text: str, width: float, font: str, size: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width``, in logical order.

    A hard line break always starts a new line; a single word wider than the
    line stays whole (reportlab then breaks it as it would any long word).
    """
    lines: list[str] = []
    for hard in text.split("\n"):
        current = ""
        for word in hard.split(" "):
            candidate = f"{current} {word}" if current else word
            if not current or stringWidth(drawable(candidate), font, size) <= width * _SLACK:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


class TextBlock(Flowable):
    """Plain (untrusted) text as a paragraph, correct for right-to-left runs."""

    def __init__(self, text: str, style: ParagraphStyle, *, before: str = "",
                 after: str = "") -> None:
        super().__init__()
        self.text = f"{before}{text}{after}"
        self.style = style
        self._para: Paragraph | None = None
        self._built_for = -1.0
        if starts_right_to_left(self.text):
            self.style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)

    def _build(self, width: float) -> Paragraph:
        style = self.style
        avail = width - style.leftIndent - style.rightIndent
        lines = logical_lines(self.text, avail, style.fontName, style.fontSize)
        rtl = style.alignment == TA_RIGHT
        shown = (markup.text_in_drawing_order(visual_line(line, right_to_left=rtl))
                 for line in lines)
        return Paragraph("<br/>".join(shown), style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # platypus wraps a flowable several times at one width; break lines once.
        if self._para is None or self._built_for != availWidth:
            self._para = self._build(availWidth)
            self._built_for = availWidth
        width, height = self._para.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        para = self._para or self._build(availWidth)
        para.wrap(availWidth, availHeight)
        return list(para.split(availWidth, availHeight))

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        assert self._para is not None
        self._para.drawOn(self.canv, 0, 0)


def text_paragraph(text: str, style: ParagraphStyle, paragraph: Any = Paragraph, *,
                   before: str = "", after: str = "") -> Flowable:
    """A paragraph of untrusted plain text: ``paragraph`` class unless it holds RTL."""
    if has_rtl(text):
        return TextBlock(text, style, before=before, after=after)
    body = "<br/>".join(markup.text(line) for line in f"{before}{text}{after}".splitlines())
    return paragraph(body, style)
