"""Sourcing (named, unnamed, none; who) and hedging (cues and whether they govern)."""

from __future__ import annotations

import pytest

from app.extract import extract


def only_claim(text: str):  # -> Claim
    claims = extract(text)
    assert len(claims) == 1, [c.quote for c in claims]
    return claims[0]


@pytest.mark.parametrize(("text", "source"), [
    ("Defence Minister Anna Kowalska said on Monday that 40 tanks had arrived in Gdansk.",
     "Anna Kowalska"),
    ("According to the World Health Organization, 300 cholera cases were recorded in March.",
     "World Health Organization"),
    ("The Norwegian foreign ministry confirmed that two diplomats were expelled on 4 May.",
     "Norwegian foreign ministry"),
])
def test_named_sources(text: str, source: str) -> None:
    claim = only_claim(text)
    assert claim.sourcing.value == "named"
    assert source in claim.source_name


@pytest.mark.parametrize("text", [
    "Officials said that 12 people died in the blast in Kandahar on Friday.",
    "A source within the Polish army, speaking on condition of anonymity, said that 5 jets were "
    "grounded in May.",
    "According to people familiar with the matter, the deal for 24 helicopters was signed "
    "on 3 May.",
    "Insiders believe that Hungary vetoed the package on 9 June.",
    "A harbour police officer told reporters that 8 containers fell into the sea at Gdynia.",
    "An army spokesman accused the militia of burning 14 houses in Beni on Sunday.",
    "Two engineers, who asked not to be identified, said the pump failed on 2 March in Rivne.",
])
def test_unnamed_sources(text: str) -> None:
    assert only_claim(text).sourcing.value == "unnamed"


def test_no_source() -> None:
    claim = only_claim("Forty houses were destroyed by the flood in Sylhet on Sunday.")
    assert claim.sourcing.value == "none"
    assert claim.source_name == ""


@pytest.mark.parametrize(("text", "cue"), [
    ("The missiles were reportedly launched from Crimea on 4 June.", "reportedly"),
    ("Police said the attacker may have entered Sweden in 2019.", "may"),
    ("Rebels allegedly seized 30 trucks near Goma on Monday.", "allegedly"),
    ("Unconfirmed reports put the death toll at 80 in Herat.", "Unconfirmed"),
    ("The 200 to 300 fighters believed to be in Sirte hold 9 tanks.", "believed to be"),
    ("Members of the gang are reported to have stolen 40 cars in Lyon.", "reported to have"),
])
def test_hedge_cues_governing_the_claim(text: str, cue: str) -> None:
    claim = only_claim(text)
    assert claim.hedged
    assert cue in claim.hedges


def test_hedge_in_a_relative_clause_does_not_hedge_the_claim() -> None:
    claim = only_claim("The army confirmed that 3 tanks were destroyed near Bakhmut on Friday, "
                       "a figure that may rise.")
    assert not claim.hedged


def test_plain_fact_is_not_hedged() -> None:
    assert not only_claim("The Kerch bridge was closed for six hours on 17 July 2023.").hedged


def test_it_after_a_named_organisation_is_a_named_source() -> None:
    claim = only_claim("Medecins Sans Frontieres treated 75 patients in Bentiu, a figure "
                       "which it said had doubled since April.")
    assert claim.sourcing.value == "named"


def test_said_today_is_not_the_hedge_said_to() -> None:
    claim = only_claim("Harbour master Lena Voss said today that 9 ships were held at Rostock.")
    assert not claim.hedged


def test_a_rank_abbreviation_does_not_end_the_sentence() -> None:
    text = ("Four mines were cleared near Odesa on Monday, navy spokesman Lt. Cmdr. Ivan Petrenko "
            "said.")
    claims = extract(text)
    assert len(claims) == 1 and claims[0].sourcing.value == "named"


def test_a_national_military_speaking_is_a_named_source() -> None:
    claim = only_claim("The Kenyan military said that 11 fighters were killed near Lamu on Monday.")
    assert claim.sourcing.value == "named"
