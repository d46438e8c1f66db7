"""The friction a checker hits every session (issue 14), each driven through the real window.

Synthetic worksheet (one claim per sentence of the seed article, no spaCy);
the streamed extraction with real progress is in tests/ui/test_workflow.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from app.document.fileformat import load_worksheet, save_worksheet
from app.document.model import CheckableType, Source, Sourcing, Stance, Status, Verdict
from app.ui import operations
from app.ui.session import Session
from tests.ui.conftest import SEED
from tests.ui.synthetic import synthetic_worksheet

# The offscreen platform warns that it cannot size, raise or grab for popups.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise",
                                       "grabbing the keyboard")


def keys(qtbot, widget, *presses: object) -> None:  # type: ignore[no-untyped-def]
    for key in presses:
        if isinstance(key, tuple):
            qtbot.keyClick(widget, key[0], key[1])
        else:
            qtbot.keyClick(widget, key)


def focused(window) -> object:  # type: ignore[no-untyped-def]
    """The widget with the keyboard focus inside ``window`` (offscreen windows are not
    always the active window, so QApplication.focusWidget() may be None)."""
    return window.focusWidget()


def saved_worksheet(tmp_path: Path) -> Path:
    path = tmp_path / "seed.claimsheet"
    save_worksheet(synthetic_worksheet(SEED.read_text(encoding="utf-8")), path)
    return path


# 1 ------------------------------------------------------------------ focus on open


def test_focus_starts_in_the_checklist_on_open_and_reopen(qtbot, make_window,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    path = saved_worksheet(tmp_path)
    window = make_window()
    window.files.open_path(path)
    assert focused(window) is window.tree
    qtbot.keyClick(focused(window), "j")
    assert window.filter_bar.text.text() == "" and window.proxy.rowCount() > 1
    assert window.current_claim_id() == window.session.worksheet.claims[1].id
    window.focus_filter()
    window.files.open_path(path)  # reopen: focus returns to the list, not the filter box
    assert focused(window) is window.tree


# 2 ------------------------------------------------------------------ Esc


@pytest.mark.parametrize("field", ["rationale", "tags", "source_name", "filter"])
def test_esc_in_any_editor_returns_to_the_checklist(qtbot, window, field: str) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    editor = window.filter_bar.text if field == "filter" else getattr(window.detail, field)
    editor.setFocus()
    qtbot.keyClicks(editor, "ab")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert focused(window) is window.tree
    qtbot.keyClick(window.tree, "j")  # the next J moves, it is not typed into the text
    assert window.current_claim_id() == window.session.worksheet.claims[1].id
    if field == "rationale":
        assert window.session.worksheet.claims[0].rationale == "ab"


# 3 ------------------------------------------------------------------ checkables


def first_checkable_row(qtbot, window):  # type: ignore[no-untyped-def]
    row = next(i for i, c in enumerate(window.session.worksheet.claims) if len(c.checkables) > 1)
    window.select_row(row)
    window.tree.setFocus()
    keys(qtbot, window.tree, Qt.Key.Key_Right, Qt.Key.Key_Down)
    return window.session.worksheet.claims[row]


def test_del_on_a_checkable_row_deletes_the_checkable_not_the_claim(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    n = len(window.session.worksheet.claims)
    claim = first_checkable_row(qtbot, window)
    k = claim.checkables[0]
    before = len(claim.checkables)
    assert window.actions["delete"].text() == "&Delete checkable"
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert len(window.session.worksheet.claims) == n
    assert len(claim.checkables) == before - 1 and k not in claim.checkables
    assert window.session.undo_stack.undoText() == (
        f"Delete {k.type.value} “{k.text}” from claim {claim.number}")
    index = window.proxy.mapFromSource(window.model.index_of_claim(claim.id))
    assert window.tree.isExpanded(index)  # the row stays open: no model reset
    window.session.undo_stack.undo()
    assert claim.checkables[0].id == k.id
    assert window.tree.isExpanded(index)


def test_t_retypes_and_the_type_box_and_selection_respan(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    claim = first_checkable_row(qtbot, window)
    k = claim.checkables[0]
    old_type = k.type
    qtbot.keyClick(window.tree, "t")
    assert claim.checkables[0].type == operations.next_type(old_type)
    assert claim.checkables[0].id == k.id
    window.detail.select_checkable(k.id)
    window.detail.checkable_type.setCurrentIndex(
        window.detail.checkable_type.findData(CheckableType.LOCATION))
    assert claim.checkables[0].type == CheckableType.LOCATION
    assert window.session.undo_stack.undoText().endswith(f"in claim {claim.number} a location")
    # Span edit: select other words of the claim in the article, Ctrl+Shift+E.
    text = window.session.worksheet.article.text
    words = text[claim.start:claim.end].split()
    start = claim.start + text[claim.start:claim.end].index(words[0])
    window.article_view.select_span(start + 1, start + len(words[0]) - 1)  # sloppy selection
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "e", Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    moved = next(x for x in claim.checkables if x.id == k.id)
    assert moved.text == words[0].strip(".,;:") and moved.type == CheckableType.LOCATION
    for _ in range(3):
        window.session.undo_stack.undo()
    assert (claim.checkables[0].type, claim.checkables[0].text) == (old_type, k.text)


def test_checkables_are_fixed_from_the_detail_pane(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    claim = next(c for c in window.session.worksheet.claims if c.checkables)
    window.select_claim(claim.id)
    k = claim.checkables[-1]
    window.detail.select_checkable(k.id)
    window.detail.checkables.setFocus()
    qtbot.keyClick(window.detail.checkables, Qt.Key.Key_Delete)
    assert k.id not in [x.id for x in claim.checkables]
    assert window.session.claim(claim.id) is claim  # the claim is still there
    window.session.undo_stack.undo()
    assert claim.checkables[-1].id == k.id


# 4 ------------------------------------------------------------------ sources


def test_cite_an_existing_source_from_a_second_claim(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    first, third = session.worksheet.claims[0], session.worksheet.claims[2]
    other = Source(title="Governor's Telegram post", publisher="Belgorod governor")
    statement = Source(title="Ministry statement", url="https://mil.example/s",
                       publisher="Ministry of Defence")
    operations.save_source(session, first.id, other, Stance.CONTEXT)
    operations.save_source(session, first.id, statement, Stance.SUPPORTS)
    window.select_claim(third.id)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "l", Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    picker = window.last_dialog
    assert picker.objectName() == "sourcePicker" and picker.list.count() == 2
    qtbot.keyClicks(picker.search, "ministry")
    assert picker.list.count() == 1
    picker.stance.setCurrentIndex(picker.stance.findData(Stance.REFUTES))
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert len(session.worksheet.sources) == 2  # cited, not typed again
    assert [(s.id, st) for s, st in session.worksheet.sources_of(third)] == [
        (statement.id, Stance.REFUTES)]
    assert window.detail.sources.count() == 1
    # The Sources panel lists both claims under the one source.
    window.focus_sources()
    model = window.sources_model
    row = session.source_row(statement.id)
    parent = model.index(row, 0)
    assert [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))] == [
        f"Claim {first.number} (supports)", f"Claim {third.number} (refutes)"]
    assert window.tabs.tabText(1) == "Sources (2)"
    window.sources_panel.tree.setCurrentIndex(model.index(1, 0, parent))
    qtbot.keyClick(window.sources_panel.tree, Qt.Key.Key_Return)
    assert window.current_claim_id() == third.id and focused(window) is window.tree
    session.undo_stack.undo()
    assert third.citations == [] and model.rowCount(parent) == 1


def test_delete_a_source_everywhere_and_undo(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    claims = session.worksheet.claims
    source = Source(title="Shared statement")
    operations.save_source(session, claims[0].id, source, Stance.SUPPORTS)
    operations.cite_source(session, claims[4].id, source.id, Stance.CONTEXT)
    qtmodeltester.check(window.sources_model)
    window.focus_sources()
    window.sources_panel.tree.setCurrentIndex(window.sources_model.index(0, 0))
    window.sources_panel.delete_button.click()
    assert session.worksheet.sources == [] and claims[4].citations == []
    session.undo_stack.undo()
    assert [s.title for s, _ in session.worksheet.sources_of(claims[4])] == ["Shared statement"]
    qtmodeltester.check(window.sources_model)


# 5 ------------------------------------------------------------------ split


def test_split_reads_sourcing_and_hedging_from_each_half(window) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    text = session.worksheet.article.text
    start = text.index("According to unconfirmed reports")
    end = text.index("immediately reported.") + len("immediately reported.")
    cid = next(c.id for c in session.worksheet.claims if c.start == start and c.end == end)
    window.select_claim(cid)
    for name, value in (("sourcing", Sourcing.UNNAMED), ("source_name", "defense analysts"),
                        ("hedged", True), ("hedges", ["may"])):
        session.claim(cid).__setattr__(name, value)
    at = text.index(", though no damage")
    window.article_view.select_span(at + 2, at + 2)
    cursor = window.article_view.textCursor()
    cursor.clearSelection()
    window.article_view.setTextCursor(cursor)
    window.split_at_cursor()
    first = session.claim(cid)
    second = session.worksheet.claims[session.row_of(cid) + 1]
    assert first.quote.startswith("According to") and second.quote.startswith("though no")
    assert (first.sourcing, first.hedged) == (Sourcing.UNNAMED, True)
    assert (second.sourcing, second.hedged, second.hedges) == (Sourcing.NONE, False, [])


# 6 ------------------------------------------------------------------ clean state


def test_undo_back_to_the_saved_state_clears_modified(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.focus_rationale()
    qtbot.keyClicks(window.detail.rationale, "First")
    assert window.files.save_to(tmp_path / "w.claimsheet")
    assert not window.isWindowModified()
    qtbot.keyClicks(window.detail.rationale, " and more")  # would merge into the saved step
    assert window.isWindowModified()
    window.actions["undo"].trigger()
    assert not window.session.modified and not window.isWindowModified()
    assert window.session.worksheet.claims[0].rationale == "First"
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "3")
    window.actions["undo"].trigger()
    assert not window.isWindowModified()


# 7 ------------------------------------------------------------------ stable numbers


def test_claim_numbers_survive_inserts_merges_and_splits(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    claims = session.worksheet.claims
    numbers = {c.id: c.number for c in claims}
    target = claims[15]
    window.select_claim(target.id)
    window.set_verdict(Verdict.FALSE)
    assert session.undo_stack.undoText() == f"Set verdict of claim {target.number} to False"
    text = session.worksheet.article.text
    window.article_view.select_span(claims[2].start, claims[2].start + 10)
    window.add_claim_from_selection()  # a hand-made claim early in the text
    window.select_claim(claims[0].id)
    window.merge_with_next()
    assert all(c.number == numbers[c.id] for c in claims if c.id in numbers)
    assert target.number == numbers[target.id] == 16
    added = max(c.number for c in claims)
    assert added == len(numbers) + 1
    path = tmp_path / "n.claimsheet"
    assert window.files.save_to(path)
    again = load_worksheet(path)
    assert {c.id: c.number for c in again.claims} == {c.id: c.number for c in claims}
    assert again.next_number == added + 1
    assert text  # the article text is untouched by all of it


# 8 ------------------------------------------------------------------ word-snapped selection


def test_a_mouse_selection_snaps_to_whole_words(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.article_view
    text = window.session.worksheet.article.text
    start = text.index("Russian officials have")
    cursor = QTextCursor(view.document())

    def point(offset: int) -> QPoint:
        cursor.setPosition(offset)
        return view.cursorRect(cursor).center()

    a, b = point(start + 3), point(start + len("Russian officials h"))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(view.viewport(), b)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=b)
    assert view.textCursor().selectedText() == "Russian officials have"
    window.add_claim_from_selection()
    assert window.session.claim(window.current_claim_id()).quote == "Russian officials have"


# 9 ------------------------------------------------------------------ context menus


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]


def test_article_context_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.article_view
    claim = window.session.worksheet.claims[3]
    cursor = QTextCursor(view.document())
    cursor.setPosition(claim.start + 2)
    view.setTextCursor(cursor)
    pos = view.cursorRect(cursor).center()
    window.show_article_menu(pos)
    menu = window.last_menu
    texts = menu_texts(menu)
    assert "Copy" in " ".join(texts) and "Add claim from selection" in texts
    assert "Add checkable" in texts and f"Verdict of claim {claim.number}" in texts
    verdicts = next(a.menu() for a in menu.actions() if a.text() == f"Verdict of claim "
                                                                      f"{claim.number}")
    next(a for a in verdicts.actions() if a.text().startswith("Mostly false")).trigger()
    assert claim.verdict == Verdict.MOSTLY_FALSE
    add = next(a.menu() for a in menu.actions() if a.text() == "Add checkable")
    assert menu_texts(add) == ["Add checkable: date", "Add checkable: system",
                               "Add checkable: location", "Add checkable: count",
                               "Add checkable: actor"]
    menu.close()


def test_checklist_context_menus(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    claim = next(c for c in window.session.worksheet.claims if c.checkables)
    window.select_claim(claim.id)
    index = window.tree.currentIndex()
    window.show_checklist_menu(window.tree.visualRect(index).center())
    texts = menu_texts(window.last_menu)
    assert f"Verdict of claim {claim.number}" in texts and f"Status of claim " \
                                                           f"{claim.number}" in texts
    assert f"Delete claim {claim.number}" in texts and "Cite existing source…" in texts
    status = next(a.menu() for a in window.last_menu.actions()
                  if a.text().startswith("Status"))
    next(a for a in status.actions() if a.text().endswith("Checked")).trigger()
    assert claim.status == Status.CHECKED
    window.last_menu.close()
    window.tree.expand(index)
    child = window.proxy.index(0, 0, index)
    window.show_checklist_menu(window.tree.visualRect(child).center())
    texts = menu_texts(window.last_menu)
    k = claim.checkables[0]
    assert f"Delete checkable “{k.text}”" in texts and "Change type" in texts
    next(a for a in window.last_menu.actions() if a.text().startswith("Delete checkable")
         ).trigger()
    assert k not in claim.checkables and window.session.claim(claim.id) is claim
    window.last_menu.close()


# 10 ----------------------------------------------------------------- detail pane


def test_detail_pane_shows_verdict_status_and_sources_at_1280x800(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.resize(1280, 800)
    window.main_splitter.setSizes([520, 760])
    window.side_splitter.setSizes([340, 460])
    QApplication.processEvents()
    window.select_row(0)
    pane = window.detail
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum())
    window.select_row(1)  # another claim: back to the top
    assert pane.verticalScrollBar().value() == 0
    viewport = pane.viewport().rect()
    assert pane.horizontalScrollBar().maximum() == 0  # nothing hidden to the right
    for widget in (pane.verdict, pane.status, pane.sources, pane.add_source,
                   pane.cite_source, pane.stance, pane.remove_source, pane.attach_copy):
        top_left = widget.mapTo(pane.viewport(), QPoint(0, 0))
        assert viewport.contains(top_left) and viewport.contains(
            top_left + QPoint(widget.width() - 1, widget.height() - 1)), widget.accessibleName()


def test_a_first_start_fits_the_window_on_the_screen(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()  # no saved geometry: the default size, cut to the screen
    room = window.screen().availableGeometry()
    assert window.width() <= min(1280, room.width())
    assert window.height() <= min(800, room.height() - 40)  # a title bar and borders fit too


# 11 ----------------------------------------------------------------- tints and numbers


def test_adjacent_claims_have_different_tints_and_the_margin_numbers_them(window) -> None:  # type: ignore[no-untyped-def]
    view = window.article_view
    claims = window.session.worksheet.claims
    spans = {(start, end): fmt for start, end, fmt, _ in view._highlighter.claims.spans}
    first = spans[(claims[0].start, claims[0].end)].background().color()
    second = spans[(claims[1].start, claims[1].end)].background().color()
    assert first != second
    assert spans[(claims[2].start, claims[2].end)].background().color() == first
    view.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    shown = view.numbers_shown()
    assert shown[:3] == [1, 2, 3] and view.margin.width() > 20
    window.select_claim(claims[0].id)
    window.merge_with_next()  # claim 2 goes; 3 keeps its number
    QApplication.processEvents()
    assert view.numbers_shown()[:2] == [1, 3]


# 13 ----------------------------------------------------------------- checker, reviewer, tags


def test_checker_reviewer_notes_and_tags_are_editable(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.persist = True
    window.actions["worksheet_details"].trigger()
    dialog = window.last_dialog
    assert dialog.objectName() == "worksheetDialog"
    dialog.checker.setText("Ana  Petrova")
    dialog.reviewer.setText("Desk editor")
    dialog.notes.setPlainText("Call the governor's office on Monday.")
    dialog.accept()
    ws = window.session.worksheet
    assert (ws.checker, ws.reviewer) == ("Ana Petrova", "Desk editor")
    assert window.session.undo_stack.undoText() == "Edit worksheet details"
    assert window.settings.checker == "Ana Petrova"  # new worksheets start with it
    window.select_row(0)
    window.actions["tags"].trigger()
    qtbot.keyClicks(window.detail.tags, "drones, Belgorod, drones")
    assert ws.claims[0].tags == ["drones", "Belgorod"]
    assert window.session.undo_stack.undoText() == "Edit tags of claim 1"
    path = tmp_path / "names.claimsheet"
    assert window.files.save_to(path)
    again = load_worksheet(path)
    assert (again.checker, again.reviewer, again.claims[0].tags) == (
        "Ana Petrova", "Desk editor", ["drones", "Belgorod"])
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert ws.checker == ""


# 14 ----------------------------------------------------------------- Save As


def test_save_as_proposes_a_whole_word_title_in_the_articles_folder(make_window,  # type: ignore[no-untyped-def]
                                                                   tmp_path: Path,
                                                                   monkeypatch) -> None:
    window = make_window()
    monkeypatch.setattr(window.extraction, "start", lambda: None)
    folder = tmp_path / "desk"
    folder.mkdir()
    article = folder / "story.txt"
    article.write_text("Russian officials say twelve Ukrainian drones were shot down over the "
                       "Belgorod region overnight, the governor added\n\nMore text.\n",
                       encoding="utf-8")
    window.files.open_path(article)
    proposed = window.files.proposed_path()
    assert proposed.parent == folder.resolve()
    assert proposed.name == "Russian officials say twelve Ukrainian drones were shot down" \
                            ".claimsheet"
    window.files.save_as()
    assert Path(window.last_dialog.selectedFiles()[0]).parent == folder.resolve()
    window.last_dialog.reject()


# 15 ----------------------------------------------------------------- Ctrl+Y, print = PDF


def test_ctrl_y_redoes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.select_row(0)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "5")
    qtbot.keyClick(window.tree, "z", Qt.KeyboardModifier.ControlModifier)
    assert window.session.worksheet.claims[0].verdict is None
    qtbot.keyClick(window.tree, "y", Qt.KeyboardModifier.ControlModifier)
    assert window.session.worksheet.claims[0].verdict == Verdict.FALSE
    rows = {a: k for _, a, k in window.shortcut_rows()}
    assert "Ctrl+Y" in rows["Redo"] and "Ctrl+Shift+Z" in rows["Redo"]


def test_print_preview_shows_the_pages_of_the_pdf(window) -> None:  # type: ignore[no-untyped-def]
    from io import BytesIO

    from pypdf import PdfReader
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrinter

    from app.reports.pdf import render_pdf
    from app.ui.printing import paint_pages, report_pdf

    window.session.worksheet.claims[0].verdict = Verdict.TRUE
    data = report_pdf(window.session.worksheet)
    expected = len(PdfReader(BytesIO(data)).pages)
    assert expected == len(PdfReader(BytesIO(render_pdf(window.session.worksheet))).pages)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(Path(tmp) / "painted.pdf"))
        assert paint_pages(printer, data) == expected
        painted = PdfReader(str(Path(tmp) / "painted.pdf"))
        assert len(painted.pages) == expected
    window.actions["print_preview"].trigger()
    preview = window.last_dialog
    assert preview.isVisible() and preview.windowTitle().startswith("Preview:")
    preview.reject()


# --------------------------------------------------------------------- no model reset


def test_edits_never_reset_the_checklist_model(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    session = window.session
    claim = next(c for c in session.worksheet.claims if c.checkables)
    window.select_claim(claim.id)
    index = window.tree.currentIndex()
    window.tree.expand(index)
    k = claim.checkables[0]
    operations.delete_checkable(session, claim.id, k.id)
    window.article_view.select_span(claim.start, claim.start + 5)
    window.add_date()
    source = Source(title="x")
    operations.save_source(session, claim.id, source, Stance.SUPPORTS)
    operations.delete_claim(session, session.worksheet.claims[-1].id)
    for _ in range(4):
        session.undo_stack.undo()
    for _ in range(4):
        session.undo_stack.redo()
    assert resets == []
    assert window.tree.isExpanded(index) and window.current_claim_id() == claim.id
    qtmodeltester.check(window.model)
    # The article follows: the added date is underlined, the deleted checkable is not.
    layer = window.article_view._highlighter.checkables
    owned = {(start, end) for start, end, _, owner in layer.spans if owner == claim.id}
    assert owned == {(k.start, k.end) for k in claim.checkables}
    assert (k.start, k.end) not in owned or any(
        (x.start, x.end) == (k.start, k.end) for x in claim.checkables)


# --------------------------------------------------------------------- keyboard only


def test_a_whole_session_with_the_keyboard_only(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open, J/K, verdict, status, rationale, Esc, cite an existing source, delete a wrong
    checkable, save, reopen: every step a key press."""
    ws = synthetic_worksheet(SEED.read_text(encoding="utf-8"))
    ws.sources.append(Source(title="Ministry of Defence statement", publisher="MoD"))
    path = tmp_path / "session.claimsheet"
    save_worksheet(ws, path)
    window = make_window()
    window.files.open_path(path)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

    def press(*presses: object) -> None:
        keys(qtbot, focused(window), *presses)

    press("j", "j", "k")  # claim 2
    claim = window.session.worksheet.claims[1]
    assert window.current_claim_id() == claim.id
    press("4", "s", "s")
    assert (claim.verdict, claim.status) == (Verdict.MOSTLY_FALSE, Status.CHECKED)
    press(Qt.Key.Key_F2)
    assert focused(window) is window.detail.rationale
    qtbot.keyClicks(focused(window), "Governor denies it")
    press(Qt.Key.Key_Escape)
    assert focused(window) is window.tree
    press(("l", ctrl | shift))
    picker = window.last_dialog
    qtbot.keyClicks(picker.search, "defence")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert [s.title for s, _ in window.session.worksheet.sources_of(claim)] == [
        "Ministry of Defence statement"]
    assert focused(window) is window.tree
    wrong = claim.checkables[0]
    press(Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Delete)
    assert wrong.id not in [k.id for k in claim.checkables]
    press(("s", ctrl))
    assert not window.isWindowModified()
    window.close()
    again = make_window()
    again.files.open_path(path)
    reopened = again.session.claim(claim.id)
    assert (reopened.verdict, reopened.status, reopened.rationale) == (
        Verdict.MOSTLY_FALSE, Status.CHECKED, "Governor denies it")
    assert [c.source_id for c in reopened.citations] == [ws.sources[0].id]
    assert wrong.id not in [k.id for k in reopened.checkables]
    assert focused(again) is again.tree


