"""The open worksheet as the window sees it: document + file path + undo stack.

The plain-Python :class:`Worksheet` does not announce its changes, so every
mutation the window makes goes through this object, which changes the
document and then says what changed with a signal. The checklist model, the
article view and the detail pane listen; undo commands call these methods.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from app.document.model import Article, Checkable, Citation, Claim, Source, Stance, Worksheet

log = logging.getLogger("claimsheet.ui.session")

# Claim attributes the detail pane edits one at a time.
CLAIM_FIELDS = frozenset(
    {"verdict", "status", "rationale", "sourcing", "source_name", "hedged", "citations", "tags"}
)


class Session(QObject):
    """Owns one worksheet while it is open in the window."""

    claimChanged = Signal(str)  # claim id
    claimsAboutToReset = Signal()
    claimsReset = Signal()
    sourcesChanged = Signal()
    articleChanged = Signal()
    worksheetReplaced = Signal()
    pathChanged = Signal()

    def __init__(self, worksheet: Worksheet, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worksheet = worksheet
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.dirty = False  # e.g. restored from the recovery file: differs from any saved file
        self._index: dict[str, Claim] = {}
        self._positions: dict[str, int] = {}
        self._reindex()

    # ------------------------------------------------------------- queries

    def _reindex(self) -> None:
        self._index = {c.id: c for c in self.worksheet.claims}
        self._positions = {c.id: i for i, c in enumerate(self.worksheet.claims)}

    def claim(self, claim_id: str) -> Claim | None:
        return self._index.get(claim_id)

    def row_of(self, claim_id: str) -> int:
        """Position of a claim in reading order (its number minus one), -1 when absent."""
        return self._positions.get(claim_id, -1)

    def number(self, claim_id: str) -> int:
        """The claim's number as the checker sees it (1-based, reading order)."""
        return self._positions.get(claim_id, -1) + 1

    @property
    def modified(self) -> bool:
        """Unsaved work: edits since the last save, or a worksheet never saved."""
        if self.dirty or not self.undo_stack.isClean():
            return True
        return self.path is None and bool(self.worksheet.claims)

    # ------------------------------------------------------------- changes

    def set_claim_field(self, claim_id: str, name: str, value: object) -> None:
        if name not in CLAIM_FIELDS:
            raise ValueError(f"not an editable claim field: {name}")
        claim = self._index[claim_id]
        setattr(claim, name, value)
        self.worksheet.touch()
        self.claimChanged.emit(claim_id)

    def set_checkable_checked(self, claim_id: str, checkable_id: str, checked: bool) -> None:
        claim = self._index[claim_id]
        for k in claim.checkables:
            if k.id == checkable_id:
                k.checked = checked
        self.worksheet.touch()
        self.claimChanged.emit(claim_id)

    def replace_claim(self, claim: Claim) -> None:
        """Put a new version of a claim (same id) in its place.

        Its checkables may differ in number, which changes the tree's shape, so
        this is announced as a reset rather than as a change of one row.
        """
        row = self.row_of(claim.id)
        self.claimsAboutToReset.emit()
        self.worksheet.claims[row] = claim
        self._index[claim.id] = claim
        self.worksheet.touch()
        self.claimsReset.emit()

    def set_claims(self, claims: list[Claim]) -> None:
        """Swap the whole list (structural edits: add, delete, merge, split, re-extract)."""
        self.claimsAboutToReset.emit()
        self.worksheet.claims = list(claims)
        self._reindex()
        self.worksheet.touch()
        self.claimsReset.emit()

    def set_article(self, article: Article) -> None:
        """New article metadata (title, outlet, ...); the text itself never changes."""
        if article.text != self.worksheet.article.text:
            raise ValueError("the article text cannot change once imported")
        self.worksheet.article = article
        self.worksheet.touch()
        self.articleChanged.emit()

    def set_sources(self, sources: list[Source]) -> None:
        self.worksheet.sources = list(sources)
        self.worksheet.touch()
        self.sourcesChanged.emit()

    def checkable(self, claim_id: str, checkable_id: str) -> Checkable | None:
        claim = self._index.get(claim_id)
        if claim is None:
            return None
        return next((k for k in claim.checkables if k.id == checkable_id), None)

    def citations_with(self, claim_id: str, source_id: str, stance: Stance) -> list[Citation]:
        """The claim's citations with ``source_id`` added, or its stance changed in place."""
        claim = self._index[claim_id]
        out = [replace(c) for c in claim.citations]
        for c in out:
            if c.source_id == source_id:
                c.stance = stance
                return out
        out.append(Citation(source_id, stance))
        return out

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.dirty = False
        self.undo_stack.setClean()
        self.pathChanged.emit()
