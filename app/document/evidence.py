"""What Claimsheet keeps as evidence: the kinds of file, their limits, and how one is recognised.

A worksheet keeps copies of the files its verdicts rest on: PDFs, images
(PNG, JPEG, WebP), saved web pages (HTML, MHTML), web archives (WARC, WACZ),
plain text and Word files. A file is recognised by its content, never by its
name alone, and anything else is refused with one line: above all programs
and scripts (an ELF or Windows executable, a ``#!`` script, a name ending in
``.exe``, ``.bat``, ``.desktop`` …), since evidence is later opened with the
system's viewer and must never be something that runs. A Word file carrying
macros is refused for the same reason.

Limits (each a named constant, each tested; see docs/limits.md): one file at
most :data:`MAX_ITEM_BYTES`, a worksheet at most :data:`MAX_TOTAL_BYTES` of
evidence in at most :data:`MAX_ITEMS` files.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from app.document.model import (
    Capture,
    Evidence,
    MediaType,
    Source,
    SourceKind,
    Worksheet,
    now_iso,
)
from app.reading.files import describe_size

MAX_ITEM_BYTES = 256 * 1024 * 1024
"""Largest evidence file: a long PDF report or a big web archive fits; a video does not."""
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
"""All the evidence of one worksheet together (the container stays far below ZIP's 4 GB)."""
MAX_ITEMS = 2_000
"""Most evidence files in one worksheet."""
MAX_IMAGE_PIXELS = 50_000_000
"""Largest image decoded for a thumbnail or the window's preview (a 50-megapixel photo)."""


@dataclass(frozen=True, slots=True)
class Kind:
    """How Claimsheet handles one media type."""

    media_type: MediaType
    extensions: tuple[str, ...]  # the first is used for new copies
    label: str
    show: str  # "image" or "text": shown in the window; "viewer": the system's viewer
    compress: bool  # deflated in the container (text); the others are compressed already
    page: bool = False  # a saved page or web archive (captured as "page")


KINDS: dict[MediaType, Kind] = {k.media_type: k for k in (
    Kind(MediaType.PDF, ("pdf",), "PDF document", "viewer", False),
    Kind(MediaType.PNG, ("png",), "PNG image", "image", False),
    Kind(MediaType.JPEG, ("jpg",), "JPEG image", "image", False),
    Kind(MediaType.WEBP, ("webp",), "WebP image", "image", False),
    Kind(MediaType.HTML, ("html",), "Saved web page (HTML)", "viewer", True, page=True),
    Kind(MediaType.MHTML, ("mhtml",), "Saved web page (MHTML)", "viewer", True, page=True),
    Kind(MediaType.WARC, ("warc", "warc.gz"), "Web archive (WARC)", "viewer", True, page=True),
    Kind(MediaType.WACZ, ("wacz",), "Web archive (WACZ)", "viewer", False, page=True),
    Kind(MediaType.TEXT, ("txt",), "Plain text", "text", True),
    Kind(MediaType.DOCX, ("docx",), "Word document", "viewer", False),
)}

ACCEPTED = "PDF, PNG, JPEG or WebP images, saved web pages (HTML, MHTML), web archives " \
           "(WARC, WACZ), plain text or Word files"

#: Names that run when opened, whatever they hold.
PROGRAM_SUFFIXES = frozenset(
    "exe com bat cmd ps1 psm1 vbs vbe js jse wsf wsh hta scr pif msi msp cpl lnk url jar "
    "app command desktop sh bash zsh csh ksh run bin appimage deb rpm dmg pkg py pyw pl rb "
    "php apk reg inf scf gadget".split())

_PROGRAM_MAGIC = {
    b"\x7fELF": "a program (Linux executable)",
    b"MZ": "a Windows program",
    b"\xca\xfe\xba\xbe": "a macOS program",
    b"\xcf\xfa\xed\xfe": "a macOS program",
    b"\xce\xfa\xed\xfe": "a macOS program",
    b"#!": "a script",
    b"[Desktop Entry]": "a desktop launcher",
}
_OTHER_MAGIC = {
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"\x1f\x8b": "a gzip archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"{\\rtf": "an RTF document",
    b"OggS": "an audio or video file",
    b"ID3": "an audio file",
    b"\x1aE\xdf\xa3": "a video file",
}

HEAD_BYTES = 64 * 1024
"""How much of a file is looked at to recognise it."""

_HTML_START = re.compile(rb"^(?:\s|<!--.*?-->)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]", re.IGNORECASE)
_MHTML_HEADER = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)*?"
                           rb"content-type:\s*multipart/related", re.IGNORECASE)
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']([^\"'>]+)",
                        re.IGNORECASE)
