"""Drive the real window (offscreen) through a checker's work, without spaCy.

The worksheet here is synthetic (one claim per sentence of the seed article);
tests/ui/test_workflow.py runs the same path with real extraction.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from app.document.fileformat import load_worksheet
from app.document.model import CheckableType, Origin, Stance, Status, Verdict
from app.ui import dialogs
from app.ui.article_view import OffsetMap, tooltip_for
from app.ui.crash import CrashHandler
from app.ui.source_dialog import SourceDialog

# The offscreen platform warns that it cannot pass size hints to a window manager.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def claim_at_row(window, row: int):  # type: ignore[no-untyped-def]
    return window.session.worksheet.claims[row]


def press(qtbot, window, *keys: str) -> None:  # type: ignore[no-untyped-def]
    window.tree.setFocus()
    for key in keys:
        qtbot.keyClick(window.tree, key)


def test_keyboard_sets_verdicts_status_and_moves(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    press(qtbot, window, "5")
    assert claim_at_row(window, 0).verdict == Verdict.FALSE
    press(qtbot, window, "j", "1", "s", "s")
    assert claim_at_row(window, 1).verdict == Verdict.TRUE
    assert claim_at_row(window, 1).status == Status.CHECKED
    press(qtbot, window, "k", "7")
    assert claim_at_row(window, 0).verdict == Verdict.NOT_A_CLAIM
    assert window.detail.verdict.currentData() == Verdict.NOT_A_CLAIM
    assert "1 of" in window.summary_label.text() and "not a claim" in window.summary_label.text()
    stack = window.session.undo_stack
    assert stack.undoText() == "Set verdict of claim 1 to Not a claim"
    assert window.isWindowModified()
    qtbot.keyClick(window.tree, "z", Qt.KeyboardModifier.ControlModifier)
    assert claim_at_row(window, 0).verdict == Verdict.FALSE
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.tree, "z", redo)
    assert claim_at_row(window, 0).verdict == Verdict.NOT_A_CLAIM


def test_typing_in_the_rationale_does_not_trigger_shortcuts(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(2)
    window.focus_rationale()
    qtbot.keyClicks(window.detail.rationale, "Checked 1 ministry feed; s")
    claim = claim_at_row(window, 2)
    assert claim.rationale == "Checked 1 ministry feed; s"
    assert claim.verdict is None and claim.status == Status.TODO
    # The whole typing run is one undo step.
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert claim.rationale == "" and window.detail.rationale.toPlainText() == ""


def test_ctrl_f_focuses_the_filter_and_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "f", Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.text.hasFocus()
    qtbot.keyClicks(window.filter_bar.text, "Bayraktar")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 1)
    assert window.summary_label.text().startswith("1 shown")
    window.clear_filters()
    assert window.proxy.rowCount() == len(window.session.worksheet.claims)


def test_add_source_through_the_dialog_then_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(3)
    window.actions["add_source"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, SourceDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.fields["title"], "Ministry statement")
    qtbot.keyClicks(dialog.fields["url"], "https://mil.example/statement")
    dialog.stance.setCurrentIndex(1)  # refutes
    dialog.accept()
    claim = claim_at_row(window, 3)
    [(source, stance)] = window.session.worksheet.sources_of(claim)
    assert (source.title, source.url, stance) == ("Ministry statement",
                                                  "https://mil.example/statement", Stance.REFUTES)
    assert source.accessed  # defaults to today
    assert window.detail.sources.count() == 1
    assert window.session.undo_stack.undoText() == "Add source to claim 4"
    window.session.undo_stack.undo()
    assert claim.citations == [] and window.session.worksheet.sources == []
    assert window.detail.sources.count() == 0


def test_add_claim_and_checkable_from_selection(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    text = window.session.worksheet.article.text
    n = len(window.session.worksheet.claims)
    phrase = "Bayraktar TB2"
    start = text.index(phrase)
    window.article_view.select_span(start - 1, start + len(phrase))  # sloppy: leading space
    window.actions["add_claim"].trigger()
    claims = window.session.worksheet.claims
    assert len(claims) == n + 1
    added = window.session.claim(window.current_claim_id())
    assert added.quote == phrase and added.origin == Origin.MANUAL
    window.article_view.select_span(start, start + len("Bayraktar"))
    window.actions["add_system"].trigger()
    added = window.session.claim(added.id)
    assert [(k.type, k.text) for k in added.checkables] == [(CheckableType.SYSTEM, "Bayraktar")]
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert len(window.session.worksheet.claims) == n
    window.session.undo_stack.redo()
    assert len(window.session.worksheet.claims) == n + 1


def test_selection_without_text_reports_in_status_bar(window) -> None:  # type: ignore[no-untyped-def]
    window.article_view.setTextCursor(QTextCursor(window.article_view.document()))
    n = len(window.session.worksheet.claims)
    window.actions["add_claim"].trigger()
    assert len(window.session.worksheet.claims) == n
    assert "Select some text" in window.statusBar().currentMessage()


def test_merge_split_delete_with_undo(window) -> None:  # type: ignore[no-untyped-def]
    ws = window.session.worksheet
    n = len(ws.claims)
    first_quote, second_quote = ws.claims[0].quote, ws.claims[1].quote
    window.select_row(0)
    window.actions["merge"].trigger()
    assert len(ws.claims) == n - 1
    assert ws.claims[0].quote.startswith(first_quote) and ws.claims[0].quote.endswith(second_quote)
    cursor = QTextCursor(window.article_view.document())
    cursor.setPosition(ws.claims[0].start + len(first_quote) + 1)
    window.article_view.setTextCursor(cursor)
    window.actions["split"].trigger()
    assert [c.quote for c in ws.claims[:2]] == [first_quote, second_quote]
    window.select_row(1)
    second = ws.claims[1]
    assert second.number == n + 1  # the split's second half: a new number, never a reused one
    window.actions["delete"].trigger()
    assert len(ws.claims) == n - 1 and ws.claims[1].quote != second_quote
    assert window.session.undo_stack.undoText() == f"Delete claim {second.number}"
    for _ in range(3):
        window.session.undo_stack.undo()
    assert [c.quote for c in ws.claims[:2]] == [first_quote, second_quote]
    assert len(ws.claims) == n


def test_clicking_a_claim_in_the_article_selects_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.article_view
    target = window.session.worksheet.claims[4]
    cursor = QTextCursor(view.document())
    cursor.setPosition(target.start + 3)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_claim_id() == target.id
    assert window.detail.claim_id == target.id
    # And the reverse: selecting in the checklist moves the article's cursor to the claim.
    window.select_row(10)
    assert view.textCursor().position() == window.session.worksheet.claims[10].start


def test_tick_a_checkable_in_the_checklist(window) -> None:  # type: ignore[no-untyped-def]
    claim = window.session.worksheet.claims[0]
    parent = window.proxy.index(0, 0)
    child = window.proxy.index(0, 0, parent)
    assert window.proxy.setData(child, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert claim.checkables[0].checked
    assert window.session.undo_stack.undoText().startswith("Tick")
    window.session.undo_stack.undo()
    assert not claim.checkables[0].checked


def test_save_close_reopen_finds_everything(qtbot, make_window, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    press(qtbot, window, "2", "s")
    window.detail.rationale.setPlainText("Matches the ministry's feed.")
    target = tmp_path / "work.claimsheet"
    assert window.files.save_to(target)
    assert not window.isWindowModified() and not window.session.modified
    assert window.windowTitle().startswith("work.claimsheet")
    window.close()
    assert not window.isVisible()
    again = make_window()
    again.files.open_path(target)
    claim = again.session.worksheet.claims[0]
    assert (claim.verdict, claim.status) == (Verdict.MOSTLY_TRUE, Status.IN_PROGRESS)
    assert claim.rationale == "Matches the ministry's feed."
    assert str(target.resolve()) in again.settings.recent_files
    assert load_worksheet(target).claims[0].verdict == Verdict.MOSTLY_TRUE


def test_damaged_worksheet_shows_the_loader_message(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    bad = tmp_path / "broken.claimsheet"
    bad.write_text('{"format": "claimsheet", "version": 1, "article": ', encoding="utf-8")
    w.files.open_path(bad)
    box = w.last_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text().startswith("Cannot open broken.claimsheet")
    assert "\n" not in box.text()
    assert w.session.worksheet.article.text == ""  # nothing opened
    box.accept()
    assert w.windowTitle() == "Claimsheet"
    w.actions["new"].setEnabled(True)  # the window keeps working


def test_unsaved_changes_prompt_on_close(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    press(qtbot, window, "1")
    window.close()
    assert window.isVisible()
    box = window.last_dialog
    assert box.objectName() == "unsavedBox"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()
    window.close()
    window.last_dialog.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_autosave_and_recovery_after_a_crash(qtbot, make_window, window) -> None:  # type: ignore[no-untyped-def]
    window.autosave.setInterval(50)
    window.select_row(1)
    press(qtbot, window, "3")
    with qtbot.waitSignal(window.autosave.timeout, timeout=2000):
        pass
    assert window.recovery.exists(window.session.worksheet.id)
    file = window.recovery.path_for(window.session.worksheet.id)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["worksheet"]["claims"][1]["verdict"] == "half-true"
    # "Crash": the window vanishes without closing; the next start offers the work.
    window._close_confirmed = True
    again = make_window()
    box = again.files.offer_recovery()
    assert box is not None and "autosaved" in box.informativeText()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert again.session.worksheet.claims[1].verdict == Verdict.HALF_TRUE
    assert again.session.modified and again.isWindowModified()


def test_declining_recovery_removes_the_file(make_window, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.set_verdict(Verdict.FALSE)
    assert window.files.save_recovery()
    again = make_window()
    box = again.files.offer_recovery()
    box.reject()  # Esc: decide later, the work stays
    assert again.recovery.load() is not None
    box = again.files.offer_recovery()
    box.button(QMessageBox.StandardButton.Discard).click()
    assert not list(again.recovery.folder.glob("recovery-*.json"))
    assert again.files.offer_recovery() is None


def test_crash_handler_saves_work_logs_and_shows_report(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.set_verdict(Verdict.FALSE)
    handler = CrashHandler(tmp_path / "logs", lambda: window)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    box = handler.last_dialog
    assert box.objectName() == "crashBox" and "RuntimeError: boom in a slot" in box.text()
    assert "boom in a slot" in box.detailedText() and "Traceback" in box.detailedText()
    assert "recovery file" in box.informativeText()
    assert "boom in a slot" in (tmp_path / "logs" / "claimsheet.log").read_text(encoding="utf-8")
    assert window.recovery.load().worksheet.claims[0].verdict == Verdict.FALSE
    next(b for b in box.buttons() if b.text() == "Copy report").click()
    assert "boom in a slot" in QApplication.clipboard().text()


def test_crash_in_a_worker_thread_is_reported_on_the_gui_thread(qtbot, window,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    import threading

    window.select_row(0)
    window.set_verdict(Verdict.FALSE)
    handler = CrashHandler(tmp_path / "logs", lambda: window)
    shown_on: list[object] = []

    def fail_in_thread() -> None:
        try:
            raise RuntimeError("boom in a worker")
        except RuntimeError as exc:
            handler.handle(type(exc), exc, exc.__traceback__)
        shown_on.append(handler.last_dialog)  # nothing built on this thread

    worker = threading.Thread(target=fail_in_thread)
    worker.start()
    worker.join()
    assert shown_on == [None]
    qtbot.waitUntil(lambda: handler.last_dialog is not None, timeout=2000)
    box = handler.last_dialog
    assert "boom in a worker" in box.text() and box.thread() is QApplication.instance().thread()
    assert window.recovery.load().worksheet.claims[0].verdict == Verdict.FALSE
    box.reject()


def test_only_http_urls_open_and_only_after_confirmation(qtbot) -> None:  # type: ignore[no-untyped-def]
    opened: list[QUrl] = []
    refused = dialogs.open_url_box(None, "file:///etc/passwd", opened.append)
    assert refused.objectName() == "urlRefusedBox" and refused.informativeText() == "file:///etc/passwd"
    refused.accept()
    box = dialogs.open_url_box(None, "https://example.org/a path?q=1", opened.append)
    assert box.objectName() == "urlConfirmBox"
    assert box.informativeText() == "https://example.org/a%20path?q=1"
    assert opened == []
    box.button(QMessageBox.StandardButton.Open).click()
    assert [u.toString() for u in opened] == ["https://example.org/a path?q=1"]


def test_shortcut_sheet_lists_the_keys(window) -> None:  # type: ignore[no-untyped-def]
    window.actions["shortcuts"].trigger()
    sheet = window.last_dialog
    assert sheet.objectName() == "shortcutSheet" and sheet.isVisible()
    keys = {a: k.split(", ") for _, a, k in window.shortcut_rows()}
    assert keys["Next claim"] == ["J"] and keys["Previous claim"] == ["K"]
    assert keys["Verdict: False"] == ["5"] and keys["Cycle status"] == ["S"]
    assert "Ctrl+F" in keys["Filter checklist"] and "Ctrl+Z" in keys["Undo"]
    keyed = [k for _, _, k in window.shortcut_rows()]
    assert all(keyed), "every action has a shortcut"
    sheet.reject()


def test_drop_an_article_starts_a_worksheet(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = []
    monkeypatch.setattr(window.extraction, "start", lambda: started.append(True))
    window.session.undo_stack.setClean()
    window.session.path = tmp_path / "x.claimsheet"  # nothing unsaved: no prompt
    article = tmp_path / "dropped.txt"
    article.write_text("A dropped article says 12 drones fell.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert window.session.worksheet.article.text.startswith("A dropped article")
    assert started == [True]


def test_offsets_survive_characters_outside_the_bmp() -> None:
    text = "a😀b😀c"
    m = OffsetMap(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [m.to_py(m.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))


def test_hover_tooltip_names_type_and_value(window) -> None:  # type: ignore[no-untyped-def]
    claim = next(c for c in window.session.worksheet.claims
                 if any(k.type == CheckableType.COUNT for k in c.checkables))
    k = next(k for k in claim.checkables if k.type == CheckableType.COUNT)
    tip = tooltip_for(k)
    assert tip.startswith("Count (dotted underline)") and f"Value: {k.value}" in tip
    assert window.article_view.checkable_at(k.start) is k


@pytest.mark.parametrize("dark", [False, True])
def test_palettes_switch(window, dark: bool) -> None:  # type: ignore[no-untyped-def]
    window.actions["dark"].setChecked(dark)
    window.toggle_dark()
    app = QApplication.instance()
    assert (app.palette().window().color().lightness() < 128) == dark
    window.actions["dark"].setChecked(False)
    window.toggle_dark()


def test_article_details_edit_is_undoable(window) -> None:  # type: ignore[no-untyped-def]
    window.actions["article_details"].trigger()
    dialog = window.last_dialog
    assert dialog.objectName() == "articleDialog"
    dialog.fields["title"].setText("Drones over Belgorod")
    dialog.fields["published"].setText("2023-10-19")
    dialog.accept()
    assert window.session.worksheet.article.title == "Drones over Belgorod"
    assert "Drones over Belgorod" in window.windowTitle()
    window.session.undo_stack.undo()
    assert window.session.worksheet.article.title == "Synthetic"


def test_print_dialogs_open_without_blocking(window) -> None:  # type: ignore[no-untyped-def]
    for name in ("print", "print_blank"):
        window.actions[name].trigger()
        dialog = window.last_dialog
        assert dialog.isVisible()
        dialog.reject()


def test_new_worksheet_from_the_clipboard(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = []
    monkeypatch.setattr(window.extraction, "start", lambda: started.append(True))
    window.session.undo_stack.setClean()
    window.session.path = Path("/nonexistent/x.claimsheet")
    QApplication.clipboard().setText("Officials said 40 drones were shot down on Monday.")
    window.actions["paste"].trigger()
    assert window.session.worksheet.article.text.startswith("Officials said 40 drones")
    assert started == [True] and window.session.path is None
    QApplication.clipboard().setText("   ")
    window.actions["paste"].trigger()
    box = window.last_dialog
    assert box.objectName() == "errorBox" and box.isVisible()
    assert box.windowTitle() == "Cannot paste article"
    assert "empty" in box.text().lower() or "no text" in box.text().lower(), box.text()
    box.reject()
    assert window.session.worksheet.article.text.startswith("Officials said 40 drones")


def test_detail_pane_edits_store_enums(window) -> None:  # type: ignore[no-untyped-def]
    from app.document.model import Sourcing

    window.select_row(0)
    d = window.detail
    d.verdict.setCurrentIndex(3)
    d.status.setCurrentIndex(2)
    d.sourcing.setCurrentIndex(1)
    claim = window.session.worksheet.claims[0]
    assert type(claim.verdict) is Verdict and claim.verdict == Verdict.HALF_TRUE
    assert type(claim.status) is Status and claim.status == Status.CHECKED
    assert type(claim.sourcing) is Sourcing and claim.sourcing == Sourcing.UNNAMED
    window.filter_bar.verdict.setCurrentIndex(window.filter_bar.verdict.findData(Verdict.HALF_TRUE))
    values = window.filter_bar.values()
    assert type(values["verdict"]) is Verdict
    window.apply_filters()
    assert window.proxy.rowCount() == 1


def test_space_ticks_the_current_checkable(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Right)  # expand
    qtbot.keyClick(window.tree, Qt.Key.Key_Down)  # first checkable
    claim = window.session.worksheet.claims[0]
    assert window.current_claim_id() == claim.id  # a checkable row still means its claim
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert claim.checkables[0].checked
    qtbot.keyClick(window.tree, "1")  # verdict keys act on the checkable's claim
    assert claim.verdict == Verdict.TRUE


def test_header_click_sorts_and_keeps_selection(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from app.ui.checklist_model import COL_VERDICT

    target = window.session.worksheet.claims[7]
    window.select_claim(target.id)
    window.set_verdict(Verdict.FALSE)
    header = window.tree.header()
    pos = header.sectionViewportPosition(COL_VERDICT) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pos, 5))
    order = header.sortIndicatorOrder()
    first = window.model.claim_at(window.proxy.mapToSource(window.proxy.index(0, 0)))
    last = window.model.claim_at(window.proxy.mapToSource(
        window.proxy.index(window.proxy.rowCount() - 1, 0)))
    assert target in (first, last)
    assert (target is first) == (order == Qt.SortOrder.DescendingOrder)
    assert window.current_claim_id() == target.id


def test_hovering_a_checkable_shows_its_tooltip(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    shown = []
    monkeypatch.setattr(QToolTip, "showText", lambda pos, text, *a: shown.append(text))
    view = window.article_view
    claim = next(c for c in window.session.worksheet.claims if c.checkables)
    k = claim.checkables[0]
    cursor = QTextCursor(view.document())
    cursor.setPosition(k.start + 1)
    point = view.cursorRect(cursor).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert shown and shown[0] == tooltip_for(k)


def test_opening_with_unsaved_work_asks_first(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.set_verdict(Verdict.TRUE)
    bad = tmp_path / "other.claimsheet"
    bad.write_text("{}", encoding="utf-8")
    before = window.session
    window.files.open_path(bad)
    box = window.last_dialog
    assert box.objectName() == "unsavedBox" and window.session is before
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.session is before and window.session.worksheet.claims[0].verdict == Verdict.TRUE


def test_layout_and_recent_files_are_remembered(make_window, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.main_splitter.setSizes([300, 900])
    window.side_splitter.setSizes([500, 200])
    def shares(splitter) -> float:  # type: ignore[no-untyped-def]
        first, second = splitter.sizes()
        return round(first / (first + second), 2)

    before = shares(window.main_splitter), shares(window.side_splitter)
    assert window.files.save_to(tmp_path / "a.claimsheet")
    window.close()
    again = make_window()
    assert (shares(again.main_splitter), shares(again.side_splitter)) == before
    assert again.settings.geometry is not None
    again._fill_recent_menu()
    names = [a.text() for a in again.recent_menu.actions()]
    assert names[0] == "&1 a.claimsheet"


def test_file_dialogs_open_without_blocking_and_open_the_choice(window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(window.extraction, "start", lambda: None)
    window.session.undo_stack.setClean()
    window.session.path = tmp_path / "current.claimsheet"
    article = tmp_path / "story.txt"
    article.write_text("Officials said 12 drones fell on Monday.\n", encoding="utf-8")
    window.actions["new"].trigger()
    dialog = window.last_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.fileSelected.emit(str(article))
    dialog.reject()
    assert window.session.worksheet.article.text.startswith("Officials said 12 drones")


def test_quit_with_unsaved_work_can_save_as_then_closes(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.set_verdict(Verdict.MOSTLY_TRUE)
    window.actions["quit"].trigger()
    assert window.isVisible()
    window.last_dialog.button(QMessageBox.StandardButton.Save).click()
    save_as = window.last_dialog  # never saved: Save asks where
    target = tmp_path / "kept.claimsheet"
    save_as.fileSelected.emit(str(target))
    save_as.reject()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert load_worksheet(target).claims[0].verdict == Verdict.MOSTLY_TRUE


def test_tab_order_runs_filter_checklist_details(window) -> None:  # type: ignore[no-untyped-def]
    bar, detail = window.filter_bar, window.detail
    expected = [bar.text, bar.hedged, bar.anonymous, bar.status, bar.verdict, bar.kind,
                window.tree, detail.verdict, detail.status]
    chain = [expected[0]]
    while len(chain) < len(expected):
        chain.append(chain[-1].nextInFocusChain())
        while not chain[-1].focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain == expected
    names = [w.accessibleName() for w in (window.tree, window.article_view, detail.verdict,
                                           detail.rationale, bar.text)]
    assert all(names)


def test_recovery_files_are_per_worksheet_and_skip_running_writers(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    from app.ui.recovery import RecoveryStore, release_lock
    from tests.ui.conftest import SEED
    from tests.ui.synthetic import synthetic_worksheet

    store = RecoveryStore(tmp_path)
    one = synthetic_worksheet(SEED.read_text(encoding="utf-8"))
    two = synthetic_worksheet("Another article. It says 3 things.")
    store.save(one, None)
    store.save(two, tmp_path / "two.claimsheet")
    assert store.exists(one.id) and store.exists(two.id)
    store.clear(one.id)  # a clean close of one window leaves the other's work alone
    found = store.load()
    assert found is not None and found.worksheet.id == two.id
    assert found.path == tmp_path / "two.claimsheet"
    # Work autosaved by a Claimsheet that is still running is not offered elsewhere:
    # the writer holds a lock that dies with it, at once, even while it is a zombie.
    lock = store.lock_for(found.file)
    release_lock(lock)  # as if another process had written it
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(60)",
         str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert store.load() is None or os.name != "posix"
        holder.kill()
        # Not reaped yet: the dead writer is a zombie that a PID test would count as running.
        deadline = time.monotonic() + 5
        while store.load() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert os.path.exists(f"/proc/{holder.pid}") or os.name != "posix"  # still a zombie
        assert store.load() is not None
    finally:
        holder.kill()
        holder.wait()


def test_an_unreadable_article_shows_the_importers_message(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make_window()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    w.files.open_path(empty)
    box = w.last_dialog
    assert isinstance(box, QMessageBox) and "empty.txt" in box.text()
    assert w.session.worksheet.article.text == "" and w.extraction.worker is None
    box.accept()
