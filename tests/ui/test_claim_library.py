"""The claim library in the window: background indexing, "Checked before", "Conflicts".

Every test has its own library file (tests/conftest.py points CLAIMSHEET_LIBRARY
at a temporary one). The worksheets are made here and indexed by the window
itself, in the background, the way a checker's are: by opening or saving them.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.document.fileformat import load_worksheet, save_worksheet
from app.document.model import Citation, Source, Stance, Verdict, Worksheet
from app.library import open_library
from app.library.location import ENVIRONMENT
from app.ui import claim_library, operations
from app.ui.checked_before import NOTHING, SEARCHING, MatchesModel
from app.ui.conflicts_view import ConflictsModel
from app.ui.library_worker import Reply, window_location
from app.ui.session import Session
from app.ui.settings import Settings
from tests.library.conftest import BELGOROD_7, BELGOROD_7_AGAIN, BELGOROD_9, UNRELATED, worksheet

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WAIT = 15_000  # ms: generous, for a loaded machine


@dataclass
class Files:
    mine: Path  # seven drones (and a wheat price)
    earlier: Path  # the same claim, checked before: mostly true, with its own source
    nine: Path  # nine drones over Belgorod the same day: a conflict
    earlier_ws: Worksheet


def _earlier() -> Worksheet:
    ws = worksheet(BELGOROD_7_AGAIN, title="Earlier check", verdict=Verdict.MOSTLY_TRUE)
    statement = Source(title="MoD Telegram post", url="https://example.org/mod-telegram",
                       publisher="Russian MoD")
    ws.sources.append(statement)
    ws.claims[0].citations.append(Citation(statement.id, Stance.REFUTES))
    ws.claims[0].rationale = "The ministry's own post says seven."
    return ws


@pytest.fixture
def files(tmp_path: Path) -> Files:
    earlier = _earlier()
    made = {"mine": worksheet(BELGOROD_7, UNRELATED, title="Seven drones"),
            "earlier": earlier, "nine": worksheet(BELGOROD_9, title="Nine drones")}
    paths = {}
    for name, ws in made.items():
        paths[name] = tmp_path / f"{name}.claimsheet"
        save_worksheet(ws, paths[name])
    return Files(paths["mine"], paths["earlier"], paths["nine"], earlier)


def open_and_index(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open a worksheet in the window and wait until the window has indexed it."""
    with qtbot.waitSignal(window.library.indexed, timeout=WAIT) as indexed:
        assert window.files.open_now(path)
    assert indexed.args == [str(path.resolve())]


@pytest.fixture
def indexed(qtbot, make_window, files: Files):  # type: ignore[no-untyped-def]
    """A window that has indexed the two other worksheets, then opened "mine"."""
    window = make_window()
    open_and_index(qtbot, window, files.earlier)
    open_and_index(qtbot, window, files.nine)
    with qtbot.waitSignal(window.library.matchesFound, timeout=WAIT):
        open_and_index(qtbot, window, files.mine)
    return window


def test_opening_and_saving_index_the_worksheet_in_the_background(qtbot, make_window,  # type: ignore[no-untyped-def]
                                                                   files: Files,
                                                                   tmp_path: Path) -> None:
    window = make_window()
    open_and_index(qtbot, window, files.earlier)
    with open_library() as library:
        assert library.stats().worksheets == 1
        assert library.indexed_paths() == [str(files.earlier.resolve())]
    window.select_row(0)
    window.set_verdict(Verdict.FALSE)
    copy = tmp_path / "copy.claimsheet"
    with qtbot.waitSignal(window.library.indexed, timeout=WAIT):
        assert window.files.save_to(copy)
    assert window.statusBar().currentMessage() == "Saved copy.claimsheet"
    with open_library() as library:
        hits = library.search("Belgorod drones")
        assert {h.record.verdict for h in hits} == {"false"}  # the saved verdict, one worksheet
        assert {h.record.path for h in hits} == {str(copy.resolve())}


