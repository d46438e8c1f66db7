"""Typed checkables in one parsed chunk of an article.

spaCy's entities are the starting point; rules then add what the small model
misses (systems, institutions, regions, approximate counts) and correct what it
gets wrong (a city labelled as a person, an air-defence system labelled as an
organisation, "Ukraine's Kharkiv Oblast" labelled as an organisation). When
two candidates overlap, the more specific kind wins: a named system beats an
entity, a date or count beats a place or actor, the longer span beats the
shorter.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.extract import counts, dates, places
from app.extract.actors import (
    INSTITUTION_HEADS,
    TITLE_WORDS,
    honorific_start,
    institution_spans,
    titled_start,
)
from app.extract.organisations import (
    OrganisationFinder,
    group_spans,
    office_spans,
    pronoun_tokens,
)
from app.extract.systems import SystemFinder, system_word
from app.extract.tokens import positions

PRIORITY = {"system": 0, "date": 1, "count": 2, "location": 3, "actor": 4}
LOCATION_LABELS = frozenset({"GPE", "LOC", "FAC"})
COUNT_LABELS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY"})
# Physical places where events happen; re-found as locations even without a name
# ("a hospital", "the town"). Abstract areas ("the region", "the border") are left out:
# they locate nothing a checker can look up.
FACILITY_NOUNS = frozenset({
    "hospital", "hospitals", "school", "schools", "restaurant", "restaurants", "mosque", "mosques",
    "church", "churches", "market", "marketplace", "camp", "camps", "station", "museum",
    "university",
    "bridge", "dam", "airport", "airbase", "base", "checkpoint", "prison", "village", "villages",
    "town", "towns", "city", "cities", "port", "refinery", "embassy", "consulate", "clinic",
    "neighbourhood", "neighborhood", "district", "compound", "barracks", "depot", "factory",
    "plant", "safehouse", "headquarters", "capital", "island", "mountains", "valley", "gate",
})
STATE_NOUNS = frozenset({"forces", "military", "troops", "government", "officials", "army", "navy",
                         "embassy", "authorities", "administration", "diplomats", "soldiers",
                         "personnel", "ambassador", "envoy", "delegation", "aircraft", "warplanes"})
_ARABIC_NAME = re.compile(
    r"\b(?:Abu|Abd|Abdul|Abdel|Sheikh|Imam)\s+[A-Z][\w’'-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w’'-]+)*"
    r"|\b[A-Z][a-z]+\s+(?:al|el|bin|ibn)[- ][A-Z][\w’'-]+")
BORDER_WORDS = frozenset({"border", "frontier", "front", "frontline", "front-line", "boundary",
                          "coast", "coastline", "region", "regions", "territory", "soil"})
DATE_PREPOSITIONS = frozenset({"for", "within", "in", "over", "during", "since", "until", "by"})
_YEARISH = re.compile(r"^(1[5-9]|20)\d\d$")
_PRONOUN_DATES = frozenset({"now", "currently", "recently", "once", "daily", "annual", "annually"})


@dataclass(slots=True)
class Found:
    """A checkable candidate with offsets into the chunk's text."""

    type: str
    start: int
    end: int
    value: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    rank: int = 0  # lower wins among overlapping candidates of the same priority


class Rules:
    """The rule matchers, built once per spaCy vocabulary and reused for every document."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.systems = SystemFinder(nlp)
        self.organisations = OrganisationFinder(nlp)
        self.cities = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = [name for name in places.place_book().cities]
        originals = _city_spellings()
        self.cities.add("CITY", [nlp.make_doc(originals.get(n, n)) for n in names])


def _city_spellings() -> dict[str, str]:
    import json

    from app.resources import read_text

    data = json.loads(read_text("extract", "places.json"))
    out = {}
    for entry in data["places"]:
        for name in entry.rpartition(":")[0].split("|"):
            out[name.lower()] = name
    return out


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once: spaCy rebuilds the string from tokens on every access."""
    text = doc.user_data.get("claimsheet.text")
    if text is None:
        text = doc.user_data["claimsheet.text"] = doc.text
    return text


