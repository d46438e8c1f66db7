"""A guard against a reference-counting bug in PySide6 6.12 on Python 3.11 (kept out by
pyproject.toml since; the guard stays for any build that still has it).

Measured here: every time Qt converts between ``None`` and an empty QVariant
(a model's ``data()`` answering "nothing" for a role, as it must for most
roles), PySide6 drops one reference to ``None`` that it never took. Moving
through the checklist loses about 75 references per claim; ``None`` starts
with a few thousand, so after roughly a hundred J/K presses CPython frees
``None`` itself and aborts ("Fatal Python error: none_dealloc"), taking the
window and any unsaved work with it.

Python 3.12 made ``None`` immortal, which hides the bug. On 3.11 we do the
same by hand: :func:`protect_none` adds 2**40 to ``None``'s reference count,
far more than any session can leak, and leaves it alone afterwards. Remove
this module when the project requires Python 3.12 or a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40


def protect_none() -> int:
    """Make ``None``'s reference count unreachable by the leak; returns the new count.

    ``ob_refcnt`` is the first field of every CPython object, at ``id(obj)``.
    Idempotent: only tops up when the count is below half the margin.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return sys.getrefcount(None)
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _MARGIN // 2:
        count.value += _MARGIN
    return count.value
