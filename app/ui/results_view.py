"""What the "Checked before" and "Conflicts" tabs share: a list of library results.

A library answer is replaced whole when the next one comes (another claim, a
refresh), so :class:`ResultsModel` is a flat table that resets when its rows
change; subclasses say what each cell shows. :class:`ResultsPanel` is the
frame: one line saying where the search is ("Searching…", "Nothing checked
before", or the library's error), the list, the selected row in full below
it, and a row of buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.document.labels import VERDICT_STYLES
from app.document.model import Verdict

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_VERDICTS = {v.value: v for v in Verdict}


def verdict_colours(value: str | None) -> tuple[QColor, QColor] | None:
    """(fill, ink) of a verdict value as the checklist and the PDF show it, if it is one."""
    verdict = _VERDICTS.get(value or "")
    if verdict is None:
        return None
    style = VERDICT_STYLES[verdict]
    return QColor(style.fill), QColor(style.ink)


def one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def text_label(parent: QWidget, name: str, accessible: str) -> QLabel:
    """Plain text that wraps and can be selected (and copied) with the mouse."""
    label = QLabel("", parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ResultsModel(QAbstractTableModel):
    """Rows of one library answer; subclasses define ``COLUMNS`` and :meth:`cell`."""

    COLUMNS: tuple[str, ...] = ()
    VERDICT_COLUMN = -1  # the column coloured by :meth:`verdict_of`, if any

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, index: AnyIndex) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def tooltip(self, row: Any, column: int) -> str:
        return self.cell(row, column)

    def verdict_of(self, row: Any) -> str | None:
        return None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None or not 0 <= index.column() < len(self.COLUMNS):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if column == self.VERDICT_COLUMN and role in (Qt.ItemDataRole.BackgroundRole,
                                                      Qt.ItemDataRole.ForegroundRole):
            colours = verdict_colours(self.verdict_of(row))
            if colours is not None:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
        return None


class ResultsPanel(QWidget):
    """State line, list, the selected row in full, buttons (enabled with a selection).

    Subclasses add their buttons, then show their first state through
    :meth:`show_rows` (a model reset brings the buttons and details up to date)."""

    def __init__(self, model: ResultsModel, name: str, widths: Sequence[int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.state = text_label(self, f"{name}State", "Where the search is")
        self.tree = QTreeView(self)
        self.tree.setObjectName(f"{name}Tree")
        self.tree.setModel(model)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.detail = text_label(self, f"{name}Detail", "The selected row in full")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QHBoxLayout()
        self.row_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.state)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.detail, 1)
        layout.addLayout(self.buttons)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self._current_changed())
        model.modelReset.connect(self._current_changed)

    def add_button(self, text: str, accessible: str, for_row: bool = True) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible)
        self.buttons.addWidget(button)
        if for_row:
            self.row_buttons.append(button)
        return button

    def current(self) -> Any:
        return self.model.row_at(self.tree.currentIndex())

    def describe(self, row: Any) -> str:
        """The selected row in full, under the list."""
        return ""

    def _current_changed(self) -> None:
        row = self.current()
        self.detail.setText("" if row is None else self.describe(row))
        for button in self.row_buttons:
            button.setEnabled(row is not None)

    def show_state(self, text: str) -> None:
        self.state.setText(text)

    def show_rows(self, rows: Sequence[Any], state: str) -> None:
        """New results: the first row becomes current so Enter acts on it at once."""
        self.model.set_rows(rows)
        self.show_state(state)
        if rows:
            self.tree.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def focus_list(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
