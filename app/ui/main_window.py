"""The worksheet window: article, checklist and sources, detail pane, menus.

Layout: the article on the left (claim numbers in its margin); on the right,
tabs above the detail pane: the checklist (filter bar + claims), the Sources
panel, and the claim library's "Checked before" (the selected claim's
matches) and "Conflicts" (this worksheet against the others). The status
bar always shows the progress summary and, while extraction runs, a progress
bar with Cancel.

The window owns five controllers: ``files`` (:mod:`app.ui.files`),
``extraction`` (:mod:`app.ui.extraction`), ``reports``
(:mod:`app.ui.report_actions`), ``library`` (:mod:`app.ui.claim_library`) and
``evidence`` (:mod:`app.ui.evidence`); the Evidence tab lists the files the
worksheet keeps (:mod:`app.ui.evidence_panel`).
Every edit is an operation (:mod:`app.ui.operations`) on the shown claim; the
window only finds the claim, checkable or text selection the checker means
and reports the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.document.model import Article, CheckableType, Stance, Verdict, Worksheet
from app.ui import context_menus, dialogs, operations
from app.ui.actions import REDO_KEYS, SPECS, UNDO_KEYS, VERDICT_KEYS, key_sequences
from app.ui.article_view import ArticleView
from app.ui.checked_before import CheckedBeforePanel
from app.ui.checklist_model import (
    COL_NUMBER,
    COL_QUOTE,
    COL_STATUS,
    COL_VERDICT,
    ChecklistFilter,
    ChecklistModel,
)
from app.ui.claim_library import LibraryController
from app.ui.conflicts_view import ConflictsPanel
from app.ui.detail_pane import DetailPane
from app.ui.evidence import EvidenceController
from app.ui.evidence_model import EvidenceModel
from app.ui.evidence_panel import EvidencePanel
from app.ui.extraction import ExtractionController
from app.ui.files import WORKSHEET_SUFFIX, FileController, default_data_dir
from app.ui.filter_bar import FilterBar
from app.ui.none_guard import protect_none
from app.ui.palette import apply_palette, is_dark
from app.ui.recovery import RecoveryStore
from app.ui.report_actions import ReportController
from app.ui.session import ALL_FIELDS, Links, Session
from app.ui.settings import Settings
from app.ui.source_dialog import SourceDialog, source_dialog
from app.ui.sources_model import SourcesModel
from app.ui.sources_panel import SourcePicker, SourcesPanel, source_picker

log = logging.getLogger("claimsheet.ui.window")

AUTOSAVE_MS = 60_000
PROGRESS_FORMAT = "Extracting claims… %p%"
_DEDICATED_KEYS = {"New", "Open", "Save", "Undo", "Redo", "Find", "Help", "Print", "Close",
                   "Quit", "Copy", "Paste", "Cut"}
_SUMMARY_FIELDS = frozenset({"verdict", "status"})
__all__ = ["MainWindow", "WORKSHEET_SUFFIX", "default_data_dir"]


class MainWindow(QMainWindow):
    """One worksheet at a time. ``checklistReady`` fires when the checklist shows the
    claims of a newly opened worksheet or of a finished extraction; ``firstClaimsShown``
    when a streamed extraction puts its first claims on the checklist."""

    checklistReady = Signal()
    firstClaimsShown = Signal()
    extractionFinished = Signal(str)  # "ok", "cancelled" or "failed"
    importFailed = Signal(str)  # a background import ended in an error (shown in a dialog)

    def __init__(self, settings: Settings | None = None, data_dir: Path | None = None,
                 persist: bool = True) -> None:
        protect_none()  # before any model or view talks to Qt: see app/ui/none_guard.py
        super().__init__()
        self.settings = settings or Settings()
        self.data_dir = data_dir or default_data_dir()
        self.persist = persist
        self.last_dialog: QWidget | None = None  # newest dialog opened, for tests
        self.last_menu: QMenu | None = None  # newest context menu, for tests
        self._close_confirmed = False
        self._scroll_article = True  # False while a click in the article selects a claim
        self._links = Links()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 800)

        self.undo_group = QUndoGroup(self)
        self.session = Session(Worksheet(Article(text="")), None, self)
        self.undo_group.addStack(self.session.undo_stack)
        self.undo_group.setActiveStack(self.session.undo_stack)
        self.files = FileController(self, self.data_dir)
        self.extraction = ExtractionController(self)
        self.reports = ReportController(self)
        self.library = LibraryController(self)
        self.evidence = EvidenceController(self)

        self._build_views()
        self._build_status_bar()
        self._build_actions()
        self._connect_session()
        self.library.session_changed()
        self._restore_layout()

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.files.save_recovery)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_workers)
        self.update_title()
        self.update_summary()
        self.update_actions()
        self.tree.setFocus()

    @property
    def recovery(self) -> RecoveryStore:
        return self.files.recovery

    # ================================================================ layout

    def _build_views(self) -> None:
        self.article_view = ArticleView(self)
        self.article_view.setAcceptDrops(False)
        self.article_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.article_view.customContextMenuRequested.connect(self.show_article_menu)
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
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self.show_checklist_menu)
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
        self.sources_model = SourcesModel(self.session, self)
        self.sources_panel = SourcesPanel(self.sources_model, self)

        checklist_box = QWidget(self)
        box = QVBoxLayout(checklist_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filter_bar)
        box.addWidget(self.tree)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("sideTabs")
        self.tabs.addTab(checklist_box, "Checklist")
        self.tabs.addTab(self.sources_panel, "Sources")
        self.checked_before = CheckedBeforePanel(self)
        self.conflicts_panel = ConflictsPanel(self)
        self.tabs.addTab(self.checked_before, "Checked before")
        self.tabs.addTab(self.conflicts_panel, "Conflicts")
        self.evidence_model = EvidenceModel(self.session, self)
        self.evidence_panel = EvidencePanel(self.evidence_model, self)
        self.evidence_panel.worksheet = self.session.worksheet
        self.tabs.addTab(self.evidence_panel, "Evidence")
        self.side_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(self.tabs)
        self.side_splitter.addWidget(self.detail)
        self.side_splitter.setSizes([340, 460])
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
        self.model.checkableToggled.connect(
            lambda cid, kid, on: self.apply(operations.set_checked(self.session, cid, kid, on)))
        self.filter_bar.changed.connect(self.apply_filters)
        self.detail.addSourceRequested.connect(self.add_source)
        self.detail.citeSourceRequested.connect(self.cite_source)
        self.detail.editSourceRequested.connect(self.edit_source)
        self.detail.openUrlRequested.connect(self.open_url)
        self.detail.respanRequested.connect(
            lambda cid, kid: self.apply(operations.respan_checkable(
                self.session, cid, kid, self.article_view.selection_span())))
        self.sources_panel.claimActivated.connect(self._show_citing_claim)
        self.sources_panel.editRequested.connect(self.edit_source_everywhere)
        self.sources_panel.deleteRequested.connect(
            lambda sid: self.apply(operations.delete_source(self.session, sid)))
        self.proxy.layoutChanged.connect(self.update_summary)
        self.checked_before.openRequested.connect(lambda record: self.library.open_record(record))
        self.checked_before.copyRequested.connect(lambda match: self.library.copy_sources(match))
        self.conflicts_panel.claimRequested.connect(
            lambda claim_id: self.library.show_claim_here(claim_id))
        self.conflicts_panel.openRequested.connect(lambda record: self.library.open_record(record))
        self.conflicts_panel.refreshRequested.connect(
            lambda: self.library.find_conflicts(again=True))
        self.detail.attachEvidenceRequested.connect(self.evidence.choose_files_for)
        panel = self.evidence_panel
        panel.openRequested.connect(self.evidence.open)
        panel.saveRequested.connect(self.evidence.save_copy)
        panel.removeRequested.connect(self.evidence.remove)
        panel.attachRequested.connect(self.evidence.choose_files)
        panel.pasteRequested.connect(self.evidence.paste_image)
        panel.sourceRequested.connect(self.show_source)
        for view in (self.tree, self.sources_panel.tree, self.detail.sources):
            self.evidence.accept_drops(view)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab order: filter → checklist → detail fields → article."""
        bar, d = self.filter_bar, self.detail
        chain: list[QWidget] = [bar.text, bar.hedged, bar.anonymous, bar.status, bar.verdict,
                                bar.kind, self.tree, d.verdict, d.status, d.sources, d.stance,
                                d.add_source, d.cite_source, d.edit_source, d.open_url,
                                d.remove_source, d.attach_copy, d.rationale, d.sourcing,
                                d.source_name,
                                d.hedged, d.tags, d.checkables, d.checkable_type, d.respan,
                                d.delete_checkable, self.article_view]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("progressSummary")
        self.summary_label.setAccessibleName("Progress summary")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("extractionProgress")
        self.progress.setAccessibleName("Extraction progress")
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(260)
        self.progress.setFormat(PROGRESS_FORMAT)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel extraction")
        self.cancel_button.clicked.connect(self.extraction.cancel)
        self.progress.hide()
        self.cancel_button.hide()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.summary_label)

    def reset_progress(self) -> None:
        """Hide the progress bar and Cancel, back to the extraction format."""
        self.progress.hide()
        self.cancel_button.hide()
        self.progress.setRange(0, 100)
        self.progress.setFormat(PROGRESS_FORMAT)

    def _handler(self, name: str) -> Callable[[], object]:
        """``"save"`` is a window method, ``"files.save"`` a method of a controller."""
        target: object = self
        for part in name.split("."):
            target = getattr(target, part)
        if not callable(target):
            raise TypeError(f"action handler {name} is not callable")
        return target

    def _build_actions(self) -> None:
        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]
        menus: dict[str, QMenu] = {}
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main toolbar")
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        undo = self.undo_group.createUndoAction(self, "&Undo")
        undo.setShortcuts(key_sequences(UNDO_KEYS))
        redo = self.undo_group.createRedoAction(self, "&Redo")
        redo.setShortcuts(key_sequences(REDO_KEYS))
        undo.setObjectName("undo")
        redo.setObjectName("redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        for spec in SPECS:
            menu = menus.get(spec.menu)
            if menu is None:
                menu = self.menuBar().addMenu(spec.menu)
                menus[spec.menu] = menu
                if spec.menu == "&Edit":
                    menu.addAction(undo)
                    menu.addAction(redo)
                    menu.addSeparator()
                if spec.menu == "&Claim":
                    self._add_verdict_actions(menu)
            action = QAction(spec.label, self)
            action.setObjectName(spec.name)
            action.setShortcuts(key_sequences(spec))
            if spec.tip:
                action.setStatusTip(spec.tip)
                action.setToolTip(spec.tip)
            handler = self._handler(spec.handler)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            menu.addAction(action)
            self.actions[spec.name] = action
            if spec.name == "open":
                self.recent_menu = menu.addMenu("Open &recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
                self._fill_recent_menu()
            if spec.toolbar:
                toolbar.addAction(action)
            if spec.name in ("save_as", "export", "print_blank", "respan", "delete", "rerun",
                             "cite_source", "screenshot", "tags", "focus_evidence"):
                menu.addSeparator()
        self.actions["dark"].setCheckable(True)
        self.actions["dark"].setChecked(self.settings.dark)
        self.actions["dark"].triggered.disconnect()
        self.actions["dark"].triggered.connect(self.toggle_dark)
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
        self.undo_group.cleanChanged.connect(self.update_title)
        self.undo_group.indexChanged.connect(self._on_stack_changed)

    def _add_verdict_actions(self, menu: QMenu) -> None:
        for key, verdict in zip(VERDICT_KEYS, Verdict, strict=True):
            action = QAction(f"Verdict: {verdict.label}", self)
            action.setObjectName(f"verdict_{key}")
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, v=verdict: self.set_verdict(v))
            menu.addAction(action)
            self.actions[f"verdict_{key}"] = action
        menu.addSeparator()

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for the Help sheet, in menu order.

        Dedicated keys that standard bindings include (a keyboard's own "Undo" or
        "Open" key) are left out: the sheet lists what can be typed.
        """
        rows: list[tuple[str, str, str]] = []
        fixed = {"undo": "Undo", "redo": "Redo"}  # their live text names the next step
        for menu_title, menu in self.menus.items():
            for action in menu.actions():
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
        rows.append(("Checklist", "Context menu of the row", "Menu"))
        rows.append(("Checked before", "Open the match at its claim", "Enter"))
        rows.append(("Checked before", "Copy the match's sources as citations", "Alt+N"))
        rows.append(("Conflicts", "Show the claim here / open the other worksheet",
                     "Enter / Shift+Enter"))
        rows.append(("Evidence", "Open the file (images and text here, others in the "
                                 "system's viewer) / remove it", "Enter / Del"))
        rows.append(("Checklist, Sources", "Attach files to a claim or source", "drop them on "
                                                                               "its row"))
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
            action.triggered.connect(lambda _=False, p=path: self.files.open_path(Path(p)))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self.settings.clear_recent_files)
        self.recent_menu.setEnabled(bool(files))

    # ================================================================ session

    def _connect_session(self) -> None:
        self._links.follow(self.session, self)

    def set_session(self, session: Session) -> None:
        """Show another worksheet; the old session and its undo history go away."""
        self.extraction.stop()
        old = self.session
        self.undo_group.removeStack(old.undo_stack)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.model.set_session(session)
        self.sources_model.set_session(session)
        self.evidence_model.set_session(session)
        self.evidence_panel.worksheet = session.worksheet
        self.evidence_panel.show_current()
        self.sources_panel.tree.expandAll()
        self.detail.set_session(session)
        self._connect_session()
        self.library.session_changed()
        self.article_view.set_session(session)
        self.evidence.session_closed(old)
        old.deleteLater()
        self.update_title()
        self.update_summary()
        self.update_actions()
        if session.worksheet.claims:
            self.select_row(0)
        self.focus_checklist()

    def show_first_claims(self) -> None:
        """The first claims of a new worksheet are on the checklist: start there."""
        if self.current_claim_id() is None:
            self.select_row(0)
        focus = QApplication.focusWidget()
        if focus is None or focus is self.filter_bar.text and not self.filter_bar.text.text():
            self.focus_checklist()
        self.firstClaimsShown.emit()

    # The session's changes that the window shows (see Links.follow).

    def on_claims_inserted(self, _first: int, _last: int) -> None:
        self.update_summary()
        self.update_actions()

    on_claims_removed = on_claims_inserted

    def on_source_inserted(self, _row: int) -> None:
        self.update_summary()

    on_source_removed = on_source_inserted
    on_evidence_inserted = on_source_inserted
    on_evidence_removed = on_source_inserted

    def on_path_changed(self) -> None:
        self.update_title()

    on_article_changed = on_path_changed

    def on_claim_changed(self, _claim_id: str, fields: frozenset[str]) -> None:
        if fields & _SUMMARY_FIELDS or fields == ALL_FIELDS:
            self.update_summary()

    def _on_stack_changed(self) -> None:
        self.update_title()
        if self.session.modified and not self.autosave.isActive():
            self.autosave.start()

    def update_title(self) -> None:
        ws = self.session.worksheet
        if not ws.article.text:
            self.setWindowTitle("Claimsheet")
            self.setWindowModified(False)
            return
        name = self.session.path.name if self.session.path else f"{ws.title} (not saved)"
        self.setWindowTitle(f"{name}[*] — Claimsheet")
        self.setWindowModified(self.session.modified)

    def update_summary(self) -> None:
        ws = self.session.worksheet
        text = ws.progress_summary() if ws.claims else "No claims yet"
        if self.proxy.active:
            text = f"{self.proxy.rowCount()} shown · {text}"
        self.summary_label.setText(text)
        self.tabs.setTabText(1, f"Sources ({len(ws.sources)})" if ws.sources else "Sources")
        index = self.tabs.indexOf(self.evidence_panel)
        self.tabs.setTabText(index, f"Evidence ({len(ws.evidence)})" if ws.evidence
                             else "Evidence")

    def update_actions(self) -> None:
        has_article = bool(self.session.worksheet.article.text)
        has_claim = self.current_claim_id() is not None
        running = self.extraction.worker is not None
        for name in ("save", "save_as", "print", "print_preview", "print_blank",
                     "article_details", "worksheet_details", "export"):
            self.actions[name].setEnabled(has_article)
        self.actions["rerun"].setEnabled(has_article and not running)
        self.actions["cancel"].setEnabled(running)
        self.actions["add_claim"].setEnabled(has_article)
        for name in ("delete", "merge", "split", "status", "clear_verdict", "add_source",
                     "cite_source", "rationale", "tags", "add_date", "add_system",
                     "add_location", "add_count", "add_actor", "retype", "respan",
                     *(f"verdict_{k}" for k in VERDICT_KEYS)):
            self.actions[name].setEnabled(has_claim)

    # ================================================================ selection

    def current_claim_id(self) -> str | None:
        claim = self.model.claim_at(self.proxy.mapToSource(self.tree.currentIndex()))
        return claim.id if claim else None

    def current_checkable(self) -> tuple[str, str] | None:
        """(claim id, checkable id) of the checkable the checker means: the current
        checklist row if it is one, else the one selected in the detail pane."""
        source = self.proxy.mapToSource(self.tree.currentIndex())
        claim = self.model.claim_at(source)
        kid = self.model.checkable_id_at(source)
        if claim is not None and kid is not None:
            return claim.id, kid
        kid = self.detail.selected_checkable_id()
        if claim is not None and kid is not None:
            return claim.id, kid
        return None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source = self.proxy.mapToSource(current)
        claim = self.model.claim_at(source)
        cid = claim.id if claim else None
        if cid != self.detail.claim_id:
            self.detail.show_claim(cid)
            self.article_view.select_claim(cid, scroll=self._scroll_article)
            self.article_view.margin.update()
        self.library.look_up(cid)
        kid = self.model.checkable_id_at(source)
        if kid is not None:
            self.detail.select_checkable(kid)
        self.actions["delete"].setText("&Delete checkable" if kid else "&Delete claim")
        self.update_actions()

    def select_claim(self, claim_id: str, scroll: bool = True) -> bool:
        """Select a claim in the checklist (clearing filters that hide it)."""
        source = self.model.index_of_claim(claim_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_bar.clear()
            self.apply_filters()
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

    def apply_filters(self) -> None:
        current = self.current_claim_id()
        self.proxy.set_filters(**self.filter_bar.values())
        if current:
            index = self.proxy.mapFromSource(self.model.index_of_claim(current))
            if index.isValid():
                self.tree.scrollTo(index)
        self.update_summary()

    def focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text.selectAll()

    def clear_filters(self) -> None:
        self.filter_bar.clear()
        self.apply_filters()

    def focus_checklist(self) -> None:
        """Ctrl+1 or Esc from any field: back to the checklist, where J/K and 1–7 work."""
        self.tabs.setCurrentIndex(0)
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.tree.currentIndex().isValid() and self.proxy.rowCount():
            self.select_row(0)

    def focus_article(self) -> None:
        self.article_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_detail(self) -> None:
        self.detail.verdict.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_sources(self) -> None:
        self.tabs.setCurrentIndex(1)
        self.sources_panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.sources_panel.tree.currentIndex().isValid() and self.sources_model.rowCount():
            self.sources_panel.tree.setCurrentIndex(self.sources_model.index(0, 0))

    def focus_checked_before(self) -> None:
        """Ctrl+5: where the selected claim was checked before (J/K still move claims)."""
        self.tabs.setCurrentWidget(self.checked_before)
        self.checked_before.focus_list()

    def focus_conflicts(self) -> None:
        """Ctrl+6: this worksheet's conflicts with other worksheets (searched when shown)."""
        self.tabs.setCurrentWidget(self.conflicts_panel)
        self.conflicts_panel.focus_list()

    def focus_evidence(self) -> None:
        """Ctrl+7: the files the worksheet keeps (Enter opens one, Del removes it)."""
        self.tabs.setCurrentWidget(self.evidence_panel)
        self.evidence_panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.evidence_panel.show_current()

    def show_source(self, source_id: str) -> None:
        """Select a source in the Sources tab (from an evidence file's "Cited by")."""
        self.tabs.setCurrentWidget(self.sources_panel)
        index = self.sources_model.index_of_source(source_id)
        if index.isValid():
            self.sources_panel.tree.setCurrentIndex(index)
        self.sources_panel.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.conflicts_panel:
            self.library.find_conflicts()

    def show_library_settings(self) -> None:
        """File → Claim library…: where the library is (a file or a PostgreSQL address)."""
        from app.ui.library_dialog import library_dialog

        dialog = library_dialog(self, self.settings.library)
        dialog.accepted.connect(lambda: self.library.set_location(dialog.location()))
        self.last_dialog = dialog

    def focus_rationale(self) -> None:
        self.detail.ensureWidgetVisible(self.detail.rationale)
        self.detail.rationale.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_tags(self) -> None:
        self.detail.ensureWidgetVisible(self.detail.tags)
        self.detail.tags.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_citing_claim(self, claim_id: str) -> None:
        self.select_claim(claim_id)
        self.focus_checklist()

    # ================================================================ edits

    def apply(self, changes: operations.Changes) -> operations.Changes:
        """Report an operation's result: its message, and where the checker's place goes."""
        if changes.message:
            self.statusBar().showMessage(changes.message, 6000)
        if changes.done and changes.select and changes.select != self.current_claim_id():
            self.select_claim(changes.select)
        return changes

    def set_verdict(self, verdict: Verdict | None) -> None:
        cid = self.current_claim_id()
        if cid is not None:
            self.apply(operations.set_verdict(self.session, cid, verdict))

    def clear_verdict(self) -> None:
        self.set_verdict(None)

    def cycle_status(self) -> None:
        cid = self.current_claim_id()
        if cid is not None:
            self.apply(operations.cycle_status(self.session, cid))

    def add_claim_from_selection(self) -> None:
        self.apply(operations.add_claim(self.session, self.article_view.selection_span()))

    def add_checkable(self, kind: CheckableType) -> None:
        span = self.article_view.selection_span()
        under = self.article_view.claim_at(span[0]) if span else None
        self.apply(operations.add_checkable(self.session, self.current_claim_id(), span, kind,
                                            under))

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

    def retype_checkable(self) -> None:
        """T: the selected checkable becomes the next type (date → system → …)."""
        target = self.current_checkable()
        if target is None:
            self.statusBar().showMessage("Select a checkable first (Right, then Down)", 6000)
            return
        k = self.session.checkable(*target)
        if k is not None:
            self.apply(operations.retype_checkable(self.session, *target,
                                                   operations.next_type(k.type)))

    def respan_checkable(self) -> None:
        target = self.current_checkable()
        if target is None:
            self.statusBar().showMessage("Select a checkable first (Right, then Down)", 6000)
            return
        self.apply(operations.respan_checkable(self.session, *target,
                                               self.article_view.selection_span()))

    def delete_selected(self) -> None:
        """Del: the selected checkable row goes; on a claim row, the claim."""
        source = self.proxy.mapToSource(self.tree.currentIndex())
        claim = self.model.claim_at(source)
        if claim is None:
            return
        kid = self.model.checkable_id_at(source)
        if kid is not None:
            self.apply(operations.delete_checkable(self.session, claim.id, kid))
        else:
            self.apply(operations.delete_claim(self.session, claim.id))

    def merge_with_next(self) -> None:
        cid = self.current_claim_id()
        if cid is not None:
            self.apply(operations.merge_with_next(self.session, cid))

    def split_at_cursor(self) -> None:
        cid = self.current_claim_id()
        if cid is None:
            return
        span = self.article_view.selection_span()
        at = span[0] if span else self.article_view.cursor_offset()
        self.apply(operations.split_claim(self.session, cid, at))

    # ================================================================ sources

    def add_source(self) -> None:
        """Ctrl+L: type in a new source and cite it from the selected claim."""
        cid = self.current_claim_id()
        if cid is None:
            return
        dialog = source_dialog(self)
        dialog.accepted.connect(lambda: self._save_source(cid, dialog))
        self.last_dialog = dialog

    def cite_source(self) -> None:
        """Ctrl+Shift+L: search the worksheet's sources and cite one (or make a new one)."""
        cid = self.current_claim_id()
        claim = self.session.claim(cid) if cid else None
        if claim is None:
            return
        picker = source_picker(self, list(self.session.worksheet.sources), claim.number,
                               {c.source_id for c in claim.citations})
        picker.accepted.connect(lambda: self._cite_chosen(claim.id, picker))
        picker.newSourceRequested.connect(self.add_source)
        self.last_dialog = picker

    def _cite_chosen(self, claim_id: str, picker: SourcePicker) -> None:
        chosen = picker.chosen()
        if chosen is not None:
            self.apply(operations.cite_source(self.session, claim_id, *chosen))

    def edit_source_everywhere(self, source_id: str) -> None:
        """From the Sources panel: the source's details, for every claim citing it."""
        self.edit_source(source_id, for_claim=False)

    def edit_source(self, source_id: str, for_claim: bool = True) -> None:
        """Edit a source: for the selected claim (with its stance) from the detail pane,
        for every claim at once from the Sources panel."""
        cid = self.current_claim_id() if for_claim else None
        claim = self.session.claim(cid) if cid else None
        stance = next((c.stance for c in claim.citations if c.source_id == source_id),
                      None) if claim else None
        dialog = source_dialog(self, self.session.worksheet.source(source_id),
                               stance or Stance.SUPPORTS, with_stance=stance is not None)
        if claim is not None and stance is not None:
            dialog.accepted.connect(lambda: self._save_source(claim.id, dialog))
        else:
            dialog.accepted.connect(lambda: self.apply(
                operations.edit_source(self.session, dialog.source())))
        self.last_dialog = dialog

    def _save_source(self, claim_id: str, dialog: SourceDialog) -> None:
        self.apply(operations.save_source(self.session, claim_id, dialog.source(),
                                          dialog.chosen_stance()))

    def open_url(self, url: str) -> None:
        self.last_dialog = dialogs.open_url_box(self, url)

    # ================================================================ context menus

    def show_article_menu(self, pos: QPoint) -> None:
        menu = context_menus.article_menu(self, pos)
        self.last_menu = menu
        menu.popup(self.article_view.viewport().mapToGlobal(pos))

    def show_checklist_menu(self, pos: QPoint) -> None:
        menu = context_menus.checklist_menu(self, pos)
        if menu is not None:
            self.last_menu = menu
            menu.popup(self.tree.viewport().mapToGlobal(pos))

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

    # ================================================================ files, drops, closing

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.source() is not None:
            # Dragged from inside this window (a selection in the article or a
            # field): dropping it must not replace the worksheet by accident.
            event.ignore()
            return
        mime = event.mimeData()
        if any(u.isLocalFile() for u in mime.urls()) or mime.hasText() or mime.hasHtml():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """A file opens like File > Open; text or HTML starts a worksheet like a paste."""
        mime = event.mimeData()
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        event.acceptProposedAction()
        if files:
            if len(files) > 1:
                self.statusBar().showMessage(
                    f"Opened {files[0].name}; drop one file at a time", 6000)
            self.files.open_path(files[0])
            return
        self.files.import_mime(mime, "Cannot import dropped text", name="dropped text")

    def stop_workers(self) -> None:
        self.extraction.stop()
        self.files.wait_for_imports()
        self.library.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._close_confirmed or not self.session.modified:
            self.stop_workers()
            self.autosave.stop()
            self._save_layout()
            if not self.session.modified:
                self.files.recovery.clear(self.session.worksheet.id)
                self.evidence.session_closed(self.session)
            event.accept()
            return
        event.ignore()

        def confirmed() -> None:
            self._close_confirmed = True
            self.close()

        self.files.confirm_discard(confirmed)
