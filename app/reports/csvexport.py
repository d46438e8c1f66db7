"""CSV export: one file of claims, one of sources.

Spreadsheets are where editors sort and filter, so the files are UTF-8 with a
byte-order mark (Excel otherwise guesses a legacy code page) and use the csv
module's default dialect. Lists inside a cell are joined with `` | ``.

Spreadsheet programs run a cell starting with ``=``, ``+``, ``-`` or ``@`` as
a formula, and an article can quote anything. Such cells get a leading
apostrophe (the OWASP "CSV injection" advice), and so does a cell that already
starts with one, which keeps the change reversible: :func:`restore_cell` undoes
it, and :func:`read_rows` uses it to read the files
back exactly.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from app.document.model import Worksheet
from app.reports.summary import STANCE_LABELS, checkable_value, summarize, verdict_label

CLAIM_COLUMNS = [
    "number", "id", "quote", "start", "end", "verdict", "verdict_label", "rating", "status",
    "sourcing", "source_name", "hedged", "hedges", "checkables", "checkables_ticked",
    "rationale", "sources", "tags", "origin", "worthiness",
]
SOURCE_COLUMNS = [
    "number", "id", "title", "url", "publisher", "author", "published", "accessed",
    "archive_url", "kind", "excerpt", "notes", "cited_by",
]
LIST_SEPARATOR = " | "
_FORMULA_START = frozenset("=+-@\t\r'")


def protect_cell(value: str) -> str:
    """Neutralize a would-be spreadsheet formula (reversibly)."""
    return "'" + value if value and value[0] in _FORMULA_START else value


def restore_cell(value: str) -> str:
    """Undo :func:`protect_cell`."""
    if len(value) >= 2 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def claim_rows(worksheet: Worksheet) -> list[dict[str, str]]:
    summary = summarize(worksheet)
    rows = []
    for number, claim in worksheet.numbered_claims():
        checkables = [
            f"{k.type.value}: {k.text}" + (f" = {checkable_value(k.attributes, k.value)}"
                                           if k.value or k.attributes else "")
            for k in claim.checkables
        ]
        cited = [f"S{summary.source_numbers[s.id]} ({STANCE_LABELS[stance].lower()})"
                 for s, stance in worksheet.sources_of(claim)]
        rating = claim.verdict.rating if claim.verdict else None
        rows.append({
            "number": str(number),
            "id": claim.id,
            "quote": claim.quote,
            "start": str(claim.start),
            "end": str(claim.end),
            "verdict": claim.verdict.value if claim.verdict else "",
            "verdict_label": verdict_label(claim.verdict) if claim.verdict else "",
            "rating": "" if rating is None else str(rating),
            "status": claim.status.value,
            "sourcing": claim.sourcing.value,
            "source_name": claim.source_name,
            "hedged": "yes" if claim.hedged else "no",
            "hedges": LIST_SEPARATOR.join(claim.hedges),
            "checkables": LIST_SEPARATOR.join(checkables),
            "checkables_ticked": f"{sum(k.checked for k in claim.checkables)}/"
                                 f"{len(claim.checkables)}",
            "rationale": claim.rationale,
            "sources": LIST_SEPARATOR.join(cited),
            "tags": LIST_SEPARATOR.join(claim.tags),
            "origin": claim.origin.value,
            "worthiness": f"{claim.worthiness:.3f}",
        })
    return rows


def source_rows(worksheet: Worksheet) -> list[dict[str, str]]:
    summary = summarize(worksheet)
    rows = []
    for number, source in enumerate(worksheet.sources, start=1):
        cited = [f"{n} ({STANCE_LABELS[stance].lower()})"
                 for n, stance in summary.cited_by.get(source.id, [])]
        rows.append({
            "number": f"S{number}", "id": source.id, "title": source.title, "url": source.url,
            "publisher": source.publisher, "author": source.author,
            "published": source.published, "accessed": source.accessed,
            "archive_url": source.archive_url, "kind": source.kind.value,
            "excerpt": source.excerpt, "notes": source.notes,
            "cited_by": LIST_SEPARATOR.join(cited),
        })
    return rows


def to_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: protect_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def sources_path(claims_path: str | os.PathLike[str]) -> Path:
    """Where the sources file goes: ``OUT.csv`` → ``OUT.sources.csv``."""
    path = Path(claims_path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.sources{path.suffix or '.csv'}")


def write_csv(worksheet: Worksheet, claims_path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write the claims and sources files; returns both paths."""
    from app.document.atomic import atomic_write
    from app.document.utf8 import encode

    claims_file = Path(claims_path)
    sources_file = sources_path(claims_file)
    for path, text in ((claims_file, to_csv(claim_rows(worksheet), CLAIM_COLUMNS)),
                       (sources_file, to_csv(source_rows(worksheet), SOURCE_COLUMNS))):
        atomic_write(path, encode("\ufeff" + text), keep_backup=False)
    return claims_file, sources_file


def read_rows(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """Read one of the files back, undoing the formula protection."""
    from app.reading import read_file

    text = read_file(path, limit=256 * 1024 * 1024).decode("utf-8-sig")
    return [{key: restore_cell(value) for key, value in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))]
