"""The article details dialog shows what the import found and returns the edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.importers import import_article
from app.ui.article_dialog import article_metadata_dialog
from tests.importers.documents import AUTHOR, CANONICAL, HEADLINE, OUTLET, saved_page

# The offscreen platform plugin warns when a top-level dialog is shown; harmless.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _imported_page(tmp_path: Path, seed_text: str):  # type: ignore[no-untyped-def]
    page = tmp_path / "belgorod.html"
    page.write_text(saved_page(seed_text), encoding="utf-8")
    return import_article(page).article


def test_prefilled_from_the_import(qtbot, tmp_path: Path, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    article = _imported_page(tmp_path, seed_text)
    dialog = article_metadata_dialog(None, article)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    values = dialog.values()
    assert values == {"title": HEADLINE, "outlet": OUTLET, "author": AUTHOR, "url": CANONICAL,
                      "published": "2023-10-19", "language": "en"}
    assert "belgorod.html" in dialog.findChild(type(dialog.date_error), "article_provenance").text()


def test_edits_come_back_on_ok_and_text_is_untouched(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                     seed_text: str) -> None:
    article = _imported_page(tmp_path, seed_text)
    dialog = article_metadata_dialog(None, article)
    qtbot.addWidget(dialog)
    dialog.fields["author"].clear()
    qtbot.keyClicks(dialog.fields["author"], "John Roe")
    dialog.fields["published"].clear()
    qtbot.keyClicks(dialog.fields["published"], "2023-10-20")
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    with qtbot.waitSignal(dialog.articleEdited) as edited:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
    result = edited.args[0]
    assert (result.author, result.published, result.language) == ("John Roe", "2023-10-20", "ru")
    assert result.text == article.text and result.file_sha256 == article.file_sha256
    assert article.author == AUTHOR  # the original is a different object, unchanged
    assert dialog.article().author == "John Roe"


def test_impossible_date_keeps_the_dialog_open(qtbot, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    from app.document.model import Article

    dialog = article_metadata_dialog(None, Article(text=seed_text, language="xx-private"))
    qtbot.addWidget(dialog)
    assert dialog.values()["language"] == "xx-private"  # an unknown code is kept, not lost
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.fields["published"], "2023-02-30")
    assert not ok.isEnabled() and dialog.date_error.isVisible()
    dialog.accept()
    assert dialog.isVisible()
    dialog.fields["published"].setText("2023-02-28")
    assert ok.isEnabled() and not dialog.date_error.isVisible()


def test_cancel_emits_nothing(qtbot, seed_text: str) -> None:  # type: ignore[no-untyped-def]
    from app.document.model import Article

    dialog = article_metadata_dialog(None, Article(text=seed_text, title="Original"))
    qtbot.addWidget(dialog)
    dialog.fields["title"].setText("Changed")
    with qtbot.assertNotEmitted(dialog.articleEdited):
        dialog.reject()
    assert not dialog.isVisible()
