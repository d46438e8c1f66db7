"""Every edit a checker can make, one typed function each (Anki's ``aqt/operations``).

An operation checks the edit, builds its undo command with the text the Edit
menu shows ("Set verdict of claim 3 to False"), pushes it on the session's
undo stack and returns :class:`Changes`: what it changed and where the
checker's place should move. An edit that cannot be made changes nothing and
returns ``Changes`` with a message for the status bar. Widgets, menus and
keys call these functions; none of them builds a command itself.

Claim numbers in the texts are the claims' stable numbers, so "claim 16" in
the undo history keeps pointing at the same claim after inserts and merges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit, urlunsplit

from app.document import edits, evidence
from app.document.evidence import Captured
from app.document.labels import CHECKABLE_STYLES, SOURCING_LABELS
from app.document.model import (
    Article,
    CheckableType,
    Citation,
    Claim,
    Evidence,
    Source,
    Sourcing,
    Stance,
    Status,
    Verdict,
    new_id,
)
from app.ui.commands import (
    AddCheckable,
    ChangeClaims,
    EditSources,
    RemoveCheckable,
    ReplaceCheckable,
    SetArticle,
    SetChecked,
    SetClaimFields,
    SetWorksheetFields,
)
from app.ui.session import Session


@dataclass(frozen=True, slots=True)
class Changes:
    """What an operation did. ``done`` is False when nothing changed (``message`` says why)."""

    done: bool = True
    claims: tuple[str, ...] = ()  # ids of the claims it changed, added or removed
    select: str | None = None  # the claim the checker's place moves to, if any
    message: str = ""
    sources: tuple[str, ...] = field(default=())


def _nothing(message: str = "") -> Changes:
    return Changes(done=False, message=message)


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _claim(session: Session, claim_id: str | None) -> Claim | None:
    return session.claim(claim_id) if claim_id else None


def _set(session: Session, claim_id: str, name: str, value: object, text: str,
         typing: bool = False) -> Changes:
    claim = session.claim(claim_id)
    if claim is None or getattr(claim, name) == value:
        return _nothing()
    session.undo_stack.push(SetClaimFields(session, claim_id, {name: value}, text, typing))
    return Changes(claims=(claim_id,), select=claim_id)


# ---------------------------------------------------------------- one claim's fields


def set_verdict(session: Session, claim_id: str, verdict: Verdict | None) -> Changes:
    label = verdict.label if verdict else "not set"
    return _set(session, claim_id, "verdict", verdict,
                f"Set verdict of claim {session.number(claim_id)} to {label}")


def set_status(session: Session, claim_id: str, status: Status) -> Changes:
    return _set(session, claim_id, "status", status,
                f"Set status of claim {session.number(claim_id)} to {status.label.lower()}")


def cycle_status(session: Session, claim_id: str) -> Changes:
    claim = session.claim(claim_id)
    return set_status(session, claim_id, claim.status.next()) if claim else _nothing()


def set_sourcing(session: Session, claim_id: str, sourcing: Sourcing) -> Changes:
    return _set(session, claim_id, "sourcing", sourcing,
                f"Set sourcing of claim {session.number(claim_id)} to "
                f"{SOURCING_LABELS[sourcing].lower()}")


def set_source_name(session: Session, claim_id: str, name: str) -> Changes:
    return _set(session, claim_id, "source_name", name,
                f"Edit source name of claim {session.number(claim_id)}", typing=True)


def set_hedged(session: Session, claim_id: str, hedged: bool) -> Changes:
    verb = "Mark hedged" if hedged else "Mark not hedged"
    return _set(session, claim_id, "hedged", hedged, f"{verb} of claim {session.number(claim_id)}")


def set_rationale(session: Session, claim_id: str, rationale: str) -> Changes:
    """Typing is one undo step per claim (not one per keystroke)."""
    return _set(session, claim_id, "rationale", rationale,
                f"Edit rationale of claim {session.number(claim_id)}", typing=True)


def parse_tags(text: str) -> list[str]:
    """"drones, Belgorod,  drones" → ["drones", "Belgorod"] (order kept, no repeats)."""
    tags: list[str] = []
    for part in text.split(","):
        tag = " ".join(part.split())
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def set_tags(session: Session, claim_id: str, tags: Sequence[str]) -> Changes:
    return _set(session, claim_id, "tags", list(tags),
                f"Edit tags of claim {session.number(claim_id)}", typing=True)


# ---------------------------------------------------------------- checkables


def set_checked(session: Session, claim_id: str, checkable_id: str, checked: bool) -> Changes:
    k = session.checkable(claim_id, checkable_id)
    if k is None or k.checked == checked:
        return _nothing()
    verb = "Tick" if checked else "Untick"
    session.undo_stack.push(SetChecked(
        session, claim_id, checkable_id, checked,
        f"{verb} “{_short(k.text)}” in claim {session.number(claim_id)}"))
    return Changes(claims=(claim_id,), select=claim_id)


def add_checkable(session: Session, claim_id: str | None, span: tuple[int, int] | None,
                  kind: CheckableType, claim_at: Claim | None = None) -> Changes:
    """A checkable of ``kind`` over the selected words, in the claim they lie in.

    ``claim_id`` is the selected claim; ``claim_at`` the claim under the
    selection, used when the selection is not inside the selected claim.
    """
    text = session.worksheet.article.text
    claim = _claim(session, claim_id)
    if span is None:
        return _nothing("Select the words to check in the article first")
    if claim is None or not claim.start <= span[0] < claim.end:
        claim = claim_at or claim
    if claim is None:
        return _nothing("Select a claim first")
    try:
        checkable = edits.new_checkable(text, claim, span[0], span[1], kind)
    except edits.EditError as exc:
        return _nothing(str(exc))
    session.undo_stack.push(AddCheckable(
        session, claim.id, checkable,
        f"Add {kind.value} “{_short(checkable.text)}” to claim {claim.number}"))
    return Changes(claims=(claim.id,), select=claim.id)


def delete_checkable(session: Session, claim_id: str, checkable_id: str) -> Changes:
    k = session.checkable(claim_id, checkable_id)
    if k is None:
        return _nothing("That checkable is no longer in the worksheet")
    session.undo_stack.push(RemoveCheckable(
        session, claim_id, k,
        f"Delete {k.type.value} “{_short(k.text)}” from claim {session.number(claim_id)}"))
    return Changes(claims=(claim_id,), select=claim_id)


def retype_checkable(session: Session, claim_id: str, checkable_id: str,
                     kind: CheckableType) -> Changes:
    k = session.checkable(claim_id, checkable_id)
    if k is None or k.type == kind:
        return _nothing()
    session.undo_stack.push(ReplaceCheckable(
        session, claim_id, edits.retyped_checkable(k, kind),
        f"Make “{_short(k.text)}” in claim {session.number(claim_id)} a "
        f"{CHECKABLE_STYLES[kind].name}"))
    return Changes(claims=(claim_id,), select=claim_id)


def next_type(kind: CheckableType) -> CheckableType:
    """The type after ``kind``, wrapping (the T key cycles through them)."""
    kinds = list(CheckableType)
    return kinds[(kinds.index(kind) + 1) % len(kinds)]


def respan_checkable(session: Session, claim_id: str, checkable_id: str,
                     span: tuple[int, int] | None) -> Changes:
    """Move a checkable onto the selected words (a mis-cut "12 dron" becomes "12 drones")."""
    k = session.checkable(claim_id, checkable_id)
    claim = session.claim(claim_id)
    if k is None or claim is None:
        return _nothing("That checkable is no longer in the worksheet")
    if span is None:
        return _nothing("Select the checkable's words in the article first")
    try:
        new = edits.respanned_checkable(session.worksheet.article.text, claim, k, *span)
    except edits.EditError as exc:
        return _nothing(str(exc))
    if (new.start, new.end) == (k.start, k.end):
        return _nothing()
    session.undo_stack.push(ReplaceCheckable(
        session, claim_id, new,
        f"Change “{_short(k.text)}” to “{_short(new.text)}” in claim {claim.number}"))
    return Changes(claims=(claim_id,), select=claim_id)


# ---------------------------------------------------------------- claims


def add_claim(session: Session, span: tuple[int, int] | None) -> Changes:
    if span is None:
        return _nothing("Select some text in the article first")
    try:
        claim = edits.new_manual_claim(session.worksheet.article.text, *span)
    except edits.EditError as exc:
        return _nothing(str(exc))
    session.undo_stack.push(ChangeClaims(session, f"Add claim “{_short(claim.quote)}”",
                                         inserted=[claim], select=claim.id))
    return Changes(claims=(claim.id,), select=claim.id)


def delete_claim(session: Session, claim_id: str) -> Changes:
    claim = session.claim(claim_id)
    if claim is None:
        return _nothing("That claim is no longer in the worksheet")
    claims = session.worksheet.claims
    row = session.row_of(claim_id)
    neighbour = claims[row + 1] if row + 1 < len(claims) else (claims[row - 1] if row else None)
    select = neighbour.id if neighbour else None
    session.undo_stack.push(ChangeClaims(session, f"Delete claim {claim.number}",
                                         removed=[claim], select=select))
    return Changes(claims=(claim_id,), select=select)


def merge_with_next(session: Session, claim_id: str) -> Changes:
    claims = session.worksheet.claims
    row = session.row_of(claim_id)
    if row < 0:
        return _nothing("That claim is no longer in the worksheet")
    if row + 1 >= len(claims):
        return _nothing("The last claim has no next claim to merge with")
    first, second = claims[row], claims[row + 1]
    merged = edits.merge_claims(session.worksheet.article.text, first, second)
    session.undo_stack.push(ChangeClaims(
        session, f"Merge claims {first.number} and {second.number}", removed=[second],
        replaced=[(first, merged)], select=first.id))
    return Changes(claims=(first.id, second.id), select=first.id)


def split_claim(session: Session, claim_id: str, at: int) -> Changes:
    claim = session.claim(claim_id)
    if claim is None:
        return _nothing("That claim is no longer in the worksheet")
    try:
        first, second = edits.split_claim(session.worksheet.article.text, claim, at)
    except edits.EditError as exc:
        return _nothing(str(exc))
    session.undo_stack.push(ChangeClaims(session, f"Split claim {claim.number}",
                                         replaced=[(claim, first)], inserted=[second],
                                         select=claim.id))
    return Changes(claims=(claim.id, second.id), select=claim.id)


def add_extracted(session: Session, claims: list[Claim], run: object, total: int) -> Changes:
    """Claims of one piece of a streamed extraction; the pieces of one run are one step."""
    if not claims:
        return _nothing()
    session.undo_stack.push(ChangeClaims(session, f"Extract {total} claims",
                                         inserted=claims, merge_key=run))
    return Changes(claims=tuple(c.id for c in claims))


def apply_extraction(session: Session, claims: list[Claim], select: str | None) -> Changes:
    """A finished extraction: the first one as is, a re-run merged with the checker's work."""
    ws = session.worksheet
    if not ws.claims:
        if not claims:
            return _nothing()
        session.undo_stack.push(ChangeClaims(session, f"Extract {len(claims)} claims",
                                             inserted=edits.sorted_claims(claims)))
        return Changes(claims=tuple(c.id for c in claims))
    merged = edits.merge_reextraction(ws.article.text, ws.claims, claims)
    old = {c.id: c for c in ws.claims}
    new_ids = {c.id for c in merged}
    removed = [c for c in ws.claims if c.id not in new_ids]
    inserted = [c for c in merged if c.id not in old]
    replaced = [(old[c.id], c) for c in merged if c.id in old]
    session.undo_stack.push(ChangeClaims(session, "Re-run extraction", removed=removed,
                                         inserted=inserted, replaced=replaced, select=select))
    return Changes(claims=tuple(new_ids | set(old)), select=select)


