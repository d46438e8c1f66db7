"""The window's import side: drops of every format, paste errors, article details,
and the extractor's fallback warning (no spaCy needed: extraction is stubbed)."""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app.document.fileformat import save_worksheet
from app.document.model import Article
from app.ui.extraction_worker import ExtractionThread
from tests.ui.synthetic import synthetic_worksheet

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"),
              pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")]

SENTENCE = "Officials said twelve drones were shot down over Belgorod on Monday."


def drop(window, mime: QMimeData) -> bool:  # type: ignore[no-untyped-def]
    """Send a drag-enter then (if accepted) a drop, as Qt would; True when accepted."""
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return True


def file_mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def make_file(kind: str, folder: Path) -> Path:
    """A small article in each import format, made here with the real writers."""
    path = folder / f"article.{kind}"
    if kind == "txt":
        path.write_bytes(SENTENCE.encode("cp1252"))
    elif kind == "md":
        path.write_text(f"# Drone attack\n\n{SENTENCE.replace('twelve', '**twelve**')}\n",
                        encoding="utf-8")
    elif kind == "html":
        path.write_text(
            "<!doctype html><html><head><title>Drone attack</title>"
            '<meta name="author" content="Jane Doe"></head><body><nav>Home | World</nav>'
            f"<article><h1>Drone attack</h1><p>{SENTENCE}</p><p>{SENTENCE}</p>"
            "</article></body></html>", encoding="utf-8")
    elif kind == "pdf":
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        pdf = canvas.Canvas(str(path), pagesize=A4)
        pdf.drawString(72, 760, SENTENCE)
        pdf.save()
    elif kind == "docx":
        import docx

        document = docx.Document()
        document.add_paragraph(SENTENCE)
        document.save(str(path))
    return path


@pytest.fixture(autouse=True)
def _clear_clipboard():  # type: ignore[no-untyped-def]
    """Give the clipboard's QMimeData back to Qt before the test's objects go.

    Left on the clipboard, a QMimeData created in Python is freed twice at
    interpreter exit (once by Qt's clipboard, once by its Python wrapper), and the
    whole pytest process ends with a segmentation fault after every test passed.
    """
    yield
    QApplication.clipboard().clear()


@pytest.fixture
def quiet(window, monkeypatch):  # type: ignore[no-untyped-def]
    """The window with nothing unsaved and extraction replaced by a counter."""
    started: list[bool] = []
    monkeypatch.setattr(window.extraction, "start", lambda: started.append(True))
    window.session.undo_stack.setClean()
    window.session.path = Path("/nonexistent/x.claimsheet")
    return SimpleNamespace(window=window, started=started)


@pytest.mark.parametrize("kind", ["txt", "md", "html", "pdf", "docx"])
def test_dropping_each_import_format_starts_a_worksheet(quiet, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        kind: str) -> None:
    window = quiet.window
    assert drop(window, file_mime(make_file(kind, tmp_path)))
    text = window.session.worksheet.article.text
    assert "twelve drones were shot down over Belgorod" in text, text
    assert "**" not in text and "<p>" not in text and "Home | World" not in text
    assert quiet.started == [True]
    assert window.session.path is None


