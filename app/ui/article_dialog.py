"""The article details dialog: title, outlet, author, URL, published date, language.

Pre-filled with what the import found. The published date matters beyond the
report: extraction resolves relative dates ("yesterday", "last Tuesday")
against it, so a date that is not a real ``YYYY-MM-DD`` keeps the dialog open
with a message instead of being saved. The article text itself is never
edited here: every claim offset points into it.

Built by :func:`article_metadata_dialog`, which opens the dialog (window
modal) and returns it; read the result with :meth:`ArticleDialog.article` or
connect to :attr:`ArticleDialog.articleEdited`.
"""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.document.model import Article
from app.ui.dialogs import ok_cancel

# Shown first in the language list: the languages checkers most often meet here.
_COMMON_LANGUAGES = ("en", "ru", "uk", "fr", "de", "es", "ar", "pt", "it", "pl", "tr", "zh")
_TEXT_FIELDS = (
    ("title", "&Title", ""),
    ("outlet", "Outl&et", "newspaper, agency or site"),
    ("author", "&Author", ""),
    ("url", "&URL", "https://…"),
    ("published", "&Published", "YYYY-MM-DD, anchors relative dates"),
)


def _language_items() -> list[tuple[str, str]]:
    """(label, ISO 639-1 code) for every language, the common ones first."""
    import pycountry

    names = {lang.alpha_2: lang.name for lang in pycountry.languages
             if hasattr(lang, "alpha_2")}
    common = [(f"{names.get(code, code)} ({code})", code) for code in _COMMON_LANGUAGES]
    rest = sorted((f"{name} ({code})", code) for code, name in names.items()
                  if code not in _COMMON_LANGUAGES)
    return common + rest


def valid_published(value: str) -> bool:
    """Empty, or a real calendar date written ``YYYY-MM-DD``."""
    if not value:
        return True
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


class ArticleDialog(QDialog):
    """Edits a copy of the article's metadata; the original is left untouched."""

    articleEdited = Signal(object)  # the edited Article copy, emitted on OK

    def __init__(self, parent: QWidget | None, article: Article) -> None:
        super().__init__(parent)
        self.setObjectName("articleDialog")
        self.setWindowTitle("Article details")
        self._original = article
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name, label, placeholder in _TEXT_FIELDS:
            edit = QLineEdit(getattr(article, name), self)
            edit.setObjectName(f"article_{name}")
            edit.setAccessibleName(label.replace("&", ""))
            edit.setPlaceholderText(placeholder)
            edit.setClearButtonEnabled(True)
            form.addRow(label, edit)
            self.fields[name] = edit
        self.fields["published"].textChanged.connect(self._check_date)
        self.language = QComboBox(self)
        self.language.setObjectName("article_language")
        self.language.setAccessibleName("Language")
        items = _language_items()
        codes = [code for _, code in items]
        if article.language and article.language not in codes:
            items.insert(0, (article.language, article.language))
        for label, code in items:
            self.language.addItem(label, code)
        self.language.setCurrentIndex(
            max(0, self.language.findData(article.language or "en")))
        form.addRow("&Language", self.language)
        self.date_error = QLabel("", self)
        self.date_error.setObjectName("article_date_error")
        self.date_error.setStyleSheet("color: #b00020")
        self.date_error.hide()
        form.addRow("", self.date_error)
        provenance = QLabel(self._provenance(article), self)
        provenance.setObjectName("article_provenance")
        provenance.setWordWrap(True)
        provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(provenance)
        self.buttons = ok_cancel(self, form)
        self.resize(560, self.sizeHint().height())
        self._check_date()

    @staticmethod
    def _provenance(article: Article) -> str:
        """Where the text came from, for the checker's records (read-only)."""
        parts = []
        if article.imported_from:
            parts.append(f"Imported from {article.imported_from}")
        if article.import_format:
            parts.append(f"as {article.import_format}")
        line = " ".join(parts) or "Not imported from a file"
        if article.file_sha256:
            line += f"\nSHA-256 of the original: {article.file_sha256}"
        return line + f"\n{len(article.text):,} characters; the text itself cannot be edited."

    def _check_date(self) -> bool:
        value = self.fields["published"].text().strip()
        ok = valid_published(value)
        self.date_error.setText("" if ok else "Write the date as YYYY-MM-DD, e.g. 2023-10-19.")
        self.date_error.setVisible(not ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def values(self) -> dict[str, str]:
        """The edited metadata: title, outlet, author, url, published, language."""
        result = {name: " ".join(edit.text().split()) for name, edit in self.fields.items()}
        result["language"] = self.language.currentData() or ""
        return result

    def article(self) -> Article:
        """A copy of the article with the edited metadata (same text, same provenance)."""
        edited = copy.copy(self._original)
        for name, value in self.values().items():
            setattr(edited, name, value)
        return edited

    def accept(self) -> None:
        if not self._check_date():
            return
        super().accept()
        self.articleEdited.emit(self.article())


def article_metadata_dialog(parent: QWidget | None, article: Article) -> ArticleDialog:
    """Open the article details dialog (window-modal) pre-filled from ``article``."""
    dialog = ArticleDialog(parent, article)
    dialog.open()
    return dialog
