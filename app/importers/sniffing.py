"""Work out what kind of document a file is from its bytes, not its name.

Checkers receive files with wrong or missing extensions (``article`` from a
mail client, ``story.html`` that is really a PDF), so the reader is chosen by
the content: magic bytes for PDF, zip-based Word files and known binaries,
markup for HTML, formatting cues for Markdown. The extension only breaks ties
where the content is ambiguous (a Markdown file with one heading).
"""

from __future__ import annotations

import io
import re
import zipfile
from enum import StrEnum

from app.importers.errors import ArticleImportError


class Kind(StrEnum):
    """The document formats Claimsheet can read (values are ``Article.import_format``)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    MHTML = "mhtml"
    PDF = "pdf"
    DOCX = "docx"


_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Signatures of files that are certainly not articles, with what to call them.
_BINARY_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"\x00\x00\x01\x00", "an icon image"),
    (0, b"8BPS", "a Photoshop image"),
    (0, b"\x7fELF", "an executable program (ELF)"),
    (0, b"\xfe\xed\xfa\xce", "an executable program (Mach-O)"),
    (0, b"\xfe\xed\xfa\xcf", "an executable program (Mach-O)"),
    (0, b"\xce\xfa\xed\xfe", "an executable program (Mach-O)"),
    (0, b"\xcf\xfa\xed\xfe", "an executable program (Mach-O)"),
    (0, b"\xca\xfe\xba\xbe", "an executable program or Java class"),
    (0, b"\x00asm", "a WebAssembly program"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"\xfd7zXZ\x00", "an xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (0, b"BZh", "a bzip2 archive"),
    (257, b"ustar", "a tar archive"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, _OLE2_SIGNATURE,
     "an old binary Office file (.doc/.xls/.ppt); save it as .docx, PDF or text first"),
    (0, b"{\\rtf", "an RTF file, which is not supported; save it as .docx, PDF or text first"),
    (0, b"ID3", "an MP3 audio file"),
    (0, b"OggS", "an Ogg audio/video file"),
    (0, b"fLaC", "a FLAC audio file"),
    (4, b"ftyp", "a video or audio file (MP4/MOV)"),
    (0, b"\x1aE\xdf\xa3", "a video file (Matroska/WebM)"),
)

_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|head)\b[^>]*>", re.IGNORECASE)
_MHTML_HEADER = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n)*?content-type:\s*multipart/related",
                           re.IGNORECASE)

_MARKDOWN_CUES = (
    re.compile(r"^#{1,6} \S", re.MULTILINE),                # ATX heading
    re.compile(r"^\S[^\n]*\n(?:=+|-+)[ \t]*$", re.MULTILINE),  # Setext heading
    # [link](target); brackets excluded inside, so "[[[[…" or "[a]([a](…" stay linear
    re.compile(r"\[[^\[\]\n]{1,500}\]\([^()\[\]\s]{1,2000}\)"),
    re.compile(r"(?<![\w*])\*\*[^*\n]+\*\*(?![\w*])|(?<!\w)__[^_\n]+__(?!\w)"),  # **bold**
    re.compile(r"^```|^~~~", re.MULTILINE),                  # fenced code
    re.compile(r"(?:^[ \t]{0,3}[-*+] \S[^\n]*\n){2,}", re.MULTILINE),  # bullet list
    re.compile(r"^> \S", re.MULTILINE),                      # block quote
    re.compile(r"\A---\n(?:[\w-]+:[^\n]*\n)+---\n"),         # YAML front matter
)

_MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")


_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def refuse_binary(data: bytes, name: str) -> None:
    """Raise :class:`ArticleImportError` if ``data`` is a known non-document binary."""
    if data.startswith(_OLE2_SIGNATURE) and _ENCRYPTED_PACKAGE in data[:1024 * 1024]:
        # Office wraps a password-protected .docx in an old-style compound file.
        raise ArticleImportError(
            name, "it is a password-protected Office file; remove the password and import "
                  "it again")
    for offset, signature, what in _BINARY_SIGNATURES:
        if data[offset:offset + len(signature)] == signature:
            raise ArticleImportError(name, f"it is {what}, not an article")
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise ArticleImportError(name, "it is an image, audio or video file, not an article")
    if data[:2] == b"MZ" and b"\x00" in data[:512]:
        raise ArticleImportError(name, "it is a Windows executable program, not an article")
    if data[:2] == b"BM" and len(data) > 26 and b"\x00" in data[2:26]:
        raise ArticleImportError(name, "it is a BMP image, not an article")


def looks_binary(data: bytes) -> bool:
    """Whether undecoded bytes are control-character noise rather than text.

    UTF-16/32 text is full of NUL bytes, so callers test for it first.
    """
    sample = data[:65536]
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 and byte != 27)
    return controls > max(2, len(sample) // 100)


def sniff(data: bytes, name: str) -> Kind:
    """The format of a document, decided from its first bytes (and its name when ambiguous).

    Raises :class:`ArticleImportError` for binaries that are not documents.
    """
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return Kind.PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name)
    refuse_binary(data, name)
    if _MHTML_HEADER.search(head) or (name.lower().endswith((".mht", ".mhtml"))
                                      and b"multipart/related" in head.lower()):
        return Kind.MHTML
    if head.startswith(_UTF16_32_BOMS):
        return Kind.TEXT  # decoded first, then sniffed again as text
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head):
        return Kind.HTML
    return Kind.TEXT


def sniff_text(text: str, name: str) -> Kind:
    """The format of an already decoded document: HTML, Markdown or plain text."""
    head = text[:4096].encode("utf-8", "replace")
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head):
        return Kind.HTML
    lowered = name.lower()
    if lowered.endswith(_HTML_EXTENSIONS) and re.search(r"<[a-zA-Z][^>]*>", text[:4096]):
        return Kind.HTML
    cues = sum(1 for cue in _MARKDOWN_CUES if cue.search(text[:200_000]))
    if lowered.endswith(_MARKDOWN_EXTENSIONS):
        return Kind.MARKDOWN if cues >= 1 else Kind.TEXT
    needed = 3 if lowered.endswith(".txt") else 2
    return Kind.MARKDOWN if cues >= needed else Kind.TEXT


def _sniff_zip(data: bytes, name: str) -> Kind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArticleImportError(name, "it is a damaged ZIP or Word file") from error
    if "word/document.xml" in names:
        return Kind.DOCX
    if "content.xml" in names and "mimetype" in names:
        raise ArticleImportError(
            name, "it is an OpenDocument file, which is not supported; save it as .docx first")
    if any(n.startswith(("xl/", "ppt/")) for n in names):
        raise ArticleImportError(name, "it is an Excel or PowerPoint file, not an article")
    raise ArticleImportError(name, "it is a ZIP archive, not an article")
