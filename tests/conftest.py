"""Test set-up shared by every area: headless Qt before anything imports it."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_6448b12ea3d2d7a9.txt"

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _own_claim_library(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the user's real claim library (tests that want one pass it)."""
    folder = tmp_path_factory.mktemp("library")
    monkeypatch.setenv("CLAIMSHEET_LIBRARY", str(folder / "library.sqlite3"))


@pytest.fixture
def seed_path() -> Path:
    """The first sample article, shipped in seeds/."""
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
