"""`claimsheet [FILE] [--smoke]`: open the worksheet window.

FILE may be an article (any importable format: a new worksheet is made and
claims are extracted in the background) or a `.claimsheet` worksheet. Qt is
imported inside :func:`run` so other sub-commands never pay for it.
"""

from __future__ import annotations

import argparse

from app.commands import fail


def run(args: argparse.Namespace) -> int:
    if args.file and not args.file.lower().endswith(".claimsheet"):
        # Start loading spaCy in a helper process first, on the other core, while
        # this process imports Qt and builds the window.
        from app.services.extraction import SERVICE

        try:
            SERVICE.start()
        except OSError:
            pass  # the window reports it when extraction is asked for
    try:
        from app.ui.application import run_window
    except ImportError as exc:
        return fail(f"the window needs PySide6, which cannot be loaded here ({exc})")
    return run_window(args.file, smoke=bool(args.smoke))
