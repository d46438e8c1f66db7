"""Right-click menus for the article and the checklist.

Each function builds a :class:`QMenu` for one click and returns it (not yet
shown), so tests can read and trigger its entries. The entries are the
window's own actions where one exists (same text and keys as the menus) and
small actions bound to an operation otherwise (a verdict for the claim under
the mouse, a type for the checkable row).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from app.document.labels import CHECKABLE_STYLES
from app.document.model import CheckableType, Claim, Status, Verdict
from app.ui import operations

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def _add(menu: QMenu, text: str, slot: Callable[[], object], enabled: bool = True) -> None:
    action = menu.addAction(text)
    action.setEnabled(enabled)
    action.triggered.connect(lambda _checked=False: slot())


def _verdict_menu(window: MainWindow, menu: QMenu, claim: Claim) -> None:
    sub = menu.addMenu(f"Verdict of claim {claim.number}")

    def setter(verdict: Verdict | None) -> Callable[[], object]:
        return lambda: window.apply(operations.set_verdict(window.session, claim.id, verdict))

    for n, verdict in enumerate(Verdict, start=1):
        mark = "✓ " if claim.verdict == verdict else ""
        _add(sub, f"{mark}{verdict.label}\t{n}", setter(verdict))
    sub.addSeparator()
    _add(sub, "Clear verdict\t0", setter(None), claim.verdict is not None)


def _status_menu(window: MainWindow, menu: QMenu, claim: Claim) -> None:
    sub = menu.addMenu(f"Status of claim {claim.number}")

    def setter(status: Status) -> Callable[[], object]:
        return lambda: window.apply(operations.set_status(window.session, claim.id, status))

    for status in Status:
        mark = "✓ " if claim.status == status else ""
        _add(sub, f"{mark}{status.label}", setter(status))


def article_menu(window: MainWindow, pos: QPoint) -> QMenu:
    """Copy, add a claim or a checkable of a type from the selection, the verdict of the
    claim under the mouse, split it there."""
    view = window.article_view
    menu = view.createStandardContextMenu(pos)
    menu.setObjectName("articleMenu")
    menu.addSeparator()
    has_selection = view.textCursor().hasSelection()
    menu.addAction(window.actions["add_claim"])
    add = menu.addMenu("Add checkable")
    add.setEnabled(has_selection)
    for kind in CheckableType:
        add.addAction(window.actions[f"add_{kind.value}"])
    offset = view.offset_at(pos)
    claim = view.claim_at(offset)
    if claim is not None:
        menu.addSeparator()
        _verdict_menu(window, menu, claim)
        _add(menu, f"Split claim {claim.number} here",
             lambda: window.apply(operations.split_claim(window.session, claim.id, offset)))
    return menu


def checklist_menu(window: MainWindow, pos: QPoint) -> QMenu | None:
    """A claim row: verdict, status, sources, merge, delete. A checkable row: tick,
    change type, move to the article's selection, delete."""
    index = window.tree.indexAt(pos)
    if not index.isValid():  # the Menu key away from a row: the current row's menu
        index = window.tree.currentIndex()
    if not index.isValid():
        return None
    source = window.proxy.mapToSource(index)
    claim = window.model.claim_at(source)
    if claim is None:
        return None
    window.tree.setCurrentIndex(index)
    menu = QMenu(window.tree)
    menu.setObjectName("checklistMenu")
    kid = window.model.checkable_id_at(source)
    k = window.session.checkable(claim.id, kid) if kid else None
    if k is not None:
        verb = "Untick" if k.checked else "Tick"
        _add(menu, f"{verb} “{k.text}”\tSpace", lambda: window.apply(
            operations.set_checked(window.session, claim.id, k.id, not k.checked)))
        types = menu.addMenu("Change type")

        def retype(kind: CheckableType) -> Callable[[], object]:
            return lambda: window.apply(
                operations.retype_checkable(window.session, claim.id, k.id, kind))

        for kind in CheckableType:
            _add(types, CHECKABLE_STYLES[kind].label, retype(kind), kind != k.type)
        menu.addAction(window.actions["respan"])
        _add(menu, f"Delete checkable “{k.text}”\tDel", lambda: window.apply(
            operations.delete_checkable(window.session, claim.id, k.id)))
        return menu
    _verdict_menu(window, menu, claim)
    _status_menu(window, menu, claim)
    menu.addSeparator()
    menu.addAction(window.actions["add_source"])
    menu.addAction(window.actions["cite_source"])
    menu.addSeparator()
    menu.addAction(window.actions["merge"])
    _add(menu, f"Delete claim {claim.number}\tDel",
         lambda: window.apply(operations.delete_claim(window.session, claim.id)))
    return menu
