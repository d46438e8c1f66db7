"""Locations: how a place span is built, and the slots that make a name a place.

A place is widened to its direction ("southern Ukraine") and its border
("the Russia-Ukraine border"); regions are found by their designator word
("Kharkiv Oblast", also when the model calls them organisations); a name in a
slot only a place fills is a place whatever the model's label ("near Ayn Isa",
"the village of X", "X, an area outside Damascus"); named facilities
("Mosul Dam") are places, not organisations.
"""

from __future__ import annotations

import re
from typing import Any

from app.extract import lexicon, places
from app.extract.actors import INSTITUTION_HEADS
from app.extract.candidates import LOCATION_LABELS, Found, end_char
from app.extract.organisations import organisation_names
from app.extract.tokens import positions

# Physical places where events happen; re-found as locations even without a name
# ("a hospital", "the town"). Abstract areas ("the region", "the border") are left out:
# they locate nothing a checker can look up.
FACILITY_NOUNS = lexicon.words("places", "facility_nouns")
# rivers, lakes, valleys: no person gives a river its name in the news ("the Vrbas river")
NATURAL_FEATURES = lexicon.words("places", "natural_features")
# no person gives these their name either: "the Tabanovce border crossing"
NAMED_BY_PLACE = NATURAL_FEATURES | {"crossing", "checkpoint", "camp", "area", "range", "mine",
                                     "post", "outpost", "garrison", "road", "highway"}
# a facility head that takes the name of the force that runs it: "Hill Air Force Base",
# "Marine Corps Air Station Yuma"
FORCE_NAMED_HEADS = frozenset({"Base", "Station", "Airfield", "Range", "Barracks", "Yard"})
BORDER_WORDS = lexicon.words("places", "border_words")
BORDER_TAILS = lexicon.words("places", "border_tails")  # "the Russia-Ukraine border"
NEAR_WORDS = lexicon.words("places", "near_words")
# "travelled to Arequipa", "fled into X": where something goes is a place
MOTION_VERBS = lexicon.words("places", "motion_verbs")
GOAL_PREPOSITIONS = frozenset({"to", "into", "towards", "toward"})
# "close to Kupyansk", "across the Danube": two-word slots only a place fills
NEAR_PAIRS = frozenset({"close", "next"})
THE_PLACE_PREPOSITIONS = frozenset({"across", "along", "beyond", "off", "up", "down"})
# "the road between Kfar Kila and Adaisseh": the ends of a route are places
ROUTE_NOUNS = frozenset({"road", "highway", "route", "railway", "railroad", "line", "corridor",
                         "border", "pipeline", "motorway", "bridge", "trains", "flights"})
# labels the model gives names it does not know: "the region of Ica" read as a number
UNKNOWN_LABELS = frozenset({"", "CARDINAL", "ORDINAL", "QUANTITY"})
# Words before a name that make it a place whatever the model's label: "near Daquq",
# "the village of Tuloul Naser", "35km south of Qayyarah".
PLACE_PREPOSITIONS = lexicon.words("places", "place_prepositions")
POSSESSED_PLACE_NOUNS = lexicon.words("places", "possessed_place_nouns")
PLACE_OF_NOUNS = lexicon.words("places", "place_of_nouns")
NAMED_PLACE_HEADS = lexicon.words("places", "named_place_heads")
NOT_PLACE_WORDS = lexicon.words("actors", "not_place_words")
# areas of a country or city: "Lebanese airspace", "the Indonesian coast", "Damascus suburbs"
AREA_NOUNS = lexicon.words("places", "area_nouns")
DEMONYM_WORDS = frozenset(places.DEMONYMS)

RULE_REGION = re.compile(
    r"\b(?:[A-Z][\w’'-]+\s+){1,3}(?:Oblast|Region|Krai|Kray|Province|Governorate|Raion"
    r"|County|Prefecture|Municipality|Local Government Area)\b"
    # "Sidakan district", "the Artibonite department": a name and its lower-case designator
    r"|(?<![\w’'-])(?!(?:The|In|At|On|From|Of|A|An|Some|Each|Every|One|Another|This|That|Any"
    r"|No|Both|All|Most|Many|Its|Their|His|Her)\s)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2}\s+"
    r"(?:oblast|region|krai|province|governorate|raion|district|county|department|prefecture"
    r"|municipality|tehsil|commune)\b")


