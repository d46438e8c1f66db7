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
    assert systems["Kh-101 cruise missiles"].value == "Kh-101"  # a designator with its class
    assert systems["Su-34"].value == "Su-34"
    assert systems["M142 HIMARS"].value == "HIMARS"


def test_aliases_map_to_one_canonical_name() -> None:
    systems = spans("Crews reported Geran-2 drones and an SA-21 battery near the coast.", "system")
    assert systems["Geran-2 drones"].value == "Shahed-136"
    assert systems["SA-21 battery"].value == "S-400 Triumf"


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


def test_drones_and_helicopters_count_at_every_mention() -> None:
    # the guide: military types such as "drones" and "helicopters" are systems at every mention
    assert "Helicopters" in spans("Helicopters circled over the stadium all night.", "system")
    assert "drones" in spans("Analysts debated the role of drones in modern war.", "system")
    assert "Syrian regime helicopters" in spans(
        "Syrian regime helicopters dropped leaflets on the town.", "system")
    assert "Drone" in spans("Drone strikes hit the depot for a third day.", "system")


def test_a_counted_platform_is_a_system_and_the_count_keeps_its_noun() -> None:
    text = "Air defence destroyed eleven Russian drones over Sumy on Monday."
    assert any(s.endswith("drones") for s in spans(text, "system"))  # every mention counts
    counts = spans(text, "count")
    assert counts["eleven"].attributes["noun"] == "Russian drones"


def test_ships_named_with_a_navy_prefix_are_systems() -> None:
    text = "HMS Dauntless and USS Carney left Souda Bay with a UAV on board on 2 June."
    systems = spans(text, "system")
    assert "HMS Dauntless" in systems and "USS Carney" in systems
    assert "HMS Dauntless" not in spans(text, "location")
    assert "UAV" not in spans(text, "actor")
    ended = "A cutter shadowed the BRP Teresa Magbanua. A Chinese frigate followed."
    assert "BRP Teresa Magbanua" in spans(ended, "system")


def test_class_phrases_match_spaced_hyphenated_and_plural() -> None:
    systems = spans("Anti aircraft guns and a surface to air missile battery guarded the bay; "
                    "crews also had several man-portable air-defense systems.", "system")
    assert "Anti aircraft guns" in systems
    assert any(t.startswith("surface to air missile") for t in systems)
    assert any("air-defense systems" in t for t in systems)


def test_acronym_classes_keep_their_case() -> None:
    assert not spans("The Sams drove to the coast with Sam's brother.", "system")
    assert "SAMs" in spans("The battalion moved its SAMs closer to the border.", "system")


def test_military_platform_classes_count_without_an_owner() -> None:
    text = "A frigate and two stealth bombers were seen near the island, and fighter-bombers " \
           "struck a depot where armoured bulldozers were parked."
    systems = spans(text, "system")
    assert "A frigate" in systems
    assert any(t.endswith("fighter-bombers") for t in systems)
    assert any(t.endswith("armoured bulldozers") for t in systems)


def test_missiles_and_rockets_are_weapon_classes() -> None:
    text = "Rockets landed near the port on Friday, and a ground-to-ground missile hit a bridge."
    systems = spans(text, "system")
    assert "Rockets" in systems
    assert any(t.endswith("ground-to-ground missile") for t in systems)


def test_less_lethal_weapons_are_systems() -> None:
    systems = spans("Riot police used tear gas, a water cannon and rubber bullets on the march.",
                    "system")
    assert "tear gas" in systems
    assert any(t.endswith("water cannon") for t in systems)
    assert "rubber bullets" in systems


def test_improvised_and_aerial_bombs_are_systems() -> None:
    systems = spans("A roadside bomb hit the convoy a day after a pipe bomb was found and "
                    "unguided bombs fell on the market.", "system")
    assert "A roadside bomb" in systems
    assert "a pipe bomb" in systems
    assert any(t.endswith("unguided bombs") for t in systems)


def test_weapon_of_an_event_is_a_system() -> None:
    text = "Residents described rocket fire at dawn and renewed barrel bomb attacks on the suburb."
    systems = spans(text, "system")
    assert "rocket" in systems
    assert "barrel bomb" in systems
    assert not spans("Lawmakers debated gun laws and the pay of tank crews.", "system")


def test_unowned_platforms_count_in_a_sentence_about_fighting() -> None:
    assert "helicopters" in spans("Witnesses said helicopters dropped explosives on the market.",
                                  "system")
    assert not spans("Planes and jets filled the sky above the fair.", "system")


def test_everyday_senses_of_weapon_words_are_not_systems() -> None:
    assert not spans("He spent twenty years in a coal mine before the mines closed.", "system")
    assert not spans("Shell said profits rose, and she is an old friend of mine.", "system")
    assert not spans("Russian technical advisers toured the plant.", "system")
    assert "mines" in spans("Retreating troops left mines along the road.", "system")


