"""Claim extraction off the GUI thread.

spaCy is imported inside the thread (never at module import), so the window
is on screen before the model loads. The thread only computes: it touches no
widget and no live document; it gets a snapshot of the article and hands back
plain Claim objects through a queued signal, which the window applies on the
GUI thread as one undo command.

:func:`preload_pipeline` starts loading the model in the background as soon as
the application starts, so an extraction requested later finds it warm.
"""

from __future__ import annotations

import copy
import logging
import threading
import traceback

from PySide6.QtCore import QThread, Signal

from app.document.model import Article

log = logging.getLogger("claimsheet.ui.extraction")

_preload_lock = threading.Lock()
_preload_thread: threading.Thread | None = None


def _load() -> None:
    try:
        from app.extract.extractor import engine

        engine()  # spaCy model + rule matchers + date parser, all cached for later runs
    except Exception:  # noqa: BLE001 - logged; the extraction run reports it properly
        log.exception("preloading the language model failed")


def preload_pipeline() -> None:
    """Load spaCy and the model in a daemon thread (idempotent)."""
    global _preload_thread
    with _preload_lock:
        if _preload_thread is None:
            _preload_thread = threading.Thread(target=_load, name="spacy-preload", daemon=True)
            _preload_thread.start()


class ExtractionThread(QThread):
    """Runs :func:`app.extract.extract` on a copy of the article.

    Signals: ``progressed(float)`` between 0 and 1, then exactly one of
    ``succeeded(list)``, ``failed(str)`` (a message for the user) or
    ``cancelled()``.
    """

    progressed = Signal(float)
    succeeded = Signal(list)
    failed = Signal(str, str)  # message, details
    cancelled = Signal()

    def __init__(self, article: Article, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.article = copy.deepcopy(article)
        self._cancel = threading.Event()
        self.setObjectName("extraction")

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set() or self.isInterruptionRequested()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(done / total if total else 1.0)

    def run(self) -> None:
        try:
            from app.extract import ExtractionCancelled, extract
        except ImportError as exc:
            self.failed.emit("Claim extraction is not available in this installation.",
                             str(exc))
            return
        try:
            claims = extract(self.article, progress=self._progress, cancel=self.is_cancelled)
        except ExtractionCancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - reported to the user, never crashes the app
            log.exception("extraction failed")
            self.failed.emit(f"Extraction failed: {exc}", traceback.format_exc())
            return
        if self.is_cancelled():
            self.cancelled.emit()
        else:
            self.succeeded.emit(list(claims))
