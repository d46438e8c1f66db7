"""The evidence in the reports: the PDF appendix, Markdown and ClaimReview by hash, thumbnails."""

from __future__ import annotations

import io
import json
import struct
import time
import zlib
from pathlib import Path

import jsonschema
import pypdf
import pytest

from app.document.evidence import attach, capture_bytes, capture_file
from app.document.model import Capture, Status, Verdict, Worksheet
from app.reports.claimreview import claimreview_json
from app.reports.markdown import markdown_report
from app.reports.pdf import render_pdf
from app.reports.thumbnails import thumbnail_png
from app.resources import read_text
from tests.document.badcontainers import PAGE, PDF, png_bytes
from tests.reports.pdftext import full_text, page_texts, squash
from tests.reports.worksheets import seed_worksheet


def _with_evidence(tmp_path: Path) -> Worksheet:
    ws = seed_worksheet()
    (tmp_path / "report.pdf").write_bytes(PDF)
    (tmp_path / "statement.html").write_bytes(PAGE)
    captured = [capture_file(ws, tmp_path / "report.pdf").record,
                capture_file(ws, tmp_path / "statement.html").record,
                capture_bytes(ws, png_bytes(300, 200), "screenshot.png",
                              Capture.SCREENSHOT).record]
    attach(ws, captured, ws.sources[0].id)
    return ws


def test_pdf_appendix_lists_every_file_with_its_hash_and_a_thumbnail(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    data = render_pdf(ws)
    text = full_text(data)
    pages = page_texts(data)
    appendix = next(i for i, page in enumerate(pages) if "EvidenceE1" in squash(page)
                    or ("Evidence" in page and "SHA-256" in page))
    for number, item in enumerate(ws.evidence, start=1):
        assert squash(f"E{number} {item.name}") in text
        assert item.sha256 in text  # whole, on one line
        assert squash(item.captured.replace("T", " ")[:19]) in text
    assert "Savedwebpage(HTML)" in text and "https://example.org/statement" in text
    assert "Screenshot" in squash(pages[appendix]) or "screenshot" in squash(pages[appendix])
    # The source's block links to its evidence; the appendix has an outline entry.
    assert "EvidenceE1report.pdf,E2statement.html,E3screenshot.png" in text
    reader = pypdf.PdfReader(io.BytesIO(data))
    images = [name for page in reader.pages for name in page.images]
    assert len(images) == 1  # the screenshot's thumbnail, and nothing else
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert "Evidence" in titles


def test_blank_worksheet_has_no_evidence_appendix(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    assert ws.evidence[0].sha256 not in full_text(render_pdf(ws, blank=True))


def test_markdown_and_claimreview_list_evidence_by_hash(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    text = markdown_report(ws)
    for item in ws.evidence:
        assert f"`{item.sha256}`" in text
    assert "## Evidence" in text and "E3. screenshot.png" in text
    for claim in ws.claims:
        claim.status = Status.REVIEWED
        claim.verdict = claim.verdict or Verdict.TRUE
    document = json.loads(claimreview_json(ws))
    schema = json.loads(read_text("schema", "claimreview.schema.json"))
    cls = jsonschema.validators.validator_for(schema)
    cls(schema, format_checker=cls.FORMAT_CHECKER).validate(document)
    citing = {c.id for c in ws.claims if any(x.source_id == ws.sources[0].id
                                             for x in c.citations)}
    assert citing
    for claim, review in zip(ws.claims, document, strict=True):
        media = review.get("associatedMedia", [])
        if claim.id in citing:
            assert [m["sha256"] for m in media] == [e.sha256 for e in ws.evidence]
            assert media[0]["contentSize"] == f"{ws.evidence[0].size} bytes"
        else:
            assert media == []


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size and carries one tiny IDAT: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 100)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("data", [
    _png_header(100_000, 100_000),  # 10 gigapixels declared
    _png_header(60_000, 1_000),  # 60 megapixels: over the limit
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,  # damaged
    b"\xff\xd8\xff\xe0" + b"\x00" * 50,  # damaged JPEG
])
def test_hostile_images_get_no_thumbnail_and_cost_nothing(data: bytes) -> None:
    started = time.process_time()
    assert thumbnail_png(data) is None
    assert time.process_time() - started < 2


def test_a_hostile_image_in_a_report_prints_without_a_thumbnail(tmp_path: Path) -> None:
    ws = seed_worksheet()
    captured = capture_bytes(ws, _png_header(100_000, 100_000), "bomb.png",
                             Capture.PASTED_IMAGE).record
    attach(ws, [captured], ws.sources[0].id)
    text = full_text(render_pdf(ws))
    assert captured.sha256 in text
    assert squash("no thumbnail: the image is too large or cannot be read") in text
