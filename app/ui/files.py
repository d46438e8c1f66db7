"""The window's file work: new, open, save, recent files, recovery, drops, details dialogs.

:class:`FileController` is owned by the window (``window.files``) and holds
everything about worksheet and article files in one typed object: the
unsaved-changes prompt, imports (large files in a background thread), saving
(atomic, with a proposed name and folder), the recovery file, and the
article and worksheet details dialogs. Every prompt is a non-blocking dialog
(see :mod:`app.ui.dialogs`) stored in ``window.last_dialog`` for tests.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.document.fileformat import WorksheetError, load_worksheet, save_worksheet
from app.document.model import TITLE_LIMIT, Article, Worksheet
from app.ui import dialogs, operations
from app.ui.import_worker import ImportThread
from app.ui.recovery import RecoveryStore
from app.ui.session import Session

if TYPE_CHECKING:
    from app.importers import ImportResult
    from app.ui.main_window import MainWindow

log = logging.getLogger("claimsheet.ui.files")

WORKSHEET_SUFFIX = ".claimsheet"
ARTICLE_FILTER = ("Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;"
                  "All files (*)")
WORKSHEET_FILTER = "Worksheets (*.claimsheet);;All files (*)"
SAVE_NAME_CHARS = 60


def default_data_dir() -> Path:
    """Where the recovery file and logs live (per user, per platform)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".claimsheet")


def read_article(path: Path) -> ImportResult:
    """Import an article (any format the importers read)."""
    from app.importers import import_article

    return import_article(path)


def proposed_name(title: str, limit: int = SAVE_NAME_CHARS) -> str:
    """A file name from the worksheet title, cut at a whole word ("Drones over Belgorod")."""
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title)
    words = cleaned.split()
    name = ""
    for word in words:
        candidate = f"{name} {word}".strip()
        if len(candidate) > limit:
            break
        name = candidate
    if not name and words:
        name = words[0][:limit]
    return (name or "worksheet") + WORKSHEET_SUFFIX


