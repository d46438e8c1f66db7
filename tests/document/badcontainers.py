"""Hostile and damaged worksheet containers (format version 2), each with the words of its refusal.

Every case builds a `.claimsheet` file in a folder; ``expect`` is None when the
file must load (and export), else words that the one-line refusal of
`claimsheet validate` contains. tests/cli/test_hostile_inputs.py runs every
case through `validate` and `export`; tests/document/test_container.py loads
each one and checks that a refused file never changes anything.

The archives are written byte by byte here (:class:`Entry`, :func:`build_zip`)
so that each can be wrong in exactly one way.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.document import Article, Citation, Claim, Source, Worksheet, make_anchor
from app.document.fileformat import dumps
from tests.document.badfiles import ARTICLE, Case

MIMETYPE = b"application/x-claimsheet"

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
PAGE = (b"<!DOCTYPE html>\n<!-- saved from url=(0029)https://example.org/statement -->\n"
        b"<html><head><title>Ministry statement</title></head><body><p>Seven drones were shot "
        b"down.</p></body></html>\n")


def png_bytes(width: int = 64, height: int = 40) -> bytes:
    """A small real PNG (a red rectangle), written without any imaging library."""
    raw = b"".join(b"\x00" + b"\xc8\x1e\x1e" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
                                                              0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@dataclass
class Entry:
    """One member as it will be written; every field can be made wrong on purpose."""

    name: str
    data: bytes
    method: int = zipfile.ZIP_STORED
    flags: int = 0
    external: int = 0o100644 << 16
    made_by: int = (3 << 8) | 20
    local_name: str | None = None  # a different name in the local header
    crc: int | None = None  # a CRC that lies
    size: int | None = None  # an uncompressed size that lies
    extra: bytes = b""
    raw_name: bytes | None = None  # a name that is not ASCII


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


EVIDENCE = {"report.pdf": (PDF, "application/pdf", "pdf"),
            "screenshot.png": (png_bytes(), "image/png", "png"),
            "statement.html": (PAGE, "text/html", "html")}


def good_document() -> dict[str, Any]:
    """A worksheet citing one source, with a PDF, a screenshot and a saved page as evidence."""
    ws = Worksheet(Article(text=ARTICLE, title="Drones"))
    source = Source(title="Ministry statement", url="https://example.org/statement")
    ws.sources.append(source)
    ws.claims.append(Claim(anchor=make_anchor(ARTICLE, 0, 31), citations=[Citation(source.id)]))
    document: dict[str, Any] = json.loads(dumps(ws))
    document["evidence"] = [
        {"sha256": _sha(data), "name": name, "media_type": media, "size": len(data),
         "captured": "2026-11-20T10:00:00+00:00", "capture": "file", "url": "",
         "sources": [source.id]}
        for name, (data, media, _ext) in EVIDENCE.items()]
    return document


def good_entries(document: dict[str, Any] | None = None) -> list[Entry]:
    document = document if document is not None else good_document()
    entries = [Entry("mimetype", MIMETYPE),
               Entry("worksheet.json", json.dumps(document, indent=2).encode())]
    for data, _media, ext in EVIDENCE.values():
        entries.append(Entry(f"evidence/{_sha(data)}.{ext}", data))
    return entries


def build_zip(entries: list[Entry], *, gap_after: int | None = None, zip64: bool = False,
              cd_offset_shift: int = 0, overlap: bool = False) -> bytes:
    """The archive's bytes: local headers and data, central directory, end record."""
    out = bytearray()
    central = bytearray()
    for index, e in enumerate(entries):
        body = e.data
        if e.method == zipfile.ZIP_DEFLATED:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = packer.compress(e.data) + packer.flush()
        crc = zlib.crc32(e.data) if e.crc is None else e.crc
        size = len(e.data) if e.size is None else e.size
        name = e.raw_name if e.raw_name is not None else e.name.encode("ascii")
        local = e.local_name.encode("ascii") if e.local_name is not None else name
        csize = len(body)
        if overlap and index == 1:
            csize += 60  # runs into the next member's header
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, e.flags, e.method, 0, 0x5B7D, crc,
                           csize, size if e.method else csize, len(local), len(e.extra))
        out += local + e.extra + body
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, e.made_by, 20, e.flags,
                               e.method, 0, 0x5B7D, crc, csize, size if e.method else csize,
                               len(name), 0, 0, 0, 0, e.external, offset) + name
        if gap_after == index:
            out += b"JUNK" * 8
    cd_offset = len(out) + cd_offset_shift
    if zip64:
        out += struct.pack("<IIQI", 0x07064B50, 0, len(out) + len(central), 1)[:20]
        cd_offset = len(out) - 20 + cd_offset_shift
        out_cd = bytes(central)
        blob = bytes(out[:-20]) + out_cd + bytes(out[-20:])
        end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                          len(central), cd_offset, 0)
        return blob + end
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central),
                      cd_offset, 0)
    return bytes(out) + bytes(central) + end