_SNAPSHOT = re.compile(rb"^Snapshot-Content-Location:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
_WARC_TARGET = re.compile(rb"^WARC-Target-URI:\s*<?(\S+?)>?\r?$", re.IGNORECASE | re.MULTILINE)
_TITLE = re.compile(rb"<title[^>]*>(.{1,400}?)</title>", re.IGNORECASE | re.DOTALL)
_SUBJECT = re.compile(rb"^Subject:\s*(.{1,400})$", re.IGNORECASE | re.MULTILINE)


class EvidenceRefused(Exception):
    """A file Claimsheet does not keep as evidence; ``reason`` is a plain phrase."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def _suffix(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 with a byte-order mark
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not just a character cut at the end of the head
            return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(head) // 100


def _zip_kind(path: Path) -> MediaType:
    """DOCX or WACZ, from the archive's directory (nothing is inflated)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise EvidenceRefused("it is a damaged ZIP archive") from None
    if "word/document.xml" in names:
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise EvidenceRefused("it is a Word file with macros, which could run when opened")
        return MediaType.DOCX
    if "datapackage.json" in names:
        return MediaType.WACZ
    raise EvidenceRefused(f"it is a ZIP archive; Claimsheet keeps {ACCEPTED}")


def _gzip_warc(head: bytes) -> bool:
    try:
        start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    except zlib.error:
        return False
    return start.startswith(b"WARC/")


def recognise(head: bytes, name: str, path: Path | None = None) -> MediaType:
    """The media type of a file from its first bytes (and, for ZIPs, its directory).

    Raises :class:`EvidenceRefused` for anything Claimsheet does not keep.
    """
    suffix = _suffix(name)
    if suffix in PROGRAM_SUFFIXES:
        raise EvidenceRefused(f"its name ends in .{suffix}, a kind of file that runs when "
                              "opened")
    if not head:
        raise EvidenceRefused("the file is empty")
    for magic, what in _PROGRAM_MAGIC.items():
        if head.startswith(magic):
            raise EvidenceRefused(f"it is {what}, which Claimsheet never keeps as evidence")
    if b"%PDF-" in head[:1024]:
        return MediaType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return MediaType.JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return MediaType.WEBP
    if head.startswith(b"WARC/"):
        return MediaType.WARC
    if head.startswith(b"\x1f\x8b") and _gzip_warc(head):
        return MediaType.WARC
    if head.startswith(b"PK\x03\x04"):
        if path is None:
            raise EvidenceRefused("it is a ZIP archive that cannot be looked into here")
        return _zip_kind(path)
    for magic, what in _OTHER_MAGIC.items():
        if head.startswith(magic):
            raise EvidenceRefused(f"it is {what}; Claimsheet keeps {ACCEPTED}")
    text = head.lstrip(b"\xef\xbb\xbf")
    if _MHTML_HEADER.match(text[:8192]):
        return MediaType.MHTML
    if _looks_like_text(head):
        if _HTML_START.match(text[:4096]) or (suffix in ("html", "htm", "xhtml")
                                               and _HTML_ANYWHERE.search(text[:4096])):
            return MediaType.HTML
        start = text.lstrip()[:5].lower()
        if start in (b"<?xml", b"<svg ", b"<svg>") and b"<svg" in text[:4096].lower():
            raise EvidenceRefused(f"it is an SVG image (it can hold scripts); Claimsheet keeps "
                                  f"{ACCEPTED}")
        return MediaType.TEXT
    raise EvidenceRefused(f"it is not a kind of file Claimsheet keeps ({ACCEPTED})")


def capture_for(media_type: MediaType) -> Capture:
    """How a dropped or chosen file counts as captured: a page, or a file."""
    return Capture.PAGE if KINDS[media_type].page else Capture.FILE


def original_url(head: bytes, media_type: MediaType) -> str:
    """Where a saved page says it came from, when it says so ("" otherwise)."""
    found = None
    if media_type == MediaType.HTML:
        found = _SAVED_FROM.search(head) or _CANONICAL.search(head)
    elif media_type == MediaType.MHTML:
        found = _SNAPSHOT.search(head[:16384])
    elif media_type == MediaType.WARC:
        found = _WARC_TARGET.search(head)
    if found is None:
        return ""
    url = found.group(1).decode("utf-8", "replace").strip()
    return url if url.lower().startswith(("http://", "https://")) and len(url) < 2048 else ""


def page_title(head: bytes, media_type: MediaType) -> str:
    """The title a saved page gives itself ("" when none)."""
    import html

    found = None
    if media_type == MediaType.HTML:
        found = _TITLE.search(head)
    elif media_type == MediaType.MHTML:
        found = _SUBJECT.search(head[:16384])
    if found is None:
        return ""
    title = html.unescape(found.group(1).decode("utf-8", "replace"))
    return " ".join(title.split())[:300]


def member_name(sha256: str, media_type: MediaType, head: bytes = b"") -> str:
    """Where the bytes go in the container: ``evidence/<sha256>.<ext>``."""
    extensions = KINDS[media_type].extensions
    ext = extensions[0]
    if media_type == MediaType.WARC and head.startswith(b"\x1f\x8b"):
        ext = "warc.gz"
    return f"evidence/{sha256}.{ext}"


def describe(item: Evidence) -> str:
    """``report.pdf (PDF document, 1.2 MB)`` for messages and lists."""
    return f"{item.name} ({KINDS[item.media_type].label}, {describe_size(item.size)})"


def size_text(size: int) -> str:
    """``1.3 kB (1,361 bytes)``; just ``175 bytes`` when that is all."""
    short = describe_size(size)
    return short if short.endswith("bytes") else f"{short} ({size:,} bytes)"


def numbered(number: int, item: Evidence) -> str:
    """``evidence 2 (report.pdf, PDF document, 1.2 MB)``, naming an item in a message."""
    from app.messages import shown

    return (f"evidence {number} ({shown(item.name, 60)}, {KINDS[item.media_type].label}, "
            f"{describe_size(item.size)})")


def total_problem(worksheet: Worksheet, adding: int = 0, items: int = 0) -> str | None:
    """Why the worksheet cannot hold ``adding`` more bytes in ``items`` more files, or None."""
    total = sum(item.size for item in worksheet.evidence) + adding
    if total > MAX_TOTAL_BYTES:
        return (f"the worksheet's evidence would come to {describe_size(total)}; a worksheet "
                f"holds at most {describe_size(MAX_TOTAL_BYTES)} of evidence")
    count = len(worksheet.evidence) + items
    if count > MAX_ITEMS:
        return (f"the worksheet would hold {count:,} evidence files; a worksheet holds at most "
                f"{MAX_ITEMS:,}")
    return None


def new_record(sha256: str, name: str, media_type: MediaType, size: int,
               capture: Capture | None = None, url: str = "",
               sources: list[str] | None = None) -> Evidence:
    """The record of a file captured now."""
    return Evidence(sha256=sha256, name=name or "evidence", media_type=media_type, size=size,
                    captured=now_iso(), capture=capture or capture_for(media_type),
                    url=url, sources=list(sources or []))


# ---------------------------------------------------------------- capturing files


class AttachError(Exception):
    """A file that cannot be attached; the message is one line for the user."""

    def __init__(self, name: str, reason: str) -> None:
        from app.messages import one_line, shown_name

        self.reason = reason
        end = "" if reason.endswith(".") else "."
        super().__init__(one_line(f"Cannot attach {shown_name(name)}: {reason}{end}"))


@dataclass(frozen=True, slots=True)
class Captured:
    """A file taken into a worksheet's locker, not yet listed in the worksheet."""

    record: Evidence
    title: str  # what a new source made from it would be called


def capture_file(worksheet: Worksheet, path: str | Path, *, capture: Capture | None = None,
                 url: str = "") -> Captured:
    """Copy a user's file into the worksheet's locker and describe it.

    The file is read once (regular files only, at most :data:`MAX_ITEM_BYTES`),
    hashed while it is copied, and recognised by its content; anything else
    raises :class:`AttachError` and leaves the worksheet as it was.
    """
    from app.reading.files import FileRefused, FileTooLarge

    name = Path(path).name
    try:
        staged = worksheet.locker.stage_file(path, limit=MAX_ITEM_BYTES)
    except FileTooLarge as exc:
        size = describe_size(exc.size) if exc.size is not None else "larger than that"
        raise AttachError(name, f"it is {size}; Claimsheet keeps evidence files of up to "
                                f"{describe_size(MAX_ITEM_BYTES)}") from None
    except FileRefused as exc:
        raise AttachError(name, exc.reason) from None
    except OSError as exc:
        raise AttachError(name, f"it could not be copied ({exc.strerror or exc})") from None
    try:
        media_type = recognise(staged.head, name, staged.path)
    except EvidenceRefused as exc:
        if staged.sha256 not in {item.sha256 for item in worksheet.evidence}:
            worksheet.locker.discard(staged.sha256)
        raise AttachError(name, exc.reason) from None
    record = new_record(staged.sha256, name, media_type, staged.size, capture,
                        url or original_url(staged.head, media_type))
    title = page_title(staged.head, media_type) or Path(name).stem or name
    return Captured(record, title)


def capture_bytes(worksheet: Worksheet, data: bytes, name: str, capture: Capture) -> Captured:
    """An image from the clipboard or a screenshot (PNG bytes made by the caller)."""
    if len(data) > MAX_ITEM_BYTES:
        raise AttachError(name, f"it is {describe_size(len(data))}; Claimsheet keeps evidence "
                                f"files of up to {describe_size(MAX_ITEM_BYTES)}")
    try:
        media_type = recognise(data[:HEAD_BYTES], name)
    except EvidenceRefused as exc:
        raise AttachError(name, exc.reason) from None
    staged = worksheet.locker.stage_bytes(data)
    return Captured(new_record(staged.sha256, name, media_type, staged.size, capture),
                    Path(name).stem)


def source_for(captured: Captured) -> Source:
    """A new source for a captured file: its title, where it was found, a fitting kind."""
    record = captured.record
    kind = SourceKind.IMAGE_VIDEO if KINDS[record.media_type].show == "image" \
        else SourceKind.OTHER
    return Source(title=captured.title[:300], url=record.url, kind=kind,
                  accessed=record.captured[:10])


def merged_records(worksheet: Worksheet, captured: list[Evidence], source_id: str
                   ) -> tuple[list[Evidence], dict[str, list[str]]]:
    """What attaching ``captured`` to a source changes: records to add, and the new
    ``sources`` of records already there (identical files are stored once)."""
    known = {item.sha256: item for item in worksheet.evidence}
    added: list[Evidence] = []
    relinked: dict[str, list[str]] = {}
    for record in captured:
        if record.sha256 in known:
            item = known[record.sha256]
            sources = relinked.get(item.sha256, list(item.sources))
            if source_id not in sources:
                relinked[item.sha256] = [*sources, source_id]
            continue
        if any(a.sha256 == record.sha256 for a in added):
            continue
        added.append(Evidence(record.sha256, record.name, record.media_type, record.size,
                              record.captured, record.capture, record.url, [source_id]))
    return added, relinked


def attach(worksheet: Worksheet, captured: list[Evidence], source_id: str) -> list[Evidence]:
    """Attach captured files to a source (command line; the window uses undoable operations).

    Returns the records added (an identical file already kept is linked, not added).
    Raises :class:`AttachError` when the worksheet would hold too much evidence.
    """
    added, relinked = merged_records(worksheet, captured, source_id)
    problem = total_problem(worksheet, sum(r.size for r in added), len(added))
    if problem is not None:
        raise AttachError(added[0].name if added else "evidence", problem)
    for sha, sources in relinked.items():
        worksheet.evidence_item(sha).sources = sources
    worksheet.evidence.extend(added)
    return added


def detach(worksheet: Worksheet, sha256: str, source_id: str | None = None) -> bool:
    """Unlink evidence from a source (or from all); a record no source cites is removed.

    Returns True when the record itself went.
    """
    item = worksheet.evidence_item(sha256)
    item.sources = [] if source_id is None else [s for s in item.sources if s != source_id]
    if not item.sources:
        worksheet.evidence.remove(item)
        return True
    return False


def find(worksheet: Worksheet, prefix: str) -> Evidence:
    """The evidence whose SHA-256 starts with ``prefix`` (at least 6 digits), or its name."""
    prefix = prefix.strip().lower()
    by_hash = [e for e in worksheet.evidence if len(prefix) >= 6 and e.sha256.startswith(prefix)]
    by_name = [e for e in worksheet.evidence if e.name.lower() == prefix]
    found = by_hash or by_name
    if len(found) == 1:
        return found[0]
    if not found:
        raise KeyError(f"no evidence has the hash or name {prefix!r}")
    raise KeyError(f"{len(found)} evidence files match {prefix!r}; give more of the hash")
