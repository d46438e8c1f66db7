"""The open worksheet as the window sees it: document + file path + undo stack.

The plain-Python :class:`Worksheet` does not announce its changes, so every
change the window makes goes through this object, which changes the document
and says precisely what changed: claims inserted or removed (by position in
reading order), the fields of one claim, checkables added, removed or changed
inside one claim, sources, evidence, the article's details, the worksheet's own
fields.
Each change comes as an "about to" signal before and a signal after, as
Qt's item models need (napari's ``_qt/containers`` adapters work the same
way), so the checklist and the sources panel update row by row and the
checker's selection and expanded rows survive every edit.

Only the undo commands of :mod:`app.ui.commands` call the changing methods;
widgets go through :mod:`app.ui.operations`.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QUndoStack

from app.document.model import Article, Checkable, Claim, Evidence, Source, Worksheet

log = logging.getLogger("claimsheet.ui.session")

# Claim attributes edited one at a time (detail pane, keys, menus).
CLAIM_FIELDS = frozenset(
    {"verdict", "status", "rationale", "sourcing", "source_name", "hedged", "citations", "tags"}
)
# Everything a replaced claim may differ in (merge, split, re-extraction).
ALL_FIELDS = CLAIM_FIELDS | {"anchor", "checkables", "worthiness", "hedges", "origin"}
WORKSHEET_FIELDS = frozenset({"checker", "reviewer", "notes"})


def slot_name(signal: str) -> str:
    """``claimsAboutToBeInserted`` → ``on_claims_about_to_be_inserted``."""
    return "on_" + re.sub(r"(?<!^)(?=[A-Z])", "_", signal).lower()


class Links:
    """The connections one listener holds to one session, dropped together.

    A listener (a model, a pane, the window) follows a session by defining
    ``on_<signal>`` methods, in the spirit of Qt's ``connectSlotsByName``:
    ``on_claims_inserted(first, last)`` receives ``claimsInserted``. When
    another worksheet opens, :meth:`follow` moves every connection to the new
    session in one step.
    """

    def __init__(self) -> None:
        self._connections: list[tuple[SignalInstance, Callable[..., object]]] = []

    def follow(self, session: Session, listener: object) -> None:
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the old session is already gone
                pass
        self._connections = [(getattr(session, name), getattr(listener, slot_name(name)))
                             for name in SIGNALS if hasattr(listener, slot_name(name))]
        for signal, slot in self._connections:
            signal.connect(slot)


T = TypeVar("T")


def _key(claim: Claim) -> tuple[int, int]:
    return claim.anchor.start, claim.anchor.end


class Session(QObject):
    """Owns one worksheet while it is open in the window."""

    # Claims, by position in reading order (first and last position, inclusive).
    claimsAboutToBeInserted = Signal(int, int)
    claimsInserted = Signal(int, int)
    claimsAboutToBeRemoved = Signal(int, int)
    claimsRemoved = Signal(int, int)
    claimChanged = Signal(str, object)  # claim id, frozenset of changed field names
    # Checkables of one claim, by row inside the claim.
    checkablesAboutToBeInserted = Signal(str, int, int)  # claim id, first, last
    checkablesInserted = Signal(str, int, int)
    checkablesAboutToBeRemoved = Signal(str, int, int)
    checkablesRemoved = Signal(str, int, int)
    checkableChanged = Signal(str, str, object)  # claim id, checkable id, field names
    # Sources, by position in the worksheet's list.
    sourceAboutToBeInserted = Signal(int)
    sourceInserted = Signal(int)
    sourceAboutToBeRemoved = Signal(int)
    sourceRemoved = Signal(int)
    sourceChanged = Signal(str)  # source id
    # Evidence, by position in the worksheet's evidence list.
    evidenceAboutToBeInserted = Signal(int)
    evidenceInserted = Signal(int)
    evidenceAboutToBeRemoved = Signal(int)
    evidenceRemoved = Signal(int)
    evidenceChanged = Signal(str)  # SHA-256: its sources changed
    articleChanged = Signal()
    worksheetChanged = Signal(object)  # frozenset of WORKSHEET_FIELDS
    pathChanged = Signal()

    def _change(self, about: SignalInstance, done: SignalInstance, args: tuple[object, ...],
                change: Callable[[], T]) -> T:
        """Announce a change of rows, make it, say it is done (the item models' protocol)."""
        about.emit(*args)
        result = change()
        self.worksheet.touch()
        done.emit(*args)
        return result

    def __init__(self, worksheet: Worksheet, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        worksheet.sort_claims()
        worksheet.assign_numbers()
        self.worksheet = worksheet
        self.path = path
        #: The folder of the article file this worksheet was started from (Save As).
        self.article_folder: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.dirty = False  # e.g. restored from the recovery file: differs from any saved file
        self._index: dict[str, Claim] = {}
        self._positions: dict[str, int] = {}
        self._keys: list[tuple[int, int]] = []
        self._reindex()

    # ------------------------------------------------------------- queries

    def _reindex(self) -> None:
        claims = self.worksheet.claims
        self._index = {c.id: c for c in claims}
        self._positions = {c.id: i for i, c in enumerate(claims)}
        self._keys = [_key(c) for c in claims]

    def claim(self, claim_id: str) -> Claim | None:
        return self._index.get(claim_id)

    def row_of(self, claim_id: str) -> int:
        """Position of a claim in reading order, -1 when absent."""
        return self._positions.get(claim_id, -1)

    def number(self, claim_id: str) -> int:
        """The claim's stable number as the checker knows it ("claim 16"), 0 when absent."""
        claim = self._index.get(claim_id)
        return claim.number if claim is not None else 0

    def checkable(self, claim_id: str, checkable_id: str) -> Checkable | None:
        claim = self._index.get(claim_id)
        if claim is None:
            return None
        return next((k for k in claim.checkables if k.id == checkable_id), None)

    def checkable_row(self, claim_id: str, checkable_id: str) -> int:
        claim = self._index.get(claim_id)
        if claim is None:
            return -1
        return next((i for i, k in enumerate(claim.checkables) if k.id == checkable_id), -1)

    def source_row(self, source_id: str) -> int:
        return next((i for i, s in enumerate(self.worksheet.sources) if s.id == source_id), -1)

    @property
    def modified(self) -> bool:
        """Unsaved work: edits since the last save, or a worksheet never saved."""
        if self.dirty or not self.undo_stack.isClean():
            return True
        return self.path is None and bool(self.worksheet.claims)

    # ------------------------------------------------------------- claims

    def insert_claim(self, claim: Claim) -> int:
        """Put a claim at its place in reading order; a new claim gets the next number."""
        if claim.id in self._index:
            raise ValueError(f"claim {claim.id} is already in the worksheet")
        ws = self.worksheet
        if claim.number <= 0:
            claim.number = ws.next_number
        ws.next_number = max(ws.next_number, claim.number + 1)
        position = bisect.bisect_right(self._keys, _key(claim))

        def insert() -> None:
            ws.claims.insert(position, claim)
            self._reindex()

        self._change(self.claimsAboutToBeInserted, self.claimsInserted, (position, position),
                     insert)
        return position

    def insert_claims(self, claims: list[Claim]) -> None:
        """Insert many claims; a run that goes after every claim so far is one insertion
        (the common case: extraction into an empty worksheet, or the next piece of it)."""
        ordered = sorted(claims, key=_key)
        ws = self.worksheet
        if ordered and (not self._keys or self._keys[-1] <= _key(ordered[0])) \
                and not any(c.id in self._index for c in ordered):
            for claim in ordered:
                if claim.number <= 0:
                    claim.number = ws.next_number
                ws.next_number = max(ws.next_number, claim.number + 1)
            first = len(ws.claims)

            def extend() -> None:
                ws.claims.extend(ordered)
                self._reindex()

            self._change(self.claimsAboutToBeInserted, self.claimsInserted,
                         (first, first + len(ordered) - 1), extend)
            return
        for claim in ordered:
            self.insert_claim(claim)

    def remove_claim(self, claim_id: str) -> Claim:
        position = self._positions[claim_id]

        def pop() -> Claim:
            claim = self.worksheet.claims.pop(position)
            self._reindex()
            return claim

        return self._change(self.claimsAboutToBeRemoved, self.claimsRemoved,
                            (position, position), pop)

    def replace_claim(self, claim: Claim) -> Claim:
        """Put a new version of a claim (same id) in place of the old; returns the old.

        When its place in reading order is the same, the row stays (and with it
        the checker's selection); its checkable rows are swapped when they differ.
        """
        position = self._positions[claim.id]
        old = self.worksheet.claims[position]
        claims = self.worksheet.claims
        stays = ((position == 0 or self._keys[position - 1] <= _key(claim))
                 and (position == len(claims) - 1 or _key(claim) <= self._keys[position + 1]))
        if not stays:
            self.remove_claim(claim.id)
            self.insert_claim(claim)
            return old
        same_rows = [k.id for k in old.checkables] == [k.id for k in claim.checkables]
        if not same_rows and old.checkables:
            self.checkablesAboutToBeRemoved.emit(claim.id, 0, len(old.checkables) - 1)
            claims[position] = replace(old, checkables=[])  # a stand-in while rows go
            self.checkablesRemoved.emit(claim.id, 0, len(old.checkables) - 1)
        if not same_rows and claim.checkables:
            self.checkablesAboutToBeInserted.emit(claim.id, 0, len(claim.checkables) - 1)
        claims[position] = claim
        self._index[claim.id] = claim
        self._keys[position] = _key(claim)
        self.worksheet.touch()
        if not same_rows and claim.checkables:
            self.checkablesInserted.emit(claim.id, 0, len(claim.checkables) - 1)
        self.claimChanged.emit(claim.id, ALL_FIELDS)
        return old

    def set_claim_field(self, claim_id: str, name: str, value: object) -> None:
        if name not in CLAIM_FIELDS:
            raise ValueError(f"not an editable claim field: {name}")
        setattr(self._index[claim_id], name, value)
        self.worksheet.touch()
        self.claimChanged.emit(claim_id, frozenset((name,)))

    # ------------------------------------------------------------- checkables

    def insert_checkable(self, claim_id: str, checkable: Checkable) -> int:
        """Add a checkable to a claim, in text order; returns its row in the claim."""
        claim = self._index[claim_id]
        keys = [(k.start, k.end) for k in claim.checkables]
        row = bisect.bisect_right(keys, (checkable.start, checkable.end))
        self._change(self.checkablesAboutToBeInserted, self.checkablesInserted,
                     (claim_id, row, row), lambda: claim.checkables.insert(row, checkable))
        self.claimChanged.emit(claim_id, frozenset(("checkables",)))
        return row

    def remove_checkable(self, claim_id: str, checkable_id: str) -> Checkable:
        claim = self._index[claim_id]
        row = self.checkable_row(claim_id, checkable_id)
        checkable = self._change(self.checkablesAboutToBeRemoved, self.checkablesRemoved,
                                 (claim_id, row, row), lambda: claim.checkables.pop(row))
        self.claimChanged.emit(claim_id, frozenset(("checkables",)))
        return checkable

    def replace_checkable(self, claim_id: str, checkable: Checkable) -> Checkable:
        """Swap a checkable for an edited copy (same id); returns the old one."""
        claim = self._index[claim_id]
        row = self.checkable_row(claim_id, checkable.id)
        old = claim.checkables[row]
        keys = [(k.start, k.end) for k in claim.checkables]
        new_key = (checkable.start, checkable.end)
        if (row > 0 and keys[row - 1] > new_key) or (row + 1 < len(keys)
                                                        and new_key > keys[row + 1]):
            self.remove_checkable(claim_id, checkable.id)  # its place in text order moved
            self.insert_checkable(claim_id, checkable)
            return old
        claim.checkables[row] = checkable
        self.worksheet.touch()
        self.checkableChanged.emit(claim_id, checkable.id,
                                   frozenset(("type", "start", "end", "text", "value")))
        self.claimChanged.emit(claim_id, frozenset(("checkables",)))
        return old

    def set_checkable_checked(self, claim_id: str, checkable_id: str, checked: bool) -> None:
        k = self.checkable(claim_id, checkable_id)
        if k is None:
            raise KeyError(checkable_id)
        k.checked = checked
        self.worksheet.touch()
        self.checkableChanged.emit(claim_id, checkable_id, frozenset(("checked",)))
        self.claimChanged.emit(claim_id, frozenset(("checkables",)))

    # ------------------------------------------------------------- sources

    def insert_source(self, source: Source, row: int | None = None) -> int:
        sources = self.worksheet.sources
        at = len(sources) if row is None else row
        self._change(self.sourceAboutToBeInserted, self.sourceInserted, (at,),
                     lambda: sources.insert(at, source))
        return at

    def remove_source(self, source_id: str) -> tuple[Source, int]:
        row = self.source_row(source_id)
        source = self._change(self.sourceAboutToBeRemoved, self.sourceRemoved, (row,),
                              lambda: self.worksheet.sources.pop(row))
        return source, row

    def replace_source(self, source: Source) -> Source:
        row = self.source_row(source.id)
        old = self.worksheet.sources[row]
        self.worksheet.sources[row] = source
        self.worksheet.touch()
        self.sourceChanged.emit(source.id)
        return old

    # ------------------------------------------------------------- evidence

    def evidence_row(self, sha256: str) -> int:
        return next((i for i, e in enumerate(self.worksheet.evidence) if e.sha256 == sha256), -1)

    def insert_evidence(self, item: Evidence, row: int | None = None) -> int:
        """List a file whose bytes are already in the worksheet's locker."""
        evidence = self.worksheet.evidence
        at = len(evidence) if row is None else row
        self._change(self.evidenceAboutToBeInserted, self.evidenceInserted, (at,),
                     lambda: evidence.insert(at, item))
        return at

    def remove_evidence(self, sha256: str) -> tuple[Evidence, int]:
        """Unlist a file (its bytes stay in the locker, so undo can list it again)."""
        row = self.evidence_row(sha256)
        item = self._change(self.evidenceAboutToBeRemoved, self.evidenceRemoved, (row,),
                            lambda: self.worksheet.evidence.pop(row))
        return item, row

    def set_evidence_sources(self, sha256: str, sources: list[str]) -> None:
        row = self.evidence_row(sha256)
        self.worksheet.evidence[row].sources = list(sources)
        self.worksheet.touch()
        self.evidenceChanged.emit(sha256)

    # ------------------------------------------------------------- article, worksheet, file

    def set_article(self, article: Article) -> None:
        """New article metadata (title, outlet, ...); the text itself never changes."""
        if article.text != self.worksheet.article.text:
            raise ValueError("the article text cannot change once imported")
        self.worksheet.article = article
        self.worksheet.touch()
        self.articleChanged.emit()

    def set_worksheet_field(self, name: str, value: str) -> None:
        if name not in WORKSHEET_FIELDS:
            raise ValueError(f"not an editable worksheet field: {name}")
        setattr(self.worksheet, name, value)
        self.worksheet.touch()
        self.worksheetChanged.emit(frozenset((name,)))

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.dirty = False
        self.undo_stack.setClean()
        self.pathChanged.emit()


#: Every change signal of a Session, in the order they are declared.
SIGNALS = tuple(name for name, value in vars(Session).items() if isinstance(value, Signal))
