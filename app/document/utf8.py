"""UTF-8 for strings that may hold lone surrogates.

A Python string can hold a lone surrogate (``"\\ud800"``): JSON allows the
escape, a file name that is not UTF-8 arrives that way on Linux
(``os.fsdecode``), and some clipboards hand them over. Such a string cannot be
encoded as UTF-8, so a save or an export would end in ``UnicodeEncodeError``.
Claimsheet replaces each lone surrogate with U+FFFD (the replacement
character), one character for one, so every offset into the text stays valid.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
# In JSON text: a \\uD800-\\uDFFF escape, the only way a surrogate gets into a parsed file.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")

REPLACEMENT = "\ufffd"


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (same length)."""
    return _SURROGATE.sub(REPLACEMENT, text)


def encode(text: str) -> bytes:
    """``text`` as UTF-8, lone surrogates written as U+FFFD; never raises."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return scrub(text).encode("utf-8")


def may_hold_surrogates(json_text: str) -> bool:
    """Whether parsing ``json_text`` can produce a lone surrogate (cheap pre-check)."""
    return _SURROGATE_ESCAPE.search(json_text) is not None


def scrub_document(value: Any) -> Any:
    """A parsed JSON value with lone surrogates replaced in every string, keys included."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {scrub(key): scrub_document(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub_document(item) for item in value]
    return value
