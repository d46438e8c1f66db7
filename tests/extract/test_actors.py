"""Actors: organisations, people with titles, institutions, offices, armed groups."""

from __future__ import annotations

from tests.extract.conftest import found, spans


def test_titled_role_keeps_the_role() -> None:
    text = ("Pentagon press operations director Navy Capt. Jeff Davis said the strike "
            "killed a senior commander.")
    actors = spans(text, "actor")
    person = actors["Capt. Jeff Davis"]  # the rank is part of the name, the post is the role
    assert person.value == "Jeff Davis"
    assert person.attributes["title"] == "Capt."
    assert "director" in person.attributes["role"]
    assert any("director" in t for t in actors)


def test_courtesy_titles_and_ranks_join_the_name() -> None:
    text = "Mr Okonkwo told reporters that Maj. Gen. Ilse Brandt had resigned on Friday."
    actors = spans(text, "actor")
    assert "Mr Okonkwo" in actors
    assert "Maj. Gen. Ilse Brandt" in actors
    assert "Mr" not in actors and "Maj. Gen." not in actors


def test_institutions_named_by_nationality() -> None:
    text = "The Israeli defence ministry and the Polish General Staff issued statements."
    actors = spans(text, "actor")
    assert "Israeli defence ministry" in actors
    assert "Polish General Staff" in actors


def test_armed_groups_the_model_does_not_know() -> None:
    text = "Daesh fighters retreated as ISIL lost its last stronghold."
    actors = spans(text, "actor")
    assert actors["Daesh"].value == "Islamic State"
    assert actors["ISIL"].value == "Islamic State"
    assert "Daesh" not in spans(text, "location")


def test_offices_and_countries_acting() -> None:
    text = "The Foreign Secretary met his counterpart while the UK pledged more aid."
    actors = spans(text, "actor")
    assert "Foreign Secretary" in actors
    assert actors["UK"].attributes["kind"] == "country"


def test_pronoun_actor_points_to_the_last_named_person() -> None:
    text = "Defence Minister Rustem Umerov arrived in Brussels, where he met NATO officials."
    actors = spans(text, "actor")
    assert actors["he"].value == "Rustem Umerov"


def test_generic_troops_are_not_actors() -> None:
    actors = spans("Russian forces advanced while Ukrainian officials stayed silent.", "actor")
    assert not actors


def test_an_office_keeps_the_place_in_its_title() -> None:
    text = "The Minister for the Middle East visited a clinic after three shells hit it."
    assert "Minister for the Middle East" in spans(text, "actor")
    assert "Middle East" not in spans(text, "location")


def test_he_refers_to_a_person_the_rules_kept_not_to_a_mislabelled_place() -> None:
    text = ("Ingrid Solberg said shelling near the town of Tal Rifaat lasted four hours. "
            "She said that he, the local commander, had fled.")
    pronouns = [f for f in found(text) if f.attributes.get("kind") == "pronoun"]
    assert pronouns and all(f.value in (None, "Ingrid Solberg") for f in pronouns)
    we = [f for f in found("Acme Corp said: we will rebuild.") if f.attributes.get("kind")
          == "pronoun"]
    assert all(f.value is None for f in we)


def test_countries_listed_in_a_subject_or_called_allies_are_actors() -> None:
    text = ("The donor group, including Norway and Japan, pledged 40 million dollars, and "
            "our ally Estonia sent 12 medics to Lviv.")
    actors = spans(text, "actor")
    assert actors["Norway"].attributes["kind"] == "country"
    assert "Estonia" in actors
    assert "Lviv" in spans(text, "location")