# ---------------------------------------------------------------- sources


def _citations_with(claim: Claim, source_id: str, stance: Stance) -> list[Citation]:
    """The claim's citations with ``source_id`` added, or its stance changed in place."""
    out = [replace(c) for c in claim.citations]
    for c in out:
        if c.source_id == source_id:
            c.stance = stance
            return out
    out.append(Citation(source_id, stance))
    return out


def save_source(session: Session, claim_id: str, source: Source, stance: Stance) -> Changes:
    """A new source cited by the claim, or an edited one (and its stance on the claim)."""
    claim = session.claim(claim_id)
    if claim is None:
        return _nothing("That claim is no longer in the worksheet")
    known = session.source_row(source.id) >= 0
    citations = {claim_id: _citations_with(claim, source.id, stance)}
    text = (f"Edit source of claim {claim.number}" if known
            else f"Add source to claim {claim.number}")
    session.undo_stack.push(EditSources(session, text, added=[] if known else [source],
                                        edited=[source] if known else [],
                                        citations=citations))
    return Changes(claims=(claim_id,), select=claim_id, sources=(source.id,))


def cite_source(session: Session, claim_id: str, source_id: str, stance: Stance) -> Changes:
    """Cite a source the worksheet already has (one ministry statement, five claims)."""
    claim = session.claim(claim_id)
    if claim is None or session.source_row(source_id) < 0:
        return _nothing("That claim or source is no longer in the worksheet")
    if any(c.source_id == source_id and c.stance == stance for c in claim.citations):
        return _nothing()
    title = _short(session.worksheet.source(source_id).title or "source", 30)
    verb = "Cite" if not any(c.source_id == source_id for c in claim.citations) else "Re-cite"
    session.undo_stack.push(EditSources(
        session, f"{verb} “{title}” in claim {claim.number}",
        citations={claim_id: _citations_with(claim, source_id, stance)}))
    return Changes(claims=(claim_id,), select=claim_id, sources=(source_id,))


