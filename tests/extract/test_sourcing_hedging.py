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
    # speaking for a named body, named after the title
    ("The ferry was refloated on 2 June, a spokeswoman for the Estonian Maritime "
     "Administration told reporters.", "Estonian Maritime Administration"),
    ("A spokesman for Frontex said 310 boats were stopped in the Aegean in July.", "Frontex"),
    # a hyphen inside the source's name is no dateline dash
    ("Malta's state-run Public Broadcasting Services said 14 boats reached Valletta on Monday.",
     "Malta's state-run Public Broadcasting Services"),
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


@pytest.mark.parametrize("text", [
    "Nine fishermen were reportedly detained off Zanzibar on Tuesday.",
    "The depot in Ruse is thought to have held 300 tonnes of fuel.",
    "Two ferries were reported to have collided near Split on 4 May.",
    "The harbour police have been accused of beating 12 dockers in Gdynia.",
    "Many observers believe that 40 mayors will resign by June.",
])
def test_vague_sources_are_unnamed(text: str) -> None:
    assert only_claim(text).sourcing.value == "unnamed"


def test_no_casualties_were_reported_is_the_outlets_own_report() -> None:
    claim = only_claim("No casualties were reported after 3 shells hit Kherson on Monday.")
    assert claim.sourcing.value == "none"


@pytest.mark.parametrize(("text", "source"), [
    ("The Estonian news agency ETV reported explosions at the Tapa base on Sunday.", "ETV"),
    ("A Chilean navy spokesman accused the crew of dumping 40 barrels off Arica.", "spokesman"),
    ("Moldovan state media said 14 people were arrested in Balti on 2 April.", "state media"),
    ('"Our patrols found 6 mines near the pier on Monday," added the Latvian Coast Guard.',
     "Latvian Coast Guard"),
])
def test_institutions_speaking_are_named(text: str, source: str) -> None:
    claim = only_claim(text)
    assert claim.sourcing.value == "named"
    assert source in claim.source_name


def test_a_pronoun_source_takes_its_named_referent() -> None:
    text = ("Mayor Ilze Ozola opened the bridge in Jelgava on Monday. "
            "She said that 900 cars crossed it in the first hour.")
    claims = extract(text)
    second = next(c for c in claims if c.quote.startswith("She said"))
    assert second.sourcing.value == "named" and second.source_name == "Ilze Ozola"
    assert not any(k.text == "She" for c in claims for k in c.checkables)


def test_a_quote_over_several_sentences_takes_the_attribution_that_closes_it() -> None:
    text = ('"The convoy left Tartu at dawn. Eleven trucks reached Narva by noon", said '
            'Colonel Mart Kask.')
    claims = extract(text)
    assert len(claims) == 2
    assert all(c.sourcing.value == "named" for c in claims)


def test_a_statement_block_after_said_colon_is_the_speakers() -> None:
    text = ("Minister statement on the flood\n\nThe Minister for Water, Ana Kovac, said:\n\n"
            "The river rose 3 metres in Osijek overnight. Forty homes were flooded.\n")
    claims = extract(text)
    body = [c for c in claims if "river" in c.quote or "homes" in c.quote]
    assert len(body) == 2
    assert all(c.sourcing.value == "named" and "Ana Kovac" in c.source_name for c in body)


def test_an_official_statement_in_its_own_voice_is_the_issuers() -> None:
    text = ("Interception of a smuggling vessel\n"
            "The Ministry of Defence of Freedonia\n\n"
            "Yesterday our coast guard stopped a trawler carrying 300 rifles near Port Ellis.\n"
            "We detained its crew of six.\n"
            "The trawler was towed to Kestrel Bay on Sunday.\n")
    claims = extract(text)
    assert len(claims) == 3
    assert all(c.sourcing.value == "named" for c in claims)
    assert all("Ministry of Defence of Freedonia" in c.source_name for c in claims)