def find_checkables(doc: Any, rules: Rules, article_date: date | None) -> list[Found]:
    """All checkables in ``doc``, non-overlapping, in text order."""
    text = doc_text(doc)
    found: list[Found] = []
    orgs = rules.organisations.find(doc)
    org_chars = [(doc[s].idx, _end_char(doc, e)) for s, e, _ in orgs]
    for s, e, canonical in orgs:
        if doc[s].lower_ == "the" and e - s > 1:
            s += 1
        found.append(Found("actor", doc[s].idx, _end_char(doc, e), canonical,
                           {"kind": "organisation"}, rank=-1))
    for _, s, e in rules.cities(doc):
        if any(doc[k].ent_type_ in LOCATION_LABELS for k in range(s, e)):
            continue
        found.append(_place(doc, s, e))
    for s, e in office_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        found.append(Found("actor", doc[s].idx, _end_char(doc, e), doc[s:e].text,
                           {"kind": "office"}, rank=2))
    found.extend(_pronouns(doc))
    for m in _ARABIC_NAME.finditer(text):
        found.append(Found("actor", m.start(), m.end(), m.group(), {"kind": "person"}, rank=-1))
    for m in _RULE_REGION.finditer(text):
        found.append(_region_match(m))
    found.extend(_number_words(doc))
    for s, e in _names_after_near(doc):
        found.append(Found("location", doc[s].idx, _end_char(doc, e), doc[s:e].text,
                           {"country": places.country_code(doc[s:e].text) or ""}, rank=3))
    for s, e in _facilities(doc):
        found.append(Found("location", doc[s].idx, _end_char(doc, e), doc[s:e].text,
                           {"kind": "facility"}, rank=3))
    for s, e in group_spans(doc):
        found.append(Found("actor", doc[s].idx, _end_char(doc, e), doc[s:e].text,
                           {"kind": "group"}, rank=3))
    for system in rules.systems.find(doc):
        attrs = {"category": system.category}
        if system.generic:
            attrs["generic"] = "true"
        found.append(Found("system", system.start, system.end, system.canonical, attrs,
                           rank=1 if system.generic else 0))
    found.extend(f for f in _from_entities(doc, article_date)
                 if not (f.type == "location" and _inside_any(f, org_chars)))
    found.extend(_institutions(doc))
    found.extend(_vague_counts(doc))
    if not doc.has_annotation("ENT_IOB"):
        found.extend(rules_only(text, article_date))
    found = [f for f in found if not (  # "pro-Beijing camp": a stance, not a place
        f.type == "location" and text[max(0, f.start - 5):f.start].lower().endswith(
            ("pro-", "anti-", "non-")))]
    for f in found:  # "Hong Kong's", "May 18, 2015\n\n": the name without its tail
        while f.end > f.start and text[f.end - 1].isspace():
            f.end -= 1
        if f.type in ("actor", "location") and text[f.end - 2:f.end] in ("'s", "’s") \
                and f.end - f.start > 2:
            f.end -= 2
            if f.value and f.value.endswith(("'s", "’s")):
                f.value = f.value[:-2]
    return _refer_pronouns(_drop_counted_classes(_resolve(found, text), text))


def _region_match(m: re.Match[str]) -> Found:
    """ "Russia's Kursk Oblast": the region, with the possessor as its country."""
    name = m.group()
    start = m.start()
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


def _number_words(doc: Any) -> list[Found]:
    """Number words the model leaves untagged ("destroyed eleven drones")."""
    out = []
    for index in positions(doc, counts.NUMBER_WORDS):
        token = doc[index]
        if token.ent_type_ or token.tag_ != "CD":
            continue
        out.append(_count(doc, index, index + 1, "CARDINAL"))
    return out


