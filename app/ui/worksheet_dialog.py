"""The worksheet details dialog: who checked, who reviewed, and the worksheet's notes.

The names go on the PDF cover and sign-off lines and into ClaimReview (the
checker is the review's author unless a publisher is given). Built by
:func:`worksheet_details_dialog`, which opens it window-modally; read
:meth:`WorksheetDialog.values` after ``accepted``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.document.model import Worksheet
from app.ui.dialogs import ok_cancel


class WorksheetDialog(QDialog):
    def __init__(self, parent: QWidget | None, worksheet: Worksheet) -> None:
        super().__init__(parent)
        self.setObjectName("worksheetDialog")
        self.setWindowTitle("Worksheet details")
        self.checker = QLineEdit(worksheet.checker, self)
        self.checker.setObjectName("worksheet_checker")
        self.checker.setAccessibleName("Checker")
        self.checker.setPlaceholderText("your name (remembered for new worksheets)")
        self.reviewer = QLineEdit(worksheet.reviewer, self)
        self.reviewer.setObjectName("worksheet_reviewer")
        self.reviewer.setAccessibleName("Reviewer")
        self.reviewer.setPlaceholderText("who signs the check off")
        self.notes = QPlainTextEdit(worksheet.notes, self)
        self.notes.setObjectName("worksheet_notes")
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("C&hecker", self.checker)
        form.addRow("&Reviewer", self.reviewer)
        form.addRow("&Notes", self.notes)
        ok_cancel(self, form)
        self.resize(520, 320)

    def values(self) -> tuple[str, str, str]:
        return self.checker.text(), self.reviewer.text(), self.notes.toPlainText()


def worksheet_details_dialog(parent: QWidget | None, worksheet: Worksheet) -> WorksheetDialog:
    dialog = WorksheetDialog(parent, worksheet)
    dialog.open()
    return dialog
