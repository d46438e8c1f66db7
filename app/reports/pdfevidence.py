"""The PDF report's evidence appendix: what each kept file is, and its SHA-256.

One block per evidence file (E1, E2 … in the worksheet's order): its name as
captured, type, size, capture time and how it was captured, where it was found,
the sources citing it (links to their blocks) and its SHA-256 in a fixed-width
font; images also get a thumbnail (decoded safely, see
:mod:`app.reports.thumbnails`). The hash is what makes the printed worksheet
prove which files were used: ``sha256sum`` of a copy extracted from the
worksheet (``claimsheet evidence extract``) prints the same digits. Exports
check every hash before printing it (``load_worksheet(verify_evidence=True)``
on the command line; the window's report actions do the same).
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from app.document.evidence import KINDS, size_text
from app.document.labels import CAPTURE_LABELS, evidence_time
from app.document.locker import EvidenceProblem
from app.document.model import Evidence, Worksheet
from app.reports import markup
from app.reports.fonts import drawable
from app.reports.longtext import cell
from app.reports.pdfblocks import ClaimKeep, _grid_style, _link, _p, section_heading
from app.reports.pdfstyle import LINK, RULE, Styles
from app.reports.summary import Summary
from app.reports.thumbnails import MAX_THUMBNAIL_SOURCE_BYTES, thumbnail_png

THUMBNAIL_MM = 42
HASH_FONT = "Courier"  # one of the 14 standard PDF fonts: nothing to embed
SOURCES_SHOWN = 100


def evidence_labels(worksheet: Worksheet) -> dict[str, str]:
    """SHA-256 → ``E1``, ``E2`` … in the worksheet's order."""
    return {item.sha256: f"E{n}" for n, item in enumerate(worksheet.evidence, start=1)}


def _thumbnail(worksheet: Worksheet, item: Evidence, st: Styles) -> Flowable | None:
    if KINDS[item.media_type].show != "image":
        return None
    if item.size > MAX_THUMBNAIL_SOURCE_BYTES:
        return _p("<i>(too large for a thumbnail)</i>", st.small)
    try:
        data = worksheet.locker.read(item.sha256, item.size, what=item.name)
    except EvidenceProblem as problem:
        return _p(f"<i>{markup.text(cell(problem.reason, 200))}</i>", st.small)
    png = thumbnail_png(data)
    if png is None:
        return _p("<i>(no thumbnail: the image is too large or cannot be read)</i>", st.small)
    image = Image(io.BytesIO(png))
    scale = min(THUMBNAIL_MM * mm / image.imageWidth, THUMBNAIL_MM * mm / image.imageHeight)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    framed = Table([[image]])  # a thin frame: a white screenshot keeps its edges on paper
    framed.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return framed


def _hash(sha256: str, st: Styles) -> Paragraph:
    """The 64 digits on one line, in a fixed-width font (7 pt: 95 mm wide)."""
    return Paragraph(f'<font name="{HASH_FONT}" size="7">{sha256}</font>', st.cell)


def evidence_block(worksheet: Worksheet, item: Evidence, label: str, summary: Summary,
                   st: Styles, width: float) -> list[Flowable]:
    kind = KINDS[item.media_type]
    head = _p(f'<a name="evidence-{label}"/><b>{label}</b>\u2003'
              f"<b>{markup.text(cell(item.name, 200))}</b>", st.body)
    rows: list[list[Flowable | str]] = [
        ["Type", drawable(f"{kind.label} \u00b7 {item.media_type.value}")],
        ["Size", drawable(size_text(item.size))],
        ["Captured", drawable(f"{evidence_time(item.captured)} \u00b7 "
                              f"{CAPTURE_LABELS[item.capture].lower()}")],
    ]
    if item.url:
        rows.append(["Found at", _p(_link(item.url), st.cell)])
    rows.append(["SHA-256", _hash(item.sha256, st)])
    by_id = {s.id: s for s in worksheet.sources}
    cited = [by_id[s] for s in item.sources if s in by_id]
    if cited:
        links = ", ".join(
            f'<a href="#source-{summary.source_label(s)}" color="{LINK}">'
            f"{summary.source_label(s)}</a> {markup.text(cell(s.title or s.url, 80))}"
            for s in cited[:SOURCES_SHOWN])
        if len(cited) > SOURCES_SHOWN:
            links += f" and {len(cited) - SOURCES_SHOWN:,} more sources"
        rows.append(["Cited by", _p(links, st.cell)])
    thumb = _thumbnail(worksheet, item, st)
    text_width = width - (THUMBNAIL_MM + 6) * mm if thumb is not None else width
    details = Table(rows, colWidths=[22 * mm, text_width - 22 * mm])
    details.setStyle(_grid_style([
        ("FONT", (0, 0), (0, -1), st.fonts.bold, st.cell.fontSize),
        ("FONT", (1, 0), (1, -1), st.fonts.regular, st.cell.fontSize),
    ]))
    body: Flowable = details
    if thumb is not None:
        body = Table([[details, thumb]], colWidths=[text_width, width - text_width])
        body.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, 0), 6 * mm),
        ]))
    return [ClaimKeep([head, Spacer(1, 1.5), body, Spacer(1, 4 * mm)])]


def _size(size: int) -> str:
    from app.reading.files import describe_size

    return describe_size(size)


def evidence_appendix(worksheet: Worksheet, summary: Summary, st: Styles,
                      width: float) -> list[Flowable]:
    if not worksheet.evidence:
        return []
    labels = evidence_labels(worksheet)
    total = sum(item.size for item in worksheet.evidence)
    intro = _p(
        f"{len(worksheet.evidence)} file{'s' if len(worksheet.evidence) != 1 else ''} "
        f"({_size(total)}) kept inside this worksheet, as they were when captured. The "
        "SHA-256 hash identifies each file's content: a copy taken out of the worksheet "
        "(<i>claimsheet evidence extract</i>) gives the same hash, and any change to the "
        "file gives another.", st.small)
    flow: list[Flowable] = [*section_heading("Evidence", "evidence", st), intro,
                            Spacer(1, 3 * mm)]
    for item in worksheet.evidence:
        flow += evidence_block(worksheet, item, labels[item.sha256], summary, st, width)
    return flow


def evidence_rows(worksheet: Worksheet, st: Styles) -> dict[str, Paragraph]:
    """Source id → the "Evidence" row of its block: links to the evidence it cites."""
    labels = evidence_labels(worksheet)
    by_source: dict[str, list[Evidence]] = {}
    for item in worksheet.evidence:
        for source_id in item.sources:
            by_source.setdefault(source_id, []).append(item)
    rows = {}
    for source_id, items in by_source.items():
        listed = ", ".join(f'<a href="#evidence-{labels[i.sha256]}" color="{LINK}">'
                           f"{labels[i.sha256]}</a> {markup.text(cell(i.name, 60))}"
                           for i in items[:SOURCES_SHOWN])
        if len(items) > SOURCES_SHOWN:
            listed += f" and {len(items) - SOURCES_SHOWN:,} more files"
        rows[source_id] = _p(listed, st.cell)
    return rows
