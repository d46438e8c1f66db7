"""The window's file work: new, open, save, recent files, recovery, printing, drops.

:class:`FileActions` is mixed into :class:`app.ui.main_window.MainWindow` and
uses its session, settings, recovery store and dialogs; it is a separate
module so that everything about files can be read in one place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.document.fileformat import WorksheetError, load_worksheet, save_worksheet
from app.document.model import Article, Worksheet
from app.ui import dialogs
from app.ui.commands import SetArticle
from app.ui.session import Session

log = logging.getLogger("claimsheet.ui.files")

WORKSHEET_SUFFIX = ".claimsheet"
ARTICLE_FILTER = ("Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.docx);;"
                  "All files (*)")
WORKSHEET_FILTER = "Worksheets (*.claimsheet);;All files (*)"
# The article details the metadata dialog edits (the text never changes).
ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language")


def default_data_dir() -> Path:
    """Where the recovery file and logs live (per user, per platform)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".claimsheet")


def read_article(path: Path) -> tuple[Article, list[str]]:
    """Import an article (any format the importers read) with notes for the user."""
    from app.importers import import_article

    result = import_article(path)
    return result.article, list(result.notes)


class FileActions:
    """File menu behaviour; every prompt is a non-blocking dialog (see dialogs.py)."""

    session: Session
    last_dialog: Any
    importer: Any  # the ImportThread whose result is still wanted, or None
    _imports: set[Any]  # every import thread not yet finished

    def _confirm_discard(self, then: Callable[[], None]) -> None:
        """Run ``then`` now, or after the user saved or discarded unsaved work."""
        if not self.session.modified:
            then()
            return
        name = self.session.path.name if self.session.path else self.session.worksheet.title
        box = dialogs.unsaved_changes_box(self, name)
        self.last_dialog = box

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

    def choose_article(self) -> None:
        self._choose_file("New worksheet from article", ARTICLE_FILTER)

    def choose_worksheet(self) -> None:
        self._choose_file("Open worksheet", WORKSHEET_FILTER)

    def _choose_file(self, title: str, name_filter: str) -> None:
        """A window-modal file dialog whose chosen file goes to :meth:`open_path`."""
        dialog = QFileDialog(self, title, "", name_filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda p: self.open_path(Path(p)))
        dialog.open()
        self.last_dialog = dialog

    def open_path(self, path: Path) -> None:
        """Open a worksheet or start one from an article (after the unsaved prompt)."""
        self._confirm_discard(lambda: self._open_now(Path(path)))

    def _open_now(self, path: Path) -> bool:
        if path.suffix.lower() == WORKSHEET_SUFFIX:
            try:
                worksheet = load_worksheet(path)
            except WorksheetError as exc:
                self.last_dialog = dialogs.error_box(self, "Cannot open worksheet", str(exc))
                return False
            self._set_session(Session(worksheet, path.resolve(), self))
            self._remember(path)
            self.statusBar().showMessage(f"Opened {path.name}", 4000)
            self.checklistReady.emit()
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
            article, notes = read_article(path)
        except ArticleImportError as exc:  # its message names the file and the problem
            self.last_dialog = dialogs.error_box(self, "Cannot import article", str(exc))
            return False
        except OSError as exc:
            self.last_dialog = dialogs.error_box(
                self, "Cannot import article",
                f"Cannot read {path.name}: {exc.strerror or exc}")
            return False
        self.start_worksheet(article)
        if notes:
            self.statusBar().showMessage(" · ".join(notes), 8000)
        return True

    def _import_in_background(self, path: Path) -> None:
        from app.ui.import_worker import ImportThread

        self.stop_workers()  # the current worksheet is being replaced (the user agreed)
        thread = ImportThread(path, self)
        self.importer = thread  # a newer open makes this one stale
        self._imports.add(thread)
        thread.succeeded.connect(lambda result: self._imported(thread, result))
        thread.failed.connect(lambda message, details: self._import_failed(thread, message,
                                                                           details))
        thread.finished.connect(lambda: self._import_finished(thread))
        self.progress.setRange(0, 0)  # busy: the importers cannot report progress
        self.progress.setFormat(f"Importing {path.name}…")
        self.progress.show()
        self.statusBar().showMessage(f"Importing {path.name}…")
        thread.start()

    def _import_current(self, thread: Any) -> bool:
        """Tidy up after an import; False when a newer open or worksheet made it stale."""
        if self.importer is not thread:
            return False
        self.importer = None
        self._reset_progress()
        self.statusBar().clearMessage()
        return True

    def _imported(self, thread: Any, result: Any) -> None:
        if self._import_current(thread):
            self._start_with_notes(result.article, result.notes)

    def _import_failed(self, thread: Any, message: str, details: str) -> None:
        if not self._import_current(thread):
            return
        self.last_dialog = dialogs.error_box(self, "Cannot import article", message, details)
        self.importFailed.emit(message)

    def _import_finished(self, thread: Any) -> None:
        self._imports.discard(thread)
        thread.deleteLater()

    def wait_for_imports(self) -> None:
        """Before quitting: a QThread must not be destroyed while it runs."""
        self.importer = None
        for thread in list(self._imports):
            thread.wait()

    def start_worksheet(self, article: Article) -> None:
        """A fresh worksheet for an article; extraction starts right away."""
        self._set_session(Session(Worksheet(article=article), None, self))
        self.start_extraction()

    def new_from_clipboard(self) -> None:
        """A new worksheet from the clipboard (text, HTML or a copied file)."""
        from app.importers import ArticleImportError
        from app.ui.clipboard import import_from_mime

        mime = QApplication.clipboard().mimeData()
        try:
            if mime is None:
                raise ArticleImportError("The clipboard is empty")
            result = import_from_mime(mime)
        except ArticleImportError as exc:  # its message says what was wrong with the paste
            self.last_dialog = dialogs.error_box(self, "Cannot paste article", str(exc))
            return
        self._confirm_discard(lambda: self._start_with_notes(result.article, result.notes))

    def _start_with_notes(self, article: Article, notes: Any) -> None:
        self.start_worksheet(article)
        if notes:
            self.statusBar().showMessage(" · ".join(notes), 8000)

    def save(self) -> bool:
        if self.session.path is None:
            self.save_as()
            return False
        return self.save_to(self.session.path)

    def save_as(self, then: Callable[[], None] | None = None) -> None:
        stem = "".join(ch if ch.isalnum() or ch in " -_" else " "
                       for ch in self.session.worksheet.title[:40]).strip() or "worksheet"
        start = str(self.session.path or Path.home() / f"{stem}{WORKSHEET_SUFFIX}")
        dialog = QFileDialog(self, "Save worksheet as", start, WORKSHEET_FILTER)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(WORKSHEET_SUFFIX.lstrip("."))

        def chosen(p: str) -> None:
            if self.save_to(Path(p)) and then is not None:
                then()

        dialog.fileSelected.connect(chosen)
        dialog.open()
        self.last_dialog = dialog

    def save_to(self, path: Path) -> bool:
        if path.suffix.lower() != WORKSHEET_SUFFIX:
            path = path.with_name(path.name + WORKSHEET_SUFFIX)
        try:
            save_worksheet(self.session.worksheet, path)
        except (OSError, WorksheetError) as exc:
            self.last_dialog = dialogs.error_box(self, "Cannot save",
                                                 f"Cannot save {path.name}: {exc}")
            return False
        self.session.mark_saved(path.resolve())
        self.recovery.clear(self.session.worksheet.id)
        self.autosave.stop()
        self._remember(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def _remember(self, path: Path) -> None:
        if self.persist:
            self.settings.add_recent_file(path)

    def save_recovery(self) -> bool:
        """Write the recovery file now (autosave timer and crash handler)."""
        if not self.session.worksheet.article.text or not self.session.modified:
            return False
        try:
            self.recovery.save(self.session.worksheet, self.session.path)
        except OSError:
            log.exception("autosave failed")
            self.statusBar().showMessage("Autosave failed: cannot write the recovery file", 6000)
            return False
        return True

    def offer_recovery(self) -> QMessageBox | None:
        """At start: if autosaved work exists, ask whether to restore it."""
        found = self.recovery.load()
        if found is None:
            return None
        box = dialogs.recovery_box(self, found.describe())
        self.last_dialog = box

        def answered() -> None:
            clicked = box.standardButton(box.clickedButton())
            if clicked == QMessageBox.StandardButton.Yes:
                session = Session(found.worksheet, found.path, self)
                session.dirty = True
                self._set_session(session)
                self.checklistReady.emit()
            elif clicked == QMessageBox.StandardButton.Discard:
                self.recovery.discard(found.file)
            # "Decide later" (or Esc): keep the file; it is offered at the next start.

        box.finished.connect(answered)
        return box

    def edit_article_details(self) -> None:
        from app.ui.article_dialog import article_metadata_dialog

        dialog = article_metadata_dialog(self, self.session.worksheet.article)
        session = self.session
        dialog.articleEdited.connect(lambda article: self.apply_article_details(session, article))
        self.last_dialog = dialog

    def apply_article_details(self, session: Session, article: Article) -> None:
        """Apply the dialog's edits as one undo step; offer a re-run if the date changed.

        Extraction resolves "yesterday" or "last Tuesday" against the published
        date, so claims extracted before the date was known (or with a wrong one)
        keep wrong or empty date values until extraction runs again.
        """
        if session is not self.session:
            return  # the dialog outlived its worksheet
        old = session.worksheet.article
        if all(getattr(old, name) == getattr(article, name) for name in ARTICLE_FIELDS):
            return
        session.undo_stack.push(SetArticle(session, article))
        self._update_title()
        self.statusBar().showMessage("Article details changed", 4000)
        if article.published == old.published:
            return
        if self.worker is not None:
            # The running extraction works on a copy with the old date: start again.
            self._restart_extraction = True
            self.cancel_extraction()
            self.statusBar().showMessage(
                "Published date changed: extraction restarts with the new date", 6000)
        elif session.worksheet.claims:
            self.last_dialog = self._offer_rerun(article.published)

    def _offer_rerun(self, published: str) -> QMessageBox:
        box = dialogs.rerun_for_date_box(self, published)

        def answered() -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self.rerun_extraction()

        box.finished.connect(answered)
        return box

    def print_worksheet(self) -> None:
        from app.ui.printing import print_worksheet

        self.last_dialog = print_worksheet(self, self.session.worksheet)

    def print_blank(self) -> None:
        from app.ui.printing import print_worksheet

        self.last_dialog = print_worksheet(self, self.session.worksheet, blank=True)

    def print_preview(self) -> None:
        from app.ui.printing import preview_worksheet

        self.last_dialog = preview_worksheet(self, self.session.worksheet)

    # ================================================================ drag and drop

    # A file (any import format or a worksheet) opens like File > Open; text or
    # HTML dragged from a browser or editor starts a worksheet like a paste.

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
        from app.importers import ArticleImportError
        from app.ui.clipboard import import_from_mime

        mime = event.mimeData()
        files = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        event.acceptProposedAction()
        if files:
            if len(files) > 1:
                self.statusBar().showMessage(
                    f"Opened {files[0].name}; drop one file at a time", 6000)
            self.open_path(files[0])
            return
        try:
            result = import_from_mime(mime, name="dropped text")
        except ArticleImportError as exc:
            self.last_dialog = dialogs.error_box(self, "Cannot import dropped text", str(exc))
            return
        self._confirm_discard(lambda: self._start_with_notes(result.article, result.notes))
