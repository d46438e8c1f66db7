"""The flowables of the PDF worksheet: cover, claim blocks, sources, sign-off.

Each function returns plain platypus flowables built from one worksheet; the
assembly, page template and footer live in :mod:`app.reports.pdf`. Every
document string is passed through :mod:`app.reports.markup` before it becomes
markup, and long free text (quotes, rationales, excerpts) goes into paragraphs
rather than table cells so that reportlab can always split it across pages.
Whatever the text, the layout cannot fail (:mod:`app.reports.longtext`):
values in table cells are cut, free text is cut into short paragraphs and
rationed by a :class:`~app.reports.longtext.TextBudget`, and long tables are
cut into tables of :data:`TABLE_ROWS` rows.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from app.document.model import Claim, Source, Status, Verdict, Worksheet
from app.reports import markup
from app.reports.articlemarks import CHECKABLE_LETTER, CHECKABLE_NAME, CHECKABLE_UNDERLINE
from app.reports.fonts import drawable, printable
from app.reports.longtext import TextBudget, cell, cut_note, pieces
from app.reports.pdfrtl import text_paragraph
from app.reports.pdfstyle import (
    FAINT,
    HEADER_FILL,
    INK,
    LINK,
    MUTED,
    RULE,
    VERDICT_FILL,
    Styles,
    verdict_ink,
)
from app.reports.summary import (
    SOURCING_LABELS,
    STANCE_LABELS,
    Summary,
    checkable_value,
    kind_label,
    verdict_label,
)

BOX = "\u2610"  # ☐
TICKED = "\u2611"  # ☑

TABLE_ROWS = 40
"""Most rows in one table: reportlab re-measures the rest of a table at every page break."""

CITED_BY_SHOWN = 200
"""Most "cited by" links listed for one source."""


class Bookmark(Flowable):
    """A zero-size flowable that adds a PDF outline entry where it lands."""

    def __init__(self, title: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.title = printable(title)
        self.key = key
        self.level = level
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        _, top = self.canv.absolutePosition(0, 0)
        self.canv.bookmarkPage(self.key, fit="XYZ", left=0, top=top + 16)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level == 0
                                  and self.key == "claims")


class ClaimKeep(KeepTogether):
    """Keep a block on one page unless that would leave a large gap.

    A short block that does not fit moves whole to the next page. A block taller
    than half a page may split when at least a quarter page is left (its header,
    quote and flags easily fit there), rather than leave most of a page empty.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        page_h = frame._height if frame is not None else aH
        if self._H > aH and self._H > page_h / 2 and aH > page_h / 4:
            return list(self._content)
        return list(super().split(aW, aH))