def place(doc: Any, start: int, end: int) -> Found:
    """A location, extended to "southern Ukraine" and "the Russia-Ukraine border"."""
    book = places.place_book()
    s, e = start, end
    if doc[s].lower_ == "the":
        s += 1
    if s > 0 and doc[s - 1].text in book.direction_words:
        s -= 1
    # "Russia-Ukraine border": place, hyphen, place, border word
    while e + 1 < len(doc) and doc[e].text in ("-", "–") \
            and doc[e + 1].ent_type_ in LOCATION_LABELS:
        e += 2
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
    if e < len(doc) and doc[e].lower_ in BORDER_TAILS \
            and (e > end or doc[e - 1].dep_ == "compound"):
        e += 1
    name = doc[s:e].text
    country = places.country_code(doc[start:end].text) or places.country_code(name) \
        or places.world_city(doc[start:end].text)
    attrs = {"country": country} if country else {}
    return Found("location", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), name, attrs)


def region_match(m: re.Match[str]) -> Found | None:
    """ "Russia's Kursk Oblast": the region, with the possessor as its country."""
    name = m.group()
    start = m.start()
    first = name.split()[0]
    if demonym(re.sub(r"['’]s$", "", first)) and not places.is_known_place(first) \
            or first.lower() in NOT_PLACE_WORDS:
        return None  # "the Ukrainian state", "Police district": no region's name
    country = None
    for mark in ("’s ", "'s "):
        if mark in name:
            owner, _, rest = name.rpartition(mark)
            country = places.country_code(owner)
            start += len(owner) + len(mark)
            name = rest
    country = country or places.country_code(name)
    return Found("location", start, m.end(), name, {"country": country} if country else {},
                 rank=-1)


def regions(text: str) -> list[Found]:
    """Regions named by their designator word ("Belgorod Region", "Kharkiv Oblast")."""
    return [f for f in (region_match(m) for m in RULE_REGION.finditer(text)) if f is not None]


def names_after_near(doc: Any) -> list[tuple[int, int]]:
    """ "Near Ayn Isa, one strike ...": capitalised words after "near" or "outside" name a
    place even when the model tags nothing (it often misses unfamiliar transliterations)."""
    out = []
    for index in positions(doc, NEAR_WORDS):
        end = index + 1
        while end < len(doc) and end - index <= 4 and doc[end].text[:1].isupper() \
                and doc[end].is_alpha | ("-" in doc[end].text) and not doc[end].is_sent_start:
            end += 1
        if end > index + 1 and doc[index + 1].lower_ != "the":
            out.append((index + 1, end))
    return out


def names_in_place_slots(doc: Any) -> list[tuple[int, int]]:
    """A capitalised name the model leaves untagged (or reads as a number) in a slot only a
    place fills: "the coastal region of Ica", "travelled to Arequipa", "close to Kupyansk
    and Petropavlovka"."""
    out = []
    for token in doc:
        if token.dep_ != "pobj" or token.pos_ != "PROPN" or not token.text[:1].isupper() \
                or token.text.isupper() or not _place_slot(token.head):
            continue
        for name in [token, *(c for c in token.children if c.dep_ == "conj")]:
            # a name the model labelled a person or a body is read by in_place_slot; here
            # the ones it left untagged, read as a number or as a nationality ("Ica")
            if name.pos_ != "PROPN" or not name.text[:1].isupper() or not (
                    name.ent_type_ in UNKNOWN_LABELS
                    or name.ent_type_ == "NORP" and not demonym(name.text)):
                continue
            start = name.i
            while start > 0 and doc[start - 1].dep_ == "compound" \
                    and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
                start -= 1
            if not any(doc[k].lower_ in NOT_PLACE_WORDS for k in range(start, name.i + 1)):
                out.append((start, name.i + 1))
    return out


def _place_slot(prep: Any) -> bool:
    """Whether the preposition ``prep`` opens a slot only a place fills."""
    word, head = prep.lower_, prep.head
    if word in ("in", "at", "around") and head.pos_ in ("VERB", "AUX", "NOUN"):
        return True  # "sheltering in Ceel Jaale": a name nothing else tagged
    if word == "between":
        return head.lower_ in ROUTE_NOUNS
    if word == "of":
        return head.lower_ in PLACE_OF_NOUNS and head.pos_ == "NOUN"
    if word in GOAL_PREPOSITIONS:
        return head.lemma_.lower() in MOTION_VERBS or word == "to" and head.lower_ in NEAR_PAIRS
    return False