def test_a_class_inside_a_longer_name_is_not_a_system() -> None:
    assert not spans("She gave a talk at the Space and Rocket Center in Alabama.", "system")
    assert not spans("He led the Department of Natural Resources and Mines for a decade.",
                     "system")


def test_short_designators_need_a_class_noun() -> None:
    assert not spans("Take the B1242 road to the coast past the M5S office.", "system")
    assert "B-25" in spans("The squadron flew B-25 Mitchell bombers from the atoll.", "system")


def test_unambiguous_air_defence_classes_count_without_an_owner() -> None:
    systems = spans("Rebels fired shoulder-launched missiles while an anti-aircraft battery "
                    "guarded the harbour.", "system")
    assert any(t.endswith("shoulder-launched missiles") for t in systems)
    assert any(t.endswith("anti-aircraft battery") for t in systems)
    assert not spans("The plan is to buy more advanced air defence systems next year.", "system")


def test_civilian_platform_words_need_an_owner() -> None:
    systems = spans("The car bomb wrecked several vehicles parked near the gate.", "system")
    assert "vehicles" not in systems
    assert any(t.endswith("car bomb") for t in systems)


def test_capitalised_class_words_in_names_are_not_systems() -> None:
    assert not spans("The New York Jets beat Miami at home on Sunday.", "system")
    assert "Katyusha rockets" in spans("Militants fired Katyusha rockets at the base.", "system")


def test_a_weapon_word_that_is_no_system_does_not_arm_a_platform() -> None:
    assert not spans("Officials discussed gun laws and water tanks at the meeting.", "system")


def test_plural_and_informal_forms_of_named_systems() -> None:
    text = ("Kyiv asked for more F-16s and Tomahawks, after Shaheds, Su-25s and Storm Shadows "
            "were reported over Kherson.")
    systems = spans(text, "system")
    assert systems["F-16s"].value == "F-16"
    assert systems["Tomahawks"].value == "Tomahawk"
    assert systems["Shaheds"].value == "Shahed-136"
    assert systems["Su-25s"].value == "Su-25"
    assert "Storm Shadows" in systems
    assert not spans(text, "actor").keys() & {"Tomahawks", "Shaheds"}


def test_variant_designators_and_a_makers_possessive() -> None:
    text = ("Two Tu-22M3 bombers fired Kh-22 missiles, and the navy bought Boeing's AGM-84 "
            "missiles.")
    systems = spans(text, "system")
    assert any(s.startswith("Tu-22M3") for s in systems)
    assert any(s.startswith("Kh-22") for s in systems)
    assert any(s.startswith("AGM-84") for s in systems)
    assert "Boeing" in spans(text, "actor")


def test_a_platform_taking_part_in_an_event_is_a_system() -> None:
    text = ("A jet strafed the convoy near Idlib, a tower crane toppled onto the market, and "
            "the helicopter crash killed four.")
    systems = spans(text, "system")
    assert any(s.endswith("jet") for s in systems)
    assert any(s.endswith("crane") for s in systems)
    assert "helicopter" in systems


def test_everyday_vehicles_count_at_every_mention() -> None:
    text = ("Gunmen arrived on motorcycles and in pickup trucks, ambulances waited at the gate, "
            "and a fishing boat took the wounded to Lamu while buses left the depot.")
    systems = spans(text, "system")
    for vehicle in ("motorcycles", "pickup trucks", "ambulances", "fishing boat", "buses"):
        assert vehicle in systems, vehicle
    assert "grain trucks" in spans("Two grain trucks burned on the farm.", "system")


def test_a_vehicle_word_as_modifier_or_verb_is_no_system() -> None:
    assert not spans("The bus station and the car park near the ferry terminal were closed.",
                     "system")
    assert not spans("Instructors will train new recruits in the spring.", "system")


def test_a_platform_merely_named_is_not_a_system() -> None:
    text = "Analysts debated the price of jets and the comfort of modern planes."
    assert not spans(text, "system")


def test_bare_generic_words_after_such_are_left_out() -> None:
    text = "The panel found that militias used sarin twice and such weapons once more in 2019."
    systems = spans(text, "system")
    assert "sarin" in systems
    assert "such weapons" not in systems


def test_a_name_found_once_is_a_system_at_every_mention() -> None:
    text = ("An MQ-9 Reaper drone struck the convoy. Later a second Reaper returned "
            "to the area. The Burkan rocket flew far. Two more Burkans followed.")
    systems = spans(text, "system")
    assert any(v.value == "MQ-9 Reaper" for v in systems.values())
    assert "Reaper" in systems
    assert "Burkans" in systems


def test_a_designator_family_is_found_beside_its_sibling() -> None:
    systems = spans("Engineers fitted UMPK kits to the bombs, turning old FAB-500s into glide "
                    "weapons; a FAB-1500 bomb hit the plant.", "system")
    assert {"UMPK kits", "FAB-500s", "FAB-1500 bomb"} <= set(systems)