class Para(Paragraph):
    """A paragraph that breaks its lines once per width.

    platypus wraps a flowable several times at the same width (keep-together
    measuring, table row heights, frame placement); line breaking dominates the
    cost of a long report, so the last result is reused when the width repeats.
    """

    _wrapped: tuple[float, object, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth:
            self.width, self.blPara, self.height = availWidth, cached[1], cached[2]
            return availWidth, cached[2]
        width, height = super().wrap(availWidth, availHeight)
        if width == availWidth:
            self._wrapped = (availWidth, self.blPara, height)
        return width, height


class Label(Flowable):
    """A small bold caption (RATIONALE, SOURCES …) drawn directly: no markup to parse."""

    def __init__(self, text: str, st: Styles) -> None:
        super().__init__()
        self.text = text
        self.font = st.label.fontName
        self.size = st.label.fontSize
        self.color = st.label.textColor
        self.spaceBefore = st.label.spaceBefore
        self.spaceAfter = st.label.spaceAfter
        self.keepWithNext = True
        self.leading = st.label.leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, self.leading

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        self.canv.setFillColor(self.color)
        self.canv.drawString(0, self.leading - self.size, self.text)


def _p(markup_text: str, style: object) -> Paragraph:
    return Para(markup_text, style)


def free_text(text: str, style: ParagraphStyle, budget: TextBudget, *, before: str = "",
              after: str = "") -> list[Flowable]:
    """Free text of any length as short paragraphs, within the report's budget."""
    shown, left_out = budget.take(text)
    parts = pieces(shown)
    flow: list[Flowable] = []
    for index, part in enumerate(parts):
        flow.append(text_paragraph(part, style, Para,
                                   before=before if index == 0 else "",
                                   after=after if index == len(parts) - 1 and not left_out
                                   else ""))
    if left_out:
        flow.append(_p(f"<i>{markup.text(cut_note(left_out))}</i>", style))
    return flow


def _tables(rows: list[list[object]], widths: list[float], style: TableStyle) -> list[Table]:
    """``rows`` as tables of at most :data:`TABLE_ROWS` rows each, all styled alike."""
    tables = []
    for start in range(0, len(rows), TABLE_ROWS):
        table = Table(rows[start:start + TABLE_ROWS], colWidths=widths)
        table.setStyle(style)
        tables.append(table)
    return tables


def _shorten(value: str, limit: int) -> str:
    """``value`` on one line, cut after a whole word when longer than ``limit``.

    Outline entries are read as a table of contents; "…October 19th t…"
    looks like a typo where "…October 19th…" does not.
    """
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "\u2026"


def section_heading(title: str, key: str, st: Styles) -> list[Flowable]:
    return [Bookmark(title, key), _p(markup.text(title), st.h1)]


# ---------------------------------------------------------------- cover


def _field_rows(worksheet: Worksheet, st: Styles, blank: bool) -> list[list[Paragraph]]:
    a = worksheet.article
    url = _p(_link(a.url), st.cell) if a.url else _p("—", st.cell)
    rows = [
        ("Outlet", a.outlet),
        ("Author", a.author),
        ("URL", None),
        ("Published", a.published),
        ("Language", a.language),
        ("Imported from", a.imported_from),
        ("Checker", worksheet.checker),
        ("Reviewer", worksheet.reviewer),
        ("Worksheet id", worksheet.id),
        ("Created", worksheet.created),
        ("Modified", worksheet.modified),
    ]
    out = []
    for label, value in rows:
        shown = url if value is None else _p(markup.text(cell(value)) if value else "—", st.cell)
        if blank and label in ("Checker", "Reviewer") and not value:
            shown = _p("", st.cell)
        out.append([_p(markup.text(label), st.cell_bold), shown])
    return out


def _link(url: str) -> str:
    """A link whose shown text is cut for a cell; the target stays whole."""
    return markup.link(url, cell(url, 300))


def verdict_chart(summary: Summary, st: Styles, width: float) -> Drawing:
    """Horizontal bars of claims per verdict, each labelled with its count."""
    row_h, label_w, count_w = 15.0, 118.0, 26.0
    rows = summary.verdicts
    height = row_h * len(rows) + 4
    drawing = Drawing(width, height)
    bar_w = width - label_w - count_w
    top = max((n for _, n in rows), default=0) or 1
    for i, (verdict, count) in enumerate(rows):
        y = height - (i + 1) * row_h
        drawing.add(String(label_w - 6, y + 4, printable(verdict_label(verdict)),
                           fontName=st.fonts.regular, fontSize=8, fillColor=INK,
                           textAnchor="end"))
        drawing.add(Rect(label_w, y + 2, bar_w, row_h - 4, fillColor=FAINT, strokeColor=None))
        length = bar_w * count / top
        if count:
            drawing.add(Rect(label_w, y + 2, length, row_h - 4,
                             fillColor=VERDICT_FILL[verdict],
                             strokeColor=INK if verdict is None else None, strokeWidth=0.5))
        drawing.add(String(label_w + bar_w + 5, y + 4, str(count), fontName=st.fonts.bold,
                           fontSize=8, fillColor=INK))
    drawing.add(Line(label_w, 0, label_w, height, strokeColor=RULE, strokeWidth=0.5))
    return drawing


def _grid_style(extra: list[tuple[object, ...]] | None = None) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, FAINT),
    ]
    return TableStyle(commands + (extra or []))