def test_a_news_report_with_we_only_inside_quotes_has_no_issuer() -> None:
    text = ('The governor said: "We will rebuild." '
            'Engineers said "we need 40 days". Floods cut 3 roads near Tulcea on Monday.')
    floods = next(c for c in extract(text) if c.quote.startswith("Floods"))
    assert floods.sourcing.value == "none"


def test_an_official_site_speaks_for_its_issuer() -> None:
    from app.document.model import Article

    article = Article(text="Coalition aircraft struck 4 bridges near Hit on 9 March.",
                      outlet="Joint Task Force Command", url="https://www.jtf.example.mil/news/1")
    claim = extract(article)[0]
    assert claim.sourcing.value == "named" and claim.source_name == "Joint Task Force Command"


@pytest.mark.parametrize("text", [
    "Freedonia has accused Sylvania of shelling 3 villages near the border on Monday.",
    "The border guards have been accused of firing 20 shots at a boat on 3 June.",
])
def test_an_accusation_hedges_the_claim(text: str) -> None:
    assert only_claim(text).hedged


def test_possible_before_a_noun_does_not_hedge() -> None:
    claim = only_claim("The navy moved 4 frigates to Split on Monday to prepare for possible "
                       "attacks.")
    assert not claim.hedged


@pytest.mark.parametrize("check", ["could not be independently confirmed",
                                   "could not be independently verified"])
def test_could_not_be_independently_confirmed_is_not_a_hedge(check: str) -> None:
    claim = only_claim(f"Twelve drones were shot down over Sumy on Friday; this {check}.")
    assert not claim.hedged


@pytest.mark.parametrize(("text", "source"), [
    ("Flames rose over the grain silo in Ruse for two hours, a Reuters photographer reported, "
     "and 3 fire engines arrived later.", "Reuters photographer"),
    ("The coast guard has detained a trawler carrying 40 tonnes of diesel, the port director of "
     "Split announced on Thursday.", "port director of Split"),
    ("TALLINN, 3 May - The Estonian Interior Ministry said on Friday that 12 homes had burned.",
     "Estonian Interior Ministry"),
])
def test_an_attribution_set_apart_by_commas_or_after_a_dateline_is_named(text: str,
                                                                        source: str) -> None:
    claim = only_claim(text)
    assert claim.sourcing.value == "named"
    assert source in claim.source_name


@pytest.mark.parametrize("text", [
    "Observers from the Council of Europe said that 14 polling stations opened late on Sunday.",
    "Analysts at the Lowy Institute estimate that 300 drones were built in May.",
    "Some 4,000 homes lost power on Monday, according to World Bank figures.",
    "Colonel Ivan Petrov blamed the Northern Brigade for the blast that killed 6 soldiers in "
    "Kursk.",
])
def test_people_and_figures_of_a_named_body_are_named(text: str) -> None:
    assert only_claim(text).sourcing.value == "named"


def test_the_report_stands_for_the_report_named_before() -> None:
    text = ("Amnesty International published a report on the camps on Monday. "
            "Some 300 detainees were held in Tarsk in March, the report said.")
    claims = extract(text)
    second = next(c for c in claims if c.quote.startswith("Some 300"))
    assert second.sourcing.value == "named"


def test_an_unnamed_report_stays_unnamed() -> None:
    assert only_claim("Some 300 detainees were held in Tarsk in March, a report said."
                      ).sourcing.value == "unnamed"


@pytest.mark.parametrize("text", [
    "The militia did not claim the bombing of the Dnipro depot on 4 May.",
    "The Northern Brigade did not deny the accusation that it shelled Vovchansk on 2 May.",
    "No group has condemned the shelling of Idlib in June.",
])
def test_a_refusal_or_a_silence_is_the_outlets_report(text: str) -> None:
    claim = only_claim(text)
    assert claim.sourcing.value == "none"
    assert not claim.hedged


