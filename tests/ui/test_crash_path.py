"""The installed crash path, end to end, in a separate process.

An exception escaping a Qt slot must reach ``sys.excepthook``: the work is saved
to the recovery file, the report goes to the log, a dialog shows it, and the
application keeps running. A child process keeps the global hooks out of the
test session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.document.model import Verdict
from app.ui.crash import CrashHandler
from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import Settings
from tests.ui.synthetic import synthetic_worksheet

tmp = Path(sys.argv[1])
app = QApplication([])
window = MainWindow(settings=Settings(tmp / "s.ini"), data_dir=tmp / "data")
handler = CrashHandler(tmp / "logs", lambda: window)
handler.install()
window.show()
window.set_session(Session(synthetic_worksheet(Path(sys.argv[2]).read_text()), None, window))
window.select_row(0)
window.set_verdict(Verdict.FALSE)

def boom():
    raise ZeroDivisionError("a bug in a slot")

def report():
    box = handler.last_dialog
    print(json.dumps({
        "dialog": box is not None and box.isVisible(),
        "detail": box.detailedText() if box else "",
        "log": (tmp / "logs" / "claimsheet.log").read_text(encoding="utf-8"),
        "recovery": window.recovery.exists(window.session.worksheet.id),
        "alive": window.isVisible(),
    }))
    window._close_confirmed = True
    app.quit()

QTimer.singleShot(0, boom)
QTimer.singleShot(300, report)
app.exec()
"""


def test_an_exception_in_a_slot_saves_logs_and_reports(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent.parent
    seed = repo / "tests" / "data" / "ui" / "seed.txt"
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), str(seed)], cwd=repo,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["dialog"] and result["alive"] and result["recovery"]
    assert "ZeroDivisionError: a bug in a slot" in result["detail"]
    assert "Traceback" in result["log"] and "a bug in a slot" in result["log"]
    assert "Traceback" not in out.stderr  # nothing dumped on the terminal
