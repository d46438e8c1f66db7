"""`claimsheet export FILE --pdf OUT.pdf [--blank] [--paper a4|letter] --claimreview OUT.json
[--url-template URL] [--publisher NAME] [--include-unreviewed] [--checker NAME]
[--reviewer NAME] --csv OUT.csv --markdown OUT.md`: write one or more
exports of a worksheet.

Each output is rendered completely in memory, then written atomically, so a
failure never leaves a half-written file behind; a problem with the worksheet
or with one output is one line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands import fail
from app.messages import shown


def _write(path: str, data: bytes) -> None:
    from app.document.atomic import atomic_write

    atomic_write(Path(path), data, keep_backup=False)


def run(args: argparse.Namespace) -> int:
    wanted = [args.pdf, args.claimreview, args.csv, args.markdown]
    if not any(wanted):
        return fail("export: nothing to write; give --pdf, --claimreview, --csv or --markdown")
    if args.blank and not args.pdf:
        return fail("export: --blank only applies to --pdf")
    url_template = getattr(args, "url_template", None)
    publisher = getattr(args, "publisher", None)
    include_unreviewed = getattr(args, "include_unreviewed", False)
    if (url_template or publisher or include_unreviewed) and not args.claimreview:
        return fail("export: --url-template, --publisher and --include-unreviewed only apply "
                    "to --claimreview")
    if url_template:
        from app.reports.claimreview import ReviewUrlError, check_review_url

        try:
            check_review_url(url_template)
        except ReviewUrlError as error:
            return fail(f"export: {error}")

    from app.document.fileformat import WorksheetError, load_worksheet

    try:
        # The exports print each evidence file's hash: prove it first.
        worksheet = load_worksheet(args.file, verify_evidence=True)
    except WorksheetError as error:
        return fail(str(error))
    # Names given for this export only: the worksheet file is not changed.
    for role in ("checker", "reviewer"):
        name = getattr(args, role, None)
        if name is not None:
            setattr(worksheet, role, " ".join(name.split()))

    from reportlab.platypus.doctemplate import LayoutError

    from app.commands.progress import terminal_progress
    from app.document.utf8 import encode
    from app.reports.claimreview import claimreview_json
    from app.reports.csvexport import write_csv
    from app.reports.markdown import markdown_report
    from app.reports.pdf import ReportTooLarge, render_pdf

    current = ""
    try:
        if args.pdf:
            current = args.pdf
            with terminal_progress("laying out the PDF") as progress:
                pdf = render_pdf(worksheet, blank=args.blank, paper=args.paper,
                                 progress=progress)
            _write(args.pdf, pdf)
            print(f"wrote {shown(args.pdf)}")
        if args.claimreview:
            current = args.claimreview
            text = claimreview_json(worksheet, review_url=url_template, publisher=publisher,
                                    include_unreviewed=include_unreviewed)
            _write(args.claimreview, encode(text))
            print(f"wrote {shown(args.claimreview)}")
        if args.csv:
            current = args.csv
            claims_file, sources_file = write_csv(worksheet, args.csv)
            print(f"wrote {shown(claims_file)} and {shown(sources_file)}")
        if args.markdown:
            current = args.markdown
            _write(args.markdown, encode(markdown_report(worksheet)))
            print(f"wrote {shown(args.markdown)}")
    except ReportTooLarge as error:
        return fail(f"cannot write {shown(current)}: {error.strerror}")
    except LayoutError:
        # The report is built so that no text can make a page overflow; should a
        # layout still fail, say so plainly (reportlab's own message is jargon).
        return fail(f"cannot lay out {shown(current)}: an element of the report does not fit "
                    "on a page; please report this worksheet")
    except OSError as error:
        reason = error.strerror or str(error)
        return fail(f"cannot write {shown(current)}: {reason}")
    return 0