def _names_after_near(doc: Any) -> list[tuple[int, int]]:
    """ "Near Ayn Isa, one strike ...": capitalised words after "near" or "outside" name a
    place even when the model tags nothing (it often misses unfamiliar transliterations)."""
    out = []
    for index in positions(doc, frozenset({"near", "outside"})):
        end = index + 1
        while end < len(doc) and end - index <= 4 and doc[end].text[:1].isupper() \
                and doc[end].is_alpha | ("-" in doc[end].text) and not doc[end].is_sent_start:
            end += 1
        if end > index + 1 and doc[index + 1].lower_ != "the":
            out.append((index + 1, end))
    return out


def _facilities(doc: Any) -> list[tuple[int, int]]:
    """ "the hospital", "a petrol station", "the town of Tel Tamer"."""
    out = []
    for index in positions(doc, FACILITY_NOUNS):
        t = doc[index]
        if t.pos_ != "NOUN" or t.dep_ == "compound":
            continue
        start = t.i
        for child in t.lefts:
            if child.dep_ in ("det", "amod", "compound", "poss", "nmod") and child.i < start:
                start = child.i
        end = t.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ in (
                "GPE", "LOC", "FAC"):
            end += 2
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
        out.append((start, end))
    return out


def _country_actor(doc: Any, ent: Any) -> bool:
    """A country acting ("The UK condemns", "Iraq's government", "backed by Russia")."""
    code = places.country_code(ent.text)
    if code is None or ent.text.lower() in places.place_book().cities:
        return False
    root = ent.root
    if root.dep_ == "poss":  # "Russia's Kursk Oblast" is a place; "Russia's army" an actor
        # "Russia's army", "Iraq's president" act; "Syria's cultural heritage" and
        # "Iraq's communities" are things in the place
        head = root.head
        return head.lower_ in STATE_NOUNS or head.lower_ in INSTITUTION_HEADS \
            or head.lower_ in TITLE_WORDS or head.lemma_.lower() in ACTING_NOUNS
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return True
    if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "poss"):
        return True
    if ent.start > 0 and doc[ent.start - 1].lower_ in ALLY_WORDS:
        return True  # "our ally Turkey", "partners France and Germany"
    return _inside_subject(root)


# what a country does or holds as a state: "Russia's decision", "Iran's nuclear programme"
ACTING_NOUNS = frozenset({"decision", "support", "role", "position", "policy", "involvement",
                          "intervention", "campaign", "offensive", "attack", "strike", "response",
                          "programme", "program", "proposal", "plan", "commitment", "backing",
                          "refusal", "veto", "vote", "claim", "statement", "ally", "allies",
                          "partner", "representative", "leader", "leadership", "regime",
                          "process", "work", "effort", "sovereignty", "cooperation",
                          "obligation", "relationship", "relation", "request"})
ALLY_WORDS = frozenset({"ally", "allies", "partner", "partners", "neighbour", "neighbor",
                        "neighbours", "neighbors", "member", "members"})
_LISTING_PREPS = frozenset({"including", "like", "as", "by", "with"})


def _inside_subject(token: Any) -> bool:
    """ "The international community – including Russia and Iran – must ...": a country
    listed inside the subject of a clause acts with it."""
    for _ in range(6):
        dep = token.dep_
        if dep in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
            return True
        if dep in ("conj", "appos", "pobj", "cc"):
            token = token.head
            continue
        if dep == "prep" and token.lower_ in _LISTING_PREPS:
            token = token.head
            continue
        return False
    return False


def _end_char(doc: Any, token_end: int) -> int:
    last = doc[token_end - 1]
    return last.idx + len(last.text)


def _inside_any(f: Found, spans: list[tuple[int, int]]) -> bool:
    return any(s <= f.start and f.end <= e for s, e in spans)


def _pronouns(doc: Any) -> list[Found]:
    """Pronoun actors; :func:`_refer_pronouns` fills in whom they stand for."""
    out = []
    for i in pronoun_tokens(doc):
        t = doc[i]
        out.append(Found("actor", t.idx, t.idx + len(t.text), None,
                         {"kind": "pronoun", "word": t.lower_}, rank=4))
    return out


