"""The `system` checkable: gazetteer, designator patterns, classes and the ambiguity rules."""

from __future__ import annotations

from app.extract.systems import load_gazetteer
from tests.extract.conftest import spans


def test_gazetteer_is_data_with_several_hundred_entries() -> None:
    gazetteer = load_gazetteer()
    canonical = {name for name, _ in gazetteer.named.values()}
    categories = {category for _, category in gazetteer.named.values()}
    assert len(canonical) >= 300
    assert {"air defence", "aircraft", "drones", "missiles", "artillery", "armour", "ships",
            "small arms"} <= categories


def test_named_systems_get_their_canonical_name() -> None:
    text = ("Russia fired Kh-101 cruise missiles while a Su-34 hit the bridge and an M142 HIMARS "
            "replied.")
    systems = spans(text, "system")
    assert systems["Kh-101"].value == "Kh-101"
    assert systems["Su-34"].value == "Su-34"
    assert systems["M142 HIMARS"].value == "HIMARS"


def test_aliases_map_to_one_canonical_name() -> None:
    systems = spans("Crews reported Geran-2 drones and an SA-21 battery near the coast.", "system")
    assert systems["Geran-2"].value == "Shahed-136"
    assert systems["SA-21"].value == "S-400 Triumf"


def test_designators_outside_the_list_are_found_by_pattern() -> None:
    systems = spans("A Tu-214 and a new Shahed-191 were seen over the airfield.", "system")
    assert "Tu-214" in systems
    assert "Shahed-191" in systems


def test_pantsir_is_a_system_not_an_organisation() -> None:
    text = "Pantsir-S1 crews claimed two kills over the refinery."
    assert "Pantsir-S1" in spans(text, "system")
    assert not any("Pantsir" in t for t in spans(text, "actor"))


def test_everyday_word_aliases_need_a_class_noun() -> None:
    assert not spans("He was a patriot who loved his country.", "system")
    systems = spans("Germany sent two more Patriot missile batteries to Poland.", "system")
    assert any(f.value == "Patriot" for f in systems.values())


def test_weapon_classes_are_systems() -> None:
    text = "Witnesses described barrel bombs, mortars and chemical weapons used against the town."
    systems = spans(text, "system")
    assert "barrel bombs" in systems
    assert "mortars" in systems
    assert "chemical weapons" in systems


def test_generic_platforms_count_only_when_someone_owns_them() -> None:
    assert not spans("Helicopters circled over the stadium all night.", "system")
    assert "Syrian regime helicopters" in spans(
        "Syrian regime helicopters dropped leaflets on the town.", "system")


def test_a_counted_platform_is_carried_by_the_count() -> None:
    text = "Air defence destroyed eleven Russian drones over Sumy on Monday."
    assert not spans(text, "system")
    counts = spans(text, "count")
    assert counts["eleven"].attributes["noun"] == "Russian drones"


def test_ships_named_with_a_navy_prefix_are_systems() -> None:
    text = "HMS Dauntless and USS Carney left Souda Bay with a UAV on board on 2 June."
    systems = spans(text, "system")
    assert "HMS Dauntless" in systems and "USS Carney" in systems
    assert "HMS Dauntless" not in spans(text, "location")
    assert "UAV" not in spans(text, "actor")
