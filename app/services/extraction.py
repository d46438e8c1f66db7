"""Claim extraction in a helper process that loads spaCy while the window starts.

spaCy's import and model load are pure CPU work that holds Python's GIL, so a
thread cannot overlap them with building the window. A child process can:
``claimsheet ARTICLE`` starts this service before it even imports Qt, the
child loads the model on the second core, and by the time the window is up
the model is (nearly) ready. The GUI process never imports spaCy at all.

Protocol: pickled tuples over the child's stdin/stdout. Parent to child:
``("extract", job, article)``, ``("cancel", job)``, ``("quit",)``. Child to
parent: ``("ready",)``, ``("progress", job, done, total)``, ``("claims", job,
claims, done, total)`` for each piece of the article as soon as it is done,
``("done", job, [], warning)``, ``("cancelled", job)``, ``("error", job,
message, details)``. ``done``/``total`` count characters. ``warning`` is the
pipeline's fallback warning (empty when the real model loaded): the window
shows it, because a blank pipeline misses most names, places and sourcing.
A reader thread in the child turns stdin into a queue so the extractor's
``cancel`` callback can look for a cancel without blocking.

Streaming: an article longer than :data:`STREAM_ABOVE` characters is read in
pieces of about :data:`PIECE_CHARS`, cut at paragraph or line breaks, and
each piece's claims go to the window as soon as they are found, so the first
claims of a long article are on the checklist while the rest are extracted
and the progress bar counts real work. An article up to that size is one
piece, exactly as ``claimsheet extract`` reads it. (A sentence cannot span a
cut, so a claim running across the paragraph break at a cut may come out in
two; that is the price of seeing the first claims at once.)

This module imports no Qt: the application starts it before Qt loads, and it
is also the child's entry point (``python -m app.services.extraction``, or
the one-folder app's ``--run-module`` form: see :mod:`app.frozen`).
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from typing import IO, Any

from app.frozen import module_command

log = logging.getLogger("claimsheet.services.extraction")

STREAM_ABOVE = 8_000
PIECE_CHARS = 3_000

Batch = Callable[[list[Any], int, int], None]


def helper_command() -> list[str]:
    """The command line that starts the helper process: ``python -m`` this module, or
    in the one-folder app its executable's ``--run-module`` form (:mod:`app.frozen`)."""
    return module_command(__name__)


