"""`claimsheet library ...`: the claim library from the command line.

    claimsheet library add FILE...           index worksheets (folders: every .claimsheet inside)
    claimsheet library search QUERY          claims whose words match
    claimsheet library matches FILE          "checked before" for every claim of a worksheet
    claimsheet library conflicts [FILE...]   counts or dates that disagree across worksheets
    claimsheet library import FILE           add ClaimReview JSON-LD as external reviews
    claimsheet library stats                 what the library holds, and its size
    claimsheet library rebuild [PATH...]     index every remembered worksheet afresh

``--library PATH_OR_URL`` (or ``CLAIMSHEET_LIBRARY``) chooses the library.
Errors are one line; the exit code is 0 on success, 1 on any failure.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from app.commands import fail

ACTIONS = ("add", "search", "matches", "conflicts", "import", "stats", "rebuild")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `library` command and its actions, for app.cli."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--library", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                        help="the library: a SQLite file or a postgresql:// URL (default: "
                             "$CLAIMSHEET_LIBRARY, else library.sqlite3 in the data folder)")
    library = sub.add_parser("library", help="the claim library: search, matches, conflicts",
                             parents=[common],
                             description="Every worksheet remembered: search it, find claims "
                                         "checked before and counts or dates that disagree.")
    actions = library.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="index worksheets")
    add.add_argument("files", nargs="+", metavar="FILE",
                     help=".claimsheet files, or folders to search for them")
    search = actions.add_parser("search", parents=[common], help="claims matching words")
    search.add_argument("query", nargs="+", help="words to look for")
    search.add_argument("--limit", type=int, default=20, help="at most this many (20)")
    matches = actions.add_parser("matches", parents=[common],
                                 help='"checked before" for the claims of a worksheet')
    matches.add_argument("file", metavar="FILE.claimsheet")
    matches.add_argument("--claim", type=int, metavar="N", help="only claim number N")
    matches.add_argument("--limit", type=int, default=5, help="matches per claim (5)")
    conflicts = actions.add_parser("conflicts", parents=[common],
                                   help="counts or dates that disagree across worksheets")
    conflicts.add_argument("files", nargs="*", metavar="FILE.claimsheet",
                           help="only conflicts with these worksheets (default: all)")
    conflicts.add_argument("--limit", type=int, default=200, help="at most this many (200)")
    imp = actions.add_parser("import", parents=[common],
                             help="add ClaimReview JSON-LD (single, list or feed)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--no-extract", action="store_true",
                     help="do not look for dates, places and counts in the reviewed claims "
                          "(faster; they then match on their words only)")
    actions.add_parser("stats", parents=[common], help="what the library holds")
    rebuild = actions.add_parser("rebuild", parents=[common],
                                 help="index every remembered worksheet afresh")
    rebuild.add_argument("paths", nargs="*", metavar="PATH",
                         help="worksheets or folders to index as well (needed when the "
                              "library file was damaged)")


def run(args: argparse.Namespace) -> int:
    from app.library import LibraryError, open_library, rebuild_library

    location = getattr(args, "library", None)
    try:
        if args.action == "rebuild":
            return _rebuild(rebuild_library(location, list(args.paths)))
        with open_library(location) as library:
            return int(globals()[f"_{args.action}"](library, args))
    except LibraryError as exc:
        return fail(str(exc))
    except BrokenPipeError:  # `claimsheet library search ... | head`: the reader has enough
        sys.stdout = None  # nothing more to flush at exit
        return 0


def _short(text: str, width: int = 100) -> str:
    return textwrap.shorten(" ".join(text.split()), width, placeholder="…")


def _where(record: object) -> str:
    from app.library import ClaimRecord

    assert isinstance(record, ClaimRecord)
    if record.kind == "review":
        parts = [record.outlet or "external review", record.published, record.url]
    else:
        parts = [record.title, record.outlet, record.published,
                 f"{record.path} claim {record.number}" if record.path else ""]
    return " · ".join(p for p in parts if p)


def _verdict(record: object) -> str:
    from app.library import ClaimRecord

    assert isinstance(record, ClaimRecord)
    return record.rating or "no verdict"


def _add(library: object, args: argparse.Namespace) -> int:
    from app.library import LibraryError
    from app.library.base import worksheet_files

    failed = indexed = claims = 0
    for path in worksheet_files(args.files):
        try:
            result = library.index_file(path)  # type: ignore[attr-defined]
        except LibraryError as exc:
            print(f"claimsheet: {exc}", file=sys.stderr)
            failed += 1
            continue
        indexed += 1
        claims += result.claims
        state = "unchanged" if result.unchanged else f"{result.claims} claims"
        print(f"{path}: {state}")
    if not indexed and not failed:
        return fail("no .claimsheet file found in " + ", ".join(args.files))
    print(f"{indexed} worksheets ({claims} claims) in {library.location}")  # type: ignore[attr-defined]
    return 1 if failed else 0


def _search(library: object, args: argparse.Namespace) -> int:
    hits = library.search(" ".join(args.query), limit=args.limit)  # type: ignore[attr-defined]
    if not hits:
        print("no claims found")
        return 0
    for hit in hits:
        r = hit.record
        print(f"[{_verdict(r)}] {_short(r.text)}\n    {_where(r)}")
    return 0


def _matches(library: object, args: argparse.Namespace) -> int:
    from app.document.fileformat import WorksheetError, load_worksheet

    try:
        ws = load_worksheet(args.file)
    except WorksheetError as exc:
        return fail(str(exc))
    numbered = list(enumerate(ws.claims, start=1))
    if args.claim is not None:
        if not 1 <= args.claim <= len(ws.claims):
            return fail(f"{args.file} has claims 1 to {len(ws.claims)}, not {args.claim}")
        numbered = [numbered[args.claim - 1]]
    shown = 0
    for number, claim in numbered:
        found = library.matches(claim, ws, limit=args.limit)  # type: ignore[attr-defined]
        if not found:
            continue
        shown += 1
        print(f"claim {number}: {_short(claim.quote)}")
        for m in found:
            print(f"  {m.kind} ({m.score:.2f}) [{_verdict(m.record)}] {_short(m.record.text, 90)}")
            print(f"      {_where(m.record)}")
    if not shown:
        print("no claim of this worksheet was checked before")
    return 0


def _conflicts(library: object, args: argparse.Namespace) -> int:
    from app.document.fileformat import WorksheetError, load_worksheet

    found = []
    if args.files:
        for path in args.files:
            try:
                ws = load_worksheet(path)
            except WorksheetError as exc:
                return fail(str(exc))
            found.extend(library.conflicts(ws, limit=args.limit))  # type: ignore[attr-defined]
    else:
        found = library.conflicts(limit=args.limit)  # type: ignore[attr-defined]
    if not found:
        print("no conflicts found")
        return 0
    for c in found:
        print(f"{c.what} conflict: {c.explanation}")
        for side in (c.first, c.second):
            print(f"  “{side.quote}” in: {_short(side.record.text, 90)}")
            print(f"      {_where(side.record)}")
    return 0


def _checkables(texts: list[str], dates: list[str]) -> list[list[dict[str, Any]]]:
    """The extractor's checkables for each reviewed claim (offsets within its text)."""
    from app.extract import extract_many
    from app.library.facts import published_date

    out: list[list[dict[str, Any]]] = []
    for claims in extract_many(texts, published=[published_date(d) for d in dates]):
        out.append([{"type": k.type.value, "start": k.start, "end": k.end, "text": k.text,
                     "value": k.value, "attributes": dict(k.attributes)}
                    for claim in claims for k in claim.checkables])
    return out


