"""The PDF worksheet report (reportlab platypus, no Qt).

Layout, in order: a cover with the article's details and a summary of the
verdicts; the article with numbered claim markers and marked checkables; one
block per claim; an appendix of sources; an appendix of the evidence kept in
the worksheet (name, type, size, capture time, SHA-256, a thumbnail of each
image; :mod:`app.reports.pdfevidence`); sign-off lines. Every page carries a
footer "title · worksheet id · Page x of y"; the total is known only at the
end, so the canvas keeps each page's drawing and stamps the footers on save
(reportlab's "numbered canvas" pattern). Each section and claim gets an entry
in the PDF outline.

With ``blank=True`` the same claims are printed with empty verdict boxes and
ruled lines for checkers who work on paper.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from typing import Any, BinaryIO, Literal

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from app.document.model import Worksheet
from app.reports.fonts import drawable, printable
from app.reports.longtext import TextBudget, cell
from app.reports.pdfarticle import article_paragraphs
from app.reports.pdfblocks import (
    article_legend,
    claim_block,
    cover,
    section_heading,
    sign_off,
    source_block,
)
from app.reports.pdfevidence import evidence_appendix, evidence_rows
from app.reports.pdfstyle import MUTED, RULE, styles
from app.reports.summary import summarize

MAX_PDF_BLOCKS = 5_000
"""Most claims and sources together in one PDF report: about 2,000 pages, laid out in a
minute or two with a few hundred megabytes. Larger worksheets (they open with up to
50,000 claims) are exported as CSV or Markdown, which have no such limit."""

Paper = Literal["a4", "letter"]


class ReportTooLarge(OSError):
    """The worksheet has more claims and sources than one PDF report holds.

    An ``OSError`` (file too large) whose ``strerror`` is the sentence for the user,
    so every place that reports a failed write reports this one too.
    """
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

MARGIN_X = 18 * mm
MARGIN_TOP = 18 * mm
MARGIN_BOTTOM = 20 * mm
FOOTER_Y = 10 * mm


def _footer_canvas(title: str, worksheet_id: str, font: str) -> type[Canvas]:
    """A canvas class that stamps the footer once the page count is known.

    A title too long for the line is shortened with an ellipsis; the worksheet
    id is always printed whole, since it is what identifies the paper copy.
    """

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            self._page_bookmarks: list[tuple[str, dict[str, Any]]] = []

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:
            # A destination names the page object being written, which only
            # exists once the page is emitted in save(): replay it there.
            self._page_bookmarks.append((key, kwargs))

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._page_bookmarks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                for key, kwargs in state["_page_bookmarks"]:
                    Canvas.bookmarkPage(self, key, **kwargs)
                self._draw_footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            right = f"Page {number} of {total}"
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, FOOTER_Y + 10, width - MARGIN_X, FOOTER_Y + 10)
            self.setFillColor(MUTED)
            self.setFont(font, 7.5)
            right_w = self.stringWidth(right, font, 7.5)
            room = width - 2 * MARGIN_X - right_w - 12
            tail = f" \u00b7 {worksheet_id}"
            left = title + tail
            if self.stringWidth(left, font, 7.5) > room:
                short = title
                while short and self.stringWidth(short + "\u2026" + tail, font, 7.5) > room:
                    short = short[: max(0, len(short) - 4)]
                left = short.rstrip() + "\u2026" + tail
            self.drawString(MARGIN_X, FOOTER_Y, left)
            self.drawRightString(width - MARGIN_X, FOOTER_Y, right)
            self.restoreState()

    return FooterCanvas


def _story(worksheet: Worksheet, width: float, blank: bool) -> list[Flowable]:
    st = styles()
    summary = summarize(worksheet)
    budget = TextBudget()
    story: list[Flowable] = cover(worksheet, summary, st, width, blank=blank, budget=budget)

    story += [PageBreak(), *section_heading("The article", "article", st), article_legend(st)]
    story.append(Spacer(1, 3 * mm))
    paragraphs = article_paragraphs(worksheet)
    if not paragraphs:
        story.append(Paragraph("<i>The article has no text.</i>", st.body))
    story += [Paragraph(p, st.article) for p in paragraphs]

    story += [PageBreak(), *section_heading("Claims", "claims", st)]
    if not worksheet.claims:
        story.append(Paragraph("<i>This worksheet has no claims yet.</i>", st.body))
    for number, claim in worksheet.numbered_claims():
        story += claim_block(claim, number, worksheet, summary, st, width, blank=blank,
                             budget=budget)

    if worksheet.sources and not blank:
        story += [PageBreak(), *section_heading("Sources", "sources", st)]
        rows = evidence_rows(worksheet, st)
        for source in worksheet.sources:
            story += source_block(source, summary, st, width, budget, rows.get(source.id))

    if worksheet.evidence and not blank:
        story += [CondPageBreak(90 * mm), *evidence_appendix(worksheet, summary, st, width)]

    story += sign_off(worksheet, st, width)
    return story


def _metadata(worksheet: Worksheet, blank: bool) -> dict[str, str]:
    article = worksheet.article
    what = "Blank fact-check worksheet" if blank else "Fact-check worksheet"
    title = cell(worksheet.title, 300)
    about = f"{what} for \u201c{title}\u201d"
    if article.outlet:
        about += f" ({cell(article.outlet, 300)})"
    return {
        "title": printable(f"{what}: {title}"),
        "author": printable(cell(worksheet.checker, 300) or "Claimsheet"),
        "subject": printable(about),
        "creator": "Claimsheet",
        "keywords": printable(f"fact-check, claimsheet, worksheet {worksheet.id}"),
    }


def size_problem(worksheet: Worksheet, *, blank: bool = False) -> str | None:
    """Why the worksheet is too large for one PDF report, in words, or None."""
    blocks = len(worksheet.claims) + (0 if blank else len(worksheet.sources))
    if blocks <= MAX_PDF_BLOCKS:
        return None
    return (f"the worksheet has {len(worksheet.claims):,} claims and "
            f"{len(worksheet.sources):,} sources; a PDF report holds at most "
            f"{MAX_PDF_BLOCKS:,} claims and sources together (export CSV or Markdown instead)")


def write_pdf(worksheet: Worksheet, output: str | os.PathLike[str] | BinaryIO, *,
              blank: bool = False, paper: Paper = "a4",
              progress: Callable[[int, int], None] | None = None) -> int:
    """Write the worksheet report to ``output`` (a path or a binary file); returns pages.

    ``progress(done, total)`` hears how many of the report's blocks are laid out.
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper size {paper!r}: use a4 or letter")
    problem = size_problem(worksheet, blank=blank)
    if problem is not None:
        raise ReportTooLarge(errno.EFBIG, problem)
    st = styles()
    pagesize = PAPER_SIZES[paper]
    target: Any = os.fspath(output) if isinstance(output, str | os.PathLike) else output
    doc = BaseDocTemplate(
        target,
        pagesize=pagesize,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        **_metadata(worksheet, blank),
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvas_class = _footer_canvas(drawable(" ".join(cell(worksheet.title, 300).split())),
                                  printable(cell(worksheet.id, 100)), st.fonts.regular)
    if progress is not None:
        doc.setProgressCallBack(_progress_relay(progress))
    doc.build(_story(worksheet, doc.width, blank), canvasmaker=canvas_class)
    return int(doc.page)


def _progress_relay(progress: Callable[[int, int], None]) -> Callable[[str, int], None]:
    """reportlab's ``(kind, value)`` progress calls as ``progress(done, total)``."""
    total = [0]

    def relay(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            total[0] = int(value)
        elif kind == "PROGRESS" and total[0]:
            progress(int(value), total[0])

    return relay


def render_pdf(worksheet: Worksheet, *, blank: bool = False, paper: Paper = "a4",
               progress: Callable[[int, int], None] | None = None) -> bytes:
    """The report as bytes (for printing and previews)."""
    buffer = io.BytesIO()
    write_pdf(worksheet, buffer, blank=blank, paper=paper, progress=progress)
    return buffer.getvalue()

