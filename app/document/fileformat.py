"""The `.claimsheet` file: one pretty-printed UTF-8 JSON document.

Loading is defensive, because worksheets travel by mail: every way a file can
be wrong (empty, truncated, binary, foreign, hostile, from a newer version)
ends in one :class:`WorksheetError` whose message names the file and says what
is wrong in plain words. Saving serializes completely first and then writes
atomically (see :mod:`app.document.atomic`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from app.document.anchors import Anchor, reanchor
from app.document.atomic import atomic_write
from app.document.migrations import CURRENT_VERSION, MigrationError, migrate
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Origin,
    Source,
    SourceKind,
    Sourcing,
    Stance,
    Status,
    Verdict,
    Worksheet,
)
from app.document.validation import consistency_problem, schema_problem

FORMAT = "claimsheet"
EXTENSION = ".claimsheet"
MAX_FILE_BYTES = 64 * 1024 * 1024

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program (executable)",
    b"MZ": "a Windows program",
    b"\x1f\x8b": "a gzip archive",
}


class WorksheetError(Exception):
    """A worksheet file that cannot be opened; the message is meant for the user."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"Cannot open {self.path.name}: {problem}.")


# ---------------------------------------------------------------- to JSON


def _checkable_to_dict(k: Checkable) -> dict[str, Any]:
    return {"id": k.id, "type": k.type.value, "start": k.start, "end": k.end, "text": k.text,
            "value": k.value, "attributes": dict(k.attributes), "checked": k.checked,
            "note": k.note}


def _claim_to_dict(c: Claim) -> dict[str, Any]:
    a = c.anchor
    return {
        "id": c.id,
        "anchor": {"start": a.start, "end": a.end, "exact": a.exact, "prefix": a.prefix,
                   "suffix": a.suffix},
        "worthiness": c.worthiness,
        "sourcing": c.sourcing.value,
        "source_name": c.source_name,
        "hedged": c.hedged,
        "hedges": list(c.hedges),
        "checkables": [_checkable_to_dict(k) for k in c.checkables],
        "verdict": None if c.verdict is None else c.verdict.value,
        "status": c.status.value,
        "rationale": c.rationale,
        "citations": [{"source": x.source_id, "stance": x.stance.value} for x in c.citations],
        "tags": list(c.tags),
        "origin": c.origin.value,
        "number": c.number,
    }


def _source_to_dict(s: Source) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher,
            "author": s.author, "published": s.published, "accessed": s.accessed,
            "archive_url": s.archive_url, "kind": s.kind.value, "excerpt": s.excerpt,
            "notes": s.notes}


def worksheet_to_dict(ws: Worksheet) -> dict[str, Any]:
    """The JSON document for a worksheet, keys in a stable, diff-friendly order."""
    ws.assign_numbers()
    art = ws.article
    return {
        "format": FORMAT,
        "version": CURRENT_VERSION,
        "id": ws.id,
        "created": ws.created,
        "modified": ws.modified,
        "checker": ws.checker,
        "reviewer": ws.reviewer,
        "notes": ws.notes,
        "next_claim_number": ws.next_number,
        "article": {
            "title": art.title, "outlet": art.outlet, "author": art.author, "url": art.url,
            "published": art.published, "language": art.language,
            "imported_from": art.imported_from, "import_format": art.import_format,
            "file_sha256": art.file_sha256, "sha256": art.sha256, "text": art.text,
        },
        "claims": [_claim_to_dict(c) for c in ws.claims],
        "sources": [_source_to_dict(s) for s in ws.sources],
    }


