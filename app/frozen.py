"""What differs when Claimsheet runs as the PyInstaller one-folder app.

An installed Claimsheet starts its helper processes as ``python -m MODULE``. The
one-folder app has no Python executable to run: ``sys.executable`` is the app
itself. So the app's entry point (``packaging/entry.py``) understands one hidden
option, ``--run-module MODULE``, handled before anything else is imported (no
Qt, no spaCy), and :func:`module_command` builds whichever form this copy of
Claimsheet understands. Callers pass their own ``__name__``, so a module keeps
working wherever it moves.
"""

from __future__ import annotations

import runpy
import sys
from collections.abc import Sequence

RUN_MODULE = "--run-module"
# Only Claimsheet's own modules may be run this way.
PACKAGE_PREFIX = "app."


def is_frozen() -> bool:
    """True inside the PyInstaller app (its bootloader sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def module_command(module: str) -> list[str]:
    """The command line that runs ``module`` as a program, like ``python -m module``."""
    if is_frozen():
        return [sys.executable, RUN_MODULE, module]
    return [sys.executable, "-m", module]


def run_module_request(argv: Sequence[str]) -> str | None:
    """The module asked for by ``--run-module MODULE`` at the start of ``argv[1:]``, if any."""
    if len(argv) >= 3 and argv[1] == RUN_MODULE and argv[2].startswith(PACKAGE_PREFIX):
        return argv[2]
    return None


def run_module(module: str, argv: Sequence[str]) -> None:
    """Run ``module`` as ``__main__`` with the remaining arguments, as ``python -m`` does."""
    sys.argv = [module, *argv]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