@pytest.mark.parametrize("text", [
    "The Northern Brigade denied that it shelled Vovchansk on 2 May.",
    "The regime denied targeting 3 hospitals in Idlib in June.",
    "Freedonia's foreign ministry condemned the strike on Tarsk as a violation of its borders.",
    "Defence Minister Ana Petrova dismissed the reports as propaganda on Tuesday.",
    'The army spokesman, Col. Ivo Marek, called the figures "invented" on Monday.',
])
def test_a_stance_on_something_said_or_done_is_the_speakers(text: str) -> None:
    assert only_claim(text).sourcing.value == "named"


def test_a_stance_by_vague_officials_is_unnamed_and_a_phone_call_no_stance() -> None:
    assert only_claim("Officials in Tarsk rejected the figures on Monday."
                      ).sourcing.value == "unnamed"
    assert only_claim("The minister called Kyiv on Monday about 40 drones."
                      ).sourcing.value == "none"


def test_an_official_statements_impersonal_sentences_are_the_issuers() -> None:
    text = ("Strike on a weapons store\n"
            "The Ministry of Defence of Freedonia\n\n"
            "On Friday our aircraft struck a depot near Port Ellis with 2 guided bombs.\n"
            "Battle damage assessment showed that the depot was destroyed.\n"
            "It is believed that 5 gunmen died in the strike.\n"
            "We will continue to support our partners.\n")
    claims = {c.quote[:10]: c for c in extract(text)}
    for start in ("Battle dam", "It is beli"):
        assert claims[start].sourcing.value == "named"
        assert "Ministry of Defence of Freedonia" in claims[start].source_name
    assert claims["It is beli"].hedged


def test_a_claim_pointed_at_is_no_hedge() -> None:
    text = ("Party leader Ana Dumitru said 300 ballots were burned in Iasi on Monday. "
            "She gave no proof to back the claim.")
    proof = next(c for c in extract(text) if "proof" in c.quote)
    assert not proof.hedged


def test_someones_estimate_is_an_attribution_not_a_hedge() -> None:
    claim = only_claim("Researchers at the Lowy Institute have estimated the output at 300 "
                       "drones a month.")
    assert not claim.hedged
    assert claim.sourcing.value == "named"
    assert not only_claim("An estimated 300 people fled Kupiansk on Monday.").hedged
    assert only_claim("The Vostok-9 is estimated to carry a 500 kg warhead.").hedged


def test_epistemic_adverbs_hedge_even_where_the_parser_misreads_them() -> None:
    assert only_claim("Russian units have almost certainly crossed the Oskil near Kupiansk.").hedged
    assert only_claim("Further east, Russian forces have likely captured positions near "
                      "Siversk.").hedged


def test_a_side_clause_saying_what_a_thing_probably_was_hedges_the_claim() -> None:
    assert only_claim("At 3:10 a.m. an object that was most likely a Kh-59 missile crossed "
                      "into Moldovan airspace.").hedged
    assert only_claim("Police saw three drones, which appeared to be flying north over "
                      "Dover.").hedged
    assert not only_claim("Rebels fired S-200 missiles at Hama, a detail that suggests a new "
                          "supply line.").hedged


def test_suspicion_of_who_did_it_hedges_but_an_inquiry_into_a_suspected_crime_does_not() -> None:
    assert only_claim("Suspected ISWAP fighters attacked a checkpoint in Monguno on Friday.").hedged
    assert only_claim("Police detained a cargo ship suspected of cutting a cable near "
                      "Gotland.").hedged
    assert only_claim("Investigators suspect that the anchor was dragged for 90 km.").hedged
    assert not only_claim("The prosecutor opened an inquiry into a suspected war crime in "
                          "Bucha.").hedged


