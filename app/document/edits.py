"""Structural edits of a worksheet's claims, as pure functions.

The window's undo commands need operations that the plain model does not
offer (merge two claims, split one, re-run extraction without losing the
checker's work, add a claim or checkable from a selection). They live here,
free of Qt, so they can be unit-tested and reused by the command line.

Every function returns *new* objects and leaves its inputs untouched: an undo
command keeps the list before and the list after and swaps between them, so
a claim object that an older command still holds must never change behind its
back.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from app.document.anchors import Anchor, make_anchor, reanchor
from app.document.model import (
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Origin,
    Sourcing,
    Status,
    new_id,
)

_SOURCING_STRENGTH = {Sourcing.NAMED: 2, Sourcing.UNNAMED: 1, Sourcing.NONE: 0}


class EditError(ValueError):
    """An edit that cannot be made; the message is meant for the user."""


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without leading/trailing whitespace, so a sloppy selection anchors cleanly."""
    if start > end:
        start, end = end, start
    start = max(0, start)
    end = min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_WORD_JOINERS = "-'’_."


def _in_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to a word: letters and digits, and a hyphen,
    apostrophe or point between two of them ("S-300", "don't", "3.5")."""
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if ch.isalnum():
        return True
    return (ch in _WORD_JOINERS and 0 < i < len(text) - 1
            and text[i - 1].isalnum() and text[i + 1].isalnum())


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to whole words at both ends, without surrounding whitespace.

    A selection dragged with the mouse often stops inside a word ("Russian
    officials h"); a claim or checkable anchored there would read as a typo in
    every report. The span only grows to the word it cuts, never shrinks into
    the checker's text (apart from whitespace).
    """
    start, end = trimmed_span(text, start, end)
    if start >= end:
        return start, end
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end) and _in_word(text, end - 1):
        end += 1
    return start, end


def sorted_claims(claims: Iterable[Claim]) -> list[Claim]:
    """Claims in reading order, which is the order the checklist numbers them in."""
    return sorted(claims, key=lambda c: (c.anchor.start, c.anchor.end))


def claim_at_offset(claims: Sequence[Claim], offset: int) -> Claim | None:
    """The (shortest) claim whose span contains ``offset``, or None."""
    best: Claim | None = None
    for claim in claims:
        if claim.start <= offset < claim.end and (
            best is None or claim.end - claim.start < best.end - best.start
        ):
            best = claim
    return best


def new_manual_claim(text: str, start: int, end: int) -> Claim:
    """A claim the checker marked by hand over ``text[start:end]`` (snapped to words)."""
    start, end = snap_to_words(text, start, end)
    if start >= end:
        raise EditError("Select some text in the article first")
    return Claim(anchor=make_anchor(text, start, end), origin=Origin.MANUAL, worthiness=0.0)


def with_claim_added(claims: Sequence[Claim], claim: Claim) -> list[Claim]:
    return sorted_claims([*claims, claim])


def with_claim_removed(claims: Sequence[Claim], claim_id: str) -> list[Claim]:
    kept = [c for c in claims if c.id != claim_id]
    if len(kept) == len(claims):
        raise EditError("That claim is no longer in the worksheet")
    return kept


def _clone(claim: Claim) -> Claim:
    return copy.deepcopy(claim)


def new_checkable(text: str, claim: Claim, start: int, end: int,
                  kind: CheckableType) -> Checkable:
    """A hand-marked checkable (snapped to words); it must lie inside its claim."""
    start, end = snap_to_words(text, start, end)
    if start >= end:
        raise EditError("Select the words to check in the article first")
    if start < claim.start or end > claim.end:
        raise EditError("The selection lies outside the selected claim")
    return Checkable(type=kind, start=start, end=end, text=text[start:end],
                     attributes={"origin": Origin.MANUAL.value})


def with_checkable_added(claim: Claim, checkable: Checkable) -> Claim:
    """A copy of ``claim`` with one more checkable, kept in text order."""
    result = _clone(claim)
    result.checkables.append(checkable)
    result.checkables.sort(key=lambda k: (k.start, k.end))
    return result


def respanned_checkable(text: str, claim: Claim, checkable: Checkable, start: int,
                        end: int) -> Checkable:
    """A copy of ``checkable`` over ``text[start:end]`` (snapped to words), inside ``claim``.

    The old normalized value described the old words, so it is dropped unless
    the words are the same; the tick and the note stay (the checker's work).
    """
    start, end = snap_to_words(text, start, end)
    if start >= end:
        raise EditError("Select the words of the checkable in the article first")
    if start < claim.start or end > claim.end:
        raise EditError("The selection lies outside the checkable's claim")
    result = copy.deepcopy(checkable)
    result.start, result.end, result.text = start, end, text[start:end]
    if result.text != checkable.text:
        result.value = None
        result.attributes = {k: v for k, v in result.attributes.items() if k == "origin"}
    return result


