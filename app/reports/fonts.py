"""The bundled report font (DejaVu Sans) and what it can draw.

reportlab's built-in Helvetica only knows Latin-1, so a Cyrillic or Greek quote
would print as black boxes. We register DejaVu Sans from ``app/resources/fonts/``
(Bitstream Vera licence, see ``LICENSE-DejaVu.txt`` there) once per process,
and keep the set of code points it covers so :func:`printable` can replace
anything else with U+FFFD before reportlab sees it: a character the font lacks
then prints as a visible replacement mark instead of an invisible gap, and
odd input (lone surrogates, control characters) can never crash a report.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from app.resources import resource_path

REPLACEMENT = "\ufffd"

#: Characters reportlab's paragraph parser and canvas handle themselves.
_WHITESPACE = frozenset("\n\t ")


@dataclass(frozen=True, slots=True)
class FontFamily:
    """reportlab names of the registered faces."""

    regular: str
    bold: str
    italic: str
    bold_italic: str


_FACES = {
    "regular": ("ClaimsheetSans", "DejaVuSans.ttf"),
    "bold": ("ClaimsheetSans-Bold", "DejaVuSans-Bold.ttf"),
    "italic": ("ClaimsheetSans-Oblique", "DejaVuSans-Oblique.ttf"),
    "bold_italic": ("ClaimsheetSans-BoldOblique", "DejaVuSans-BoldOblique.ttf"),
}


@functools.cache
def register_fonts() -> FontFamily:
    """Register the bundled faces with reportlab (once) and return their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in _FACES.values():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    family = FontFamily(*(name for name, _ in _FACES.values()))
    # Lets <b> and <i> inside paragraphs pick the right face.
    addMapping(family.regular, 0, 0, family.regular)
    addMapping(family.regular, 1, 0, family.bold)
    addMapping(family.regular, 0, 1, family.italic)
    addMapping(family.regular, 1, 1, family.bold_italic)
    return family


@functools.cache
def _covered_chars() -> frozenset[str]:
    """The covered code points as one-character strings, for fast subset tests."""
    return frozenset(map(chr, covered_codepoints())) | _WHITESPACE


@functools.cache
def covered_codepoints() -> frozenset[int]:
    """Code points that every bundled face can draw (bold has slightly fewer)."""
    from reportlab.pdfbase import pdfmetrics

    family = register_fonts()
    cover: set[int] | None = None
    for name in (family.regular, family.bold):
        face = pdfmetrics.getFont(name).face
        keys = set(face.charToGlyph)
        cover = keys if cover is None else cover & keys
    return frozenset(cover or ())


def _printable_char(ch: str, cover: frozenset[int]) -> str:
    if ch in _WHITESPACE:
        return ch
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs", "Co", "Cn"):
        # control, lone surrogate, private use, unassigned
        return " " if category == "Cc" else REPLACEMENT
    if category == "Cf":
        return ""  # zero-width joiners, BOMs, direction marks: nothing to draw
    if category == "Zs" or category in ("Zl", "Zp"):
        return " "
    return ch if ord(ch) in cover else REPLACEMENT


def printable(text: str) -> str:
    """``text`` with every character the font cannot draw replaced by U+FFFD.

    Fast path: plain text the font fully covers comes back unchanged.
    """
    if _covered_chars().issuperset(text):
        return text
    cover = covered_codepoints()
    return "".join(_printable_char(ch, cover) for ch in text)


def drawable(text: str) -> str:
    """:func:`printable` text in drawing order (right-to-left runs shaped and reversed).

    For text reportlab draws; PDF metadata and outline titles stay in logical
    order (:func:`printable`), since viewers lay those out themselves.
    """
    from app.reports.rtl import visual

    return printable(visual(text))


def missing_glyphs(text: str) -> set[str]:
    """The distinct characters of ``text`` the report font would replace."""
    cover = covered_codepoints()
    return {ch for ch in text if ch not in _WHITESPACE and ord(ch) not in cover}
