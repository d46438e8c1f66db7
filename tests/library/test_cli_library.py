"""`claimsheet library ...` end to end: output, one-line errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.document.fileformat import save_worksheet
from app.document.model import Verdict
from tests.library.conftest import BELGOROD_7, BELGOROD_7_AGAIN, BELGOROD_9, UNRELATED, worksheet


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMSHEET_LIBRARY", str(tmp_path / "library.sqlite3"))
    save_worksheet(worksheet(BELGOROD_7, UNRELATED, title="Seven"), tmp_path / "seven.claimsheet")
    save_worksheet(worksheet(BELGOROD_9, title="Nine"), tmp_path / "nine.claimsheet")
    save_worksheet(worksheet(BELGOROD_7_AGAIN, title="Again", verdict=Verdict.TRUE),
                   tmp_path / "again.claimsheet")
    return tmp_path


def test_add_search_matches_conflicts_stats(files: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "add", str(files)]) == 0
    out = capsys.readouterr().out
    assert "3 worksheets (4 claims)" in out
    assert main(["library", "search", "wheat", "Chicago"]) == 0
    assert "price of wheat" in capsys.readouterr().out
    assert main(["library", "matches", str(files / "seven.claimsheet")]) == 0
    out = capsys.readouterr().out
    assert "claim 1:" in out and "same claim" in out and "[True]" in out and "similar" in out
    assert main(["library", "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "count conflict: 7 vs 9" in out and "“seven”" in out and "“nine”" in out
    assert main(["library", "conflicts", str(files / "again.claimsheet")]) == 0
    assert "7 vs 9" in capsys.readouterr().out
    assert main(["library", "stats"]) == 0
    out = capsys.readouterr().out
    assert "worksheets: 3" in out and "claims:     4 (1 with a verdict)" in out and "MB" in out


def test_import_rebuild_and_the_library_option(files: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    review = files / "review.json"
    review.write_text(json.dumps({"@type": "ClaimReview", "claimReviewed": "Seven drones fell",
                                  "author": {"name": "Checker"}}), "utf-8")
    other = files / "other.sqlite3"
    assert main(["library", "import", str(review), "--library", str(other)]) == 0
    assert "1 reviews added" in capsys.readouterr().out
    assert main(["library", "--library", str(other), "stats"]) == 0
    assert "reviews:    1" in capsys.readouterr().out
    assert main(["library", "add", str(files / "seven.claimsheet")]) == 0
    assert main(["library", "rebuild"]) == 0
    assert "rebuilt: 1 worksheets, 2 claims, 0 reviews" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["library", "add", "missing.claimsheet"],
    ["library", "matches", "missing.claimsheet"],
    ["library", "import", "missing.json"],
    ["library", "conflicts", "missing.claimsheet"],
    ["library", "stats", "--library", "postgresql://x:y@127.0.0.1:1/db"],
])
def test_errors_are_one_line_with_exit_code_1(files: Path, capsys: pytest.CaptureFixture[str],
                                              argv: list[str]) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("claimsheet: ") and err.count("\n") == 1 and "Traceback" not in err


def test_matches_names_a_claim_number_out_of_range(files: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "matches", str(files / "nine.claimsheet"), "--claim", "5"]) == 1
    assert "claims 1 to 1, not 5" in capsys.readouterr().err


def test_our_own_claimreview_export_imports_back(files: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    exported = files / "export.json"
    assert main(["export", str(files / "again.claimsheet"), "--claimreview", str(exported),
                 "--publisher", "Our Desk", "--include-unreviewed"]) == 0
    assert main(["library", "import", str(exported), "--no-extract"]) == 0
    assert "1 reviews added" in capsys.readouterr().out
    assert main(["library", "search", "Belgorod"]) == 0
    out = capsys.readouterr().out
    assert "[True]" in out and "Our Desk" in out
