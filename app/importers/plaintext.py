"""Plain text: the decoded file is the article, nothing to strip."""

from __future__ import annotations

from app.importers.metadata import Metadata


def read_plain_text(text: str) -> tuple[str, Metadata]:
    """The article text and (no) metadata of a plain text document."""
    return text, Metadata()
