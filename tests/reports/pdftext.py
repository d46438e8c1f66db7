"""Reading a rendered report back with pypdf, for assertions on what it says."""

from __future__ import annotations

import io
import re

import pypdf


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def squash(text: str) -> str:
    """Whitespace-insensitive form: line wrapping must not fail a comparison."""
    return re.sub(r"\s+", "", text)


def full_text(data: bytes) -> str:
    return squash("".join(page_texts(data)))


def outline_titles(data: bytes) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every outline entry, in order."""
    pdf = reader(data)
    found: list[tuple[int, str, int]] = []

    def walk(entries: list, level: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, pdf.get_destination_page_number(entry) + 1))

    walk(pdf.outline, 0)
    return found


def uri_links(data: bytes) -> list[str]:
    """Targets of every URI link annotation in the document."""
    links = []
    for page in reader(data).pages:
        for annot in page.get("/Annots", None) or []:
            action = annot.get_object().get("/A")
            if action is not None and action.get("/S") == "/URI":
                links.append(str(action["/URI"]))
    return links