SINGULAR_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})


def _refer_pronouns(found: list[Found]) -> list[Found]:
    """Point "he"/"she" at the last person the rules kept (not the model's raw PERSON guesses,
    which include mosques and villages). "we", "I" and "us" are left unresolved: in quoted
    speech they stand for the speaker, whom the nearest preceding name often is not."""
    last_person: str | None = None
    for f in found:
        kind = f.attributes.get("kind")
        if f.type == "actor" and kind == "person":
            last_person = f.value
        elif f.type == "actor" and kind == "pronoun":
            if last_person and f.attributes.pop("word", "") in SINGULAR_PRONOUNS:
                f.value = last_person
                f.attributes["refers_to"] = last_person
            f.attributes.pop("word", None)
    return found


def _drop_counted_classes(found: list[Found], text: str) -> list[Found]:
    """ "seven Ukrainian drones": the count already carries the platform as its noun."""
    out: list[Found] = []
    for f in found:
        if f.type == "system" and f.attributes.get("generic") and out and out[-1].type == "count" \
                and not text[out[-1].end:f.start].strip():
            continue
        out.append(f)
    return out


def _from_entities(doc: Any, article_date: date | None) -> list[Found]:
    out: list[Found] = []
    for ent in doc.ents:
        label = ent.label_
        start, end = ent.start_char, ent.end_char
        etext = ent.text
        if "[" in etext:  # a footnote mark glued on: "May 6[3]", "officer.[3"
            etext = etext[:etext.index("[")].rstrip(" .,")
            end = start + len(etext)
            if label not in ("DATE", "TIME") or not etext:
                continue
        if label in ("DATE", "TIME"):
            if etext.lower() in _PRONOUN_DATES or not any(c.isalnum() for c in etext):
                continue
            if _numbered_document(doc, ent):
                continue
            if len(ent) == 1 and etext.lower() in BARE_DURATIONS:
                if ent.start == 0 or doc[ent.start - 1].lower_ not in DATE_PREPOSITIONS:
                    continue  # "expected to take weeks": a span of time, no date to check
                start = doc[ent.start - 1].idx  # "for weeks", "within hours"
            span_text = doc_text(doc)[start:end]
            if label == "TIME" and not dates.has_day_word(span_text):
                # "at 22:30", "four hours": a time of day, no date to resolve
                out.append(Found("date", start, end, None, {"kind": "time"}))
                continue
            norm = dates.normalize_date(span_text, article_date)
            if norm.value is None and not dates.has_date_word(span_text):
                continue  # "(L 12)", "CTF 50": the model's guess, nothing of a date in it
            if "[" in ent.text:
                out.append(Found("date", start, end, norm.value, norm.attributes))
                continue
            out.append(Found("date", start, end, norm.value, norm.attributes))
        elif label in COUNT_LABELS:
            if label == "CARDINAL" and _YEARISH.match(etext) and _year_context(doc, ent):
                norm = dates.normalize_date(etext, article_date)
                out.append(Found("date", start, end, norm.value, norm.attributes))
                continue
            if _not_a_count(etext):
                continue
            count = _count(doc, ent.start, ent.end, label)
            if count.value is None and label == "CARDINAL":
                continue  # the model's "ISIL" or "a few": nothing to count
            if etext.lower() == "one" and ("noun" not in count.attributes or (
                    ent.end < len(doc) and doc[ent.end].lower_ == "of")
                    or count.attributes["noun"].lower() in DISCOURSE_NOUNS
                    or _one_another(doc, ent.end)):
                continue  # "one of the ...", "in one case", "from one village to another"
            out.append(count)
        elif label == "GPE" and _country_actor(doc, ent):
            s0 = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            out.append(Found("actor", doc[s0].idx, end, doc[s0:ent.end].text,
                             {"kind": "country", "country": places.country_code(etext) or ""}))
        elif label in LOCATION_LABELS:
            loc = _location(doc, ent)
            if loc is not None:
                out.append(loc)
        elif label == "ORG" or label == "PERSON":
            region = _region_tail(doc, ent) or _named_facility(doc, ent)
            if region is not None:
                out.append(region)
            elif label == "PERSON" and places.is_known_place(etext):
                out.append(_place(doc, ent.start, ent.end))
            elif len(ent) > 1 and ent[0].lower_ in PLACE_PREPOSITIONS | {"in", "at"}:
                out.append(_place(doc, ent.start + 1, ent.end))  # "Near Bayji," read as a name
            elif _in_place_slot(doc, ent):
                out.append(_place(doc, ent.start, ent.end))
            elif label == "ORG" and system_word(etext):
                continue  # "a UAV": the system rules speak for it
            elif label == "PERSON" and (_not_a_person(ent) or _only_titles(ent)):
                continue
            elif label == "PERSON":
                # the office and the person are two checkables:
                # "Foreign Secretary" + "Boris Johnson"
                left = titled_start(doc, ent.start)
                attrs = {"kind": "person"}
                rank = honorific_start(doc, ent.start)
                if left == rank - 1 and doc[left].text[:1].isupper():
                    rank = left  # "Minister Ellwood", "Ambassador Saperstein": a bare title
                if rank < ent.start:
                    # "Mr Colville", "Lt. Gen. Stephen Townsend": a rank or courtesy title is
                    # part of how the person is named, not an office of its own
                    attrs["title"] = doc[rank:ent.start].text
                    start = doc[rank].idx
                if left < rank:
                    role = doc[left:rank]
                    attrs["role"] = role.text
                    out.append(Found("actor", role.start_char, role.end_char, role.text,
                                     {"kind": "office", "holder": etext}, rank=-2))
                out.append(Found("actor", start, end, etext, attrs))
            elif _heading_word(ent):
                continue
            else:
                s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
                out.append(Found("actor", doc[s].idx, end, doc[s:ent.end].text,
                                 {"kind": "organisation"}))
    return out


