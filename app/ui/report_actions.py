"""The window's reports: print, print preview, blank worksheet, and exports.

:class:`ReportController` is owned by the window (``window.reports``). Printing
goes through :mod:`app.ui.printing` (the PDF worksheet's own pages); Export
writes the PDF worksheet, ClaimReview JSON-LD, CSV or Markdown, chosen by the
file type in the save dialog, rendered completely and written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from app.document import utf8
from app.ui import dialogs

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

# Save-dialog filter -> (suffix, kind)
EXPORT_TYPES = {
    "PDF worksheet (*.pdf)": (".pdf", "pdf"),
    "ClaimReview JSON-LD, reviewed claims (*.json)": (".json", "claimreview"),
    "CSV, claims and sources (*.csv)": (".csv", "csv"),
    "Markdown report (*.md)": (".md", "markdown"),
}


def export_bytes(kind: str, window: MainWindow, path: Path) -> bytes | None:
    """The export of the shown worksheet (None for CSV, which writes its two files).

    The PDF, ClaimReview and Markdown exports print each evidence file's hash,
    so every file is read and checked first (as ``claimsheet export`` does);
    a file that no longer matches stops the export with one line.
    """
    worksheet = window.session.worksheet
    if kind != "csv" and worksheet.evidence:
        from app.document.fileformat import verify_evidence

        verify_evidence(worksheet)
    if kind == "pdf":
        from app.reports.pdf import render_pdf

        return render_pdf(worksheet)
    if kind == "claimreview":
        from app.reports.claimreview import claimreview_json

        return utf8.encode(claimreview_json(worksheet))  # lone surrogates as U+FFFD
    if kind == "markdown":
        from app.reports.markdown import markdown_report

        return utf8.encode(markdown_report(worksheet))
    from app.reports.csvexport import write_csv

    write_csv(worksheet, str(path))
    return None


class ReportController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def print_worksheet(self) -> None:
        from app.ui.printing import print_worksheet

        self.window.last_dialog = print_worksheet(self.window, self.window.session.worksheet)

    def print_blank(self) -> None:
        from app.ui.printing import print_worksheet

        self.window.last_dialog = print_worksheet(self.window, self.window.session.worksheet,
                                                  blank=True)

    def print_preview(self) -> None:
        from app.reports.pdf import size_problem
        from app.ui.printing import preview_worksheet

        problem = size_problem(self.window.session.worksheet)
        if problem is not None:  # the preview paints the PDF's pages: say so before opening
            self.window.last_dialog = dialogs.error_box(self.window, "Cannot preview",
                                                        problem[0].upper() + problem[1:] + ".")
            return
        self.window.last_dialog = preview_worksheet(self.window, self.window.session.worksheet)

    def export(self) -> None:
        """A save dialog whose file type decides the export."""
        window = self.window
        start = window.files.proposed_path().with_suffix(".pdf")
        dialog = QFileDialog(window, "Export worksheet", str(start), ";;".join(EXPORT_TYPES))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(
            lambda p: self.export_to(Path(p), EXPORT_TYPES[dialog.selectedNameFilter()][1]))
        dialog.open()
        window.last_dialog = dialog

    def export_to(self, path: Path, kind: str) -> bool:
        from reportlab.platypus.doctemplate import LayoutError

        from app.document.atomic import atomic_write
        from app.document.locker import EvidenceProblem

        suffix = next(s for s, k in EXPORT_TYPES.values() if k == kind)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            data = export_bytes(kind, self.window, path)
            if data is not None:
                atomic_write(path, data, keep_backup=False)
        except EvidenceProblem as problem:
            self.window.last_dialog = dialogs.error_box(
                self.window, "Cannot export", f"Cannot export {path.name}: {problem.reason}.")
            return False
        except (OSError, LayoutError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.window.last_dialog = dialogs.error_box(
                self.window, "Cannot export", f"Cannot write {path.name}: {message}")
            return False
        self.window.statusBar().showMessage(f"Exported {path.name}", 5000)
        return True
