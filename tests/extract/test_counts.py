"""Counts: digits and words, ranges, approximations, vague quantities, and the counted noun."""

from __future__ import annotations

import pytest

from app.extract.counts import normalize_count, parse_number
from tests.extract.conftest import spans


@pytest.mark.parametrize(("text", "number"), [
    ("12", 12), ("8,500", 8500), ("2.5 million", 2_500_000), ("forty-two", 42),
    ("three hundred", 300), ("twenty one thousand", 21_000), ("half a million", 500_000),
    ("£3bn", 3_000_000_000),
])
def test_numbers_in_digits_and_words(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(("text", "value", "attributes"), [
    ("at least 107", ">=107", {"qualifier": "at least"}),
    ("more than 60", ">60", {"qualifier": "more than"}),
    ("nearly 900", "~900", {"qualifier": "nearly"}),
    ("15 to 20 percent", "15..20", {"unit": "percent"}),
    ("two or three", "2..3", {}),
    ("dozens", ">=24", {"vague": "dozens"}),
    ("tens of thousands", ">=20000", {"vague": "tens of thousands"}),
    ("$4 million", "4000000", {"unit": "USD"}),
])
def test_ranges_approximations_and_units(text: str, value: str, attributes: dict) -> None:
    result = normalize_count(text)
    assert result.value == value
    for key, expected in attributes.items():
        assert result.attributes[key] == expected


def test_count_in_a_sentence_keeps_its_qualifier_and_noun() -> None:
    text = "Rescuers pulled at least 31 fishermen from the sea after the storm."
    counts = spans(text, "count")
    (count,) = counts.values()
    assert "at least 31" in text[count.start:count.end]
    assert count.value == ">=31"
    assert count.attributes["noun"] == "fishermen"


def test_number_words_count_the_noun_phrase() -> None:
    counts = spans("The navy lost nine patrol boats in the strait.", "count")
    assert counts["nine"].value == "9"
    assert counts["nine"].attributes["noun"] == "patrol boats"


def test_vague_quantities_are_counts() -> None:
    counts = spans("Hundreds of families fled the valley.", "count")
    assert counts["Hundreds"].value == ">=200"


def test_coordinates_and_fractions_are_not_counts() -> None:
    counts = spans("The site lies at 36.269635 and the pass rate was 3/4 of last year.", "count")
    assert "36.269635" not in counts
    assert "3/4" not in counts


def test_one_as_a_figure_of_speech_is_not_a_count() -> None:
    text = ("In one case, four guards were moved from one prison to another, and one "
            "helicopter landed in Tromso.")
    counted = {t: f.value for t, f in spans(text, "count").items()}
    assert counted.get("four") == "4"
    assert list(counted).count("one") <= 1
    assert any(f.attributes.get("noun") == "helicopter"
               for t, f in spans(text, "count").items() if t == "one")


def test_a_scale_letter_glued_to_the_number_is_part_of_it() -> None:
    counted = spans("The agency shipped over 36K tents to Tigray, 300m from the airstrip.",
                    "count")
    assert counted["over 36K"].value == ">36000"
    assert all(f.value == "300" for t, f in counted.items() if t.startswith("300"))  # metres


def test_comparisons_and_group_words_are_counts() -> None:
    text = ("Nearly twice as many drones crossed the border as in June, and a trio of "
            "helicopters and a pair of tugboats joined the search.")
    counted = spans(text, "count")
    assert counted["Nearly twice as many"].value == "~x2"
    assert counted["a trio of"].value == "3"
    assert counted["a pair of"].value == "2"


def test_frequencies_are_counts_but_once_meaning_formerly_is_not() -> None:
    text = ("The tanker was turned back twice and boarded at least once; the port, once a "
            "busy hub, closed.")
    counted = spans(text, "count")
    assert counted["twice"].value == "2"
    assert counted["at least once"].value == ">=1"
    assert "once" not in counted


def test_measurements_with_units_are_counts() -> None:
    counted = spans("Waves reached 6 metres and the crater was 14 feet deep.", "count")
    assert any(c.startswith("6 metres") for c in counted)
    assert any(c.startswith("14 feet") for c in counted)


def test_numbers_that_name_things_are_not_counts() -> None:
    text = ("Shells landed near posts 17 and 18 and on Route 9, as Resolution 2311 demanded, "
            "wounding 5 guards.")
    counted = spans(text, "count")
    assert not {"17", "18", "9", "2311"} & set(counted)
    assert "5" in counted


def test_one_of_the_most_is_a_ranking_not_a_count() -> None:
    counts = spans("Glide bombs have become one of Russia's most important weapons, and Odesa is "
                   "one of the largest ports. One of the three drones fell in a field.", "count")
    assert "one" not in counts and "One" not in counts
    assert "three" in counts


def test_shares_ranges_and_comparisons_with_the_are_counts() -> None:
    text = ("Since the attack on 3 May, more than half of the patients have left. Residents "
            "reported between four and six drones. Losses reached nearly twice the daily average "
            "on 4 May, and the missile has roughly three times the range of the Agni-III.")
    counts = spans(text, "count")
    assert "more than half of the patients" in counts
    assert "between four and six" in counts
    assert "nearly twice the daily average" in counts
    assert any(t.startswith("roughly three times the range") for t in counts)


def test_telephone_numbers_and_list_numbering_are_not_counts() -> None:
    text = ("Call our Detective Bureau at 973-285-6600 on Monday.\n"
            "1. Russian forces lost 40 tanks on 3 May.\n"
            "2. They advanced 5 km on 4 May.\n")
    counts = spans(text, "count")
    assert "973" not in counts and "1" not in counts and "2" not in counts
    assert "40" in counts


def test_money_in_rupees_taka_and_naira_is_a_count() -> None:
    text = ("The family paid Rs 8 lakh and then Rs200,000, the kidnappers demanded N50 million, "
            "and the damage reached Tk 1,500 crore.")
    counts = spans(text, "count")
    assert {"Rs 8 lakh", "Rs200,000", "N50 million", "Tk 1,500 crore"} <= set(counts)
    assert not spans(text, "actor")
    assert not spans("The convoy took the N1 road north.", "count")


def test_one_person_speaking_is_a_source_not_a_count() -> None:
    assert not spans("The post was overrun at dawn, one resident of Tarsk said.", "count")
    assert not spans("One Western diplomat said the talks had failed.", "count")
