"""Where log records go when Claimsheet runs from the command line.

The command line answers in one line; what libraries have to say on the way
(pypdf's "EOF marker not found" while it repairs a damaged PDF, a
``DeprecationWarning`` from a dependency) belongs in a log, not on the
terminal. Python prints any unhandled warning-level record to stderr when no
handler is configured, so :func:`command_logging` installs one for the
duration of a command: records (and :mod:`warnings`, through
``logging.captureWarnings``) go to the file named by the ``CLAIMSHEET_LOG``
environment variable, or nowhere. The window has its own log file
(:mod:`app.ui.crash`).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

LOG_ENV = "CLAIMSHEET_LOG"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _handler() -> logging.Handler:
    path = os.environ.get(LOG_ENV, "")
    if path:
        try:
            handler: logging.Handler = logging.FileHandler(path, encoding="utf-8",
                                                           errors="backslashreplace")
        except (OSError, ValueError):
            return logging.NullHandler()  # an unwritable log must not stop the command
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.setLevel(logging.INFO)
        return handler
    return logging.NullHandler()


@contextlib.contextmanager
def command_logging() -> Iterator[None]:
    """Route log records and warnings away from the terminal while a command runs."""
    root = logging.getLogger()
    handler = _handler()
    level = root.level
    root.addHandler(handler)
    if isinstance(handler, logging.FileHandler):
        root.setLevel(min(level, logging.INFO) if level else logging.INFO)
    logging.captureWarnings(True)
    try:
        yield
    finally:
        logging.captureWarnings(False)
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()
