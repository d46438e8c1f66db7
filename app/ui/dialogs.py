"""Small dialogs, each built by a function that returns it already opened.

The functions call ``open()`` (window-modal, non-blocking) instead of
``exec()``, so the event loop keeps running and tests can find the dialog,
read it and press its buttons. Callers connect to ``finished``/``accepted``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLayout,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

SAFE_SCHEMES = ("http", "https")


def error_box(parent: QWidget | None, title: str, message: str,
              details: str = "") -> QMessageBox:
    """A warning with the loader's (or other) one-line message; the window keeps working."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("errorBox")
    if details:
        box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def unsaved_changes_box(parent: QWidget | None, name: str) -> QMessageBox:
    """Save / Discard / Cancel; the caller reads ``box.clickedButton()`` on ``finished``."""
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes",
                      f"Save the changes to {name}?",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("unsavedBox")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.open()
    return box


def question_box(parent: QWidget | None, name: str, title: str, text: str, informative: str,
                 buttons: dict[QMessageBox.StandardButton, str],
                 escape: QMessageBox.StandardButton) -> QMessageBox:
    """A question whose buttons say what they do; the first button is the default."""
    flags = QMessageBox.StandardButton.NoButton
    for button in buttons:
        flags |= button
    box = QMessageBox(QMessageBox.Icon.Question, title, text, flags, parent)
    box.setObjectName(name)
    box.setInformativeText(informative)
    for button, label in buttons.items():
        box.button(button).setText(label)
    box.setDefaultButton(next(iter(buttons)))
    box.setEscapeButton(escape)
    box.open()
    return box


def recovery_box(parent: QWidget | None, description: str) -> QMessageBox:
    # Esc or closing the box keeps the file for next time; only Discard deletes it.
    later = QMessageBox.StandardButton.Cancel
    return question_box(
        parent, "recoveryBox", "Recover unsaved work",
        "Claimsheet was not closed properly last time. Restore the work that was saved "
        "automatically?", description,
        {QMessageBox.StandardButton.Yes: "Restore", QMessageBox.StandardButton.Discard: "Discard",
         later: "Decide later"}, later)


def rerun_for_date_box(parent: QWidget | None, published: str) -> QMessageBox:
    """After the published date changed: re-run extraction so relative dates resolve."""
    when = published or "no date"
    return question_box(
        parent, "rerunForDateBox", "Re-run extraction?",
        "Re-run extraction with the new published date?",
        f"Relative dates such as “yesterday” or “last Tuesday” are resolved against the "
        f"published date ({when}). Your verdicts, notes, sources and ticks are kept.",
        {QMessageBox.StandardButton.Yes: "Re-run now", QMessageBox.StandardButton.No: "Later"},
        QMessageBox.StandardButton.No)


def ok_cancel(dialog: QDialog, form: QLayout) -> QDialogButtonBox:
    """The form above OK and Cancel, wired to accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons


def open_url_box(parent: QWidget | None, url: str,
                 opener: Callable[[QUrl], bool] = QDesktopServices.openUrl) -> QMessageBox:
    """Show the full address first; only http(s) addresses can be opened at all."""
    qurl = QUrl(url.strip())
    if qurl.scheme().lower() not in SAFE_SCHEMES or not qurl.host():
        box = QMessageBox(QMessageBox.Icon.Warning, "Address not opened",
                          "Only web addresses (http or https) open from Claimsheet.",
                          QMessageBox.StandardButton.Ok, parent)
        box.setInformativeText(url)
        box.setObjectName("urlRefusedBox")
        box.open()
        return box
    box = QMessageBox(QMessageBox.Icon.Question, "Open in browser",
                      "Open this address in your web browser?",
                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("urlConfirmBox")
    box.setInformativeText(qurl.toString(QUrl.ComponentFormattingOption.FullyEncoded))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.accepted.connect(lambda: opener(qurl))
    box.open()
    return box


def shortcut_sheet(parent: QWidget | None,
                   rows: Sequence[tuple[str, str, str]]) -> QDialog:
    """A table of (area, action, keys), sorted by area; Esc closes it."""
    dialog = QDialog(parent)
    dialog.setObjectName("shortcutSheet")
    dialog.setWindowTitle("Keyboard shortcuts")
    table = QTableWidget(len(rows), 3, dialog)
    table.setAccessibleName("Keyboard shortcuts")
    table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, (area, action, keys) in enumerate(rows):
        for c, text in enumerate((area, action, keys)):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.resizeColumnsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(720, 560)  # the Redo row lists three key bindings
    dialog.open()
    return dialog


def crash_dialog(parent: QWidget | None, summary: str, report: str, log_path: str,
                 recovery_note: str) -> QDialog:
    """Short message, the full report in a copyable text box, where the log went."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                      f"Claimsheet hit an unexpected error: {summary}",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("crashBox")
    box.setInformativeText(f"{recovery_note}\nThe report (Show Details) was written to {log_path}.")
    box.setDetailedText(report)
    copy = box.addButton("Copy report", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
    # With two buttons Qt cannot guess which one Esc/close means; without this the
    # box would refuse to close, and so would the application.
    box.setEscapeButton(QMessageBox.StandardButton.Ok)
    box.open()
    return box
