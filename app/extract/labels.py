"""spaCy's entities as checkables, with the small model's typical labelling errors corrected.

The model's labels are a starting point, not an answer: a city it calls a
person (Kyiv) is a place; an organisation ending in a region word ("Ukraine's
Kharkiv Oblast") is a region; a name in a place slot is a place; a designator
it calls a person or organisation is left to the system rules; a "date" with
nothing of a date in it ("(L 12)") and a document number ("Resolution 2328")
are dropped; a country acting ("The UK condemns") is an actor; a nationality
modifying a noun ("U.S. forces") is the state acting, not a place; clock times,
coordinates and "one" as a way of speaking are not counts.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from app.extract import dates, lexicon, places
from app.extract.actors import INSTITUTION_HEADS, TITLE_WORDS, honorific_start, titled_start
from app.extract.candidates import COUNT_LABELS, LOCATION_LABELS, Found, doc_text
from app.extract.count_rules import (
    DISCOURSE_NOUNS,
    SOURCE_NOUNS,
    count,
    identifier,
    not_a_count,
    one_another,
)
from app.extract.cues import load_cues
from app.extract.place_rules import (
    NOT_PLACE_WORDS,
    PLACE_PREPOSITIONS,
    in_place_slot,
    named_facility,
    place,
    region_tail,
)
from app.extract.systems import system_word

STATE_NOUNS = lexicon.words("actors", "state_nouns")
# what a country does or holds as a state: "Russia's decision", "Iran's nuclear programme"
ACTING_NOUNS = lexicon.words("actors", "acting_nouns")
ALLY_WORDS = lexicon.words("actors", "ally_words")
LISTING_PREPOSITIONS = lexicon.words("actors", "listing_prepositions")
DATE_PREPOSITIONS = lexicon.words("dates", "date_prepositions")
PRONOUN_DATES = lexicon.words("dates", "pronoun_dates")
BARE_DURATIONS = lexicon.words("dates", "bare_durations")
DOCUMENT_WORDS = lexicon.words("counts", "document_words")
YEAR_PREPOSITIONS = lexicon.words("dates", "year_prepositions")
# "the US-led coalition": who leads it, not where anything is
ORIGIN_WORDS = lexicon.words("places", "origin_words")
TITLE_ABBREVIATIONS = frozenset(lexicon.ordered("actors", "title_abbreviations"))
DOCUMENT_HEADS = lexicon.words("actors", "document_heads")
NOT_NAMES = lexicon.words("actors", "not_names")
MEDIA_NAME_HEADS = lexicon.words("actors", "media_name_heads")
YEARISH = re.compile(r"^(1[5-9]|20)\d\d$")
_AGE = re.compile(r"\b\w+[- ](?:year|month|week)s?[- ]old\b|\baged\b", re.I)


def from_entities(doc: Any, article_date: date | None) -> list[Found]:
    """Candidates from the model's entities, relabelled or dropped where the rules know better."""
    out: list[Found] = []
    for ent in doc.ents:
        ent = _without_stance(doc, ent)
        if ent is None:
            continue
        label = ent.label_
        start, end = ent.start_char, ent.end_char
        etext = ent.text
        if "[" in etext:  # a footnote mark glued on: "May 6[3]", "officer.[3"
            etext = etext[:etext.index("[")].rstrip(" .,")
            end = start + len(etext)
            if label not in ("DATE", "TIME") or not etext:
                continue
        if label in ("DATE", "TIME"):
            found = _date(doc, ent, start, end, etext, article_date)
            if found is not None:
                out.append(found)
        elif label in COUNT_LABELS:
            found = _number(doc, ent, etext, article_date)
            if found is not None:
                out.append(found)
        elif label == "GPE" and _country_actor(doc, ent):
            # a country acting is a place too: the guide accepts either, and the place is
            # what a checker looks up ("The UK condemns ..." -> UK)
            found = place(doc, ent.start, ent.end)
            found.attributes["acting"] = "true"
            out.append(found)
        elif label in LOCATION_LABELS:
            loc = _location(doc, ent)
            if loc is not None:
                out.append(loc)
        elif label == "ORG" or label == "PERSON":
            out.extend(_name(doc, ent, start, end, etext))
        elif label in ("NORP", "LANGUAGE"):
            found = _people_word_as_place(doc, ent)
            if found is not None:
                out.append(found)
    return out


