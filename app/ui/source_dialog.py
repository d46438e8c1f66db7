"""The source editor: every field of a Source plus its stance on the claim."""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.document.labels import SOURCE_KIND_LABELS, STANCE_LABELS
from app.document.model import Source, SourceKind, Stance
from app.ui.dialogs import ok_cancel

KIND_LABELS = SOURCE_KIND_LABELS


class SourceDialog(QDialog):
    """Edits a copy of a source; read the result with :meth:`source` after ``accepted``."""

    def __init__(self, parent: QWidget | None, source: Source | None,
                 stance: Stance = Stance.SUPPORTS, with_stance: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("sourceDialog")
        self.setWindowTitle("Edit source" if source else "Add source")
        self._original = copy.copy(source) if source else Source(accessed=date.today().isoformat())
        s = self._original
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        # Alt+letters are unique in the dialog, OK (O) and Cancel (C) included.
        for name, label in (("title", "&Title"), ("url", "&URL"), ("publisher", "&Publisher"),
                            ("author", "Autho&r"), ("published", "Publis&hed (YYYY-MM-DD)"),
                            ("accessed", "Acc&essed (YYYY-MM-DD)"),
                            ("archive_url", "Archi&ve URL")):
            edit = QLineEdit(getattr(s, name), self)
            edit.setObjectName(f"source_{name}")
            edit.setAccessibleName(label.replace("&", ""))
            form.addRow(label, edit)
            self.fields[name] = edit
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of source")
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(list(KIND_LABELS).index(s.kind))
        form.addRow("&Kind", self.kind)
        self.stance = QComboBox(self)
        self.stance.setObjectName("source_stance")
        self.stance.setAccessibleName("Stance on this claim")
        for value, label in STANCE_LABELS.items():
            self.stance.addItem(label, value)
        self.stance.setCurrentIndex(list(STANCE_LABELS).index(stance))
        form.addRow("&Stance on this claim", self.stance)
        form.setRowVisible(self.stance, with_stance)  # editing from the Sources panel: no claim
        self.excerpt = QPlainTextEdit(s.excerpt, self)
        self.excerpt.setAccessibleName("Excerpt")
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setFixedHeight(80)
        form.addRow("E&xcerpt", self.excerpt)
        self.notes = QPlainTextEdit(s.notes, self)
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        form.addRow("&Notes", self.notes)
        ok_cancel(self, form)
        self.resize(560, self.sizeHint().height())

    def source(self) -> Source:
        result = copy.copy(self._original)
        for name, edit in self.fields.items():
            setattr(result, name, edit.text().strip())
        result.kind = SourceKind(self.kind.currentData())  # Qt hands item data back as str
        result.excerpt = self.excerpt.toPlainText().strip()
        result.notes = self.notes.toPlainText().strip()
        return result

    def chosen_stance(self) -> Stance:
        return Stance(self.stance.currentData())


def source_dialog(parent: QWidget | None, source: Source | None = None,
                  stance: Stance = Stance.SUPPORTS, with_stance: bool = True) -> SourceDialog:
    dialog = SourceDialog(parent, source, stance, with_stance)
    dialog.open()
    return dialog
