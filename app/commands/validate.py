"""`claimsheet validate FILE`: print `ok` or what is wrong, without loading spaCy or Qt."""

from __future__ import annotations

import argparse

from app.commands import fail


def run(args: argparse.Namespace) -> int:
    from app.document.fileformat import WorksheetError, load_worksheet

    try:
        ws = load_worksheet(args.file)
    except WorksheetError as exc:
        return fail(str(exc))
    del ws
    print("ok")
    return 0