def _people_word_as_place(doc: Any, ent: Any) -> Found | None:
    """A name the model takes for a people or a language that no list knows as one, standing
    where only a place goes: "landfall in Cagayan province", "eleven of the deaths were in
    Cagayan", "the provinces of Cagayan and Apayao". Not a people's word before a noun ("in
    Yazidi villages")."""
    if ent.text.lower() in places.DEMONYMS or ent.text.isupper() \
            or ent.text in places.language_names():
        return None
    region = _with_region_word(doc, ent)
    if region is not None:
        return region
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"):
        return None
    return place(doc, ent.start, ent.end) if in_place_slot(doc, ent) else None


def _with_region_word(doc: Any, ent: Any) -> Found | None:
    """ "the Bakool region", "Cagayan province": a name and the lower-case word that makes it a
    region, whatever the model took the name for."""
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.is_lower and after.text in places.place_book().region_words:
        return place(doc, ent.start, ent.end + 1)
    return None


def _date(doc: Any, ent: Any, start: int, end: int, etext: str,
          article_date: date | None) -> Found | None:
    if etext.lower() in PRONOUN_DATES or not any(c.isalnum() for c in etext):
        return None
    if _AGE.search(etext):
        return None  # "a 12-year-old boy": an age, not a date
    if _numbered_document(doc, ent):
        return None
    if len(ent) == 1 and etext.lower() in BARE_DURATIONS:
        if ent.start == 0 or doc[ent.start - 1].lower_ not in DATE_PREPOSITIONS:
            return None  # "expected to take weeks": a span of time, no date to check
        start = doc[ent.start - 1].idx  # "for weeks", "within hours"
    span_text = doc_text(doc)[start:end]
    if ent.label_ == "TIME" and not dates.has_day_word(span_text):
        # "at 22:30", "four hours": a time of day, no date to resolve
        return Found("date", start, end, None, {"kind": "time"})
    norm = dates.normalize_date(span_text, article_date)
    if norm.value is None and not dates.has_date_word(span_text):
        return None  # "(L 12)", "CTF 50": the model's guess, nothing of a date in it
    return Found("date", start, end, norm.value, norm.attributes)


def _number(doc: Any, ent: Any, etext: str, article_date: date | None) -> Found | None:
    label = ent.label_
    if label == "CARDINAL" and YEARISH.match(etext) and _year_context(doc, ent):
        norm = dates.normalize_date(etext, article_date)
        return Found("date", ent.start_char, ent.start_char + len(etext), norm.value,
                     norm.attributes)
    if not_a_count(etext) or identifier(doc, ent.start, ent.end):
        return None
    found = count(doc, ent.start, ent.end, label)
    if found.value is None and label == "CARDINAL":
        return None  # the model's "ISIL" or "a few": nothing to count
    if etext.lower() == "one" and ("noun" not in found.attributes or (
            ent.end < len(doc) and doc[ent.end].lower_ == "of")
            or found.attributes["noun"].lower() in DISCOURSE_NOUNS
            or found.attributes["noun"].lower().split()[-1] in SOURCE_NOUNS
            or one_another(doc, ent.end)):
        return None  # "one of the ...", "in one case", "from one village to another",
        # "one resident said": a person, not a count
    return found


def _name(doc: Any, ent: Any, start: int, end: int, etext: str) -> list[Found]:
    """An ORG or PERSON entity: a region, facility or place in disguise, a person, or an
    organisation."""
    label = ent.label_
    if _not_a_name(doc, ent) or etext.islower():
        return []  # "the dense bush": no name is written all in lower case
    if _in_a_language(doc, ent):
        return []  # "printed in Pashto"
    if ent[-1].lower_ in MEDIA_NAME_HEADS:
        return [_organisation(doc, ent, end)]  # "the Saudi Gazette": a newspaper, not a place
    region = region_tail(doc, ent) or named_facility(doc, ent) or _with_region_word(doc, ent)
    if region is not None:
        return [region]
    if places.is_known_place(etext) or _listed_with_places(doc, ent) or _a_town(doc, ent):
        return [place(doc, ent.start, ent.end)]
    if len(ent) > 1 and ent[0].lower_ in PLACE_PREPOSITIONS | {"in", "at"}:
        return [place(doc, ent.start + 1, ent.end)]  # "Near Bayji," read as a name
    if in_place_slot(doc, ent):
        return [place(doc, ent.start, ent.end)]
    if label == "ORG" and system_word(etext):
        return []  # "a UAV": the system rules speak for it
    if label == "PERSON" and (_not_a_person(ent) or _only_titles(ent)):
        return []
    if label == "PERSON":
        return _person(doc, ent, start, end, etext)
    if _heading_word(ent):
        return []
    return [_organisation(doc, ent, end)]


