"""`claimsheet new ARTICLE -o FILE`: import an article, extract claims, save a worksheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands import fail
from app.messages import shown, shown_name


def run(args: argparse.Namespace) -> int:
    from app.document.fileformat import EXTENSION, MAX_CLAIMS, save_worksheet
    from app.document.model import Worksheet
    from app.importers import ArticleImportError, import_article

    output = Path(args.output)
    if output.suffix != EXTENSION:
        return fail(f"the output file should end in {EXTENSION} (got {shown_name(output)})")
    if output.exists() and not args.force:
        return fail(f"{shown(output)} already exists; use --force to overwrite it")
    if not output.parent.exists():
        return fail(f"the folder {shown(output.parent)} does not exist")
    from app.commands.progress import terminal_progress

    try:
        with terminal_progress("reading the article") as progress:
            result = import_article(args.article, progress=progress)
    except ArticleImportError as exc:
        return fail(str(exc))
    for note in result.notes:
        print(f"note: {shown(note, 400)}", file=sys.stderr)
    ws = Worksheet(result.article, checker=" ".join((args.checker or "").split()))
    if not args.no_extract:
        from app.extract import extract
        from app.extract.pipeline import ModelIntegrityError

        try:
            with terminal_progress("extracting claims") as progress:
                ws.claims = extract(ws.article, progress=progress)
        except ModelIntegrityError as exc:
            return fail(str(exc))
        if len(ws.claims) > MAX_CLAIMS:
            return fail(f"the article gives {len(ws.claims):,} claims; a worksheet holds at "
                        f"most {MAX_CLAIMS:,} (split the article and make one worksheet per part)")
    try:
        save_worksheet(ws, output)
    except OSError as exc:
        return fail(f"cannot write {shown(output)}: {exc.strerror or exc}")
    print(f"{shown(output)}: {len(ws.claims)} claims from {shown_name(args.article)}")
    return 0
