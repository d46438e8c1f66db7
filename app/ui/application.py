"""Start the GUI: QApplication, crash handler, window, optional file, smoke mode.

Smoke mode (``claimsheet --smoke FILE``) opens the real window, waits for the
checklist and prints ``shown_ms=… first_ms=… checklist_ms=… claims=N``
(``first_ms``: the first claims on the checklist; for a long article they
stream in well before the whole checklist is ready). Times count from
``CLAIMSHEET_T0`` (a ``time.time()`` stamp the caller sets just before
starting the process, so the figures cover the whole process) or else from
the start of this module's import.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSize, QTimer, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.desktop import APP_ID, ICON_SIZES
from app.resources import resource_path
from app.ui.crash import CrashHandler, qt_message_handler
from app.ui.dialogs import error_box
from app.ui.extraction_worker import preload_pipeline, stop_service
from app.ui.main_window import WORKSHEET_SUFFIX, MainWindow, default_data_dir
from app.ui.none_guard import protect_none
from app.ui.palette import apply_palette
from app.ui.settings import Settings

_IMPORTED = time.time()


def _t0() -> float:
    try:
        return float(os.environ["CLAIMSHEET_T0"])
    except (KeyError, ValueError):
        return _IMPORTED


def make_app(argv: list[str]) -> QApplication:
    protect_none()  # PySide6 6.12 leaks references to None: see app/ui/none_guard.py
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(argv)
    app.setApplicationName("Claimsheet")
    app.setOrganizationName("Claimsheet")
    app.setApplicationDisplayName("Claimsheet")
    # The taskbar and the window manager match the window to claimsheet.desktop by this name.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The window icon from the packaged PNGs (no SVG plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", "hicolor", f"{size}x{size}", f"{APP_ID}.png")),
                     QSize(size, size))
    return icon


def run_window(file: str | None, smoke: bool = False) -> int:
    t0 = _t0()
    path = Path(file) if file else None
    if path is not None and path.suffix.lower() != WORKSHEET_SUFFIX:
        preload_pipeline()  # spaCy loads while the window is built
    app = make_app(sys.argv[:1])
    app.aboutToQuit.connect(stop_service)
    qInstallMessageHandler(qt_message_handler)  # Qt's chatter goes to the log, not stderr
    logging.getLogger("claimsheet.qt").addHandler(logging.NullHandler())
    settings = Settings()
    if not smoke:
        apply_palette(app, settings.dark)
    window = MainWindow(settings=settings, data_dir=default_data_dir(), persist=not smoke)
    if not smoke:
        handler = CrashHandler(window.data_dir / "logs", lambda: window)
        handler.install()
    times: dict[str, float] = {}

    def finish() -> None:
        """Smoke mode: report and leave (a worksheet's checklist exists before it shows)."""
        shown = times["shown"]
        ready = max(times.get("checklist", shown), shown)
        first = max(min(times.get("first", ready), ready), shown)
        print(f"shown_ms={shown:.0f} first_ms={first:.0f} checklist_ms={ready:.0f} "
              f"claims={len(window.session.worksheet.claims)}", flush=True)
        window._close_confirmed = True
        window.close()
        app.quit()

    def on_ready() -> None:
        if "checklist" in times:
            return
        times["checklist"] = (time.time() - t0) * 1000
        if smoke and "shown" in times:
            finish()

    window.checklistReady.connect(on_ready)
    window.firstClaimsShown.connect(
        lambda: times.setdefault("first", (time.time() - t0) * 1000))

    def import_failed(message: str) -> None:
        if smoke:  # a large file's import failed in the background
            print(f"claimsheet: {message}", file=sys.stderr)
            window._close_confirmed = True
            app.exit(1)

    window.importFailed.connect(import_failed)
    window.extractionFinished.connect(
        lambda outcome: on_ready() if outcome != "ok" else None)
    if path is not None:
        if not path.exists():
            print(f"claimsheet: {path} does not exist", file=sys.stderr)
            if smoke:
                return 1
            QTimer.singleShot(0, lambda: error_box(window, "Cannot open",
                                                   f"{path} does not exist."))
        elif not window.files.open_now(path) and smoke:
            box = window.last_dialog
            message = box.text() if box is not None and hasattr(box, "text") else "cannot open"
            print(f"claimsheet: {message}", file=sys.stderr)
            return 1
    window.show()
    app.processEvents()
    times["shown"] = (time.time() - t0) * 1000
    if smoke:
        if path is None or "checklist" in times:
            finish()
            return 0
        QTimer.singleShot(600_000, app.quit)  # never hang a CI job
        app.exec()
        return 0 if "checklist" in times else 1
    if path is None or path.suffix.lower() == WORKSHEET_SUFFIX:
        QTimer.singleShot(0, window.files.offer_recovery)
    return app.exec()
