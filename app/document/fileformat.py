"""The `.claimsheet` file: a ZIP container holding the pretty-printed JSON and the evidence.

Format version 2 (see :mod:`app.document.container` for the container and
``docs/file-format.md``): ``mimetype``, then ``worksheet.json`` (the same
pretty-printed JSON as version 1, plus an ``evidence`` list), then one
``evidence/<sha256>.<ext>`` per evidence file. Version 1 files (the JSON on
its own) still open, and a bare ``worksheet.json`` taken out of a container
opens too when it lists no evidence; both are written as containers on the
next save.

The JSON is encoded, decoded and validated from one definition, the model's
dataclasses (:mod:`app.document.definition`, :mod:`app.document.schema`).

Loading is defensive, because worksheets travel by mail: every way a file can
be wrong (empty, truncated, binary, foreign, hostile, from a newer version,
too large, a device or a pipe, a container with paths that escape, members
that overlap or inflate without end, evidence missing or not matching its
hash) ends in one :class:`WorksheetError` whose message names the file and
says what is wrong in plain words. Files are opened with the bounded reader
(:mod:`app.reading`); the sizes that keep loading, exporting and the window
quick are checked right after parsing (:data:`MAX_CLAIMS` …). Evidence is not
read when a worksheet opens (its bytes stay in the container until a view, an
export or ``validate`` asks for them, and are checked against their SHA-256
then); ``verify_evidence=True`` checks every file at once.

Saving serializes completely first and then writes atomically (see
:mod:`app.document.atomic`), copying evidence that is already in the old
container as raw bytes; lone surrogates are written as U+FFFD
(:mod:`app.document.utf8`).
"""

from __future__ import annotations

import errno
import json
import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from app.document import utf8
from app.document.anchors import Anchor, SearchBudget, SearchBudgetExceeded, reanchor
from app.document.atomic import atomic_write_with
from app.document.container import (
    DEFLATED,
    EVIDENCE_NAME,
    JSON_NAME,
    MIMETYPE,
    MIMETYPE_NAME,
    STORED,
    ContainerRefused,
    Handle,
    Member,
    Writer,
    dos_stamp,
    read_member,
    read_members,
)
from app.document.definition import decoder, encoder
from app.document.evidence import (
    KINDS,
    MAX_ITEMS,
    MAX_TOTAL_BYTES,
    member_name,
    numbered,
    total_problem,
)
from app.document.locker import EvidenceProblem
from app.document.migrations import CURRENT_VERSION, MigrationError, migrate
from app.document.model import Worksheet
from app.document.schema import FORMAT
from app.document.validation import consistency_problem, schema_problem
from app.messages import one_line, shown_name
from app.reading import FileRefused, FileTooLarge, describe_size, open_regular, read_file

log = logging.getLogger("claimsheet.document")

EXTENSION = ".claimsheet"

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest worksheet JSON (a version-1 file, or worksheet.json inflated from a container)."""
MAX_CONTAINER_BYTES = MAX_FILE_BYTES + MAX_TOTAL_BYTES + 64 * 1024 * 1024
"""Largest container file: the JSON, all the evidence, and room for ZIP headers."""
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


class WorksheetTooLarge(OSError):
    """A worksheet over the sizes Claimsheet opens; saving it would write a file that
    could not be reopened. An ``OSError`` whose message is the sentence for the user,
    so every place that reports a failed write reports this one too."""


class WorksheetError(Exception):
    """A worksheet file that cannot be opened; the message is meant for the user."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        end = "" if problem.endswith(".") else "."
        super().__init__(one_line(f"Cannot open {shown_name(self.path)}: {problem}{end}"))


# ---------------------------------------------------------------- to JSON

_encode_worksheet = encoder(Worksheet)
_decode_worksheet = decoder(Worksheet)


def worksheet_to_dict(ws: Worksheet) -> dict[str, Any]:
    """The JSON document for a worksheet, keys in the model's (diff-friendly) order."""
    ws.assign_numbers()
    return {"format": FORMAT, "version": CURRENT_VERSION, **_encode_worksheet(ws)}


def dumps(ws: Worksheet) -> str:
    """Pretty-printed JSON text of a worksheet (``worksheet.json``), ending with a newline."""
    return json.dumps(worksheet_to_dict(ws), ensure_ascii=False, indent=2) + "\n"


def to_bytes(ws: Worksheet) -> bytes:
    """``worksheet.json``'s bytes: :func:`dumps` as UTF-8, lone surrogates written as U+FFFD."""
    return utf8.encode(dumps(ws))


