"""Locations: regions, borders, directions, cities spaCy calls people, countries."""

from __future__ import annotations

from app.extract.places import country_code
from tests.extract.conftest import spans


def test_regions_with_designators_are_locations_with_country() -> None:
    text = "Shelling hit Russia’s Kursk Oblast and the Zaporizhzhia Oblast overnight."
    locations = spans(text, "location")
    assert locations["Kursk Oblast"].attributes.get("country") == "RU"
    assert "Zaporizhzhia Oblast" in locations
    assert not spans(text, "actor")


def test_a_city_is_not_a_person() -> None:
    text = "Kyiv rejected the proposal and Mariupol remained under siege."
    locations = spans(text, "location")
    assert locations["Kyiv"].attributes["country"] == "UA"
    assert "Mariupol" in locations
    assert not any(t in ("Kyiv", "Mariupol") for t in spans(text, "actor"))


def test_directions_and_borders_belong_to_the_place() -> None:
    text = "Fighting spread to northern Syria and along the Iraq-Syria border."
    locations = spans(text, "location")
    assert locations["northern Syria"].attributes["country"] == "SY"
    assert "Iraq-Syria border" in locations


def test_named_facilities_are_places_not_organisations() -> None:
    locations = spans("Engineers inspected the Kakhovka Dam and the Tikrit Hospital.", "location")
    assert any("Dam" in t for t in locations)


def test_country_codes_from_names_aliases_and_cities() -> None:
    assert country_code("the United Kingdom") == "GB"
    assert country_code("U.S.") == "US"
    assert country_code("Kharkiv Oblast") == "UA"
    assert country_code("Aleppo") == "SY"
    assert country_code("Atlantis") is None


def test_a_name_in_a_place_slot_is_a_place_whatever_the_model_says() -> None:
    text = ("Gunmen attacked a convoy near Umm Qasab and then raided the village of "
            "Kefr Tallun, about 20km east of Marrat.")
    places_found = spans(text, "location")
    assert "Kefr Tallun" in places_found
    assert not any("Kefr Tallun" in a for a in spans(text, "actor"))


def test_capitalised_names_after_near_are_places() -> None:
    text = "Near Khirbet Ghazaleh, two strikes destroyed a fuel depot."
    assert "Khirbet Ghazaleh" in spans(text, "location")


def test_pro_and_anti_prefixes_are_stances_not_places() -> None:
    text = "The pro-Moscow bloc and anti-Kyiv groups won 12 seats in Chisinau in 2019."
    placed = spans(text, "location")
    assert "Chisinau" in placed
    assert not any(p in ("Moscow", "Kyiv") for p in placed)


def test_a_possessive_country_is_a_place_unless_its_state_acts() -> None:
    text = ("Looters damaged Mali's cultural heritage in 2012, and Chad's army sent 400 troops "
            "to Gao.")
    assert "Mali" in spans(text, "location")
    assert any(a.startswith("Chad") for a in spans(text, "actor"))
    assert "Chad" not in spans(text, "location")


def test_a_country_leading_a_coalition_is_not_a_place() -> None:
    text = "The Kenya-led mission cleared 14 mines off Djibouti in 2022."
    placed = spans(text, "location")
    assert "Djibouti" in placed
    assert not any(p.startswith("Kenya") for p in placed)


def test_generic_and_anaphoric_places_are_never_rows() -> None:
    text = ("Shells hit a school, the hospital and the main market in the city, and the "
            "capital's airport closed.")
    assert not spans(text, "location")


def test_named_facilities_and_areas_of_a_named_place() -> None:
    text = ("Jets crossed Moldovan airspace and struck the Cahul military airport, the "
            "Bulgarian coast and the Varna suburbs.")
    placed = spans(text, "location")
    assert "Moldovan airspace" in placed
    assert "Cahul military airport" in placed
    assert "Bulgarian coast" in placed
    assert "Varna suburbs" in placed


def test_a_name_listed_with_places_is_a_place() -> None:
    text = "The attacks in Varvarivka, Hlyboke and Strilecha killed 9 people on 4 May."
    placed = spans(text, "location")
    assert {"Hlyboke", "Strilecha"} <= set(placed)
    assert not {"Hlyboke", "Strilecha"} & set(spans(text, "actor"))