def cover(worksheet: Worksheet, summary: Summary, st: Styles, width: float,
          *, blank: bool, budget: TextBudget | None = None) -> list[Flowable]:
    budget = budget or TextBudget()
    kicker = "BLANK FACT-CHECK WORKSHEET" if blank else "FACT-CHECK WORKSHEET"
    flow: list[Flowable] = [
        Bookmark("Summary", "summary"),
        _p(kicker, st.kicker),
        _p(markup.text(cell(worksheet.title)), st.title),
    ]
    fields = Table(_field_rows(worksheet, st, blank), colWidths=[32 * mm, width - 32 * mm])
    fields.setStyle(_grid_style())
    flow += [fields, Spacer(1, 6 * mm)]

    flow.append(_p("Summary", st.h2))
    facts = [
        f"<b>{summary.total}</b> claims",
        f"<b>{summary.anonymous}</b> with anonymous sourcing",
        f"<b>{summary.hedged}</b> hedged",
        f"<b>{summary.unattributed}</b> without attribution",
        f"<b>{len(worksheet.sources)}</b> sources",
    ]
    if not blank:
        facts.insert(1, f"<b>{summary.done}</b> checked or reviewed")
        facts.append(f"<b>{summary.checkables_ticked}</b> of <b>{summary.checkables}</b> "
                     "checkables ticked")
    else:
        facts.append(f"<b>{summary.checkables}</b> checkables")
    flow.append(_p(" \u00b7 ".join(facts), st.body))
    flow.append(Spacer(1, 3 * mm))

    if not blank:
        flow.append(Label("Claims by verdict", st))
        flow.append(verdict_chart(summary, st, min(width, 120 * mm)))
        flow.append(Spacer(1, 3 * mm))
        flow.append(Label("Claims by status", st))
        status_row = [[_p(f"{markup.text(s.label)}: <b>{n}</b>", st.cell)
                       for s, n in summary.statuses]]
        statuses = Table(status_row, colWidths=[width / 4] * 4)
        statuses.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        flow.append(statuses)
    else:
        flow.append(Label("Claims by verdict (fill in by hand)", st))
        tally = Table([[_p(markup.text(verdict_label(v)), st.cell), ""] for v, _ in
                       summary.verdicts[:-1]], colWidths=[50 * mm, 25 * mm],
                      rowHeights=[7 * mm] * (len(summary.verdicts) - 1), hAlign="LEFT")
        tally.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
        ]))
        flow.append(tally)
    if worksheet.notes.strip():
        flow += [_p("Notes", st.h2), *free_text(worksheet.notes, st.body, budget)]
    return flow


def article_legend(st: Styles) -> Paragraph:
    from app.reports.pdfarticle import checkable_letter, claim_marker

    samples = ", ".join(
        f'<u color="{CHECKABLE_UNDERLINE[kind]}" width="1.2" offset="-2">{CHECKABLE_NAME[kind]}'
        f"</u>{checkable_letter(letter)}"
        for kind, letter in CHECKABLE_LETTER.items()
    )
    return _p(
        f"<b>Legend</b>\u2003{claim_marker(1, link=False)}start of claim 1, whose text is "
        f"shaded grey \u00b7 checkable facts are underlined and tagged by type: {samples}.",
        st.small,
    )


# ---------------------------------------------------------------- claims


def _claim_header(number: int, verdict: Verdict | None, status: Paragraph, st: Styles,
                  width: float, *, blank: bool) -> Table:
    """Claim number, verdict label (a filled cell) and status in one shaded bar.

    Short labels are plain table strings rather than paragraphs: a report has
    thousands of them and strings cost no markup parsing.
    """
    label = "" if blank else printable(verdict_label(verdict).upper())
    widths = [26 * mm, 52 * mm, width - 78 * mm]
    header = Table([[f"Claim {number}", label, status]], colWidths=widths)
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("FONT", (0, 0), (0, 0), st.fonts.bold, 11),
        ("FONT", (1, 0), (1, 0), st.fonts.bold, 8.5),
        ("ALIGN", (1, 0), (1, 0), "CENTER"),
    ]
    if not blank:
        commands += [("BACKGROUND", (1, 0), (1, 0), VERDICT_FILL[verdict]),
                     ("TEXTCOLOR", (1, 0), (1, 0), verdict_ink(verdict))]
        if verdict is None:
            commands.append(("BOX", (1, 0), (1, 0), 0.8, MUTED))
    header.setStyle(TableStyle(commands))
    return header


def _flags(claim: Claim, st: Styles) -> Paragraph:
    sourcing = SOURCING_LABELS[claim.sourcing]
    if claim.source_name:
        sourcing += f": {cell(claim.source_name)}"
    parts = [f"<b>Sourcing</b> {markup.text(sourcing)}"]
    if claim.hedged:
        words = cell(", ".join(claim.hedges))
        parts.append(f"<b>Hedged</b> yes{(' (' + markup.text(words) + ')') if words else ''}")
    else:
        parts.append("<b>Hedged</b> no")
    if claim.tags:
        parts.append(f"<b>Tags</b> {markup.text(cell(', '.join(claim.tags)))}")
    return _p(" \u00b7 ".join(parts), st.cell)