# ---------------------------------------------------------------- from JSON


class _Problem(Exception):
    """Internal: a problem found while building objects, reported as WorksheetError."""


def _quoted(value: str) -> str:
    """A short piece of text from the file, quoted for a message."""
    return json.dumps(value[:40] + ("\u2026" if len(value) > 40 else ""), ensure_ascii=False)


def _reanchor_all(ws: Worksheet) -> None:
    """Offsets that no longer point at their quote are re-found by quote and context."""
    text = ws.article.text
    budget = SearchBudget()
    try:
        for number, claim in enumerate(ws.claims, start=1):
            if not claim.anchor.matches(text):
                found = reanchor(claim.anchor, text, budget)
                if found is None:
                    raise _Problem(f"claim {number}'s quote is not in the article")
                claim.anchor = found
            for k_number, k in enumerate(claim.checkables, start=1):
                if text[k.start:k.end] == k.text:
                    continue
                found = reanchor(Anchor(k.start, k.end, k.text), text, budget) if k.text \
                    else None
                if found is None:
                    raise _Problem(f"checkable {k_number} of claim {number}: its text "
                                   f"{_quoted(k.text)} is not in the article")
                k.start, k.end = found.start, found.end
    except SearchBudgetExceeded:
        raise _Problem("too many claims have quotes that are not where the file says; "
                       "Claimsheet gave up looking for them (the file was probably edited "
                       "outside Claimsheet)") from None


def worksheet_from_dict(document: dict[str, Any]) -> Worksheet:
    """Build a worksheet from a document that passed :func:`parse_document`."""
    worksheet: Worksheet = _decode_worksheet(document)
    _reanchor_all(worksheet)
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


def size_problem(claims: int, sources: int, checkables: int) -> str | None:
    """Why a worksheet of these sizes is larger than Claimsheet opens, or None."""
    if claims > MAX_CLAIMS:
        return (f"it has {claims:,} claims; Claimsheet opens worksheets of up to "
                f"{MAX_CLAIMS:,} claims")
    if sources > MAX_SOURCES:
        return (f"it has {sources:,} sources; Claimsheet opens worksheets of up to "
                f"{MAX_SOURCES:,} sources")
    if checkables > MAX_CHECKABLES:
        return (f"it has {checkables:,} checkables; Claimsheet opens worksheets of "
                f"up to {MAX_CHECKABLES:,}")
    return None


def _check_sizes(document: dict[str, Any]) -> None:
    """Refuse, before any slow step, a worksheet larger than Claimsheet handles."""
    claims = document.get("claims")
    sources = document.get("sources")
    claim_list = claims if isinstance(claims, list) else []
    checkables = sum(len(c.get("checkables") or ()) for c in claim_list
                     if isinstance(c, dict) and isinstance(c.get("checkables"), list))
    problem = size_problem(len(claim_list), len(sources) if isinstance(sources, list) else 0,
                           checkables)
    if problem:
        raise _Problem(problem)
    evidence = document.get("evidence")
    if isinstance(evidence, list) and len(evidence) > MAX_ITEMS:
        raise _Problem(f"it lists {len(evidence):,} evidence files; Claimsheet opens worksheets "
                       f"with up to {MAX_ITEMS:,}")


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


def _build(data: bytes) -> Worksheet:
    return worksheet_from_dict(parse_document(data))


def _guarded(path: str | os.PathLike[str], build: Any) -> Worksheet:
    """Run ``build()``; every problem becomes one WorksheetError naming ``path``."""
    try:
        worksheet: Worksheet = build()
        return worksheet
    except _Problem as exc:
        raise WorksheetError(path, str(exc)) from None
    except ContainerRefused as exc:
        raise WorksheetError(path, exc.reason) from None
    except EvidenceProblem as exc:
        raise WorksheetError(path, exc.reason) from None
    except RecursionError:
        raise WorksheetError(path, "the file is nested too deeply to be a worksheet") from None
    except MemoryError:
        raise WorksheetError(path, "there is not enough memory to open it") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError):
        # The schema should have caught this; never let it reach the user as a traceback.
        log.warning("a worksheet passed the checks but could not be built", exc_info=True)
        raise WorksheetError(path, "the worksheet does not follow the Claimsheet format "
                                   "(a field holds a value of the wrong kind)") from None


