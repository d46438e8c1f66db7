"""The detail pane: everything about the selected claim, editable.

Top to bottom in the order a checker works: verdict and status on one row,
the sources cited (with their stance), the rationale, sourcing and hedging,
tags, then the checkables with their ticks, type and span. At 1280x800 the
verdict, status and sources are visible without scrolling, and the pane
scrolls back to the top whenever another claim is shown.

Every change goes through :mod:`app.ui.operations` (one undo step each);
when the session says the shown claim changed, the pane refreshes itself,
guarded so that a refresh never turns into another edit. Requests that need
a dialog or the article's selection go to the window as signals.
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

from app.document.labels import SOURCING_LABELS, STANCE_LABELS
from app.document.model import CheckableType, Claim, Sourcing, Stance, Status, Verdict
from app.ui import operations
from app.ui.keys import on_keys
from app.ui.palette import TYPE_STYLES
from app.ui.session import Links, Session
from app.ui.value_text import shown_value

IdRole = Qt.ItemDataRole.UserRole + 1
QUOTE_LINES = 3


def _combo(parent: QWidget, name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for label, value in items:
        combo.addItem(label, value)
    return combo


def _button(parent: QWidget, text: str, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    return button


def _row(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    if stretch:
        row.addStretch(1)
    return row


class DetailPane(QScrollArea):
    """Shows one claim. Signals to the window, which owns dialogs and the article:
    ``addSourceRequested``, ``citeSourceRequested``, ``editSourceRequested(id)``,
    ``openUrlRequested(url)``, ``respanRequested(claim id, checkable id)``,
    ``attachEvidenceRequested(source id)``."""

    addSourceRequested = Signal()
    attachEvidenceRequested = Signal(str)  # source id
    citeSourceRequested = Signal()
    editSourceRequested = Signal(str)  # source id
    openUrlRequested = Signal(str)
    respanRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Claim details")
        self.session: Session | None = None
        self._links = Links()
        self.claim_id: str | None = None
        self._refreshing = False
        body = QWidget(self)
        self.setWidget(body)

        self.heading = QLabel("No claim selected", body)
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.quote = QLabel("", body)
        self.quote.setObjectName("detailQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setMaximumHeight(self.fontMetrics().lineSpacing() * QUOTE_LINES + 4)

        self.verdict = _combo(body, "Verdict", [("— not set —  (0)", None)] + [
            (f"{v.label}  ({n})", v) for n, v in enumerate(Verdict, start=1)])
        self.verdict.setObjectName("verdictCombo")
        self.status = _combo(body, "Status", [(s.label, s) for s in Status])
        self.status.setObjectName("statusCombo")

        self.sources = QListWidget(body)
        self.sources.setObjectName("sourcesList")
        self.sources.setAccessibleName("Sources cited for this claim")
        self.sources.setMaximumHeight(66)
        self.stance = _combo(body, "Stance of the selected source",
                             [(label, value) for value, label in STANCE_LABELS.items()])
        self.add_source = _button(body, "&Add source…", "Add a new source")
        self.cite_source = _button(body, "Cite e&xisting…", "Cite a source already in the "
                                                           "worksheet")
        self.edit_source = _button(body, "Ed&it…", "Edit source")
        self.open_url = _button(body, "&Open URL…", "Open source address")
        self.remove_source = _button(body, "Re&move", "Remove source from claim")
        self.attach_copy = _button(body, "Attach co&py…", "Attach evidence files to the "
                                                          "selected source")
        self.attach_copy.setToolTip("Attach files (PDF, images, saved pages …) to the selected "
                                    "source; a copy is kept inside the worksheet")

        self.rationale = QPlainTextEdit(body)
        self.rationale.setObjectName("rationaleEdit")
        self.rationale.setAccessibleName("Rationale")
        self.rationale.setPlaceholderText("Why this verdict: what you checked and found")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMinimumHeight(60)
        self.rationale.setMaximumHeight(90)
        self.sourcing = _combo(body, "Sourcing",
                               [(label, s) for s, label in SOURCING_LABELS.items()])
        self.source_name = QLineEdit(body)
        self.source_name.setAccessibleName("Who the article says the claim comes from")
        self.source_name.setPlaceholderText("who says so")
        self.hedged = QCheckBox("Hed&ged (may, reportedly, allegedly…)", body)
        self.hedged.setAccessibleName("Hedged")
        self.hedges = QLabel("", body)
        self.tags = QLineEdit(body)
        self.tags.setObjectName("tagsEdit")
        self.tags.setAccessibleName("Tags, separated by commas")
        self.tags.setPlaceholderText("tags, separated by commas")

        self.checkables = QListWidget(body)
        self.checkables.setObjectName("checkablesList")
        self.checkables.setAccessibleName("Checkables of this claim")
        self.checkables.setMaximumHeight(96)
        on_keys(self.checkables, {Qt.Key.Key_Delete: self._delete_checkable_clicked})
        self.checkable_type = _combo(body, "Type of the selected checkable",
                                     [(TYPE_STYLES[t].label, t) for t in CheckableType])
        self.checkable_type.setObjectName("checkableType")
        self.respan = _button(body, "&Use selection", "Move the checkable to the words "
                                                      "selected in the article")
        self.delete_checkable = _button(body, "De&lete", "Delete the selected checkable")

        # Alt+letters are unique in the window: F, E, C, V and H open the menus.
        form = QFormLayout()
        verdict_row = QHBoxLayout()
        verdict_row.addWidget(self.verdict, 3)
        status_label = QLabel("S&tatus", body)
        status_label.setBuddy(self.status)
        verdict_row.addWidget(status_label)
        verdict_row.addWidget(self.status, 2)
        verdict_label = QLabel("Ver&dict", body)
        verdict_label.setBuddy(self.verdict)
        form.addRow(verdict_label, verdict_row)
        # adding beside the list, acting on the selected source below it: one row of
        # seven buttons was wider than the pane at 1280x800 and scrolled sideways
        adding = QVBoxLayout()
        adding.addWidget(self.add_source)
        adding.addWidget(self.cite_source)
        adding.addStretch(1)
        listed = QHBoxLayout()
        listed.addWidget(self.sources, 1)
        listed.addLayout(adding)
        sources_box = QVBoxLayout()
        sources_box.addLayout(listed)
        sources_box.addLayout(_row(self.stance, self.edit_source, self.open_url,
                                   self.remove_source, self.attach_copy))
        chain = (self.sources, self.add_source, self.cite_source, self.stance, self.edit_source,
                 self.open_url, self.remove_source, self.attach_copy)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)  # Tab follows the layout, not creation order
        sources_label = QLabel("Sources", body)
        sources_label.setBuddy(self.sources)
        form.addRow(sources_label, sources_box)
        form.addRow("&Rationale", self.rationale)
        sourcing_row = QHBoxLayout()
        sourcing_row.addWidget(self.sourcing)
        sourcing_row.addWidget(self.source_name, 1)
        form.addRow("Sourcing", sourcing_row)
        form.addRow("", self.hedged)
        form.addRow("", self.hedges)
        form.addRow("Tag&s", self.tags)
        checkables_box = QVBoxLayout()
        checkables_box.addWidget(self.checkables)
        type_label = QLabel("T&ype", body)
        type_label.setBuddy(self.checkable_type)
        checkables_box.addLayout(_row(type_label, self.checkable_type, self.respan,
                                      self.delete_checkable))
        checkables_label = QLabel("Chec&kables", body)
        checkables_label.setBuddy(self.checkables)
        form.addRow(checkables_label, checkables_box)
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
        self.tags.textEdited.connect(self._tags_edited)
        self.checkables.itemChanged.connect(self._checkable_ticked)
        self.checkables.currentRowChanged.connect(self._checkable_row_changed)
        self.checkable_type.currentIndexChanged.connect(self._type_edited)
        self.respan.clicked.connect(self._respan_clicked)
        self.delete_checkable.clicked.connect(self._delete_checkable_clicked)
        self.sources.currentRowChanged.connect(self._source_row_changed)
        self.stance.currentIndexChanged.connect(self._stance_edited)
        self.add_source.clicked.connect(self.addSourceRequested)
        self.cite_source.clicked.connect(self.citeSourceRequested)
        self.edit_source.clicked.connect(self._edit_clicked)
        self.open_url.clicked.connect(self._open_clicked)
        self.remove_source.clicked.connect(self._remove_clicked)
        self.attach_copy.clicked.connect(self._attach_clicked)
        self.sources.itemActivated.connect(lambda _item: self._edit_clicked())
        self.show_claim(None)

    # ------------------------------------------------------------ binding

    def set_session(self, session: Session) -> None:
        self.session = session
        self._links.follow(session, self)
        self.show_claim(None)

    def on_claim_changed(self, claim_id: str, _fields: object) -> None:
        if claim_id == self.claim_id:
            self._refresh()

    def on_checkables_inserted(self, claim_id: str, _first: int, _last: int) -> None:
        self.on_claim_changed(claim_id, None)

    on_checkables_removed = on_checkables_inserted

    def on_checkable_changed(self, claim_id: str, _kid: str, _fields: object) -> None:
        self.on_claim_changed(claim_id, None)

    def on_source_changed(self, _source_id: str) -> None:
        self._refresh()

    def on_evidence_inserted(self, _row: int) -> None:
        self._refresh()  # the sources list counts each source's evidence

    on_evidence_removed = on_evidence_inserted

    def on_evidence_changed(self, _sha256: str) -> None:
        self._refresh()

    def on_claims_removed(self, _first: int, _last: int) -> None:
        if self.current_claim() is None:
            self.show_claim(None)

    def current_claim(self) -> Claim | None:
        if self.session is None or self.claim_id is None:
            return None
        return self.session.claim(self.claim_id)

    def show_claim(self, claim_id: str | None) -> None:
        if claim_id != self.claim_id:
            self.verticalScrollBar().setValue(0)  # a new claim starts at its verdict
            self.checkables.setCurrentRow(-1)
            self.sources.setCurrentRow(-1)
        self.claim_id = claim_id
        self._refresh()

    def _refresh(self) -> None:
        claim = self.current_claim()
        self._refreshing = True
        try:
            for w in (self.verdict, self.status, self.sourcing, self.source_name, self.hedged,
                      self.rationale, self.tags, self.checkables, self.sources, self.stance,
                      self.add_source, self.cite_source, self.edit_source, self.open_url,
                      self.remove_source):
                w.setEnabled(claim is not None)
            if claim is None:
                self._show_nothing()
            else:
                self._show(claim)
        finally:
            self._refreshing = False
        self._checkable_row_changed(self.checkables.currentRow())
        self._source_row_changed(self.sources.currentRow())

    def _show_nothing(self) -> None:
        self.heading.setText("No claim selected")
        self.quote.setText("Select a claim in the checklist or click one in the article.")
        self.quote.setToolTip("")
        self.verdict.setCurrentIndex(0)
        self.rationale.setPlainText("")
        self.source_name.setText("")
        self.tags.setText("")
        self.hedges.setText("")
        self.checkables.clear()
        self.sources.clear()

    def _show(self, claim: Claim) -> None:
        origin = "added by hand" if claim.origin.value == "manual" else "extracted"
        self.heading.setText(f"Claim {claim.number} · {origin} · "
                             f"check-worthiness {claim.worthiness:.2f}")
        self.quote.setText(f"“{claim.quote}”")
        self.quote.setToolTip(claim.quote)
        self.verdict.setCurrentIndex(
            0 if claim.verdict is None else list(Verdict).index(claim.verdict) + 1)
        self.status.setCurrentIndex(list(Status).index(claim.status))
        self.sourcing.setCurrentIndex(list(SOURCING_LABELS).index(claim.sourcing))
        if self.source_name.text() != claim.source_name:
            self.source_name.setText(claim.source_name)
        self.hedged.setChecked(claim.hedged)
        self.hedges.setText(("Hedge words: " + ", ".join(claim.hedges)) if claim.hedges else "")
        self.hedges.setVisible(bool(claim.hedges))
        if self.rationale.toPlainText() != claim.rationale:
            self.rationale.setPlainText(claim.rationale)
        if operations.parse_tags(self.tags.text()) != claim.tags:
            self.tags.setText(", ".join(claim.tags))
        self._fill_checkables(claim)
        self._fill_sources(claim)

    def _fill_checkables(self, claim: Claim) -> None:
        current = self.selected_checkable_id()
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
            if k.id == current:
                self.checkables.setCurrentItem(item)

    def _fill_sources(self, claim: Claim) -> None:
        assert self.session is not None
        current = self.sources.currentRow()
        self.sources.clear()
        for source, stance in self.session.worksheet.sources_of(claim):
            parts = [source.title or source.url or "Untitled source"]
            if source.publisher:
                parts.append(source.publisher)
            kept = len(self.session.worksheet.evidence_of(source.id))
            files = f" · {kept} file" + ("" if kept == 1 else "s") if kept else ""
            item = QListWidgetItem(f"[{STANCE_LABELS[stance]}{files}] " + " — ".join(parts))
            item.setData(IdRole, source.id)
            item.setToolTip(source.url)
            self.sources.addItem(item)
        if self.sources.count():
            self.sources.setCurrentRow(min(max(current, 0), self.sources.count() - 1))

    # ------------------------------------------------------------ claim fields

    def _edit(self) -> tuple[Session, str] | None:
        """The session and claim a user edit applies to (None while refreshing)."""
        claim = self.current_claim()
        if self._refreshing or claim is None or self.session is None:
            return None
        return self.session, claim.id

    def _verdict_edited(self) -> None:
        if (target := self._edit()) is not None:
            # Combo item data comes back from Qt as a plain str: turn it into the enum again.
            value = self.verdict.currentData()
            operations.set_verdict(*target, Verdict(value) if value else None)

    def _status_edited(self) -> None:
        if (target := self._edit()) is not None:
            operations.set_status(*target, Status(self.status.currentData()))

    def _sourcing_edited(self) -> None:
        if (target := self._edit()) is not None:
            operations.set_sourcing(*target, Sourcing(self.sourcing.currentData()))

    def _source_name_edited(self, text: str) -> None:
        if (target := self._edit()) is not None:
            operations.set_source_name(*target, text)

    def _hedged_edited(self, checked: bool) -> None:
        if (target := self._edit()) is not None:
            operations.set_hedged(*target, checked)

    def _rationale_edited(self) -> None:
        if (target := self._edit()) is not None:
            operations.set_rationale(*target, self.rationale.toPlainText())

    def _tags_edited(self, text: str) -> None:
        if (target := self._edit()) is not None:
            operations.set_tags(*target, operations.parse_tags(text))

    # ------------------------------------------------------------ checkables

    def selected_checkable_id(self) -> str | None:
        item = self.checkables.currentItem()
        return None if item is None else str(item.data(IdRole))

    def select_checkable(self, checkable_id: str | None) -> None:
        for row in range(self.checkables.count()):
            if self.checkables.item(row).data(IdRole) == checkable_id:
                self.checkables.setCurrentRow(row)
                return

    def _checkable_ticked(self, item: QListWidgetItem) -> None:
        if (target := self._edit()) is not None:
            checked = item.checkState() == Qt.CheckState.Checked
            operations.set_checked(*target, str(item.data(IdRole)), checked)

    def _checkable_row_changed(self, _row: int) -> None:
        kid = self.selected_checkable_id()
        claim = self.current_claim()
        k = self.session.checkable(claim.id, kid) if (claim and kid and self.session) else None
        for w in (self.checkable_type, self.respan, self.delete_checkable):
            w.setEnabled(k is not None)
        if k is not None:
            was, self._refreshing = self._refreshing, True
            self.checkable_type.setCurrentIndex(list(CheckableType).index(k.type))
            self._refreshing = was

    def _type_edited(self) -> None:
        kid = self.selected_checkable_id()
        if (target := self._edit()) is not None and kid is not None:
            operations.retype_checkable(*target, kid,
                                        CheckableType(self.checkable_type.currentData()))

    def _respan_clicked(self) -> None:
        kid = self.selected_checkable_id()
        if self.claim_id is not None and kid is not None:
            self.respanRequested.emit(self.claim_id, kid)

    def _delete_checkable_clicked(self) -> None:
        kid = self.selected_checkable_id()
        if (target := self._edit()) is not None and kid is not None:
            operations.delete_checkable(*target, kid)

    # ------------------------------------------------------------ sources

    def selected_source_id(self) -> str | None:
        item = self.sources.currentItem()
        return None if item is None else str(item.data(IdRole))

    @staticmethod
    def source_id_of(item: QListWidgetItem) -> str:
        return str(item.data(IdRole))

    def _attach_clicked(self) -> None:
        sid = self.selected_source_id()
        if sid is not None:
            self.attachEvidenceRequested.emit(sid)

    def _source_row_changed(self, row: int) -> None:
        claim = self.current_claim()
        has = claim is not None and row >= 0
        for w in (self.edit_source, self.open_url, self.remove_source, self.stance,
                  self.attach_copy):
            w.setEnabled(has)
        if not has or claim is None:
            return
        sid = self.selected_source_id()
        stance = next((c.stance for c in claim.citations if c.source_id == sid), None)
        if stance is not None:
            was, self._refreshing = self._refreshing, True
            self.stance.setCurrentIndex(list(STANCE_LABELS).index(stance))
            self._refreshing = was

    def _stance_edited(self) -> None:
        sid = self.selected_source_id()
        if (target := self._edit()) is not None and sid is not None:
            operations.set_stance(*target, sid, Stance(self.stance.currentData()))

    def _remove_clicked(self) -> None:
        sid = self.selected_source_id()
        if (target := self._edit()) is not None and sid is not None:
            operations.uncite_source(*target, sid)

    def _edit_clicked(self) -> None:
        sid = self.selected_source_id()
        if sid is not None:
            self.editSourceRequested.emit(sid)

    def _open_clicked(self) -> None:
        sid = self.selected_source_id()
        if sid is not None and self.session is not None:
            self.openUrlRequested.emit(self.session.worksheet.source(sid).url)
