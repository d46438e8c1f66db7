"""The window's evidence work: attaching files, pasting images, screenshots, opening, saving.

:class:`EvidenceController` (``window.evidence``) takes files in and shows
them; every change to the worksheet is an operation
(:func:`app.ui.operations.attach_evidence`, :func:`~app.ui.operations.detach_evidence`),
so it is one undo step like any other edit.

**Where files go.** A dropped or chosen file is copied (and hashed) into the
worksheet's locker at once, so it no longer matters what happens to the
original. In the window the copies live in the data folder
(``evidence/<worksheet id>/``, next to the recovery file), so work autosaved
before a crash finds its evidence again; saving moves them into the
container, and closing the worksheet removes what is left.

**Where they are attached** (:meth:`EvidenceController.target`): dropped onto
a claim in the checklist, a source in the Sources tab or in the detail pane's
list, they go there; the detail pane's "Attach copy…" attaches to the source
selected there; from the menu, the keys or the Evidence tab, to the source
selected in the Sources (or Evidence) tab, else to the selected claim, as a
new source named after the first file.

**Looking at them.** Images and text are shown in the window; PDFs, pages,
web archives and Word files open in the system's viewer from a private,
read-only, checked copy (:mod:`app.document.viewcopy`), never from the
container and never by the captured name.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QObject,
    QPoint,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QListWidget

from app.document.evidence import AttachError, Captured, capture_bytes, capture_file
from app.document.locker import EvidenceProblem
from app.document.model import Capture, Evidence
from app.ui import dialogs, operations
from app.ui.session import Session

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger("claimsheet.ui.evidence")

EVIDENCE_FILTER = ("Evidence (*.pdf *.png *.jpg *.jpeg *.webp *.html *.htm *.mhtml *.mht "
                   "*.warc *.warc.gz *.wacz *.txt *.docx);;All files (*)")
SCREENSHOT_DELAY_MS = 600
"""How long the window stays hidden before the screen is taken (windows must redraw)."""


def png_bytes(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(array.data())


class EvidenceController(QObject):
    """Evidence of the one worksheet the window shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: Opens a file with the system's viewer (tests replace it).
        self.opener: Callable[[QUrl], bool] = QDesktopServices.openUrl
        #: Takes the screen (tests replace it).
        self.grabber: Callable[[], QPixmap] = self._grab_screen

    @property
    def session(self) -> Session:
        return self.window.session

    def _status(self, message: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(message, ms)

    def _error(self, title: str, message: str, details: str = "") -> None:
        self.window.last_dialog = dialogs.error_box(self.window, title, message, details)

    # ------------------------------------------------------------ the locker's folder

    def prepare(self, session: Session) -> None:
        """Stage this worksheet's new files in the data folder (found again after a crash)."""
        folder = self.window.files.recovery.evidence_folder(session.worksheet.id)
        session.worksheet.locker.use_staging(folder)

    def session_closed(self, session: Session) -> None:
        """The worksheet is no longer shown: its staged copies go, unless autosaved work
        (a recovery file) still needs them."""
        folder = self.window.files.recovery.evidence_folder(session.worksheet.id)
        if folder.is_dir() and not self.window.files.recovery.exists(session.worksheet.id):
            shutil.rmtree(folder, ignore_errors=True)

    # ------------------------------------------------------------ where files go

    def target(self) -> tuple[str | None, str | None]:
        """(source id, claim id) that new evidence goes to (see the module docstring)."""
        window = self.window
        if window.tabs.currentWidget() is window.sources_panel:
            source_id = window.sources_panel.current_source_id()
            if source_id is not None:
                return source_id, None
        if window.tabs.currentWidget() is window.evidence_panel:
            sha = window.evidence_panel.current_sha()
            if sha is not None:
                item = window.session.worksheet.evidence_item(sha)
                if item.sources:
                    return item.sources[0], None
        return None, window.current_claim_id()

    def _where(self, source_id: str | None, claim_id: str | None) -> bool:
        if source_id is None and claim_id is None:
            self._status("Select a claim or a source to attach evidence to")
            return False
        return True

    # ------------------------------------------------------------ taking files in

    def attach_paths(self, paths: Sequence[Path], *, source_id: str | None = None,
                     claim_id: str | None = None) -> operations.Changes:
        """Copy files in and attach them; refused files are listed in one message box,
        each in one line, and change nothing."""
        if not self._where(source_id, claim_id):
            return operations.Changes(done=False)
        self.prepare(self.session)
        captured: list[Captured] = []
        refused: list[str] = []
        busy = sum(_size(p) for p in paths) > 32 * 1024 * 1024  # a second or more of copying
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                try:
                    captured.append(capture_file(self.session.worksheet, path))
                except AttachError as exc:
                    refused.append(str(exc))
        finally:
            if busy:
                QApplication.restoreOverrideCursor()
        changes = operations.attach_evidence(self.session, captured, source_id=source_id,
                                             claim_id=claim_id)
        self.window.apply(changes)
        if refused:
            first = refused[0] if len(refused) == 1 else \
                f"{len(refused)} of {len(paths)} files were not attached."
            self._error("Cannot attach evidence", first, "\n".join(refused))
        if changes.done:
            self._status(self.session.undo_stack.undoText())
            if captured:
                self.window.evidence_panel.select(captured[-1].record.sha256)
        return changes

    def choose_files(self) -> None:
        """Ctrl+Shift+O: choose files to attach to the selected source or claim."""
        source_id, claim_id = self.target()
        if not self._where(source_id, claim_id):
            return
        dialog = QFileDialog(self.window, "Attach evidence", "", EVIDENCE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.attach_paths(
            [Path(f) for f in files], source_id=source_id, claim_id=claim_id))
        dialog.open()
        self.window.last_dialog = dialog

    def choose_files_for(self, source_id: str) -> None:
        """The detail pane's "Attach copy…": files for the source selected there."""
        dialog = QFileDialog(self.window, "Attach evidence to the source", "", EVIDENCE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda files: self.attach_paths(
            [Path(f) for f in files], source_id=source_id))
        dialog.open()
        self.window.last_dialog = dialog

    def attach_image(self, image: QImage, capture: Capture, *, source_id: str | None,
                     claim_id: str | None) -> operations.Changes:
        if not self._where(source_id, claim_id):
            return operations.Changes(done=False)
        self.prepare(self.session)
        stamp = datetime.now().strftime("%Y-%m-%d %H.%M.%S")
        word = "screenshot" if capture == Capture.SCREENSHOT else "pasted image"
        try:
            captured = capture_bytes(self.session.worksheet, png_bytes(image),
                                     f"{word} {stamp}.png", capture)
        except AttachError as exc:
            self._error("Cannot attach evidence", str(exc))
            return operations.Changes(done=False)
        changes = self.window.apply(operations.attach_evidence(
            self.session, [captured], source_id=source_id, claim_id=claim_id))
        if changes.done:
            self._status(self.session.undo_stack.undoText())
            self.window.evidence_panel.select(captured.record.sha256)
        return changes

    def paste_image(self) -> None:
        """Ctrl+Alt+V: the image (or copied files) on the clipboard become evidence."""
        source_id, claim_id = self.target()
        mime = QApplication.clipboard().mimeData()
        if mime is not None and any(u.isLocalFile() for u in mime.urls()):
            self.attach_paths([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()],
                              source_id=source_id, claim_id=claim_id)
            return
        image = QApplication.clipboard().image()
        if image.isNull():
            self._status("The clipboard holds no image (copy one, or take a screenshot with "
                         "Ctrl+Alt+S)")
            return
        self.attach_image(image, Capture.PASTED_IMAGE, source_id=source_id, claim_id=claim_id)

    def _grab_screen(self) -> QPixmap:
        screen = QGuiApplication.primaryScreen()
        return screen.grabWindow(0) if screen is not None else QPixmap()

    def take_screenshot(self) -> None:
        """Ctrl+Alt+S: hide the window, take the screen, attach it as a screenshot."""
        source_id, claim_id = self.target()
        if not self._where(source_id, claim_id):
            return
        window = self.window
        window.hide()

        def take() -> None:
            try:
                pixmap = self.grabber()
            finally:
                window.show()
                window.raise_()
                window.activateWindow()
            image = pixmap.toImage() if not pixmap.isNull() else QImage()
            if image.isNull() or _blank(image):
                self._error("No screenshot", "The screen came back empty (all one colour): "
                                             "this system may not let applications take the "
                                             "screen (Wayland does not). Take a screenshot "
                                             "with the system's tool and paste it with "
                                             "Ctrl+Alt+V.")
                return
            self.attach_image(image, Capture.SCREENSHOT, source_id=source_id,
                              claim_id=claim_id)

        QTimer.singleShot(SCREENSHOT_DELAY_MS, take)

    # ------------------------------------------------------------ looking at evidence

    def _item(self, sha256: str) -> Evidence | None:
        row = self.session.evidence_row(sha256)
        return self.session.worksheet.evidence[row] if row >= 0 else None

    def open(self, sha256: str) -> None:
        """Images and text in the window; anything else in the system's viewer."""
        from app.document.evidence import KINDS
        from app.document.viewcopy import viewing_copy
        from app.ui.evidence_panel import evidence_viewer

        item = self._item(sha256)
        if item is None:
            return
        if KINDS[item.media_type].show != "viewer":
            self.window.last_dialog = evidence_viewer(self.window, self.session.worksheet, item)
            return
        try:
            copy = viewing_copy(self.session.worksheet.locker, item)
        except EvidenceProblem as problem:
            self._error("Cannot open evidence", f"Cannot open {item.name}: {problem.reason}.")
            return
        except OSError as exc:
            self._error("Cannot open evidence", f"Cannot open {item.name}: cannot write a "
                                                f"private copy ({exc.strerror or exc}).")
            return
        if not self.opener(QUrl.fromLocalFile(str(copy))):
            self._error("Cannot open evidence",
                        f"No program on this system opens {item.name} "
                        f"({KINDS[item.media_type].label}). Save a copy and open it with a "
                        "program that reads it" + (" (web archives: ReplayWeb.page)."
                                                  if KINDS[item.media_type].page else "."))
            return
        self._status(f"Opened a private copy of {item.name}")

    def save_copy(self, sha256: str) -> None:
        """Save a checked copy where the checker chooses."""
        item = self._item(sha256)
        if item is None:
            return
        dialog = QFileDialog(self.window, "Save a copy of the evidence", item.name)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda p: self.write_copy(item, Path(p)))
        dialog.open()
        self.window.last_dialog = dialog

    def write_copy(self, item: Evidence, path: Path) -> bool:
        """The checked bytes to ``path``, atomically (a failure leaves nothing)."""
        folder = path.parent
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(tmp)
        try:
            self.session.worksheet.locker.copy_to(item.sha256, item.size, Path(tmp),
                                                  what=item.name, mode=0o644)
            os.replace(tmp, path)
        except EvidenceProblem as problem:
            self._error("Cannot save a copy", f"Cannot save {item.name}: {problem.reason}.")
            return False
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            self._error("Cannot save a copy", f"Cannot write {path.name}: "
                                              f"{exc.strerror or exc}.")
            return False
        self._status(f"Saved a copy of {item.name} (SHA-256 checked)")
        return True

    def remove(self, sha256: str) -> None:
        """Remove the file from the worksheet (every source); Undo brings it back."""
        self.window.apply(operations.detach_evidence(self.session, sha256))

    def detach(self, sha256: str, source_id: str) -> None:
        self.window.apply(operations.detach_evidence(self.session, sha256, source_id))

    # ------------------------------------------------------------ drops onto rows

    def accept_drops(self, view: QAbstractItemView | QListWidget) -> None:
        """Files dropped onto a row of ``view`` are attached to that claim or source."""
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)
        self._views = [*getattr(self, "_views", []), view]

    def _drop_target(self, watched: QObject, point: QPoint) -> tuple[str | None, str | None]:
        window = self.window
        if watched is window.tree.viewport():
            claim = window.model.claim_at(window.proxy.mapToSource(window.tree.indexAt(point)))
            return None, claim.id if claim else None
        if watched is window.sources_panel.tree.viewport():
            source = window.sources_model.source_at(window.sources_panel.tree.indexAt(point))
            return (source.id if source else None), None
        if watched is window.detail.sources.viewport():
            item = window.detail.sources.itemAt(point)
            if item is not None:
                return window.detail.source_id_of(item), window.current_claim_id()
        return None, None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDragEnterEvent | QDragMoveEvent | QDropEvent)
        if event.source() is not None:
            return False  # dragged inside this window
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        source_id, claim_id = self._drop_target(watched, event.position().toPoint())
        if not files or (source_id is None and claim_id is None):
            # Not on a row: ignored here (the view must not take it either), so Qt passes
            # it on to the window, where a dropped file opens as before.
            event.ignore()
            return True
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.attach_paths(files, source_id=source_id, claim_id=claim_id)
        return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _blank(image: QImage) -> bool:
    """A screen taken where capturing is not allowed comes back one colour (black)."""
    small = image.scaled(16, 16)
    first = small.pixel(0, 0)
    return all(small.pixel(x, y) == first for x in range(16) for y in range(16))