def test_claiming_a_thing_is_an_act_but_claiming_a_clause_is_a_hedge() -> None:
    assert not only_claim("The Jund al-Aqsa group claimed the bombing in Idlib on Sunday.").hedged
    assert not only_claim("Ankara rejected such claims on Tuesday.").hedged
    assert only_claim("The army claimed that it had downed 14 drones over Belgorod.").hedged


def test_could_with_a_verb_of_seeing_is_an_ability_not_a_possibility() -> None:
    assert not only_claim('"You could see smoke over the port of Sfax," a fisherman said.').hedged
    assert only_claim("The blast could have damaged the dam at Kakhovka, engineers said.").hedged


def test_a_modal_in_the_clause_that_holds_the_number_hedges_it() -> None:
    claim = only_claim("The navy is refitting its patrol boats with larger tanks, which might "
                       "raise their range to 900 kilometres, the defence ministry said.")
    assert claim.hedged
    side = only_claim("Police used 4 armoured vans, which may have been bought in Italy in "
                      "2019.")
    assert not side.hedged


def test_an_official_summarys_title_names_its_issuer() -> None:
    text = ("Daily summary of the Ministry of Defence of Freedonia\n\n"
            "Air defence units shot down 14 drones over the Kestrel region overnight.\n"
            "Units of the Northern group struck 3 depots near Port Ellis.\n")
    claims = extract(text)
    assert len(claims) == 2
    assert all(c.sourcing.value == "named" for c in claims)
    assert all(c.source_name == "Ministry of Defence of Freedonia" for c in claims)


def test_a_headline_about_a_statement_names_no_issuer() -> None:
    text = ("Foreign Ministry statement angers Sylvania\n\n"
            "Troops moved 40 tanks to the border near Port Ellis on Monday.\n")
    tanks = next(c for c in extract(text) if "40 tanks" in c.quote)
    assert tanks.sourcing.value == "none"


def test_a_source_line_in_a_live_blog_attributes_its_paragraph_only() -> None:
    text = ("Live: border incidents\n\n"
            "08:10 Gunboats crossed the line near Vis at dawn, the navy said.\n\n"
            "More details from the Freedonian Coast Guard:\n\n"
            "The boats sailed 40 km into the bay. Three were turned back at noon.\n\n"
            "09:30 Sylvania closed 2 ports on Monday.\n")
    claims = {c.quote[-25:]: c for c in extract(text)}
    detail = [c for q, c in claims.items() if "40 km" in c.quote or "turned back" in q]
    assert len(detail) == 2
    assert all(c.sourcing.value == "named" and c.source_name == "Freedonian Coast Guard"
               for c in detail)
    ports = next(c for c in claims.values() if "2 ports" in c.quote)
    assert ports.sourcing.value == "none"


def test_a_release_title_with_a_colon_names_its_issuer() -> None:
    text = ("Freedonian Ministry of Defence: daily summary, 12 March\n\n"
            "Air defence units shot down 14 drones over the Kestrel region overnight.\n")
    claim = next(c for c in extract(text) if "14 drones" in c.quote)
    assert claim.sourcing.value == "named"
    assert claim.source_name == "Freedonian Ministry of Defence"


def test_grounds_to_believe_hedges_the_claim() -> None:
    claim = only_claim("Investigators found reasonable grounds to believe that chlorine was "
                       "dropped on 3 villages in May.")
    assert claim.hedged


def test_an_unresolved_pronoun_speaks_for_the_anonymous_source_before_it() -> None:
    text = ("Rescuers moved 300 people from Tiree on Monday, a council spokesman said. "
            "He added that 12 homes were flooded.")
    claims = extract(text)
    added = next(c for c in claims if c.quote.startswith("He added"))
    assert added.sourcing.value == "unnamed"
    assert added.source_name == "a council spokesman"
    # a named speaker before it is still the pronoun's referent
    named = extract("Mayor Ailsa Grant said 300 people left Tiree on Monday. "
                    "She added that 12 homes were flooded.")
    assert next(c for c in named if c.quote.startswith("She added")).sourcing.value == "named"


