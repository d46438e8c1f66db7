"""Evidence in the window: drops onto claims and sources, paste, screenshot, viewing, undo,
save and reopen, recovery after a crash, and hostile files refused without a change."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox

from app.document.fileformat import load_worksheet
from app.document.model import Capture, MediaType
from app.document.viewcopy import POLICY
from app.ui import operations
from tests.document.badcontainers import PAGE, PDF, png_bytes

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise",
                                       "grabbing the keyboard")


def _files(folder: Path) -> dict[str, Path]:
    made = {"report.pdf": PDF, "screenshot.png": png_bytes(320, 200), "statement.html": PAGE}
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in made}


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drop_on(viewport, point: QPoint, mime: QMimeData) -> bool:  # type: ignore[no-untyped-def]
    """Drag-enter, move and drop at ``point`` of a view's viewport, as Qt delivers them."""
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    move = QDragMoveEvent(point, Qt.DropAction.CopyAction, mime,
                          Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    return drop.isAccepted()


@pytest.fixture
def sourced(window):  # type: ignore[no-untyped-def]
    """The window's worksheet with two sources, cited by claims 1 and 2."""
    from app.document.model import Source, Stance

    for row, title in ((0, "Ministry of Defence statement"), (1, "Governor's channel")):
        claim = window.session.worksheet.claims[row]
        operations.save_source(window.session, claim.id, Source(title=title), Stance.SUPPORTS)
    window.session.undo_stack.clear()
    return window


def _claim_row_point(window, row: int) -> QPoint:  # type: ignore[no-untyped-def]
    return window.tree.visualRect(window.proxy.index(row, 1)).center()


def test_files_dropped_on_a_claim_become_a_new_source_with_evidence_one_undo_step(
        window, tmp_path: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    claim = window.session.worksheet.claims[2]
    sources_before = len(window.session.worksheet.sources)
    row = window.session.row_of(claim.id)
    assert drop_on(window.tree.viewport(), _claim_row_point(window, row),
                   _mime(files["statement.html"], files["report.pdf"]))
    ws = window.session.worksheet
    assert [e.name for e in ws.evidence] == ["statement.html", "report.pdf"]
    source = ws.sources[-1]
    assert len(ws.sources) == sources_before + 1
    assert source.title == "Ministry statement" and source.url == "https://example.org/statement"
    assert any(c.source_id == source.id for c in claim.citations)
    assert all(e.sources == [source.id] for e in ws.evidence)
    assert window.session.undo_stack.undoText() == (
        f"Attach 2 files to claim {claim.number} (new source)")
    assert window.tabs.tabText(window.tabs.indexOf(window.evidence_panel)) == "Evidence (2)"
    qtmodeltester.check(window.evidence_model)
    window.session.undo_stack.undo()  # one step takes all of it back
    assert ws.evidence == [] and len(ws.sources) == sources_before
    assert not any(c.source_id == source.id for c in claim.citations)
    window.session.undo_stack.redo()
    assert [e.name for e in ws.evidence] == ["statement.html", "report.pdf"]
    qtmodeltester.check(window.evidence_model)


def test_a_file_dropped_on_a_source_is_its_evidence_and_stored_once(
        sourced, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = sourced
    files = _files(tmp_path)
    window.focus_sources()
    tree = window.sources_panel.tree
    ws = window.session.worksheet
    for row in (0, 1):
        point = tree.visualRect(window.sources_model.index(row, 0)).center()
        assert drop_on(tree.viewport(), point, _mime(files["report.pdf"]))
    assert len(ws.evidence) == 1  # the same bytes, kept once
    assert ws.evidence[0].sources == [ws.sources[0].id, ws.sources[1].id]
    assert ws.evidence[0].capture == Capture.FILE
    window.focus_evidence()
    assert window.evidence_panel.cited.text().count("<a href") == 2


def test_a_drop_beside_the_rows_still_opens_an_article(window, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    opened: list[Path] = []
    monkeypatch.setattr(window.files, "open_path", opened.append)
    window.filter_bar.text.setText("zzzz no claim matches this")
    window.apply_filters()
    below = QPoint(10, window.tree.viewport().height() - 2)
    assert drop_on(window.tree.viewport(), below, _mime(files["report.pdf"]))  # the window's
    assert opened == [files["report.pdf"]]
    assert window.session.worksheet.evidence == []


def test_hostile_files_are_refused_in_one_line_and_change_nothing(
        window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    program = tmp_path / "invoice.pdf"
    program.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(100))
    script = tmp_path / "run.sh"
    script.write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    index = window.session.undo_stack.index()
    window.select_row(0)
    changes = window.evidence.attach_paths([program, script], claim_id=window.current_claim_id())
    assert not changes.done
    box = window.last_dialog
    assert isinstance(box, QMessageBox) and box.text() == "2 of 2 files were not attached."
    lines = box.detailedText().splitlines()
    assert lines == ["Cannot attach invoice.pdf: it is a program (Linux executable), which "
                     "Claimsheet never keeps as evidence.",
                     "Cannot attach run.sh: its name ends in .sh, a kind of file that runs "
                     "when opened."]
    assert window.session.undo_stack.index() == index
    assert window.session.worksheet.evidence == []
    box.accept()


def test_pasted_image_and_screenshot(window, monkeypatch: pytest.MonkeyPatch,
                                     qtbot) -> None:  # type: ignore[no-untyped-def]
    image = QImage(200, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    QApplication.clipboard().setImage(image)
    window.select_row(0)
    window.actions["paste_evidence"].trigger()
    ws = window.session.worksheet
    assert len(ws.evidence) == 1
    pasted = ws.evidence[0]
    assert pasted.capture == Capture.PASTED_IMAGE and pasted.media_type == MediaType.PNG
    assert pasted.name.startswith("pasted image ")
    screen = QImage(300, 200, QImage.Format.Format_RGB32)
    screen.fill(QColor("#ffffff"))
    for x in range(150):  # a dark half: a screen with something on it
        for y in range(200):
            screen.setPixelColor(x, y, QColor("#202020"))
    window.evidence.grabber = lambda: QPixmap.fromImage(screen)
    monkeypatch.setattr("app.ui.evidence.SCREENSHOT_DELAY_MS", 10)
    window.actions["screenshot"].trigger()
    qtbot.waitUntil(lambda: len(ws.evidence) == 2, timeout=3000)
    assert ws.evidence[1].capture == Capture.SCREENSHOT
    assert window.isVisible()
    window.evidence.grabber = QPixmap  # a system that refuses: an empty picture
    window.actions["screenshot"].trigger()
    qtbot.waitUntil(lambda: isinstance(window.last_dialog, QMessageBox)
                    and "Wayland" in window.last_dialog.text(), timeout=3000)
    assert len(ws.evidence) == 2 and window.isVisible()


def test_images_and_text_show_in_the_window_others_in_the_system_viewer(
        window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("Called the ministry press office: no answer.\n", encoding="utf-8")
    window.select_row(0)
    window.evidence.attach_paths([*files.values(), notes], claim_id=window.current_claim_id())
    ws = window.session.worksheet
    by_name = {e.name: e for e in ws.evidence}
    opened: list[QUrl] = []
    window.evidence.opener = lambda url: opened.append(url) or True
    window.focus_evidence()
    panel = window.evidence_panel
    panel.select(by_name["screenshot.png"].sha256)
    assert panel.image.isVisible() and panel.sha.text() == by_name["screenshot.png"].sha256
    assert "screenshot.png" not in panel.captured.text()  # time, way, type and size
    window.evidence.open(by_name["screenshot.png"].sha256)
    assert window.last_dialog.objectName() == "evidenceViewer"
    window.last_dialog.reject()
    panel.select(by_name["notes.txt"].sha256)
    assert panel.text.isVisible() and "press office" in panel.text.toPlainText()
    panel.select(by_name["report.pdf"].sha256)
    assert "system's viewer" in panel.note.text()
    window.evidence.open(by_name["report.pdf"].sha256)
    window.evidence.open(by_name["statement.html"].sha256)
    assert len(opened) == 2
    pdf, html = (Path(url.toLocalFile()) for url in opened)
    assert pdf.suffix == ".pdf" and pdf.read_bytes() == PDF
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o400  # read-only, never executable
    assert stat.S_IMODE(pdf.parent.parent.stat().st_mode) == 0o700  # a private folder
    page = html.read_bytes()
    assert POLICY in page and page.replace(POLICY, b"") == PAGE  # scripts, network blocked
    assert by_name["statement.html"].sha256 == hashlib.sha256(PAGE).hexdigest()  # unchanged


def test_save_reopen_edit_and_save_keep_the_evidence(
        make_window, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    window.select_row(0)
    window.evidence.attach_paths(list(files.values()), claim_id=window.current_claim_id())
    target = tmp_path / "work.claimsheet"
    assert window.files.save_to(target)
    staged = window.recovery.evidence_folder(window.session.worksheet.id)
    assert not staged.exists() or not any(staged.iterdir())  # now in the container
    window.close()
    again = make_window()
    again.files.open_path(target)
    ws = again.session.worksheet
    assert sorted(e.name for e in ws.evidence) == sorted(files)
    again.select_row(1)
    again.set_verdict(None)
    again.apply(operations.set_rationale(again.session, ws.claims[1].id, "Edited after."))
    assert again.files.save_to(target)
    loaded = load_worksheet(target, verify_evidence=True)
    assert sorted(e.name for e in loaded.evidence) == sorted(files)
    assert loaded.claims[1].rationale == "Edited after."


def test_deleting_a_source_takes_its_evidence_along_and_undo_brings_it_back(
        sourced, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = sourced
    files = _files(tmp_path)
    ws = window.session.worksheet
    source = ws.sources[0]
    window.evidence.attach_paths([files["report.pdf"]], source_id=source.id)
    window.evidence.attach_paths([files["statement.html"]], source_id=source.id)
    window.evidence.attach_paths([files["statement.html"]], source_id=ws.sources[1].id)
    window.apply(operations.delete_source(window.session, source.id))
    assert [e.name for e in ws.evidence] == ["statement.html"]  # still cited by the other
    assert ws.evidence[0].sources == [ws.sources[0].id]
    window.session.undo_stack.undo()
    assert [e.name for e in ws.evidence] == ["report.pdf", "statement.html"]
    assert ws.evidence[1].sources == [source.id, ws.sources[1].id]


def test_remove_with_del_and_undo(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    window.select_row(0)
    window.evidence.attach_paths([files["report.pdf"]], claim_id=window.current_claim_id())
    window.actions["focus_evidence"].trigger()
    assert window.tabs.currentWidget() is window.evidence_panel
    qtbot.keyClick(window.evidence_panel.tree, Qt.Key.Key_Delete)
    assert window.session.worksheet.evidence == []
    assert window.session.undo_stack.undoText().startswith("Remove evidence “report.pdf”")
    window.session.undo_stack.undo()
    assert [e.name for e in window.session.worksheet.evidence] == ["report.pdf"]


def test_evidence_attached_before_a_crash_is_recovered(
        make_window, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    window.select_row(0)
    window.evidence.attach_paths([files["report.pdf"], files["screenshot.png"]],
                                 claim_id=window.current_claim_id())
    assert window.files.save_recovery()
    for path in files.values():
        path.unlink()  # the originals are gone: the staged copies are what counts
    window._close_confirmed = True  # "crash"
    again = make_window()
    box = again.files.offer_recovery()
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    ws = again.session.worksheet
    assert [e.name for e in ws.evidence] == ["report.pdf", "screenshot.png"]
    assert ws.locker.read(ws.evidence[0].sha256, ws.evidence[0].size) == PDF
    target = tmp_path / "recovered.claimsheet"
    assert again.files.save_to(target)
    assert len(load_worksheet(target, verify_evidence=True).evidence) == 2


def test_the_library_indexes_a_container_without_reading_its_evidence(
        window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from app.document import locker
    from app.library import open_library

    files = _files(tmp_path)
    window.select_row(0)
    window.evidence.attach_paths(list(files.values()), claim_id=window.current_claim_id())
    target = tmp_path / "indexed.claimsheet"
    assert window.files.save_to(target)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the library read evidence")

    monkeypatch.setattr(locker.EvidenceLocker, "chunks", refuse)
    with open_library(str(tmp_path / "library.sqlite3")) as library:
        result = library.index_file(target)
    assert result.claims == len(window.session.worksheet.claims)