def test_sessions_load_numbers_for_old_worksheets(window) -> None:  # type: ignore[no-untyped-def]
    ws = synthetic_worksheet(SEED.read_text(encoding="utf-8"))
    for claim in ws.claims:
        claim.number = 0
    window.set_session(Session(ws, None, window))
    assert [c.number for c in ws.claims] == list(range(1, len(ws.claims) + 1))


def test_edit_a_source_from_the_sources_panel_for_every_claim(window) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    claims = session.worksheet.claims
    source = Source(title="Ministry statment")
    operations.save_source(session, claims[0].id, source, Stance.SUPPORTS)
    operations.cite_source(session, claims[3].id, source.id, Stance.CONTEXT)
    window.focus_sources()
    window.sources_panel.tree.setCurrentIndex(window.sources_model.index(0, 0))
    window.sources_panel.edit_button.click()
    dialog = window.last_dialog
    assert not dialog.stance.isVisible()  # no claim here: the source itself is edited
    dialog.fields["title"].setText("Ministry statement")
    dialog.accept()
    assert [s.title for s, _ in session.worksheet.sources_of(claims[3])] == [
        "Ministry statement"]
    assert window.sources_model.index(0, 0).data() == "S1  Ministry statement"
    assert session.undo_stack.undoText() == "Edit source “Ministry statement”"
    session.undo_stack.undo()
    assert session.worksheet.sources[0].title == "Ministry statment"


def test_export_from_the_window(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    claims = window.session.worksheet.claims
    operations.set_verdict(window.session, claims[0].id, Verdict.FALSE)
    operations.set_verdict(window.session, claims[1].id, Verdict.TRUE)
    operations.set_status(window.session, claims[1].id, Status.REVIEWED)
    assert window.reports.export_to(tmp_path / "reviews", "claimreview")
    reviews = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
    assert [r["claimReviewed"] for r in reviews] == [claims[1].quote]  # reviewed only
    assert window.reports.export_to(tmp_path / "report.pdf", "pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    window.actions["export"].trigger()
    dialog = window.last_dialog
    assert dialog.windowTitle() == "Export worksheet" and dialog.isVisible()
    dialog.reject()
