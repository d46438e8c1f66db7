"""`claimsheet validate FILE`: print `ok` or what is wrong, without loading spaCy or Qt.

Both formats are checked: a version-1 JSON file, and a version-2 container
with every evidence file present and matching its SHA-256.
"""

from __future__ import annotations

import argparse

from app.commands import fail


def run(args: argparse.Namespace) -> int:
    from app.document.fileformat import WorksheetError, load_worksheet

    try:
        ws = load_worksheet(args.file, verify_evidence=True)
    except WorksheetError as exc:
        return fail(str(exc))
    del ws
    print("ok")
    return 0