def set_stance(session: Session, claim_id: str, source_id: str, stance: Stance) -> Changes:
    claim = session.claim(claim_id)
    if claim is None or not any(c.source_id == source_id for c in claim.citations) \
            or any(c.source_id == source_id and c.stance == stance for c in claim.citations):
        return _nothing()
    session.undo_stack.push(EditSources(
        session, f"Set stance of source in claim {claim.number}",
        citations={claim_id: _citations_with(claim, source_id, stance)}))
    return Changes(claims=(claim_id,), select=claim_id, sources=(source_id,))


def uncite_source(session: Session, claim_id: str, source_id: str) -> Changes:
    claim = session.claim(claim_id)
    if claim is None or not any(c.source_id == source_id for c in claim.citations):
        return _nothing()
    session.undo_stack.push(EditSources(
        session, f"Remove source from claim {claim.number}",
        citations={claim_id: [c for c in claim.citations if c.source_id != source_id]}))
    return Changes(claims=(claim_id,), select=claim_id, sources=(source_id,))


def edit_source(session: Session, source: Source) -> Changes:
    """New details for a source (from the Sources panel: every claim citing it sees them)."""
    row = session.source_row(source.id)
    if row < 0 or session.worksheet.sources[row] == source:
        return _nothing()
    session.undo_stack.push(EditSources(session, f"Edit source “{_short(source.title, 30)}”",
                                        edited=[source]))
    return Changes(sources=(source.id,))


