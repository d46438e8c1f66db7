"""Fixtures for the window tests: an isolated window per test (own settings, own data dir)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.ui.main_window import MainWindow
from app.ui.session import Session
from app.ui.settings import Settings
from tests.library.conftest import postgres_url  # noqa: F401 - the library tests' fixture
from tests.ui.synthetic import synthetic_worksheet

DATA = Path(__file__).resolve().parent.parent / "data" / "ui"
SEED = DATA / "seed.txt"


@pytest.fixture
def make_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build windows that share one settings file and data dir inside ``tmp_path``."""
    made: list[MainWindow] = []

    def build() -> MainWindow:
        window = MainWindow(settings=Settings(tmp_path / "settings.ini"),
                            data_dir=tmp_path / "data")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        # Window shortcuts (J, K, 1–7, Esc) need the window active; activation is
        # asynchronous, so wait for it (a window made inside a test would not be yet).
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        made.append(window)
        return window

    yield build
    for window in made:
        window._close_confirmed = True
        window.stop_workers()


@pytest.fixture
def window(make_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A window showing a synthetic (no spaCy) worksheet of the seed article."""
    w = make_window()
    ws = synthetic_worksheet(SEED.read_text(encoding="utf-8"))
    w.set_session(Session(ws, None, w))
    yield w