def dumps(ws: Worksheet) -> str:
    """Pretty-printed JSON text of a worksheet, ending with a newline."""
    return json.dumps(worksheet_to_dict(ws), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- from JSON


def _by_value(enum: Any) -> dict[str, Any]:
    """Value -> member table: a dict lookup is several times cheaper than ``Enum(value)``."""
    return {member.value: member for member in enum}


_CHECKABLE_TYPES = _by_value(CheckableType)
_SOURCINGS = _by_value(Sourcing)
_VERDICTS = _by_value(Verdict)
_STATUSES = _by_value(Status)
_STANCES = _by_value(Stance)
_ORIGINS = _by_value(Origin)
_SOURCE_KINDS = _by_value(SourceKind)


class _Problem(Exception):
    """Internal: a problem found while building objects, reported as WorksheetError."""


def _checkable_from_dict(d: dict[str, Any], text: str, where: str) -> Checkable:
    start, end, quoted = d["start"], d["end"], d["text"]
    if text[start:end] != quoted:
        found = reanchor(Anchor(start, end, quoted), text) if quoted else None
        if found is None:
            raise _Problem(f"{where}: its text {quoted[:40]!r} is not in the article")
        start, end = found.start, found.end
    return Checkable(
        id=d["id"], type=_CHECKABLE_TYPES[d["type"]], start=start, end=end, text=quoted,
        value=d.get("value"), attributes=dict(d.get("attributes", {})),
        checked=d.get("checked", False), note=d.get("note", ""),
    )


def _claim_from_dict(d: dict[str, Any], text: str, number: int) -> Claim:
    a = d["anchor"]
    anchor = Anchor(a["start"], a["end"], a["exact"], a.get("prefix", ""), a.get("suffix", ""))
    if not anchor.matches(text):
        found = reanchor(anchor, text)
        if found is None:
            raise _Problem(f"claim {number}'s quote is not in the article")
        anchor = found
    verdict = d.get("verdict")
    return Claim(
        id=d["id"],
        anchor=anchor,
        worthiness=float(d.get("worthiness", 0.0)),
        sourcing=_SOURCINGS[d.get("sourcing", "none")],
        source_name=d.get("source_name", ""),
        hedged=d.get("hedged", False),
        hedges=list(d.get("hedges", [])),
        checkables=[
            _checkable_from_dict(k, text, f"checkable {i} of claim {number}")
            for i, k in enumerate(d.get("checkables", []), start=1)
        ],
        verdict=None if verdict is None else _VERDICTS[verdict],
        status=_STATUSES[d.get("status", "todo")],
        rationale=d.get("rationale", ""),
        citations=[Citation(x["source"], _STANCES[x["stance"]]) for x in d.get("citations", [])],
        tags=list(d.get("tags", [])),
        origin=_ORIGINS[d.get("origin", "extracted")],
        number=int(d.get("number", 0)),
    )


def _source_from_dict(d: dict[str, Any]) -> Source:
    return Source(
        id=d["id"], title=d.get("title", ""), url=d.get("url", ""),
        publisher=d.get("publisher", ""), author=d.get("author", ""),
        published=d.get("published", ""), accessed=d.get("accessed", ""),
        archive_url=d.get("archive_url", ""), kind=_SOURCE_KINDS[d.get("kind", "other")],
        excerpt=d.get("excerpt", ""), notes=d.get("notes", ""),
    )


def worksheet_from_dict(document: dict[str, Any]) -> Worksheet:
    """Build a worksheet from a document that passed :func:`check_document`."""
    art = document["article"]
    text = art["text"]
    article = Article(
        text=text, title=art.get("title", ""), outlet=art.get("outlet", ""),
        author=art.get("author", ""), url=art.get("url", ""),
        published=art.get("published", ""), language=art.get("language", "en"),
        imported_from=art.get("imported_from", ""), import_format=art.get("import_format", ""),
        file_sha256=art.get("file_sha256", ""),
    )
    worksheet = Worksheet(
        id=document["id"],
        article=article,
        claims=[_claim_from_dict(c, text, n) for n, c in enumerate(document["claims"], start=1)],
        sources=[_source_from_dict(s) for s in document["sources"]],
        checker=document.get("checker", ""),
        reviewer=document.get("reviewer", ""),
        notes=document.get("notes", ""),
        created=document.get("created", ""),
        modified=document.get("modified", ""),
        next_number=int(document.get("next_claim_number", 1)),
    )
    # Files written before claims carried numbers (format 1 from earlier releases)
    # get them here, in reading order: the numbers the checker saw then.
    worksheet.assign_numbers()
    return worksheet


# ---------------------------------------------------------------- load / save


def _sniff_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    return None


def parse_document(data: bytes) -> dict[str, Any]:
    """Bytes to an up-to-date, checked JSON document; raises _Problem with the reason."""
    if not data.strip():
        raise _Problem("the file is empty")
    what = _sniff_binary(data)
    if what is not None:
        raise _Problem(f"this is {what}, not a Claimsheet worksheet")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Problem("this is not a text file (it holds binary data), "
                       "so it is not a Claimsheet worksheet") from None
    if "\x00" in text:
        raise _Problem("this holds binary data, so it is not a Claimsheet worksheet")
    try:
        document = json.loads(text)
    except RecursionError:
        raise _Problem("the file is nested too deeply to be a worksheet") from None
    except json.JSONDecodeError as exc:
        if not text.rstrip().endswith(("}", "]")) or exc.pos >= len(text.rstrip()) - 1:
            raise _Problem("the file is cut off (truncated): it ends in the middle of the "
                           "worksheet") from None
        raise _Problem(f"the file is damaged: invalid JSON at line {exc.lineno}, column "
                       f"{exc.colno} ({exc.msg})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _Problem('this is not a Claimsheet worksheet (it has no "format": "claimsheet" '
                       "marker)")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Problem("the worksheet has no valid format version")
    try:
        document = migrate(document)
    except MigrationError as exc:
        raise _Problem(str(exc)) from None
    problem = schema_problem(document) or consistency_problem(document)
    if problem is not None:
        raise _Problem(problem)
    return document


def loads(data: bytes, path: str | os.PathLike[str] = "worksheet") -> Worksheet:
    """Parse worksheet bytes; any problem raises WorksheetError naming ``path``."""
    try:
        return worksheet_from_dict(parse_document(data))
    except _Problem as exc:
        raise WorksheetError(path, str(exc)) from None
    except RecursionError:
        raise WorksheetError(path, "the file is nested too deeply to be a worksheet") from None
    except (KeyError, TypeError, ValueError) as exc:
        # The schema should have caught this; never let it reach the user as a traceback.
        raise WorksheetError(path, f"the worksheet does not follow the Claimsheet format "
                                   f"({type(exc).__name__}: {exc})") from None


def load_worksheet(path: str | os.PathLike[str]) -> Worksheet:
    """Read and check a `.claimsheet` file. The only exception is WorksheetError."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise WorksheetError(p, "it is a folder, not a file")
        if size > MAX_FILE_BYTES:
            raise WorksheetError(p, f"the file is {size / 1e6:.0f} MB; a worksheet is at most "
                                    f"{MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = p.read_bytes()
    except FileNotFoundError:
        raise WorksheetError(p, "the file does not exist") from None
    except PermissionError:
        raise WorksheetError(p, "permission denied") from None
    except OSError as exc:
        raise WorksheetError(p, exc.strerror or "the file cannot be read") from None
    return loads(data, p)


def save_worksheet(ws: Worksheet, path: str | os.PathLike[str], *, touch: bool = True) -> None:
    """Serialize completely, then write atomically; the previous file is kept as `.bak`."""
    if touch:
        ws.touch()
    data = dumps(ws).encode("utf-8")
    atomic_write(path, data)
