"""Importing a large article off the GUI thread.

A 5 MB saved web page or a 200-page PDF takes one to three seconds to read
(trafilatura's main-text search, pypdf's text layer). Run on the GUI thread
that would freeze the window, so files above :data:`BACKGROUND_BYTES` are
imported by this QThread; smaller files import directly, which is faster
than starting a thread and keeps opening a typical article instantaneous.
The thread touches no widget: it hands back the plain ``ImportResult``.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QThread, Signal

log = logging.getLogger("claimsheet.ui.import")

BACKGROUND_BYTES = 512 * 1024


class ImportThread(QThread):
    """Imports one file. Signals: ``progressed(int, int)`` (pages of a PDF read so
    far, and in all) any number of times, then exactly one of ``succeeded(object)``
    (an ``ImportResult``) or ``failed(str, str)`` (message for the user, details)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str, str)

    def __init__(self, path: Path, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.path = path
        self.setObjectName("import")

    def run(self) -> None:
        from app.importers import ArticleImportError, import_article

        try:
            result = import_article(self.path, progress=self.progressed.emit)
        except ArticleImportError as exc:  # its message names the file and the problem
            self.failed.emit(str(exc), "")
        except OSError as exc:
            self.failed.emit(f"Cannot read {self.path.name}: {exc.strerror or exc}", "")
        except Exception as exc:  # noqa: BLE001 - the window must hear back, whatever happens
            log.exception("import of %s failed", self.path)
            self.failed.emit(f"Cannot import {self.path.name}: {exc}", traceback.format_exc())
        else:
            self.succeeded.emit(result)
