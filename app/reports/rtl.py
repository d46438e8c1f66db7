"""Right-to-left text (Arabic, Hebrew) in visual order, for reportlab.

reportlab's own bidi support needs a package that is not on PyPI, and without
it Arabic prints as isolated letters in left-to-right order. Text holding
right-to-left characters is therefore shaped here (``arabic-reshaper`` picks
the joined presentation forms, which the bundled DejaVu Sans has) and reordered
into visual order (``python-bidi``), one line at a time. Known limit: a
right-to-left paragraph that wraps over several lines is reordered before
reportlab breaks it, so its lines read bottom-up; quotes and titles that fit
on a line print correctly.
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
def _visual_line(line: str) -> str:
    reshaper = _reshaper()
    try:
        from bidi import get_display
    except ImportError:
        return line
    shaped = reshaper.reshape(line) if reshaper is not None else line  # type: ignore[attr-defined]
    return str(get_display(shaped))


def visual(text: str) -> str:
    """``text`` in the order it must be drawn; unchanged when it has no RTL characters."""
    if not has_rtl(text):
        return text
    return "\n".join(_visual_line(line) if has_rtl(line) else line
                     for line in text.split("\n"))