# ---------------------------------------------------------------- the cases


def _case(name: str, make: Callable[[], bytes], expect: str | None) -> Case:
    def build(folder: Path) -> Path:
        path = folder / "w.claimsheet"
        path.write_bytes(make())
        return path
    return Case(name, build, expect)


def _entries(change: Callable[[list[Entry]], list[Entry] | None],
             document: dict[str, Any] | None = None, **options: Any) -> Callable[[], bytes]:
    def make() -> bytes:
        entries = good_entries(document)
        changed = change(entries)
        return build_zip(changed if changed is not None else entries, **options)
    return make


def _doc(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = good_document()
    change(document)
    return document


def _with_doc(change: Callable[[dict[str, Any]], None],
              entries: Callable[[list[Entry]], list[Entry] | None] = lambda e: None
              ) -> Callable[[], bytes]:
    return _entries(entries, _doc(change))


def _evidence_member(entries: list[Entry], ext: str) -> Entry:
    return next(e for e in entries if e.name.endswith("." + ext))


def _flip(entry: Entry) -> None:
    data = bytearray(entry.data)
    data[len(data) // 2] ^= 0x20
    entry.data = bytes(data)


def _bomb(entries: list[Entry]) -> None:
    """worksheet.json deflated, declaring its real size, followed by 200 MB of spaces."""
    json_entry = entries[1]
    json_entry.method = zipfile.ZIP_DEFLATED
    real = json_entry.data
    json_entry.size = len(real)
    json_entry.crc = zlib.crc32(real)
    json_entry.data = real + b" " * (200 * 1024 * 1024)


def _evidence_bomb(entries: list[Entry]) -> None:
    """The screenshot deflated with 100 MB appended; its directory entry keeps the real size."""
    png = _evidence_member(entries, "png")
    real = png.data
    png.method = zipfile.ZIP_DEFLATED
    png.size = len(real)
    png.crc = zlib.crc32(real)
    png.data = real + bytes(100 * 1024 * 1024)


def _many_parts(entries: list[Entry]) -> list[Entry]:
    return entries + [Entry(f"evidence/{i:064x}.txt", b"x") for i in range(2_100)]


def _sparse(folder: Path) -> Path:
    path = folder / "w.claimsheet"
    with path.open("wb") as handle:
        handle.write(build_zip(good_entries())[:64])
        handle.truncate(1200 * 1024 * 1024)
    return path


def _rezipped() -> bytes:
    """A valid container rezipped by another tool: worksheet.json and evidence deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", MIMETYPE, zipfile.ZIP_STORED)
        for e in good_entries()[1:]:
            archive.writestr(e.name, e.data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _declared(media_sizes: list[int]) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        for item, size in zip(d["evidence"], media_sizes, strict=False):
            item["size"] = size
    return change


def _mimetype(entries: list[Entry], **changes: Any) -> None:
    entries[0] = replace(entries[0], **changes)


def hostile_containers() -> list[Case]:
    """At least 20 kinds of hostile or damaged container, and a few good ones."""
    pdf = _evidence_member
    return [
        # the container itself
        _case("zip without mimetype", _entries(lambda e: e[1:]), "ZIP archive or Office"),
        _case("epub mimetype", _entries(lambda e: _mimetype(e, data=b"application/epub+zip")),
              "ZIP archive of another kind (application/epub+zip)"),
        _case("mimetype deflated", _entries(lambda e: _mimetype(e, method=zipfile.ZIP_DEFLATED)),
              "mimetype part is not stored plainly"),
        _case("mimetype with an extra field", _entries(lambda e: _mimetype(e, extra=b"UT\x01\x00"
                                                                           b"\x00")),
              "mimetype part is not stored plainly"),
        _case("no worksheet.json", _entries(lambda e: [e[0], *e[2:]]), "has no worksheet.json"),
        _case("worksheet.json twice", _entries(lambda e: [*e, e[1]]),
              "holds worksheet.json twice"),
        _case("evidence member twice", _entries(lambda e: [*e, e[2]]), "twice"),
        _case("path with ../", _entries(lambda e: [*e, Entry("evidence/../../.bashrc", b"x")]),
              "whose path leads out of it"),
        _case("absolute path", _entries(lambda e: [*e, Entry("/etc/cron.d/evil", b"x")]),
              "absolute path"),
        _case("windows drive path", _entries(lambda e: [*e, Entry("C:/Windows/evil.exe", b"x")]),
              "absolute path"),
        _case("backslash path", _entries(lambda e: [*e, Entry("evidence\\evil.pdf", b"x")]),
              "backslash"),
        _case("symbolic link", _entries(lambda e: setattr(pdf(e, "pdf"), "external",
                                                          0o120777 << 16)),
              "symbolic link"),
        _case("folder entry", _entries(lambda e: [*e, Entry("evidence/", b"",
                                                            external=0o040755 << 16)]),
              "folder entry"),
        _case("unknown part", _entries(lambda e: [*e, Entry("notes.txt", b"hello")]),
              "a part Claimsheet does not know (notes.txt)"),
        _case("name not ascii", _entries(lambda e: [*e, Entry("x", b"x",
                                                              raw_name="évidence".encode())]),
              "not plain ASCII"),
        _case("control characters in a name",
              _entries(lambda e: [*e, Entry("evidence/\x1b[2Jx.pdf", b"x")]),
              "control characters"),
        _case("encrypted part", _entries(lambda e: setattr(pdf(e, "pdf"), "flags", 1)),
              "encrypted"),
        _case("bzip2 part", _entries(lambda e: setattr(pdf(e, "pdf"), "method", 12)),
              "compression method"),
        _case("ZIP64 records", _entries(lambda e: None, zip64=True), "ZIP64"),
        _case("truncated container", lambda: build_zip(good_entries())[:-300],
              "damaged or cut off"),
        _case("junk between parts", _entries(lambda e: None, gap_after=2, cd_offset_shift=-32),
              "not where it says"),
        _case("header name differs", _entries(lambda e: setattr(pdf(e, "pdf"), "local_name",
                                                                "evidence/x.pdf")),
              "another name in its own header"),
        _case("overlapping parts", _entries(lambda e: None, overlap=True), "overlap"),
        _case("2,100 parts", _entries(_many_parts), "holds 2,105 parts"),
        Case("1.2 GB sparse container", _sparse, "a worksheet with its evidence is at most"),
        # zip bombs
        _case("worksheet.json zip bomb", _entries(_bomb), "a possible zip bomb"),
        _case("evidence zip bomb", _entries(_evidence_bomb), "a possible zip bomb"),
        # evidence against the worksheet's list
        _case("evidence missing", _entries(lambda e: [x for x in e if not x.name.endswith(
            ".pdf")]), "evidence 1 (report.pdf, PDF document, 142 bytes) is missing"),
        _case("evidence not listed", _with_doc(lambda d: d["evidence"].pop()),
              "which the worksheet does not list"),
        _case("hash does not match", _entries(lambda e: _flip(pdf(e, "pdf"))),
              "does not match its SHA-256 hash"),
        _case("checksum does not match", _entries(lambda e: setattr(
            pdf(e, "pdf"), "crc", 1234)), "checksum does not match"),
        _case("size differs from the list", _with_doc(lambda d: d["evidence"][0].update(
            size=999)), "in the container, not the 999 bytes the worksheet lists"),
        _case("wrong extension for its type", _entries(lambda e: setattr(
            pdf(e, "pdf"), "name", pdf(e, "pdf").name[:-3] + "png")), "is stored as"),
        _case("evidence over 256 MB", _with_doc(_declared([300 * 1024 * 1024])),
              "Claimsheet keeps evidence files of up to 256 MB"),
        _case("evidence over 1 GB together", _with_doc(_five_big),
              "a worksheet holds at most 1 GB of evidence"),
        _case("hash not hexadecimal", _with_doc(lambda d: d["evidence"][0].update(
            sha256="Z" * 64)), "should be 64 hexadecimal digits"),
        _case("same file listed twice", _with_doc(lambda d: d["evidence"].append(
            dict(d["evidence"][0]))), "the same SHA-256 hash"),
        _case("evidence of an unknown source", _with_doc(lambda d: d["evidence"][0].update(
            sources=["s-nowhere"])), "cited by source 's-nowhere', which is not in the "
                                     "worksheet"),
        _case("unknown media type", _with_doc(lambda d: d["evidence"][0].update(
            media_type="application/x-msdownload")), "is not a known media type"),
        _case("evidence in a bare worksheet.json", lambda: json.dumps(good_document()).encode(),
              "bare worksheet.json"),
        _case("worksheet.json cut off", _entries(lambda e: setattr(
            e[1], "data", e[1].data[: len(e[1].data) // 2])), "cut off"),
        # good containers
        _case("good container", _entries(lambda e: None), None),
        _case("rezipped by another tool", _rezipped, None),
        _case("version 1 JSON inside a container", _with_doc(_as_version_1, lambda e: e[:2]),
              None),
    ]


def _five_big(d: dict[str, Any]) -> None:
    """Five records of 250 MB each (1.2 GB together); the sizes alone are refused."""
    template = d["evidence"][0]
    d["evidence"] = [dict(template, sha256=f"{i:064x}", size=250 * 1024 * 1024)
                     for i in range(5)]


def _as_version_1(d: dict[str, Any]) -> None:
    d["version"] = 1
    d["evidence"] = []

