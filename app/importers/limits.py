"""Size limits that keep a hostile or accidental input from hanging the app.

A news article is a few hundred kilobytes at most, even as a saved web page with
inline styles, so the limits are generous for real articles and small enough
that a 2-core laptop parses the worst case in seconds.
"""

from __future__ import annotations

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused before they are read."""

MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""Real (inflated, not declared) size of all parts of a .docx zip together."""

MAX_DOCX_MEMBER_BYTES = 64 * 1024 * 1024
"""Largest real (inflated, not declared) size of one part of a .docx zip."""

MAX_DOCX_MEMBER_RATIO = 200
"""Largest declared uncompressed/compressed ratio for one zip member over 1 MB.
Real XML compresses about 10:1; zip bombs reach 1000:1 and more."""

MAX_DOCX_MEMBERS = 5000
"""A Word file has a few dozen parts; thousands means something is wrong."""


def describe_size(size: int) -> str:
    """Bytes as a short human figure, e.g. ``25.3 MB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size} bytes"