def test_a_press_statement_headline_takes_its_issuer_from_the_first_sentence() -> None:
    text = ("Press statement: Ministry summons the Sylvanian envoy after a drone crash\n\n"
            "Valmora, 4 October 2025\n\n"
            "The Ministry of Foreign Affairs of Freedonia firmly condemns the violation of its "
            "airspace on 3 October.\n"
            "No casualties were reported.\n"
            "We conveyed a firm protest to the envoy on 4 October.\n")
    claims = extract(text)
    assert not any(c.quote.startswith("Valmora") for c in claims)  # a place-and-date line
    body = [c for c in claims if not c.quote.startswith("Press")]
    assert len(body) == 3
    assert all(c.sourcing.value == "named" and "Ministry of Foreign Affairs" in c.source_name
               for c in body)


def test_a_release_metadata_line_between_bars_names_the_issuer_and_is_no_claim() -> None:
    text = ("Weapons seized at the border\n\n"
            "Press release | Ministry of Internal Affairs | 14.05.2025, 11:30\n\n"
            "On 13 May, officers seized 14 rifles at the Tabanovce border crossing.\n")
    claims = extract(text)
    assert not any("|" in c.quote for c in claims)
    body = next(c for c in claims if c.quote.startswith("On 13 May"))
    assert body.sourcing.value == "named" and body.source_name == "Ministry of Internal Affairs"


def test_a_live_blogs_we_and_our_correspondent_are_the_outlets_voice() -> None:
    text = ("Missiles fired towards the sea – live updates\n\n"
            "13:05 — That's where we'll pause this live coverage. Two missiles fell in the sea "
            "near Kamo Island on Monday.\n\n"
            "11:15 — Our correspondent reports that sirens were not activated. Trains are "
            "running normally.\n\n"
            "10:30 — More from the Joint Staff: the missiles flew about 600 km. They were "
            "launched at 9:12 a.m.\n")
    claims = {c.quote[:20]: c for c in extract(text)}
    fell = next(c for q, c in claims.items() if "Two missiles" in q)
    assert fell.sourcing.value == "none"
    launched = next(c for q, c in claims.items() if q.startswith("They were"))
    assert launched.sourcing.value == "named" and "Joint Staff" in launched.source_name


@pytest.mark.parametrize(("text", "sourcing"), [
    # an estimate given by its subject
    ("The Geophysical Institute of Lerovia put the magnitude at 7.0 on Sunday.", "named"),
    # a body noun with its named owner, and a body named before ("the group")
    ("Rebels attacked 4 towns in 2023, according to a U.N. panel of experts.", "named"),
    ("The Conflict Evidence Network published a report on Monday. In a 46-page report, the "
     "group said 3 villages were hit by chlorine in March.", "named"),
    # where anonymous sources are does not name them
    ("Medical staff at a clinic in Tawila told researchers that they treated 62 people on "
     "9 March.", "unnamed"),
    ("Officials in Valmora said 12 people died in the blast on Friday.", "unnamed"),
    ("A magnitude 6.8 earthquake struck the south on Sunday, killing 19 people, "
     "authorities said.", "unnamed"),
    # "the air force" is the institution, as "the army" is
    ("Ukraine's air force shot down 40 drones. Among the missiles destroyed were 29 Kh-101 "
     "cruise missiles, the air force said.", "named"),
    # a thing that leaked is no leak to the press
    ("Karen Whitlock said that 9,000 gallons of fertilizer leaked from the tank cars on "
     "Monday.", "named"),
    # nobody claiming is no source
    ("No group has claimed the launch of 2 rockets on Sunday.", "none"),
])
def test_sourcing_of_constructions(text: str, sourcing: str) -> None:
    claim = extract(text)[-1]
    assert claim.sourcing.value == sourcing, claim.source_name


