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


@functools.lru_cache(maxsize=4096)
def _visual_line(line: str) -> str:
    try:
        import arabic_reshaper
        from bidi import get_display
    except ImportError:  # optional: without them the text prints unshaped
        return line
    return str(get_display(arabic_reshaper.reshape(line)))


def visual(text: str) -> str:
    """``text`` in the order it must be drawn; unchanged when it has no RTL characters."""
    if not has_rtl(text):
        return text
    return "\n".join(_visual_line(line) if has_rtl(line) else line
                     for line in text.split("\n"))
