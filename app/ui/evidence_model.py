"""The Evidence tab's model: every file the worksheet keeps, one row each (E1, E2 …).

Columns: the file (its label and name as captured), its type, size, capture
time and the sources citing it (S1, S2 … as in the reports). The model follows
the :class:`Session` row by row: a file attached or removed is one inserted or
removed row, a file linked to another source changes its "Cited by" cell, and
sources added or removed (which renumbers S1, S2 …) change that column only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.document.evidence import KINDS
from app.document.labels import evidence_time
from app.document.model import Evidence
from app.reading.files import describe_size
from app.ui.session import Links, Session

COLUMNS = ("File", "Type", "Size", "Captured", "Cited by")
COL_CITED = 4
ShaRole = Qt.ItemDataRole.UserRole + 21

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class EvidenceModel(QAbstractTableModel):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._links = Links()
        self.set_session(session)

    def set_session(self, session: Session) -> None:
        self.beginResetModel()
        self._session = session
        self._links.follow(session, self)
        self.endResetModel()

    @property
    def _items(self) -> list[Evidence]:
        return self._session.worksheet.evidence

    def item_at(self, index: AnyIndex) -> Evidence | None:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self._items[index.row()]

    def index_of(self, sha256: str) -> QModelIndex:
        row = self._session.evidence_row(sha256)
        return self.index(row, 0) if row >= 0 else QModelIndex()

    # ------------------------------------------------------------ following the session

    def on_evidence_about_to_be_inserted(self, row: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row)

    def on_evidence_inserted(self, _row: int) -> None:
        self.endInsertRows()
        self._labels_changed(0)  # E-numbers after the row moved

    def on_evidence_about_to_be_removed(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)

    def on_evidence_removed(self, _row: int) -> None:
        self.endRemoveRows()
        self._labels_changed(0)

    def on_evidence_changed(self, sha256: str) -> None:
        row = self._session.evidence_row(sha256)
        if row >= 0:
            self.dataChanged.emit(self.index(row, COL_CITED), self.index(row, COL_CITED))

    def _cited_changed(self, _row: int = 0) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, COL_CITED),
                                  self.index(len(self._items) - 1, COL_CITED))

    on_source_inserted = _cited_changed
    on_source_removed = _cited_changed

    def on_source_changed(self, _source_id: str) -> None:
        self._cited_changed()

    def _labels_changed(self, column: int) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._items) - 1, column))

    # ------------------------------------------------------------ the table

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def cited_by(self, item: Evidence) -> str:
        sources = self._session.worksheet.sources
        numbers = {s.id: n for n, s in enumerate(sources, start=1)}
        return ", ".join(f"S{numbers[s]}" for s in item.sources if s in numbers) or "no source"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index)
        if item is None:
            return None
        if role == ShaRole:
            return item.sha256
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"E{index.row() + 1}  {item.name}"
            if column == 1:
                return KINDS[item.media_type].label
            if column == 2:
                return describe_size(item.size)
            if column == 3:
                return evidence_time(item.captured)
            if column == COL_CITED:
                return self.cited_by(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.name}\nSHA-256 {item.sha256}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"Evidence {index.row() + 1}: {item.name}"
        return None