def test_a_pronoun_after_an_anonymous_speaker_stays_unnamed() -> None:
    text = ("Defence Minister Carlos Ruano told reporters that 2 helicopters had been sent on "
            "Sunday. A local priest said the church in Madrigal had collapsed on Sunday. Its "
            "bell tower fell onto the square on Sunday, he said.")
    last = extract(text)[-1]
    assert last.quote.startswith("Its bell tower")
    assert last.sourcing.value == "unnamed"
    assert "priest" in last.source_name


def test_imagery_is_the_outlets_own_evidence() -> None:
    text = "Commercial satellite imagery of the air base shows 14 bombers parked on 3 May."
    assert only_claim(text).sourcing.value == "none"


@pytest.mark.parametrize(("text", "sourcing"), [
    # a reporting participle on a speech act speaks with its subject ...
    ("Defence Minister Olena Marsh thanked Britain on Monday, writing that 40 missiles would "
     "arrive in May.", "named"),
    # ... but not on an act the outlet reports
    ("In April, the navy seized the tanker Sea Star in the Gulf of Oman, saying it had "
     "violated rules.", "none"),
    # a named outlet passing on an anonymous source is the outlet
    ("RIA Novosti, citing a source in the foreign ministry, reported that 2 envoys were "
     "summoned on Monday.", "named"),
    # a proper name heading the source, even one the model does not tag
    ("Violence has killed 26,000 people since 2015, according to ACLED, a conflict "
     "monitoring organisation.", "named"),
    # a statement from a body named by its institution word
    ("The assault began on Sunday, according to a statement from the army general staff.",
     "named"),
    # an institution's data with the institution capitalised before it
    ("Ministry data show that 3,000 aircraft entered the zone in 2024.", "named"),
    # a description with a reporting participle is no source: the office is
    ("Gunmen believed to belong to a cartel fired on 4 trucks in Aguililla on Sunday, the "
     "state attorney general's office said in a statement.", "named"),
])
def test_sourcing_of_more_constructions(text: str, sourcing: str) -> None:
    claim = extract(text)[-1]
    assert claim.sourcing.value == sourcing, claim.source_name


def test_a_quote_after_an_attributed_sentence_goes_on_in_its_voice() -> None:
    text = ('"The attackers were pushed back after 4 hours," the statement from the army said. '
            '"Our drones then destroyed 40 motorbikes near the border."\n\n'
            "A local official, speaking on condition of anonymity, gave a higher toll. "
            '"We have counted 31 bodies," he said. "The depot burned on Sunday."\n')
    claims = extract(text)
    drones = next(c for c in claims if "Our drones" in c.quote)
    assert drones.sourcing.value == "named" and "army" in drones.source_name
    depot = next(c for c in claims if "depot" in c.quote)
    bodies = next(c for c in claims if "31 bodies" in c.quote)
    assert bodies.sourcing.value == "unnamed" and depot.sourcing.value == "unnamed"


def test_a_quote_in_a_new_paragraph_does_not_inherit() -> None:
    text = ('Officials said 4 people died in Tulcea on Monday.\n\n'
            '"Our drones destroyed 40 motorbikes near the border on Sunday."\n')
    quote = extract(text)[-1]
    assert quote.sourcing.value == "none"


def test_a_bracketed_dateline_release_speaks_for_the_body_saying_it_today() -> None:
    text = ("Floods displace 270,000 people in Hiran region\n\n"
            "(Mogadishu, 12 November) – Nearly 274,000 people have fled their homes since "
            "Saturday, the UN Office for the Coordination of Humanitarian Affairs (OCHA) said "
            "today.\n\n"
            "Flood water now covers 85 per cent of Beledweyne.\n")
    water = next(c for c in extract(text) if c.quote.startswith("Flood water"))
    assert water.sourcing.value == "named"
    assert water.source_name == "UN Office for the Coordination of Humanitarian Affairs"


