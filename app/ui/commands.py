"""The undo commands: each keeps only what it changes and calls :class:`Session` methods.

These classes are the mechanics; which command an edit becomes, and its menu
text ("Set verdict of claim 3 to False"), is decided in one place,
:mod:`app.ui.operations`. Commands hold plain values (ids, old and new values,
the claims or checkables they insert or remove), never a whole claim list.

Merging (orange-canvas-core, Qt's ``QUndoCommand.mergeWith``): typing a
rationale is one step per claim, and a streamed extraction is one step; but
a command never merges into the step the worksheet was saved at, so undoing
back to the save always reaches the clean state.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from PySide6.QtGui import QUndoCommand

from app.document.model import Article, Checkable, Citation, Claim, Evidence, Source
from app.ui.session import Session

# Merge ids (QUndoCommand.id): one per kind of mergeable command.
MERGE_TYPING = 1001
MERGE_EXTRACTION = 1002


class Command(QUndoCommand):
    """Base: the session, the menu text and the "don't merge into the saved step" rule."""

    merge_id = -1

    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session

    def id(self) -> int:
        return self.merge_id

    def may_merge(self) -> bool:
        stack = self.session.undo_stack
        return not stack.isClean()  # the command on top is not the saved state


class SetClaimFields(Command):
    """Change fields of one claim (verdict, status, rationale, sourcing, citations ...)."""

    def __init__(self, session: Session, claim_id: str, values: dict[str, object],
                 text: str, typing: bool = False) -> None:
        super().__init__(session, text)
        self.claim_id = claim_id
        claim = session.claim(claim_id)
        if claim is None:
            raise KeyError(claim_id)
        self.old = {name: copy.deepcopy(getattr(claim, name)) for name in values}
        self.new = {name: copy.deepcopy(value) for name, value in values.items()}
        self.merge_id = MERGE_TYPING if typing else -1

    def _apply(self, values: dict[str, object]) -> None:
        for name, value in values.items():
            self.session.set_claim_field(self.claim_id, name, copy.deepcopy(value))

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not (isinstance(other, SetClaimFields) and other.claim_id == self.claim_id
                and other.new.keys() == self.new.keys() and self.may_merge()):
            return False
        self.new = other.new
        return True


class ChangeClaims(Command):
    """A structural edit as a difference: claims removed, inserted, and replaced (old, new).

    Add, delete, merge, split and re-extraction are all one of these; ``select``
    is the claim the checker's place moves to after redo.
    """

    def __init__(self, session: Session, text: str, *, removed: Iterable[Claim] = (),
                 inserted: Iterable[Claim] = (), replaced: Iterable[tuple[Claim, Claim]] = (),
                 select: str | None = None, merge_key: object = None) -> None:
        super().__init__(session, text)
        self.removed = list(removed)
        self.inserted = list(inserted)
        self.replaced = list(replaced)
        self.select = select
        self.merge_key = merge_key
        self.merge_id = MERGE_EXTRACTION if merge_key is not None else -1

    def _apply(self, remove: list[Claim], put: Iterable[Claim], insert: list[Claim]) -> None:
        for claim in remove:
            self.session.remove_claim(claim.id)
        for claim in put:
            self.session.replace_claim(claim)
        self.session.insert_claims(insert)

    def redo(self) -> None:
        self._apply(self.removed, (new for _, new in self.replaced), self.inserted)

    def undo(self) -> None:
        self._apply(self.inserted, (old for old, _ in self.replaced), self.removed)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        """Streamed extraction: the next piece's claims join the same undo step."""
        if not (isinstance(other, ChangeClaims) and other.merge_key is not None
                and other.merge_key == self.merge_key and not other.removed
                and not other.replaced and self.may_merge()):
            return False
        self.inserted += other.inserted
        self.setText(other.text())
        return True


class AddCheckable(Command):
    def __init__(self, session: Session, claim_id: str, checkable: Checkable, text: str) -> None:
        super().__init__(session, text)
        self.claim_id = claim_id
        self.checkable = checkable

    def redo(self) -> None:
        self.session.insert_checkable(self.claim_id, self.checkable)

    def undo(self) -> None:
        self.session.remove_checkable(self.claim_id, self.checkable.id)


class RemoveCheckable(AddCheckable):
    def redo(self) -> None:
        super().undo()

    def undo(self) -> None:
        super().redo()


class ReplaceCheckable(Command):
    """Retype a checkable or move it to other words (same id, tick and note kept)."""

    def __init__(self, session: Session, claim_id: str, new: Checkable, text: str) -> None:
        super().__init__(session, text)
        self.claim_id = claim_id
        old = session.checkable(claim_id, new.id)
        if old is None:
            raise KeyError(new.id)
        self.old, self.new = old, new

    def redo(self) -> None:
        self.session.replace_checkable(self.claim_id, self.new)

    def undo(self) -> None:
        self.session.replace_checkable(self.claim_id, self.old)


