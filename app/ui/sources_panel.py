"""The Sources panel and the source picker.

The panel lists every source of the worksheet with the claims citing it
(:class:`app.ui.sources_model.SourcesModel`); Enter on a citing claim selects
it, Edit and Delete act on the source for every claim at once. The picker is
the dialog behind "Cite existing source" (Ctrl+Shift+L): type to search the
sources by title, publisher, URL or notes, choose the stance, Enter cites.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.document.labels import STANCE_LABELS
from app.document.model import Source, Stance
from app.ui.keys import on_keys, search_box
from app.ui.lists import row_list
from app.ui.sources_model import SourcesModel, source_title

IdRole = Qt.ItemDataRole.UserRole + 1


class SourcesPanel(QWidget):
    """Signals: ``claimActivated(claim id)``, ``editRequested(source id)``,
    ``deleteRequested(source id)``."""

    claimActivated = Signal(str)
    editRequested = Signal(str)
    deleteRequested = Signal(str)

    def __init__(self, model: SourcesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sources of the worksheet")
        self.model = model
        self.tree = row_list(self, model, "sourcesTree", "Sources and the claims citing them",
                             (140, 120, 80))
        self.hint = QLabel("No sources yet: Ctrl+L adds one to the selected claim.", self)
        self.edit_button = QPushButton("Edit source…", self)
        self.delete_button = QPushButton("Delete source", self)
        self.go_button = QPushButton("Go to claim", self)
        for button, name in ((self.edit_button, "Edit the selected source"),
                             (self.delete_button, "Delete the source from every claim"),
                             (self.go_button, "Select the citing claim in the checklist")):
            button.setAccessibleName(name)
        buttons = QHBoxLayout()
        for button in (self.go_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.tree.activated.connect(self._activated)
        on_keys(self.tree, {Qt.Key.Key_Delete: self._delete_key})
        self.go_button.clicked.connect(lambda: self._activated(self.tree.currentIndex()))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        model.rowsInserted.connect(self._update_hint)
        model.rowsRemoved.connect(self._update_hint)
        model.modelReset.connect(self._update_hint)
        self.tree.expandAll()
        self._update_hint()

    def _update_hint(self) -> None:
        has = self.model.rowCount() > 0
        self.hint.setVisible(not has)
        for button in (self.go_button, self.edit_button, self.delete_button):
            button.setEnabled(has)

    def current_source_id(self) -> str | None:
        source = self.model.source_at(self.tree.currentIndex())
        return source.id if source else None

    def _activated(self, index: object) -> None:
        claim = self.model.claim_at(self.tree.currentIndex())
        if claim is not None:
            self.claimActivated.emit(claim.id)
        elif (sid := self.current_source_id()) is not None:
            self.editRequested.emit(sid)

    def _edit(self) -> None:
        if (sid := self.current_source_id()) is not None:
            self.editRequested.emit(sid)

    def _delete(self) -> None:
        if (sid := self.current_source_id()) is not None:
            self.deleteRequested.emit(sid)

    def _delete_key(self) -> bool:
        """Del on a source row deletes the source (on a citing claim row it does nothing)."""
        if self.model.claim_at(self.tree.currentIndex()) is not None:
            return False
        self._delete()
        return True


def matches(source: Source, words: list[str]) -> bool:
    """Every search word occurs in the source's title, publisher, author, URL or notes."""
    hay = " ".join((source.title, source.publisher, source.author, source.url, source.notes,
                    source.excerpt)).casefold()
    return all(word in hay for word in words)


class SourcePicker(QDialog):
    """Search the worksheet's sources and cite one. Read :meth:`chosen` after ``accepted``;
    ``newSourceRequested`` asks the window for the new-source editor instead."""

    newSourceRequested = Signal()

    def __init__(self, parent: QWidget | None, sources: list[Source], claim_number: int,
                 cited: set[str]) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePicker")
        self.setWindowTitle(f"Cite a source in claim {claim_number}")
        self._sources = sources
        self._cited = cited
        self.search = search_box(self, "sourceSearch", "Search title, publisher, URL…",
                                 "Search sources")
        self.list = QListWidget(self)
        self.list.setObjectName("sourceChoices")
        self.list.setAccessibleName("Sources of this worksheet")
        self.stance = QComboBox(self)
        self.stance.setAccessibleName("Stance on this claim")
        for value, label in STANCE_LABELS.items():
            self.stance.addItem(label, value)
        form = QFormLayout()
        form.addRow("&Search", self.search)
        form.addRow("Sou&rces", self.list)
        form.addRow("S&tance on this claim", self.stance)
        self.buttons = QDialogButtonBox(self)
        self.cite = self.buttons.addButton("&Cite", QDialogButtonBox.ButtonRole.AcceptRole)
        self.new = self.buttons.addButton("&New source…", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cite.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.new.clicked.connect(self._new)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._fill)
        on_keys(self.search, {Qt.Key.Key_Down: lambda: self._step(1),
                              Qt.Key.Key_Up: lambda: self._step(-1)})
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        self._fill()
        self.resize(620, 420)

    def _fill(self) -> None:
        words = self.search.text().casefold().split()
        self.list.clear()
        for number, source in enumerate(self._sources, start=1):
            if not matches(source, words):
                continue
            parts = [f"S{number}", source_title(source)]
            if source.publisher:
                parts.append(source.publisher)
            cited = "  (already cited here)" if source.id in self._cited else ""
            item = QListWidgetItem(" — ".join(parts) + cited)
            item.setData(IdRole, source.id)
            item.setToolTip(source.url)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def _update(self) -> None:
        self.cite.setEnabled(self.list.currentItem() is not None)

    def _new(self) -> None:
        self.reject()
        self.newSourceRequested.emit()

    def chosen(self) -> tuple[str, Stance] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return str(item.data(IdRole)), Stance(self.stance.currentData())

    def accept(self) -> None:
        if self.list.currentItem() is not None:
            super().accept()

    def _step(self, step: int) -> None:
        """Up and Down in the search box move through the matches."""
        row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
        self.list.setCurrentRow(row)


def source_picker(parent: QWidget | None, sources: list[Source], claim_number: int,
                  cited: set[str]) -> SourcePicker:
    dialog = SourcePicker(parent, sources, claim_number, cited)
    dialog.open()
    return dialog
