"""The detail pane: everything about the selected claim, editable.

Each user change becomes one undo command on the session's stack; when the
session announces a change to the shown claim, the pane refreshes itself
(guarded so a refresh never turns into another edit).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.document.model import Claim, Sourcing, Stance, Status, Verdict
from app.ui.commands import SetCheckableChecked, SetCitations, SetClaimField
from app.ui.palette import TYPE_STYLES
from app.ui.session import Session
from app.ui.source_dialog import STANCE_LABELS
from app.ui.value_text import shown_value

SOURCING_LABELS = {Sourcing.NAMED: "Named source", Sourcing.UNNAMED: "Anonymous source",
                   Sourcing.NONE: "No source given"}
IdRole = Qt.ItemDataRole.UserRole + 1


class DetailPane(QScrollArea):
    """Shows one claim; ``addSourceRequested``/``editSourceRequested``/``openUrlRequested``
    go to the window, which owns the dialogs."""

    addSourceRequested = Signal()
    editSourceRequested = Signal(str)  # source id
    openUrlRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Claim details")
        self.session: Session | None = None
        self.claim_id: str | None = None
        self._refreshing = False
        body = QWidget(self)
        self.setWidget(body)

        self.heading = QLabel("No claim selected", body)
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.quote = QLabel("", body)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.verdict = QComboBox(body)
        self.verdict.setObjectName("verdictCombo")
        self.verdict.setAccessibleName("Verdict")
        self.verdict.addItem("— not set —  (0)", None)
        for n, v in enumerate(Verdict, start=1):
            self.verdict.addItem(f"{v.label}  ({n})", v)
        self.status = QComboBox(body)
        self.status.setObjectName("statusCombo")
        self.status.setAccessibleName("Status")
        for s in Status:
            self.status.addItem(s.label, s)
        self.sourcing = QComboBox(body)
        self.sourcing.setAccessibleName("Sourcing")
        for s, label in SOURCING_LABELS.items():
            self.sourcing.addItem(label, s)
        self.source_name = QLineEdit(body)
        self.source_name.setAccessibleName("Who the article says the claim comes from")
        self.source_name.setPlaceholderText("who says so")
        self.hedged = QCheckBox("Hed&ged (may, reportedly, allegedly…)", body)
        self.hedged.setAccessibleName("Hedged")
        self.hedges = QLabel("", body)
        self.rationale = QPlainTextEdit(body)
        self.rationale.setObjectName("rationaleEdit")
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why this verdict: what you checked and found")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMinimumHeight(70)
        self.rationale.setMaximumHeight(100)
        self.checkables = QListWidget(body)
        self.checkables.setObjectName("checkablesList")
        self.checkables.setAccessibleName("Checkables of this claim")
        self.checkables.setMaximumHeight(96)
        self.sources = QListWidget(body)
        self.sources.setObjectName("sourcesList")
        self.sources.setAccessibleName("Sources cited for this claim")
        self.sources.setMaximumHeight(90)
        self.stance = QComboBox(body)
        self.stance.setAccessibleName("Stance of the selected source")
        for value, label in STANCE_LABELS.items():
            self.stance.addItem(label, value)
        self.add_source = QPushButton("&Add source…", body)
        self.edit_source = QPushButton("Ed&it…", body)
        self.open_url = QPushButton("&Open URL…", body)
        self.remove_source = QPushButton("Re&move", body)
        for button, name in ((self.add_source, "Add source"), (self.edit_source, "Edit source"),
                             (self.open_url, "Open source address"),
                             (self.remove_source, "Remove source from claim")):
            button.setAccessibleName(name)

        # Alt+letters are unique in the window: F, E, C, V and H open the menus.
        form = QFormLayout()
        form.addRow("Ver&dict", self.verdict)
        form.addRow("S&tatus", self.status)
        sourcing_row = QHBoxLayout()
        sourcing_row.addWidget(self.sourcing)
        sourcing_row.addWidget(self.source_name, 1)
        form.addRow("Sourcing", sourcing_row)
        form.addRow("", self.hedged)
        form.addRow("", self.hedges)
        form.addRow("&Rationale", self.rationale)
        form.addRow("Chec&kables", self.checkables)
        source_buttons = QHBoxLayout()
        for w in (self.stance, self.add_source, self.edit_source, self.open_url,
                  self.remove_source):
            source_buttons.addWidget(w)
        source_buttons.addStretch(1)
        sources_box = QVBoxLayout()
        sources_box.addWidget(self.sources)
        sources_box.addLayout(source_buttons)
        form.addRow("Sources", sources_box)
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.quote)
        layout.addLayout(form)
        layout.addStretch(1)

        self.verdict.currentIndexChanged.connect(self._verdict_edited)
        self.status.currentIndexChanged.connect(self._status_edited)
        self.sourcing.currentIndexChanged.connect(self._sourcing_edited)
        self.source_name.textEdited.connect(self._source_name_edited)
        self.hedged.toggled.connect(self._hedged_edited)
        self.rationale.textChanged.connect(self._rationale_edited)
        self.checkables.itemChanged.connect(self._checkable_edited)
        self.sources.currentRowChanged.connect(self._source_row_changed)
        self.stance.currentIndexChanged.connect(self._stance_edited)
        self.add_source.clicked.connect(self.addSourceRequested)
        self.edit_source.clicked.connect(self._edit_clicked)
        self.open_url.clicked.connect(self._open_clicked)
        self.remove_source.clicked.connect(self._remove_clicked)
        self.sources.itemActivated.connect(lambda _item: self._edit_clicked())
        self.show_claim(None)

    # ------------------------------------------------------------ binding

    def set_session(self, session: Session) -> None:
        if self.session is not None:
            self.session.claimChanged.disconnect(self._on_changed)
            self.session.claimsReset.disconnect(self._on_reset)
            self.session.sourcesChanged.disconnect(self._on_reset)
        self.session = session
        session.claimChanged.connect(self._on_changed)
        session.claimsReset.connect(self._on_reset)
        session.sourcesChanged.connect(self._on_reset)
        self.show_claim(None)

    def _on_changed(self, claim_id: str) -> None:
        if claim_id == self.claim_id:
            self._refresh()

    def _on_reset(self) -> None:
        self._refresh()

    def current_claim(self) -> Claim | None:
        if self.session is None or self.claim_id is None:
            return None
        return self.session.claim(self.claim_id)

    def show_claim(self, claim_id: str | None) -> None:
        self.claim_id = claim_id
        self._refresh()

    def _number(self, claim: Claim) -> int:
        assert self.session is not None
        return self.session.number(claim.id)

    def _refresh(self) -> None:
        claim = self.current_claim()
        self._refreshing = True
        try:
            enabled = claim is not None
            for w in (self.verdict, self.status, self.sourcing, self.source_name, self.hedged,
                      self.rationale, self.checkables, self.sources, self.stance,
                      self.add_source, self.edit_source, self.open_url, self.remove_source):
                w.setEnabled(enabled)
            if claim is None:
                self.heading.setText("No claim selected")
                self.quote.setText("Select a claim in the checklist or click one in the article.")
                self.verdict.setCurrentIndex(0)
                self.rationale.setPlainText("")
                self.source_name.setText("")
                self.hedges.setText("")
                self.checkables.clear()
                self.sources.clear()
                return
            origin = "added by hand" if claim.origin.value == "manual" else "extracted"
            self.heading.setText(f"Claim {self._number(claim)} · {origin} · "
                                 f"check-worthiness {claim.worthiness:.2f}")
            self.quote.setText(f"“{claim.quote}”")
            self.verdict.setCurrentIndex(
                0 if claim.verdict is None else list(Verdict).index(claim.verdict) + 1)
            self.status.setCurrentIndex(list(Status).index(claim.status))
            self.sourcing.setCurrentIndex(list(SOURCING_LABELS).index(claim.sourcing))
            if self.source_name.text() != claim.source_name:
                self.source_name.setText(claim.source_name)
            self.hedged.setChecked(claim.hedged)
            self.hedges.setText(("Hedge words: " + ", ".join(claim.hedges)) if claim.hedges
                                else "")
            self.hedges.setVisible(bool(claim.hedges))
            if self.rationale.toPlainText() != claim.rationale:
                self.rationale.setPlainText(claim.rationale)
            self._fill_checkables(claim)
            self._fill_sources(claim)
        finally:
            self._refreshing = False

    def _fill_checkables(self, claim: Claim) -> None:
        current = self.checkables.currentRow()
        self.checkables.clear()
        for k in claim.checkables:
            style = TYPE_STYLES[k.type]
            # "Kyiv → Kyiv" says nothing: show the value only when it adds something.
            value = f" → {shown_value(k)}" if k.value and k.value != k.text else ""
            item = QListWidgetItem(f"{style.label}: {k.text}{value}")
            item.setData(IdRole, k.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if k.checked else Qt.CheckState.Unchecked)
            item.setForeground(style.qcolor())
            self.checkables.addItem(item)
        if 0 <= current < self.checkables.count():
            self.checkables.setCurrentRow(current)

    def _fill_sources(self, claim: Claim) -> None:
        assert self.session is not None
        current = self.sources.currentRow()
        self.sources.clear()
        for source, stance in self.session.worksheet.sources_of(claim):
            parts = [source.title or source.url or "Untitled source"]
            if source.publisher:
                parts.append(source.publisher)
            item = QListWidgetItem(f"[{STANCE_LABELS[stance]}] " + " — ".join(parts))
            item.setData(IdRole, source.id)
            item.setToolTip(source.url)
            self.sources.addItem(item)
        if self.sources.count():
            self.sources.setCurrentRow(min(max(current, 0), self.sources.count() - 1))
        self._source_row_changed(self.sources.currentRow())

    # ------------------------------------------------------------ edits

    def _push_field(self, name: str, value: object, what: str, to: str = "") -> None:
        """One undo step named like the keyboard's: "Set verdict of claim 3 to False"."""
        claim = self.current_claim()
        if self._refreshing or claim is None or self.session is None:
            return
        if getattr(claim, name) == value:
            return
        text = f"{what} of claim {self._number(claim)}" + (f" to {to}" if to else "")
        self.session.undo_stack.push(SetClaimField(self.session, claim.id, name, value, text))

    def _verdict_edited(self) -> None:
        # Combo item data comes back from Qt as a plain str: turn it into the enum again.
        value = self.verdict.currentData()
        verdict = Verdict(value) if value else None
        self._push_field("verdict", verdict, "Set verdict",
                         verdict.label if verdict else "not set")

    def _status_edited(self) -> None:
        status = Status(self.status.currentData())
        self._push_field("status", status, "Set status", status.label.lower())

    def _sourcing_edited(self) -> None:
        sourcing = Sourcing(self.sourcing.currentData())
        self._push_field("sourcing", sourcing, "Set sourcing",
                         SOURCING_LABELS[sourcing].lower())

    def _source_name_edited(self, text: str) -> None:
        self._push_field("source_name", text, "Edit source name")

    def _hedged_edited(self, checked: bool) -> None:
        self._push_field("hedged", checked, "Mark hedged" if checked else "Mark not hedged")

    def _rationale_edited(self) -> None:
        self._push_field("rationale", self.rationale.toPlainText(), "Edit rationale")

    def _checkable_edited(self, item: QListWidgetItem) -> None:
        claim = self.current_claim()
        if self._refreshing or claim is None or self.session is None:
            return
        kid = item.data(IdRole)
        k = self.session.checkable(claim.id, kid)
        checked = item.checkState() == Qt.CheckState.Checked
        if k is None or k.checked == checked:
            return
        verb = "Tick" if checked else "Untick"
        self.session.undo_stack.push(SetCheckableChecked(
            self.session, claim.id, kid, checked, f"{verb} “{k.text}” in claim "
                                                  f"{self._number(claim)}"))

    def selected_source_id(self) -> str | None:
        item = self.sources.currentItem()
        return None if item is None else item.data(IdRole)

    def _source_row_changed(self, row: int) -> None:
        claim = self.current_claim()
        has = claim is not None and row >= 0
        for w in (self.edit_source, self.open_url, self.remove_source, self.stance):
            w.setEnabled(has)
        if not has or claim is None:
            return
        sid = self.selected_source_id()
        stance = next((c.stance for c in claim.citations if c.source_id == sid), None)
        if stance is not None:
            was = self._refreshing
            self._refreshing = True
            self.stance.setCurrentIndex(list(STANCE_LABELS).index(stance))
            self._refreshing = was

    def _stance_edited(self) -> None:
        claim = self.current_claim()
        sid = self.selected_source_id()
        if self._refreshing or claim is None or sid is None or self.session is None:
            return
        stance = Stance(self.stance.currentData())
        if any(c.source_id == sid and c.stance == stance for c in claim.citations):
            return
        citations = [type(c)(c.source_id, stance if c.source_id == sid else c.stance)
                     for c in claim.citations]
        self.session.undo_stack.push(SetCitations(
            self.session, claim.id, citations,
            f"Set stance of source in claim {self._number(claim)}"))

    def _remove_clicked(self) -> None:
        claim = self.current_claim()
        sid = self.selected_source_id()
        if claim is None or sid is None or self.session is None:
            return
        citations = [c for c in claim.citations if c.source_id != sid]
        self.session.undo_stack.push(SetCitations(
            self.session, claim.id, citations,
            f"Remove source from claim {self._number(claim)}"))

    def _edit_clicked(self) -> None:
        sid = self.selected_source_id()
        if sid is not None:
            self.editSourceRequested.emit(sid)

    def _open_clicked(self) -> None:
        sid = self.selected_source_id()
        if sid is not None and self.session is not None:
            self.openUrlRequested.emit(self.session.worksheet.source(sid).url)