class FileController(QObject):
    """Files of the one worksheet the window shows."""

    def __init__(self, window: MainWindow, data_dir: Path) -> None:
        super().__init__(window)
        self.window = window
        self.recovery = RecoveryStore(data_dir)
        self.importer: ImportThread | None = None  # the import whose result is still wanted
        self._imports: set[ImportThread] = set()  # every import thread not yet finished

    @property
    def session(self) -> Session:
        return self.window.session

    def _status(self, message: str, ms: int = 4000) -> None:
        self.window.statusBar().showMessage(message, ms)

    def _error(self, title: str, message: str, details: str = "") -> None:
        self.window.last_dialog = dialogs.error_box(self.window, title, message, details)

    # ------------------------------------------------------------ unsaved work

    def confirm_discard(self, then: Callable[[], None]) -> None:
        """Run ``then`` now, or after the user saved or discarded unsaved work."""
        if not self.session.modified:
            then()
            return
        name = self.session.path.name if self.session.path else self.session.worksheet.title
        box = dialogs.unsaved_changes_box(self.window, name)
        self.window.last_dialog = box

        def answered() -> None:
            clicked = box.standardButton(box.clickedButton())
            if clicked == QMessageBox.StandardButton.Save:
                if self.session.path is not None:
                    if self.save():
                        then()
                else:
                    self.save_as(then)
            elif clicked == QMessageBox.StandardButton.Discard:
                self.recovery.clear(self.session.worksheet.id)
                then()

        box.finished.connect(answered)

    # ------------------------------------------------------------ open

    def choose_article(self) -> None:
        self._choose_file("New worksheet from article", ARTICLE_FILTER)

    def choose_worksheet(self) -> None:
        self._choose_file("Open worksheet", WORKSHEET_FILTER)

    def _choose_file(self, title: str, name_filter: str) -> None:
        """A window-modal file dialog whose chosen file goes to :meth:`open_path`."""
        dialog = QFileDialog(self.window, title, "", name_filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda p: self.open_path(Path(p)))
        dialog.open()
        self.window.last_dialog = dialog

    def open_path(self, path: Path, at_claim: str | None = None) -> None:
        """Open a worksheet or start one from an article (after the unsaved prompt);
        ``at_claim`` is the claim of the opened worksheet to select ("Checked before")."""
        def open_it() -> None:
            if self.open_now(Path(path)) and at_claim and not self.window.select_claim(at_claim):
                self._status(f"Opened {Path(path).name}; the matching claim is no longer in it",
                             8000)

        self.confirm_discard(open_it)

    def open_now(self, path: Path) -> bool:
        if path.suffix.lower() == WORKSHEET_SUFFIX:
            try:
                worksheet = load_worksheet(path)
            except WorksheetError as exc:
                self._error("Cannot open worksheet", str(exc))
                return False
            self.window.set_session(Session(worksheet, path.resolve(), self.window))
            self.remember(path)
            self.window.library.index(path.resolve())
            self._status(f"Opened {path.name}")
            self.window.checklistReady.emit()
            return True
        return self.new_from_article(path)

    def new_from_article(self, path: Path) -> bool:
        """Import an article and start a worksheet; large files import in the background."""
        from app.importers import ArticleImportError
        from app.ui.import_worker import BACKGROUND_BYTES

        try:
            large = path.stat().st_size > BACKGROUND_BYTES
        except OSError:
            large = False  # the importer says what is wrong with the path
        if large:
            self._import_in_background(path)
            return True
        try:
            result = read_article(path)
        except ArticleImportError as exc:  # its message names the file and the problem
            self._error("Cannot import article", str(exc))
            return False
        except OSError as exc:
            self._error("Cannot import article",
                        f"Cannot read {path.name}: {exc.strerror or exc}")
            return False
        self.start_worksheet(result.article, result.notes, path.resolve().parent)
        return True

    def _import_in_background(self, path: Path) -> None:
        window = self.window
        window.extraction.stop()  # the current worksheet is being replaced (the user agreed)
        thread = ImportThread(path, self)
        self.importer = thread  # a newer open makes this one stale
        self._imports.add(thread)
        folder = path.resolve().parent
        thread.succeeded.connect(lambda result: self._imported(thread, result, folder))
        thread.failed.connect(lambda message, details: self._import_failed(thread, message,
                                                                           details))
        thread.finished.connect(lambda: self._import_finished(thread))
        thread.progressed.connect(lambda done, total: self._import_progressed(thread, done,
                                                                             total))
        window.progress.setRange(0, 0)  # busy until the importer counts pages (a PDF)
        window.progress.setFormat(f"Importing {path.name}…")
        window.progress.show()
        self._status(f"Importing {path.name}…", 0)
        thread.start()

    def _import_progressed(self, thread: ImportThread, done: int, total: int) -> None:
        """A PDF's pages read so far: the busy bar becomes a real one."""
        if self.importer is not thread or total <= 0:
            return
        bar = self.window.progress
        bar.setRange(0, total)
        bar.setValue(done)
        bar.setFormat("Importing page %v of %m…")

    def _import_current(self, thread: ImportThread) -> bool:
        """Tidy up after an import; False when a newer open or worksheet made it stale."""
        if self.importer is not thread:
            return False
        self.importer = None
        self.window.reset_progress()
        self.window.statusBar().clearMessage()
        return True

    def _imported(self, thread: ImportThread, result: ImportResult, folder: Path) -> None:
        if self._import_current(thread):
            self.start_worksheet(result.article, result.notes, folder)

    def _import_failed(self, thread: ImportThread, message: str, details: str) -> None:
        if not self._import_current(thread):
            return
        self._error("Cannot import article", message, details)
        self.window.importFailed.emit(message)

    def _import_finished(self, thread: ImportThread) -> None:
        self._imports.discard(thread)
        thread.deleteLater()

    def drop_import(self) -> None:
        """Forget a running import: its result would replace the worksheet now shown."""
        if self.importer is not None:
            self.importer = None
            self.window.reset_progress()

    def wait_for_imports(self) -> None:
        """Before quitting: a QThread must not be destroyed while it runs."""
        self.importer = None
        for thread in list(self._imports):
            thread.wait()

    def start_worksheet(self, article: Article, notes: Sequence[str] = (),
                        folder: Path | None = None) -> None:
        """A fresh worksheet for an article; extraction starts right away."""
        checker = self.window.settings.checker
        session = Session(Worksheet(article=article, checker=checker), None, self.window)
        session.article_folder = folder
        self.window.set_session(session)
        self.window.extraction.start()
        if notes:
            self._status(" · ".join(notes), 8000)

    def new_from_clipboard(self) -> None:
        """A new worksheet from the clipboard (text, HTML or a copied file)."""
        self.import_mime(QApplication.clipboard().mimeData(), "Cannot paste article")

    def import_mime(self, mime: QMimeData | None, title: str, name: str = "") -> None:
        """Start a worksheet from pasted or dropped text, HTML or a file URL."""
        from app.importers import ArticleImportError
        from app.ui.clipboard import import_from_mime

        try:
            if mime is None:
                raise ArticleImportError("the clipboard", "it is empty")
            result = import_from_mime(mime, name=name) if name else import_from_mime(mime)
        except ArticleImportError as exc:  # its message says what was wrong with the paste
            self._error(title, str(exc))
            return
        self.confirm_discard(lambda: self.start_worksheet(result.article, result.notes))

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        if self.session.path is None:
            self.save_as()
            return False
        return self.save_to(self.session.path)

    def proposed_path(self) -> Path:
        """Where Save As starts: the worksheet's own file, or the article's title
        (cut at a whole word) in the article's folder, else in the home folder."""
        if self.session.path is not None:
            return self.session.path
        folder = self.session.article_folder
        if folder is None or not folder.is_dir():
            folder = Path.home()
        return folder / proposed_name(self.session.worksheet.title[:TITLE_LIMIT])

    def save_as(self, then: Callable[[], None] | None = None) -> None:
        dialog = QFileDialog(self.window, "Save worksheet as", str(self.proposed_path()),
                             WORKSHEET_FILTER)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(WORKSHEET_SUFFIX.lstrip("."))

        def chosen(p: str) -> None:
            if self.save_to(Path(p)) and then is not None:
                then()

        dialog.fileSelected.connect(chosen)
        dialog.open()
        self.window.last_dialog = dialog

    def save_to(self, path: Path) -> bool:
        if path.suffix.lower() != WORKSHEET_SUFFIX:
            path = path.with_name(path.name + WORKSHEET_SUFFIX)
        try:
            save_worksheet(self.session.worksheet, path)
        except (OSError, WorksheetError) as exc:
            self._error("Cannot save", f"Cannot save {path.name}: {exc}")
            return False
        self.session.mark_saved(path.resolve())
        self.recovery.clear(self.session.worksheet.id)
        self.window.autosave.stop()
        self.remember(path)
        self.window.update_title()
        self._status(f"Saved {path.name}")
        self.window.library.index(path.resolve())  # in the background; never fails the save
        return True

    def remember(self, path: Path) -> None:
        if self.window.persist:
            self.window.settings.add_recent_file(path)

    # ------------------------------------------------------------ recovery

    def save_recovery(self) -> bool:
        """Write the recovery file now (autosave timer and crash handler)."""
        if not self.session.worksheet.article.text or not self.session.modified:
            return False
        try:
            self.recovery.save(self.session.worksheet, self.session.path)
        except OSError:
            log.exception("autosave failed")
            self._status("Autosave failed: cannot write the recovery file", 6000)
            return False
        return True

    def offer_recovery(self) -> QMessageBox | None:
        """At start: if autosaved work exists, ask whether to restore it."""
        found = self.recovery.load()
        if found is None:
            return None
        box = dialogs.recovery_box(self.window, found.describe())
        self.window.last_dialog = box

        def answered() -> None:
            clicked = box.standardButton(box.clickedButton())
            if clicked == QMessageBox.StandardButton.Yes:
                session = Session(found.worksheet, found.path, self.window)
                session.dirty = True
                self.window.set_session(session)
                self.recovery.adopt(found)
                self.window.checklistReady.emit()
            elif clicked == QMessageBox.StandardButton.Discard:
                self.recovery.discard(found.file)
                shutil.rmtree(self.recovery.evidence_folder(found.worksheet.id),
                              ignore_errors=True)
            # "Decide later" (or Esc): keep the file; it is offered at the next start.

        box.finished.connect(answered)
        return box

    # ------------------------------------------------------------ details dialogs

    def edit_article_details(self) -> None:
        from app.ui.article_dialog import article_metadata_dialog

        dialog = article_metadata_dialog(self.window, self.session.worksheet.article)
        session = self.session
        dialog.articleEdited.connect(lambda article: self.apply_article_details(session, article))
        self.window.last_dialog = dialog

    def apply_article_details(self, session: Session, article: Article) -> None:
        """Apply the dialog's edits as one undo step; offer a re-run if the date changed.

        Extraction resolves "yesterday" or "last Tuesday" against the published
        date, so claims extracted before the date was known (or with a wrong one)
        keep wrong or empty date values until extraction runs again.
        """
        if session is not self.session:
            return  # the dialog outlived its worksheet
        old = session.worksheet.article
        if not operations.set_article_details(session, article).done:
            return
        self.window.update_title()
        self._status("Article details changed")
        if article.published == old.published:
            return
        extraction = self.window.extraction
        if extraction.worker is not None:
            # The running extraction works on a copy with the old date: start again.
            extraction.restart_requested = True
            extraction.cancel()
            self._status("Published date changed: extraction restarts with the new date", 6000)
        elif session.worksheet.claims:
            self.window.last_dialog = self._offer_rerun(article.published)

    def _offer_rerun(self, published: str) -> QMessageBox:
        box = dialogs.rerun_for_date_box(self.window, published)

        def answered() -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self.window.extraction.rerun()

        box.finished.connect(answered)
        return box

    def edit_worksheet_details(self) -> None:
        """Checker, reviewer and notes (one undo step); the checker's name is remembered."""
        from app.ui.worksheet_dialog import worksheet_details_dialog

        session = self.session
        dialog = worksheet_details_dialog(self.window, session.worksheet)

        def accepted() -> None:
            if session is not self.session:
                return
            checker, reviewer, notes = dialog.values()
            operations.set_worksheet_details(session, checker, reviewer, notes)
            if self.window.persist and checker.strip():
                self.window.settings.checker = " ".join(checker.split())

        dialog.accepted.connect(accepted)
        self.window.last_dialog = dialog
