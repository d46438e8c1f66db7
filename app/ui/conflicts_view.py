"""The "Conflicts" tab: where this worksheet's claims disagree with other worksheets.

Each row is one conflict the claim library found (docs/library.md): a claim
here and a claim of another worksheet about the same event (place, system or
actor, close dates) whose counts or dates disagree, with both quotes and the
other worksheet. Finding them takes up to a second or so, on a worker thread,
when the tab is shown and the worksheet has changed since the last search, or
on "Search again". Enter (or double-click on this claim's columns) selects the
claim here; Shift+Enter (or double-click on the other worksheet's columns)
opens the other worksheet at its claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from app.ui.checked_before import checked_in
from app.ui.keys import on_keys
from app.ui.results_view import ResultsModel, ResultsPanel, one_line

if TYPE_CHECKING:
    from app.library import Conflict

SEARCHING = "Looking for conflicts with other worksheets…"
NONE_FOUND = "No conflicts with other worksheets"
NOT_YET = "Shown when this tab is open: conflicts with other worksheets in the claim library."
HINT = "Enter: show the claim here · Shift+Enter: open the other worksheet"
OTHER_COLUMNS = frozenset({3, 4})  # double-click here opens the other worksheet


class ConflictsModel(ResultsModel):
    """One row per conflict, strongest first; ``numbers`` maps claim ids here to numbers."""

    COLUMNS = ("Claim", "Disagrees", "This worksheet says", "Other worksheet", "It says")

    def __init__(self) -> None:
        super().__init__()
        self.numbers: dict[str, int] = {}

    def number(self, conflict: Conflict) -> int:
        record = conflict.first.record
        return self.numbers.get(record.claim_id, record.number)

    def cell(self, row: Conflict, column: int) -> str:
        if column == 0:
            return str(self.number(row))
        if column == 1:
            return f"{row.what}: {row.explanation}"
        if column == 2:
            return one_line(row.first.record.text, 120)
        if column == 3:
            other = row.second.record
            return " · ".join(x for x in (checked_in(other), other.published) if x)
        return one_line(row.second.record.text, 120)

    def tooltip(self, row: Conflict, column: int) -> str:
        if column == 2:
            return row.first.record.text
        if column == 4:
            return row.second.record.text
        if column == 3:
            return row.second.record.path or self.cell(row, column)
        return self.cell(row, column)


class ConflictsPanel(ResultsPanel):
    """Signals: ``claimRequested(claim id here)``, ``openRequested(the other ClaimRecord)``,
    ``refreshRequested()``."""

    claimRequested = Signal(str)
    openRequested = Signal(object)
    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self.conflicts_model = ConflictsModel()
        super().__init__(self.conflicts_model, "conflicts", (50, 230, 210, 180), parent)
        self.conflicts_model.setParent(self)
        self.setAccessibleName("Conflicts with other worksheets")
        self.tree.setAccessibleName("Claims of this worksheet that other worksheets contradict")
        self.here_button = self.add_button("Sho&w claim here", "Select this claim in the checklist")
        self.other_button = self.add_button("O&pen other worksheet",
                                            "Open the other worksheet at its claim")
        self.buttons.addStretch(1)
        self.refresh_button = self.add_button("Search agai&n", "Look for conflicts again",
                                              for_row=False)
        self.here_button.clicked.connect(self._here)
        self.other_button.clicked.connect(self._other)
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.tree.doubleClicked.connect(self._double_clicked)
        on_keys(self.tree, {Qt.Key.Key_Return: self._here, Qt.Key.Key_Enter: self._here})
        for key in ("Shift+Return", "Shift+Enter"):
            QShortcut(QKeySequence(key), self.tree, self._other,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.clear()

    def describe(self, row: Conflict) -> str:
        here, there = row.first, row.second
        number = self.conflicts_model.number(row)
        return "\n".join((
            f"{row.what.capitalize()}: {row.explanation}",
            f"Here, claim {number} (“{here.quote}”): “{here.record.text}”",
            f"{checked_in(there.record)} (“{there.quote}”): “{there.record.text}”",
            HINT))

    def _here(self) -> None:
        conflict = self.current()
        if conflict is not None:
            self.claimRequested.emit(conflict.first.record.claim_id)

    def _other(self) -> None:
        conflict = self.current()
        if conflict is not None:
            self.openRequested.emit(conflict.second.record)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() in OTHER_COLUMNS:
            self._other()
        else:
            self._here()

    # ------------------------------------------------------------ what the library says

    def show_searching(self) -> None:
        self.model.set_rows([])
        self.show_state(SEARCHING)

    def show_progress(self, done: int, total: int) -> None:
        self.show_state(f"{SEARCHING} {done:,} of {total:,} claims")

    def show_conflicts(self, conflicts: list[Conflict], numbers: dict[str, int]) -> None:
        self.conflicts_model.numbers = numbers
        count = len(conflicts)
        state = (f"{count} conflict{'' if count == 1 else 's'} with other worksheets"
                 if count else NONE_FOUND)
        self.show_rows(conflicts, state)

    def show_error(self, message: str) -> None:
        self.show_rows([], f"The claim library cannot be used: {message}")

    def clear(self) -> None:
        self.model.set_rows([])
        self.show_state(NOT_YET)
