"""Stable claim numbers, word-snapped spans, checkable edits and split re-reading."""

from __future__ import annotations

from app.document import edits
from app.document.anchors import make_anchor
from app.document.fileformat import dumps, parse_document, worksheet_from_dict
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Claim,
    Sourcing,
    Worksheet,
)

TEXT = ("Russian officials have said that 12 drones were shot down over Belgorod, "
        "and three more may have fallen near Kursk. Insiders suggest the S-300 failed.")


def claim(phrase: str, **kw: object) -> Claim:
    start = TEXT.index(phrase)
    return Claim(anchor=make_anchor(TEXT, start, start + len(phrase)), **kw)  # type: ignore[arg-type]


def test_numbers_are_given_once_and_never_reused() -> None:
    a, b, c = claim("Russian officials"), claim("12 drones"), claim("Insiders suggest")
    ws = Worksheet(Article(TEXT), claims=[a, b, c])
    assert [n for n, _ in ws.numbered_claims()] == [1, 2, 3]
    ws.claims.remove(c)  # claim 3 deleted
    d = claim("three more")
    ws.claims.insert(1, d)
    ws.assign_numbers()
    assert (a.number, d.number, b.number) == (1, 4, 2)  # 3 is not given again
    again = worksheet_from_dict(parse_document(dumps(ws).encode("utf-8")))
    assert [x.number for x in again.claims] == [1, 4, 2] and again.next_number == 5
    again.claims.append(claim("the S-300 failed"))
    again.assign_numbers()
    assert again.claims[-1].number == 5


def test_old_files_get_numbers_in_reading_order() -> None:
    ws = Worksheet(Article(TEXT), claims=[claim("Russian officials"), claim("12 drones")])
    text = dumps(ws)
    document = parse_document(text.encode("utf-8"))
    for c in document["claims"]:
        del c["number"]
    del document["next_claim_number"]
    old = worksheet_from_dict(document)
    assert [c.number for c in old.claims] == [1, 2] and old.next_number == 3


def test_selections_snap_to_whole_words() -> None:
    start = TEXT.index("officials h")
    assert TEXT[slice(*edits.snap_to_words(TEXT, start - 3, start + 11))] == \
        "Russian officials have"
    s300 = TEXT.index("S-300")
    assert TEXT[slice(*edits.snap_to_words(TEXT, s300 + 1, s300 + 3))] == "S-300"
    made = edits.new_manual_claim(TEXT, 2, TEXT.index(" said") - 2)
    assert made.quote == "Russian officials have"


def test_checkables_can_be_retyped_and_respanned() -> None:
    c = claim("12 drones were shot down over Belgorod")
    k = Checkable(CheckableType.ACTOR, TEXT.index("Belgorod"), TEXT.index("Belgorod") + 8,
                  "Belgorod", value="x", checked=True)
    retyped = edits.retyped_checkable(k, CheckableType.LOCATION)
    assert (retyped.type, retyped.value, retyped.id, retyped.checked) == (
        CheckableType.LOCATION, None, k.id, True)
    start = TEXT.index("drones")
    moved = edits.respanned_checkable(TEXT, c, k, start + 1, start + 3)
    assert moved.text == "drones" and moved.id == k.id and k.text == "Belgorod"


def test_split_reads_sourcing_and_hedging_from_each_part() -> None:
    whole = claim("Russian officials have said that 12 drones were shot down over Belgorod, "
                  "and three more may have fallen near Kursk.",
                  sourcing=Sourcing.NAMED, source_name="Russian officials", hedged=True,
                  hedges=["may"], number=7)
    at = TEXT.index(" and three")
    first, second = edits.split_claim(TEXT, whole, at)
    assert (first.sourcing, first.hedged, first.number) == (Sourcing.NAMED, False, 7)
    assert (second.sourcing, second.source_name) == (Sourcing.NONE, "")
    assert second.hedged and second.hedges == ["may"] and second.number == 0


def test_merge_keeps_the_first_number() -> None:
    a, b = claim("Russian officials", number=3), claim("12 drones", number=9)
    merged = edits.merge_claims(TEXT, a, b)
    assert merged.number == 3
