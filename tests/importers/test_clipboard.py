"""Pasting plain text, HTML or a copied file gives the same Article as importing it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QApplication

from app.importers import ArticleImportError
from app.ui.clipboard import article_from_clipboard, import_from_mime
from tests.importers.documents import CANONICAL, HEADLINE, saved_page, squash, write_pdf


def test_plain_text_flavour(qtbot) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setText("\ufeffSeven drones were shot down.\r\nNo damage was reported.  \r\n")
    result = import_from_mime(mime)
    assert result.article.text == "Seven drones were shot down.\nNo damage was reported."
    assert result.article.import_format == "text"
    assert result.article.imported_from == "pasted text"
    assert len(result.article.file_sha256) == 64


def test_html_flavour_adds_metadata_but_keeps_the_selected_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    selection = "Seven drones were shot down over the Belgorod Region."
    mime.setText(selection)
    mime.setHtml(f"<html lang='en-GB'><head><title>{HEADLINE}</title></head><body>"
                 f"<!--StartFragment--><p><b>Seven drones</b> were shot down over the "
                 f"<a href='/b'>Belgorod Region</a>.</p><!--EndFragment--></body></html>")
    article = import_from_mime(mime).article
    assert article.text == selection
    assert (article.title, article.language) == (HEADLINE, "en")


def test_html_only_is_converted_to_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setHtml("Version:0.9\r\nStartHTML:0000000105\r\nSourceURL:" + CANONICAL + "\r\n"
                 "<p>First <i>paragraph</i>.</p><script>track()</script><p>Second one.</p>")
    article = import_from_mime(mime).article
    assert article.text == "First paragraph.\nSecond one."
    assert article.import_format == "html"
    assert article.url == CANONICAL


def test_pasted_page_source_is_extracted(qtbot, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setText(saved_page(seed_text))
    article = import_from_mime(mime).article
    assert squash(article.text) == squash(seed_text)
    assert article.url == CANONICAL


def test_copied_file_is_imported(qtbot, tmp_path: Path, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    pdf = write_pdf(tmp_path / "story.pdf", seed_text)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    article = import_from_mime(mime).article
    assert (article.import_format, article.imported_from) == ("pdf", "story.pdf")
    assert squash(article.text) == squash(seed_text)


def test_empty_clipboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ArticleImportError, match="no text"):
        import_from_mime(QMimeData())
    QApplication.clipboard().clear()
    assert article_from_clipboard() is None


def test_system_clipboard_round_trip(qtbot) -> None:  # type: ignore[no-untyped-def]
    board = QApplication.clipboard()
    board.setText("Пять беспилотников сбиты над Курской областью.")
    article = article_from_clipboard(board)
    assert article is not None
    assert article.text == "Пять беспилотников сбиты над Курской областью."
