"""The filter bar above the checklist: status, verdict, checkable type, text, flags."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from app.document.model import CheckableType, Status, Verdict
from app.ui.checklist_model import ChecklistFilter
from app.ui.keys import search_box
from app.ui.palette import TYPE_STYLES


class FilterBar(QWidget):
    """Emits ``changed`` (debounced for typing) with the current filter values."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Checklist filters")
        self.text = search_box(self, "filterText", "Filter claims (Ctrl+F)",
                               "Filter claims by text")
        self.status = QComboBox(self)
        self.status.setAccessibleName("Filter by status")
        self.status.addItem("Any status", None)
        for s in Status:
            self.status.addItem(s.label, s)
        self.verdict = QComboBox(self)
        self.verdict.setAccessibleName("Filter by verdict")
        self.verdict.addItem("Any verdict", None)
        self.verdict.addItem("No verdict yet", ChecklistFilter.UNSET_VERDICT)
        for v in Verdict:
            self.verdict.addItem(v.label, v)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Filter by type of checkable")
        self.kind.addItem("Any checkable", None)
        for t in CheckableType:
            self.kind.addItem(f"Has {TYPE_STYLES[t].label.lower()}", t)
        self.hedged = QCheckBox("Hedged", self)
        self.hedged.setAccessibleName("Only hedged claims")
        self.anonymous = QCheckBox("Anonymous", self)
        self.anonymous.setAccessibleName("Only claims from anonymous sources")
        # Two rows, so the text box keeps a usable width in a narrow window.
        first = QHBoxLayout()
        first.addWidget(self.text, 1)
        first.addWidget(self.hedged)
        first.addWidget(self.anonymous)
        second = QHBoxLayout()
        for w in (self.status, self.verdict, self.kind):
            second.addWidget(w, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)  # keep the last check box off the edge
        layout.setSpacing(4)
        layout.addLayout(first)
        layout.addLayout(second)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(150)
        self._typing.timeout.connect(self.changed)
        self.text.textChanged.connect(self._typing.start)
        for combo in (self.status, self.verdict, self.kind):
            combo.currentIndexChanged.connect(self.changed)
        self.hedged.toggled.connect(self.changed)
        self.anonymous.toggled.connect(self.changed)

    def values(self) -> dict[str, Any]:
        # Qt hands combo item data back as plain str: turn it into the enums again.
        status, verdict, kind = (self.status.currentData(), self.verdict.currentData(),
                                 self.kind.currentData())
        if verdict and verdict != ChecklistFilter.UNSET_VERDICT:
            verdict = Verdict(verdict)
        return {"status": Status(status) if status else None, "verdict": verdict or None,
                "kind": CheckableType(kind) if kind else None, "text": self.text.text(),
                "hedged_only": self.hedged.isChecked(),
                "anonymous_only": self.anonymous.isChecked()}

    def clear(self) -> None:
        self.text.clear()
        for combo in (self.status, self.verdict, self.kind):
            combo.setCurrentIndex(0)
        self.hedged.setChecked(False)
        self.anonymous.setChecked(False)
