"""Saving never depends on the library: missing, locked or damaged libraries only log."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

import pytest

from app.document.fileformat import load_worksheet, save_worksheet
from app.library import LibraryError, index_quietly, open_library, rebuild_library
from tests.library.conftest import BELGOROD_7, UNRELATED, worksheet


def save_then_index(ws, path: Path, location: str) -> object:  # type: ignore[no-untyped-def]
    """What the window does: save, then index quietly."""
    save_worksheet(ws, path)
    return index_quietly(ws, path, location, timeout=0.2)


def test_a_missing_library_is_created_on_first_use(tmp_path: Path) -> None:
    location = tmp_path / "new" / "folder" / "library.sqlite3"
    ws = worksheet(BELGOROD_7)
    result = save_then_index(ws, tmp_path / "a.claimsheet", str(location))
    assert result is not None and location.exists()
    assert load_worksheet(tmp_path / "a.claimsheet").id == ws.id


def test_a_locked_library_does_not_stop_a_save(tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    location = tmp_path / "library.sqlite3"
    open_library(location).close()
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        ws = worksheet(BELGOROD_7)
        started = time.perf_counter()
        with caplog.at_level(logging.WARNING, "claimsheet.library"):
            result = save_then_index(ws, tmp_path / "a.claimsheet", str(location))
        assert result is None
        assert time.perf_counter() - started < 10  # waits its short timeout, no more
        assert "not indexed" in caplog.text and "busy" in caplog.text
        assert load_worksheet(tmp_path / "a.claimsheet").id == ws.id
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_damaged_library_does_not_stop_a_save_and_rebuild_replaces_it(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    location = tmp_path / "library.sqlite3"
    location.write_bytes(b"this is not a database at all" * 200)
    ws = worksheet(BELGOROD_7, UNRELATED)
    with caplog.at_level(logging.WARNING, "claimsheet.library"):
        assert save_then_index(ws, tmp_path / "a.claimsheet", str(location)) is None
    assert "damaged" in caplog.text
    assert load_worksheet(tmp_path / "a.claimsheet").id == ws.id
    with pytest.raises(LibraryError, match="damaged.*library rebuild"):
        open_library(location)
    result = rebuild_library(str(location), [tmp_path])
    assert (result.worksheets, result.claims) == (1, 2)
    assert "moved to" in result.problems[0]
    assert (tmp_path / "library.sqlite3.damaged").exists()
    with open_library(location) as library:
        assert library.stats().claims == 2


def test_an_unwritable_library_folder_only_logs(tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with caplog.at_level(logging.WARNING, "claimsheet.library"):
        assert index_quietly(worksheet(BELGOROD_7), None, str(blocker / "lib.sqlite3")) is None
    assert "not indexed" in caplog.text


def test_an_unreachable_server_only_logs(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "claimsheet.library"):
        result = index_quietly(worksheet(BELGOROD_7), None,
                               "postgresql://nobody:secret@127.0.0.1:1/none", timeout=1)
    assert result is None and "cannot connect" in caplog.text
    assert "secret" not in caplog.text  # the password is never written to the log


def test_index_quietly_accepts_only_worksheets(caplog: pytest.LogCaptureFixture,
                                               tmp_path: Path) -> None:
    with caplog.at_level(logging.WARNING, "claimsheet.library"):
        assert index_quietly("not a worksheet", None, str(tmp_path / "l.sqlite3")) is None
    assert "not a worksheet" in caplog.text


def test_sqlite_without_fts5_is_named_clearly(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from app.library import sqlite as backend

    class NoFts5:
        def execute(self, sql: str) -> None:
            raise sqlite3.OperationalError("no such module: fts5")

        def close(self) -> None:
            pass

    monkeypatch.setattr(backend.sqlite3, "connect", lambda *a, **k: NoFts5())
    with pytest.raises(LibraryError, match="without FTS5"):
        open_library(tmp_path / "l.sqlite3")


def test_the_default_location_is_the_data_folder_unless_chosen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.library.location import default_path, display, resolve

    monkeypatch.delenv("CLAIMSHEET_LIBRARY", raising=False)
    assert resolve() == str(default_path())
    assert default_path().parent.parts[-2:] == ("Claimsheet", "Claimsheet")
    monkeypatch.setenv("CLAIMSHEET_LIBRARY", "postgresql://u:pw@db/news")
    assert resolve() == "postgresql://u:pw@db/news"
    assert resolve("/tmp/mine.sqlite3") == "/tmp/mine.sqlite3"
    assert display("postgresql://u:pw@db/news") == "postgresql://u:***@db/news"
