"""The checker's whole workflow with real extraction (spaCy in the helper process).

One helper process (one loaded model) serves every test in this module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.document.fileformat import load_worksheet
from app.document.model import Stance, Status, Verdict
from app.services.extraction import SERVICE
from tests.ui.conftest import SEED

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
EXTRACTION_MS = 120_000


@pytest.fixture(scope="module", autouse=True)
def helper_process():  # type: ignore[no-untyped-def]
    SERVICE.start()
    yield SERVICE
    SERVICE.stop()


def open_and_extract(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.extractionFinished, timeout=EXTRACTION_MS) as blocker:
        window.files.open_path(path)
        assert window.progress.isVisible() and window.cancel_button.isVisible()
        shown = window.article_view.toPlainText()
        assert shown == window.session.worksheet.article.text
        assert shown.split("\n", 1)[0] == path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert blocker.args == ["ok"]
    assert not window.progress.isVisible()


def test_checker_workflow_end_to_end(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_and_extract(qtbot, window, SEED)
    ws = window.session.worksheet
    assert len(ws.claims) >= 5
    assert any(c.checkables for c in ws.claims)
    assert window.current_claim_id() == ws.claims[0].id
    assert window.summary_label.text().startswith(f"0 of {len(ws.claims)} checked")

    # Verdicts and status with the keyboard.
    window.tree.setFocus()
    qtbot.keyClick(window.tree, "5")
    qtbot.keyClick(window.tree, "s")
    qtbot.keyClick(window.tree, "s")
    qtbot.keyClick(window.tree, "j")
    qtbot.keyClick(window.tree, "6")
    first, second = ws.claims[0], ws.claims[1]
    assert (first.verdict, first.status) == (Verdict.FALSE, Status.CHECKED)
    assert second.verdict == Verdict.UNVERIFIABLE

    # A source with its stance.
    window.actions["add_source"].trigger()
    dialog = window.last_dialog
    qtbot.keyClicks(dialog.fields["title"], "Ministry of Defence briefing")
    qtbot.keyClicks(dialog.fields["url"], "https://example.org/briefing")
    dialog.stance.setCurrentIndex(dialog.stance.findData(Stance.CONTEXT))
    dialog.accept()
    assert [(s.title, st) for s, st in ws.sources_of(second)] == [
        ("Ministry of Defence briefing", Stance.CONTEXT)]

    # A claim from a text selection that extraction did not find on its own.
    text = ws.article.text
    start = text.find("has become a focal point")
    assert start > 0
    window.article_view.select_span(start, start + len("has become a focal point"))
    before = len(ws.claims)
    window.actions["add_claim"].trigger()
    added_id = window.current_claim_id()
    assert len(ws.claims) == before + 1
    assert window.session.claim(added_id).quote == "has become a focal point"

    # Undo and redo.
    window.session.undo_stack.undo()
    assert len(ws.claims) == before
    window.session.undo_stack.redo()
    assert window.session.claim(added_id) is not None

    # Save, close, reopen, find everything.
    path = tmp_path / "seed.claimsheet"
    assert window.files.save_to(path)
    window.close()
    assert not window.isVisible()
    again = make_window()
    with qtbot.waitSignal(again.checklistReady, timeout=5000):
        again.files.open_path(path)
    ws2 = again.session.worksheet
    assert ws2.claims[0].verdict == Verdict.FALSE and ws2.claims[0].status == Status.CHECKED
    assert ws2.claims[1].verdict == Verdict.UNVERIFIABLE
    assert [s.title for s, _ in ws2.sources_of(ws2.claims[1])] == ["Ministry of Defence briefing"]
    assert again.session.claim(added_id).quote == "has become a focal point"
    assert again.proxy.rowCount() == len(ws2.claims)
    assert again.summary_label.text().startswith(f"1 of {len(ws2.claims)} checked")
    assert load_worksheet(path).claims[0].verdict == Verdict.FALSE


def test_rerun_extraction_keeps_the_checkers_work(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_and_extract(qtbot, window, SEED)
    ws = window.session.worksheet
    n = len(ws.claims)
    target = ws.claims[2]
    window.select_claim(target.id)
    window.set_verdict(Verdict.MOSTLY_FALSE)
    window.detail.rationale.setPlainText("Contradicted by the regional governor.")
    with qtbot.waitSignal(window.extractionFinished, timeout=EXTRACTION_MS):
        window.actions["rerun"].trigger()
    assert len(ws.claims) == n
    kept = window.session.claim(target.id)
    assert kept.verdict == Verdict.MOSTLY_FALSE
    assert kept.rationale == "Contradicted by the regional governor."
    assert window.session.undo_stack.undoText() == "Re-run extraction"


def test_cancel_extraction(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    long_article = tmp_path / "long.txt"
    long_article.write_text(SEED.read_text(encoding="utf-8") * 40, encoding="utf-8")
    with qtbot.waitSignal(window.extractionFinished, timeout=EXTRACTION_MS) as blocker:
        window.files.open_path(long_article)
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["cancelled"]
    assert window.session.worksheet.claims == []
    assert window.article_view.toPlainText()  # the article stays open
    # The helper is still usable afterwards.
    open_and_extract(qtbot, window, SEED)
    assert window.session.worksheet.claims


@pytest.mark.parametrize("name", ["centcom-gasmasks-isf-peshmerga.txt",
                                  "centcom-sdf-raqqah-isolation.txt",
                                  "wikinews-hajj-stampede.txt"])
def test_corpus_articles_open(qtbot, make_window, name: str) -> None:  # type: ignore[no-untyped-def]
    path = SEED.parent / name
    window = make_window()
    open_and_extract(qtbot, window, path)
    assert window.model.rowCount() == len(window.session.worksheet.claims) > 0


def test_smoke_command_prints_timings() -> None:
    out = subprocess.run([sys.executable, "-m", "app", "--smoke", str(SEED)],
                         capture_output=True, text=True, timeout=180, check=True)
    fields = dict(part.split("=") for part in out.stdout.split())
    assert set(fields) == {"shown_ms", "first_ms", "checklist_ms", "claims"}
    assert int(fields["claims"]) > 0
    assert 0 < float(fields["shown_ms"]) <= float(fields["first_ms"]) \
        <= float(fields["checklist_ms"])


def test_smoke_on_a_damaged_worksheet_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.claimsheet"
    bad.write_bytes(b"\x00\x01 not json")
    out = subprocess.run([sys.executable, "-m", "app", "--smoke", str(bad)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert out.stderr.startswith("claimsheet: Cannot open bad.claimsheet")
    assert "Traceback" not in out.stderr


def test_opening_another_article_mid_extraction(qtbot, make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    long_article = tmp_path / "long.txt"
    long_article.write_text(SEED.read_text(encoding="utf-8") * 30, encoding="utf-8")
    window.files.open_path(long_article)
    assert window.extraction.worker is not None
    with qtbot.waitSignal(window.extractionFinished, timeout=EXTRACTION_MS) as blocker:
        window.files.open_path(SEED)  # nothing to save yet: no prompt; the old run is stopped
    assert blocker.args == ["ok"]
    assert window.session.worksheet.article.text.startswith("The Russian Ministry")
    assert window.session.worksheet.claims and not window.progress.isVisible()


def test_smoke_on_a_worksheet(tmp_path: Path) -> None:
    from app.document.fileformat import save_worksheet
    from tests.ui.synthetic import synthetic_worksheet

    ws = synthetic_worksheet(SEED.read_text(encoding="utf-8"))
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    out = subprocess.run([sys.executable, "-m", "app", "--smoke", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stderr == ""
    fields = dict(part.split("=") for part in out.stdout.split())
    assert int(fields["claims"]) == len(ws.claims)
    assert float(fields["shown_ms"]) <= float(fields["checklist_ms"])


def test_setting_the_published_date_resolves_relative_dates(qtbot, make_window,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    """Article details → new date → "Re-run now": "yesterday" gets a value, work is kept."""
    from PySide6.QtWidgets import QMessageBox

    article = tmp_path / "undated.txt"
    article.write_text("The Russian Ministry of Defence said yesterday that 12 drones were "
                       "shot down over Belgorod.\n", encoding="utf-8")
    window = make_window()
    open_and_extract(qtbot, window, article)

    def yesterday():  # type: ignore[no-untyped-def]
        return next(k for c in window.session.worksheet.claims for k in c.checkables
                    if k.text == "yesterday")

    assert yesterday().value is None  # no published date: nothing to count back from
    assert "Article details" in window.statusBar().currentMessage()  # says what to do
    claim = window.session.worksheet.claims[0]
    window.select_claim(claim.id)
    window.set_verdict(Verdict.TRUE)
    window.actions["article_details"].trigger()
    dialog = window.last_dialog
    dialog.fields["published"].setText("2023-10-19")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    box = window.last_dialog
    assert box.objectName() == "rerunForDateBox"
    with qtbot.waitSignal(window.extractionFinished, timeout=EXTRACTION_MS) as blocker:
        box.button(QMessageBox.StandardButton.Yes).click()
    assert blocker.args == ["ok"]
    assert yesterday().value == "2023-10-18"
    assert window.session.claim(claim.id).verdict == Verdict.TRUE
    window.actions["undo"].trigger()  # the re-run is one step, the date edit another
    assert yesterday().value is None
    window.actions["undo"].trigger()
    assert window.session.worksheet.article.published == ""


def test_a_long_article_streams_its_claims_with_true_progress(qtbot, make_window,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    """Claims of a long article reach the checklist piece by piece; the bar moves."""
    from app.services.extraction import STREAM_ABOVE

    article = tmp_path / "long.txt"
    text = "\n\n".join([SEED.read_text(encoding="utf-8")] * 4)
    assert len(text) > STREAM_ABOVE
    article.write_text(text, encoding="utf-8")
    window = make_window()
    values: list[int] = []
    window.progress.valueChanged.connect(values.append)
    first: list[int] = []
    window.firstClaimsShown.connect(lambda: first.append(len(window.session.worksheet.claims)))
    with qtbot.waitSignal(window.extractionFinished, timeout=EXTRACTION_MS) as blocker:
        window.files.open_path(article)
    assert blocker.args == ["ok"]
    claims = window.session.worksheet.claims
    assert first and 0 < first[0] < len(claims)  # the first piece's claims came first
    assert len([v for v in values if 0 < v < 100]) >= 3  # and the bar moved in between
    assert values == sorted(values)
    assert window.session.undo_stack.count() == 1  # the whole run is one undo step
    assert window.session.undo_stack.undoText() == f"Extract {len(claims)} claims"
    assert [c.number for c in claims] == list(range(1, len(claims) + 1))
    window.session.undo_stack.undo()
    assert window.session.worksheet.claims == []