def test_a_claim_to_territory_is_neither_a_source_nor_a_hedge() -> None:
    claim = only_claim("Both countries claim Kashmir in full but have ruled only parts of it "
                       "since 1947.")
    assert claim.sourcing.value == "none"
    assert not claim.hedged


@pytest.mark.parametrize(("text", "sourcing"), [
    ("By some estimates, the strikes have knocked out up to 17% of capacity since May.",
     "unnamed"),
    ("The UN panel published its report on Monday. The panel's experts said they had tracked "
     "37 cargo flights in May.", "named"),
    ("In Krasnodar Krai, the regional operational headquarters reported a fire at the port "
     "of Tuapse on Monday.", "named"),
])
def test_estimates_experts_of_a_body_and_headquarters(text: str, sourcing: str) -> None:
    claim = extract(text)[-1]
    assert claim.sourcing.value == sourcing, claim.source_name


@pytest.mark.parametrize(("text", "sourcing"), [
    # a name in apposition names an indefinite source ...
    ("A resident, Lawal Umaru, said the attackers came on 50 motorcycles on Monday.", "named"),
    # ... a description in apposition does not
    ("A source, a senior officer, said 3 soldiers died on Monday.", "unnamed"),
    # a report's named author
    ("A report by the Institute for Science and International Security said 40 drones were "
     "built in 2024.", "named"),
    ("A report by journalists said 40 drones were built in 2024.", "unnamed"),
])
def test_apposed_names_and_report_authors(text: str, sourcing: str) -> None:
    claim = extract(text)[-1]
    assert claim.sourcing.value == sourcing, claim.source_name


def test_an_explainers_we_is_the_outlets_not_an_issuers() -> None:
    text = ("Drones for Russia: what we know, and what we don't\n\n"
            "What do we know about the plant?\n\n"
            "Iran is thought to have delivered 40 drones in 2023. Officials in Kyiv warn that "
            "20 jets could follow in May.\n")
    claims = extract(text)
    assert all(c.sourcing.value != "named" for c in claims), [
        (c.quote, c.source_name) for c in claims]


def test_an_anonymous_source_with_an_aside_is_never_the_issuers_voice() -> None:
    text = ("Press release from the Ministry of Defence of Freedonia\n\n"
            "Our frigate escorted 4 grain ships on 3 May. A naval officer, speaking on condition "
            "of anonymity, said 2 drones were shot down on 3 May.\n")
    officer = next(c for c in extract(text) if "officer" in c.quote)
    assert officer.sourcing.value == "unnamed"


def test_said_in_a_statement_that_is_the_speakers_though_the_clause_hangs_on_the_noun() -> None:
    claim = only_claim("The Freedonian Coast Guard Command said in a statement that ship 4410 "
                       "rammed a patrol boat near Tarsk on Monday.")
    assert claim.sourcing.value == "named"


def test_an_official_body_named_above_the_kind_of_document_issues_it() -> None:
    text = ("Ministry of Defence\nOperational update\n\n"
            "1. Over the past day, Russian forces have intensified assaults near Tarsk.\n\n"
            "2. On 15 May, 40 armoured vehicles attacked towards Vovchansk.\n")
    claims = extract(text)
    assert {c.sourcing.value for c in claims if "Tarsk" in c.quote or "Vovchansk" in c.quote} \
        == {"named"}


def test_a_headline_credits_its_source_after_a_colon() -> None:
    text = ("Freedonia fires 12 drones across the border overnight: Tarsk coast guard\n\n"
            "The drones crossed at 3 a.m., the guard said.\n")
    headline = next(c for c in extract(text) if "overnight" in c.quote)
    assert headline.quote.endswith("Tarsk coast guard")
    assert headline.sourcing.value == "named"
    label = extract("Live updates: Freedonia shells Tarsk overnight\n\nShells fell at dawn.\n")
    assert all(c.sourcing.value == "none" for c in label)