# Words before a name that make it a place whatever the model's label: "near Daquq",
# "the village of Tuloul Naser", "35km south of Qayyarah".
PLACE_PREPOSITIONS = frozenset({"near", "outside", "around", "towards", "toward", "inside",
                                "into", "across", "outskirts"})
PLACE_OF_NOUNS = frozenset({"village", "town", "city", "province", "district", "region",
                            "suburb", "neighbourhood", "settlement", "hamlet", "port",
                            "governorate", "outskirts", "suburbs", "south", "north",
                            "east", "west", "southeast", "southwest", "northeast", "northwest",
                            "centre", "center", "area", "neighborhood"})
_NOT_PLACE_WORDS = frozenset({"ministry", "council", "committee", "agency", "department", "army",
                              "party", "front", "forces", "union", "organisation",
                              "organization", "group", "brigade", "company", "news"})


def _in_place_slot(doc: Any, ent: Any) -> bool:
    """An ORG or PERSON entity in a slot only a place fills: "near X", "the village of X",
    "in X" for a "person". Names with institution words or all-capital acronyms stay actors."""
    if any(t.lower_ in _NOT_PLACE_WORDS for t in ent):
        return False
    end = ent.end
    after = range(end + 2, min(end + 5, len(doc)))
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("a", "an") \
            and any(doc[k].lower_ in PLACE_OF_NOUNS for k in after):
        return True  # "Sabboura, an area outside Damascus"
    if ent.start == 0:
        return False
    if ent.text.isupper() or any(ch.isdigit() for ch in ent.text):
        return False
    prev = doc[ent.start - 1]
    if prev.lower_ == "the" and ent.start > 1:
        return False
    if prev.lower_ in PLACE_PREPOSITIONS:
        return True
    if prev.lower_ in ("in", "at") and ent.label_ == "PERSON":
        return True
    return prev.lower_ == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in PLACE_OF_NOUNS