def _checkables_table(claim: Claim, st: Styles, width: float, *, blank: bool) -> list[Table]:
    rows: list[list[object]] = []
    for k in claim.checkables:
        tick = TICKED if k.checked and not blank else BOX
        value = cell(checkable_value(k.attributes, k.value))
        note = f"<br/><i>{markup.text(cell(k.note))}</i>" if k.note and not blank else ""
        rows.append([
            tick,
            f"{CHECKABLE_LETTER[k.type]} \u00b7 {CHECKABLE_NAME[k.type]}",
            _p(markup.text(cell(k.text)), st.cell),
            _p((f"\u2192 {markup.text(value)}" if value else "") + note, st.cell),
        ])
    rest = width - 29 * mm
    return _tables(rows, [7 * mm, 22 * mm, rest * 0.45, rest * 0.55], _grid_style([
        ("FONT", (0, 0), (0, -1), st.fonts.regular, 11),
        ("FONT", (1, 0), (1, -1), st.fonts.regular, st.cell.fontSize),
        ("TOPPADDING", (0, 0), (0, -1), 0.5),
    ]))


def _citations(claim: Claim, worksheet: Worksheet, summary: Summary, st: Styles,
               width: float) -> list[Table]:
    cited = worksheet.sources_of(claim)
    rows: list[list[object]] = []
    for source, stance in cited:
        label = summary.source_label(source)
        title = source.title or source.url or "(untitled source)"
        detail = markup.text(cell(title))
        if source.publisher:
            detail += f" \u2014 {markup.text(cell(source.publisher))}"
        rows.append([
            _p(f'<a href="#source-{label}" color="{LINK}"><b>{label}</b></a>', st.cell),
            _p(detail, st.cell),
            STANCE_LABELS[stance],
        ])
    return _tables(rows, [12 * mm, width - 36 * mm, 24 * mm],
                   _grid_style([("FONT", (2, 0), (2, -1), st.fonts.bold, st.cell.fontSize)]))