def _a_town(doc: Any, ent: Any) -> bool:
    """A name the model calls a person or an organisation that is a town of 15,000 people or
    more ("Ryazan", "Tuapse"), unless the text treats it as a person: with a title ("Gov.
    Jackson"), as the surname or first name of a person named in full ("Mike Jackson",
    "Florence Nightingale"), or speaking ("Jackson said")."""
    text = ent.text.removeprefix("the ").removeprefix("The ")
    if places.world_city(text) is None or any(t.lower_ in NOT_PLACE_WORDS for t in ent):
        return False
    if ent.label_ != "PERSON":
        return True
    if titled_start(doc, ent.start) < ent.start or honorific_start(doc, ent.start) < ent.start:
        return False
    words = {t.text for t in ent}
    for other in doc.ents:
        if other.label_ == "PERSON" and len(other) > len(ent) and words & {t.text for t in other}:
            return False
    root = ent.root
    return not (root.dep_ == "nsubj" and root.head.lemma_.lower() in load_cues().reporting_verbs)


def _organisation(doc: Any, ent: Any, end: int) -> Found:
    s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
    return Found("actor", doc[s].idx, end, doc[s:ent.end].text, {"kind": "organisation"})


def _not_a_name(doc: Any, ent: Any) -> bool:
    """What the model calls a name but no checker could look up as an actor or a place:
    a religion or festival ("Islam", "Hajj"), an agreement ("Cessation of Hostilities"), a
    descriptor in lower case ("nonpartisan pan-democrat"), a capitalised common word at the
    start of a sentence ("Localist" when the text says "localist" elsewhere), a stance
    ("pro-Beijing")."""
    words = [t.lower_ for t in ent]
    if " ".join(words).removeprefix("the ") in NOT_NAMES:
        return True
    if words[0] in DOCUMENT_HEADS or words[-1] in DOCUMENT_HEADS:
        return True
    if not any(t.text[:1].isupper() for t in ent if not t.is_sent_start):
        if len(ent) > 1 or ent[0].is_sent_start and _lower_elsewhere(doc, ent[0]):
            return True
    return False


STANCE_WORDS = lexicon.words("actors", "stance_prefixes")


def _without_stance(doc: Any, ent: Any) -> Any | None:
    """ "pro-Beijing" is a stance, not a place; "pro-Beijing New People Party" is the party.
    None when nothing but the stance is left."""
    if ent.start >= 2 and doc[ent.start - 1].text == "-" \
            and doc[ent.start - 2].lower_ in STANCE_WORDS:
        return None
    k = ent.start
    while k + 2 < ent.end and doc[k].lower_ in STANCE_WORDS and doc[k + 1].text == "-":
        k += 3  # "pro", "-", "Beijing"
    if k == ent.start:
        first = doc[k].lower_
        if "-" in first and first.split("-", 1)[0] in STANCE_WORDS:
            k += 1
    if k == ent.start:
        return ent
    if k >= ent.end:
        return None
    from spacy.tokens import Span

    return Span(doc, k, ent.end, label=ent.label_)


def _lower_elsewhere(doc: Any, token: Any) -> bool:
    """Whether the word of ``token`` is written in lower case elsewhere in the chunk."""
    low = token.lower_
    return any(t.text == low for t in doc if t.i != token.i and t.lower_ == low) \
        or "-" in low and low in doc_text(doc)


def _listed_with_places(doc: Any, ent: Any) -> bool:
    """ "the attacks in Qamenas, Sarmin and Talamenes": a name listed with places is a place."""
    root = ent.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj" and root.head.dep_ == "conj":
        linked.append(root.head.head)
    return any(t.ent_type_ in ("GPE", "LOC") and places.country_code(t.text) is None
               or t.ent_type_ in ("GPE", "LOC") and t.dep_ == "pobj" for t in linked) \
        and not any(t.lower_ in NOT_PLACE_WORDS for t in ent)


def _person(doc: Any, ent: Any, start: int, end: int, etext: str) -> list[Found]:
    """A person, and their office as a second checkable ("Foreign Secretary" + "Boris Johnson")."""
    out = []
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
        if dep == "prep" and token.lower_ in LISTING_PREPOSITIONS:
            token = token.head
            continue
        return False
    return False


