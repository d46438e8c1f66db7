"""Printing and print preview: the pages of the PDF worksheet, nothing else.

There is one report layout, the reportlab PDF of :mod:`app.reports.pdf`
(cover with its chart, article with numbered claims, claim blocks, sources,
sign-off). Printing renders that PDF's pages with PDFium (``pypdfium2``; the
PySide6-Essentials wheel has no QtPdf) and paints each page image onto the
printer's page, so the preview, the paper and ``claimsheet export --pdf`` show
the same pages, page count included. "Print to PDF" (a PDF output file chosen
in the dialog) writes the reportlab file itself, in the dialog's paper size.

Dialogs are built by functions that return them, connected but not shown;
``print_worksheet`` / ``preview_worksheet`` open them window-modally so a test
can drive them and the GUI thread is never blocked by ``exec()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TypeVar

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.document.model import Worksheet

log = logging.getLogger("claimsheet.printing")

MAX_DPI = 300  # page images sharper than this only cost memory


def paper_of(printer: QPrinter) -> str:
    """``letter`` when the printer is set to US Letter, otherwise ``a4``."""
    size = printer.pageLayout().pageSize().id()
    return "letter" if size == QPageSize.PageSizeId.Letter else "a4"


def report_pdf(worksheet: Worksheet, *, blank: bool = False, paper: str = "a4") -> bytes:
    from app.reports.pdf import render_pdf

    return render_pdf(worksheet, blank=blank, paper=paper)  # type: ignore[arg-type]


def page_images(data: bytes, dpi: float) -> Iterator[QImage]:
    """Each page of a PDF as an image at ``dpi``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB, not BGR
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888)
            yield image.copy()  # own the pixels before PDFium frees its bitmap
            page.close()
    finally:
        document.close()


def paint_pages(printer: QPrinter, data: bytes) -> int:
    """Paint the PDF's pages on ``printer``, one per sheet; returns the page count."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    pages = 0
    try:
        dpi = min(float(printer.resolution()), MAX_DPI)
        for image in page_images(data, dpi):
            if pages:
                printer.newPage()
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            size = image.size().toSizeF() * scale
            painter.drawImage(QRectF(target.topLeft(), size), image)
            pages += 1
    finally:
        painter.end()
    return pages


def print_document(printer: QPrinter, worksheet: Worksheet, *, blank: bool = False) -> str:
    """Send the worksheet to ``printer``; returns ``"pdf"`` (file written) or ``"pages"``."""
    data = report_pdf(worksheet, blank=blank, paper=paper_of(printer))
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        from app.document.atomic import atomic_write

        atomic_write(printer.outputFileName(), data, keep_backup=False)
        return "pdf"
    printer.setDocName(worksheet.title)
    paint_pages(printer, data)
    return "pages"


D = TypeVar("D", bound=QDialog)


def _opened(dialog: D) -> D:
    """Open window-modally: QPrintDialog.open() and QPrintPreviewDialog.open() are the
    (receiver, slot) overloads, so QDialog's own open() is called."""
    QDialog.open(dialog)
    return dialog


def _report_failure(parent: QWidget | None, error: OSError) -> None:
    log.warning("printing failed: %s", error)
    QMessageBox.warning(parent, "Print worksheet",
                        f"The worksheet could not be printed: {error.strerror or error}")


def print_dialog(parent: QWidget | None, worksheet: Worksheet, *, blank: bool = False,
                 printer: QPrinter | None = None,
                 done: Callable[[str], None] | None = None) -> QPrintDialog:
    """A print dialog that prints the worksheet when accepted (not shown yet)."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(worksheet.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print blank worksheet" if blank else "Print worksheet")
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    setattr(dialog, "_printer", printer)  # noqa: B010 - keep the printer alive with the dialog

    def finished(result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            return
        try:
            used = print_document(printer, worksheet, blank=blank)
        except OSError as error:
            _report_failure(parent, error)
            return
        if done is not None:
            done(used)

    # finished(int) rather than accepted, which QPrintDialog overloads with a QPrinter.
    dialog.finished.connect(finished)
    return dialog


def print_worksheet(parent: QWidget | None, worksheet: Worksheet, *,
                    blank: bool = False) -> QPrintDialog:
    """Open the print dialog for ``worksheet`` (window-modal); printing happens on OK."""
    return _opened(print_dialog(parent, worksheet, blank=blank))


def preview_dialog(parent: QWidget | None, worksheet: Worksheet, *,
                   blank: bool = False) -> QPrintPreviewDialog:
    """A print preview of the worksheet's PDF pages (not shown yet); its Print button prints."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Preview: {worksheet.title}")
    setattr(dialog, "_printer", printer)  # noqa: B010 - keep the printer alive with the dialog
    rendered: dict[str, bytes] = {}

    def paint(target: QPrinter) -> None:
        paper = paper_of(target)
        if paper not in rendered:  # the preview repaints on every zoom: render once per paper
            rendered[paper] = report_pdf(worksheet, blank=blank, paper=paper)
        paint_pages(target, rendered[paper])

    dialog.paintRequested.connect(paint)
    return dialog


def preview_worksheet(parent: QWidget | None, worksheet: Worksheet, *,
                      blank: bool = False) -> QPrintPreviewDialog:
    return _opened(preview_dialog(parent, worksheet, blank=blank))
