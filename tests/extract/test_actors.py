"""Actors: organisations, people with titles, institutions, offices, armed groups."""

from __future__ import annotations

from tests.extract.conftest import spans


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


def test_offices_and_a_country_acting() -> None:
    text = "The Foreign Secretary met his counterpart while the UK pledged more aid."
    assert "Foreign Secretary" in spans(text, "actor")
    # a country acting is a place the checker looks up, marked as acting
    assert spans(text, "location")["UK"].attributes["acting"] == "true"
    assert "UK" not in spans(text, "actor")


def test_pronouns_are_never_rows() -> None:
    text = ("Defence Minister Rustem Umerov arrived in Brussels, where he met NATO officials. "
            "She said we would help them, and I agreed.")
    actors = spans(text, "actor")
    assert not {"he", "She", "we", "them", "I"} & set(actors)
    assert "Rustem Umerov" in actors


def test_generic_people_are_never_rows() -> None:
    text = ("Civilians, residents and protesters fled the town as militants shelled it; "
            "the victims included children and other people.")
    assert not spans(text, "actor")


def test_armed_forces_of_a_named_state_acting_are_actors() -> None:
    actors = spans("Russian forces advanced while Ukrainian officials stayed silent.", "actor")
    assert "Russian forces" in actors
    assert not any("officials" in a for a in actors)  # people in general, not an institution
    text = "The Zambian navy seized a trawler after strikes against Peruvian troops."
    actors = spans(text, "actor")
    assert "Zambian navy" in actors
    assert "Peruvian troops" not in actors  # whom the strikes hit, not who acts


def test_institutions_led_or_owned_by_a_state() -> None:
    text = ("The Kenyan-led coalition said State television had aired the footage, and "
            "Moldova's state media confirmed it.")
    actors = spans(text, "actor")
    assert any(a.endswith("coalition") for a in actors)
    assert "State television" in actors
    assert any(a.endswith("state media") for a in actors)


def test_an_office_of_a_named_state_is_an_actor() -> None:
    text = "The envoy met Peru's defence minister and the Chilean foreign minister on Monday."
    actors = spans(text, "actor")
    assert "Peru's defence minister" in actors
    assert "Chilean foreign minister" in actors


def test_an_office_keeps_the_place_in_its_title() -> None:
    text = "The Minister for the Middle East visited a clinic after three shells hit it."
    assert "Minister for the Middle East" in spans(text, "actor")
    assert "Middle East" not in spans(text, "location")


def test_not_names_religions_agreements_descriptors_and_stances() -> None:
    text = ("Pilgrims marked Ramadan as the Truce of Aldova collapsed, and the pro-Tirana "
            "Harbour Party's leader Ana Vela and nonpartisan reformist Luca Pino lost.")
    actors = spans(text, "actor")
    assert not any(a in ("Ramadan", "Truce of Aldova") for a in actors)
    assert not any(a.startswith(("pro-", "nonpartisan")) for a in actors)
    assert not spans(text, "location").get("Tirana")


def test_an_operations_name_is_no_actor() -> None:
    actors = spans("Royal Navy ships have conducted further patrols in the Gulf as part of "
                   "Operation KIPION, the UK's contribution to maritime security.", "actor")
    assert not any(a.startswith("Operation") for a in actors)


def test_a_fleet_is_an_actor_not_a_place() -> None:
    text = "After Kyiv pushed Russia's Black Sea Fleet away from Crimea in 2023, exports rose."
    assert any("Black Sea Fleet" in a for a in spans(text, "actor"))
    assert not any("Fleet" in p for p in spans(text, "location"))


def test_a_capitalised_dateline_place_is_no_person() -> None:
    text = "LILONGWE, 3 May — The ruling party won 51% of the vote, officials said."
    assert "LILONGWE" not in spans(text, "actor")
    assert "LILONGWE" in spans(text, "location")


def test_a_later_surname_mention_is_the_same_actor() -> None:
    text = ("Opposition leader Grace Chikwanha has won the vote with 51% of the ballots.\n\n"
            "Chikwanha, a 47-year-old engineer and former mayor, has pledged to cut fuel prices.")
    actors = spans(text, "actor")
    assert actors["Chikwanha"].value == "Grace Chikwanha"


def test_a_makers_possessive_before_a_named_system_is_an_actor() -> None:
    text = "Poland received Lockheed Martin's F-35s in 2024 and fitted Raytheon's AIM-120s."
    actors = spans(text, "actor")
    assert "Lockheed Martin" in actors and "Raytheon" in actors
    assert {"F-35s", "AIM-120s"} <= set(spans(text, "system"))
    assert "Poland" not in actors


def test_suspects_named_by_initials_and_age_are_people() -> None:
    text = ("The driver, S.D. (47), and a passenger, M.J. (29), were arrested in Kumanovo on "
            "13 May.")
    actors = spans(text, "actor")
    assert "S.D." in actors and "M.J." in actors
    assert "S.D." not in spans(text, "location")


def test_a_command_named_with_its_country_is_one_actor() -> None:
    text = "12:10 — US Forces Korea says the launches pose no threat to its 28,000 troops."
    assert "US Forces Korea" in spans(text, "actor")
    assert "Korea" not in spans(text, "location")


def test_an_all_capital_subject_is_an_organisation_not_a_heading() -> None:
    text = "UNIFIL says its peacekeepers recorded 40 shells on Monday."
    assert "UNIFIL" in spans(text, "actor")


def test_companies_by_their_suffix_hold_their_place_names() -> None:
    text = "Sanctions hit Vladivostok-based Primorye Sea Lines LLC on 8 May."
    assert "Primorye Sea Lines LLC" in spans(text, "actor")
    assert not any("Primorye" in t for t in spans(text, "location"))


def test_an_unknown_place_that_counts_or_a_capital_acronym_is_a_body() -> None:
    text = ("According to Mediazona's count, 200 men died in 2024. \"He was lying next to a car,\" "
            "MDA paramedic Yossi Amar said on 3 May. The US said 4 died on 5 May.")
    actors = spans(text, "actor")
    assert "Mediazona" in actors
    assert "MDA" not in spans(text, "location")
    assert "US" in spans(text, "location")


def test_a_name_is_never_written_all_in_lower_case() -> None:
    assert not spans("Fighters use the dense bush as cover near the Boni forest.", "actor")
