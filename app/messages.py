"""Untrusted strings inside the app's one-line messages.

Every problem reaches the user as one sentence ("Cannot open x.claimsheet: …")
on the terminal or in a message box, and most of them quote something from
outside: a file name, a value found in a file. Those can hold a newline
(which would split the message), terminal escape sequences, right-to-left
override characters (which make ``evil‮txt.exe`` print as ``evilexe.txt``),
bytes that are not UTF-8 (a file name on Linux arrives as lone surrogates,
which cannot even be printed to a UTF-8 stdout) or a million characters.
:func:`shown` makes such a string safe to print: invisible and control
characters become visible escapes, and an overlong value is cut in the middle
so both ends (a name's extension) stay visible.
"""

from __future__ import annotations

import os
import unicodedata

#: Longest quoted value; longer ones keep their head and tail around an ellipsis.
SHOWN_CHARS = 120
#: Longest whole message; a safety net for messages that quote several values.
MESSAGE_CHARS = 600

_SIMPLE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Control, format (zero-width and bidi controls), line/paragraph separators, surrogates.
_ESCAPED_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))


def _escape(ch: str) -> str:
    if ch in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # a byte that was not UTF-8 (surrogateescape)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def escaped(value: str) -> str:
    """``value`` with every invisible or control character written as an escape."""
    if value.isprintable():
        return value
    return "".join(_escape(ch) if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch
                   for ch in value)


def cut(value: str, limit: int = SHOWN_CHARS) -> str:
    """``value`` cut to at most ``limit`` characters, keeping its head and tail."""
    if len(value) <= limit:
        return value
    head = (limit - 1) * 2 // 3
    tail = limit - 1 - head
    return value[:head] + "\u2026" + (value[-tail:] if tail else "")


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """A string from outside, safe to quote in a one-line message."""
    if isinstance(value, bytes):
        value = os.fsdecode(value)
    elif isinstance(value, os.PathLike):
        value = os.fspath(value)
    text = value if isinstance(value, str) else str(value)
    # Cut first (cheap on a huge value), then again: escapes make the text longer.
    return cut(escaped(cut(text, limit * 4)), limit)


def shown_name(path: str | os.PathLike[str]) -> str:
    """The last component of a path (or the path itself), safe to quote."""
    text = os.fspath(path)
    base = os.path.basename(text.rstrip("/\\")) if isinstance(text, str) else text
    return shown(base or text)


def one_line(message: str, limit: int = MESSAGE_CHARS) -> str:
    """A whole message made safe: no line breaks or controls, at most ``limit`` characters."""
    return cut(escaped(cut(message, limit * 4)), limit)
