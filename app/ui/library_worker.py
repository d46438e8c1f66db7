"""A thread that owns one claim-library connection and runs the window's library jobs.

The library's objects hold one database connection each and must stay in the
thread that opened them (docs/library.md), so each :class:`LibraryThread`
opens its own connection, lazily, on its first job, and keeps it until it has
been idle for a minute. Jobs are plain callables ``work(library, cancelled)``
run one at a time; the thread touches no widget and hands back a plain
:class:`Reply` through the queued ``replied`` signal.

Jobs carry a key: a job queued under the key of a job not yet started
replaces it (moving quickly through claims runs one query, for the claim
reached), and a running job can ask ``cancelled()`` whether a newer job of its
key, or the end of the thread, has made it pointless. When the library cannot
be opened (missing server, damaged or locked file), the reason is kept for a
short while and given to the following jobs at once, so a dead server does not
cost a connection timeout per claim.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from app.document.model import Claim, Worksheet

if TYPE_CHECKING:
    from app.library import Library

log = logging.getLogger("claimsheet.ui.library")

IDLE_SECONDS = 60.0  # an idle connection is closed after this long
RETRY_SECONDS = 30.0  # after a failed open, jobs get the same error this long

Work = Callable[["Library", Callable[[], bool]], object]


def window_location(setting: str) -> str:
    """The window's library: ``CLAIMSHEET_LIBRARY`` when set (it wins, as for the command
    line), else the window's setting, else the default file in the data folder."""
    from app.library.location import ENVIRONMENT, resolve

    return resolve(os.environ.get(ENVIRONMENT, "").strip() or setting.strip() or None)


@dataclass(frozen=True, slots=True)
class Job:
    key: str  # a queued job is replaced by a newer one with the same key
    token: object  # handed back in the reply, for the caller to spot stale replies
    work: Work
    generation: int = 0


@dataclass(frozen=True, slots=True)
class Reply:
    key: str
    token: object
    result: object = None
    error: str = ""  # one line for the user when the job failed


class LibraryThread(QThread):
    """Runs library jobs off the GUI thread with its own connection."""

    replied = Signal(object)  # a Reply
    progressed = Signal(object, int, int)  # a job's token, done, total: emitted by its work

    def __init__(self, name: str, setting: str, timeout: float, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName(f"library-{name}")
        self._setting = setting  # the window's setting; resolved here, off the GUI thread
        self._timeout = timeout
        self._lock = threading.Condition()
        self._pending: dict[str, Job] = {}
        self._generation: dict[str, int] = {}
        self._stopping = False
        self._reopen = False
        self._library: Library | None = None
        self._failure: tuple[float, str] | None = None

    # ------------------------------------------------------------ the GUI thread's side

    def submit(self, key: str, token: object, work: Work) -> None:
        with self._lock:
            if self._stopping:
                return
            generation = self._generation.get(key, 0) + 1
            self._generation[key] = generation
            self._pending.pop(key, None)
            self._pending[key] = Job(key, token, work, generation)
            self._lock.notify()
        if not self.isRunning():
            self.start()

    def cancel(self, key: str) -> None:
        """Forget a queued job and tell a running one of this key that it is not wanted."""
        with self._lock:
            self._pending.pop(key, None)
            self._generation[key] = self._generation.get(key, 0) + 1

    def set_location(self, setting: str) -> None:
        """Use another library from the next job on (the connection is opened again)."""
        with self._lock:
            self._setting = setting
            self._reopen = True
            self._failure = None

    def stop(self) -> None:
        """Drop queued jobs, let the running one end (it is told it is cancelled), wait."""
        with self._lock:
            self._stopping = True
            self._pending.clear()
            self._lock.notify()
        self.wait()

    # ------------------------------------------------------------ the worker's side

    def _next(self) -> Job | None:
        with self._lock:
            while not self._pending and not self._stopping:
                if not self._lock.wait(IDLE_SECONDS) and self._library is not None:
                    self._close()  # idle: give the connection back
            if self._stopping:
                return None
            key = next(iter(self._pending))
            return self._pending.pop(key)

    def _cancelled(self, job: Job) -> bool:
        with self._lock:
            return self._stopping or self._generation.get(job.key) != job.generation

    def _open(self) -> Library:
        from app.library import LibraryError, open_library

        with self._lock:
            reopen, self._reopen = self._reopen, False
            setting, failure = self._setting, self._failure
        if reopen:
            self._close()
        if self._library is not None:
            return self._library
        if failure is not None and time.monotonic() - failure[0] < RETRY_SECONDS:
            raise LibraryError(failure[1])
        try:
            self._library = open_library(window_location(setting), timeout=self._timeout)
        except LibraryError as exc:
            with self._lock:
                self._failure = (time.monotonic(), str(exc))
            raise
        with self._lock:
            self._failure = None
        return self._library

    def _close(self) -> None:
        library, self._library = self._library, None
        if library is not None:
            try:
                library.close()
            except Exception:  # noqa: BLE001 - closing must never end the thread
                log.exception("closing the library failed")

    def _run_job(self, job: Job) -> Reply:
        from app.library import LibraryError

        try:
            return Reply(job.key, job.token, job.work(self._open(), lambda: self._cancelled(job)))
        except LibraryError as exc:
            return Reply(job.key, job.token, error=str(exc))
        except Exception as exc:  # noqa: BLE001 - the window must hear back, whatever happens
            log.exception("library job %s failed", job.key)
            self._close()  # the connection may be in any state: start afresh
            return Reply(job.key, job.token, error=f"the claim library failed: {exc}")

    def run(self) -> None:
        try:
            while (job := self._next()) is not None:
                reply = self._run_job(job)
                if not self._cancelled(job):
                    self.replied.emit(reply)
        finally:
            self._close()


# ---------------------------------------------------------------- what jobs read


def claim_copy(claim: Claim) -> Claim:
    """A copy of a claim that edits on the GUI thread cannot reach (anchors are frozen)."""
    return replace(claim, checkables=[replace(k) for k in claim.checkables],
                   citations=[replace(c) for c in claim.citations], tags=list(claim.tags),
                   hedges=list(claim.hedges))


def snapshot(ws: Worksheet, claims: list[Claim] | None = None) -> Worksheet:
    """The worksheet (or some of its claims) as a copy a worker may read while the
    checker goes on editing; same id, so the library leaves its own claims out."""
    chosen = ws.claims if claims is None else claims
    cited = {c.source_id for claim in chosen for c in claim.citations}
    return replace(ws, article=replace(ws.article), claims=[claim_copy(c) for c in chosen],
                   sources=[replace(s) for s in ws.sources if s.id in cited])

