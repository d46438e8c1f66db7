"""Import a 5 MB saved web page and a 200-page PDF (issue 7).

Both documents are generated here from the seed article, so the benchmark
needs nothing outside the repository. Floors, measured in the same run:

- HTML: parsing the same bytes with ``lxml.html`` (the parser trafilatura
  itself uses) – the cost of merely reading the page.
- PDF: pypdf's own ``page.extract_text()`` over every page – the raw text
  layer without our paragraph rebuilding, normalization or hashing.

Run: ``.venv/bin/python benchmarks/bench_import.py``
"""

from __future__ import annotations

import html
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.importers import import_article  # noqa: E402

SEED = ROOT / "seeds" / "000_6448b12ea3d2d7a9.txt"


def best_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def big_page(paragraphs: list[str], size: int) -> bytes:
    """A saved news page of about ``size`` bytes: one long article inside site chrome."""
    chrome_top = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                  "<title>Live: the war in drones | Example News</title>"
                  "<meta property='og:site_name' content='Example News'>"
                  "<meta name='author' content='Jane Doe'>"
                  "<meta property='article:published_time' content='2023-10-19'>"
                  "<link rel='canonical' href='https://news.example.com/live'>"
                  "<style>" + "p{margin:0} " * 2000 + "</style></head><body>"
                  "<nav>" + "".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(60))
                  + "</nav><main><article><h1>Live: the war in drones</h1>")
    chrome_bottom = ("</article><section class='comments'>"
                     + "<div class='comment'><p>First!</p></div>" * 50
                     + "</section></main><footer>© Example News</footer></body></html>")
    parts = [chrome_top]
    total = len(chrome_top) + len(chrome_bottom)
    update = 0
    while total < size:
        update += 1
        block = f"<h2>Update {update}</h2>" + "".join(
            f"<p>{html.escape(p)}</p>" for p in paragraphs)
        parts.append(block)
        total += len(block.encode("utf-8"))
    parts.append(chrome_bottom)
    return "".join(parts).encode("utf-8")


def long_pdf(paragraphs: list[str], pages: int) -> bytes:
    """A reportlab PDF of exactly ``pages`` A4 pages of wrapped paragraphs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    flow = []
    for page in range(pages):
        # Sixteen seed paragraphs (about 2,700 characters) fill most of an A4 page.
        for k in range(16):
            paragraph = paragraphs[(page * 16 + k) % len(paragraphs)]
            flow.append(Paragraph(html.escape(paragraph), style))
        flow.append(PageBreak())
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title="Long report").build(flow[:-1])
    return buffer.getvalue()


def main() -> int:
    paragraphs = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]

    page = big_page(paragraphs, 5 * 1024 * 1024)
    from lxml import html as lxml_html

    floor_html = best_ms(lambda: lxml_html.document_fromstring(page), repeat=3)
    import_article(page, name="warm-up.html")
    result = import_article(page, name="big.html")
    html_ms = best_ms(lambda: import_article(page, name="big.html"), repeat=3)
    from trafilatura import bare_extraction

    extractor_ms = best_ms(lambda: bare_extraction(page.decode("utf-8"), fast=True), repeat=2)
    print(f"HTML page {len(page) / 2**20:.1f} MB -> {len(result.article.text):,} chars: "
          f"import {html_ms:.0f} ms; floor (lxml parse) {floor_html:.0f} ms; "
          f"ratio {html_ms / floor_html:.1f}x")
    print(f"  reference: trafilatura.bare_extraction alone (fast, no metadata) "
          f"{extractor_ms:.0f} ms; import / reference {html_ms / extractor_ms:.2f}x")

    start = time.perf_counter()
    pdf = long_pdf(paragraphs, 200)
    made_ms = (time.perf_counter() - start) * 1000
    from pypdf import PdfReader

    def raw_pypdf() -> None:
        for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
            pdf_page.extract_text()

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    floor_pdf = best_ms(raw_pypdf, repeat=2)
    result = import_article(pdf, name="long.pdf")
    pdf_ms = best_ms(lambda: import_article(pdf, name="long.pdf"), repeat=2)
    print(f"PDF {pages} pages ({len(pdf) / 2**20:.1f} MB, made in {made_ms:.0f} ms) -> "
          f"{len(result.article.text):,} chars: import {pdf_ms:.0f} ms; "
          f"floor (pypdf extract_text) {floor_pdf:.0f} ms; ratio {pdf_ms / floor_pdf:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
