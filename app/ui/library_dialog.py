"""File → Claim library…: where the claim library is.

One field: a SQLite file, or a ``postgresql://`` URL for a newsroom's shared
library (docs/library.md); empty means the default file in the data folder.
``CLAIMSHEET_LIBRARY``, when set, wins over this setting (as it does for the
command line), and the dialog says so. Built by :func:`library_dialog`, which
opens it window-modally; read :meth:`LibraryDialog.location` after
``accepted``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.ui.dialogs import ok_cancel
from app.ui.results_view import text_label

ABOUT = ("Every worksheet you save or open is added to this library, so that “Checked before” "
         "and “Conflicts” find it again. Leave the field empty for the file in your data "
         "folder, or give a postgresql:// address to share one library with your newsroom.")

class LibraryDialog(QDialog):
    """The location field, a file browser, and what the environment overrides."""

    def __init__(self, parent: QWidget | None, setting: str) -> None:
        # The library package is imported here, on demand, not when the window starts.
        from app.library.location import ENVIRONMENT, FILE_NAME, default_path, display

        super().__init__(parent)
        about = text_label(self, "libraryAbout", "About the claim library")
        about.setText(ABOUT)
        self.setWindowTitle("Claim library")
        self.setObjectName("libraryDialog")
        self._file_name = FILE_NAME
        self.field = QLineEdit(setting, self)
        self.field.setObjectName("libraryLocation")
        self.field.setAccessibleName("Claim library: a file, or a postgresql:// address")
        self.field.setPlaceholderText(f"default: {default_path()}")
        self.field.setClearButtonEnabled(True)
        browse = QPushButton("&Browse…", self)
        browse.setAccessibleName("Choose the library file")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(browse)
        self.environment = text_label(self, "libraryEnvironment", "Library from the environment")
        overriding = os.environ.get(ENVIRONMENT, "").strip()
        if overriding:
            self.environment.setText(f"{ENVIRONMENT} is set to {display(overriding)}: while it "
                                     "is set, the window uses that library, not this setting.")
        self.environment.setVisible(bool(overriding))
        form = QFormLayout()
        form.addRow(about)
        label = QLabel("&Library", self)
        label.setBuddy(self.field)
        form.addRow(label, row)
        form.addRow(self.environment)
        ok_cancel(self, form)
        self.resize(640, 220)

    def _browse(self) -> None:
        dialog = QFileDialog(self, "Claim library file", self.field.text() or str(Path.home()),
                             "SQLite libraries (*.sqlite3 *.sqlite *.db);;All files (*)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)  # an existing library
        dialog.fileSelected.connect(self.field.setText)
        dialog.open()

    def location(self) -> str:
        """The chosen location; a folder means the library file inside it."""
        text = self.field.text().strip()
        if text and "://" not in text and Path(text).expanduser().is_dir():
            return str(Path(text).expanduser() / self._file_name)
        return text


def library_dialog(parent: QWidget | None, setting: str) -> LibraryDialog:
    dialog = LibraryDialog(parent, setting)
    dialog.open()
    return dialog
