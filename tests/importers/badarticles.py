"""Hostile articles for `claimsheet new`: every finding of issue 11 and its neighbours.

Each case builds a file (or a path that is not a file) and says what the
command must answer: ``expect`` None for a worksheet made (with ``notes`` the
words its notes must hold), else words of the one-line refusal. Run by
tests/cli/test_hostile_inputs.py.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import SEED
from tests.importers.documents import lying_zip, saved_page, write_docx, write_pdf

MB = 1024 * 1024


@dataclass(frozen=True)
class ArticleCase:
    name: str
    build: Callable[[Path], Path]
    expect: str | None
    notes: tuple[str, ...] = field(default=())


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _data(name: str, data: bytes | Callable[[], bytes], expect: str | None,
          file_name: str = "story.txt", notes: tuple[str, ...] = ()) -> ArticleCase:
    def build(folder: Path) -> Path:
        path = folder / file_name
        path.write_bytes(data() if callable(data) else data)
        return path
    return ArticleCase(name, build, expect, notes)


def _text(name: str, text: str | Callable[[], str], expect: str | None,
          file_name: str = "story.txt", notes: tuple[str, ...] = ()) -> ArticleCase:
    return _data(name, lambda: (text() if callable(text) else text).encode("utf-8"), expect,
                 file_name, notes)


def _path(name: str, make: Callable[[Path], Path], expect: str | None) -> ArticleCase:
    return ArticleCase(name, make, expect)


def _fifo(folder: Path) -> Path:
    path = folder / "story.txt"
    os.mkfifo(path)
    return path


def _socket(folder: Path) -> Path:
    import socket

    path = folder / "story.txt"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


def _link(target: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "story.txt"
        path.symlink_to(target)
        return path
    return make


def _sparse(size: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "story.txt"
        with path.open("wb") as handle:
            handle.truncate(size)
        return path
    return make


def _pdf(**options: object) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        return write_pdf(folder / "story.pdf", _seed(), **options)  # type: ignore[arg-type]
    return make


def _cut_pdf(folder: Path) -> Path:
    data = write_pdf(folder / "ok.pdf", _seed()).read_bytes()
    path = folder / "story.pdf"
    path.write_bytes(data[: data.rindex(b"%%EOF") + 4])  # pypdf: "EOF marker seems truncated"
    return path


def _pages(count: int) -> bytes:
    """A PDF of ``count`` blank pages, written directly (pypdf takes seconds for 10,000)."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>",
               b"<</Type/Pages/Count %d/Kids[%s]>>" % (count, b" ".join(
                   b"%d 0 R" % (3 + i) for i in range(count)))]
    objects += [b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>"] * count
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj%sendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def _circular_xref() -> bytes:
    """A PDF whose cross-reference sections point at each other."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
            b"trailer<</Size 3/Root 1 0 R/Prev 101>>\nstartxref\n101\n%%EOF\n")


def _docx(folder: Path) -> Path:
    return write_docx(folder / "story.docx", _seed())


def _lying_docx() -> bytes:
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
             b'package/2006/content-types"/>')
    return lying_zip({"[Content_Types].xml": types}, {"word/document.xml": 300 * MB},
                     {"word/document.xml": 100})


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _many_parts() -> bytes:
    parts = {"word/document.xml": b"<w/>"}
    parts.update({f"word/media/p{i}.xml": b"" for i in range(6000)})
    return _zip(parts, zipfile.ZIP_STORED)


def _named(file_name: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / file_name
        path.write_text("Seven drones were shot down over the region on Thursday.",
                        encoding="utf-8")
        return path
    return make


def hostile_articles() -> list[ArticleCase]:
    """At least 40 hostile articles."""
    seed = _seed()
    return [
        # not a file at all
        _path("named pipe", _fifo, "it is a named pipe, not a file"),
        _path("socket", _socket, "it is a socket, not a file"),
        _path("link to /dev/zero", _link("/dev/zero"), "it is a device, not a file"),
        _path("link to /dev/urandom", _link("/dev/urandom"), "it is a device, not a file"),
        _path("dangling link", _link("/nonexistent/story.txt"), "does not exist"),
        _path("folder", lambda f: (f / "story.txt").mkdir() or f / "story.txt",
              "it is a folder, not a file"),
        _path("21 MB sparse file", _sparse(21 * MB), "over the 20.0 MB limit"),
        # sizes and shapes that would stall extraction
        _text("19.9 MB of text", lambda: ("Seven drones were shot down. " * 720_000),
              "characters of text; Claimsheet reads articles of up to 5,000,000"),
        _text("200,000 [ in Markdown", "# Title\n\n" + "[" * 200_000, "in a row",
              file_name="story.md"),
        _text("100,000 unclosed [a](", "# Title\n\n" + "[a](" * 100_000, "word",
              file_name="story.md"),
        _text("1 MB of emoji", "\U0001F600" * 250_000, "emoji in a row"),
        _text("emoji between words", "Drones \U0001F680 were seen. " * 20_000, None),
        _text("flags", "Flags: " + "\U0001F1FA\U0001F1E6" * 100, "emoji in a row"),
        _text("20,000-character word", "x" * 20_000, "word (text without a space)"),
        _text("possessives without end", "It" + "'s" * 2_000, "a word with 2,000"),
        _text("a million spaces", " " * 1_000_000 + "Seven drones.", None),
        _text("dense Markdown list", "# T\n\n" + "- a\n" * 60_000, None, file_name="list.md",
              notes=("the Markdown reader takes",)),
        _text("Markdown nested 3,000 deep", "# T\n\n" + "> " * 3_000 + "Seven drones.", None,
              file_name="deep.md"),
        _text("zalgo", ("Z" + "\u0301" * 200 + " ") * 500, None),
        _text("Thai without spaces", "สำนักข่าวรายงานว่ามีโดรนเจ็ดลำถูกยิงตก" * 100, None),
        # PDFs
        _data("10,000-page PDF", lambda: _pages(10_000), "10,000 pages; Claimsheet reads PDFs "
              "of up to 2,000 pages", file_name="story.pdf"),
        _path("PDF with a cut EOF marker", _cut_pdf, None),
        _data("circular xref", _circular_xref(), "PDF", file_name="story.pdf"),
        _path("AES-128, empty password", _pdf(encrypt_with="", algorithm="AES-128"), None),
        _path("AES-256, empty password", _pdf(encrypt_with="", algorithm="AES-256"), None),
        _path("AES-256 with a password", _pdf(encrypt_with="s3cret", algorithm="AES-256"),
              "password-protected"),
        _data("PDF header only", b"%PDF-1.7\n", "damaged PDF", file_name="story.pdf"),
        # Word files and archives
        _data("docx lying about its size", _lying_docx, "expands to more than 64 MB",
              file_name="story.docx"),
        _data("docx with 6,000 parts", _many_parts, "6,001 parts", file_name="story.docx"),
        _data("docx with bzip2", lambda: _zip({"word/document.xml": b"<w/>"},
                                              zipfile.ZIP_BZIP2),
              "compression method", file_name="story.docx"),
        _data("docx cut in half", lambda: _docx_bytes()[: len(_docx_bytes()) // 2],
              "damaged", file_name="story.docx"),
        _path("a real docx", _docx, None),
        # encodings
        _data("UTF-8 with three stray bytes", lambda: ("The ministry’s statement. " * 8)
              .encode() + b"\xff and \xfe and \x81", None, notes=("3 bytes in it are not "
                                                                  "valid UTF-8",)),
        _data("binary noise", os.urandom(8192), "binary"),
        _data("UTF-16 without BOM", seed.encode("utf-16-le"), None),
        _data("NUL bytes", bytes(10_000), "binary"),
        _data("empty", b"", "the file is empty"),
        # web pages
        # (the HTML parser gives up below 255 levels: nothing left to read)
        _text("HTML nested 100,000 deep", "<html><body>" + "<div>" * 100_000
              + "Seven drones were shot down over the region." + "</div>" * 100_000,
              "no article text could be found", file_name="story.html"),
        _text("HTML of a million <", "<html><body><p>Seven drones.</p>" + "<" * 1_000_000,
              "1,000,000 punctuation marks", file_name="story.html"),
        _text("HTML of 100,000 paragraphs", "<html><body>" + "<p>Drones.</p>" * 100_000,
              None, file_name="story.html", notes=("all its visible text was kept",)),
        _text("2 MB saved web page", lambda: saved_page(seed * 500), None,
              file_name="story.html"),
        _text("MHTML without a page", "MIME-Version: 1.0\nContent-Type: multipart/related; "
              'boundary="b"\n\n--b\nContent-Type: text/plain\n\nhello\n--b--\n',
              "no HTML page", file_name="story.mhtml"),
        # names
        _path("newline in the name", _named("a\nb.txt"), None),
        _path("right-to-left override in the name", _named("evil\u202etxt.exe"), None),
        _path("terminal escape in the name", _named("\x1b[31mred.txt"), None),
    ]


_DOCX: list[bytes] = []


def _docx_bytes() -> bytes:
    if not _DOCX:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            _DOCX.append(write_docx(Path(folder) / "s.docx", _seed()).read_bytes())
    return _DOCX[0]