def test_a_facility_named_by_a_place_of_two_words_keeps_both() -> None:
    found = spans("Shells hit the Red Sea port on Monday.", "location")
    assert any(p.startswith("Red Sea") for p in found)


def test_an_area_word_inside_a_named_body_is_no_place() -> None:
    text = "The Latvian Border Guard said it turned back 40 migrants near Daugavpils on Friday."
    assert "Latvian Border Guard" in spans(text, "actor")
    assert not any("Border" in name for name in spans(text, "location"))
    # the same words in lower case are an area of the country, a place
    assert "Latvian border" in spans("Drones crossed the Latvian border on Friday.", "location")


def test_a_named_river_and_the_town_of_its_residents_are_places() -> None:
    text = ("The Vrbas river burst its banks on Sunday and police moved 80 residents of "
            "Kotor Varos to a school.")
    locations = spans(text, "location")
    assert "Vrbas river" in locations
    assert "Kotor Varos" in locations
    assert not any(name in ("Vrbas", "Kotor Varos") for name in spans(text, "actor"))


def test_a_name_before_a_lower_case_region_word_is_a_region() -> None:
    text = "Aid convoys reached 40 villages in the Bakool region and the Gedo region in May."
    locations = spans(text, "location")
    assert {"Bakool region", "Gedo region"} <= set(locations)
    assert not any(name.startswith(("Bakool", "Gedo")) for name in spans(text, "actor"))


def test_a_name_found_as_a_system_is_not_one_inside_a_place() -> None:
    text = ("Report: Gedo drone raids go on\n\n"
            "Monitors say 9 drone raids hit the Gedo region in June.\n")
    assert "Gedo region" in spans(text, "location")
    assert "Gedo" not in spans(text, "system")


def test_an_untagged_name_in_a_place_slot_is_a_place() -> None:
    # the model reads "Ica" as a nationality and tags nothing on "Arequipa"; the slot says
    # both are places
    text = ("A magnitude 8.0 quake in 2007 killed more than 500 people in the coastal region "
            "of Ica. President Ana Ruiz travelled to Arequipa on Sunday afternoon.")
    locations = spans(text, "location")
    assert "Ica" in locations
    assert "Arequipa" in locations


def test_a_name_brought_to_is_not_a_place() -> None:
    text = "The boats were bringing food and fuel to the BRP Ulanan, a grounded navy ship."
    assert not any("Ulanan" in t for t in spans(text, "location"))


def test_close_to_and_across_the_make_places() -> None:
    text = ("Units inflicted losses on two brigades close to Morvinsk and Tresnovka on Monday. "
            "A drone crashed across the Danube from Romanian territory on 4 October.")
    locations = spans(text, "location")
    assert "Morvinsk" in locations
    assert "Danube" in locations
    assert "Danube" not in spans(text, "actor")


def test_features_named_by_their_head_word_are_places() -> None:
    text = ("Coast guard ships fired water cannon near Second Thomas Shoal on Wednesday. "
            "China says the boats illegally intruded into waters near what it calls Ren'ai "
            "Reef on 3 May.")
    locations = spans(text, "location")
    assert any("Thomas Shoal" in t for t in locations)
    assert "Ren'ai Reef" in locations


def test_a_place_before_based_is_where_the_body_sits() -> None:
    text = "The Geneva-based group said 40 people died in the attack on 3 May."
    assert "Geneva" in spans(text, "location")


def test_a_place_before_led_still_is_who_leads() -> None:
    text = "The US-led coalition struck 12 targets on 3 May."
    assert "US" not in spans(text, "location")


def test_rank_abbreviations_and_ship_names_are_not_places() -> None:
    text = ("Military spokesman Brig. Gen. Yahya Tarek claimed the attack on 3 May. "
            "The Liberian-flagged Aegean Star was hit 70 nautical miles off Hodeida.")
    locations = spans(text, "location")
    assert "Brig." not in locations
    assert "Aegean Star" not in locations


def test_names_sharing_a_plural_place_word_are_each_a_place() -> None:
    text = ("Another 19 people were wounded in the Bint Jbeil and Marjayoun districts on Monday. "
            "Water covers the Kooshin, Hawo Tako and Buundoweyn neighbourhoods.")
    locations = spans(text, "location")
    assert {"Bint Jbeil", "Marjayoun", "Kooshin", "Hawo Tako", "Buundoweyn"} <= set(locations)
    assert not {"Kooshin", "Hawo Tako", "Buundoweyn"} & set(spans(text, "actor"))


