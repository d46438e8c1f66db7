"""`claimsheet new ARTICLE -o FILE`: import an article, extract claims, save a worksheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.commands import fail


def run(args: argparse.Namespace) -> int:
    from app.document.fileformat import EXTENSION, save_worksheet
    from app.document.model import Worksheet
    from app.importers import ArticleImportError, import_article

    output = Path(args.output)
    if output.suffix != EXTENSION:
        return fail(f"the output file should end in {EXTENSION} (got {output.name})")
    if output.exists() and not args.force:
        return fail(f"{output} already exists; use --force to overwrite it")
    if not output.parent.exists():
        return fail(f"the folder {output.parent} does not exist")
    try:
        result = import_article(args.article)
    except ArticleImportError as exc:
        return fail(str(exc))
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    ws = Worksheet(result.article, checker=" ".join((args.checker or "").split()))
    if not args.no_extract:
        from app.extract import extract
        from app.extract.pipeline import ModelIntegrityError

        try:
            ws.claims = extract(ws.article)
        except ModelIntegrityError as exc:
            return fail(str(exc))
    try:
        save_worksheet(ws, output)
    except OSError as exc:
        return fail(f"cannot write {output}: {exc.strerror or exc}")
    print(f"{output}: {len(ws.claims)} claims from {Path(args.article).name}")
    return 0