NAMED_PLACE_HEADS = frozenset({
    "Gate", "Mosque", "Dam", "Barrage", "River", "Lake", "Lakes", "Mountains", "Mountain", "Bridge",
    "Hospital", "Airport", "Base", "Camp", "Museum", "Square", "Street", "Palace", "Church",
    "Cathedral", "Citadel", "Castle", "Valley", "Desert", "Island", "Islands", "Sea", "Gulf",
    "Strait", "Canal", "Port", "Harbour", "Harbor", "Park", "Stadium", "Prison", "Regulator",
    "Airfield", "Airbase", "Airstrip", "Refinery", "Barracks", "Compound", "Crossing", "Highway",
    "Checkpoint", "Depot", "Shrine", "Reservoir", "Oilfield", "Field", "Complex", "Market",
})


def _named_facility(doc: Any, ent: Any) -> Found | None:
    """ "Brandbergen Mosque", "Mosul Dam", "Ishtar Gate": spaCy often calls these organisations."""
    if ent[-1].text not in NAMED_PLACE_HEADS:
        return None
    s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    return Found("location", doc[s].idx, ent.end_char, doc[s:ent.end].text, {"kind": "facility"})


def _heading_word(ent: Any) -> bool:
    """ "QUESTION", "UPDATE": an all-capital heading word, not an organisation."""
    t = ent.text
    return len(ent) == 1 and t.isalpha() and t.isupper() and len(t) >= 6


BARE_DURATIONS = frozenset({"hours", "days", "weeks", "months", "years", "minutes"})
# "one" before these is a way of speaking, not a number of things
DISCOURSE_NOUNS = frozenset({"case", "instance", "occasion", "example", "point", "time", "way",
                             "hand", "side", "thing", "another", "day"})


def _one_another(doc: Any, end: int) -> bool:
    """ "from one village to another", "one after the other": a contrast, not a count."""
    stop = min(len(doc), end + 6)
    return any(doc[k].lower_ in ("another", "other") for k in range(end, stop))


_DOCUMENT_WORDS = frozenset({"resolution", "resolutions", "no.", "number", "article", "chapter",
                             "section", "decree", "law", "order", "report", "annex", "paragraph"})


def _numbered_document(doc: Any, ent: Any) -> bool:
    """ "Resolution 2328", "2118": a document number or a bare number, not a date."""
    text = ent.text.strip()
    if text.isdigit() and not (len(text) == 4 and 1000 <= int(text) <= 2100):
        return True
    return ent.start > 0 and doc[ent.start - 1].lower_ in _DOCUMENT_WORDS \
        or ent[0].lower_ in _DOCUMENT_WORDS


def _only_titles(ent: Any) -> bool:
    """ "Navy Capt": title words the model took for a name."""
    from app.extract.actors import TITLE_WORDS

    return all(t.lower_ in TITLE_WORDS or t.ent_type_ == "ORG" for t in ent)


def _not_a_person(ent: Any) -> bool:
    """spaCy calls some designators and all-capital acronyms people."""
    t = ent.text
    return any(ch.isdigit() for ch in t) or (t.isupper() and len(t) <= 5 and " " not in t)


_COORDINATE = re.compile(r"^-?\d{1,3}\.\d{4,}$")
_FRACTION = re.compile(r"^\d+/\d+$")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?$", re.I)


def _not_a_count(text: str) -> bool:
    """Coordinates, fractions and footnote marks that the model calls cardinals."""
    return bool(_COORDINATE.match(text) or _FRACTION.match(text) or _CLOCK.match(text)
                or "[" in text)


def _year_context(doc: Any, ent: Any) -> bool:
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return prev in ("in", "since", "until", "by", "of", "from", "to", "after", "before", "during")


_GLUED_SCALES = frozenset({"k", "m", "bn", "mn"})


def _money(doc: Any, start: int) -> bool:
    """A currency sign before the number: only then is a glued "m" millions, not metres."""
    return doc[start].text[:1] in "$£€" or (start > 0 and doc[start - 1].text in ("$", "£", "€"))