def loads(data: bytes, path: str | os.PathLike[str] = "worksheet") -> Worksheet:
    """Parse ``worksheet.json`` bytes (or a version-1 file); problems raise WorksheetError.

    A document that lists evidence needs its container: use :func:`load_worksheet`.
    """
    def build() -> Worksheet:
        worksheet = _build(data)
        if worksheet.evidence:
            raise _Problem(_BARE_WITH_EVIDENCE.format(len(worksheet.evidence)))
        return worksheet

    return _guarded(path, build)


_BARE_WITH_EVIDENCE = ("it lists {0:,} evidence files but is a bare worksheet.json, without "
                       "them (open the .claimsheet file it came from)")


def _size_refusal(path: str | os.PathLike[str], exc: FileTooLarge, limit: int,
                  what: str) -> WorksheetError:
    size = f"{exc.size / 1e6:.0f} MB" if exc.size is not None else "larger than that"
    return WorksheetError(path, f"the file is {size}; {what} is at most {describe_size(limit)}")


def _match_evidence(worksheet: Worksheet, members: dict[str, Member]) -> dict[str, Member]:
    """Every listed evidence file is in the container, the right size; nothing else is."""
    by_sha: dict[str, Member] = {}
    for name, member in members.items():
        found = EVIDENCE_NAME.fullmatch(name)
        if found:
            by_sha[found.group(1)] = member
    listed = set()
    for number, item in enumerate(worksheet.evidence, start=1):
        listed.add(item.sha256)
        found_member = by_sha.get(item.sha256)
        what = numbered(number, item)
        if found_member is None:
            raise _Problem(f"{what} is missing from the container")
        member = found_member
        if member.name.split(".", 1)[1] not in KINDS[item.media_type].extensions:
            raise _Problem(f"{what} is stored as {member.name}, which is not a "
                           f"{KINDS[item.media_type].label}")
        if member.size != item.size:
            raise _Problem(f"{what} is {describe_size(member.size)} in the container, not the "
                           f"{describe_size(item.size)} the worksheet lists")
    for sha, member in by_sha.items():
        if sha not in listed:
            raise _Problem(f"the container holds {member.name}, which the worksheet does not "
                           "list as evidence")
    return by_sha


def verify_evidence(worksheet: Worksheet) -> None:
    """Read every evidence file and check its SHA-256; raises EvidenceProblem."""
    for number, item in enumerate(worksheet.evidence, start=1):
        worksheet.locker.verify(item.sha256, item.size,
                                what=numbered(number, item))


def _load_container(path: str | os.PathLike[str], fd: int, verify: bool) -> Worksheet:
    handle = Handle(fd, os.fspath(path))

    def build() -> Worksheet:
        size = os.fstat(fd).st_size
        members = read_members(handle, size, max_members=MAX_ITEMS + 2)
        data = read_member(handle, members[JSON_NAME], limit=MAX_FILE_BYTES)
        worksheet = _build(data)
        by_sha = _match_evidence(worksheet, members)
        worksheet.locker.adopt_container(handle, by_sha)
        if verify:
            verify_evidence(worksheet)
        return worksheet

    try:
        return _guarded(path, build)
    except BaseException:
        handle.close()
        raise


def load_worksheet(path: str | os.PathLike[str], *, verify_evidence: bool = False) -> Worksheet:
    """Read and check a `.claimsheet` file. The only exception is WorksheetError.

    Evidence is not read (only its place in the container is checked) unless
    ``verify_evidence``, which reads every evidence file and checks its hash.
    """
    try:
        fd = open_regular(path, limit=MAX_CONTAINER_BYTES)
    except FileTooLarge as exc:
        raise _size_refusal(path, exc, MAX_CONTAINER_BYTES,
                            "a worksheet with its evidence") from None
    except FileRefused as exc:
        raise WorksheetError(path, exc.reason) from None
    try:
        container = os.pread(fd, 4, 0) == b"PK\x03\x04"
    except OSError as exc:
        os.close(fd)
        raise WorksheetError(path, f"the file could not be read ({exc.strerror})") from None
    if container:
        return _load_container(path, fd, verify_evidence)
    os.close(fd)
    try:
        data = read_file(path, limit=MAX_FILE_BYTES)
    except FileTooLarge as exc:
        raise _size_refusal(path, exc, MAX_FILE_BYTES, "a worksheet") from None
    except FileRefused as exc:
        raise WorksheetError(path, exc.reason) from None
    return loads(data, path)


