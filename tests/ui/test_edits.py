"""The pure structural edits behind merge, split, re-extract and hand-made claims."""

from __future__ import annotations

import pytest

from app.document import edits
from app.document.anchors import make_anchor
from app.document.model import (
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Origin,
    Sourcing,
    Stance,
    Status,
    Verdict,
)

TEXT = "Officials said seven drones fell on Monday. Insiders claim 40 more were launched. Quiet."


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def claim(phrase: str, **kw: object) -> Claim:
    return Claim(anchor=make_anchor(TEXT, *span(phrase)), **kw)  # type: ignore[arg-type]


def test_manual_claim_trims_whitespace_and_is_manual() -> None:
    start, end = span(" Insiders claim 40 more were launched. ")
    c = edits.new_manual_claim(TEXT, start, end)
    assert c.quote == "Insiders claim 40 more were launched."
    assert c.origin == Origin.MANUAL
    with pytest.raises(edits.EditError):
        edits.new_manual_claim(TEXT, 5, 5)


def test_checkable_must_lie_inside_its_claim() -> None:
    c = claim("Officials said seven drones fell on Monday.")
    k = edits.new_checkable(TEXT, c, *span("Monday"), CheckableType.DATE)
    assert (k.text, k.type) == ("Monday", CheckableType.DATE)
    grown = edits.with_checkable_added(c, k)
    assert [x.text for x in grown.checkables] == ["Monday"] and c.checkables == []
    with pytest.raises(edits.EditError):
        edits.new_checkable(TEXT, c, *span("Insiders"), CheckableType.ACTOR)


def test_merge_keeps_all_user_work() -> None:
    a = claim("Officials said seven drones fell on Monday.", verdict=Verdict.FALSE,
              status=Status.CHECKED, rationale="one", citations=[Citation("s-1", Stance.REFUTES)],
              sourcing=Sourcing.NAMED)
    b = claim("Insiders claim 40 more were launched.", rationale="two", hedged=True,
              citations=[Citation("s-2")], status=Status.IN_PROGRESS)
    merged = edits.with_claims_merged(TEXT, [a, b], a.id, b.id)
    assert len(merged) == 1
    m = merged[0]
    assert m.id == a.id and m.quote.startswith("Officials") and m.quote.endswith("launched.")
    assert m.verdict == Verdict.FALSE and m.hedged and m.sourcing == Sourcing.NAMED
    assert m.status == Status.IN_PROGRESS  # the less advanced one: merged claims need a look
    assert m.rationale == "one\n\ntwo"
    assert [c.source_id for c in m.citations] == ["s-1", "s-2"]
    assert a.quote == "Officials said seven drones fell on Monday."  # inputs untouched


def test_split_divides_span_and_checkables() -> None:
    whole = "Officials said seven drones fell on Monday. Insiders claim 40 more were launched."
    c = claim(whole, verdict=Verdict.TRUE, checkables=[
        Checkable(CheckableType.DATE, *span("Monday"), "Monday"),
        Checkable(CheckableType.COUNT, *span("40"), "40")])
    at = TEXT.index(" Insiders")
    result = edits.with_claim_split(TEXT, [c], c.id, at)
    assert [x.quote for x in result] == ["Officials said seven drones fell on Monday.",
                                        "Insiders claim 40 more were launched."]
    assert result[0].id == c.id and result[1].id != c.id
    assert [k.text for k in result[0].checkables] == ["Monday"]
    assert [k.text for k in result[1].checkables] == ["40"]
    assert result[1].verdict == Verdict.TRUE
    with pytest.raises(edits.EditError):
        edits.with_claim_split(TEXT, [c], c.id, c.start)


def test_reextraction_keeps_user_work_by_anchor() -> None:
    worked = claim("Officials said seven drones fell on Monday.", verdict=Verdict.FALSE,
                   rationale="checked the ministry feed", sourcing=Sourcing.NONE,
                   checkables=[Checkable(CheckableType.DATE, *span("Monday"), "Monday",
                                         checked=True)])
    untouched = claim("Insiders claim 40 more were launched.")
    manual = claim("Quiet.", origin=Origin.MANUAL, rationale="mine")
    # The new run finds a slightly longer first claim, the second unchanged, not "Quiet."
    new_first = Claim(anchor=make_anchor(TEXT, *span("Officials said seven drones fell on Monday")),
                      sourcing=Sourcing.NAMED,
                      checkables=[Checkable(CheckableType.DATE, *span("Monday"), "Monday",
                                            value="2024-10-14")])
    new_second = claim("Insiders claim 40 more were launched.", hedged=True)
    result = edits.merge_reextraction(TEXT, [worked, untouched, manual], [new_first, new_second])
    assert [c.quote for c in result] == ["Officials said seven drones fell on Monday",
                                        "Insiders claim 40 more were launched.", "Quiet."]
    first, second, third = result
    assert first.id == worked.id and first.verdict == Verdict.FALSE
    assert first.rationale == "checked the ministry feed"
    assert first.sourcing == Sourcing.NONE  # the checker's correction wins
    assert first.checkables[0].checked and first.checkables[0].value == "2024-10-14"
    assert second.id == untouched.id and second.hedged  # no user work: new analysis wins
    assert third.id == manual.id and third.rationale == "mine"


def test_reextraction_drops_untouched_claims_that_vanished() -> None:
    gone = claim("Quiet.")
    assert edits.merge_reextraction(TEXT, [gone], []) == []


def test_claim_at_offset_prefers_shortest() -> None:
    outer = claim("Officials said seven drones fell on Monday.")
    inner = claim("seven drones")
    assert edits.claim_at_offset([outer, inner], TEXT.index("drones")) is inner
    assert edits.claim_at_offset([outer, inner], TEXT.index("Monday")) is outer
    assert edits.claim_at_offset([outer], len(TEXT) - 1) is None
