"""The window's side of extraction: start, progress, streaming, cancel, apply the result.

:class:`ExtractionController` is owned by the window (``window.extraction``).
The work runs in :class:`app.ui.extraction_worker.ExtractionThread`, which talks
to the helper process; results arrive as queued signals and are applied here,
on the GUI thread, through :mod:`app.ui.operations`:

* a first extraction streams: each piece of the article adds its claims to
  the checklist as it is found (one undo step for the whole run), the
  progress bar counts characters done;
* a re-run waits for the whole result and merges it with the checker's work
  (one undo step, "Re-run extraction");
* Cancel stops the helper; claims a first extraction had already added are
  taken back (Redo brings them back), unless the checker has worked since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.document.model import CheckableType, Claim
from app.ui import dialogs, operations
from app.ui.extraction_worker import ExtractionThread

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

PROGRESS_FORMAT = "Extracting claims… %p%"


def unresolved_dates(claims: list[Claim]) -> int:
    """Date checkables without a value: "yesterday" in an article of unknown date."""
    return sum(1 for c in claims for k in c.checkables
               if k.type is CheckableType.DATE and not k.value)


class ExtractionController(QObject):
    """One extraction at a time for the window's worksheet."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.worker: ExtractionThread | None = None
        self.restart_requested = False  # start again once the running one ends
        self._worksheet_id = ""  # the worksheet the running worker extracts for
        self._streaming = False  # the running worker adds its claims as they come
        self._streamed = 0  # claims added so far by the running worker
        self._run = 0  # which run the streamed undo step belongs to
        self._stream_index = -1  # undo-stack index right after the last streamed piece

    # ------------------------------------------------------------ start and stop

    def start(self) -> None:
        window = self.window
        self.restart_requested = False
        session = window.session
        if self.worker is not None or not session.worksheet.article.text.strip():
            return
        worker = ExtractionThread(session.worksheet.article, self)
        self._worksheet_id = session.worksheet.id
        self._streaming = not session.worksheet.claims
        self._streamed = 0
        self._run += 1
        self._stream_index = -1
        worker.progressed.connect(lambda fraction: self._on_progress(worker, fraction))
        worker.batch.connect(lambda claims: self._on_batch(worker, claims))
        worker.succeeded.connect(lambda claims: self._on_extracted(worker, claims))
        worker.failed.connect(lambda msg, details: self._on_failed(worker, msg, details))
        worker.cancelled.connect(lambda: self._on_cancelled(worker))
        self.worker = worker
        window.progress.setRange(0, 0)  # busy until the helper has the model and starts
        window.progress.setFormat("Loading the language model…")
        window.progress.show()
        window.cancel_button.show()
        window.update_actions()
        worker.start()

    def rerun(self) -> None:
        self.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.window.progress.setFormat("Cancelling…")

    def stop(self) -> None:
        """Stop at once (another worksheet opens, or the application quits)."""
        self.restart_requested = False
        self.window.files.drop_import()
        worker = self.worker
        if worker is not None:
            worker.cancel()
            worker.requestInterruption()
            worker.wait(10_000)
            self.worker = None
            self.window.reset_progress()

    # ------------------------------------------------------------ what the worker reports

    def _current(self, worker: ExtractionThread) -> bool:
        return worker is self.worker and self._worksheet_id == self.window.session.worksheet.id

    def _on_progress(self, worker: ExtractionThread, fraction: float) -> None:
        if worker is not self.worker:
            return
        progress = self.window.progress
        if progress.maximum() == 0:
            progress.setRange(0, 100)
            progress.setFormat(PROGRESS_FORMAT)
        progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    def _on_batch(self, worker: ExtractionThread, claims: list[Claim]) -> None:
        if not self._streaming or not self._current(worker) or not claims:
            return
        first = self._streamed == 0
        self._streamed += len(claims)
        session = self.window.session
        operations.add_extracted(session, claims, self._run, self._streamed)
        self._stream_index = session.undo_stack.index()
        if first:
            self.window.show_first_claims()

    def _done(self, worker: ExtractionThread) -> bool:
        """Tidy up after a worker; False when it is stale (stopped, or another worksheet's)."""
        worker.wait()
        worker.deleteLater()
        if self.worker is not worker:
            return False  # stopped by stop(): its late signals change nothing
        self.worker = None
        self.window.reset_progress()
        self.window.update_actions()
        return self._worksheet_id == self.window.session.worksheet.id

    def _on_extracted(self, worker: ExtractionThread, claims: list[Claim]) -> None:
        if not self._done(worker):
            return
        window = self.window
        ws = window.session.worksheet
        if not (self._streaming and self._streamed):
            operations.apply_extraction(window.session, claims, window.current_claim_id())
            if self._streaming:
                window.show_first_claims()
        message = f"Found {len(claims)} claims"
        if not ws.article.published and unresolved_dates(ws.claims):
            message += (" · some dates need the article's published date: "
                        "File → Article details (Ctrl+I)")
        window.statusBar().showMessage(message, 10_000)
        window.show_warning(worker.warning)
        window.extractionFinished.emit("ok")
        window.checklistReady.emit()
        self.restart_if_asked()

    def restart_if_asked(self) -> None:
        """Run again when the article changed under a running extraction (its date)."""
        if self.restart_requested:
            self.start()

    def _on_failed(self, worker: ExtractionThread, message: str, details: str) -> None:
        if not self._done(worker):
            return
        self.restart_requested = False
        self.window.last_dialog = dialogs.error_box(self.window, "Extraction failed", message,
                                                    details)
        self.window.extractionFinished.emit("failed")

    def _on_cancelled(self, worker: ExtractionThread) -> None:
        if not self._done(worker):
            return
        if self.restart_requested:
            self._take_back()
            self.restart_if_asked()
            return
        kept = self._take_back()
        self.window.statusBar().showMessage(
            f"Extraction cancelled; the {kept} claims found so far are kept" if kept
            else "Extraction cancelled", 5000)
        self.window.extractionFinished.emit("cancelled")

    def _take_back(self) -> int:
        """Undo the claims this run streamed in, if that is still the last step; else
        return how many stay (the checker has worked on them since)."""
        if not self._streamed:
            return 0
        stack = self.window.session.undo_stack
        if stack.index() == self._stream_index:
            stack.undo()
            return 0
        return self._streamed