def delete_source(session: Session, source_id: str) -> Changes:
    """Remove a source from the worksheet and from every claim that cites it.

    Its evidence goes with it, unless another source cites the same file.
    """
    row = session.source_row(source_id)
    if row < 0:
        return _nothing()
    source = session.worksheet.sources[row]
    citing = {c.id: [x for x in c.citations if x.source_id != source_id]
              for c in session.worksheet.claims
              if any(x.source_id == source_id for x in c.citations)}
    kept = session.worksheet.evidence_of(source_id)
    orphans = [e for e in kept if e.sources == [source_id]]
    links = {e.sha256: [s for s in e.sources if s != source_id] for e in kept
             if e not in orphans}
    session.undo_stack.push(EditSources(
        session, f"Delete source “{_short(source.title or source.url or 'untitled', 30)}”",
        removed=[source], citations=citing, evidence_removed=orphans, evidence_links=links))
    return Changes(claims=tuple(citing), sources=(source_id,))


def source_key(source: Source) -> str:
    """What makes two sources the same: the address (scheme and host in any case, no
    trailing slash or #fragment), or without one the title and publisher; "" for neither."""
    url = source.url.strip()
    if url:
        parts = urlsplit(url)
        return "url:" + urlunsplit((parts.scheme.lower(), parts.netloc.lower(),
                                    parts.path.rstrip("/"), parts.query, ""))
    title = " ".join(source.title.split()).casefold()
    publisher = " ".join(source.publisher.split()).casefold()
    return f"title:{title}|{publisher}" if title else ""


def copy_sources(session: Session, claim_id: str, sources: Sequence[tuple[Source, Stance]],
                 origin: str) -> Changes:
    """Cite another worksheet's sources in a claim (a "Checked before" match), one step.

    A source already in this worksheet (same address, see :func:`source_key`) is
    cited as it is rather than added twice; a source the claim already cites
    keeps the stance the checker gave it. ``origin`` names where they come from
    in the Edit menu ("Copy 2 sources from “Drones over Belgorod” to claim 3").
    """
    claim = session.claim(claim_id)
    if claim is None:
        return _nothing("That claim is no longer in the worksheet")
    known = {source_key(s): s.id for s in session.worksheet.sources}
    ids = {s.id for s in session.worksheet.sources}
    added: list[Source] = []
    citations = [replace(c) for c in claim.citations]
    cited = {c.source_id for c in citations}
    for source, stance in sources:
        key = source_key(source)
        if not key:
            continue  # neither an address nor a title: nothing a reader could look up
        source_id = known.get(key)
        if source_id is None:
            new = replace(source, id=new_id("s")) if source.id in ids else replace(source)
            added.append(new)
            known[key] = source_id = new.id
            ids.add(new.id)
        if source_id not in cited:
            citations.append(Citation(source_id, stance))
            cited.add(source_id)
    count = len(citations) - len(claim.citations)
    if not count:
        return _nothing(f"Claim {claim.number} already cites every source of that match")
    plural = "" if count == 1 else "s"
    newly_cited = tuple(c.source_id for c in citations[-count:])
    session.undo_stack.push(EditSources(
        session, f"Copy {count} source{plural} from “{_short(origin, 30)}” to claim {claim.number}",
        added=added, citations={claim_id: citations}))
    return Changes(claims=(claim_id,), select=claim_id, sources=newly_cited)