_LISTED_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
# "the Kooshin, Hawo Tako and Buundoweyn neighbourhoods", "Luuq and Doolow districts"
_SHARED_PLURAL = re.compile(
    rf"(?P<names>{_LISTED_NAME}(?:,\s+{_LISTED_NAME})*,?\s+(?:and|or)\s+{_LISTED_NAME})"
    r"\s+(?:neighbou?rhoods|districts|regions|provinces|villages|towns|cities|camps|oblasts"
    r"|governorates|counties|states|municipalities|islands|suburbs|settlements)\b")
_NOT_LISTED = frozenset({"In", "At", "On", "The", "From", "Both", "And", "Near", "Of", "To"})


def shared_region_words(text: str) -> list[tuple[int, int]]:
    """ "the Bint Jbeil and Marjayoun districts", "the Kooshin, Hawo Tako and Buundoweyn
    neighbourhoods": names listed before the plural place word they share are places, each
    its own (character spans)."""
    out = []
    for m in _SHARED_PLURAL.finditer(text):
        start = m.start("names")
        for part in re.finditer(r"[^,]+", m.group("names")):
            for name in re.split(r"\s+(?:and|or)\s+", part.group()):
                words = name.split()
                while words and (words[0] in _NOT_LISTED or words[0].endswith(("'s", "’s"))):
                    words = words[1:]  # "In", "Russia's": not part of the name
                if not words:
                    continue
                word = " ".join(words)
                at = text.find(word, start + part.start())
                if at != -1:
                    out.append((at, at + len(word)))
    return out


def _listed_after_place_word(doc: Any, ent: Any) -> bool:
    """ "around Matabaan and Jowhar": a name listed after one in a place slot."""
    root = ent.root
    if root.dep_ != "conj":
        return False
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    k = first.left_edge.i - 1
    return k >= 0 and (doc[k].lower_ in PLACE_PREPOSITIONS | NEAR_WORDS or first.ent_type_ in (
        "GPE", "LOC", "FAC") and doc[k].lower_ in ("in", "at"))


def between_route_ends(doc: Any, ent: Any) -> bool:
    """ "the road between Kfar Kila and Adaisseh": a name at either end of a route."""
    root = ent.root
    if root.dep_ == "conj":
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "between" \
        and root.head.head.lower_ in ROUTE_NOUNS


