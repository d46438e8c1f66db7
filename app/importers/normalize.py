"""Normalize imported text once, so every offset into it stays valid afterwards.

Claims and checkables are stored as offsets into ``Article.text``; the text is
therefore cleaned exactly once, at import, and never touched again. Cleaning
removes what is invisible or ambiguous to a reader but trips up offsets and
matching: Windows and old Mac line endings, byte order marks, NUL and other
control characters, soft hyphens and zero-width spaces, decomposed accents
(NFC), typographic ligatures, odd spaces, trailing whitespace and runs of
blank lines.
"""

from __future__ import annotations

import re
import unicodedata

# Characters that end a line in some convention: CRLF, CR, NEL, LS, PS, VT, FF.
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
# C0 controls except tab and newline, DEL, C1 controls, and invisible format
# characters that only get in the way of matching (BOM/ZWNBSP, ZWSP, word
# joiner, soft hyphen), and lone surrogates (pasted from a broken source; they
# cannot be saved as UTF-8). ZWJ/ZWNJ stay: they change how some scripts are spelled.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff\ufffe\ud800-\udfff]")
# Spaces that look like a space: no-break, en/em/thin and friends.
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f]")
# Typographic ligatures (ﬁ, ﬂ …) that PDF text layers often contain: "ﬁve" would
# never match "five". NFC leaves them alone, so they are spelled out here.
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """The canonical form of imported text (idempotent: normalizing twice changes nothing)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = text.translate(_LIGATURES)
    text = unicodedata.normalize("NFC", text)
    # Line by line: the regular expression "[ \t]+$" backtracks quadratically on a
    # long run of spaces that does not end a line.
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def has_text(text: str) -> bool:
    """Whether a document holds any visible characters at all."""
    return any(not ch.isspace() for ch in text)
