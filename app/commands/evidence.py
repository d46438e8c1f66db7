"""`claimsheet evidence ...`: a worksheet's evidence from the command line.

    claimsheet evidence add FILE.claimsheet SOURCE PATH...   attach files to a source
    claimsheet evidence list FILE.claimsheet                 evidence, with hashes and sources
    claimsheet evidence remove FILE.claimsheet HASH [--source SOURCE]
    claimsheet evidence extract FILE.claimsheet HASH -o OUT  a checked copy of one file

SOURCE is a source's id (``s-3f9a1b2c``), its label in the reports
(``S2``), or ``new`` for a new source named after the first file (a saved
page's own title, else the file name); HASH is the first digits of an
evidence file's SHA-256 (at least 6) or its file name. Every change is all or
nothing: the worksheet is saved once, atomically, after every file was taken
in, or not at all.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import fail
from app.messages import shown, shown_name

ACTIONS = ("add", "list", "remove", "extract")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `evidence` command and its actions, for app.cli."""
    evidence = sub.add_parser("evidence", help="attach, list, remove or extract evidence files",
                              description="The copies of evidence a worksheet keeps, with "
                                          "their SHA-256 hashes and capture times.")
    actions = evidence.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="attach files to a source",
                             description="Copy files into the worksheet as evidence of a "
                                         "source (PDF, PNG/JPEG/WebP, saved pages, WARC/WACZ, "
                                         "text, DOCX). An identical file is stored once.")
    add.add_argument("file", metavar="FILE.claimsheet")
    add.add_argument("source", metavar="SOURCE", help="the source's id, S1, S2 … as in the "
                                                      "reports, or 'new' for a new source "
                                                      "named after the first file")
    add.add_argument("paths", nargs="+", metavar="PATH", help="the files to attach")
    add.add_argument("--url", default="", help="where the files were found (original URL)")
    listing = actions.add_parser("list", help="list the evidence with hashes and sources")
    listing.add_argument("file", metavar="FILE.claimsheet")
    listing.add_argument("--verify", action="store_true",
                         help="also read every file and check its SHA-256")
    remove = actions.add_parser("remove", help="detach evidence from a source, or remove it")
    remove.add_argument("file", metavar="FILE.claimsheet")
    remove.add_argument("evidence", metavar="HASH", help="first digits of the SHA-256, or "
                                                         "the file name")
    remove.add_argument("--source", metavar="SOURCE",
                        help="only detach it from this source (it goes when no source is left)")
    extract = actions.add_parser("extract", help="write a checked copy of one evidence file")
    extract.add_argument("file", metavar="FILE.claimsheet")
    extract.add_argument("evidence", metavar="HASH")
    extract.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="where to write it (must not exist)")


def run(args: argparse.Namespace) -> int:
    from app.document.fileformat import WorksheetError, load_worksheet

    try:
        worksheet = load_worksheet(args.file, verify_evidence=args.action == "list"
                                   and args.verify)
    except WorksheetError as exc:
        return fail(str(exc))
    action = {"add": _add, "list": _list, "remove": _remove, "extract": _extract}[args.action]
    return action(worksheet, args)


def _source_id(worksheet: object, wanted: str) -> str | None:
    from app.document.model import Worksheet

    assert isinstance(worksheet, Worksheet)
    ids = [s.id for s in worksheet.sources]
    if wanted in ids:
        return wanted
    label = wanted.strip().upper()
    if label.startswith("S") and label[1:].isdigit() and 1 <= int(label[1:]) <= len(ids):
        return ids[int(label[1:]) - 1]
    return None


def _save(worksheet: object, path: str) -> int | None:
    from app.document.fileformat import save_worksheet
    from app.document.model import Worksheet

    assert isinstance(worksheet, Worksheet)
    try:
        save_worksheet(worksheet, path)
    except OSError as exc:
        return fail(f"cannot write {shown(path)}: {exc.strerror or exc}")
    return None


