"""The worksheet window: article, checklist, detail pane, menus, files, extraction.

Layout: the article on the left, and on the right the filter bar + checklist
above the detail pane. The status bar always shows the progress summary and,
while extraction runs, a progress bar with Cancel.

All edits are undo commands on the session's stack (see :mod:`app.ui.commands`).
File handling (open, save, recovery, printing, drops) is in
:mod:`app.ui.window_files` and the extraction side in
:mod:`app.ui.window_extraction`; both are mixed into :class:`MainWindow`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.document import edits
from app.document.model import Article, CheckableType, Stance, Status, Verdict, Worksheet
from app.ui import dialogs
from app.ui.actions import SPECS, VERDICT_KEYS, key_sequences
from app.ui.article_view import ArticleView
from app.ui.checklist_model import (
    COL_NUMBER,
    COL_QUOTE,
    COL_STATUS,
    COL_VERDICT,
    ChecklistFilter,
    ChecklistModel,
)
from app.ui.commands import (
    AttachSource,
    SetCheckableChecked,
    SetClaimField,
    SetClaims,
)
from app.ui.detail_pane import DetailPane
from app.ui.extraction_worker import ExtractionThread
from app.ui.filter_bar import FilterBar
from app.ui.none_guard import protect_none
from app.ui.palette import apply_palette, is_dark
from app.ui.recovery import RecoveryStore
from app.ui.session import Session
from app.ui.settings import Settings
from app.ui.source_dialog import source_dialog
from app.ui.window_extraction import ExtractionActions
from app.ui.window_files import WORKSHEET_SUFFIX, FileActions, default_data_dir

log = logging.getLogger("claimsheet.ui.window")

AUTOSAVE_MS = 60_000
_DEDICATED_KEYS = {"New", "Open", "Save", "Undo", "Redo", "Find", "Help", "Print", "Close",
                   "Quit", "Copy", "Paste", "Cut"}
__all__ = ["MainWindow", "WORKSHEET_SUFFIX", "default_data_dir"]


class MainWindow(FileActions, ExtractionActions, QMainWindow):
    """One worksheet at a time. ``checklistReady`` fires when the checklist shows the
    claims of a newly opened worksheet or of a finished extraction."""

    checklistReady = Signal()
    extractionFinished = Signal(str)  # "ok", "cancelled" or "failed"
    importFailed = Signal(str)  # a background import ended in an error (shown in a dialog)

    def __init__(self, settings: Settings | None = None, data_dir: Path | None = None,
                 persist: bool = True) -> None:
        protect_none()  # before any model or view talks to Qt: see app/ui/none_guard.py
        super().__init__()
        self.settings = settings or Settings()
        self.data_dir = data_dir or default_data_dir()
        self.persist = persist
        self.recovery = RecoveryStore(self.data_dir)
        self.worker: ExtractionThread | None = None
        self.importer: object | None = None  # see window_files._import_in_background
        self._imports: set[object] = set()
        self._restart_extraction = False  # start again once the running one ends
        self._close_confirmed = False
        self._pending_select: str | None = None
        self._reselect: str | None = None
        self._scroll_article = True  # False while a click in the article selects a claim
        self.last_dialog: QWidget | None = None  # newest dialog opened, for tests
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.undo_group = QUndoGroup(self)
        self.session = Session(Worksheet(Article(text="")), None, self)
        self.undo_group.addStack(self.session.undo_stack)
        self.undo_group.setActiveStack(self.session.undo_stack)

        self._build_views()
        self._build_status_bar()
        self._build_actions()
        self._connect_session()
        self._restore_layout()

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_recovery)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_workers)  # type: ignore[attr-defined]
            app.aboutToQuit.connect(self.wait_for_imports)  # type: ignore[attr-defined]
        self._update_title()
        self._update_summary()
        self._update_actions()

    # ================================================================ layout

    def _build_views(self) -> None:
        self.article_view = ArticleView(self)
        self.article_view.setAcceptDrops(False)
        self.model = ChecklistModel(self.session, self)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("checklist")
        self.tree.setAccessibleName("Checklist of claims")
        self.tree.setModel(self.proxy)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(COL_NUMBER, Qt.SortOrder.AscendingOrder)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        # Checkables fits "0/4 ✓ 1 actor · 2 location"; longer lists elide (tooltip has all).
        for col, width in ((COL_NUMBER, 60), (2, 160), (3, 105), (COL_VERDICT, 110),
                           (COL_STATUS, 85)):
            header.resizeSection(col, width)
        self.filter_bar = FilterBar(self)
        self.detail = DetailPane(self)
        self.detail.set_session(self.session)

        checklist_box = QWidget(self)
        box = QVBoxLayout(checklist_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filter_bar)
        box.addWidget(self.tree)
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(checklist_box)
        self.side_splitter.addWidget(self.detail)
        self.side_splitter.setSizes([400, 430])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.article_view)
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setSizes([520, 760])
        # A banner above the panes for warnings that must not scroll away with a
        # status-bar message (extraction on the blank fallback pipeline).
        self.warning_banner = QLabel(self)
        self.warning_banner.setObjectName("warningBanner")
        self.warning_banner.setAccessibleName("Warning")
        self.warning_banner.setWordWrap(True)
        self.warning_banner.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_banner.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.warning_banner)
        column.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self._style_banner()

        self.tree.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.article_view.claimClicked.connect(lambda cid: self.select_claim(cid, scroll=False))
        self.model.checkableToggled.connect(self._on_checkable_toggled)
        self.filter_bar.changed.connect(self._apply_filters)
        self.detail.addSourceRequested.connect(self.add_source)
        self.detail.editSourceRequested.connect(self.edit_source)
        self.detail.openUrlRequested.connect(self.open_url)
        self.proxy.layoutChanged.connect(self._update_summary)

        # Tab order: filter → checklist → detail fields → article.
        bar = self.filter_bar
        for first, second in ((bar.text, bar.hedged), (bar.hedged, bar.anonymous),
                              (bar.anonymous, bar.status), (bar.status, bar.verdict),
                              (bar.verdict, bar.kind), (bar.kind, self.tree)):
            self.setTabOrder(first, second)
        self.setTabOrder(self.tree, self.detail.verdict)
        self.setTabOrder(self.detail.verdict, self.detail.status)
        self.setTabOrder(self.detail.status, self.detail.sourcing)
        self.setTabOrder(self.detail.sourcing, self.detail.source_name)
        self.setTabOrder(self.detail.source_name, self.detail.hedged)
        self.setTabOrder(self.detail.hedged, self.detail.rationale)
        self.setTabOrder(self.detail.rationale, self.detail.checkables)
        self.setTabOrder(self.detail.checkables, self.detail.sources)
        self.setTabOrder(self.detail.sources, self.detail.stance)
        self.setTabOrder(self.detail.stance, self.detail.add_source)
        self.setTabOrder(self.detail.remove_source, self.article_view)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("progressSummary")
        self.summary_label.setAccessibleName("Progress summary")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("extractionProgress")
        self.progress.setAccessibleName("Extraction progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("Extracting claims… %p%")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel extraction")
        self.cancel_button.clicked.connect(self.cancel_extraction)
        self.progress.hide()
        self.cancel_button.hide()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.summary_label)

    def _build_actions(self) -> None:
        self.actions: dict[str, QAction] = {}
        menus: dict[str, object] = {}
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main toolbar")
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        undo.setObjectName("undo")
        redo.setObjectName("redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        for spec in SPECS:
            menu = menus.get(spec.menu)
            if menu is None:
                menu = self.menuBar().addMenu(spec.menu)
                menus[spec.menu] = menu
                if spec.menu == "&Edit":
                    menu.addAction(undo)  # type: ignore[attr-defined]
                    menu.addAction(redo)  # type: ignore[attr-defined]
                    menu.addSeparator()  # type: ignore[attr-defined]
                if spec.menu == "&Claim":
                    self._add_verdict_actions(menu)
            action = QAction(spec.label, self)
            action.setObjectName(spec.name)
            action.setShortcuts(key_sequences(spec))
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            action.triggered.connect(getattr(self, spec.handler))
            menu.addAction(action)  # type: ignore[attr-defined]
            self.actions[spec.name] = action
            if spec.name == "open":
                self.recent_menu = menu.addMenu("Open &recent")  # type: ignore[attr-defined]
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
                self._fill_recent_menu()
            if spec.toolbar:
                toolbar.addAction(action)
            if spec.name in ("save_as", "print_blank", "delete", "rerun", "add_source", "dark"):
                menu.addSeparator()  # type: ignore[attr-defined]
        self.actions["dark"].setCheckable(True)
        self.actions["dark"].setChecked(self.settings.dark)
        # Short labels on the toolbar; the Edit menu shows the full "Undo Set verdict…".
        for name, label, slot, can in (
                ("undo", "Undo", self.undo_group.undo, self.undo_group.canUndoChanged),
                ("redo", "Redo", self.undo_group.redo, self.undo_group.canRedoChanged)):
            short = QAction(label, self)
            short.setObjectName(f"toolbar_{name}")
            short.setEnabled(False)
            short.triggered.connect(slot)
            can.connect(short.setEnabled)
            toolbar.insertAction(self.actions["add_claim"], short)
            self.actions[f"toolbar_{name}"] = short
        self.undo_group.undoTextChanged.connect(
            lambda t: self.actions["toolbar_undo"].setToolTip(f"Undo {t}"))
        self.undo_group.redoTextChanged.connect(
            lambda t: self.actions["toolbar_redo"].setToolTip(f"Redo {t}"))
        self.menus = menus
        self.undo_group.cleanChanged.connect(self._update_title)
        self.undo_group.indexChanged.connect(self._on_stack_changed)

    def _add_verdict_actions(self, menu: object) -> None:
        for key, verdict in zip(VERDICT_KEYS, Verdict, strict=True):
            action = QAction(f"Verdict: {verdict.label}", self)
            action.setObjectName(f"verdict_{key}")
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, v=verdict: self.set_verdict(v))
            menu.addAction(action)  # type: ignore[attr-defined]
            self.actions[f"verdict_{key}"] = action
        menu.addSeparator()  # type: ignore[attr-defined]

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for the Help sheet, in menu order.

        Dedicated keys that standard bindings include (a keyboard's own "Undo" or
        "Open" key) are left out: the sheet lists what can be typed.
        """
        rows: list[tuple[str, str, str]] = []
        fixed = {"undo": "Undo", "redo": "Redo"}  # their live text names the next step
        for menu_title, menu in self.menus.items():
            for action in menu.actions():  # type: ignore[attr-defined]
                if action.isSeparator() or action.menu():
                    continue
                keys = ", ".join(k for k in (s.toString(QKeySequence.SequenceFormat.NativeText)
                                             for s in action.shortcuts())
                                 if k.split("+")[-1] not in _DEDICATED_KEYS)
                label = fixed.get(action.objectName(), action.text().replace("&", ""))
                rows.append((menu_title.replace("&", ""), label, keys))
        rows.append(("Checklist", "Move between claims", "Up, Down, J, K"))
        rows.append(("Checklist", "Show / hide a claim's checkables", "Right, Left"))
        rows.append(("Checklist", "Tick the selected checkable", "Space"))
        return rows

    # ================================================================ settings

    def _restore_layout(self) -> None:
        s = self.settings
        if s.geometry is not None:
            self.restoreGeometry(s.geometry)
        if s.window_state is not None:
            self.restoreState(s.window_state)
        if s.main_splitter is not None:
            self.main_splitter.restoreState(s.main_splitter)
        if s.side_splitter is not None:
            self.side_splitter.restoreState(s.side_splitter)

    def _save_layout(self) -> None:
        if not self.persist:
            return
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.main_splitter = self.main_splitter.saveState()
        s.side_splitter = self.side_splitter.saveState()
        s.sync()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files
        for n, path in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{n % 10} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self.settings.clear_recent_files)
        self.recent_menu.setEnabled(bool(files))

    # ================================================================ session

    def _connect_session(self) -> None:
        s = self.session
        s.claimsAboutToReset.connect(self._before_reset)
        s.claimsReset.connect(self._after_reset)
        s.claimChanged.connect(self._on_claim_changed)
        s.sourcesChanged.connect(self._update_summary)
        s.pathChanged.connect(self._update_title)
        s.articleChanged.connect(self._update_title)

    def _set_session(self, session: Session) -> None:
        """Show another worksheet; the old session and its undo history go away."""
        self.stop_workers()
        old = self.session
        self.undo_group.removeStack(old.undo_stack)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.model.set_session(session)
        self.detail.set_session(session)
        self._connect_session()
        self.article_view.set_article_text(session.worksheet.article.text)
        self.article_view.set_claims(session.worksheet.claims)
        old.deleteLater()
        self._update_title()
        self._update_summary()
        self._update_actions()
        if session.worksheet.claims:
            self.select_row(0)

    def _before_reset(self) -> None:
        self._reselect = self.current_claim_id()

    def _after_reset(self) -> None:
        self.article_view.set_claims(self.session.worksheet.claims)
        target = self._pending_select or self._reselect
        self._pending_select = self._reselect = None
        if target and self.session.claim(target) is not None:
            self.select_claim(target)
        elif self.session.worksheet.claims:
            self.select_row(0)
        else:
            self.detail.show_claim(None)
        self._update_summary()
        self._update_actions()

    def _on_claim_changed(self, claim_id: str) -> None:
        self._update_summary()

    def _on_stack_changed(self) -> None:
        self._update_title()
        if self.session.modified and not self.autosave.isActive():
            self.autosave.start()

    def _update_title(self) -> None:
        ws = self.session.worksheet
        if not ws.article.text:
            self.setWindowTitle("Claimsheet")
            self.setWindowModified(False)
            return
        name = self.session.path.name if self.session.path else f"{ws.title} (not saved)"
        self.setWindowTitle(f"{name}[*] — Claimsheet")
        self.setWindowModified(self.session.modified)

    def _update_summary(self) -> None:
        ws = self.session.worksheet
        text = ws.progress_summary() if ws.claims else "No claims yet"
        shown = self.proxy.rowCount()
        if self.proxy.active:
            text = f"{shown} shown · {text}"
        self.summary_label.setText(text)

    def _update_actions(self) -> None:
        has_article = bool(self.session.worksheet.article.text)
        has_claim = self.current_claim_id() is not None
        running = self.worker is not None
        for name in ("save", "save_as", "print", "print_preview", "print_blank",
                     "article_details"):
            self.actions[name].setEnabled(has_article)
        self.actions["rerun"].setEnabled(has_article and not running)
        self.actions["cancel"].setEnabled(running)
        self.actions["add_claim"].setEnabled(has_article)
        for name in ("delete", "merge", "split", "status", "clear_verdict", "add_source",
                     "rationale", "add_date", "add_system", "add_location", "add_count",
                     "add_actor", *(f"verdict_{k}" for k in VERDICT_KEYS)):
            self.actions[name].setEnabled(has_claim)

    # ================================================================ selection

    def current_claim_id(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        claim = self.model.claim_at(self.proxy.mapToSource(index))
        return claim.id if claim else None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        claim = self.model.claim_at(self.proxy.mapToSource(current))
        cid = claim.id if claim else None
        if cid != self.detail.claim_id:
            self.detail.show_claim(cid)
            self.article_view.select_claim(cid, scroll=self._scroll_article)
        self._update_actions()

    def select_claim(self, claim_id: str, scroll: bool = True) -> bool:
        """Select a claim in the checklist (clearing filters that hide it)."""
        source = self.model.index_of_claim(claim_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_bar.clear()
            self._apply_filters()
            index = self.proxy.mapFromSource(source)
        self._scroll_article = scroll
        try:
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._scroll_article = True
        self.tree.scrollTo(index)
        return True

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)

    def _move(self, step: int) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and index.parent().isValid():
            index = index.parent()
        rows = self.proxy.rowCount()
        if not rows:
            return
        row = 0 if not index.isValid() else max(0, min(rows - 1, index.row() + step))
        self.select_row(row)

    def next_claim(self) -> None:
        self._move(1)

    def previous_claim(self) -> None:
        self._move(-1)

    def _apply_filters(self) -> None:
        current = self.current_claim_id()
        self.proxy.set_filters(**self.filter_bar.values())
        if current:
            source = self.model.index_of_claim(current)
            index = self.proxy.mapFromSource(source)
            if index.isValid():
                self.tree.scrollTo(index)
        self._update_summary()

    def focus_filter(self) -> None:
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    def clear_filters(self) -> None:
        self.filter_bar.clear()
        self._apply_filters()

    def focus_checklist(self) -> None:
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_article(self) -> None:
        self.article_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_detail(self) -> None:
        self.detail.verdict.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_rationale(self) -> None:
        self.detail.rationale.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ================================================================ claim edits

    def _number(self, claim_id: str) -> int:
        return self.session.number(claim_id)

    def set_verdict(self, verdict: Verdict | None) -> None:
        cid = self.current_claim_id()
        if cid is None:
            return
        claim = self.session.claim(cid)
        if claim is None or claim.verdict == verdict:
            return
        label = verdict.label if verdict else "not set"
        self.session.undo_stack.push(SetClaimField(
            self.session, cid, "verdict", verdict,
            f"Set verdict of claim {self._number(cid)} to {label}"))

    def clear_verdict(self) -> None:
        self.set_verdict(None)

    def cycle_status(self) -> None:
        cid = self.current_claim_id()
        claim = self.session.claim(cid) if cid else None
        if claim is None:
            return
        status: Status = claim.status.next()
        self.session.undo_stack.push(SetClaimField(
            self.session, claim.id, "status", status,
            f"Set status of claim {self._number(claim.id)} to {status.label.lower()}"))

    def _on_checkable_toggled(self, claim_id: str, checkable_id: str, checked: bool) -> None:
        k = self.session.checkable(claim_id, checkable_id)
        if k is None or k.checked == checked:
            return
        verb = "Tick" if checked else "Untick"
        self.session.undo_stack.push(SetCheckableChecked(
            self.session, claim_id, checkable_id, checked,
            f"{verb} “{k.text}” in claim {self._number(claim_id)}"))

    def _structural(self, claims: list, text: str, select: str | None) -> None:
        self._pending_select = select
        self.session.undo_stack.push(SetClaims(self.session, claims, text, select))
        self._pending_select = None

    def _edit_failed(self, error: Exception) -> None:
        self.statusBar().showMessage(str(error), 6000)

    def add_claim_from_selection(self) -> None:
        span = self.article_view.selection_span()
        text = self.session.worksheet.article.text
        try:
            if span is None:
                raise edits.EditError("Select some text in the article first")
            claim = edits.new_manual_claim(text, *span)
        except edits.EditError as exc:
            self._edit_failed(exc)
            return
        short = claim.quote if len(claim.quote) <= 40 else claim.quote[:39] + "…"
        self._structural(edits.with_claim_added(self.session.worksheet.claims, claim),
                         f"Add claim “{short}”", claim.id)

    def add_checkable(self, kind: CheckableType) -> None:
        span = self.article_view.selection_span()
        text = self.session.worksheet.article.text
        cid = self.current_claim_id()
        claim = self.session.claim(cid) if cid else None
        try:
            if span is None:
                raise edits.EditError("Select the words to check in the article first")
            if claim is None or not (claim.start <= span[0] < claim.end):
                claim = self.article_view.claim_at(span[0]) or claim
            if claim is None:
                raise edits.EditError("Select a claim first")
            checkable = edits.new_checkable(text, claim, span[0], span[1], kind)
        except edits.EditError as exc:
            self._edit_failed(exc)
            return
        from app.ui.commands import ReplaceClaim

        self._pending_select = claim.id
        self.session.undo_stack.push(ReplaceClaim(
            self.session, edits.with_checkable_added(claim, checkable),
            f"Add {kind.value} “{checkable.text}” to claim {self._number(claim.id)}"))
        self._pending_select = None

    def add_date(self) -> None:
        self.add_checkable(CheckableType.DATE)

    def add_system(self) -> None:
        self.add_checkable(CheckableType.SYSTEM)

    def add_location(self) -> None:
        self.add_checkable(CheckableType.LOCATION)

    def add_count(self) -> None:
        self.add_checkable(CheckableType.COUNT)

    def add_actor(self) -> None:
        self.add_checkable(CheckableType.ACTOR)

    def delete_claim(self) -> None:
        cid = self.current_claim_id()
        if cid is None:
            return
        claims = self.session.worksheet.claims
        row = self.session.row_of(cid)
        neighbour = claims[row + 1] if row + 1 < len(claims) else (
            claims[row - 1] if row > 0 else None)
        self._structural(edits.with_claim_removed(claims, cid),
                         f"Delete claim {row + 1}", neighbour.id if neighbour else None)

    def merge_with_next(self) -> None:
        cid = self.current_claim_id()
        if cid is None:
            return
        claims = self.session.worksheet.claims
        row = self.session.row_of(cid)
        if row + 1 >= len(claims):
            self._edit_failed(edits.EditError("The last claim has no next claim to merge with"))
            return
        self._structural(edits.with_claims_merged(self.session.worksheet.article.text, claims,
                                                  cid, claims[row + 1].id),
                         f"Merge claims {row + 1} and {row + 2}", cid)

    def split_at_cursor(self) -> None:
        cid = self.current_claim_id()
        if cid is None:
            return
        span = self.article_view.selection_span()
        at = span[0] if span else self.article_view.cursor_offset()
        try:
            claims = edits.with_claim_split(self.session.worksheet.article.text,
                                            self.session.worksheet.claims, cid, at)
        except edits.EditError as exc:
            self._edit_failed(exc)
            return
        self._structural(claims, f"Split claim {self._number(cid)}", cid)

    # ================================================================ sources

    def add_source(self) -> None:
        cid = self.current_claim_id()
        if cid is None:
            return
        dialog = source_dialog(self)
        dialog.accepted.connect(lambda: self._apply_source(cid, dialog))
        self.last_dialog = dialog

    def edit_source(self, source_id: str) -> None:
        cid = self.current_claim_id()
        claim = self.session.claim(cid) if cid else None
        if claim is None:
            return
        stance = next((c.stance for c in claim.citations if c.source_id == source_id), None)
        dialog = source_dialog(self, self.session.worksheet.source(source_id),
                               stance or Stance.SUPPORTS)
        dialog.accepted.connect(lambda: self._apply_source(claim.id, dialog))
        self.last_dialog = dialog

    def _apply_source(self, claim_id: str, dialog: object) -> None:
        if self.session.claim(claim_id) is None:
            return
        source = dialog.source()  # type: ignore[attr-defined]
        stance = dialog.chosen_stance()  # type: ignore[attr-defined]
        self.session.undo_stack.push(
            AttachSource(self.session, claim_id, source, stance, self._number(claim_id)))

    def open_url(self, url: str) -> None:
        self.last_dialog = dialogs.open_url_box(self, url)

    # ================================================================ help, view

    def show_shortcuts(self) -> None:
        self.last_dialog = dialogs.shortcut_sheet(self, self.shortcut_rows())

    def show_about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "About Claimsheet",
                          "Claimsheet: an offline workbench for fact-checkers.\n"
                          "Open an article, check its claims, save the worksheet.",
                          QMessageBox.StandardButton.Ok, self)
        box.open()
        self.last_dialog = box

    def toggle_dark(self, checked: bool | None = None) -> None:
        dark = self.actions["dark"].isChecked() if checked is None else bool(checked)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_palette(app, dark)
        if self.persist:
            self.settings.dark = dark
        self.refresh_colours()

    def show_warning(self, text: str) -> None:
        """Show (or, with "", hide) the warning banner above the panes."""
        self.warning_banner.setText(f"⚠ {text}" if text else "")
        self.warning_banner.setVisible(bool(text))

    def _style_banner(self) -> None:
        # Amber in both palettes, with text contrast above 7:1 on each.
        if is_dark():
            colours = "background: #4A3A00; color: #FFE8A3; border-bottom: 1px solid #7A6200;"
        else:
            colours = "background: #FFF4CE; color: #3B2F00; border-bottom: 1px solid #E0C060;"
        self.warning_banner.setStyleSheet(f"QLabel#warningBanner {{ {colours} padding: 6px; }}")

    def refresh_colours(self) -> None:
        """Highlights and type colours are computed per palette: recompute them."""
        self._style_banner()
        self.article_view.refresh_colours()
        self.detail.show_claim(self.detail.claim_id)
        self.tree.viewport().update()

    # ================================================================ closing

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._close_confirmed or not self.session.modified:
            self.stop_workers()
            self.wait_for_imports()
            self.autosave.stop()
            self._save_layout()
            if not self.session.modified:
                self.recovery.clear(self.session.worksheet.id)
            event.accept()
            return
        event.ignore()

        def confirmed() -> None:
            self._close_confirmed = True
            self.close()

        self._confirm_discard(confirmed)
