"""One QUndoCommand per kind of user edit; each calls a :class:`Session` method.

Commands keep plain values (ids, old and new values, old and new claim lists)
rather than Qt objects, and their text is what the Edit menu shows after
"Undo"/"Redo", so it is written for the checker: "Set verdict of claim 3".
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from app.document.model import Article, Citation, Claim, Source, Stance
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

    def id(self) -> int:
        # Typing a rationale is one undo step per claim, not one per keystroke.
        return {"rationale": _RATIONALE_ID, "source_name": _SOURCE_NAME_ID}.get(self.name, -1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
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


class SetCitations(QUndoCommand):
    """Change which sources a claim cites and with which stance."""

    def __init__(self, session: Session, claim_id: str, citations: list[Citation],
                 text: str) -> None:
        super().__init__(text)
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


class AttachSource(QUndoCommand):
    """Add (or update) a source and cite it from a claim with a stance, as one step.

    One command rather than a macro of child commands: PySide does not hand a
    child command's ownership to its parent, which ends in a double free.
    """

    def __init__(self, session: Session, claim_id: str, source: Source, stance: Stance,
                 number: int) -> None:
        super().__init__(f"Add source to claim {number}")
        self.session = session
        self.claim_id = claim_id
        existing = [s.id for s in session.worksheet.sources]
        self.old_sources = [copy.copy(s) for s in session.worksheet.sources]
        new_sources = [copy.copy(s) for s in session.worksheet.sources]
        if source.id in existing:
            self.setText(f"Edit source of claim {number}")
            new_sources[existing.index(source.id)] = copy.copy(source)
        else:
            new_sources.append(copy.copy(source))
        self.new_sources = new_sources
        claim = session.claim(claim_id)
        assert claim is not None
        self.old_citations = copy.deepcopy(claim.citations)
        self.new_citations = session.citations_with(claim_id, source.id, stance)

    def redo(self) -> None:
        self.session.set_sources([copy.copy(s) for s in self.new_sources])
        self.session.set_claim_field(self.claim_id, "citations",
                                     copy.deepcopy(self.new_citations))

    def undo(self) -> None:
        self.session.set_claim_field(self.claim_id, "citations",
                                     copy.deepcopy(self.old_citations))
        self.session.set_sources([copy.copy(s) for s in self.old_sources])


class SetArticle(QUndoCommand):
    """Edit the article's details (title, outlet, author, URL, date, language)."""

    def __init__(self, session: Session, article: Article) -> None:
        super().__init__("Edit article details")
        self.session = session
        self.old = copy.copy(session.worksheet.article)
        self.new = copy.copy(article)

    def redo(self) -> None:
        self.session.set_article(copy.copy(self.new))

    def undo(self) -> None:
        self.session.set_article(copy.copy(self.old))