def reattach_evidence(worksheet: Worksheet, staged: Path | None,
                      container: str | os.PathLike[str] | None) -> list[str]:
    """After a crash: find the bytes of a recovered worksheet's evidence again.

    Each file is looked for among the copies staged in ``staged`` (attached
    since the last save; checked against its hash) and then in the container
    the worksheet was opened from. Records whose bytes are in neither place
    are dropped; their names are returned for the message.
    """
    members: dict[str, Member] = {}
    handle: Handle | None = None
    if container is not None:
        try:
            fd = open_regular(container, limit=MAX_CONTAINER_BYTES)
        except FileRefused:
            fd = -1
        if fd >= 0:
            handle = Handle(fd, os.fspath(container))
            try:
                found = read_members(handle, os.fstat(fd).st_size, max_members=MAX_ITEMS + 2)
            except (ContainerRefused, OSError):
                found = {}
            for name, member in found.items():
                match = EVIDENCE_NAME.fullmatch(name)
                if match:
                    members[match.group(1)] = member
    lost = []
    for item in list(worksheet.evidence):
        if staged is not None and worksheet.locker.recover_staged(item.sha256, staged):
            continue
        kept = members.get(item.sha256)
        if kept is not None and kept.size == item.size and handle is not None:
            worksheet.locker.adopt_container(handle, {item.sha256: kept})
            continue
        worksheet.evidence.remove(item)
        lost.append(item.name)
    return lost


# ---------------------------------------------------------------- save


def _stamp(iso: str) -> tuple[int, int]:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return dos_stamp()
    return dos_stamp(moment.astimezone() if moment.tzinfo else moment)


def save_worksheet(ws: Worksheet, path: str | os.PathLike[str], *, touch: bool = True) -> None:
    """Serialize completely, then write the container atomically; the old file stays `.bak`.

    Evidence already in a container is copied as its raw bytes (no reading
    through Python, no recompressing); evidence attached since is stored, or
    deflated when it is text, once. A failure leaves the old file as it was. A
    worksheet larger than :func:`load_worksheet` accepts is refused with
    :class:`WorksheetTooLarge` before anything is written.
    """
    problem = size_problem(len(ws.claims), len(ws.sources),
                           sum(len(c.checkables) for c in ws.claims))
    if problem:
        raise WorksheetTooLarge(f"{problem} (split the article and make one worksheet per part)")
    if touch:
        ws.touch()
    data = to_bytes(ws)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(errno.EFBIG, f"the worksheet's JSON would be {describe_size(len(data))}; "
                                   f"a worksheet is at most {describe_size(MAX_FILE_BYTES)}")
    problem = total_problem(ws)
    if problem is not None:
        raise OSError(errno.EFBIG, problem)
    plan = []
    for number, item in enumerate(ws.evidence, start=1):
        try:
            blob = ws.locker.blob(item.sha256)
        except EvidenceProblem:
            raise OSError(errno.ENOENT, f"evidence {number} ({item.name}) is not in the "
                                        "worksheet any more (its copy was lost)") from None
        if blob.size != item.size:
            raise OSError(errno.EINVAL, f"evidence {number} ({item.name}) is "
                                        f"{describe_size(blob.size)}, not "
                                        f"{describe_size(item.size)}")
        plan.append((item, blob))
    now = dos_stamp()

    def write(fd: int) -> list[Member]:
        writer = Writer(fd)
        writer.add_bytes(MIMETYPE_NAME, MIMETYPE, STORED, now)
        writer.add_bytes(JSON_NAME, data, STORED, now)
        for item, blob in plan:
            if blob.member is not None and blob.handle is not None:
                writer.add_raw(blob.handle, blob.member)
                continue
            staged = blob.staged
            assert staged is not None
            source = os.open(staged.path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            try:
                method = DEFLATED if KINDS[item.media_type].compress else STORED
                writer.add_file(member_name(item.sha256, item.media_type, staged.head), source,
                                staged.size, staged.crc, method, _stamp(item.captured))
            finally:
                os.close(source)
        return writer.finish()

    try:
        members, fd = atomic_write_with(path, write, keep_open=True)
    except ContainerRefused as refused:
        raise OSError(errno.EIO, refused.reason) from None
    assert fd is not None
    handle = Handle(fd, os.fspath(path))
    written = {}
    for member in members:
        found = EVIDENCE_NAME.fullmatch(member.name)
        if found:
            written[found.group(1)] = member
    ws.locker.adopt_container(handle, written)
