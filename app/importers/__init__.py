"""Turn the documents fact-checkers receive into an :class:`~app.document.model.Article`.

    from app.importers import import_article, ArticleImportError
    try:
        result = import_article("story.pdf")
    except ArticleImportError as error:
        show(str(error))            # one sentence naming the file and the problem
    article, notes = result.article, result.notes

The reader is chosen by content (see :mod:`app.importers.sniffing`): plain
text in any common encoding, Markdown, HTML and MHTML pages saved from a
browser, PDF and DOCX. Whatever the format, the text is normalized exactly
once (:mod:`app.importers.normalize`), because every claim offset points into
it afterwards, and checked against the limits that keep extraction in time
proportional to the text (:mod:`app.importers.textshape`). Files are read
with :func:`app.reading.read_file` (regular files only, never blocking,
bounded). This package has no Qt dependency; the clipboard adapter lives in
:mod:`app.ui.clipboard`.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.document import utf8
from app.document.model import Article
from app.importers.errors import ArticleImportError
from app.importers.language import guess_language
from app.importers.limits import MAX_FILE_BYTES, describe_size
from app.importers.metadata import Metadata
from app.importers.normalize import has_text, normalize_text
from app.importers.sniffing import Kind, sniff, sniff_text
from app.importers.textshape import MAX_ARTICLE_CHARS as _MAX_ARTICLE_CHARS
from app.importers.textshape import shape_problem
from app.reading import FileRefused, FileTooLarge, read_file

Progress = Callable[[int, int], None]
"""``progress(done, total)``: pages of a PDF read so far (other formats read at once)."""

__all__ = ["ArticleImportError", "ImportResult", "import_article", "import_text"]

log = logging.getLogger(__name__)

_LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish",
                   "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish",
                   "ru": "Russian", "uk": "Ukrainian"}
# Document "authors" that are really the software or a default account name.
_PLACEHOLDER_AUTHORS = {"python-docx", "microsoft office user", "windows user", "user", "admin",
                        "administrator", "author", "unknown", "(unspecified)", "anonymous"}

_PLACEHOLDER_TITLES = {"untitled", "(unspecified)", "(anonymous)", "untitled document",
                       "document", "page"}


@dataclass(slots=True)
class ImportResult:
    """The imported article and what the user should know about how it was read."""

    article: Article
    notes: list[str] = field(default_factory=list)


def import_article(source: str | os.PathLike[str] | bytes, *, name: str | None = None,
                   progress: Progress | None = None) -> ImportResult:
    """Import a file (a path) or the raw bytes of one.

    ``name`` is the file name shown in messages and stored as
    ``Article.imported_from``; it defaults to the path's file name. Raises
    :class:`ArticleImportError` for anything that is not a readable article.
    ``progress`` hears about long reads (a PDF's pages).
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        label = name or "the document"
    else:
        if isinstance(source, str) and source.lower().startswith(("http://", "https://")):
            raise ArticleImportError(
                source, "Claimsheet works offline and does not download pages; save the page "
                        "from your browser and import the saved file")
        path = Path(source)
        label = name or path.name or str(path)
        data = _read_file(path, label)
    if len(data) > MAX_FILE_BYTES:
        raise ArticleImportError(label, f"it is {describe_size(len(data))}, over the "
                                        f"{describe_size(MAX_FILE_BYTES)} limit for an article")
    if not data.strip():
        raise ArticleImportError(label, "the file is empty")
    try:
        kind, text, metadata, notes = _read_document(data, label, progress)
    except ArticleImportError:
        raise
    except (MemoryError, RecursionError) as error:
        raise ArticleImportError(label, "it is too large or too deeply nested to read") from error
    except Exception as error:  # noqa: BLE001 - a reader bug must not crash the app
        log.warning("importer failed on %r", label, exc_info=True)
        raise ArticleImportError(
            label, "its content could not be read as an article (the reader failed on it; "
                   "details are in the log)") from error
    result = _build(text, metadata, notes, kind, label)
    result.article.imported_from = utf8.scrub(
        name or (label if label != "the document" else ""))
    result.article.file_sha256 = hashlib.sha256(data).hexdigest()
    return result


def import_text(text: str, *, name: str = "pasted text", html: str | None = None
                ) -> ImportResult:
    """Import pasted text; ``html`` is the clipboard's HTML flavour when it has one.

    The plain flavour is what the user selected, so it is the article text when
    present; the HTML flavour contributes metadata (title, language, the source
    URL some browsers add) and is the text only when there is no plain flavour.
    """
    from app.importers.webpage import html_fragment_text, read_html

    size = len(text.encode("utf-8", "surrogatepass")) + len((html or "").encode(
        "utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise ArticleImportError(name, f"it is {describe_size(size)}, over the "
                                       f"{describe_size(MAX_FILE_BYTES)} limit for an article")
    metadata = Metadata()
    notes: list[str] = []
    kind = Kind.TEXT
    body = text
    if has_text(text):
        kind = sniff_text(text, name)
        if kind is Kind.HTML:
            body, metadata = read_html(text, name, notes)
            notes.append("The pasted text was HTML source; its main text was extracted.")
        elif kind is Kind.MARKDOWN:
            body, metadata = _read_markdown(text, notes)
            if body is not text:
                notes.append("The pasted text looked like Markdown; the markup was removed.")
    if html and has_text(html):
        fragment_text, fragment_metadata = html_fragment_text(html)
        metadata.merge(fragment_metadata)
        if not has_text(body):
            body, kind = fragment_text, Kind.HTML
            notes.append("Only HTML was pasted; its visible text was used.")
    if not has_text(body):
        raise ArticleImportError(name, "there is no text to import")
    result = _build(body, metadata, notes, kind, name)
    result.article.imported_from = name
    original = text if has_text(text) else (html or "")
    result.article.file_sha256 = hashlib.sha256(original.encode("utf-8", "surrogatepass")
                                                ).hexdigest()
    return result


def _read_file(path: Path, label: str) -> bytes:
    try:
        return read_file(path, limit=MAX_FILE_BYTES)
    except FileTooLarge as error:
        size = describe_size(error.size) if error.size is not None else "larger than that"
        raise ArticleImportError(label, f"it is {size}, over the "
                                        f"{describe_size(MAX_FILE_BYTES)} limit for an article"
                                 ) from None
    except FileRefused as error:
        raise ArticleImportError(label, error.reason) from None


def _read_document(data: bytes, label: str, progress: Progress | None = None
                   ) -> tuple[Kind, str, Metadata, list[str]]:
    """Pick the reader by content and run it: (format, raw text, metadata, notes)."""
    from app.importers.encodings import decode_bytes

    kind = sniff(data, label)
    notes: list[str] = []
    if kind is Kind.PDF:
        from app.importers.pdf_document import read_pdf

        text, metadata = read_pdf(data, label, progress=progress)
    elif kind is Kind.DOCX:
        from app.importers.word_document import read_docx

        text, metadata = read_docx(data, label)
    elif kind in (Kind.HTML, Kind.MHTML):
        from app.importers.webpage import decode_html, mhtml_page, read_html

        url = ""
        if kind is Kind.MHTML:
            data, charset, url = mhtml_page(data, label)
            if charset and f"charset={charset}".encode() not in data[:4096].lower():
                data = f'<meta charset="{charset}">'.encode("ascii", "ignore") + data
        decoded = decode_html(data, label)
        notes.append(decoded.note)
        text, metadata = read_html(decoded.text, label, notes)
        metadata.merge(Metadata(url=url))
    else:
        decoded = decode_bytes(data, label)
        notes.append(decoded.note)
        kind = sniff_text(decoded.text, label)
        if kind is Kind.HTML:
            from app.importers.webpage import read_html

            text, metadata = read_html(decoded.text, label, notes)
        elif kind is Kind.MARKDOWN:
            text, metadata = _read_markdown(decoded.text, notes)
            if text is decoded.text:
                kind = Kind.TEXT
        else:
            text, metadata = decoded.text, Metadata()
    return kind, text, metadata, notes


def _read_markdown(text: str, notes: list[str]) -> tuple[str, Metadata]:
    """Markdown without its markup, or the text as it is when the markup is too dense to parse."""
    from app.importers.markdown_text import markup_problem, read_markdown

    problem = markup_problem(text)
    if problem is not None:
        notes.append(f"The Markdown markup was kept as plain text: {problem}.")
        return text, Metadata()
    return read_markdown(text)


def _build(raw_text: str, metadata: Metadata, notes: list[str], kind: Kind, label: str
           ) -> ImportResult:
    """Normalize the text once and fill an Article from it and the metadata."""
    if len(raw_text) > 2 * _MAX_ARTICLE_CHARS:  # refuse before spending time on normalizing
        problem = shape_problem(raw_text)
        if problem is not None:
            raise ArticleImportError(label, problem)
    text = normalize_text(raw_text)
    if not has_text(text):
        raise ArticleImportError(label, "the document contains no text")
    problem = shape_problem(text)
    if problem is not None:
        raise ArticleImportError(label, problem)
    metadata = metadata.cleaned()
    if metadata.author.lower() in _PLACEHOLDER_AUTHORS:
        metadata.author = ""
    if metadata.title.lower() in _PLACEHOLDER_TITLES or metadata.title.startswith(
            ("Microsoft Word - ", "Microsoft PowerPoint - ")):
        metadata.title = ""  # what Office and PDF tools write when nobody set a title
    text = _drop_repeated_headline(text, metadata.title, notes)
    unreadable = sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    if unreadable > max(5, len(text) // 50):
        # Typically a PDF whose fonts have no Unicode map: the glyphs come out as
        # replacement or private-use characters that no search will ever match.
        notes.append(f"{unreadable:,} characters could not be read as text (shown as \ufffd or "
                     "blank boxes); compare the text with the original document.")
    language = metadata.language
    if not language:
        language = guess_language(text)
        if language and language != "en":
            notes.append(f"The article looks {_LANGUAGE_NAMES.get(language, language)}; "
                         "claim extraction is built for English text.")
    article = Article(
        text=text,
        title=metadata.title,
        outlet=metadata.outlet,
        author=metadata.author,
        url=metadata.url,
        published=metadata.published,
        language=language or "en",
        import_format=kind.value,
    )
    return ImportResult(article, notes)


def _drop_repeated_headline(text: str, title: str, notes: list[str]) -> str:
    """Remove a first line that only repeats the title (kept in ``Article.title``)."""
    if not title:
        return text
    first, newline, rest = text.partition("\n")
    if newline and " ".join(first.split()).casefold() == title.casefold():
        notes.append("The headline is kept as the article title, not in the text.")
        return rest.lstrip("\n")
    return text