def test_a_ship_named_after_its_class_is_two_systems() -> None:
    systems = spans("Guards seized the tanker Silver Heron in the strait on Monday.", "system")
    assert {"tanker", "Silver Heron"} <= set(systems)
    systems = spans("The frigate Brave Osprey escorted the convoy.", "system")
    assert {"frigate", "Brave Osprey"} <= set(systems)


def test_names_listed_before_one_class_noun_are_each_a_system() -> None:
    systems = spans("The navy fired Zafar and Kowsar anti-ship missiles during the drill.",
                    "system")
    assert "Zafar" in systems
    assert systems["Kowsar anti-ship missiles"].value == "Kowsar"


def test_quantity_words_stay_outside_the_system() -> None:
    systems = spans("Many drones crossed the border overnight, and several helicopters followed.",
                    "system")
    assert {"drones", "helicopters"} <= set(systems)


def test_a_system_name_inside_a_persons_name_is_no_system() -> None:
    assert not spans("General Hassan Burkan al-Amin visited the front.", "system")


def test_merchant_ship_types_are_systems_at_every_mention() -> None:
    systems = spans("Gunmen fired on a Maltese-flagged bulk carrier off Aden. Merchant vessels "
                    "now avoid the route, and one tanker was anchored off Djibouti.", "system")
    assert "bulk carrier" in systems
    assert "Merchant vessels" in systems
    assert "tanker" in systems


def test_a_platform_before_a_participle_in_a_headline_is_a_system() -> None:
    assert "cargo ship" in spans("Navy seizes cargo ship carrying rifles off Oman", "system")


def test_ships_named_after_cities_are_systems_not_places() -> None:
    text = ("The group, comprising the Renhai-class cruiser Nanchang, the Luyang III-class "
            "destroyer Baotou and the replenishment vessel Taihu, sailed past Sydney on 3 May. "
            "A ship in Odesa was hit on 4 May.")
    systems = spans(text, "system")
    assert {"Nanchang", "Baotou", "Taihu"} <= set(systems)
    locations = spans(text, "location")
    assert not {"Nanchang", "Baotou", "Taihu"} & set(locations)
    assert "Odesa" in locations and "Sydney" in locations


def test_ships_named_by_their_navy_prefix_are_systems() -> None:
    text = ("Coast guard ship 3305 approached the BRP Datu Pagbuaya at 9.40am on 7 May, and HMS "
            "Diamond sailed on 8 May.")
    systems = spans(text, "system")
    assert "BRP Datu Pagbuaya" in systems and "HMS Diamond" in systems
    assert not {"BRP Datu Pagbuaya", "HMS Diamond"} & set(spans(text, "actor"))


def test_chinese_carriers_by_name_but_not_their_provinces() -> None:
    text = ("J-15 fighters from the Shandong came within 45 nautical miles on 3 May. Floods hit "
            "Shandong province on 4 May.")
    assert any("Shandong" in t for t in spans(text, "system"))
    assert "Shandong province" in spans(text, "location")


def test_an_acronym_the_text_shows_to_be_a_group_is_an_actor_not_a_system() -> None:
    text = ("Two guards died in an FLNK drone attack on Tuesday. FLNK guerrillas later fired on "
            "a patrol, and the FLNK did not answer calls.")
    assert set(spans(text, "system")) == {"drone"}
    assert "FLNK" in spans(text, "actor")
    coded = "Clashes between the K47 armed group and the army went on. The K47 denied it."
    assert not spans(coded, "system")


def test_an_organisations_bracketed_acronym_is_no_system_though_a_vehicle_shares_it() -> None:
    text = ("Winds eased overnight, the Bangladesh Meteorological Department (BMD) said, and "
            "rain will follow, according to the BMD.")
    assert not spans(text, "system")
    assert "BMD" in spans(text, "actor")
    rocket = "Kyiv fielded the High Mobility Artillery Rocket System (HIMARS) near Kherson."
    assert "HIMARS" in spans(rocket, "system")


def test_a_surname_that_is_also_a_vehicle_stays_a_person() -> None:
    text = ('Regional Gov. Taras Kozak said two missiles hit a depot. "It is serious," Kozak '
            "told reporters.")
    assert set(spans(text, "system")) == {"missiles"}
    assert "Kozak armoured vehicles" in spans("The army bought Kozak armoured vehicles.", "system")


def test_a_class_noun_the_tagger_reads_as_a_verb_is_still_a_system() -> None:
    assert "frigate" in spans("The crew were taken off by an Indian navy frigate.", "system")
    assert "drone" in spans("The order bars drone flights within a mile of the plant.",
                            "system")
    assert "missile" in spans("Jets hit missile storage bunkers near Sanaa.", "system")


def test_uncrewed_is_unmanned() -> None:
    text = "Kyiv said 11 uncrewed boats and two uncrewed aerial vehicles struck the port."
    systems = spans(text, "system")
    assert any(s.endswith("uncrewed boats") for s in systems)
    assert any(s.endswith("uncrewed aerial vehicles") for s in systems)