def test_dropping_a_worksheet_opens_it(quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = synthetic_worksheet(f"{SENTENCE} The governor said 3 houses burned.")
    path = tmp_path / "dropped.claimsheet"
    save_worksheet(ws, path)
    assert drop(quiet.window, file_mime(path))
    assert quiet.window.session.path == path.resolve()
    assert len(quiet.window.session.worksheet.claims) == len(ws.claims) == 2
    assert quiet.started == []


def test_dropping_a_bad_file_shows_the_importers_message(quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = quiet.window
    before = window.session.worksheet
    image = tmp_path / "photo.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert drop(window, file_mime(image))
    box = window.last_dialog
    assert box.objectName() == "errorBox" and box.isVisible() and box.text()
    box.reject()
    assert window.session.worksheet is before and quiet.started == []


def test_dropping_text_from_a_browser_starts_a_worksheet(quiet) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setText(SENTENCE)
    mime.setHtml(f"<p>{SENTENCE}</p>")
    assert drop(quiet.window, mime)
    assert quiet.window.session.worksheet.article.text.strip() == SENTENCE
    assert quiet.started == [True]


def test_drag_of_nothing_importable_is_refused(window) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setData("application/x-qabstractitemmodeldatalist", b"\x00")
    assert not drop(window, mime)


def test_paste_error_shows_a_dialog_and_keeps_the_worksheet(quiet) -> None:  # type: ignore[no-untyped-def]
    window = quiet.window
    before = window.session.worksheet
    mime = QMimeData()
    mime.setData("image/png", b"\x89PNG\r\n\x1a\n")
    QApplication.clipboard().setMimeData(mime)
    window.actions["paste"].trigger()
    box = window.last_dialog
    assert box.objectName() == "errorBox" and box.windowTitle() == "Cannot paste article"
    assert box.isVisible() and len(box.text()) > 10
    box.reject()
    assert window.session.worksheet is before and quiet.started == []


def details(window, **fields: str):  # type: ignore[no-untyped-def]
    """Open Article details, fill ``fields``, press OK."""
    window.actions["article_details"].trigger()
    dialog = window.last_dialog
    assert dialog.objectName() == "articleDialog"
    for name, value in fields.items():
        dialog.fields[name].setText(value)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    return dialog


def test_article_details_are_one_undo_step_with_title_refresh(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(window.extraction, "rerun", lambda: pytest.fail("no date change"))
    depth = window.session.undo_stack.index()
    details(window, title="Drones over Belgorod", outlet="TASS", author="A. Writer",
            url="https://example.org/a")
    article = window.session.worksheet.article
    assert (article.title, article.outlet, article.author, article.url) == (
        "Drones over Belgorod", "TASS", "A. Writer", "https://example.org/a")
    assert window.windowTitle().startswith("Drones over Belgorod")
    assert window.isWindowModified()
    assert window.session.undo_stack.index() == depth + 1
    assert window.actions["undo"].text() == "&Undo Edit article details"
    window.actions["undo"].trigger()
    assert window.session.worksheet.article.title == "Synthetic"
    assert window.session.worksheet.article.outlet == ""
    assert window.windowTitle().startswith("Synthetic")
    details(window)  # OK without changes: no empty undo step
    assert window.session.undo_stack.index() == depth
    assert window.session.undo_stack.canRedo()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes,
                                    QMessageBox.StandardButton.No])
def test_changing_the_published_date_offers_a_rerun(window, monkeypatch, answer) -> None:  # type: ignore[no-untyped-def]
    reruns: list[bool] = []
    monkeypatch.setattr(window.extraction, "rerun", lambda: reruns.append(True))
    details(window, published="2023-10-19")
    assert window.session.worksheet.article.published == "2023-10-19"
    box = window.last_dialog
    assert box.objectName() == "rerunForDateBox" and box.isVisible()
    assert "2023-10-19" in box.informativeText()
    box.button(answer).click()
    assert reruns == ([True] if answer == QMessageBox.StandardButton.Yes else [])


def test_date_change_during_extraction_restarts_it(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cancels: list[bool] = []
    window.extraction.worker = SimpleNamespace(cancel=lambda: cancels.append(True))
    monkeypatch.setattr(window.extraction, "start", lambda: setattr(window, "restarted", True))
    details(window, published="2023-10-19")
    assert cancels == [True] and window.extraction.restart_requested
    assert window.last_dialog.objectName() != "rerunForDateBox"
    window.extraction.worker = None
    window.extraction.restart_if_asked()
    assert window.restarted


def stub_worker(window, warning: str) -> ExtractionThread:  # type: ignore[no-untyped-def]
    """A finished (never started) thread as the window's worker, carrying ``warning``."""
    worker = ExtractionThread(window.session.worksheet.article, window)
    worker.warning = warning
    window.extraction.worker = worker
    window.extraction._worksheet_id = window.session.worksheet.id
    return worker


def test_fallback_pipeline_warning_is_shown_in_a_banner(window) -> None:  # type: ignore[no-untyped-def]
    from app.extract.pipeline import BLANK_WARNING

    claims = list(window.session.worksheet.claims)
    window.extraction._on_extracted(stub_worker(window, BLANK_WARNING), claims)
    banner = window.warning_banner
    assert banner.isVisible() and BLANK_WARNING in banner.text()
    window.extraction._on_extracted(stub_worker(window, ""), claims)
    assert not banner.isVisible()


def test_helper_process_sends_the_pipeline_warning(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The child's protocol carries Pipeline.warning with each result."""
    import app.extract as extract_pkg
    import app.extract.dates as dates
    import app.extract.extractor as extractor
    from app.extract.pipeline import BLANK_WARNING
    from app.services import extraction as extraction_service

    blank = SimpleNamespace(pipeline=SimpleNamespace(warning=BLANK_WARNING))
    monkeypatch.setattr(extractor, "engine", lambda **_: blank)
    monkeypatch.setattr(extract_pkg, "extract_many", lambda texts, **_: ([] for _ in texts))
    monkeypatch.setattr(dates, "warm_up", lambda: None)
    stdin = io.BytesIO(pickle.dumps(("extract", 7, Article(text=SENTENCE)))
                       + pickle.dumps(("quit",)))
    stdout = io.BytesIO()
    assert extraction_service.serve(stdin, stdout) == 0
    stdout.seek(0)
    messages = []
    while stdout.tell() < len(stdout.getvalue()):
        messages.append(pickle.load(stdout))
    assert messages[0] == ("ready",)
    n = len(SENTENCE)
    assert messages[1:] == [("progress", 7, 0, n), ("claims", 7, [], n, n),
                            ("done", 7, [], BLANK_WARNING)]


def test_year_less_dates_are_spelled_out(window) -> None:  # type: ignore[no-untyped-def]
    from app.document.model import Checkable, CheckableType
    from app.ui.article_view import tooltip_for
    from app.ui.value_text import shown_value

    k = Checkable(type=CheckableType.DATE, start=0, end=3, text="Oct 19", value="--10-19")
    assert shown_value(k) == "19 October (year unknown)"
    assert "Value: 19 October (year unknown)" in tooltip_for(k)
    for value in ("2023-10-19", "2023-10", "2023-10-16/2023-10-22", "--13-40"):
        assert shown_value(Checkable(type=CheckableType.DATE, start=0, end=3, text="x",
                                     value=value)) == value


def test_paste_of_html_only_takes_text_and_title(quiet) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setHtml(f"<html><head><title>Drone attack</title></head><body><p><b>{SENTENCE}</b>"
                 "</p></body></html>")
    QApplication.clipboard().setMimeData(mime)
    quiet.window.actions["paste"].trigger()
    article = quiet.window.session.worksheet.article
    assert article.text.strip() == SENTENCE
    assert article.title == "Drone attack"
    assert quiet.started == [True]


def test_an_unexpected_error_in_the_worker_ends_the_run(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A bug in the extraction thread must end in 'failed', or the window waits forever."""
    from app.ui import extraction_worker

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("unexpected reply")

    monkeypatch.setattr(extraction_worker.SERVICE, "extract", broken)
    with qtbot.waitSignal(window.extractionFinished, timeout=5000) as blocker:
        window.extraction.start()
    assert blocker.args == ["failed"]
    box = window.last_dialog
    assert box.objectName() == "errorBox" and "unexpected reply" in box.text()
    assert "ValueError" in box.detailedText()
    assert window.extraction.worker is None and window.actions["rerun"].isEnabled()
    box.reject()


def test_narrow_columns_have_full_tooltips(window) -> None:  # type: ignore[no-untyped-def]
    from app.ui.checklist_model import COL_CHECKABLES, COL_SOURCING

    row = next(i for i, c in enumerate(window.session.worksheet.claims) if c.checkables)
    claim = window.session.worksheet.claims[row]
    claim.source_name = "a senior official"
    tip = Qt.ItemDataRole.ToolTipRole
    checkables_tip = window.model.index(row, COL_CHECKABLES).data(tip)
    assert checkables_tip == window.model.index(row, COL_CHECKABLES).data()
    assert f"/{len(claim.checkables)}" in checkables_tip
    assert "a senior official" in window.model.index(row, COL_SOURCING).data(tip)


def mnemonics(root) -> list[str]:  # type: ignore[no-untyped-def]
    """The Alt+letter of every visible label with a buddy, button and menu title."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QMenuBar

    texts = [w.text() for w in root.findChildren(QLabel) if w.buddy() and w.isVisible()]
    texts += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisible()]
    for bar in root.findChildren(QMenuBar):
        texts += [a.text() for a in bar.actions()]
    return [m.group(1).lower() for t in texts if (m := re.search(r"&([^&\s])", t))]


def test_alt_letters_are_unique(window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    letters = mnemonics(window)
    assert len(letters) == len(set(letters)), sorted(letters)
    window.add_source()
    letters = mnemonics(window.last_dialog)
    assert len(letters) >= 10 and len(letters) == len(set(letters)), sorted(letters)
    window.last_dialog.reject()
    window.actions["article_details"].trigger()
    letters = mnemonics(window.last_dialog)
    assert len(letters) >= 6 and len(letters) == len(set(letters)), sorted(letters)
    window.last_dialog.reject()


def test_article_details_are_prefilled_from_a_dropped_page(quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert drop(quiet.window, file_mime(make_file("html", tmp_path)))
    quiet.window.actions["article_details"].trigger()
    dialog = quiet.window.last_dialog
    values = dialog.values()
    assert values["title"] == "Drone attack" and values["author"] == "Jane Doe"
    assert "article.html" in dialog.findChild(QLabel, "article_provenance").text()
    dialog.reject()


def test_detail_pane_undo_names_say_what_changed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from app.document.model import Verdict

    window.select_row(0)
    d = window.detail
    d.verdict.setCurrentIndex(d.verdict.findData(Verdict.FALSE))
    assert window.actions["undo"].text() == "&Undo Set verdict of claim 1 to False"
    d.status.setCurrentIndex(2)
    assert window.actions["undo"].text().startswith("&Undo Set status of claim 1 to ")
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "5")  # the keyboard's step has the same name
    assert window.actions["undo"].text() == "&Undo Set verdict of claim 1 to False"


def large_article(folder: Path) -> Path:
    from app.ui.import_worker import BACKGROUND_BYTES

    path = folder / "long.txt"
    paragraph = f"{SENTENCE} The governor said 3 houses burned.\n\n"
    path.write_text(paragraph * (BACKGROUND_BYTES // len(paragraph) + 10), encoding="utf-8")
    return path


def test_a_large_file_imports_in_the_background(qtbot, quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = quiet.window
    before = window.session.worksheet
    window.files.open_path(large_article(tmp_path))
    # The window answers at once: busy bar shown, old worksheet still there.
    assert window.progress.isVisible() and window.progress.maximum() == 0
    assert window.session.worksheet is before and window.files.importer is not None
    qtbot.waitUntil(lambda: quiet.started == [True], timeout=20_000)
    assert window.session.worksheet.article.text.startswith(SENTENCE)
    assert window.files.importer is None and window.progress.maximum() == 100
    qtbot.waitUntil(lambda: not window.files._imports, timeout=5000)


def test_a_large_bad_file_reports_in_a_dialog(qtbot, quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.import_worker import BACKGROUND_BYTES

    window = quiet.window
    before = window.session.worksheet
    blob = tmp_path / "archive.txt"
    blob.write_bytes(b"PK\x03\x04" + bytes(range(256)) * (BACKGROUND_BYTES // 256 + 4))
    with qtbot.waitSignal(window.importFailed, timeout=20_000):
        window.files.open_path(blob)
    box = window.last_dialog
    assert box.objectName() == "errorBox" and "archive.txt" in box.text()
    assert window.session.worksheet is before and not window.progress.isVisible()
    box.reject()


def test_opening_something_else_drops_a_running_import(qtbot, quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = quiet.window
    ws = synthetic_worksheet(f"{SENTENCE} The governor said 3 houses burned.")
    sheet = tmp_path / "other.claimsheet"
    save_worksheet(ws, sheet)
    window.files.open_path(large_article(tmp_path))
    window.files.open_path(sheet)
    qtbot.waitUntil(lambda: not window.files._imports, timeout=20_000)
    QApplication.processEvents()
    assert window.session.path == sheet.resolve() and quiet.started == []
    assert not window.progress.isVisible()


def test_moving_through_the_checklist_cannot_free_none(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12 on Python 3.11 drops references to None on every empty QVariant;
    without app.ui.none_guard a few hundred J/K presses abort the process."""
    import sys

    window.tree.setFocus()
    for _ in range(3):
        for key in "J" * 12 + "K" * 12:
            qtbot.keyClick(window.tree, key)
    assert sys.getrefcount(None) > 1 << 30, "None is not protected"


def test_text_dragged_inside_the_window_is_not_a_new_article(window) -> None:  # type: ignore[no-untyped-def]
    class InternalDrag(QDragEnterEvent):
        def source(self):  # type: ignore[no-untyped-def]  # a drag started in the article
            return window.article_view

    mime = QMimeData()
    mime.setText(SENTENCE)
    enter = InternalDrag(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                         Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def large_pdf(folder: Path, pages: int) -> Path:
    """A PDF over the background threshold: a page of text each, plus a noise image
    that does not compress, so a few pages are enough."""
    import os

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from app.ui.import_worker import BACKGROUND_BYTES

    side = int((BACKGROUND_BYTES / 3) ** 0.5) + 64
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    path = folder / "long.pdf"
    pdf = canvas.Canvas(str(path))
    for page in range(pages):
        pdf.drawString(72, 760, f"{SENTENCE} Page {page + 1} of the report.")
        if page == 0:
            pdf.drawImage(ImageReader(noise), 72, 200, width=300, height=300)
        pdf.showPage()
    pdf.save()
    assert path.stat().st_size > BACKGROUND_BYTES
    return path


def test_a_large_pdf_shows_its_pages_read(qtbot, quiet, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = quiet.window
    seen: list[tuple[int, int]] = []
    window.progress.valueChanged.connect(
        lambda value: seen.append((value, window.progress.maximum())))
    window.files.open_path(large_pdf(tmp_path, pages=6))
    qtbot.waitUntil(lambda: quiet.started == [True], timeout=20_000)
    assert (6, 6) in seen, seen  # the bar counted the pages, not just a busy bar
    assert "Page 6 of the report" in window.session.worksheet.article.text