def test_checked_before_shows_the_match_and_opens_it_at_that_claim(qtbot, indexed,  # type: ignore[no-untyped-def]
                                                                    files: Files) -> None:
    window = indexed
    mine = window.session.worksheet.claims[0]
    assert window.current_claim_id() == mine.id
    panel = window.checked_before
    assert panel.claim_id == mine.id
    assert panel.state.text() == "Claim 1: 1 same claim, 1 similar"
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Checked before (2)"
    first = panel.model.index(0, 0)
    assert first.data().startswith("Same claim")
    assert panel.model.index(0, 1).data() == "Mostly true"
    assert panel.model.index(0, 2).data() == "Earlier check, claim 1"
    assert panel.model.index(0, 3).data() == "2023-10-20"
    assert panel.model.index(1, 0).data().startswith("Similar")
    assert "The ministry's own post says seven." in panel.detail.text()
    assert "MoD Telegram post" in panel.detail.text()

    # Keyboard: Ctrl+5 reaches the list; Enter opens the other worksheet, after the
    # unsaved-changes prompt, at the matching claim.
    qtbot.keyClick(window.tree, "5")  # verdict False: now there is unsaved work
    assert window.session.modified
    qtbot.keyClick(window.tree, "5", Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is panel and panel.tree.hasFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    box = window.last_dialog
    assert box.objectName() == "unsavedBox"
    with qtbot.waitSignal(window.library.matchesFound, timeout=WAIT):
        box.button(QMessageBox.StandardButton.Discard).click()
    assert window.session.path == files.earlier.resolve()
    assert window.current_claim_id() == files.earlier_ws.claims[0].id
    # ... where the first worksheet is now the one checked before.
    assert panel.model.index(0, 2).data() == "Seven drones, claim 1"


def test_copying_sources_is_one_undo_step_that_reuses_known_sources(qtbot, indexed) -> None:  # type: ignore[no-untyped-def]
    window = indexed
    ws = window.session.worksheet
    claim = ws.claims[0]
    before = [(c.source_id, c.stance) for c in claim.citations]
    window.focus_checked_before()
    panel = window.checked_before
    assert panel.current().kind == "same claim"
    assert panel.copy_button.isEnabled()
    panel.copy_button.click()  # Alt+N (offscreen Qt has no mnemonics; checked under Xvfb)
    # The ministry statement (same address) is already here and cited: only the
    # Telegram post is new, with the stance it had on the same claim.
    assert [s.title for s in ws.sources] == ["Ministry statement", "MoD Telegram post"]
    added = ws.sources[1]
    assert (added.url, added.publisher) == ("https://example.org/mod-telegram", "Russian MoD")
    assert [(c.source_id, c.stance) for c in claim.citations] == \
        [*before, (added.id, Stance.REFUTES)]
    stack = window.session.undo_stack
    assert stack.undoText() == "Copy 1 source from “Earlier check” to claim 1"
    assert window.tabs.tabText(1) == "Sources (2)"
    stack.undo()
    assert [s.title for s in ws.sources] == ["Ministry statement"]
    assert [(c.source_id, c.stance) for c in claim.citations] == before
    stack.redo()
    assert [s.title for s in ws.sources] == ["Ministry statement", "MoD Telegram post"]
    assert claim.citations[-1].source_id == ws.sources[1].id
    panel.copy_button.click()  # again: nothing new to cite
    assert stack.count() == 1
    assert "already cites" in window.statusBar().currentMessage()


def test_a_file_saved_over_is_one_worksheet_in_the_matches(answers, files: Files) -> None:  # type: ignore[no-untyped-def]
    matches, _ = answers
    best, other = matches
    older = replace(best, record=replace(best.record, worksheet_id="older"), score=0.5)
    listed = claim_library.distinct([best, older, other], str(files.mine.resolve()))
    assert listed == [best, other]  # the same quote in the same file: once
    assert claim_library.distinct([best, other], best.record.path) == [other]  # this very file


def test_copy_sources_operation_reuses_a_source_with_the_same_address(qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = worksheet(BELGOROD_7, UNRELATED)
    ws.claims[0].citations.clear()
    session = Session(ws)
    known = ws.sources[0]
    incoming = [(Source(title="Same statement", url="HTTPS://Example.org/s/#top"), Stance.REFUTES),
                (Source(title="New report", url="https://news.example/a"), Stance.CONTEXT),
                (Source(title="", url=""), Stance.SUPPORTS)]  # nothing to look up: skipped
    changes = operations.copy_sources(session, ws.claims[0].id, incoming, "Earlier check")
    assert changes.done and changes.sources == (known.id, ws.sources[1].id)
    assert [s.title for s in ws.sources] == ["Ministry statement", "New report"]
    assert [(c.source_id, c.stance) for c in ws.claims[0].citations] == \
        [(known.id, Stance.REFUTES), (ws.sources[1].id, Stance.CONTEXT)]
    assert session.undo_stack.undoText() == "Copy 2 sources from “Earlier check” to claim 1"
    session.undo_stack.undo()
    assert [s.title for s in ws.sources] == ["Ministry statement"] and not ws.claims[0].citations
    session.undo_stack.redo()
    assert len(ws.claims[0].citations) == 2
    again = operations.copy_sources(session, ws.claims[0].id, incoming, "Earlier check")
    assert not again.done and session.undo_stack.count() == 1


def test_answers_for_a_claim_left_behind_are_dropped(qtbot, indexed) -> None:  # type: ignore[no-untyped-def]
    window = indexed
    first, second = (c.id for c in window.session.worksheet.claims)
    library = window.library
    shown: list[str] = []
    library.matchesFound.connect(lambda claim_id, _matches: shown.append(claim_id))
    window.select_claim(second)
    library._timer.stop()
    library._look_up_now()  # a query for the second claim is on its way ...
    window.select_claim(first)  # ... when the checker moves back to the first
    assert window.checked_before.state.text() == SEARCHING
    assert window.checked_before.model.rowCount() == 0
    with qtbot.waitSignal(library.matchesFound, timeout=WAIT) as answer:
        pass
    assert answer.args[0] == first and shown == [first]
    assert window.checked_before.model.rowCount() == 2
    library._on_matches(Reply("match", (second, 1), []))  # a late answer for another claim
    assert shown == [first] and window.checked_before.model.rowCount() == 2
    with qtbot.waitSignal(library.matchesFound, timeout=WAIT):
        window.select_claim(second)
    assert window.checked_before.state.text() == NOTHING  # the wheat price: never checked
    assert window.tabs.tabText(window.tabs.indexOf(window.checked_before)) == "Checked before"


def test_conflicts_view_lists_the_disagreement_and_goes_to_either_claim(qtbot, indexed,  # type: ignore[no-untyped-def]
                                                                        files: Files) -> None:
    window = indexed
    panel = window.conflicts_panel
    with qtbot.waitSignal(window.library.conflictsFound, timeout=WAIT):
        qtbot.keyClick(window.tree, "6", Qt.KeyboardModifier.ControlModifier)
    assert panel.tree.hasFocus()
    assert panel.state.text() == "1 conflict with other worksheets"
    assert window.tabs.tabText(window.tabs.indexOf(panel)) == "Conflicts (1)"
    model = panel.model
    assert [model.index(0, c).data() for c in (0, 1)] == ["1", "count: 7 vs 9 (Ukrainian drones)"]
    assert model.index(0, 3).data() == "Nine drones, claim 1 · 2023-10-20"
    assert "(“seven”)" in panel.detail.text() and "(“nine”)" in panel.detail.text()
    # Shown again unchanged: no new search. Refresh: a new one.
    window.focus_checklist()
    window.focus_conflicts()
    assert panel.state.text() == "1 conflict with other worksheets"
    with qtbot.waitSignal(window.library.conflictsFound, timeout=WAIT):
        panel.refresh_button.click()
    window.select_row(1)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.current_claim_id() == window.session.worksheet.claims[0].id
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.session.path == files.nine.resolve()
    assert window.tabs.currentIndex() == 0  # back in the checklist of the other worksheet
    assert panel.state.text().startswith("Shown when this tab is open")


def test_a_shared_postgresql_library_works_the_same(qtbot, make_window, files: Files,  # type: ignore[no-untyped-def]
                                                    postgres_url: str, monkeypatch) -> None:
    monkeypatch.setenv(ENVIRONMENT, postgres_url)
    window = make_window()
    open_and_index(qtbot, window, files.earlier)
    open_and_index(qtbot, window, files.nine)
    with qtbot.waitSignal(window.library.matchesFound, timeout=WAIT) as found:
        open_and_index(qtbot, window, files.mine)
    assert [m.record.title for m in found.args[1]] == ["Earlier check", "Nine drones"]
    with qtbot.waitSignal(window.library.conflictsFound, timeout=WAIT) as conflicts:
        window.focus_conflicts()
    assert [c.explanation for c in conflicts.args[0]] == ["7 vs 9 (Ukrainian drones)"]


def test_an_edit_makes_the_conflicts_stale(qtbot, indexed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = indexed
    monkeypatch.setattr(claim_library, "CONFLICT_CHUNK", 1)  # one claim per library call
    shown: list[tuple[int, int]] = []
    monkeypatch.setattr(window.conflicts_panel, "show_progress",
                        lambda done, total: shown.append((done, total)))
    with qtbot.waitSignal(window.library.conflictsFound, timeout=WAIT):
        window.focus_conflicts()
    assert shown == [(1, 2)]  # the last step is the answer itself
    window.focus_checklist()
    window.select_row(0)
    window.set_verdict(Verdict.FALSE)
    assert not window.library.conflicts_current()
    with qtbot.waitSignal(window.library.conflictsFound, timeout=WAIT):
        window.focus_conflicts()


def _damage(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a SQLite database, just damage " * 200)


def test_a_damaged_library_blocks_neither_save_nor_open(qtbot, make_window, files: Files,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    _damage(Path(os.environ[ENVIRONMENT]))
    window = make_window()
    with qtbot.waitSignal(window.library.indexFailed, timeout=WAIT) as failed:
        assert window.files.open_now(files.mine)
    assert "damaged" in failed.args[1]
    assert window.session.path == files.mine.resolve() and window.session.worksheet.claims
    with qtbot.waitSignal(window.library.lookupFailed, timeout=WAIT):
        window.select_row(0)
    state = window.checked_before.state.text()
    assert state.startswith("The claim library cannot be used:") and "damaged" in state
    assert "\n" not in state
    window.set_verdict(Verdict.TRUE)
    target = tmp_path / "saved.claimsheet"
    with qtbot.waitSignal(window.library.indexFailed, timeout=WAIT):
        assert window.files.save_to(target)
    assert load_worksheet(target).claims[0].verdict == Verdict.TRUE
    assert not window.session.modified
    message = window.statusBar().currentMessage()
    assert message.startswith("Saved saved.claimsheet · Not added to the claim library:")


def test_a_locked_library_does_not_hold_up_saving(qtbot, make_window, files: Files,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    where = Path(os.environ[ENVIRONMENT])
    open_library(where).close()  # a real library ...
    other = sqlite3.connect(where, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # ... that another Claimsheet is writing to
    try:
        window = make_window()
        with qtbot.waitSignal(window.library.indexFailed, timeout=WAIT) as failed:
            assert window.files.open_now(files.mine)
            assert window.files.save_to(tmp_path / "while-locked.claimsheet")
        assert "busy" in failed.args[1]
        assert (tmp_path / "while-locked.claimsheet").is_file()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_library_that_cannot_be_created_leaves_the_window_working(  # type: ignore[no-untyped-def]
        qtbot, make_window, files: Files, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(ENVIRONMENT, str(blocker / "library.sqlite3"))
    window = make_window()
    with qtbot.waitSignal(window.library.indexFailed, timeout=WAIT) as failed:
        assert window.files.open_now(files.mine)
    assert "cannot create the library folder" in failed.args[1]
    assert window.files.save_to(tmp_path / "saved.claimsheet")


def test_the_setting_chooses_the_library_unless_the_environment_does(  # type: ignore[no-untyped-def]
        qtbot, make_window, files: Files, tmp_path: Path, monkeypatch) -> None:
    chosen = tmp_path / "team" / "claims.sqlite3"
    assert window_location(str(chosen)) == os.environ[ENVIRONMENT]  # the environment wins
    monkeypatch.delenv(ENVIRONMENT)
    assert window_location(str(chosen)) == str(chosen)
    window = make_window()
    window.actions["library_settings"].trigger()
    dialog = window.last_dialog
    assert dialog.objectName() == "libraryDialog"
    assert not dialog.environment.isVisible()
    assert dialog.field.placeholderText().startswith("default: ")
    dialog.field.setText(str(chosen))
    dialog.accept()
    assert Settings(tmp_path / "settings.ini").library == str(chosen)
    open_and_index(qtbot, window, files.mine)
    with open_library(chosen) as library:
        assert library.stats().worksheets == 1
    monkeypatch.setenv(ENVIRONMENT, str(tmp_path / "env.sqlite3"))
    window.actions["library_settings"].trigger()
    assert window.last_dialog.environment.isVisible()
    assert "env.sqlite3" in window.last_dialog.environment.text()
    window.last_dialog.reject()


def test_shortcuts_are_listed_in_help(window) -> None:  # type: ignore[no-untyped-def]
    rows = window.shortcut_rows()
    assert ("View", "Go to checked before", "Ctrl+5") in rows
    assert ("View", "Go to conflicts", "Ctrl+6") in rows
    assert ("File", "Claim library…", "Ctrl+,") in rows
    assert any(area == "Conflicts" and "Shift+Enter" in keys for area, _, keys in rows)


@pytest.fixture
def answers(files: Files) -> Iterator[tuple[list[object], list[object]]]:
    """Real matches and conflicts of "mine", straight from a library."""
    mine = load_worksheet(files.mine)
    with open_library() as library:
        library.index_file(files.earlier)
        library.index_file(files.nine)
        yield library.matches(mine.claims[0], mine), library.conflicts(mine)


def test_result_models_pass_the_model_tester(qtmodeltester, answers) -> None:  # type: ignore[no-untyped-def]
    matches, conflicts = answers
    assert len(matches) == 2 and len(conflicts) == 1
    for model, rows in ((MatchesModel(), matches), (ConflictsModel(), conflicts)):
        qtmodeltester.check(model)
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows) and model.index(0, 1).data()
        model.set_rows([])
        qtmodeltester.check(model)