class ServiceError(RuntimeError):
    """The helper process failed or died; ``details`` holds its traceback if any."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


class ServiceCancelled(Exception):
    pass


class ExtractionService:
    """The parent's handle on the helper process (one per application)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._write_lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._job = 0
        self.warning = ""  # the last finished job's pipeline warning ("" when none)

    def start(self) -> None:
        """Start the helper now (idempotent); it begins loading the model at once."""
        if self._proc is not None and self._proc.poll() is None:
            return
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
        self._proc = subprocess.Popen(
            helper_command(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _send(self, message: tuple[Any, ...]) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            return
        with self._write_lock:
            try:
                pickle.dump(message, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                pass

    def extract(self, article: Any, progress: Callable[[int, int], None],
                cancelled: Callable[[], bool], batch: Batch | None = None) -> list[Any]:
        """Run one extraction in the helper (call from a worker thread, never the GUI).

        ``batch(claims, done, total)`` receives each piece's claims as they come;
        the return value is all of them, in reading order.
        """
        with self._run_lock:
            self.start()
            proc = self._proc
            assert proc is not None and proc.stdout is not None
            self._job += 1
            job = self._job
            self._send(("extract", job, article))
            found: list[Any] = []
            stop = threading.Event()
            watcher = threading.Thread(target=self._watch_cancel, args=(job, cancelled, stop),
                                       daemon=True)
            watcher.start()
            try:
                while True:
                    try:
                        message = pickle.load(proc.stdout)
                    except (EOFError, pickle.UnpicklingError, OSError) as exc:
                        self._proc = None
                        raise ServiceError("The extraction process stopped unexpectedly.",
                                           repr(exc)) from exc
                    kind = message[0]
                    if kind == "ready" or message[1] != job:
                        continue  # start-up notice, or a stale message of an earlier job
                    if kind == "progress":
                        progress(message[2], message[3])
                    elif kind == "claims":
                        found.extend(message[2])
                        if batch is not None:
                            batch(list(message[2]), message[3], message[4])
                        progress(message[3], message[4])
                    elif kind == "done":
                        self.warning = str(message[3]) if len(message) > 3 else ""
                        return found + list(message[2])
                    elif kind == "cancelled":
                        raise ServiceCancelled()
                    elif kind == "error":
                        raise ServiceError(message[2], message[3])
            finally:
                stop.set()

    def _watch_cancel(self, job: int, cancelled: Callable[[], bool],
                      stop: threading.Event) -> None:
        while not stop.wait(0.05):
            if cancelled():
                self._send(("cancel", job))
                return

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        self._send_to(proc, ("quit",))
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=2)

    def _send_to(self, proc: subprocess.Popen[bytes], message: tuple[Any, ...]) -> None:
        if proc.stdin is None:
            return
        try:
            pickle.dump(message, proc.stdin)
            proc.stdin.flush()
            proc.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass


SERVICE = ExtractionService()


# ---------------------------------------------------------------- the child


def _reader(stream: IO[bytes], inbox: queue.Queue[tuple[Any, ...]]) -> None:
    while True:
        try:
            inbox.put(pickle.load(stream))
        except (EOFError, OSError, pickle.UnpicklingError):
            inbox.put(("quit",))
            return


class _CancelCheck:
    """The extractor's ``cancel`` callback: drains the inbox without blocking."""

    def __init__(self, inbox: queue.Queue[tuple[Any, ...]], job: int) -> None:
        self.inbox = inbox
        self.job = job
        self.cancel = False
        self.quitting = False

    def __call__(self) -> bool:
        while True:
            try:
                m = self.inbox.get_nowait()
            except queue.Empty:
                return self.cancel
            if m[0] == "quit":
                self.quitting = self.cancel = True
            elif m[0] == "cancel" and m[1] == self.job:
                self.cancel = True


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the pieces an article is extracted in (one unless it is long)."""
    if len(text) <= STREAM_ABOVE:
        return [(0, text)]
    from app.extract.extractor import chunks

    return list(chunks(text, PIECE_CHARS))


def _placed(claims: list[Any], offset: int, text: str) -> list[Any]:
    """A piece's claims with offsets and anchors in the whole article."""
    if offset == 0:
        return claims
    from app.document.anchors import make_anchor

    for claim in claims:
        claim.anchor = make_anchor(text, claim.start + offset, claim.end + offset)
        for k in claim.checkables:
            k.start += offset
            k.end += offset
    return claims


def extract_in_pieces(article: Any, batch: Batch, cancel: Callable[[], bool]) -> None:
    """Extract ``article`` piece by piece, handing each piece's claims to ``batch``.

    Raises ``ExtractionCancelled`` when ``cancel`` says stop.
    """
    from app.extract import extract_many
    from app.extract.extractor import article_date, dateline

    text = article.text
    cuts = pieces(text)
    when = article_date(article) or dateline(text)
    found = extract_many((piece for _, piece in cuts), published=[when] * len(cuts),
                         cancel=cancel, batch_size=1)
    for (offset, piece), claims in zip(cuts, found, strict=True):
        batch(_placed(claims, offset, text), offset + len(piece), len(text))


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """The helper's main loop: load the model, then extract on request."""
    from app.extract import ExtractionCancelled, dates
    from app.extract.extractor import engine

    def send(message: tuple[Any, ...]) -> None:
        pickle.dump(message, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()

    inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
    threading.Thread(target=_reader, args=(stdin, inbox), daemon=True).start()
    # The first article is already waiting and most never need the date parser:
    # it is imported on demand during the first run and warmed once that result is out.
    dates_warm = False
    warning = ""
    try:
        # spaCy, the model and the rule matchers, once
        warning = engine(warm_dates=False).pipeline.warning
        load_error = None
    except Exception as exc:  # noqa: BLE001 - reported with every request instead
        load_error = (f"The language model could not be loaded: {exc}", traceback.format_exc())
    send(("ready",))
    quitting = False
    while not quitting:
        message = inbox.get()
        if message[0] == "quit":
            return 0
        if message[0] != "extract":
            continue  # a cancel that arrived after its job ended
        job, article = message[1], message[2]
        if load_error is not None:
            send(("error", job, *load_error))
            continue
        checker = _CancelCheck(inbox, job)
        send(("progress", job, 0, len(article.text)))

        def batch(claims: list[Any], done: int, total: int, job: int = job) -> None:
            send(("claims", job, claims, done, total))

        try:
            extract_in_pieces(article, batch, checker)
        except ExtractionCancelled:
            send(("cancelled", job))
            if checker.quitting:
                return 0
            continue
        except Exception as exc:  # noqa: BLE001 - sent to the window, which shows it
            send(("error", job, f"Extraction failed: {exc}", traceback.format_exc()))
            continue
        send(("done", job, [], warning))
        quitting = checker.quitting
        if not dates_warm:
            dates.warm_up()
            dates_warm = True
    return 0


def main() -> int:
    if hasattr(os, "nice"):
        # Yield the CPU to the window while both start; the window is what the user sees.
        try:
            os.nice(5)
        except OSError:
            pass
    # The protocol owns the real stdout; anything printed by libraries goes to stderr.
    protocol_out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        code = serve(sys.stdin.buffer, protocol_out)
    except (BrokenPipeError, KeyboardInterrupt):
        code = 0
    # Leave without interpreter finalization: the stdin reader thread is blocked in
    # a read, and finalizing under it is a fatal error in CPython.
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
