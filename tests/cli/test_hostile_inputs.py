"""The hostile-input suite: every bad worksheet and article, through the real commands.

Each worksheet case goes through `claimsheet validate` and, when it loads,
`claimsheet export` to all four formats; each article case through
`claimsheet new --no-extract`. The commands run in this process (``app.cli.main``
with stdout and stderr captured), which makes a hundred cases cost seconds, and a
few run as real processes below (pipes, devices, warnings printed by libraries,
file names that are not UTF-8). Every run must end with exit status 0 or 1 within
10 seconds of CPU time (measured as CPU time so that other jobs on the machine cannot
fail the test; a hang is caught by a wall-clock bound of a minute), print no
traceback, and refuse in exactly one line naming the problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from tests.document.badcontainers import hostile_containers
from tests.document.badfiles import Case, good_document, hostile_worksheets
from tests.importers.badarticles import ArticleCase, hostile_articles

LIMIT_SECONDS = 10
HANG_SECONDS = 60
INTERNAL_WORDS = ("Traceback", "Error:", "Exception", "slice indices", "object has no attribute",
                  "inside Claimsheet")

WORKSHEETS = hostile_worksheets()
CONTAINERS = hostile_containers()
ARTICLES = hostile_articles()


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, float]:
    started, cpu = time.perf_counter(), time.process_time()
    code = main(argv)
    wall, elapsed = time.perf_counter() - started, time.process_time() - cpu
    assert wall < HANG_SECONDS, f"took {wall:.1f} s"
    captured = capsys.readouterr()
    return code, captured.out, captured.err, elapsed


def _check(code: int, out: str, err: str, elapsed: float, expect: str | None) -> None:
    assert elapsed < LIMIT_SECONDS, f"took {elapsed:.1f} s of CPU time"
    assert code in (0, 1), (code, err)
    for word in INTERNAL_WORDS:
        assert word not in err, err
    if expect is None:
        assert code == 0, err
        assert err == "" or all(line.startswith("note: ") for line in err.splitlines()), err
    else:
        assert code == 1
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("claimsheet: "), err
        assert expect in lines[0], err


def test_the_suite_is_as_large_as_promised() -> None:
    assert len(WORKSHEETS) >= 60
    assert len(ARTICLES) >= 40
    refused = [c for c in CONTAINERS if c.expect is not None]
    assert len(refused) >= 20  # issue 16: at least 20 kinds of hostile container
    assert len({c.name for c in CONTAINERS}) == len(CONTAINERS)


@pytest.mark.skipif(os.name != "posix", reason="pipes, sockets and device links")
@pytest.mark.parametrize("case", WORKSHEETS + CONTAINERS,
                         ids=[c.name for c in WORKSHEETS + CONTAINERS])
def test_hostile_worksheet(case: Case, tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    path = case.build(tmp_path)
    _check(*_run(["validate", str(path)], capsys), case.expect)
    out = tmp_path / "out"
    out.mkdir()
    export = ["export", str(path), "--pdf", str(out / "r.pdf"), "--markdown", str(out / "r.md"),
              "--csv", str(out / "r.csv"), "--claimreview", str(out / "r.json")]
    code, stdout, err, elapsed = _run(export, capsys)
    _check(code, stdout, err, elapsed, case.expect)
    if case.expect is None:
        assert {p.name for p in out.iterdir()} == {"r.pdf", "r.md", "r.csv", "r.sources.csv",
                                                   "r.json"}


@pytest.mark.skipif(os.name != "posix", reason="pipes, sockets and device links")
@pytest.mark.parametrize("case", ARTICLES, ids=[c.name for c in ARTICLES])
def test_hostile_article(case: ArticleCase, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    path = case.build(tmp_path)
    output = tmp_path / "out.claimsheet"
    code, out, err, elapsed = _run(["new", str(path), "-o", str(output), "--no-extract"], capsys)
    _check(code, out, err, elapsed, case.expect)
    if case.expect is None:
        assert output.exists()
        for word in case.notes:
            assert word in err, err
        _check(*_run(["validate", str(output)], capsys), None)


# ---------------------------------------------------------------- as real processes


def claimsheet(*args: str, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True,
                          timeout=120, env=env, check=False)


def _one_line(result: subprocess.CompletedProcess[bytes], words: str) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err, err


@pytest.mark.skipif(os.name != "posix", reason="pipes and devices")
def test_pipe_and_devices_as_processes(tmp_path: Path) -> None:
    """Before: validate on /dev/zero grew to 5 GB, on a pipe or /dev/urandom it hung."""
    fifo = tmp_path / "pipe.claimsheet"
    os.mkfifo(fifo)
    _one_line(claimsheet("validate", str(fifo)), "it is a named pipe, not a file")
    _one_line(claimsheet("new", str(fifo), "-o", str(tmp_path / "x.claimsheet")),
              "it is a named pipe, not a file")
    zero = tmp_path / "zero.claimsheet"
    zero.symlink_to("/dev/zero")
    _one_line(claimsheet("export", str(zero), "--pdf", str(tmp_path / "x.pdf")),
              "it is a device, not a file")
    good = tmp_path / "good.claimsheet"
    good.write_text(json.dumps(good_document()), encoding="utf-8")
    _one_line(claimsheet("export", str(good), "--pdf", "/dev/null"),
              "cannot write /dev/null: it is a device, not a file")


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    article = os.path.join(folder, b"x\xff.txt")
    with open(article, "wb") as handle:
        handle.write(b"Seven drones were shot down over the region on Thursday.")
    output = os.path.join(folder, b"out\xfe.claimsheet")
    result = subprocess.run([sys.executable, "-m", "app", "new", article, "-o", output,
                             "--no-extract"], capture_output=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().endswith("out\\xfe.claimsheet: 0 claims from x\\xff.txt\n")
    from app.document.fileformat import load_worksheet

    assert load_worksheet(os.fsdecode(output)).article.imported_from == "x\ufffd.txt"
    missing = os.path.join(folder, b"gone\xff\n.txt")
    _one_line(subprocess.run([sys.executable, "-m", "app", "new", missing, "-o", output,
                              "--force"], capture_output=True, timeout=120, check=False),
              "Cannot import gone\\xff\\n.txt: the file does not exist.")


def test_pdf_warnings_go_to_the_log_not_the_terminal(tmp_path: Path, seed_text: str) -> None:
    """pypdf warns about a damaged PDF it repairs; before, that reached stderr even on success."""
    from tests.importers.documents import write_pdf

    data = write_pdf(tmp_path / "ok.pdf", seed_text).read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[: data.rindex(b"%%EOF") + 4])
    log = tmp_path / "claimsheet.log"
    env = {**os.environ, "CLAIMSHEET_LOG": str(log)}
    result = claimsheet("new", str(damaged), "-o", str(tmp_path / "d.claimsheet"),
                        "--no-extract", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().splitlines() == [
        line for line in result.stderr.decode().splitlines() if line.startswith("note: ")]
    assert "EOF marker seems truncated" in log.read_text(encoding="utf-8")
    quiet = claimsheet("new", str(damaged), "-o", str(tmp_path / "e.claimsheet"),
                       "--no-extract")  # no log file named: the warning goes nowhere
    assert quiet.returncode == 0 and b"EOF" not in quiet.stderr


@pytest.mark.skipif(os.name != "posix", reason="named pipes")
def test_library_import_of_a_pipe_or_device_is_refused_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The claim library reads ClaimReview files through the same bounded reader."""
    fifo = tmp_path / "feed.json"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.json"
    zero.symlink_to("/dev/zero")
    for path, words in ((fifo, "it is a named pipe, not a file"),
                        (zero, "it is a device, not a file")):
        code, out, err, elapsed = _run(["library", "import", str(path), "--library",
                                        str(tmp_path / "lib.sqlite"), "--no-extract"], capsys)
        _check(code, out, err, elapsed, words)