def _count(doc: Any, start: int, end: int, label: str) -> Found:
    text = doc_text(doc)
    if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].lower_ in _GLUED_SCALES \
            and doc[end - 1].text[-1:].isdigit() and (doc[end].lower_ != "m" or _money(doc, start)):
        end += 1  # "24K gas masks", "£2m": the scale letter is part of the number
    cstart, cend = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    qstart, qualifier = counts.qualifier_before(text, cstart)
    span_text = text[cstart:cend]
    if qualifier and not span_text.lower().startswith(qualifier):
        cstart = qstart
    norm = counts.normalize_count(text[cstart:cend], "")
    noun = counts.counted_noun(doc, start, end)
    attrs = dict(norm.attributes)
    if noun:
        attrs["noun"] = noun
    if label == "MONEY":
        attrs.setdefault("unit", "money")
    return Found("count", cstart, cend, norm.value, attrs)


def _vague_counts(doc: Any) -> list[Found]:
    out = []
    for s, e in counts.vague_counts(doc_text(doc)):
        norm = counts.normalize_count(doc_text(doc)[s:e])
        attrs = dict(norm.attributes)
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            noun = counts.counted_noun(doc, span.start, span.end)
            if noun:
                attrs["noun"] = noun
        out.append(Found("count", s, e, norm.value, attrs, rank=1))
    return out


def _location(doc: Any, ent: Any) -> Found | None:
    tokens = list(ent)
    if len(tokens) == 1 and (tokens[0].tag_ == "JJ" or tokens[0].dep_ == "amod"):
        return None  # "Ukrainian" labelled GPE is an adjective
    if ent.text[:4].lower() in ("pro-", "anti") or (
            ent.start >= 2 and doc[ent.start - 1].text == "-"
            and doc[ent.start - 2].lower_ in ("pro", "anti", "non")):
        return None  # "pro-Beijing camp": a stance, not a place
    root = ent.root
    if root.dep_ == "compound" and root.head.i >= ent.end and root.head.lower_ not in BORDER_WORDS \
            and root.head.ent_type_ not in LOCATION_LABELS \
            and root.head.lower_ not in FACILITY_NOUNS:
        if root.head.lower_ in STATE_NOUNS:  # "U.S. forces", "UK government": the state acting
            s0 = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
            return Found("actor", doc[s0].idx, ent.end_char, doc[s0:ent.end].text,
                         {"kind": "country", "country": places.country_code(ent.text) or ""})
        return None  # "UK aid": a modifier, not a place
    if ent.text.lower() in places.DEMONYMS:
        return None
    if ent.end + 1 < len(doc) and doc[ent.end].text == "-" \
            and doc[ent.end + 1].lower_ in ("led", "backed", "based", "funded", "trained"):
        return None  # "the US-led coalition": who leads it, not where anything is
    return _place(doc, ent.start, ent.end)


def _place(doc: Any, start: int, end: int) -> Found:
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
    if e < len(doc) and doc[e].lower_ in ("border", "frontier", "coast", "coastline") \
            and (e > end or doc[e - 1].dep_ == "compound"):
        e += 1
    name = doc[s:e].text
    country = places.country_code(doc[start:end].text) or places.country_code(name)
    attrs = {"country": country} if country else {}
    return Found("location", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), name, attrs)


def _region_tail(doc: Any, ent: Any) -> Found | None:
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


def _institutions(doc: Any) -> list[Found]:
    out = []
    for s, e in institution_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        out.append(Found("actor", doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text),
                         doc[s:e].text, {"kind": "organisation"}, rank=1))
    return out


