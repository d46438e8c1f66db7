"""Printing through Qt: the print-to-PDF path writes the real report; paper follows the printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from app.ui.printing import (
    paint_pages,
    preview_worksheet,
    print_dialog,
    print_document,
    print_worksheet,
    report_pdf,
)
from tests.reports.pdftext import full_text, reader, squash
from tests.reports.worksheets import seed_worksheet

# The offscreen platform cannot resize native dialogs; harmless in tests.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _pdf_printer(path: Path, size: QPageSize.PageSizeId) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(size))
    return printer


def test_print_to_pdf_file_writes_the_report(qapp, tmp_path: Path) -> None:
    ws = seed_worksheet()
    out = tmp_path / "printed.pdf"
    used = print_document(_pdf_printer(out, QPageSize.PageSizeId.Letter), ws)
    assert used == "pdf"
    data = out.read_bytes()
    assert squash(ws.claims[-1].quote) in full_text(data)
    box = reader(data).pages[0].mediabox
    assert round(float(box.width)) == 612  # Letter, as the printer was set


def test_a_printer_gets_the_pages_of_the_pdf(qapp, tmp_path: Path) -> None:
    """The paper path paints the reportlab PDF's own pages: same count, not blank."""
    from PySide6.QtGui import QImage

    from app.ui.printing import page_images

    ws = seed_worksheet()
    data = report_pdf(ws)
    expected = len(reader(data).pages)
    out = tmp_path / "painted.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    assert paint_pages(printer, data) == expected >= 3
    assert len(reader(out.read_bytes()).pages) == expected
    first = next(page_images(data, 36))
    assert isinstance(first, QImage) and not first.isNull()
    assert first.width() == round(595.3 * 36 / 72)
    colours = {first.pixel(x, y) for x in range(0, first.width(), 7)
               for y in range(0, first.height(), 7)}
    assert len(colours) > 4  # text and the chart, not an empty sheet


def test_dialog_prints_on_accept(qtbot, tmp_path: Path) -> None:
    ws = seed_worksheet()
    out = tmp_path / "dialog.pdf"
    used: list[str] = []
    dialog = print_dialog(None, ws, printer=_pdf_printer(out, QPageSize.PageSizeId.A4),
                          done=used.append)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintDialog)
    QDialog.open(dialog)
    dialog.done(QDialog.DialogCode.Rejected)
    assert used == [] and not out.exists()
    QDialog.open(dialog)
    dialog.done(QDialog.DialogCode.Accepted)
    assert used == ["pdf"] and out.stat().st_size > 0


def test_print_and_preview_open_without_blocking(qtbot) -> None:
    ws = seed_worksheet()
    dialog = print_worksheet(None, ws)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.reject()
    preview = preview_worksheet(None, ws, blank=True)
    qtbot.addWidget(preview)
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    assert "Preview" in preview.windowTitle()
    preview.reject()
