"""One QUndoCommand per kind of user edit; each calls a :class:`Session` method.

Commands keep plain values (ids, old and new values, old and new claim lists)
rather than Qt objects, and their text is what the Edit menu shows after
"Undo"/"Redo", so it is written for the checker: "Set verdict of claim 3".
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from app.document.model import Claim, Source
from app.ui.session import Session

_RATIONALE_ID = 1001
_SOURCE_NAME_ID = 1002


class SetClaimField(QUndoCommand):
    """Change one attribute of one claim (verdict, status, rationale, sourcing, ...)."""

    def __init__(self, session: Session, claim_id: str, name: str, value: object,
                 text: str) -> None:
        super().__init__(text)
        self.session = session
        self.claim_id = claim_id
        self.name = name
        claim = session.claim(claim_id)
        assert claim is not None
        self.old = copy.copy(getattr(claim, name))
        self.new = value

    def redo(self) -> None:
        self.session.set_claim_field(self.claim_id, self.name, copy.copy(self.new))

    def undo(self) -> None:
        self.session.set_claim_field(self.claim_id, self.name, copy.copy(self.old))

    def id(self) -> int:  # noqa: A003 - Qt's name
        # Typing a rationale is one undo step per claim, not one per keystroke.
        return {"rationale": _RATIONALE_ID, "source_name": _SOURCE_NAME_ID}.get(self.name, -1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetClaimField) or other.claim_id != self.claim_id:
            return False
        if other.name != self.name:
            return False
        self.new = other.new
        return True


class SetCheckableChecked(QUndoCommand):
    def __init__(self, session: Session, claim_id: str, checkable_id: str, checked: bool,
                 text: str) -> None:
        super().__init__(text)
        self.session = session
        self.claim_id = claim_id
        self.checkable_id = checkable_id
        self.checked = checked

    def redo(self) -> None:
        self.session.set_checkable_checked(self.claim_id, self.checkable_id, self.checked)

    def undo(self) -> None:
        self.session.set_checkable_checked(self.claim_id, self.checkable_id, not self.checked)


class ReplaceClaim(QUndoCommand):
    """Swap one claim for an edited copy with the same id (e.g. a checkable added)."""

    def __init__(self, session: Session, new: Claim, text: str) -> None:
        super().__init__(text)
        self.session = session
        old = session.claim(new.id)
        assert old is not None
        self.old = old
        self.new = new

    def redo(self) -> None:
        self.session.replace_claim(self.new)

    def undo(self) -> None:
        self.session.replace_claim(self.old)


class SetClaims(QUndoCommand):
    """A structural edit: the list of claims before and after (add, delete, merge, ...).

    ``select`` is the claim id the window should select after redo, so the
    checker's place in the list follows the edit.
    """

    def __init__(self, session: Session, claims: list[Claim], text: str,
                 select: str | None = None) -> None:
        super().__init__(text)
        self.session = session
        self.old = list(session.worksheet.claims)
        self.new = list(claims)
        self.select = select

    def redo(self) -> None:
        self.session.set_claims(self.new)

    def undo(self) -> None:
        self.session.set_claims(self.old)


class SetSources(QUndoCommand):
    """Add or edit a source (the worksheet-wide list) - usually a child of a macro."""

    def __init__(self, session: Session, sources: list[Source], text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.session = session
        self.old = [copy.copy(s) for s in session.worksheet.sources]
        self.new = [copy.copy(s) for s in sources]

    def redo(self) -> None:
        self.session.set_sources([copy.copy(s) for s in self.new])

    def undo(self) -> None:
        self.session.set_sources([copy.copy(s) for s in self.old])


class SetCitations(QUndoCommand):
    """Change which sources a claim cites and with which stance."""

    def __init__(self, session: Session, claim_id: str, citations: list, text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.session = session
        self.claim_id = claim_id
        claim = session.claim(claim_id)
        assert claim is not None
        self.old = copy.deepcopy(claim.citations)
        self.new = copy.deepcopy(citations)

    def redo(self) -> None:
        self.session.set_claim_field(self.claim_id, "citations", copy.deepcopy(self.new))

    def undo(self) -> None:
        self.session.set_claim_field(self.claim_id, "citations", copy.deepcopy(self.old))


def attach_source(session: Session, claim_id: str, source: Source, stance: object,
                  number: int) -> QUndoCommand:
    """One undo step that adds (or updates) a source and cites it from a claim."""
    macro = QUndoCommand(f"Add source to claim {number}")
    sources = [s for s in session.worksheet.sources if s.id != source.id]
    existing = [s.id for s in session.worksheet.sources]
    if source.id in existing:
        macro.setText(f"Edit source of claim {number}")
        sources.insert(existing.index(source.id), source)
    else:
        sources.append(source)
    SetSources(session, sources, "sources", macro)
    SetCitations(session, claim_id, session.citations_with(claim_id, source.id, stance),
                 "citations", macro)
    return macro
