"""Benchmark: the PDF worksheet of a 200-claim, 300-source worksheet (target < 3 s).

The floor, measured in the same run, is a bare reportlab table of the same 200
quotes (one paragraph per row, no cover, article, footer or appendix): the
ratio says what the full report costs over the least reportlab can do with the
same text. The other exports are timed too. Each figure is the best of
``--repeat`` runs, so another process briefly taking the CPU does not count.

    .venv/bin/python benchmarks/bench_reports.py [--repeat 3]

Exit status 1 when the best PDF time misses the 3 s target.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable

TARGET_MS = 3000.0


def best_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def bare_table(quotes: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["BodyText"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4)
    rows = [[str(n), Paragraph(escape(q), style)] for n, q in enumerate(quotes, start=1)]
    doc.build([Table(rows, colWidths=[30, doc.width - 30], repeatRows=0)])
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from app.reports.claimreview import claimreview_json
    from app.reports.csvexport import CLAIM_COLUMNS, claim_rows, to_csv
    from app.reports.markdown import markdown_report
    from app.reports.pdf import render_pdf
    from app.reports.specimen import synthetic_worksheet

    worksheet = synthetic_worksheet(claims=200, sources=300)
    quotes = [claim.quote for claim in worksheet.claims]
    render_pdf(synthetic_worksheet(claims=3, sources=3))  # fonts registered, modules warm
    bare_table(quotes[:3])

    floor = best_ms(lambda: bare_table(quotes), args.repeat)
    pdf = best_ms(lambda: render_pdf(worksheet), args.repeat)
    blank = best_ms(lambda: render_pdf(worksheet, blank=True), args.repeat)
    claimreview = best_ms(lambda: claimreview_json(worksheet), args.repeat)
    csv_ms = best_ms(lambda: to_csv(claim_rows(worksheet), CLAIM_COLUMNS), args.repeat)
    markdown = best_ms(lambda: markdown_report(worksheet), args.repeat)

    import pypdf

    pages = len(pypdf.PdfReader(io.BytesIO(render_pdf(worksheet))).pages)
    verdict = "ok" if pdf < TARGET_MS else "MISSED"
    print(f"PDF worksheet, 200 claims / 300 sources ({pages} pages): {pdf:.0f} ms "
          f"(target < {TARGET_MS:.0f} ms: {verdict})")
    print(f"floor, bare reportlab table of the same 200 quotes: {floor:.0f} ms; "
          f"ratio {pdf / floor:.1f}x")
    print(f"blank PDF worksheet: {blank:.0f} ms")
    print(f"ClaimReview JSON-LD: {claimreview:.1f} ms, CSV: {csv_ms:.1f} ms, "
          f"Markdown: {markdown:.1f} ms")
    return 0 if pdf < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
