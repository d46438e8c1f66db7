"""Paste an article: clipboard contents (plain text, HTML, a copied file) → Article.

The Qt side only unpacks :class:`QMimeData`; everything else is the plain-Python
importer (:func:`app.importers.import_text` / :func:`import_article`), so a
pasted article is normalized exactly like an imported file. When the clipboard
holds a file copied in a file manager (a ``file://`` URL), the file is imported.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import QApplication

from app.document.model import Article
from app.importers import ArticleImportError, ImportResult, import_article, import_text

log = logging.getLogger("claimsheet.ui.clipboard")


def import_from_mime(mime: QMimeData, *, name: str = "pasted text") -> ImportResult:
    """Import what a QMimeData holds; raises :class:`ArticleImportError` with a clear message."""
    local_files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] \
        if mime.hasUrls() else []
    text = mime.text() if mime.hasText() else ""
    if len(local_files) == 1 and not mime.hasHtml() and _only_names_the_file(text, local_files[0]):
        return import_article(local_files[0])
    html = mime.html() if mime.hasHtml() else None
    return import_text(text, name=name, html=html)


def _only_names_the_file(text: str, path: Path) -> bool:
    """A file manager puts the path or URL of a copied file in the text flavour too."""
    stripped = text.strip()
    return not stripped or stripped in (str(path), path.as_uri(), path.name)


def article_from_clipboard(clipboard: QClipboard | None = None) -> Article | None:
    """The article on the clipboard, or None when there is nothing importable.

    The window shows its own message for None; the reason is logged. Use
    :func:`import_from_mime` to show the importer's exact message instead.
    """
    board = clipboard or QApplication.clipboard()
    mime = board.mimeData()
    if mime is None:
        return None
    try:
        return import_from_mime(mime).article
    except ArticleImportError as error:
        log.info("%s", error)
        return None