def _ruled_lines(count: int, width: float, height: float = 7 * mm) -> Table:
    table = Table([[""]] * count, colWidths=[width], rowHeights=[height] * count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return table


class TickBox(Flowable):
    """An empty square to tick by hand (crisper than a box glyph)."""

    def __init__(self, size: float = 3.4 * mm) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(0.9)
        self.canv.setStrokeColor(INK)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def _choice_boxes(labels: list[str], st: Styles, width: float, per_row: int) -> Table:
    """Empty square boxes with labels, to tick by hand; columns sized to their labels."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows: list[list[Flowable | str]] = []
    for i in range(0, len(labels), per_row):
        chunk = labels[i : i + per_row]
        row: list[Flowable | str] = []
        for label in chunk:
            row += [TickBox(), _p(markup.text(label), st.cell)]
        row += ["", ""] * (per_row - len(chunk))
        rows.append(row)
    box_w = 6 * mm
    needs = [max(stringWidth(labels[c], st.cell.fontName, st.cell.fontSize)
                 for c in range(col, len(labels), per_row)) + 6 for col in range(per_row)]
    spare = max(0.0, width - per_row * box_w - sum(needs)) / per_row
    widths: list[float] = []
    for need in needs:
        widths += [box_w, need + spare]
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def claim_block(claim: Claim, number: int, worksheet: Worksheet, summary: Summary,
                st: Styles, width: float, *, blank: bool,
                budget: TextBudget | None = None) -> list[Flowable]:
    """One claim: header, quote, flags, checkables, verdict and sources."""
    budget = budget or TextBudget()
    quote_title = _shorten(claim.quote, 60) or "(empty claim)"
    items: list[Flowable] = [Bookmark(f"{number}. {quote_title}", f"claim-{number}", level=1)]
    if blank:
        status = _p("Status: " + "  ".join(f"{BOX} {markup.text(s.label)}" for s in Status),
                    st.cell)
    else:
        ticked = sum(1 for k in claim.checkables if k.checked)
        status_text = f"Status: <b>{markup.text(claim.status.label)}</b>"
        if claim.checkables:
            status_text += f" \u00b7 {ticked}/{len(claim.checkables)} checkables ticked"
        status = _p(status_text, st.cell)
    items.append(_claim_header(number, claim.verdict, status, st, width, blank=blank))
    items += free_text(" ".join(claim.quote.split()), st.quote, budget, before="\u201c",
                       after="\u201d")
    items.append(Spacer(1, 2))
    items.append(_flags(claim, st))
    if claim.checkables:
        items.append(Label("CHECKABLES", st))
        items += _checkables_table(claim, st, width, blank=blank)
    if blank:
        items.append(Label("VERDICT", st))
        items.append(_choice_boxes([v.label for v in Verdict], st, width, per_row=4))
        items.append(Label("RATIONALE", st))
        items.append(_ruled_lines(4, width))
        items.append(Label("SOURCES (title, URL or reference; supports / refutes / context)",
                           st))
        items.append(_ruled_lines(3, width))
    else:
        if claim.rationale.strip():
            items.append(Label("RATIONALE", st))
            items += free_text(claim.rationale, st.body, budget)
        citations = _citations(claim, worksheet, summary, st, width)
        if citations:
            items.append(Label("SOURCES", st))
            items += citations
    items.append(Spacer(1, 5 * mm))
    return [ClaimKeep(items)]


# ---------------------------------------------------------------- sources


def source_block(source: Source, summary: Summary, st: Styles, width: float,
                 budget: TextBudget | None = None,
                 evidence: Flowable | None = None) -> list[Flowable]:
    budget = budget or TextBudget()
    label = summary.source_label(source)
    title = source.title or source.url or "(untitled source)"
    head = _p(f'<a name="source-{label}"/><b>{label}</b>\u2003'
              f"<b>{markup.text(cell(title))}</b>", st.body)
    rows: list[list[Paragraph | str]] = []

    def add(name: str, value: Paragraph | str) -> None:
        rows.append([name, value])

    def add_text(name: str, value: str) -> None:
        # Short single-line values need no paragraph (no markup parsing, no wrapping).
        fits = len(value) < 60 and "\n" not in value
        add(name, drawable(value) if fits else _p(markup.text(cell(value)), st.cell))

    add("Kind", kind_label(source))
    for name, value in (("Publisher", source.publisher), ("Author", source.author),
                        ("Published", source.published), ("Accessed", source.accessed)):
        if value:
            add_text(name, value)
    if source.url:
        add("URL", _p(_link(source.url), st.cell))
    if source.archive_url:
        add("Archived", _p(_link(source.archive_url), st.cell))
    cited = summary.cited_by.get(source.id, [])
    if cited:
        listed = ", ".join(
            f'<a href="#claim-{n}" color="{LINK}">claim {n}</a> ({STANCE_LABELS[s].lower()})'
            for n, s in cited[:CITED_BY_SHOWN])
        if len(cited) > CITED_BY_SHOWN:
            listed += f" and {len(cited) - CITED_BY_SHOWN:,} more claims"
        add("Cited by", _p(listed, st.cell))
    if evidence is not None:
        rows.append(["Evidence", evidence])
    table = Table(rows, colWidths=[24 * mm, width - 24 * mm])
    table.setStyle(_grid_style([
        ("FONT", (0, 0), (0, -1), st.fonts.bold, st.cell.fontSize),
        ("FONT", (1, 0), (1, -1), st.fonts.regular, st.cell.fontSize),
    ]))
    items: list[Flowable] = [head, Spacer(1, 1.5), table]
    if source.excerpt.strip():
        items += [Label("EXCERPT", st),
                  *free_text(source.excerpt, st.quote, budget, before="\u201c", after="\u201d")]
    if source.notes.strip():
        items += [Label("NOTES", st), *free_text(source.notes, st.body, budget)]
    items.append(Spacer(1, 4 * mm))
    return [ClaimKeep(items)]


# ---------------------------------------------------------------- sign-off


def sign_off(worksheet: Worksheet, st: Styles, width: float) -> list[Flowable]:
    gap = 6 * mm
    label_w = 30 * mm
    rest = width - label_w - 2 * gap
    widths = [label_w, rest * 0.38, gap, rest * 0.38, gap, rest * 0.24]
    rows = [
        ["", _p("Name", st.small), "", _p("Signature", st.small), "", _p("Date", st.small)],
        [_p("<b>Checked by</b>", st.body), _p(markup.text(cell(worksheet.checker, 60)), st.body),
         "", "", "", ""],
        [_p("<b>Reviewed by</b>", st.body),
         _p(markup.text(cell(worksheet.reviewer, 60)), st.body), "", "", "", ""],
    ]
    table = Table(rows, colWidths=widths, rowHeights=[6 * mm, 15 * mm, 15 * mm])
    line: list[tuple[object, ...]] = [("LINEBELOW", (c, 1), (c, -1), 0.7, INK) for c in (1, 3, 5)]
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *line,
    ]))
    intro = _p("By signing, the checker confirms that the verdicts and rationales above reflect "
               "the sources listed; the reviewer confirms having read and accepted them.", st.small)
    return [CondPageBreak(60 * mm), *section_heading("Sign-off", "sign-off", st),
            KeepTogether([intro, Spacer(1, 3 * mm), table])]
