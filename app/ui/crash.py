"""The one crash path: unexpected exceptions, hard faults and Qt's own warnings.

``sys.excepthook`` catches any exception that escapes a slot or event
handler. The handler first saves the checker's work to the recovery file,
then writes a report to the log file, then shows a dialog with a short
message and the full (copyable) report. ``faulthandler`` writes a traceback
of every thread to the same folder if Python itself dies; Qt's messages go to
a named logger instead of stderr.

An exception can also escape a worker thread (a QThread's ``run`` or a Python
thread). Widgets may only be touched on the GUI thread, so the handler relays
such an exception through a queued signal and reports it there.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import (
    QObject,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)

from app.document.model import now_iso

log = logging.getLogger("claimsheet.ui.crash")
qt_log = logging.getLogger("claimsheet.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: Any, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def format_report(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    from app import __name__ as package

    lines = [f"Claimsheet crash report, {now_iso()}",
             f"Python {platform.python_version()} on {platform.platform()}",
             f"Package {package}", ""]
    lines += traceback.format_exception(exc_type, exc, tb)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class CrashHandler:
    """Installed once by the application; ``window`` is asked to save recovery data."""

    def __init__(self, log_dir: Path, window: Callable[[], Any]) -> None:
        self._relay = _Relay()  # made on the GUI thread, so its slot runs there
        self._relay.raised.connect(self._report_on_gui_thread)
        self.log_dir = log_dir
        self.log_path = log_dir / "claimsheet.log"
        self._window = window
        self._handling = False
        self._fault_file: Any = None
        self.last_dialog: Any = None

    def install(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(
            filename=self.log_path, level=logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._fault_file = open(self.log_dir / "faults.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(self._fault_file, all_threads=True)
        sys.excepthook = self.handle
        threading.excepthook = self._thread_hook
        qInstallMessageHandler(qt_message_handler)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _report_on_gui_thread(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.handle(exc_type, exc, tb)

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if threading.current_thread() is not threading.main_thread():
            self._relay.raised.emit(exc_type, exc, tb)  # queued to the GUI thread
            return
        if self._handling:  # an error while reporting an error: log it, nothing more
            log.error("error inside the crash handler", exc_info=(exc_type, exc, tb))
            return
        self._handling = True
        try:
            window = self._window()
            recovery_note = "Your work could not be saved automatically."
            try:
                if window is not None and window.files.save_recovery():
                    recovery_note = ("Your work was saved to the recovery file and will be "
                                     "offered when Claimsheet starts again.")
            except Exception:  # noqa: BLE001 - keep reporting even if saving fails
                log.exception("saving the recovery file failed")
            report = format_report(exc_type, exc, tb)
            try:
                self.log_dir.mkdir(parents=True, exist_ok=True)
                with open(self.log_path, "a", encoding="utf-8") as handle:
                    handle.write(report + "\n")
            except OSError:
                log.exception("cannot write the crash report")
            from app.ui.dialogs import crash_dialog

            summary = f"{exc_type.__name__}: {exc}".strip()
            self.last_dialog = crash_dialog(window, summary[:300], report, str(self.log_path),
                                            recovery_note)
        finally:
            self._handling = False


class _Relay(QObject):
    """Carries an exception from a worker thread to the GUI thread (queued signal)."""

    raised = Signal(object, object, object)
