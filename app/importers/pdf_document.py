"""PDF: the text layer, rebuilt into paragraphs.

pypdf reads the text layer; it reports each piece of text with its position,
which is used to put back what the page layout took apart: pieces on the same
baseline become one line (pypdf's plain output puts a word drawn on its own on
its own line), wrapped lines of a paragraph are joined with a space, and a
paragraph ends where the vertical gap between lines is larger than the line
spacing or a short line ends a sentence. Bare page numbers at the top or
bottom of a page are dropped.

A PDF without a text layer (a scan) is refused with a message saying so
rather than imported as an empty article; an encrypted PDF is opened only if
it has an empty user password (permissions-only protection is common; AES
encryption needs the ``cryptography`` package, which is a dependency).

Reading takes time proportional to the pages (about 5 ms a page), so a PDF of
more than :data:`MAX_PDF_PAGES` pages is refused before any page is read, and
reading stops as soon as the text passes what an article may hold. pypdf's
remarks about damaged files ("EOF marker not found") are log records: they go
to the log, never to the terminal (:mod:`app.logs`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from app.importers.errors import ArticleImportError
from app.importers.metadata import Metadata
from app.importers.textshape import MAX_ARTICLE_CHARS

MAX_PDF_PAGES = 2_000
"""Most pages read from one PDF: a long report, never an article, has hundreds."""

_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]",
                          re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")


@dataclass(slots=True)
class _Line:
    y: float | None
    size: float
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def read_pdf(data: bytes, name: str, *, progress: Any = None) -> tuple[str, Metadata]:
    """The text and metadata of a PDF, or :class:`ArticleImportError`.

    ``progress(done, total)`` is called after each page when given.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _open_encrypted(reader):
            raise ArticleImportError(
                name, "it is a password-protected (encrypted) PDF; remove the password and "
                      "import it again")
        pages = _read_pages(reader, name, progress)
        metadata = _metadata(reader)
        has_images = not any(pages) and _has_images(reader)
    except ArticleImportError:
        raise
    except (DependencyError, FileNotDecryptedError) as error:
        raise ArticleImportError(
            name, "it is an encrypted PDF that cannot be opened; remove the protection and "
                  "import it again") from error
    except (PdfReadError, RecursionError, MemoryError) as error:
        raise ArticleImportError(name, "it is a damaged PDF") from error
    except Exception as error:  # noqa: BLE001 - pypdf raises many types on broken files
        raise ArticleImportError(name, "it is a damaged PDF") from error
    if not pages:
        raise ArticleImportError(name, "the PDF has no pages")
    text = _join_pages(pages)
    if not text.strip():
        if has_images:
            raise ArticleImportError(
                name, "the PDF has no text layer (it looks like a scan); run it through OCR "
                      "first and import the result")
        raise ArticleImportError(name, "the PDF contains no text")
    return text, metadata


def _read_pages(reader: Any, name: str, progress: Any) -> list[list[_Line]]:
    """The lines of every page, within the page and character limits."""
    total = len(reader.pages)
    if total > MAX_PDF_PAGES:
        raise ArticleImportError(name, f"the PDF has {total:,} pages; Claimsheet reads PDFs of "
                                       f"up to {MAX_PDF_PAGES:,} pages")
    pages: list[list[_Line]] = []
    characters = 0
    for number, page in enumerate(reader.pages, start=1):
        lines = _page_lines(page)
        pages.append(lines)
        characters += sum(len(line.text) + 1 for line in lines)
        if characters > MAX_ARTICLE_CHARS:
            raise ArticleImportError(
                name, f"its text passes {MAX_ARTICLE_CHARS:,} characters by page {number:,} of "
                      f"{total:,}; Claimsheet reads articles of up to {MAX_ARTICLE_CHARS:,} "
                      "characters")
        if progress is not None:
            progress(number, total)
    return pages


def _open_encrypted(reader: Any) -> bool:
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED


def _metadata(reader: Any) -> Metadata:
    info = reader.metadata or {}
    language = ""
    try:
        language = str(reader.trailer["/Root"].get("/Lang", "") or "")
    except (KeyError, AttributeError, TypeError):
        pass
    return Metadata(
        title=str(info.get("/Title", "") or ""),
        author=str(info.get("/Author", "") or ""),
        language=language,
    )


def _has_images(reader: Any) -> bool:
    for page in reader.pages:
        try:
            resources = page.get("/Resources") or {}
            xobjects = resources.get("/XObject") or {}
            if any(xobjects[key].get("/Subtype") == "/Image" for key in xobjects):
                return True
        except (KeyError, AttributeError, TypeError):
            continue
    return False


def _page_lines(page: Any) -> list[_Line]:
    """The lines of one page in content order, pieces on one baseline joined."""
    lines: list[_Line] = []
    broke = True  # pypdf ended the previous piece with a newline

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        nonlocal broke
        if not text:
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        height = (size or 10.0) * scale
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index > 0:
                broke = True
                if not piece:
                    continue
            current = lines[-1] if lines else None
            same_line = (current is not None and current.y is not None
                         and abs(current.y - y) < 0.45 * max(height, current.size))
            if same_line and index == 0 and current is not None:
                if broke and current.parts and not current.parts[-1].endswith(" "):
                    current.parts.append(" ")
                current.parts.append(piece)
            else:
                lines.append(_Line(y if index == 0 else None, height, [piece]))
            broke = False

    page.extract_text(visitor_text=visit)
    kept = [line for line in lines if line.text]
    # Drop bare page numbers at the top or bottom of the page.
    while kept and _PAGE_NUMBER.fullmatch(kept[-1].text):
        kept.pop()
    while kept and _PAGE_NUMBER.fullmatch(kept[0].text):
        kept.pop(0)
    return kept


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Group the lines of a page into paragraphs by vertical gaps and short last lines."""
    gaps = [prev.y - line.y for prev, line in zip(lines, lines[1:], strict=False)
            if prev.y is not None and line.y is not None and prev.y > line.y]
    # The usual line spacing: a low quantile, since paragraph gaps are the larger ones.
    spacing = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    longest = max((len(line.text) for line in lines), default=0)
    paragraphs: list[list[str]] = []
    for index, line in enumerate(lines):
        if index == 0:
            paragraphs.append([line.text])
            continue
        prev = lines[index - 1]
        new_paragraph = False
        if prev.y is None or line.y is None:
            new_paragraph = True
        else:
            gap = prev.y - line.y
            if gap <= 0 or (spacing and gap > spacing * 1.3) or gap > 2.2 * line.size:
                new_paragraph = True
            elif abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):
                new_paragraph = True  # a heading and its text
        if (_SENTENCE_END.search(prev.text) and longest
                and len(prev.text) < 0.8 * longest):
            new_paragraph = True
        if new_paragraph:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
    return [_join_wrapped(parts) for parts in paragraphs]


def _join_wrapped(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        if text.endswith("\u00ad"):
            text = text[:-1] + part  # soft hyphen: one word split across lines
        elif text.endswith("-") and len(text) > 1 and text[-2].isalpha():
            text += part  # keep the hyphen: "Russia-" + "Ukraine"
        else:
            text += " " + part
    return text


def _join_pages(pages: list[list[_Line]]) -> str:
    paragraphs: list[str] = []
    for lines in pages:
        page_paragraphs = _paragraphs(lines) if lines else []
        if (paragraphs and page_paragraphs and not _SENTENCE_END.search(paragraphs[-1])
                and page_paragraphs[0][:1].islower()):
            # A paragraph running on from the previous page.
            paragraphs[-1] = _join_wrapped([paragraphs[-1], page_paragraphs.pop(0)])
        paragraphs.extend(page_paragraphs)
    return "\n".join(paragraphs)
