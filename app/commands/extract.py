"""`claimsheet extract ARTICLE [--json] [--date YYYY-MM-DD]`: print the claims of an article.

The JSON form is the contract of ``shared/eval/README.md``: offsets are Python
string offsets into the article text. A plain ``.txt`` file is used exactly as
decoded from UTF-8 (BOM removed) so offsets match the file; other formats go
through the importers first.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from app.commands import fail
from app.messages import shown


def run(args: argparse.Namespace) -> int:
    published = None
    if args.date:
        try:
            published = date.fromisoformat(args.date)
        except ValueError:
            return fail(f"--date wants YYYY-MM-DD, got {args.date!r}")
    path = Path(args.article)
    text, article_published = _read_article(path)
    if text is None:
        return fail(article_published or f"{path}: cannot read the article")
    if published is None and article_published:
        try:
            published = date.fromisoformat(article_published[:10])
        except ValueError:
            published = None

    from app.extract.extractor import dateline, engine, extract
    from app.extract.pipeline import ModelIntegrityError, load_pipeline

    published = published or dateline(text)

    try:
        pipeline = load_pipeline()
    except ModelIntegrityError as exc:
        return fail(str(exc))
    if pipeline.warning:
        print(f"warning: {pipeline.warning}", file=sys.stderr)
    engine(pipeline)
    claims = extract(text, published=published, pipeline=pipeline)
    if args.json:
        json.dump({"article": path.name, "model": pipeline.name,
                   "published": published.isoformat() if published else None,
                   "claims": [claim_json(c) for c in claims]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for number, claim in enumerate(sorted(claims, key=lambda c: -c.worthiness), start=1):
        flags = [claim.sourcing.value + (f" ({claim.source_name})" if claim.source_name else "")]
        if claim.hedged:
            flags.append("hedged: " + ", ".join(claim.hedges))
        print(f"{number:3d}. [{claim.worthiness:.2f}] {claim.quote}")
        print(f"     sourcing {'; '.join(flags)}")
        for k in claim.checkables:
            value = f" = {k.value}" if k.value and k.value != k.text else ""
            print(f"     - {k.type.value}: {k.text}{value}")
    print(f"{len(claims)} claims")
    return 0


def claim_json(claim: Any) -> dict[str, Any]:
    """One claim in the evaluation contract, with the extras the contract allows."""
    return {
        "start": claim.start, "end": claim.end, "text": claim.quote,
        "sourcing": claim.sourcing.value, "source": claim.source_name,
        "hedged": claim.hedged, "hedges": claim.hedges,
        "worthiness": claim.worthiness,
        "checkables": [
            {"type": k.type.value, "start": k.start, "end": k.end, "text": k.text,
             "value": k.value, **({"attributes": k.attributes} if k.attributes else {})}
            for k in claim.checkables
        ],
    }


def _read_article(path: Path) -> tuple[str | None, str]:
    """(text, published date or error message)."""
    from app.importers import ArticleImportError, import_article
    from app.importers.limits import MAX_FILE_BYTES
    from app.importers.textshape import shape_problem
    from app.reading import FileRefused, read_file

    if path.suffix.lower() in (".txt", ".text", ""):
        try:
            data = read_file(path, limit=MAX_FILE_BYTES)
        except FileRefused as exc:
            return None, f"{shown(path)}: {exc.reason}"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            text = text[1:] if text.startswith("\ufeff") else text
            problem = shape_problem(text)
            if problem is not None:
                return None, f"{shown(path)}: {problem}"
            return text, ""
    try:
        result = import_article(str(path))
    except ArticleImportError as exc:
        return None, str(exc)
    return result.article.text, result.article.published