# ---------------------------------------------------------------- evidence


def _names(records: Sequence[Evidence]) -> str:
    if len(records) == 1:
        return f"“{_short(records[0].name, 30)}”"
    return f"{len(records)} files"


def attach_evidence(session: Session, captured: Sequence[Captured], *,
                    source_id: str | None = None, claim_id: str | None = None) -> Changes:
    """Attach captured files (already in the worksheet's locker) to a source, one step.

    With ``source_id`` the files become evidence of that source. With only
    ``claim_id`` a new source is made from the first file (its title, where it
    was found) and cited by the claim, and the files become its evidence. An
    identical file already kept is linked, not stored again.
    """
    if not captured:
        return _nothing()
    records = [c.record for c in captured]
    ws = session.worksheet
    added_source: list[Source] = []
    citations: dict[str, list[Citation]] = {}
    claim = _claim(session, claim_id)
    if source_id is not None and session.source_row(source_id) >= 0:
        target = ws.source(source_id)
        where = f"source “{_short(target.title or target.url or 'untitled', 30)}”"
    elif claim is not None:
        target = evidence.source_for(captured[0])
        added_source = [target]
        citations = {claim.id: _citations_with(claim, target.id, Stance.CONTEXT)}
        where = f"claim {claim.number} (new source)"
    else:
        return _nothing("Select a claim or a source to attach evidence to")
    new, relinked = evidence.merged_records(ws, records, target.id)
    problem = evidence.total_problem(ws, sum(r.size for r in new), len(new))
    if problem is not None:
        return _nothing(f"Cannot attach {_names(records)}: {problem}")
    if not new and not relinked and not added_source:
        return _nothing(f"{_names(records).capitalize()} already attached there")
    session.undo_stack.push(EditSources(
        session, f"Attach {_names(records)} to {where}", added=added_source,
        citations=citations, evidence_added=new, evidence_links=relinked))
    return Changes(claims=tuple(citations), select=claim.id if claim else None,
                   sources=(target.id,))


def detach_evidence(session: Session, sha256: str, source_id: str | None = None) -> Changes:
    """Unlink evidence from one source, or (without ``source_id``) remove it; one step.

    A file no source cites any more is removed from the worksheet; its bytes
    stay in the locker until the worksheet closes, so Undo brings it back.
    """
    row = session.evidence_row(sha256)
    if row < 0:
        return _nothing("That evidence is no longer in the worksheet")
    item = session.worksheet.evidence[row]
    rest = [] if source_id is None else [s for s in item.sources if s != source_id]
    if rest == item.sources:
        return _nothing()
    if rest:
        session.undo_stack.push(EditSources(session, f"Detach “{_short(item.name, 30)}”",
                                            evidence_links={sha256: rest}))
    else:
        session.undo_stack.push(EditSources(session, f"Remove evidence “{_short(item.name, 30)}”",
                                            evidence_removed=[item]))
    return Changes(sources=tuple(item.sources))


# ---------------------------------------------------------------- article and worksheet


ARTICLE_FIELDS = ("title", "outlet", "author", "url", "published", "language")


def set_article_details(session: Session, article: Article) -> Changes:
    old = session.worksheet.article
    if all(getattr(old, name) == getattr(article, name) for name in ARTICLE_FIELDS):
        return _nothing()
    session.undo_stack.push(SetArticle(session, article, "Edit article details"))
    return Changes()


def set_worksheet_details(session: Session, checker: str, reviewer: str,
                          notes: str) -> Changes:
    """Who checked, who reviewed, and the worksheet's notes (one undo step)."""
    values = {"checker": " ".join(checker.split()), "reviewer": " ".join(reviewer.split()),
              "notes": notes.strip()}
    ws = session.worksheet
    changed = {k: v for k, v in values.items() if getattr(ws, k) != v}
    if not changed:
        return _nothing()
    session.undo_stack.push(SetWorksheetFields(session, changed, "Edit worksheet details"))
    return Changes()