def _import(library: object, args: argparse.Namespace) -> int:
    analyse = None if args.no_extract else _checkables
    result = library.import_claimreview(args.file, analyse)  # type: ignore[attr-defined]
    skipped = f" ({result.skipped} other items skipped)" if result.skipped else ""
    print(f"{args.file}: {result.reviews} reviews added{skipped}")
    return 0


def _stats(library: object, args: argparse.Namespace) -> int:
    s = library.stats()  # type: ignore[attr-defined]
    from app.library.location import display

    print(f"library:    {display(s.location)} ({s.backend}, version {s.schema_version})")
    print(f"worksheets: {s.worksheets}")
    print(f"claims:     {s.claims} ({s.checked} with a verdict)")
    print(f"reviews:    {s.reviews} imported ClaimReviews")
    print(f"size:       {s.size_bytes / 1e6:.1f} MB")
    if s.last_indexed:
        print(f"indexed:    {s.last_indexed}")
    for note in s.notes:
        print(f"note:       {note}")
    return 0


def _rebuild(result: object) -> int:
    from app.library import RebuildResult

    assert isinstance(result, RebuildResult)
    for problem in result.problems:
        print(f"claimsheet: {problem}", file=sys.stderr)
    print(f"rebuilt: {result.worksheets} worksheets, {result.claims} claims, "
          f"{result.reviews} reviews")
    return 0