def _location(doc: Any, ent: Any) -> Found | None:
    if _outlet_not_place(doc, ent):
        return _organisation(doc, ent, ent.end_char)
    tokens = list(ent)
    if len(tokens) == 1 and (tokens[0].tag_ == "JJ" or tokens[0].dep_ == "amod"):
        return None  # "Ukrainian" labelled GPE is an adjective
    if ent.text[:4].lower() in ("pro-", "anti") or (
            ent.start >= 2 and doc[ent.start - 1].text == "-"
            and doc[ent.start - 2].lower_ in STANCE_WORDS):
        return None  # "pro-Beijing camp": a stance, not a place
    if _not_a_name(doc, ent):
        return None
    if ent[-1].lower_ in MEDIA_NAME_HEADS and not places.is_known_place(ent.text):
        return _organisation(doc, ent, ent.end_char)
    if ent.text.lower() in places.DEMONYMS:
        return None
    if _in_a_language(doc, ent):
        return None  # "she answered in Amharic": a language, though the model calls it a place
    if all(t.text in TITLE_ABBREVIATIONS or t.lower_ in TITLE_WORDS for t in ent):
        return None  # "Brig." of "Brig. Gen. Yahya Saree" read as a place
    if ent.start > 0 and doc[ent.start - 1].lower_ in ("flagged", "registered"):
        return None  # "the Liberian-flagged Aegean Pearl": a ship's name
    if ent.end + 1 < len(doc) and doc[ent.end].text == "-" \
            and doc[ent.end + 1].lower_ in ORIGIN_WORDS:
        return None  # "the US-led coalition": who leads it, not where anything is
    return place(doc, ent.start, ent.end)


# acronyms of places a text writes in capitals; any other capitalised acronym the model calls
# a place ("MDA", a Moldova code to pycountry) is a body
PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "EU", "UAE", "DRC", "PRC", "ROK", "DPRK", "USSR",
                            "NYC", "LA", "DC"})


def _outlet_not_place(doc: Any, ent: Any) -> bool:
    """A "place" no list knows that reports or counts ("Mediazona reported", "according to
    Mediazona's count"), or an unknown capital acronym ("MDA paramedic"): an organisation."""
    text = ent.text.removeprefix("the ")
    if ent.label_ != "GPE":
        return False
    if text.isupper() and 2 <= len(text) <= 5:
        # a dateline's city in capitals ("SEOUL, Oct. 14", "LIND, Wash. —") and a dotted state
        # or province ("B.C.", "N.J.") are places, not acronyms
        if "." in text or _dateline_start(ent) or places.is_known_place(text.title()):
            return False
        return text not in PLACE_ACRONYMS and text.lower() not in places.COUNTRY_ALIASES
    if places.is_known_place(text) or places.world_city(text):
        return False
    root = ent.root
    cues = load_cues()
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in cues.reporting_verbs:
        return places.country_code(text) is None
    return root.dep_ == "poss" and root.head.lemma_.lower() in {
        "count", "report", "data", "tally", "figures", "estimate", "analysis", "investigation"} \
        and places.country_code(text) is None


def _in_a_language(doc: Any, ent: Any) -> bool:
    """ "in Amharic", "in Pashto": a language named after "in", whatever the model calls it."""
    return ent.text in places.language_names() and not places.is_known_place(ent.text) \
        and ent.start > 0 and doc[ent.start - 1].lower_ == "in"


def _dateline_start(ent: Any) -> bool:
    """Whether a name opens its line and a comma follows it, as a dateline's city does."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    opens = before is None or "\n" in before.text or "\n" in before.whitespace_
    return opens and ent.end < len(doc) and doc[ent.end].text == ","


def _heading_word(ent: Any) -> bool:
    """ "QUESTION:", "UPDATE": an all-capital heading word, not an organisation ("UNIFIL
    says" is one: a heading stands alone on its line or before a colon)."""
    t = ent.text
    if not (len(ent) == 1 and t.isalpha() and t.isupper() and len(t) >= 6):
        return False
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is None or after.text in (":", "—", "-", "–") or "\n" in after.text \
        or "\n" in ent[-1].whitespace_


def _numbered_document(doc: Any, ent: Any) -> bool:
    """ "Resolution 2328", "2118": a document number or a bare number, not a date."""
    text = ent.text.strip()
    if text.isdigit() and not (len(text) == 4 and 1000 <= int(text) <= 2100):
        return True
    return ent.start > 0 and doc[ent.start - 1].lower_ in DOCUMENT_WORDS \
        or ent[0].lower_ in DOCUMENT_WORDS


def _only_titles(ent: Any) -> bool:
    """ "Navy Capt": title words the model took for a name."""
    return all(t.lower_ in TITLE_WORDS or t.ent_type_ == "ORG" for t in ent)


def _not_a_person(ent: Any) -> bool:
    """spaCy calls some designators and all-capital acronyms people."""
    t = ent.text
    return any(ch.isdigit() for ch in t) or (t.isupper() and len(t) <= 5 and " " not in t)


def _year_context(doc: Any, ent: Any) -> bool:
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return prev in YEAR_PREPOSITIONS
