"""Printing a worksheet through Qt's print dialog, and a print preview.

Two paths, chosen by where the user sends the job:

* "Print to PDF" (a PDF output file chosen in the dialog) writes the real
  reportlab worksheet report to that file, in the dialog's paper size, so the
  PDF is identical to `claimsheet export --pdf`;
* a physical printer gets the worksheet laid out by ``QTextDocument`` from
  :func:`app.reports.html.worksheet_html` (PySide6-Essentials ships no PDF
  renderer to rasterize the reportlab file). ``QTextDocument.print_`` adds
  page numbers at the foot of every page.

Dialogs are built by functions that return them, connected but not shown;
``print_worksheet`` / ``preview_worksheet`` open them window-modally so a test
can drive them and the GUI thread is never blocked by ``exec()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.document.model import Worksheet

log = logging.getLogger("claimsheet.printing")


def _paper(printer: QPrinter) -> str:
    """``letter`` when the printer is set to US Letter, otherwise ``a4``."""
    size = printer.pageLayout().pageSize().id()
    return "letter" if size == QPageSize.PageSizeId.Letter else "a4"


def text_document(worksheet: Worksheet, *, blank: bool = False) -> QTextDocument:
    """The worksheet laid out for printing (or showing in a QTextBrowser)."""
    from app.reports.html import worksheet_html

    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(worksheet_html(worksheet, blank=blank))
    return document


def print_document(printer: QPrinter, worksheet: Worksheet, *, blank: bool = False) -> str:
    """Send the worksheet to ``printer``; returns ``"pdf"`` or ``"document"`` (the path used)."""
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        from app.document.atomic import atomic_write
        from app.reports.pdf import ReportTooLarge, render_pdf

        try:
            data = render_pdf(worksheet, blank=blank, paper=_paper(printer))  # type: ignore[arg-type]
        except ReportTooLarge:  # over the report's size: Qt lays the worksheet out instead
            data = b""
        if data:
            atomic_write(printer.outputFileName(), data, keep_backup=False)
            return "pdf"
    printer.setDocName(worksheet.title)
    text_document(worksheet, blank=blank).print_(printer)
    return "document"


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
    dialog._printer = printer  # keep the printer alive as long as the dialog

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
    dialog = print_dialog(parent, worksheet, blank=blank)
    QDialog.open(dialog)  # QPrintDialog.open() is the (receiver, slot) overload
    return dialog


def preview_dialog(parent: QWidget | None, worksheet: Worksheet, *,
                   blank: bool = False) -> QPrintPreviewDialog:
    """A print preview of the worksheet (not shown yet); its Print button prints."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Preview: {worksheet.title}")
    dialog._printer = printer

    def paint(target: QPrinter) -> None:
        text_document(worksheet, blank=blank).print_(target)

    dialog.paintRequested.connect(paint)
    return dialog


def preview_worksheet(parent: QWidget | None, worksheet: Worksheet, *,
                      blank: bool = False) -> QPrintPreviewDialog:
    dialog = preview_dialog(parent, worksheet, blank=blank)
    QDialog.open(dialog)  # QPrintPreviewDialog.open() is the (receiver, slot) overload
    return dialog
