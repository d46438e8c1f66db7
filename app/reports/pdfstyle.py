"""Paragraph styles and colours of the PDF worksheet.

One place for the look of the report, so the cover, the claim blocks and the
appendix stay consistent. Colours are chosen to stay distinguishable when the
report is printed in grey, and every colour cue is doubled by text (the verdict
label, the checkable type letter), so nothing depends on colour alone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from app.document.labels import MARKER_FILL as LABEL_MARKER_FILL
from app.document.labels import PRINT_CLAIM_SHADE, VERDICT_STYLES
from app.document.model import Verdict
from app.reports.fonts import FontFamily, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5a5a5a")
RULE = colors.HexColor("#9a9a9a")
FAINT = colors.HexColor("#e9e9e9")
HEADER_FILL = colors.HexColor("#f0f0f0")
CLAIM_SHADE = PRINT_CLAIM_SHADE
MARKER_FILL = LABEL_MARKER_FILL
LINK = "#1f4e8c"

#: Verdict colours (fill and legible ink), from app/document/labels.py as in the window.
VERDICT_FILL = {v: colors.HexColor(style.fill) for v, style in VERDICT_STYLES.items()}
VERDICT_INK = {v: colors.HexColor(style.ink) for v, style in VERDICT_STYLES.items()}


def verdict_ink(verdict: Verdict | None) -> colors.Color:
    return VERDICT_INK[verdict]


@dataclass(frozen=True, slots=True)
class Styles:
    fonts: FontFamily
    kicker: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    article: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    quote: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle
    verdict: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """The report's paragraph styles (built once; reportlab styles are immutable in use)."""
    f = register_fonts()
    base = ParagraphStyle(
        "body", fontName=f.regular, fontSize=9.5, leading=13, textColor=INK, alignment=TA_LEFT,
        splitLongWords=True,
    )
    return Styles(
        fonts=f,
        kicker=ParagraphStyle("kicker", base, fontName=f.bold, fontSize=9, leading=12,
                              textColor=MUTED, spaceAfter=4),
        title=ParagraphStyle("title", base, fontName=f.bold, fontSize=20, leading=25,
                             spaceAfter=10),
        h1=ParagraphStyle("h1", base, fontName=f.bold, fontSize=15, leading=19, spaceBefore=4,
                          spaceAfter=8),
        h2=ParagraphStyle("h2", base, fontName=f.bold, fontSize=11, leading=14, spaceBefore=8,
                          spaceAfter=4),
        body=base,
        article=ParagraphStyle("article", base, fontSize=10, leading=16, spaceAfter=7),
        small=ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        label=ParagraphStyle("label", base, fontName=f.bold, fontSize=7.5, leading=10,
                             textColor=MUTED, spaceBefore=5, spaceAfter=1, keepWithNext=1),
        quote=ParagraphStyle("quote", base, fontSize=10, leading=14, leftIndent=9,
                             spaceBefore=5, spaceAfter=2),
        cell=ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        cell_bold=ParagraphStyle("cell_bold", base, fontName=f.bold, fontSize=8.5, leading=11),
        header_cell=ParagraphStyle("header_cell", base, fontName=f.bold, fontSize=11,
                                   leading=14),
        verdict=ParagraphStyle("verdict", base, fontName=f.bold, fontSize=9, leading=11,
                               alignment=1),
    )
