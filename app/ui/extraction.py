"""The window's side of extraction: start, progress, cancel, apply the result.

:class:`ExtractionActions` is mixed into :class:`app.ui.main_window.MainWindow`.
The work runs in :class:`app.ui.extraction_worker.ExtractionThread`; results
arrive as queued signals and are applied here, on the GUI thread, as one undo
command (a first extraction, or a re-run merged with the checker's work).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal

from app.document import edits
from app.document.model import CheckableType
from app.ui import dialogs
from app.ui.extraction_worker import ExtractionThread
from app.ui.session import Session


def _unresolved_dates(claims: list) -> int:
    """Date checkables without a value: "yesterday" in an article of unknown date."""
    return sum(1 for c in claims for k in c.checkables
               if k.type is CheckableType.DATE and not k.value)


class ExtractionActions:
    """Needs the window's ``progress``, ``cancel_button`` and ``worker`` attributes."""

    session: Session
    worker: ExtractionThread | None
    importer: Any
    _restart_extraction: bool
    last_dialog: Any
    checklistReady: Signal  # noqa: N815 - Qt signal names
    extractionFinished: Signal  # noqa: N815

    def start_extraction(self) -> None:
        self._restart_extraction = False
        if self.worker is not None or not self.session.worksheet.article.text.strip():
            return
        worker = ExtractionThread(self.session.worksheet.article, self)
        worker.ws_id = self.session.worksheet.id  # type: ignore[attr-defined]
        worker.progressed.connect(self._on_progress)
        worker.succeeded.connect(lambda claims: self._on_extracted(worker, claims))
        worker.failed.connect(lambda msg, details: self._on_extraction_failed(worker, msg,
                                                                              details))
        worker.cancelled.connect(lambda: self._on_extraction_cancelled(worker))
        self.worker = worker
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self._update_actions()
        worker.start()

    def rerun_extraction(self) -> None:
        self.start_extraction()

    def cancel_extraction(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.progress.setFormat("Cancelling…")

    def _on_progress(self, fraction: float) -> None:
        if self.sender() is not self.worker:
            return
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    def _worker_done(self, worker: ExtractionThread) -> bool:
        """Tidy up after a worker; False when it is stale (stopped, or another worksheet's)."""
        worker.wait()
        worker.deleteLater()
        if self.worker is not worker:
            return False  # stopped by stop_workers(): its late signals change nothing
        self.worker = None
        self._reset_progress()
        self._update_actions()
        return worker.ws_id == self.session.worksheet.id  # type: ignore[attr-defined]

    def _on_extracted(self, worker: ExtractionThread, claims: list) -> None:
        if not self._worker_done(worker):
            return
        ws = self.session.worksheet
        if ws.claims:
            merged = edits.merge_reextraction(ws.article.text, ws.claims, claims)
            self._structural(merged, "Re-run extraction", self.current_claim_id())
        else:
            self._structural(edits.sorted_claims(claims), f"Extract {len(claims)} claims", None)
        message = f"Found {len(claims)} claims"
        if not ws.article.published and _unresolved_dates(ws.claims):
            message += (" · some dates need the article's published date: "
                        "File → Article details (Ctrl+I)")
        self.statusBar().showMessage(message, 10_000)
        self.show_warning(worker.warning)
        self.extractionFinished.emit("ok")
        self.checklistReady.emit()
        self._restart_if_asked()

    def _restart_if_asked(self) -> None:
        """Run again when the article changed under a running extraction (its date)."""
        if self._restart_extraction:
            self.start_extraction()

    def _on_extraction_failed(self, worker: ExtractionThread, message: str,
                              details: str) -> None:
        if not self._worker_done(worker):
            return
        self._restart_extraction = False
        self.last_dialog = dialogs.error_box(self, "Extraction failed", message, details)
        self.extractionFinished.emit("failed")

    def _on_extraction_cancelled(self, worker: ExtractionThread) -> None:
        if not self._worker_done(worker):
            return
        if self._restart_extraction:
            self._restart_if_asked()
            return
        self.statusBar().showMessage("Extraction cancelled", 5000)
        self.extractionFinished.emit("cancelled")

    def _reset_progress(self) -> None:
        """Hide the progress bar and Cancel, back to the extraction format."""
        self.progress.hide()
        self.cancel_button.hide()
        self.progress.setRange(0, 100)
        self.progress.setFormat("Extracting claims… %p%")

    def stop_workers(self) -> None:
        self._restart_extraction = False
        if self.importer is not None:  # its result would replace the new worksheet
            self.importer = None
            self._reset_progress()
        worker = self.worker
        if worker is not None:
            worker.cancel()
            worker.requestInterruption()
            worker.wait(10_000)
            self.worker = None
            self.progress.hide()
            self.cancel_button.hide()
