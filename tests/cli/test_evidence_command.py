"""`claimsheet evidence …` and the round trip the issue asks for, through the real commands.

A worksheet with a PDF, a screenshot and a saved page attached goes through
save, reopen, validate and PDF export; the report's appendix names each file
with its hash, and a copy taken out again has the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from app.document.fileformat import load_worksheet
from app.document.model import Capture
from tests.document.badcontainers import PAGE, PDF, png_bytes
from tests.reports.pdftext import full_text

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_6448b12ea3d2d7a9.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    made = {"report.pdf": PDF, "screenshot.png": png_bytes(640, 400), "statement.html": PAGE}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in made}


def test_pdf_screenshot_and_saved_page_round_trip(tmp_path: Path, files: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "drones.claimsheet"
    assert _run(capsys, "new", str(SEED), "-o", str(sheet), "--no-extract")[0] == 0
    code, out, err = _run(capsys, "evidence", "add", str(sheet), "new",
                          str(files["statement.html"]), str(files["report.pdf"]),
                          str(files["screenshot.png"]))
    assert code == 0, err
    assert "new source S1" in out and "Ministry statement" in out  # the page's own title
    code, out, err = _run(capsys, "validate", str(sheet))
    assert (code, out, err) == (0, "ok\n", "")

    reopened = load_worksheet(sheet)
    assert [e.name for e in reopened.evidence] == ["statement.html", "report.pdf",
                                                   "screenshot.png"]
    assert [e.capture for e in reopened.evidence] == [Capture.PAGE, Capture.FILE, Capture.FILE]
    assert reopened.sources[0].url == "https://example.org/statement"
    hashes = {name: hashlib.sha256(path.read_bytes()).hexdigest()
              for name, path in files.items()}
    assert {e.name: e.sha256 for e in reopened.evidence} == hashes

    report = tmp_path / "drones.pdf"
    markdown = tmp_path / "drones.md"
    code, out, err = _run(capsys, "export", str(sheet), "--pdf", str(report),
                          "--markdown", str(markdown))
    assert code == 0, err
    text = full_text(report.read_bytes())
    for number, name in enumerate(["statement.html", "report.pdf", "screenshot.png"], 1):
        assert f"E{number}{name}" in text
        assert hashes[name] in text
    for digest in hashes.values():
        assert f"`{digest}`" in markdown.read_text(encoding="utf-8")

    for name, path in files.items():  # a copy taken out is the same file
        copy = tmp_path / f"copy-{name}"
        code, out, err = _run(capsys, "evidence", "extract", str(sheet), hashes[name][:10],
                              "-o", str(copy))
        assert code == 0, err
        assert copy.read_bytes() == path.read_bytes()


def test_list_remove_and_identical_files(tmp_path: Path, files: dict[str, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "w.claimsheet"
    assert _run(capsys, "new", str(SEED), "-o", str(sheet), "--no-extract")[0] == 0
    assert _run(capsys, "evidence", "add", str(sheet), "new", str(files["report.pdf"]))[0] == 0
    twin = tmp_path / "the same report.pdf"
    twin.write_bytes(files["report.pdf"].read_bytes())
    assert _run(capsys, "evidence", "add", str(sheet), "new", str(twin))[0] == 0
    ws = load_worksheet(sheet)
    assert len(ws.sources) == 2 and len(ws.evidence) == 1  # stored once, cited twice
    assert ws.evidence[0].sources == [ws.sources[0].id, ws.sources[1].id]
    code, out, _ = _run(capsys, "evidence", "list", str(sheet), "--verify")
    assert code == 0 and "cited by S1, S2" in out and "every file matches" in out
    code, out, _ = _run(capsys, "evidence", "remove", str(sheet), "report.pdf", "--source", "S1")
    assert code == 0 and out.startswith("detached")
    code, out, _ = _run(capsys, "evidence", "remove", str(sheet), ws.evidence[0].sha256[:8])
    assert code == 0 and out.startswith("removed")
    assert load_worksheet(sheet).evidence == []
    with zipfile.ZipFile(sheet) as archive:
        assert archive.namelist() == ["mimetype", "worksheet.json"]


@pytest.mark.parametrize(("argv", "words"), [
    (["S9", "report.pdf"], "has no source S9 (its sources: S1"),
    (["S1", "missing.pdf"], "Cannot attach missing.pdf: the file does not exist."),
    (["S1", "/dev/zero"], "Cannot attach zero: it is a device, not a file."),
    (["S1", "report.pdf", "--url", "javascript:alert(1)"], "should start with http"),
    (["S1", "report.pdf", "program.pdf"], "Cannot attach program.pdf: it is a Windows program"),
])
def test_refusals_are_one_line_and_change_nothing(tmp_path: Path, files: dict[str, Path],
                                                  capsys: pytest.CaptureFixture[str],
                                                  argv: list[str], words: str) -> None:
    sheet = tmp_path / "w.claimsheet"
    assert _run(capsys, "new", str(SEED), "-o", str(sheet), "--no-extract")[0] == 0
    assert _run(capsys, "evidence", "add", str(sheet), "new", str(files["statement.html"]))[0] \
        == 0
    (tmp_path / "program.pdf").write_bytes(b"MZ\x90\x00" + bytes(100))
    before = sheet.read_bytes()
    paths = [a if a.startswith(("S", "/", "-", "javascript")) else str(tmp_path / a)
             for a in argv]
    code, out, err = _run(capsys, "evidence", "add", str(sheet), *paths)
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and words in err, err
    assert sheet.read_bytes() == before


def test_a_version_1_file_takes_evidence_and_becomes_a_container(
        tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "old.claimsheet"
    sheet.write_bytes((Path(__file__).resolve().parents[1] / "data" / "document"
                       / "version-1.claimsheet").read_bytes())
    assert json.loads(sheet.read_text(encoding="utf-8"))["version"] == 1
    code, _, err = _run(capsys, "evidence", "add", str(sheet), "S1", str(files["report.pdf"]))
    assert code == 0, err
    with zipfile.ZipFile(sheet) as archive:
        assert json.loads(archive.read("worksheet.json"))["version"] == 2
    assert _run(capsys, "validate", str(sheet))[:2] == (0, "ok\n")
