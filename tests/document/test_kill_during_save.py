"""Kill a process at random moments while it saves, and check the file every time.

A forked child saves a worksheet over and over, each save different from the
last; the parent SIGKILLs it after a random delay, then asserts that the file on
disk loads and holds one of the versions that was written completely.
"""

import os
import random
import signal
import time
from pathlib import Path

import pytest

from app.document import Article, Claim, Worksheet, make_anchor
from app.document.atomic import remove_stale_temporaries
from app.document.fileformat import load_worksheet, save_worksheet

KILLS = 220
TEXT = "Seven drones were shot down over the Belgorod Region on October 19th. " * 200


def _worksheet(generation: int) -> Worksheet:
    ws = Worksheet(Article(text=TEXT), id="kill-test")
    ws.checker = f"generation {generation}"
    # Vary the size so a torn write would show up as invalid JSON or a wrong count.
    for i in range(generation % 40 + 1):
        ws.claims.append(Claim(anchor=make_anchor(TEXT, i * 10, i * 10 + 60), id=f"c{i}"))
    return ws


def _save_forever(path: Path, first: int) -> None:
    generation = first
    while True:
        generation += 1
        save_worksheet(_worksheet(generation), path)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_sigkill_during_repeated_saves_never_damages_the_file(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    path = tmp_path / "kill.claimsheet"
    save_worksheet(_worksheet(0), path)
    seen_generations = set()
    for kill in range(KILLS):
        first = kill * 1_000_000
        pid = os.fork()
        if pid == 0:  # child: save until killed, never return into pytest
            try:
                _save_forever(path, first)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        ws = load_worksheet(path)  # raises if the file is torn
        generation = int(ws.checker.split()[1])
        assert len(ws.claims) == generation % 40 + 1
        seen_generations.add(generation)
    # The kills landed at different moments: many distinct complete versions were seen.
    assert len(seen_generations) > KILLS // 4
    remove_stale_temporaries(path, older_than=0)
    assert {p.name for p in tmp_path.iterdir()} <= {"kill.claimsheet", "kill.claimsheet.bak"}