def _add(worksheet: object, args: argparse.Namespace) -> int:
    from app.document.evidence import AttachError, attach, capture_file, describe, source_for
    from app.document.model import Worksheet

    assert isinstance(worksheet, Worksheet)
    new_source = args.source.strip().lower() == "new"
    source_id = "" if new_source else _source_id(worksheet, args.source)
    if source_id is None:
        known = ", ".join(f"S{n} ({s.id})" for n, s in enumerate(worksheet.sources, 1)) \
            or "none"
        return fail(f"{shown_name(args.file)} has no source {shown(args.source)} "
                    f"(its sources: {shown(known, 300)})")
    url = args.url.strip()
    if url and not url.lower().startswith(("http://", "https://")):
        return fail(f"the URL should start with http:// or https:// (got {shown(url)})")
    captured = []
    try:
        found = [capture_file(worksheet, path, url=url) for path in args.paths]
        captured = [c.record for c in found]
        if new_source:
            source = source_for(found[0])
            worksheet.sources.append(source)
            source_id = source.id
        before = {item.sha256 for item in worksheet.evidence}
        attach(worksheet, captured, source_id)
    except AttachError as exc:
        return fail(str(exc))
    failed = _save(worksheet, args.file)
    if failed is not None:
        return failed
    if new_source:
        print(f"new source S{len(worksheet.sources)} ({source_id}): "
              f"{shown(worksheet.sources[-1].title)}")
    for record in captured:
        state = "already kept; linked" if record.sha256 in before else "added"
        print(f"{state}: {shown(describe(record))}  sha256 {record.sha256}")
    return 0


def _list(worksheet: object, args: argparse.Namespace) -> int:
    from app.document.evidence import KINDS
    from app.document.model import Worksheet
    from app.reading.files import describe_size

    assert isinstance(worksheet, Worksheet)
    labels = {s.id: f"S{n}" for n, s in enumerate(worksheet.sources, start=1)}
    if not worksheet.evidence:
        print(f"{shown_name(args.file)} has no evidence")
    for item in worksheet.evidence:
        cited = ", ".join(labels.get(s, s) for s in item.sources) or "no source"
        print(f"{item.sha256}  {shown(item.name)}")
        print(f"    {KINDS[item.media_type].label} · {describe_size(item.size)} · captured "
              f"{item.captured} ({item.capture.value}) · cited by {cited}"
              + (f" · {shown(item.url, 200)}" if item.url else ""))
    if args.verify:
        print(f"every file matches its SHA-256 ({len(worksheet.evidence)} checked)")
    return 0


def _remove(worksheet: object, args: argparse.Namespace) -> int:
    from app.document.evidence import describe, detach, find
    from app.document.model import Worksheet

    assert isinstance(worksheet, Worksheet)
    try:
        item = find(worksheet, args.evidence)
    except KeyError as exc:
        return fail(f"{shown_name(args.file)}: {exc.args[0]}")
    source_id = None
    if args.source:
        source_id = _source_id(worksheet, args.source)
        if source_id is None or source_id not in item.sources:
            return fail(f"{shown(item.name)} is not evidence of source {shown(args.source)}")
    text = describe(item)
    gone = detach(worksheet, item.sha256, source_id)
    failed = _save(worksheet, args.file)
    if failed is not None:
        return failed
    print(f"removed {shown(text)}" if gone else f"detached {shown(text)} from {args.source}")
    return 0


def _extract(worksheet: object, args: argparse.Namespace) -> int:
    from app.document.evidence import find
    from app.document.locker import EvidenceProblem
    from app.document.model import Worksheet

    assert isinstance(worksheet, Worksheet)
    try:
        item = find(worksheet, args.evidence)
    except KeyError as exc:
        return fail(f"{shown_name(args.file)}: {exc.args[0]}")
    output = Path(args.output)
    if output.exists() or output.is_symlink():
        return fail(f"{shown(output)} already exists")
    try:
        worksheet.locker.copy_to(item.sha256, item.size, output, what=item.name)
    except EvidenceProblem as exc:
        return fail(f"cannot extract from {shown_name(args.file)}: {exc.reason}")
    except OSError as exc:
        return fail(f"cannot write {shown(output)}: {exc.strerror or exc}")
    print(f"wrote {shown(output)} (sha256 {item.sha256}, checked)")
    return 0
