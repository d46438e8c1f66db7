"""The `.claimsheet` file: one pretty-printed UTF-8 JSON document.

Loading is defensive, because worksheets travel by mail: every way a file can
be wrong (empty, truncated, binary, foreign, hostile, from a newer version,
too large, a device or a pipe) ends in one :class:`WorksheetError` whose
message names the file and says what is wrong in plain words. The file is
read with :func:`app.reading.read_file` (regular files only, at most
:data:`MAX_FILE_BYTES`), and the sizes that keep loading, exporting and the
window quick are checked right after parsing (:data:`MAX_CLAIMS` …). Saving
serializes completely first and then writes atomically (see
:mod:`app.document.atomic`); lone surrogates are written as U+FFFD
(:mod:`app.document.utf8`).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from app.document import utf8
from app.document.anchors import Anchor, SearchBudget, SearchBudgetExceeded, reanchor
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
    text_sha256,
)
from app.document.validation import consistency_problem, schema_problem
from app.messages import one_line, shown_name
from app.reading import FileRefused, FileTooLarge, describe_size, read_file

log = logging.getLogger("claimsheet.document")

FORMAT = "claimsheet"
EXTENSION = ".claimsheet"

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest worksheet file read; larger files are refused before reading."""
MAX_CLAIMS = 50_000
"""Most claims in one worksheet: a 5 MB article (the largest import) gives about 25,000."""
MAX_SOURCES = 20_000
"""Most sources in one worksheet."""
MAX_CHECKABLES = 250_000
"""Most checkables in one worksheet, all claims together."""

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
        end = "" if problem.endswith(".") else "."
        super().__init__(one_line(f"Cannot open {shown_name(self.path)}: {problem}{end}"))


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
    text = utf8.scrub(art.text) if not art.text.isascii() else art.text
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
            "file_sha256": art.file_sha256, "sha256": text_sha256(text), "text": text,
        },
        "claims": [_claim_to_dict(c) for c in ws.claims],
        "sources": [_source_to_dict(s) for s in ws.sources],
    }


def dumps(ws: Worksheet) -> str:
    """Pretty-printed JSON text of a worksheet, ending with a newline."""
    return json.dumps(worksheet_to_dict(ws), ensure_ascii=False, indent=2) + "\n"


def to_bytes(ws: Worksheet) -> bytes:
    """The file's bytes: :func:`dumps` as UTF-8, any lone surrogate written as U+FFFD."""
    return utf8.encode(dumps(ws))


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


def _offset(value: Any) -> int:
    """An offset from the file: JSON Schema counts ``3.0`` as an integer, Python slices do not."""
    return value if isinstance(value, int) else int(value)


def _checkable_from_dict(d: dict[str, Any], text: str, where: str,
                         budget: SearchBudget) -> Checkable:
    start, end, quoted = _offset(d["start"]), _offset(d["end"]), d["text"]
    if text[start:end] != quoted:
        found = reanchor(Anchor(start, end, quoted), text, budget) if quoted else None
        if found is None:
            raise _Problem(f"{where}: its text {_quoted(quoted)} is not in the article")
        start, end = found.start, found.end
    return Checkable(
        id=d["id"], type=_CHECKABLE_TYPES[d["type"]], start=start, end=end, text=quoted,
        value=d.get("value"), attributes=dict(d.get("attributes", {})),
        checked=d.get("checked", False), note=d.get("note", ""),
    )


def _quoted(value: str) -> str:
    """A short piece of text from the file, quoted for a message."""
    return json.dumps(value[:40] + ("\u2026" if len(value) > 40 else ""), ensure_ascii=False)


def _claim_from_dict(d: dict[str, Any], text: str, number: int, budget: SearchBudget) -> Claim:
    a = d["anchor"]
    anchor = Anchor(_offset(a["start"]), _offset(a["end"]), a["exact"], a.get("prefix", ""),
                    a.get("suffix", ""))
    if not anchor.matches(text):
        found = reanchor(anchor, text, budget)
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
            _checkable_from_dict(k, text, f"checkable {i} of claim {number}", budget)
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
    budget = SearchBudget()
    try:
        claims = [_claim_from_dict(c, text, n, budget)
                  for n, c in enumerate(document["claims"], start=1)]
    except SearchBudgetExceeded:
        raise _Problem("too many claims have quotes that are not where the file says; "
                       "Claimsheet gave up looking for them (the file was probably edited "
                       "outside Claimsheet)") from None
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
        claims=claims,
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


