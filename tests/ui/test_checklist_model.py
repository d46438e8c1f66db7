"""The checklist model and its filter/sort proxy, checked by pytest-qt's model tester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.document.model import CheckableType, Sourcing, Status, Verdict
from app.ui import operations
from app.ui.checklist_model import (
    COL_NUMBER,
    COL_VERDICT,
    ChecklistFilter,
    ChecklistModel,
)
from app.ui.session import Session
from tests.ui.conftest import SEED
from tests.ui.synthetic import synthetic_worksheet


def make() -> tuple[Session, ChecklistModel, ChecklistFilter]:
    session = Session(synthetic_worksheet(SEED.read_text(encoding="utf-8")))
    model = ChecklistModel(session)
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    return session, model, proxy


def test_model_and_proxy_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session, model, proxy = make()
    qtmodeltester.check(model)
    proxy.sort(COL_VERDICT, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    # Structural edits and single-field edits keep it consistent.
    claims = session.worksheet.claims
    for claim in list(claims[-3:]):
        operations.delete_claim(session, claim.id)
    operations.set_verdict(session, claims[0].id, Verdict.TRUE)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_rows_and_children_read_the_live_document() -> None:
    session, model, _ = make()
    claims = session.worksheet.claims
    assert model.rowCount() == len(claims)
    first = model.index(0, COL_NUMBER)
    assert first.data() == "1"
    assert model.rowCount(first) == len(claims[0].checkables) > 0
    child = model.index(0, 0, first)
    assert child.parent() == first
    assert child.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    claims[0].verdict = Verdict.FALSE
    assert model.index(0, COL_VERDICT).data() == "False"
    assert model.rowCount(model.index(0, 1)) == 0  # only column 0 has children
    assert not model.index(len(claims), 0).isValid()
    assert model.parent(first) == QModelIndex()


def test_ticking_a_checkable_is_announced_not_applied() -> None:
    session, model, _ = make()
    seen = []
    model.checkableToggled.connect(lambda *a: seen.append(a))
    child = model.index(0, 0, model.index(0, 0))
    assert model.setData(child, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    k = session.worksheet.claims[0].checkables[0]
    assert seen == [(session.worksheet.claims[0].id, k.id, True)]
    assert not k.checked  # the window turns the announcement into an undo command


def test_filters() -> None:
    session, model, proxy = make()
    claims = session.worksheet.claims
    total = len(claims)
    claims[1].status = Status.CHECKED
    claims[2].verdict = Verdict.FALSE
    proxy.set_filters(status=Status.CHECKED)
    assert proxy.rowCount() == 1
    proxy.set_filters(verdict=Verdict.FALSE)
    assert proxy.rowCount() == 1
    proxy.set_filters(verdict=ChecklistFilter.UNSET_VERDICT)
    assert proxy.rowCount() == total - 1
    proxy.set_filters(hedged_only=True)
    assert proxy.rowCount() == sum(c.hedged for c in claims) > 0
    proxy.set_filters(anonymous_only=True)
    assert proxy.rowCount() == sum(c.sourcing == Sourcing.UNNAMED for c in claims) > 0
    proxy.set_filters(kind=CheckableType.COUNT)
    assert proxy.rowCount() == sum(
        any(k.type == CheckableType.COUNT for k in c.checkables) for c in claims) > 0
    proxy.set_filters(text="BAYRAKTAR")
    shown = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert shown and all("Bayraktar" in claims[r].quote for r in shown)
    proxy.set_filters()
    assert proxy.rowCount() == total and not proxy.active


def test_sorting_moves_rows_and_keeps_edited_rows_in_place() -> None:
    session, model, proxy = make()
    claims = session.worksheet.claims
    first = claims[0]

    def top() -> object:
        return model.claim_at(proxy.mapToSource(proxy.index(0, 0)))

    def bottom() -> object:
        return model.claim_at(proxy.mapToSource(proxy.index(proxy.rowCount() - 1, 0)))

    proxy.sort(COL_VERDICT, Qt.SortOrder.AscendingOrder)
    assert top() is first
    child = model.index(0, 0, model.index_of_claim(first.id))
    operations.set_verdict(session, first.id, Verdict.NOT_A_CLAIM)
    assert top() is first  # no jump while the checker works on it
    proxy.sort(COL_VERDICT, Qt.SortOrder.AscendingOrder)
    assert bottom() is first
    assert model.index_of_claim(first.id).row() == len(claims) - 1
    assert model.index(0, 0, model.index_of_claim(first.id)).internalId() == child.internalId()
    proxy.sort(COL_VERDICT, Qt.SortOrder.DescendingOrder)
    assert top() is first
    assert model.index(0, COL_NUMBER).data() == str(first.number)  # a claim keeps its number
    proxy.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert [model.claim_at(model.index(r, 0)) for r in range(len(claims))] == claims


def test_sorting_moves_the_current_row_with_its_claim(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTreeView

    session, model, proxy = make()
    view = QTreeView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    target = session.worksheet.claims[5]
    operations.set_verdict(session, target.id, Verdict.FALSE)
    view.setCurrentIndex(proxy.mapFromSource(model.index_of_claim(target.id)))
    proxy.sort(COL_VERDICT, Qt.SortOrder.DescendingOrder)
    assert model.claim_at(proxy.mapToSource(view.currentIndex())) is target
    assert view.currentIndex().row() == 0