def test_untagged_names_after_in_and_listed_after_around_are_places() -> None:
    text = ("More than 120,000 people are sheltering on higher ground in Ceel Jaale on Monday. "
            "Rations went to 60,000 people in sites around Matabaan and Jowhar.")
    locations = spans(text, "location")
    assert "Ceel Jaale" in locations and "Jowhar" in locations


def test_the_ends_of_a_road_are_places() -> None:
    text = ("An Israeli drone strike hit a vehicle on the road between Kfar Kila and Adaisseh "
            "on Monday.")
    locations = spans(text, "location")
    assert "Kfar Kila" in locations and "Adaisseh" in locations
    assert "Kfar Kila" not in spans(text, "actor")


def test_a_direction_before_a_name_keeps_its_place_slot() -> None:
    text = "Two rockets were fired towards the western Galilee on Sunday."
    assert any("Galilee" in t for t in spans(text, "location"))


def test_a_border_crossing_named_by_its_place_is_a_place() -> None:
    text = "Officers seized 14 rifles at the Tabanovce border crossing on 13 May."
    assert any("Tabanovce" in t for t in spans(text, "location"))


def test_a_town_the_model_calls_a_person_is_a_place() -> None:
    # neither town is on the curated list; both are on the GeoNames list of towns
    text = ("Drones struck the Tuapse refinery on Monday. Fires broke out near the Ryazan "
            "refinery, and the fighting spread overnight to Kupyansk.")
    locations = spans(text, "location")
    assert any("Tuapse" in t for t in locations)
    assert any("Ryazan" in t for t in locations)
    assert not {"Tuapse", "Ryazan"} & set(spans(text, "actor"))


def test_a_town_name_that_names_a_person_stays_a_person() -> None:
    text = ("Senator Mike Jackson said 40 drones were bought in May. Jackson said the "
            "contract was signed on 3 June. Gov. Florence told reporters 12 roads were shut.")
    assert "Jackson" not in spans(text, "location")
    assert "Florence" not in spans(text, "location")


def test_the_world_towns_list_is_looked_up_as_written() -> None:
    from app.extract.places import world_city

    assert world_city("Ryazan") == "RU"
    assert world_city("Bogota") == world_city("Bogotá") == "CO"
    assert world_city("ryazan") is None  # a common word in lower case is never a town


def test_facilities_named_with_their_force_or_use() -> None:
    text = ("An F-35B crashed on the Utah Test and Training Range on 3 May. A jet from Hill Air "
            "Force Base crashed in 2024. It flew from Marine Corps Air Station Yuma on 2 May. "
            "Troops trained at the Pabradė training area on 4 May. Soldiers raided the Nur "
            "Shams refugee camp on 5 May.")
    locations = spans(text, "location")
    assert {"Utah Test and Training Range", "Hill Air Force Base",
            "Marine Corps Air Station Yuma", "Pabradė training area",
            "Nur Shams refugee camp"} <= set(locations)


def test_district_department_tehsil_and_local_government_areas() -> None:
    text = ("Jets struck positions in the Sidakan district on 3 May. Gangs attacked Liancourt "
            "in the Artibonite department on 4 May. Bandits abducted 40 people in Faskari "
            "Local Government Area on 5 May. The raid in Mir Ali tehsil began on 6 May.")
    locations = spans(text, "location")
    assert any(t.startswith("Sidakan") for t in locations)
    assert "Artibonite department" in locations
    assert "Faskari Local Government Area" in locations
    assert "Mir Ali tehsil" in locations
    assert not {"Artibonite department", "Mir Ali tehsil"} & set(spans(text, "actor"))


def test_an_office_named_department_stays_an_actor() -> None:
    text = "The US State Department said 900 people were rescued on 3 May."
    assert "US State Department" in spans(text, "actor")
    assert not spans(text, "location").keys() & {"The US State Department", "US State Department"}


