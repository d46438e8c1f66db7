"""Any amount of text, in any shape, laid out so that the PDF can always be made.

reportlab fails or crawls on three shapes of text, and a worksheet may hold
all of them (a pasted token in a rationale, a note of megabytes):

* **in a table cell**, a long value makes a row taller than a page, and a
  table row cannot be split ("cannot lay out … tallest row"). Values in cells
  are cut to :data:`CELL_CHARS` (:func:`cell`); the full text is in the
  worksheet, and long free text is never put in a cell.
* **one long paragraph** is split across pages by re-wrapping the rest each
  time, so its cost grows with the square of its length (300,000 characters:
  8 s; a megabyte: minutes). Free text is cut into paragraphs of at most
  :data:`PARAGRAPH_CHARS` (:func:`pieces`), so the cost stays linear.
* **without limit**, a 30 MB note is 10,000 pages. One field prints at most
  :data:`FIELD_CHARS` characters and a report's free text all together at most
  :data:`REPORT_CHARS` (:class:`TextBudget`); what is left out is replaced by a
  line saying how much, and where to find it.

Unbreakable runs (a URL, a token) are broken at the line end by the paragraph
style's ``splitLongWords``.
"""

from __future__ import annotations

CELL_CHARS = 600
"""Most characters of a value shown in a table cell (about eight lines)."""

PARAGRAPH_CHARS = 3_000
"""Longest paragraph handed to reportlab; longer text is cut into several."""

FIELD_CHARS = 1_000_000
"""Most characters printed from one free-text field (a rationale, a note): ~300 pages."""

REPORT_CHARS = 3_000_000
"""Most characters of free text (everything but the article) printed in one report."""

SHORT_FIELD_CHARS = 2_000
"""What a field still prints once the report's budget is spent."""


def cut_note(left_out: int) -> str:
    """The line that replaces text left out of the report."""
    return (f"[\u2026 {left_out:,} more characters are not printed; the whole text is in the "
            "worksheet file.]")


def cell(value: str, limit: int = CELL_CHARS) -> str:
    """``value`` cut for a table cell, saying how much was left out."""
    if len(value) <= limit:
        return value
    return f"{value[:limit]} [\u2026 {len(value) - limit:,} more characters]"


def pieces(text: str, size: int = PARAGRAPH_CHARS) -> list[str]:
    """``text`` cut into paragraphs of at most ``size`` characters.

    Cuts fall at line breaks where there are any, else at the last space
    before the limit, else (an unbroken run) at the limit itself. Line breaks
    inside a piece are kept; the pieces joined with line breaks give the text
    back, apart from the spaces and line breaks that the cuts replace.
    """
    if len(text) <= size:
        return [text]
    out: list[str] = []
    start, end_of_text = 0, len(text)
    while start < end_of_text:
        stop = start + size
        if stop >= end_of_text:
            out.append(text[start:])
            break
        cut = text.rfind("\n", start + size // 2, stop)
        if cut == -1:
            cut = text.rfind(" ", start + size // 2, stop)
        if cut == -1:
            out.append(text[start:stop])
            start = stop
        else:
            out.append(text[start:cut])
            start = cut + 1
    return out


class TextBudget:
    """How much free text one report may still print."""

    def __init__(self, chars: int = REPORT_CHARS) -> None:
        self.left = chars

    def take(self, text: str) -> tuple[str, int]:
        """(the part of ``text`` to print, how many characters are left out)."""
        allowed = min(FIELD_CHARS, max(self.left, SHORT_FIELD_CHARS))
        shown = text if len(text) <= allowed else text[:allowed]
        self.left -= len(shown)
        return shown, len(text) - len(shown)
