"""Right-to-left text (Arabic, Hebrew) in visual order, for reportlab.

reportlab's own bidi support needs a package that is not on PyPI, and without
it Arabic prints as isolated letters in left-to-right order. Text holding
right-to-left characters is therefore shaped here (``arabic-reshaper`` picks
the joined presentation forms, which the bundled DejaVu Sans has) and reordered
into visual order (``python-bidi``), one line at a time. Free text (quotes,
rationales, excerpts, notes) is broken into lines before reordering by
:mod:`app.reports.pdfrtl`, so a wrapped right-to-left paragraph reads top to
bottom; text in table cells and the marked-up article is reordered before
reportlab breaks it, so there a right-to-left run that wraps reads bottom-up.
"""

from __future__ import annotations

import functools
import re

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


@functools.cache
def _reshaper() -> object | None:
    try:
        import arabic_reshaper
    except ImportError:  # optional: without it the text prints unshaped
        return None
    # Keep the vowel marks (harakat): the default drops them, which loses text.
    return arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


@functools.lru_cache(maxsize=4096)
def _visual_line(line: str, base: str | None = None) -> str:
    reshaper = _reshaper()
    try:
        from bidi import get_display
    except ImportError:
        return line
    shaped = reshaper.reshape(line) if reshaper is not None else line  # type: ignore[attr-defined]
    if base is None:
        return str(get_display(shaped))
    return str(get_display(shaped, base_dir=base))


def visual_line(line: str, *, right_to_left: bool) -> str:
    """One display line in drawing order, with the paragraph's base direction.

    Lines broken out of one paragraph must share its direction: a wrapped line
    of an English paragraph that happens to begin with an Arabic word is still
    laid out left to right.
    """
    if not has_rtl(line):
        return line
    return _visual_line(line, "R" if right_to_left else "L")


def visual(text: str) -> str:
    """``text`` in the order it must be drawn; unchanged when it has no RTL characters."""
    if not has_rtl(text):
        return text
    return "\n".join(_visual_line(line) if has_rtl(line) else line
                     for line in text.split("\n"))