def named_features(doc: Any) -> list[tuple[int, int]]:
    """ "Ren'ai Reef", "Second Thomas Shoal": capitalised words ending in a feature or
    facility word name a place, whatever the model made of them."""
    out = []
    for token in doc:
        if token.text not in NAMED_PLACE_HEADS or token.i == 0 or token.ent_type_ in (
                "GPE", "LOC", "FAC"):
            continue
        start = token.i
        while start > 0 and token.i - start < 6 and not doc[start - 1].is_sent_start and (
                doc[start - 1].text[:1].isupper() and (
                    doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN") or doc[start - 1].like_num)
                or doc[start - 1].lower_ == "and" and start > 1
                and doc[start - 2].text[:1].isupper()):  # "Utah Test and Training Range"
            start -= 1
        end = token.i + 1
        if token.text in FORCE_NAMED_HEADS and end < len(doc) and doc[end].ent_type_ in (
                "GPE", "LOC", "") and doc[end].pos_ == "PROPN":
            end += 1  # "Marine Corps Air Station Yuma"
        inside = range(start, end)
        if start < token.i and not any(
                doc[k].lower_ in NOT_PLACE_WORDS or doc[k].lower_ in INSTITUTION_HEADS
                and token.text not in FORCE_NAMED_HEADS for k in inside):
            out.append((start, end))
    return out


def named_facilities(doc: Any) -> list[tuple[int, int]]:
    """ "the Mezzeh military airport", "Tiyas airbase": a facility named by a place or a
    name before it. A facility with no name ("the hospital", "a school") locates nothing a
    checker can look up, so it is no checkable."""
    out = []
    for index in positions(doc, FACILITY_NOUNS):
        t = doc[index]
        if t.pos_ != "NOUN" or t.dep_ == "compound":
            continue
        start = t.i
        named = False
        for child in t.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and child.i < start:
                start = min(child.i, child.left_edge.i)  # "the Red Sea city": all the name
                # "the Nur Shams refugee camp": the name may sit under a modifier noun
                named = named or any(
                    g.pos_ == "PROPN" and not demonym(g.text) and (
                        g.ent_type_ != "PERSON" or t.lower_ in NAMED_BY_PLACE
                        or places.world_city(g.text) is not None)
                    for g in (child.subtree if child.pos_ == "NOUN" else [child]))
        while start < t.i and doc[start].pos_ != "PROPN":
            start += 1  # "the new Tiyas airbase": the name, not the adjectives before it
        if named and start < t.i and not _known_organisation(doc[start:t.i].text):
            out.append((start, t.i + 1))
    return out


def _known_organisation(words: str) -> bool:
    """ "the Hezbollah military compound": a facility named by who holds it is no place name."""
    names = organisation_names()
    return any(w in names for w in words.split())


_DEMONYM_SHAPE = re.compile(r"^[A-Z][a-z]+(?:ian|ean|an|ese|ish|ic)$")


def demonym(word: str) -> bool:
    """A nationality word: listed ("Ukrainian"), shaped like one ("Moldovan", "Gabonese"), or a
    country with "i" ("Kuwaiti", "Somali"); not any name ending in "i" ("Boni", "Nairobi")."""
    if word.lower() in DEMONYM_WORDS or _DEMONYM_SHAPE.match(word):
        return True
    return len(word) > 4 and word.endswith("i") and word[:1].isupper() and (
        places.country_code(word[:-1]) is not None or places.country_code(word + "a") is not None)


def listed_with_places(doc: Any) -> list[tuple[int, int]]:
    """ "in Varvarivka, Hlyboke and Strilecha": a name the model leaves untagged, listed with a
    place, is a place."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or ent.root.dep_ != "pobj":
            continue
        stack = [ent.root]
        while stack:
            token = stack.pop()
            for child in token.children:
                if child.dep_ != "conj":
                    continue
                stack.append(child)
                if child.pos_ == "PROPN" and not child.ent_type_ and child.text[:1].isupper():
                    start = child.i
                    while start > 0 and doc[start - 1].dep_ == "compound" \
                            and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
                        start -= 1
                    out.append((start, child.i + 1))
    return out


def areas(doc: Any) -> list[tuple[int, int]]:
    """ "Lebanese airspace", "the Indonesian coast", "Damascus suburbs": an area of a named
    country or place, itself a place."""
    out = []
    for index in positions(doc, AREA_NOUNS):
        if index == 0:
            continue
        prev = doc[index - 1]
        if _names_a_body(doc, index):
            continue  # "the Philippine Coast Guard", "the Finnish Border Guard": who, not where
        if demonym(prev.text) or prev.ent_type_ in ("NORP", "GPE", "LOC"):
            start = index - 1
            while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ == "I":
                start -= 1
            if doc[start].ent_iob_ == "I" and start > 0:
                start -= 1
            out.append((start, index + 1))
    return out


def _names_a_body(doc: Any, index: int) -> bool:
    """A capitalised area noun followed by a capitalised institution head: part of a name."""
    head = doc[index + 1] if index + 1 < len(doc) else None
    return doc[index].text[:1].isupper() and head is not None \
        and head.text[:1].isupper() and head.lower_ in INSTITUTION_HEADS


def stance(text: str, f: Found) -> bool:
    """ "pro-Beijing camp": a place after "pro-", "anti-" or "non-" is a stance, not a place."""
    return f.type == "location" and text[max(0, f.start - 5):f.start].lower().endswith(
        ("pro-", "anti-", "non-"))


def in_place_slot(doc: Any, ent: Any) -> bool:
    """An ORG or PERSON entity in a slot only a place fills: "near X", "the village of X",
    "in X" for a "person". Names with institution words or all-capital acronyms stay actors."""
    if any(t.lower_ in NOT_PLACE_WORDS for t in ent) or ent.text in places.language_names():
        return False  # "printed in Pashto": a language
    end = ent.end
    after = range(end + 2, min(end + 5, len(doc)))
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an") \
            and any(doc[k].lower_ in PLACE_OF_NOUNS for k in after):
        return True  # "Sabboura, an area outside Damascus"
    if ent.start == 0:
        return False
    if ent.text.isupper() or any(ch.isdigit() for ch in ent.text):
        return False
    if between_route_ends(doc, ent) or _listed_after_place_word(doc, ent):
        return True
    first = ent.start
    while first > 1 and doc[first - 1].text in places.place_book().direction_words:
        first -= 1  # "towards the western Galilee": the slot is before the direction
    if first < ent.start and doc[first - 1].lower_ == "the" and first > 1 \
            and doc[first - 2].lower_ in PLACE_PREPOSITIONS | THE_PLACE_PREPOSITIONS:
        return True
    if first < ent.start and doc[first - 1].lower_ in {"in", "from", "to"} | PLACE_PREPOSITIONS:
        return True  # "in southern Crete": no organisation has a south
    if _possessed_place(doc, ent):
        return True
    if ent.root.dep_ == "dobj" and ent.root.head.lemma_.lower() == "flee":
        return True  # "who fled Dadia with his wife"
    prev = doc[ent.start - 1]
    if prev.lower_ == "to" and ent.start > 1 and doc[ent.start - 2].lower_ in NEAR_PAIRS:
        return True  # "close to Kupyansk"
    if prev.lower_ in GOAL_PREPOSITIONS | {"from"} and prev.head.lemma_.lower() in MOTION_VERBS:
        return True  # "the fighting spread overnight to Kupwara", "arrived from Pont-Sondé"
    if prev.lower_ == "the" and ent.start > 1:
        # "across the Danube", "along the Dnipro": a one-word name where a river or coast goes
        return len(ent) == 1 and doc[ent.start - 2].lower_ in THE_PLACE_PREPOSITIONS
    if prev.lower_ in PLACE_PREPOSITIONS:
        return True
    if prev.lower_ in ("in", "at") and ent.label_ == "PERSON":
        return True
    if prev.lower_ == "in" and len(ent) == 1 and ent.text.istitle():
        return True  # "used by Daesh in Marea": a one-word organisation does not hold events
    return prev.lower_ == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in PLACE_OF_NOUNS


def _possessed_place(doc: Any, ent: Any) -> bool:
    """ "Rakhine's 17 townships", "Tasmania's north-west coast": only a place has a coast or
    townships of its own."""
    end = ent.end
    if end + 1 >= len(doc) or doc[end].text not in ("'s", "’s"):
        return False
    for k in range(end + 1, min(end + 5, len(doc))):
        if doc[k].lower_ in POSSESSED_PLACE_NOUNS:
            return True
        if doc[k].pos_ not in ("NUM", "ADJ", "NOUN") and doc[k].text != "-":
            return False
    return False


def named_facility(doc: Any, ent: Any) -> Found | None:
    """ "Brandbergen Mosque", "Mosul Dam", "Ishtar Gate": spaCy often calls these organisations."""
    if ent[-1].text not in NAMED_PLACE_HEADS:
        return None
    s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    return Found("location", doc[s].idx, ent.end_char, doc[s:ent.end].text, {"kind": "facility"})


def region_tail(doc: Any, ent: Any) -> Found | None:
    """ "Ukraine's Kharkiv Oblast" (an ORG to spaCy) is a region of Ukraine."""
    book = places.place_book()
    if ent[-1].text not in book.region_words or len(ent) < 2:
        return None
    start = ent.start
    country = None
    for tok in ent:
        if tok.text in ("’s", "'s") and tok.i + 1 < ent.end:
            country = places.country_code(doc[start:tok.i].text)
            start = tok.i + 1
    if doc[start].lower_ == "the":
        start += 1
    name = doc[start:ent.end].text
    country = country or places.country_code(name)
    attrs = {"country": country} if country else {}
    return Found("location", doc[start].idx, ent.end_char, name, attrs)


def facility_found(doc: Any, start: int, end: int, kind: str = "facility") -> Found:
    """A named facility or area as a location candidate; it gives way to a longer name."""
    name = doc[start:end].text
    country = places.country_code(name)
    attrs = {"kind": kind, **({"country": country} if country else {})}
    return Found("location", doc[start].idx, end_char(doc, end), name, attrs)


def near_found(doc: Any, start: int, end: int) -> Found:
    """A name after "near" as a location candidate."""
    return Found("location", doc[start].idx, end_char(doc, end), doc[start:end].text,
                 {"country": places.country_code(doc[start:end].text) or ""}, rank=3)
