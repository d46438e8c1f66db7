"""`claimsheet desktop install|uninstall`: the menu entry, icon and file type on Linux."""

from __future__ import annotations

import argparse
import sys

from app.commands import fail


def run(args: argparse.Namespace) -> int:
    from app.desktop import DesktopError, install, uninstall

    if sys.platform == "win32" or sys.platform == "darwin":
        return fail("desktop integration writes freedesktop.org entries (Linux, BSD); on "
                    "Windows and macOS the installer registers the file type "
                    "(see docs/packaging.md)")
    try:
        report = install() if args.action == "install" else uninstall()
    except DesktopError as exc:
        return fail(str(exc))
    for line in report:
        print(line)
    return 0
