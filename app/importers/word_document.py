"""Word .docx files: body paragraphs and tables in document order.

A .docx is a zip archive, so before python-docx touches it every part is
inflated once with a running cap (:mod:`app.reading.zips`), counting the real
bytes instead of believing the sizes the archive declares: more than
:data:`MAX_DOCX_MEMBERS` parts, a part over :data:`MAX_DOCX_MEMBER_BYTES`, more
than :data:`MAX_DOCX_UNCOMPRESSED_BYTES` in all, or a part whose real size is
not the declared one is refused, having inflated at most a limit's worth.
python-docx then reads an archive whose declared sizes are known to be true;
it parses the XML with entity resolution off, so entity-expansion bombs do not
apply.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from app.importers.errors import ArticleImportError
from app.importers.limits import (
    MAX_DOCX_MEMBER_BYTES,
    MAX_DOCX_MEMBER_RATIO,
    MAX_DOCX_MEMBERS,
    MAX_DOCX_UNCOMPRESSED_BYTES,
)
from app.importers.metadata import Metadata
from app.reading.zips import ZipRefused, check_archive, open_archive

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, name: str) -> None:
    """Refuse a damaged archive or one that would inflate to far more than a document."""
    try:
        with open_archive(data, max_members=MAX_DOCX_MEMBERS) as archive:
            _refuse_declared_bomb(archive, name)
            check_archive(archive, total_limit=MAX_DOCX_UNCOMPRESSED_BYTES,
                          member_limit=MAX_DOCX_MEMBER_BYTES)
    except ZipRefused as refused:
        if refused.kind == "damaged":
            raise ArticleImportError(name, "it is a damaged Word file") from refused
        if refused.kind == "members":
            raise ArticleImportError(
                name, f"the Word file {refused.reason}, far more than a document has "
                      "(a possible zip bomb)") from refused
        if refused.kind == "too-large":
            raise ArticleImportError(
                name, f"the Word file {_without_it(refused.reason)} (a possible zip bomb)"
            ) from refused
        raise ArticleImportError(
            name, f"the Word file is damaged or built to mislead: {refused.reason}") from refused


def _refuse_declared_bomb(archive: zipfile.ZipFile, name: str) -> None:
    """An archive that admits to being a bomb is refused before anything is inflated.

    Declarations can lie the other way (claim less than they hold); the running
    cap of :func:`check_archive` catches those.
    """
    for member in archive.infolist():
        if (member.file_size > 1024 * 1024
                and member.file_size > MAX_DOCX_MEMBER_RATIO * max(member.compress_size, 1)):
            raise ArticleImportError(
                name, f"the Word file part {member.filename} expands "
                      f"{member.file_size // max(member.compress_size, 1)} times, which no "
                      "real document does (a possible zip bomb)")


def _without_it(reason: str) -> str:
    """ "it expands to …" reads as "the Word file expands to …"; a part's reason stays."""
    return reason[3:] if reason.startswith("it ") else reason


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