def _not_json(text: str) -> str:
    """What a file that does not even start like JSON looks like, for the message."""
    head = text[:512].lower()
    if head.startswith("<") or "<html" in head or "<!doctype" in head:
        return "this is not a Claimsheet worksheet (it looks like an HTML or XML document)"
    return "this is not a Claimsheet worksheet (it is a text file, not a worksheet)"


def _reject_constant(name: str) -> Any:
    raise _Problem(f"the file is damaged: it holds {name}, which is not a number a worksheet uses")


def _check_sizes(document: dict[str, Any]) -> None:
    """Refuse, before any slow step, a worksheet larger than Claimsheet handles."""
    claims = document.get("claims")
    sources = document.get("sources")
    if isinstance(claims, list) and len(claims) > MAX_CLAIMS:
        raise _Problem(f"it has {len(claims):,} claims; Claimsheet opens worksheets of up to "
                       f"{MAX_CLAIMS:,} claims")
    if isinstance(sources, list) and len(sources) > MAX_SOURCES:
        raise _Problem(f"it has {len(sources):,} sources; Claimsheet opens worksheets of up to "
                       f"{MAX_SOURCES:,} sources")
    if isinstance(claims, list):
        checkables = sum(len(c.get("checkables") or ()) for c in claims
                         if isinstance(c, dict) and isinstance(c.get("checkables"), list))
        if checkables > MAX_CHECKABLES:
            raise _Problem(f"it has {checkables:,} checkables; Claimsheet opens worksheets of "
                           f"up to {MAX_CHECKABLES:,}")


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
    if not text.lstrip().startswith(("{", "[")):
        raise _Problem(_not_json(text.lstrip()))
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise _Problem("the file is nested too deeply to be a worksheet") from None
    except json.JSONDecodeError as exc:
        if exc.msg.startswith("Extra data"):
            raise _Problem(f"the file is damaged: something follows the end of the worksheet "
                           f"(line {exc.lineno}, column {exc.colno})") from None
        if not text.rstrip().endswith(("}", "]")) or exc.pos >= len(text.rstrip()) - 1:
            raise _Problem("the file is cut off (truncated): it ends in the middle of the "
                           "worksheet") from None
        raise _Problem(f"the file is damaged: invalid JSON at line {exc.lineno}, column "
                       f"{exc.colno} ({exc.msg})") from None
    except ValueError:  # Python refuses to convert an integer of thousands of digits
        raise _Problem("the file is damaged: it holds a number thousands of digits long") \
            from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _Problem('this is not a Claimsheet worksheet (it has no "format": "claimsheet" '
                       "marker)")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _Problem("the worksheet has no valid format version")
    _check_sizes(document)
    if utf8.may_hold_surrogates(text):
        document = utf8.scrub_document(document)
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
    except MemoryError:
        raise WorksheetError(path, "there is not enough memory to open it") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError):
        # The schema should have caught this; never let it reach the user as a traceback.
        log.warning("a worksheet passed the checks but could not be built", exc_info=True)
        raise WorksheetError(path, "the worksheet does not follow the Claimsheet format "
                                   "(a field holds a value of the wrong kind)") from None


def load_worksheet(path: str | os.PathLike[str]) -> Worksheet:
    """Read and check a `.claimsheet` file. The only exception is WorksheetError."""
    try:
        data = read_file(path, limit=MAX_FILE_BYTES)
    except FileTooLarge as exc:
        size = f"{exc.size / 1e6:.0f} MB" if exc.size is not None else "larger than that"
        raise WorksheetError(path, f"the file is {size}; a worksheet is at most "
                                   f"{describe_size(MAX_FILE_BYTES)}") from None
    except FileRefused as exc:
        raise WorksheetError(path, exc.reason) from None
    return loads(data, path)


def save_worksheet(ws: Worksheet, path: str | os.PathLike[str], *, touch: bool = True) -> None:
    """Serialize completely, then write atomically; the previous file is kept as `.bak`."""
    if touch:
        ws.touch()
    atomic_write(path, to_bytes(ws))