def _resolve(found: list[Found], text: str) -> list[Found]:
    """Drop overlapping candidates, keeping the most specific and then the longest.

    Kept spans never overlap, so they are held sorted by start and a clash is found
    with a binary search: linear in practice even for a chunk with thousands of spans.
    """
    starts: list[int] = []
    kept: list[Found] = []
    ordered = sorted(found, key=lambda f: (PRIORITY[f.type], f.rank, -(f.end - f.start), f.start))
    for f in ordered:
        if f.end <= f.start or not text[f.start:f.end].strip():
            continue
        i = bisect.bisect_left(starts, f.end)  # kept[:i] start before f ends
        clash = []
        j = i - 1
        while j >= 0 and kept[j].end > f.start:
            clash.append(j)
            j -= 1
        if not clash:
            starts.insert(i, f.start)
            kept.insert(i, f)
            continue
        # an office ("Minister for the Middle East") is one actor, not a place inside a title
        if f.type == "actor" and f.attributes.get("kind") == "office" and all(
                kept[j].type in ("location", "actor") and f.start <= kept[j].start
                and kept[j].end <= f.end and kept[j].attributes.get("kind") != "person"
                for j in clash):
            for j in sorted(clash, reverse=True):
                del starts[j], kept[j]
            i = bisect.bisect_left(starts, f.start)
            starts.insert(i, f.start)
            kept.insert(i, f)
            continue
        # an institution rule ("Russian defense ministry") may widen an entity it contains
        k = kept[clash[0]]
        if len(clash) == 1 and f.type == k.type == "actor" and f.rank == 1 and k.rank <= 0 \
                and f.start <= k.start and f.end >= k.end:
            del starts[clash[0]], kept[clash[0]]
            i = bisect.bisect_left(starts, f.start)
            starts.insert(i, f.start)
            kept.insert(i, f)
    return kept


# --- rules only: the blank pipeline has no entities and no parse ---------------------------

_MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November"
                "|December")
_RULE_DATE = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTH_NAMES})(?:\s+\d{{4}})?|(?:{_MONTH_NAMES})\s+\d{{4}}"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today"
    r"|(?:in|over)\s+the\s+(?:past|last)\s+\d+\s+(?:hours|days|weeks|months|years)"
    r"|(?:in|since|until)\s+(?:19|20)\d\d)\b")
_RULE_COUNT = re.compile(
    r"(?<![\w-])(?:(?:at least|more than|over|nearly|almost|about|around|up to|some)\s+)?"
    r"(?:\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per cent|million|billion|thousand))?"
    r"|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)"
    r"(?:\s+(?:hundred|thousand|million))?)(?![\w-])", re.I)
_RULE_REGION = re.compile(
    r"\b(?:[A-Z][\w’'-]+\s+){1,3}(?:Oblast|Region|Krai|Kray|Province|Governorate|Raion)\b")
_RULE_INSTITUTION = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][\w-]+\s+){0,3}(?:Ministry|Department|General Staff|Government|"
    r"Army|Navy|Council|Committee|Agency)(?:\s+of(?:\s+[A-Z][\w-]+)+)?")


def rules_only(text: str, article_date: date | None) -> list[Found]:
    """Dates, counts, regions, cities and institutions found by patterns alone."""
    out: list[Found] = []
    for m in _RULE_DATE.finditer(text):
        norm = dates.normalize_date(m.group(), article_date)
        out.append(Found("date", m.start(), m.end(), norm.value, norm.attributes, rank=2))
    for m in _RULE_COUNT.finditer(text):
        if _YEARISH.match(m.group()):
            continue
        amount = counts.normalize_count(m.group())
        out.append(Found("count", m.start(), m.end(), amount.value, amount.attributes, rank=2))
    book = places.place_book()
    for m in re.finditer(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b", text):
        code = book.cities.get(m.group().lower()) or places.COUNTRY_ALIASES.get(m.group().lower())
        if code:
            out.append(Found("location", m.start(), m.end(), m.group(), {"country": code}, rank=3))
    for m in _RULE_INSTITUTION.finditer(text):
        s = m.start() + (4 if m.group().startswith("the ") else 0)
        out.append(Found("actor", s, m.end(), text[s:m.end()], {"kind": "organisation"}, rank=2))
    return out
