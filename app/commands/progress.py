"""Progress of a long command on the terminal, e.g. ``extracting claims 42%``.

Shown only when stderr is a terminal, on one line that is rewritten in place
and erased at the end, so logs and scripts that read stderr see nothing but
the one-line error they expect.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[int, int], None]

_INTERVAL = 0.25


@contextmanager
def terminal_progress(label: str) -> Iterator[Progress | None]:
    """A ``progress(done, total)`` callback for the terminal, or None when there is none."""
    stream = sys.stderr
    if not stream.isatty():
        yield None
        return
    last = [0.0]
    shown = [False]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < _INTERVAL and done < total:
            return
        last[0] = now
        share = 100 * done // total if total else 0
        stream.write(f"\r{label} {share}%")
        stream.flush()
        shown[0] = True

    try:
        yield report
    finally:
        if shown[0]:
            stream.write("\r" + " " * (len(label) + 6) + "\r")
            stream.flush()