class SetChecked(Command):
    def __init__(self, session: Session, claim_id: str, checkable_id: str, checked: bool,
                 text: str) -> None:
        super().__init__(session, text)
        self.claim_id, self.checkable_id, self.checked = claim_id, checkable_id, checked

    def redo(self) -> None:
        self.session.set_checkable_checked(self.claim_id, self.checkable_id, self.checked)

    def undo(self) -> None:
        self.session.set_checkable_checked(self.claim_id, self.checkable_id, not self.checked)


class EditSources(Command):
    """Sources added, edited or removed, claims' citations changed, and evidence listed,
    relinked or unlisted, as one step.

    One command rather than a macro of child commands: PySide does not hand a
    child command's ownership to its parent, which ends in a double free.
    Evidence bytes never move: they stay in the worksheet's locker, so undoing
    a removal (or redoing an attachment) only lists the record again.
    """

    def __init__(self, session: Session, text: str, *, added: Iterable[Source] = (),
                 edited: Iterable[Source] = (), removed: Iterable[Source] = (),
                 citations: dict[str, list[Citation]] | None = None,
                 evidence_added: Iterable[Evidence] = (),
                 evidence_removed: Iterable[Evidence] = (),
                 evidence_links: dict[str, list[str]] | None = None) -> None:
        super().__init__(session, text)
        self.added = [copy.copy(s) for s in added]
        self.edited = [(copy.copy(session.worksheet.sources[session.source_row(s.id)]),
                        copy.copy(s)) for s in edited]
        self.removed = [(copy.copy(s), session.source_row(s.id)) for s in removed]
        self.citations: dict[str, tuple[list[Citation], list[Citation]]] = {}
        for claim_id, new in (citations or {}).items():
            claim = session.claim(claim_id)
            if claim is None:
                raise KeyError(claim_id)
            self.citations[claim_id] = (copy.deepcopy(claim.citations), copy.deepcopy(new))
        self.evidence_added = [copy.deepcopy(e) for e in evidence_added]
        self.evidence_removed = [(copy.deepcopy(e), session.evidence_row(e.sha256))
                                 for e in evidence_removed]
        self.evidence_links: dict[str, tuple[list[str], list[str]]] = {}
        for sha, sources in (evidence_links or {}).items():
            item = session.worksheet.evidence[session.evidence_row(sha)]
            self.evidence_links[sha] = (list(item.sources), list(sources))

    def redo(self) -> None:
        s = self.session
        for source in self.added:
            s.insert_source(copy.copy(source))
        for _, new in self.edited:
            s.replace_source(copy.copy(new))
        for claim_id, (_, new_citations) in self.citations.items():
            s.set_claim_field(claim_id, "citations", copy.deepcopy(new_citations))
        for item in self.evidence_added:
            s.insert_evidence(copy.deepcopy(item))
        for sha, (_, new_links) in self.evidence_links.items():
            s.set_evidence_sources(sha, new_links)
        for item, _ in self.evidence_removed:
            s.remove_evidence(item.sha256)
        for source, _ in self.removed:
            s.remove_source(source.id)

    def undo(self) -> None:
        s = self.session
        for source, row in reversed(self.removed):
            s.insert_source(copy.copy(source), row)
        for item, row in reversed(self.evidence_removed):
            s.insert_evidence(copy.deepcopy(item), row)
        for sha, (old_links, _) in self.evidence_links.items():
            s.set_evidence_sources(sha, old_links)
        for item in reversed(self.evidence_added):
            s.remove_evidence(item.sha256)
        for claim_id, (old_citations, _) in self.citations.items():
            s.set_claim_field(claim_id, "citations", copy.deepcopy(old_citations))
        for old, _ in self.edited:
            s.replace_source(copy.copy(old))
        for source in reversed(self.added):
            s.remove_source(source.id)


class SetArticle(Command):
    """Edit the article's details (title, outlet, author, URL, date, language)."""

    def __init__(self, session: Session, article: Article, text: str) -> None:
        super().__init__(session, text)
        self.old = copy.copy(session.worksheet.article)
        self.new = copy.copy(article)

    def redo(self) -> None:
        self.session.set_article(copy.copy(self.new))

    def undo(self) -> None:
        self.session.set_article(copy.copy(self.old))


class SetWorksheetFields(Command):
    """Edit the worksheet's own fields: checker, reviewer, notes."""

    def __init__(self, session: Session, values: dict[str, str], text: str) -> None:
        super().__init__(session, text)
        self.old = {name: str(getattr(session.worksheet, name)) for name in values}
        self.new = dict(values)

    def redo(self) -> None:
        for name, value in self.new.items():
            self.session.set_worksheet_field(name, value)

    def undo(self) -> None:
        for name, value in self.old.items():
            self.session.set_worksheet_field(name, value)
