"""The `claimsheet` command line (also `python -m app`).

Each sub-command lives in its own module under :mod:`app.commands` and is
imported only when it runs, so `claimsheet validate` never pays for spaCy or Qt.
Without a sub-command, `claimsheet [FILE]` opens the window.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

COMMANDS = ("new", "validate", "extract", "checkworthiness", "export", "library", "evidence",
            "desktop")

DESCRIPTION = """\
Claimsheet: turn a news article into a fact-checking worksheet.

  claimsheet [ARTICLE_OR_WORKSHEET]      open the window (empty without a file)
  claimsheet new ARTICLE -o FILE         create a worksheet from an article
  claimsheet validate FILE               check a .claimsheet file
  claimsheet extract ARTICLE --json      print the claims found in an article
  claimsheet checkworthiness FILE.tsv    score sentences for check-worthiness
  claimsheet export FILE --pdf OUT.pdf   PDF report, ClaimReview, CSV, Markdown
  claimsheet library ACTION ...          the claim library: add, search, matches,
                                         conflicts, import, stats, rebuild
  claimsheet evidence ACTION ...         a worksheet's evidence files: add, list,
                                         remove, extract
  claimsheet desktop install             menu entry, icon and .claimsheet file type (Linux)

Run `claimsheet COMMAND --help` for the options of one command.
"""


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimsheet",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="an article or a .claimsheet worksheet to open")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the window, wait for the checklist, print timings and exit (for benchmarks/CI)",
    )
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claimsheet", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="create a worksheet from an article",
                         description="Import an article, extract its claims and save a worksheet.")
    new.add_argument("article", help="article file (.txt, .md, .html, .pdf, .docx)")
    new.add_argument("-o", "--output", required=True, help="the .claimsheet file to write")
    new.add_argument("--force", action="store_true", help="overwrite an existing output file")
    new.add_argument("--no-extract", action="store_true",
                     help="create the worksheet without running claim extraction")
    new.add_argument("--checker", metavar="NAME", default="",
                     help="who checks this worksheet (shown on the report and in ClaimReview)")

    validate = sub.add_parser("validate", help="check a .claimsheet file",
                              description="Print `ok` when the worksheet loads, "
                                          "else what is wrong.")
    validate.add_argument("file", help="the .claimsheet file to check")

    extract = sub.add_parser("extract", help="print the claims found in an article",
                             description="Extract check-worthy claims and their checkables.")
    extract.add_argument("article", help="article file")
    extract.add_argument("--json", action="store_true",
                         help="print JSON (the contract in shared/eval/README.md)")
    extract.add_argument("--date", help="article publication date (YYYY-MM-DD) for relative dates")

    cw = sub.add_parser("checkworthiness", help="score sentences for check-worthiness",
                        description="Read a CheckThat!-format TSV (Sentence_id, Text, "
                                    "class_label) and report precision, recall and F1.")
    cw.add_argument("tsv", help="the TSV file")
    cw.add_argument("--scores", action="store_true", help="print each sentence's score")
    cw.add_argument("--threshold", type=float, default=None,
                    help="decision threshold (default: the model's tuned threshold)")

    export = sub.add_parser("export", help="export a worksheet as PDF, ClaimReview, CSV, Markdown",
                            description="Write one or more exports of a worksheet.")
    export.add_argument("file", help="the .claimsheet file")
    export.add_argument("--pdf", metavar="OUT.pdf", help="write the PDF worksheet report")
    export.add_argument("--blank", action="store_true",
                        help="with --pdf: a blank printable worksheet to fill in by hand")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size")
    export.add_argument("--claimreview", metavar="OUT.json", help="write ClaimReview JSON-LD")
    export.add_argument("--url-template", metavar="URL",
                        help="with --claimreview: where each review is published, e.g. "
                             "https://example.org/checks/{worksheet}#claim-{number} "
                             "(placeholders {number}, {id}, {worksheet}; default a urn:)")
    export.add_argument("--publisher", metavar="NAME",
                        help="with --claimreview: the organisation publishing the fact-check "
                             "(review author and publisher; default the worksheet's checker)")
    export.add_argument("--include-unreviewed", action="store_true",
                        help="with --claimreview: also claims whose status is not yet "
                             "'reviewed' (by default only reviewed claims are published)")
    export.add_argument("--checker", metavar="NAME",
                        help="the checker's name for this export (default: the worksheet's)")
    export.add_argument("--reviewer", metavar="NAME",
                        help="the reviewer's name for this export (default: the worksheet's)")
    export.add_argument("--csv", metavar="OUT.csv",
                        help="write claims as CSV (sources go to OUT.sources.csv)")
    export.add_argument("--markdown", metavar="OUT.md", help="write a Markdown report")

    from app.commands.evidence import add_parser as add_evidence_parser
    from app.commands.library import add_parser as add_library_parser

    add_library_parser(sub)
    add_evidence_parser(sub)

    desktop = sub.add_parser(
        "desktop", help="add or remove the menu entry, icon and file type (Linux)",
        description="Write (or remove) a desktop entry that runs this Claimsheet, its icon and "
                    "the application/x-claimsheet type for *.claimsheet files into "
                    "$XDG_DATA_HOME (default ~/.local/share), then refresh the desktop's "
                    "databases.")
    desktop.add_argument("action", choices=("install", "uninstall"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        args = _command_parser().parse_args(args_list)
        return _run_command(args)
    args = _open_parser().parse_args(args_list)
    module = importlib.import_module("app.commands.open")
    try:
        return int(module.run(args))
    except KeyboardInterrupt:
        print("claimsheet: interrupted", file=sys.stderr)
        return 130


def _run_command(args: argparse.Namespace) -> int:
    """Run a sub-command: libraries' log records go to the log, never the terminal.

    Every failure a command expects is one line from :func:`app.commands.fail`;
    anything else is a bug, reported in one line too (the traceback goes to the log).
    """
    from app.commands import fail
    from app.logs import command_logging

    with command_logging():
        try:
            module = importlib.import_module(f"app.commands.{args.command}")
            return int(module.run(args))
        except KeyboardInterrupt:
            print("claimsheet: interrupted", file=sys.stderr)
            return 130
        except MemoryError:
            return fail("there is not enough memory to finish")
        except Exception:  # noqa: BLE001 - the last resort: one line, never a traceback
            logging.getLogger("claimsheet").exception("%s failed", args.command)
            return fail(f"{args.command} stopped because of an error inside Claimsheet; "
                        "please report it (details are in the log when CLAIMSHEET_LOG is set)")