def test_exercise_and_mission_names_are_no_actors_or_places() -> None:
    text = ("More than 30,000 troops joined the Steadfast Rampart exercise in Norway on 3 May. "
            "Steadfast Rampart ends on 9 May. NATO launched its Baltic Sentry mission on "
            "14 January.")
    names = set(spans(text, "actor")) | set(spans(text, "location"))
    assert not names & {"Steadfast Rampart", "Baltic Sentry"}
    assert "NATO" in spans(text, "actor") and "Norway" in spans(text, "location")


def test_arabic_place_names_are_places_not_people() -> None:
    text = ("Drones were launched at Ain al-Asad on Sunday. Strikes hit Kfar Rumman and Zawtar "
            "al-Sharqiyah on 3 May. Abu Mohammed al-Jolani spoke on 4 May.")
    locations = spans(text, "location")
    assert {"Ain al-Asad", "Kfar Rumman", "Zawtar al-Sharqiyah"} <= set(locations)
    assert not {"Ain al-Asad", "Zawtar al-Sharqiyah"} & set(spans(text, "actor"))
    assert any("Jolani" in t for t in spans(text, "actor"))


def test_roads_forests_and_posts_named_by_a_place() -> None:
    text = ("The Bodhei-Basuba road, which cuts through the Boni forest, was mined on 6 May. "
            "Militants stormed the Lafey police post on 5 May.")
    locations = spans(text, "location")
    assert {"Bodhei-Basuba road", "Boni forest", "Lafey police post"} <= set(locations)


def test_a_facility_named_by_who_holds_it_is_no_place() -> None:
    text = "Jets struck a Hezbollah military compound in Tyre on 4 May."
    assert not any("Hezbollah" in t for t in spans(text, "location"))
    assert "Hezbollah" in spans(text, "actor")


def test_a_place_word_after_a_determiner_is_no_region() -> None:
    text = "Some district officials said 4 people died on 9 May."
    assert not spans(text, "location")


def test_nationality_words_by_shape_and_names_that_only_end_in_i() -> None:
    from app.extract.place_rules import demonym

    assert demonym("Kuwaiti") and demonym("Somali") and demonym("Moldovan")
    assert not demonym("Boni") and not demonym("Nairobi") and not demonym("Helsinki")


def test_only_a_place_lies_off_a_coast_has_a_coast_or_is_nearby() -> None:
    assert "Kythira" in spans("Four bodies were found off Kythira on Monday.", "location")
    assert "Kachin" in spans("The rebels say they control 9 of Kachin's 18 townships.",
                             "location")
    assert "Chiloé" in spans("Waves battered Chiloé's western coast for hours.", "location")
    raid = "Police raided Tubas and nearby Tammun overnight."
    assert "Tammun" in spans(raid, "location")
    assert not spans(raid, "actor")


def test_a_dateline_city_in_capitals_and_a_dotted_province_are_places() -> None:
    text = ("MOSUL, Iraq, May 2 — Fighting resumed at dawn. About 300 people fled across B.C., "
            "according to the Ministry of Forests.")
    assert "B.C." in spans(text, "location")
    assert not {"MOSUL", "B.C."} & set(spans(text, "actor"))
    assert "MDA" in spans("The MDA paramedic said two people were hurt.", "actor")


def test_a_place_the_model_takes_for_a_people_is_a_place_in_a_place_slot() -> None:
    text = "Typhoon Kalmaegi made landfall in Cagayan province on Sunday."
    assert "Cagayan province" in spans(text, "location")
    assert "Yazidi" not in spans("Gunmen raided Yazidi villages near Sinjar.", "location")


def test_a_storm_is_no_actor_and_no_place() -> None:
    text = ("Typhoon Kalmaegi killed 14 people in Cagayan province. Kalmaegi weakened over "
            "land, like cyclones Sidr in 2007 and Amphan in 2020.")
    assert not {"Typhoon Kalmaegi", "Kalmaegi", "Sidr", "Amphan"} & (
        set(spans(text, "actor")) | set(spans(text, "location")))


def test_a_language_after_in_is_no_place_and_no_person() -> None:
    text = "She answered in Amharic, and the leaflets were printed in Pashto and in Somali."
    assert not spans(text, "location")
    assert not spans(text, "actor")
    assert "Afar region" in spans("Fighting spread in Afar region on Monday.", "location")
