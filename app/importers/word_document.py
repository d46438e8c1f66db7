"""Word .docx files: body paragraphs and tables in document order.

A .docx is a zip archive, so before python-docx touches it the archive's
directory is checked: the declared uncompressed sizes (which :mod:`zipfile`
enforces while reading, so they cannot be understated) must stay under a
total and each large member under a compression ratio no real XML reaches.
That refuses zip bombs without inflating a byte of them. python-docx parses
the XML with entity resolution off, so entity-expansion bombs do not apply.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from app.importers.errors import ArticleImportError
from app.importers.limits import (
    MAX_DOCX_MEMBER_RATIO,
    MAX_DOCX_MEMBERS,
    MAX_DOCX_UNCOMPRESSED_BYTES,
    describe_size,
)
from app.importers.metadata import Metadata

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, name: str) -> None:
    """Refuse a damaged archive or one that would inflate to far more than a document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArticleImportError(name, "it is a damaged Word file") from error
    if len(members) > MAX_DOCX_MEMBERS:
        raise ArticleImportError(
            name, f"the Word file holds {len(members)} parts, far more than a document has "
                  "(a possible zip bomb)")
    total = sum(member.file_size for member in members)
    if total > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise ArticleImportError(
            name, f"the Word file would expand to {describe_size(total)}, over the "
                  f"{describe_size(MAX_DOCX_UNCOMPRESSED_BYTES)} limit (a possible zip bomb)")
    for member in members:
        if (member.file_size > 1024 * 1024
                and member.file_size > MAX_DOCX_MEMBER_RATIO * max(member.compress_size, 1)):
            raise ArticleImportError(
                name, f"the Word file part {member.filename} expands "
                      f"{member.file_size // max(member.compress_size, 1)} times, which no "
                      "real document does (a possible zip bomb)")


def read_docx(data: bytes, name: str) -> tuple[str, Metadata]:
    """The text and core-property metadata of a .docx file, or :class:`ArticleImportError`."""
    check_zip(data, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_body_lines(document))
        properties = document.core_properties
        metadata = Metadata(
            title=properties.title or "",
            author=properties.author or "",
            language=properties.language or "",
        )
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ArticleImportError(name, "it is a damaged Word file") from error
    except Exception as error:  # noqa: BLE001 - lxml and python-docx raise many types on bad XML
        raise ArticleImportError(
            name, f"it is a damaged Word file ({type(error).__name__})") from error
    return "\n".join(lines), metadata


def _body_lines(document: Any) -> Any:
    """Paragraph texts, and table rows as tab-separated cells, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            text = Paragraph(child, document).text
            if text.strip():
                yield text
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells = [" ".join(p.text for p in cell.paragraphs).strip() for cell in row.cells]
                if any(cells):
                    yield "\t".join(cells)