def retyped_checkable(checkable: Checkable, kind: CheckableType) -> Checkable:
    """A copy of ``checkable`` of another type; a value normalized for the old type goes."""
    result = copy.deepcopy(checkable)
    if kind != checkable.type:
        result.type = kind
        result.value = None
        result.attributes = {k: v for k, v in result.attributes.items() if k == "origin"}
    return result


def _union_citations(*lists: Iterable[Citation]) -> list[Citation]:
    seen: set[str] = set()
    out: list[Citation] = []
    for citations in lists:
        for citation in citations:
            if citation.source_id not in seen:
                seen.add(citation.source_id)
                out.append(Citation(citation.source_id, citation.stance))
    return out


def _union_strings(*lists: Iterable[str]) -> list[str]:
    out: list[str] = []
    for items in lists:
        for item in items:
            if item not in out:
                out.append(item)
    return out


def merge_claims(text: str, first: Claim, second: Claim) -> Claim:
    """One claim covering both, keeping every piece of the checker's work.

    The merged claim keeps the first claim's id (so a selection survives), the
    first verdict that is set, the less advanced status (a merged claim needs
    another look), both rationales and all citations, checkables and tags.
    """
    a, b = sorted((first, second), key=lambda c: (c.start, c.end))
    start, end = min(a.start, b.start), max(a.end, b.end)
    sourcing = max((a.sourcing, b.sourcing), key=_SOURCING_STRENGTH.__getitem__)
    statuses = list(Status)
    rationale = "\n\n".join(r for r in (a.rationale.strip(), b.rationale.strip()) if r)
    checkables = {k.id: k for k in copy.deepcopy(a.checkables + b.checkables)}
    return Claim(
        anchor=make_anchor(text, start, end),
        worthiness=max(a.worthiness, b.worthiness),
        sourcing=sourcing,
        source_name=a.source_name or b.source_name,
        hedged=a.hedged or b.hedged,
        hedges=_union_strings(a.hedges, b.hedges),
        checkables=sorted(checkables.values(), key=lambda k: (k.start, k.end)),
        verdict=first.verdict if first.verdict is not None else second.verdict,
        status=min(a.status, b.status, key=statuses.index),
        rationale=rationale,
        citations=_union_citations(a.citations, b.citations),
        tags=_union_strings(a.tags, b.tags),
        origin=Origin.MANUAL if Origin.MANUAL in (a.origin, b.origin) else Origin.EXTRACTED,
        number=first.number,
        id=first.id,
    )


def with_claims_merged(text: str, claims: Sequence[Claim], first_id: str,
                       second_id: str) -> list[Claim]:
    if first_id == second_id:
        raise EditError("Choose two different claims to merge")
    by_id = {c.id: c for c in claims}
    if first_id not in by_id or second_id not in by_id:
        raise EditError("That claim is no longer in the worksheet")
    merged = merge_claims(text, by_id[first_id], by_id[second_id])
    rest = [c for c in claims if c.id not in (first_id, second_id)]
    return sorted_claims([*rest, merged])


def split_claim(text: str, claim: Claim, at: int) -> tuple[Claim, Claim]:
    """Two claims, before and after offset ``at``; both keep the checker's work.

    Checkables go to the side they start on, so one that straddles the cut
    stays whole on the first part (its offsets stay true to the article).
    The first part keeps the claim's id and number; the second is a new claim.
    Sourcing and hedging are read again from each part's own words
    (:func:`app.extract.reread.reread`): the part without the hedge word is
    not hedged, the part without the attribution has none.
    """
    from app.extract.reread import reread

    s1, e1 = trimmed_span(text, claim.start, at)
    s2, e2 = trimmed_span(text, at, claim.end)
    if not (claim.start < at < claim.end) or s1 >= e1 or s2 >= e2:
        raise EditError("Put the cursor inside the claim, between two words, to split it")
    first = _clone(claim)
    second = _clone(claim)
    first.anchor = make_anchor(text, s1, e1)
    second.anchor = make_anchor(text, s2, e2)
    first.checkables = [k for k in first.checkables if k.start < at]
    second.checkables = [k for k in second.checkables if k.start >= at]
    second.id = new_id("c")
    second.number = 0
    for k in second.checkables:
        k.id = new_id("k")
    for part in (first, second):
        reread(part, claim)
    return first, second


