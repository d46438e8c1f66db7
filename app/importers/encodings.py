"""Decode the bytes of a text file and say which encoding was assumed.

Order of evidence: a byte order mark (UTF-8, UTF-16, UTF-32) is certain;
strict UTF-8 that decodes is almost certainly UTF-8; UTF-16 without a BOM
shows as NUL bytes on every other position. Text that is UTF-8 apart from a
few stray bytes (a file cut and pasted together, one damaged character) is
still UTF-8: when its valid multi-byte characters are at least as many as its
invalid bytes, it is read as UTF-8 with each bad byte replaced by U+FFFD and a
note saying how many, rather than decoded whole as cp1252 (which would turn
every "’" into "â€™"). Anything else is a single-byte
legacy encoding, and there charset-normalizer is good on long texts but
guesses wildly on a sentence or two (mac_roman, cp1125 …) and sometimes
confuses Russian cp1251 with Western cp1252. So the two encodings checkers
meet most, cp1251 (Cyrillic) and cp1252 / latin-1 (Western European), are
also tried directly and judged by how plausible the decoded words look:
real words do not mix Latin and Cyrillic letters, are not made mostly of
accented letters, and do not switch from lower to upper case in the middle.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from app.importers.errors import ArticleImportError
from app.importers.sniffing import looks_binary

_WORD = re.compile(r"[^\W\d_]{2,}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ACCENTED = re.compile(r"[\u00c0-\u024f]")

# Enough text to judge an encoding; judging a 20 MB file whole would take seconds.
_SAMPLE_CHARS = 200_000

_DESCRIPTIONS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with a byte order mark",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian, no byte order mark)",
    "utf-16-be": "UTF-16 (big-endian, no byte order mark)",
    "utf-32": "UTF-32",
    "cp1251": "cp1251 (Windows Cyrillic)",
    "cp1252": "cp1252 (Windows Western European)",
    "latin-1": "latin-1 (ISO 8859-1)",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec used and a note for the user about how it was chosen."""

    text: str
    encoding: str
    note: str


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode a text document, or raise :class:`ArticleImportError` if it is not text."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return decoded(data.decode(codec), codec, "byte order mark")
            except UnicodeDecodeError as error:
                raise ArticleImportError(
                    name, f"it starts with a {_DESCRIPTIONS[codec]} byte order mark but is "
                          "not valid text in that encoding") from error
    if looks_binary(data):
        # UTF-16 without a BOM is full of NUL (Latin) or 0x04 (Cyrillic) bytes.
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise ArticleImportError(name, "it is a binary file, not text")
    try:
        return decoded(data.decode("utf-8"), "utf-8", "valid UTF-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    return _decode_legacy(data, name)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes replaced, when the valid UTF-8 outweighs them."""
    escaped = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(escaped))
    valid = len(_NON_ASCII.findall(escaped))  # characters from valid multi-byte sequences
    if not valid or valid < bad:
        return None
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - escaped.count("\ufffd")
    plural = "s" if bad != 1 else ""
    return Decoded(text, "utf-8", f"Read as UTF-8, but {bad:,} byte{plural} in it "
                                  f"{'are' if plural else 'is'} not valid UTF-8 and "
                                  f"{'were' if replaced != 1 else 'was'} replaced by \ufffd; "
                                  "check the text at those places.")


def decoded(text: str, codec: str, how: str) -> Decoded:
    """A :class:`Decoded` whose note names the codec the way users know it."""
    codec = {"windows-1251": "cp1251", "windows-1252": "cp1252",
             "iso8859-1": "latin-1"}.get(codec, codec)
    return Decoded(text, codec, f"Read as {_DESCRIPTIONS.get(codec, codec)} ({how}).")


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a byte order mark, if one byte order decodes to plausible words."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:4096] if ch < " " and ch not in "\t\n\r\f\v")
        if controls > len(text[:4096]) // 100 or not _WORD.search(text):
            continue
        if implausibility(text, single_byte=False) > 0.25:
            continue
        # Text in any alphabet has ASCII spaces and punctuation; the wrong byte
        # order turns them into CJK ideographs, which pass every other test.
        ascii_share = sum(1 for ch in text[:4096] if ch < "\x80") / max(len(text[:4096]), 1)
        if best is None or ascii_share > best[0]:
            best = (ascii_share, codec, text)
    if best is None:
        return None
    return decoded(best[2], best[1], "detected from the byte pattern")


def implausibility(text: str, *, single_byte: bool = True) -> float:
    """Share of words that no real language spells this way (0.0 = all plausible).

    Mojibake from a wrong single-byte codec shows as words mixing Latin and
    Cyrillic letters ("cafй"), words made mostly of accented Latin letters
    ("Ïðèâåò" is cp1251 Russian read as cp1252), lower-to-upper switches inside
    a word ("пРИВЕТ" is KOI8-R read as cp1251), and C1 control characters.
    """
    text = text[:_SAMPLE_CHARS]
    words = _WORD.findall(text)
    bad = sum(1 for ch in text if "\x80" <= ch <= "\x9f") * 2
    checked = 0
    for word in words:
        if word.isascii():
            continue
        checked += 1
        cyrillic = len(_CYRILLIC.findall(word))
        latin = len(_LATIN.findall(word))
        if cyrillic and latin:
            bad += 1
        elif latin and len(_ACCENTED.findall(word)) * 2 > len(word) and len(word) >= 4:
            bad += 1
        elif any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
            bad += 1
        elif single_byte and not cyrillic and not latin:
            # Neither script: Greek, Arabic, CJK … fine in themselves, but a
            # single-byte Western/Cyrillic decode never produces them.
            bad += 1
    return bad / max(checked, 1)


def _decode_legacy(data: bytes, name: str) -> Decoded:
    candidates: list[tuple[float, int, str, str]] = []  # (implausibility, rank, codec, text)
    for rank, codec in enumerate(("cp1252", "cp1251")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((implausibility(text), rank, codec, text))
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        codec, text = guessed
        if codec in ("cp1251", "cp1252"):
            # Break a tie between our two in favour of charset-normalizer's choice.
            candidates = [(score, -1 if c == codec else rank, c, t)
                          for score, rank, c, t in candidates]
        else:
            single_byte = _is_single_byte(codec)
            candidates.append((implausibility(text, single_byte=single_byte), 2, codec, text))
    if not candidates:
        raise ArticleImportError(name, "its text encoding could not be recognised")
    score, _, codec, text = min(candidates)
    if score > 0.25:
        raise ArticleImportError(
            name, "its text encoding could not be recognised (save it as UTF-8 and try again)")
    if codec == "cp1252" and not any(0x80 <= byte <= 0x9f for byte in data):
        codec = "latin-1"  # identical for these bytes; latin-1 is the more familiar name
        text = data.decode(codec)
    how = "detected"
    if score > 0.02:
        how = "detected, but uncertain: check that accented letters look right"
    return decoded(text, codec, how)


def _is_single_byte(codec: str) -> bool:
    try:
        return len(bytes(range(256)).decode(codec, "replace")) == 256
    except LookupError:
        return False


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE_CHARS]).best()
    if best is None:
        return None
    codec = codecs.lookup(best.encoding).name
    codec = {"windows-1251": "cp1251", "windows-1252": "cp1252", "iso8859-1": "latin-1"}.get(
        codec, codec)
    try:
        return codec, data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
