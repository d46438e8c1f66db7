"""Kill a process at random moments while it saves, and check the file every time.

A forked child saves a worksheet over and over, each save different from the
last, and reports every finished save over a pipe. The parent waits for one
to three reports, then SIGKILLs the child at a random point within the next
save (the time one save took, as measured from the reports), and asserts that
the file on disk loads and is either the last reported save or the one that
was in flight. Because the kill is placed relative to reported saves rather
than after a fixed delay, the test checks the same thing on a fast machine and
on a loaded one.

The second test does the same with a version-2 container holding evidence:
the child opens it once and then saves again and again, so every save copies
the evidence raw from the file the previous save wrote; after each kill the
file must open, with every evidence file present and matching its hash.
"""

import os
import random
import select
import signal
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.document import Article, Claim, Source, Worksheet, make_anchor
from app.document.evidence import attach, capture_file
from app.document.fileformat import load_worksheet, save_worksheet
from tests.document.badcontainers import PAGE, png_bytes

KILLS = 220
KILLS_WITH_EVIDENCE = 200
TEXT = "Seven drones were shot down over the Belgorod Region on October 19th. " * 200
REPORT = struct.Struct("<q")
WAIT_SECONDS = 120  # for one report; only reached if the child is stuck


def _worksheet(generation: int) -> Worksheet:
    ws = Worksheet(Article(text=TEXT), id="kill-test")
    ws.checker = f"generation {generation}"
    # Vary the size so a torn write would show up as invalid JSON or a wrong count.
    for i in range(generation % 40 + 1):
        ws.claims.append(Claim(anchor=make_anchor(TEXT, i * 10, i * 10 + 60), id=f"c{i}"))
    return ws


def _save_and_report(path: Path, first: int, report: int) -> None:
    generation = first
    while True:
        generation += 1
        save_worksheet(_worksheet(generation), path)
        os.write(report, REPORT.pack(generation))


def _save_evidence_and_report(path: Path, first: int, report: int) -> None:
    """Open the container once, then change the JSON and save, over and over."""
    ws = load_worksheet(path)
    generation = first
    while True:
        generation += 1
        ws.checker = f"generation {generation}"
        ws.claims = _worksheet(generation).claims
        save_worksheet(ws, path)
        os.write(report, REPORT.pack(generation))


def _read_report(pipe: int) -> int | None:
    """The next reported generation, or None when the child has gone (end of the pipe)."""
    data = b""
    while len(data) < REPORT.size:
        ready, _, _ = select.select([pipe], [], [], WAIT_SECONDS)
        assert ready, "the saving child stopped reporting"
        chunk = os.read(pipe, REPORT.size - len(data))
        if not chunk:
            return None
        data += chunk
    return int(REPORT.unpack(data)[0])


def _kill_repeatedly(path: Path, kills: int, saver: Callable[[Path, int, int], None],
                     load: Callable[[Path], Worksheet], seed: int) -> dict[str, int]:
    """Fork a saving child ``kills`` times, kill it inside a save, check the file each time."""
    rng = random.Random(seed)
    outcomes = {"last reported": 0, "in flight": 0}
    interrupted = 0  # kills that left a half-written temporary file: inside a write
    for kill in range(kills):
        first = kill * 1_000_000
        pipe, report = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: save until killed, never return into pytest
            try:
                os.close(pipe)
                saver(path, first, report)
            finally:
                os._exit(0)
        os.close(report)
        try:
            started = time.monotonic()
            reported, stamps = [], [started]
            for _ in range(rng.randint(1, 3)):
                generation = _read_report(pipe)
                assert generation is not None, "the saving child died on its own"
                reported.append(generation)
                stamps.append(time.monotonic())
            one_save = stamps[-1] - stamps[-2]
            time.sleep(rng.uniform(0, one_save))  # somewhere inside the next save
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            while (generation := _read_report(pipe)) is not None:
                reported.append(generation)  # saves finished before the kill landed
        finally:
            os.close(pipe)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        interrupted += any(p.name.endswith(".tmp") for p in path.parent.iterdir())
        ws = load(path)  # raises if the file is torn
        generation = int(ws.checker.split()[1])
        assert len(ws.claims) == generation % 40 + 1
        last = reported[-1]
        # Either the last reported save, or the next one, complete but not yet reported.
        assert generation in (last, last + 1), (generation, last)
        outcomes["last reported" if generation == last else "in flight"] += 1
    assert sum(outcomes.values()) == kills
    assert interrupted > 0, "no kill landed inside a write"
    outcomes["interrupted writes"] = interrupted
    return outcomes


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_sigkill_during_repeated_saves_never_damages_the_file(tmp_path: Path) -> None:
    path = tmp_path / "kill.claimsheet"
    save_worksheet(_worksheet(0), path)
    _kill_repeatedly(path, KILLS, _save_and_report, load_worksheet, 20261125)
    # The next save removes what the killed saves left behind (their writers are dead).
    save_worksheet(_worksheet(-1), path)
    assert {p.name for p in tmp_path.iterdir()} == {"kill.claimsheet", "kill.claimsheet.bak"}


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_sigkill_during_saves_with_evidence_leaves_a_file_that_opens(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    files = {"report.pdf": b"%PDF-1.4\n" + random.Random(1).randbytes(1_500_000),
             "screenshot.png": png_bytes(400, 300), "statement.html": PAGE * 2_000}
    ws = _worksheet(0)
    ws.sources.append(Source(title="Ministry statement"))
    captured = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        captured.append(capture_file(ws, tmp_path / name).record)
    attach(ws, captured, ws.sources[0].id)
    path = folder / "kill.claimsheet"
    save_worksheet(ws, path)

    def load(p: Path) -> Worksheet:
        loaded = load_worksheet(p, verify_evidence=True)  # every hash checked
        assert [e.name for e in loaded.evidence] == list(files)
        return loaded

    outcomes = _kill_repeatedly(path, KILLS_WITH_EVIDENCE, _save_evidence_and_report, load,
                                20261129)
    assert outcomes["last reported"] + outcomes["in flight"] == KILLS_WITH_EVIDENCE
    save_worksheet(load_worksheet(path), path)
    assert {p.name for p in folder.iterdir()} == {"kill.claimsheet", "kill.claimsheet.bak"}