def with_claim_split(text: str, claims: Sequence[Claim], claim_id: str,
                     at: int) -> list[Claim]:
    by_id = {c.id: c for c in claims}
    if claim_id not in by_id:
        raise EditError("That claim is no longer in the worksheet")
    first, second = split_claim(text, by_id[claim_id], at)
    rest = [c for c in claims if c.id != claim_id]
    return sorted_claims([*rest, first, second])


def has_user_work(claim: Claim) -> bool:
    """True when the checker has put anything into the claim that extraction cannot redo."""
    return bool(
        claim.verdict is not None
        or claim.status != Status.TODO
        or claim.rationale.strip()
        or claim.citations
        or claim.tags
        or claim.origin == Origin.MANUAL
        or any(k.checked or k.note for k in claim.checkables)
    )


def _overlap(a: Anchor, b: Anchor) -> float:
    """Overlap of two spans as a share of the longer one (0 when disjoint)."""
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / max(a.end - a.start, b.end - b.start, 1)


def _match_old_claims(text: str, old: Sequence[Claim],
                      new: Sequence[Claim]) -> dict[int, Claim]:
    """Map index of a new claim to the old claim it continues (by anchor)."""
    matches: dict[int, Claim] = {}
    used: set[str] = set()
    anchors = {}
    for claim in old:
        found = reanchor(claim.anchor, text)
        anchors[claim.id] = found if found is not None else claim.anchor
    # Exact spans first, then the best overlap of at least a half.
    by_span = {(anchors[c.id].start, anchors[c.id].end): c for c in old}
    for i, claim in enumerate(new):
        hit = by_span.get((claim.start, claim.end))
        if hit is not None and hit.id not in used:
            matches[i] = hit
            used.add(hit.id)
    for i, claim in enumerate(new):
        if i in matches:
            continue
        best, best_score = None, 0.5
        for candidate in old:
            if candidate.id in used:
                continue
            score = _overlap(anchors[candidate.id], claim.anchor)
            if score >= best_score:
                best, best_score = candidate, score
        if best is not None:
            matches[i] = best
            used.add(best.id)
    return matches


def _carry_checkables(old: Claim, fresh: Claim) -> list[Checkable]:
    """New checkables with old ticks and notes; old hand-made or ticked ones kept."""
    result = copy.deepcopy(fresh.checkables)
    old_by_span = {(k.type, k.start, k.end): k for k in old.checkables}
    taken: set[str] = set()
    for k in result:
        prev = old_by_span.get((k.type, k.start, k.end))
        if prev is not None:
            k.checked, k.note, k.id = prev.checked, prev.note, prev.id
            taken.add(prev.id)
    for prev in old.checkables:
        if prev.id in taken:
            continue
        manual = prev.attributes.get("origin") == Origin.MANUAL.value
        if (manual or prev.checked or prev.note) and fresh.start <= prev.start < fresh.end:
            result.append(copy.deepcopy(prev))
    result.sort(key=lambda k: (k.start, k.end))
    return result


def merge_reextraction(text: str, old: Sequence[Claim], new: Sequence[Claim]) -> list[Claim]:
    """The claims after re-running extraction, keeping everything the checker entered.

    New claims that continue an old one (same span, or overlapping by at least
    half) take over its id, verdict, status, rationale, citations, tags and
    checkable ticks; when the checker had worked on it, their sourcing and
    hedging corrections win too. Old claims with user work and no successor are
    kept as they are, so nothing typed by a person is ever dropped.
    """
    matches = _match_old_claims(text, old, new)
    result: list[Claim] = []
    continued: set[str] = set()
    for i, fresh in enumerate(new):
        claim = copy.deepcopy(fresh)
        prev = matches.get(i)
        if prev is not None:
            continued.add(prev.id)
            claim.id = prev.id
            claim.number = prev.number
            claim.verdict = prev.verdict
            claim.status = prev.status
            claim.rationale = prev.rationale
            claim.citations = [Citation(c.source_id, c.stance) for c in prev.citations]
            claim.tags = list(prev.tags)
            claim.origin = prev.origin
            claim.checkables = _carry_checkables(prev, fresh)
            if has_user_work(prev):
                claim.sourcing, claim.source_name = prev.sourcing, prev.source_name
                claim.hedged, claim.hedges = prev.hedged, list(prev.hedges)
        result.append(claim)
    for prev in old:
        if prev.id not in continued and has_user_work(prev):
            kept = copy.deepcopy(prev)
            found = reanchor(prev.anchor, text)
            if found is not None:
                kept.anchor = found
            result.append(kept)
    return sorted_claims(result)
