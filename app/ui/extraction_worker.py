"""Claim extraction off the GUI thread.

The work itself happens in the helper process of
:mod:`app.services.extraction` (which loads spaCy in parallel with the
window); this QThread only talks to it, so the GUI thread never blocks. The
thread touches no widget and no live document: it sends a snapshot of the
article and hands back plain Claim objects through queued signals, which the
window applies on the GUI thread as one undo command.
"""

from __future__ import annotations

import copy
import logging
import threading
import traceback

from PySide6.QtCore import QObject, QThread, Signal

from app.document.model import Article, Claim
from app.services.extraction import SERVICE, ServiceCancelled, ServiceError

log = logging.getLogger("claimsheet.ui.extraction")


def preload_pipeline() -> None:
    """Start the helper process so the model loads while the window is built."""
    try:
        SERVICE.start()
    except OSError:
        log.exception("cannot start the extraction process")


def stop_service() -> None:
    SERVICE.stop()


class ExtractionThread(QThread):
    """Extracts the claims of a copy of the article.

    Signals: ``progressed(float)`` between 0 and 1 and ``batch(list)`` with each
    piece's claims as the helper finds them, then exactly one of
    ``succeeded(list)`` (all claims), ``failed(str, str)`` (message for the
    user, details) or ``cancelled()``.
    """

    progressed = Signal(float)
    batch = Signal(list)
    succeeded = Signal(list)
    failed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, article: Article, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.article = copy.deepcopy(article)
        self._cancel = threading.Event()
        self.warning = ""
        self.setObjectName("extraction")

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set() or self.isInterruptionRequested()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done / total if total else 1.0)

    def _batch(self, claims: list[Claim], _done: int, _total: int) -> None:
        if not self.is_cancelled():
            self.batch.emit(claims)

    def run(self) -> None:
        try:
            claims = SERVICE.extract(self.article, self._progress, self.is_cancelled, self._batch)
        except ServiceCancelled:
            self.cancelled.emit()
            return
        except ServiceError as exc:
            self.failed.emit(str(exc), exc.details)
            return
        except OSError as exc:
            self.failed.emit("The extraction process cannot be started.", repr(exc))
            return
        except Exception as exc:  # noqa: BLE001 - every run must end in one signal,
            # or the window would wait for it forever with Re-run disabled.
            log.exception("extraction thread failed")
            self.failed.emit(f"Extraction failed: {exc}", traceback.format_exc())
            return
        if self.is_cancelled():
            self.cancelled.emit()
        else:
            self.warning = SERVICE.warning
            self.succeeded.emit(claims)
