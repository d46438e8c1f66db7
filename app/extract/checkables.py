"""Typed checkables in one parsed chunk of an article: the rules run in order.

spaCy's entities are the starting point (:mod:`app.extract.labels` corrects
the small model's labels); rules then add what the model misses: systems
(:mod:`app.extract.systems`), organisations, offices and institutions
(:mod:`app.extract.organisations`, :mod:`app.extract.actors`), places
(:mod:`app.extract.place_rules`) and counts (:mod:`app.extract.count_rules`).
:mod:`app.extract.overlaps` then keeps one candidate per stretch of text. With
the blank pipeline, :mod:`app.extract.fallback` finds what patterns alone can.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from app.extract import place_rules, places
from app.extract.actors import INSTITUTION_HEADS, institution_spans
from app.extract.candidates import LOCATION_LABELS, Found, doc_text, end_char, inside_any
from app.extract.count_rules import number_words, phrase_counts, vague_counts
from app.extract.date_rules import clock_times, duration_adjectives, is_rate, relative_dates
from app.extract.fallback import rules_only
from app.extract.labels import from_entities
from app.extract.learned_systems import SystemModelError, SystemTagger, load_tagger
from app.extract.organisations import OrganisationFinder, office_spans, owned_office_spans
from app.extract.overlaps import resolve, trim_tails
from app.extract.system_names import every_mention, mention_names
from app.extract.systems import SystemFinder, SystemMatch

__all__ = ["Found", "Rules", "doc_text", "find_checkables"]

log = logging.getLogger("claimsheet.extract")

# Arabic place names begin with a feature word ("Ain al-Asad", "Kfar Rumman", "Deir ez-Zor",
# "Ras Isa") or end with a direction ("Zawtar al-Sharqiyah"); people's names do neither
_ARABIC_PLACE = re.compile(
    r"\b(?:Ain|Ayn|Tal|Tall|Tell|Tel|Kfar|Kafr|Deir|Dayr|Bir|Jabal|Jebel|Ras|Wadi|Khan|Beit|Bayt"
    r"|Bab|Qasr|Marj|Jisr|Maarat|Ma'arat|Sheikh\s+Maskin)\s+(?:(?:al|el|as|ash|ad|ar|az|an|ez|es)-)?"
    r"[A-Z][\w’'-]+"
    r"|\b[A-Z][\w’'-]+\s+(?:al|el|as|ash)-(?:Sharqiyah|Sharqiya|Gharbiyah|Gharbiya|Shamaliyah"
    r"|Janubiyah|Kabir|Kabira|Saghir|Sughra|Kubra|Jadida|Jadid|Qadima|Fawqa|Tahta)\b")
_ARABIC_NAME = re.compile(
    r"\b(?:Abu|Abd|Abdul|Abdel|Sheikh|Imam)\s+[A-Z][\w’'-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w’'-]+)*"
    r"|\b[A-Z][a-z]+\s+(?:al|el|bin|ibn)[- ][A-Z][\w’'-]+")
# "Primorye Sea Lines LLC": a company, whatever place its name holds
_COMPANY = re.compile(
    r"\b(?:[A-Z][\w&’'.]*(?:-[A-Z][\w&’'.]*)*\s+){1,5}(?:LLC|Ltd|Ltd\.|Limited|Inc|Inc\.|Corp|Corp\.|Corporation|GmbH"
    r"|PLC|plc|S\.A\.|AG|JSC|PJSC|OJSC|Co\.|LLP|Pty)(?![\w])")
# "the BRP Datu Pagbuaya", "HMS Diamond": a navy's or coast guard's ship by its prefix
_SHIP_PREFIXED = re.compile(
    r"\b(?:USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS|INS|JS|BRP|EML|HNLMS|HDMS|HNoMS|FS|ITS|ROKS|KRI|PNS"
    r"|TCG|RFS|SAS|ARA|BAP|NRP|ESPS|KD|RSS|HTMS|CNS)\s+[A-Z][\w’'-]*(?:[ \t][A-Z][\w’'-]*){0,3}")

# "The driver, S.D. (47)": police releases name suspects by initials and age
_INITIALS_AND_AGE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3}(?=\s*\(\d{1,2}\))")


class Rules:
    """The rule matchers and the learned system tagger, built once per spaCy vocabulary and
    reused for every document. ``tagger`` is None when its model cannot be read (the rules
    then work alone, and the log says why)."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.systems = SystemFinder(nlp)
        self.tagger: SystemTagger | None = _load_tagger()
        self.organisations = OrganisationFinder(nlp)
        self.cities = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = [name for name in places.place_book().cities]
        originals = places.city_spellings()
        self.cities.add("CITY", [nlp.make_doc(originals.get(n, n)) for n in names])


def find_checkables(doc: Any, rules: Rules, article_date: date | None) -> list[Found]:
    """All checkables in ``doc``, non-overlapping, in text order."""
    text = doc_text(doc)
    found: list[Found] = []
    orgs = rules.organisations.find(doc)
    org_chars = [(doc[s].idx, end_char(doc, e)) for s, e, _ in orgs]
    for s, e, canonical in orgs:
        if doc[s].lower_ == "the" and e - s > 1:
            s += 1
        found.append(Found("actor", doc[s].idx, end_char(doc, e), canonical,
                           {"kind": "organisation"}, rank=-1))
    for _, s, e in rules.cities(doc):
        if any(doc[k].ent_type_ in LOCATION_LABELS for k in range(s, e)):
            continue
        found.append(place_rules.place(doc, s, e))
    for s, e in owned_office_spans(doc):
        found.append(Found("actor", doc[s].idx, end_char(doc, e), doc[s:e].text,
                           {"kind": "office"}, rank=1))
    for s, e in office_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        found.append(Found("actor", doc[s].idx, end_char(doc, e), doc[s:e].text,
                           {"kind": "office"}, rank=2))
    arabic_places = [(m.start(), m.end()) for m in _ARABIC_PLACE.finditer(text)]
    for s, e in arabic_places:
        found.append(Found("location", s, e, text[s:e], {}, rank=-1))
    for m in _ARABIC_NAME.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in arabic_places):
            continue  # "Ain al-Asad": a place, not a person
        found.append(Found("actor", m.start(), m.end(), m.group(), {"kind": "person"}, rank=-1))
    companies = [(m.start(), m.end()) for m in _COMPANY.finditer(text)]
    for s, e in companies:
        found.append(Found("actor", s, e, text[s:e], {"kind": "organisation"}, rank=-2))
    for m in _SHIP_PREFIXED.finditer(text):
        end = m.start() + len(m.group().rstrip())
        found.append(Found("system", m.start(), end, text[m.start():end],
                           {"category": "ship"}, rank=-1))
    initials = {(m.start(), m.end()) for m in _INITIALS_AND_AGE.finditer(text)}
    for s, e in initials:
        found.append(Found("actor", s, e, text[s:e], {"kind": "person"}, rank=-2))
    found.extend(place_rules.regions(text))
    found.extend(number_words(doc))
    for s, e in place_rules.names_after_near(doc):
        found.append(place_rules.near_found(doc, s, e))
    for s, e in place_rules.named_facilities(doc):
        found.append(place_rules.facility_found(doc, s, e))
    for s, e in place_rules.areas(doc):
        found.append(place_rules.facility_found(doc, s, e, kind="area"))
    for s, e in place_rules.listed_with_places(doc):
        found.append(place_rules.near_found(doc, s, e))
    for s, e in place_rules.names_in_place_slots(doc):
        found.append(place_rules.near_found(doc, s, e))
    for s, e in place_rules.shared_region_words(text):
        found.append(Found("location", s, e, text[s:e], {}, rank=-1))
    for s, e in place_rules.named_features(doc):
        found.append(place_rules.facility_found(doc, s, e))
    organisations = rules.systems.organisations_in(doc)
    systems = rules.systems.find(doc, organisations)
    for system in systems:
        attrs = {"category": system.category}
        if system.generic:
            attrs["generic"] = "true"
        found.append(Found("system", system.start, system.end, system.canonical, attrs,
                           rank=1 if system.generic else 0))
    if rules.tagger is not None and doc.has_annotation("DEP"):
        found.extend(_learned_systems(doc, rules.tagger, systems, organisations))
    found.extend(_every_mention(doc, text, [f for f in found if f.type == "system"],
                                [f for f in found if f.type == "location"], organisations))
    found.extend(_named_groups(text, organisations))
    found.extend(f for f in from_entities(doc, article_date)
                 if not (f.type == "location" and inside_any(f, org_chars)))
    found.extend(_institutions(doc))
    found.extend(vague_counts(doc))
    found.extend(phrase_counts(text))
    found.extend(relative_dates(text))
    found.extend(clock_times(text))
    found.extend(duration_adjectives(text))
    if not doc.has_annotation("ENT_IOB"):
        found.extend(rules_only(text, article_date))
    found = [f for f in found if not place_rules.stance(text, f)
             and not (f.type == "location" and (f.start, f.end) in initials)
             and not (f.type == "location" and any(s <= f.start and f.end <= e
                                                   for s, e in companies))
             and not (f.type == "date" and is_rate(text, f.start, f.end))]
    campaigns = _campaign_names(text) | _storm_names(text)
    found = [_retyped(f, text) for f in found
             if not _operation_name(f, text) and not _one_of_the_most(doc, f)
             and not (f.type in ("actor", "location") and text[f.start:f.end] in campaigns)]
    found.extend(_surnames(doc, found))
    found.extend(_makers(doc, [f for f in found if f.type == "system"], found))
    trim_tails(found, text)
    return resolve(found, text)


_OPERATION = re.compile(r"^Operation\s+[A-Z]")
# "exercise Steadfast Rampart", "the Steadfast Rampart exercise", "NATO's Baltic Sentry
# mission": a campaign's name is none of the five checkable types, at every mention
_CAMPAIGN_WORD = r"[A-Z][\w'’-]+"
_CAMPAIGN_BEFORE = re.compile(
    rf"\b(?:[Ee]xercises?|Operation|Drill)\s+(?P<name>{_CAMPAIGN_WORD}(?:\s+{_CAMPAIGN_WORD}){{0,2}})")
_CAMPAIGN_AFTER = re.compile(
    rf"(?P<name>{_CAMPAIGN_WORD}(?:\s+{_CAMPAIGN_WORD}){{0,2}})\s+(?:exercises?|drills|manoeuvres"
    r"|maneuvers|mission|operation|war games)\b")
_FLEET = re.compile(r"\b(?:Fleet|Flotilla|Squadron)$")
_DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .'-]+$")


def _surnames(doc: Any, found: list[Found]) -> list[Found]:
    """A person named in full is the same actor when the article goes on by surname alone
    ("Ruth Phiri ... Phiri, a lawyer, said"): the guide counts the later mention."""
    people: dict[str, tuple[int, str]] = {}
    for f in found:
        if f.type == "actor" and f.attributes.get("kind") == "person" and f.value \
                and " " in f.value:
            surname = f.value.split()[-1]
            if surname[:1].isupper() and len(surname) > 2 and surname not in people:
                people[surname] = (f.end, f.value)
    if not people:
        return []
    taken = [(f.start, f.end) for f in found if f.type == "actor"]
    out = []
    for t in doc:
        named = people.get(t.text)
        if named is None or t.idx < named[0] or any(s <= t.idx < e for s, e in taken):
            continue
        out.append(Found("actor", t.idx, t.idx + len(t.text), named[1], {"kind": "person"},
                         rank=1))
    return out


def _makers(doc: Any, systems: list[Found], found: list[Found]) -> list[Found]:
    """The maker or owner in a possessive before a named system ("Raytheon's AIM-120",
    "Lockheed's F-35s"): an organisation the model often leaves untagged."""
    taken = [(f.start, f.end) for f in found if f.type in ("actor", "location")]
    out = []
    for system in systems:
        if system.attributes.get("generic"):
            continue
        span = doc.char_span(system.start, system.end, alignment_mode="expand")
        if span is None or span.start < 2 or doc[span.start - 1].text not in ("'s", "’s"):
            continue
        k = span.start - 2
        start = k
        while start - 1 >= 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha \
                and (doc[start - 1].pos_ == "PROPN" or not doc[start - 1].is_sent_start) \
                and k - start < 3:
            start -= 1
        name = doc[start:k + 1]
        if not name.text[:1].isupper() or any(t.ent_type_ in ("GPE", "NORP", "LOC")
                                               for t in name) \
                or places.is_known_place(name.text) or place_rules.demonym(name.text) \
                or any(s < name.end_char and name.start_char < e and e <= system.start
                       and not (name.start_char <= s and e <= name.end_char)
                       for s, e in taken):  # not an entity the model ran over the system
            continue
        out.append(Found("actor", name.start_char, name.end_char, name.text,
                         {"kind": "organisation"}, rank=-1))
    return out


def _one_of_the_most(doc: Any, f: Found) -> bool:
    """ "one of Russia's most important weapons", "one of the largest ports": a ranking,
    not a number a checker counts."""
    if f.type != "count" or doc_text(doc)[f.start:f.end].lower() != "one":
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or doc[span.end].lower_ != "of":
        return False
    after = doc[span.end + 1:span.end + 6]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in ("most", "least") for t in after)


def _campaign_names(text: str) -> set[str]:
    """Names the text gives to exercises, operations and missions ("Steadfast Rampart"), with
    the words that only say whose or what kind they are left out."""
    names: set[str] = set()
    for pattern in (_CAMPAIGN_BEFORE, _CAMPAIGN_AFTER):
        for m in pattern.finditer(text):
            words = [w for w in m.group("name").split()
                     if not w.endswith(("'s", "’s"))]
            name = " ".join(words)
            if len(words) < (1 if pattern is _CAMPAIGN_BEFORE else 2) or name.isupper() \
                    or any(w.lower() in INSTITUTION_HEADS for w in words) or all(
                    place_rules.demonym(w) or places.is_known_place(w) for w in words):
                continue  # "the EU Naval Force mission", "joint Chinese-Russian drills"
            names.add(name)
            names.add(words[-1] if len(words) > 1 and pattern is _CAMPAIGN_BEFORE else name)
    return names


# "Typhoon Marilen", "Cyclone Arnab", "cyclones Sidr in 2007 and Amphan in 2020": a storm is
# none of the five checkable types (its winds and its toll are counts)
_STORM = re.compile(
    r"(?P<kind>\b(?:Super\s+)?(?:[Tt]yphoon|[Cc]yclone|[Hh]urricane|Tropical\s+[Ss]torm|[Ss]torm"
    r"|Tropical\s+[Dd]epression)s?)\s+(?P<name>[A-Z][a-z]+)(?:\s+in\s+\d{4})?"
    r"(?:,?\s+and\s+(?P<second>[A-Z][a-z]+))?")


def _storm_names(text: str) -> set[str]:
    """The names the text gives to storms, with and without the word before them."""
    names: set[str] = set()
    for m in _STORM.finditer(text):
        names.update({m.group("name"), f"{m.group('kind')} {m.group('name')}"})
        if m.group("second"):
            names.add(m.group("second"))
    return names


def _operation_name(f: Found, text: str) -> bool:
    """ "Operation KIPION" names a campaign, none of the five checkable types (the guide)."""
    return f.type == "actor" and bool(_OPERATION.match(text[f.start:f.end]))


def _retyped(f: Found, text: str) -> Found:
    """A fleet is a force that acts ("Russia's Northern Fleet"), not a place; a capitalised
    word opening a dateline ("HARARE, 3 May -") is the place the story was filed from."""
    span = text[f.start:f.end]
    if f.type == "location" and _FLEET.search(span):
        return Found("actor", f.start, f.end, f.value, {"kind": "organisation"}, rank=f.rank)
    if f.type == "actor" and f.attributes.get("kind") == "person" \
            and _DATELINE_PLACE.match(span) and (f.start == 0 or text[f.start - 1] == "\n") \
            and text[f.end:f.end + 2].startswith((",", " (")):
        return Found("location", f.start, f.end, f.value, {"dateline": "true"}, rank=f.rank)
    return f


def _load_tagger() -> SystemTagger | None:
    try:
        return load_tagger()
    except SystemModelError as exc:
        log.warning("learned system tagger unavailable, rules only: %s", exc)
        return None


def _learned_systems(doc: Any, tagger: SystemTagger, known: list[SystemMatch],
                     organisations: set[str]) -> list[Found]:
    """Systems the tagger finds where the gazetteer found none ("Tu-22M3", "Zarnitsa-3"). A
    tagged name that takes in a class the rules found ("Xr-417M bombers" around "bombers")
    replaces it; one that only crosses a rule's match gives way. A name the text shows to be
    an organisation (``organisations``) owns the system and is none."""
    out = []
    for s, e, score in tagger.spans(doc):
        start, end = doc[s].idx, end_char(doc, e)
        names = mention_names(doc, [(start, end)])
        if names and names <= organisations:
            continue  # "ELN drone attack" after "ELN guerrillas": the group's drone
        clashes = [m for m in known if m.start < end and start < m.end]
        if clashes and not all(m.generic and start <= m.start and m.end <= end
                               and (start, end) != (m.start, m.end) for m in clashes):
            continue
        out.append(Found("system", start, end, doc[s:e].text,
                         {"learned": "true", "score": f"{score:.2f}"}, rank=0 if clashes else 2))
    return out


def _every_mention(doc: Any, text: str, systems: list[Found],
                   places: list[Found], organisations: set[str]) -> list[Found]:
    """A name found as a system once is one at every mention in the chunk (the guide):
    "Reaper" after "an MQ-9 Reaper drone", "FAB-500" beside "FAB-1500 bombs"; never
    inside a place ("Tigray" in "the Tigray region" after "Tigray drone strikes")."""
    named = [(f.start, f.end) for f in systems if not f.attributes.get("generic")]
    names = mention_names(doc, named) - organisations
    taken = [(f.start, f.end) for f in systems] + [(f.start, f.end) for f in places]
    return [Found("system", s, e, name, {"category": "named elsewhere in the article"}, rank=1)
            for s, e, name in every_mention(doc, text, names, taken)]


def _named_groups(text: str, organisations: set[str]) -> list[Found]:
    """Every mention of an acronym the text shows to be an organisation ("ELN guerrillas",
    "the M23 armed group", "(BMD)") is an actor, though the model often leaves it untagged."""
    if not organisations:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(organisations)))
                         + r")(?![\w-])")
    return [Found("actor", m.start(), m.end(), m.group(), {"kind": "organisation"}, rank=2)
            for m in pattern.finditer(text)]


def _institutions(doc: Any) -> list[Found]:
    out = []
    for s, e in institution_spans(doc):
        if doc[s].lower_ == "the":
            s += 1
        out.append(Found("actor", doc[s].idx, end_char(doc, e), doc[s:e].text,
                         {"kind": "organisation"}, rank=1))
    return out
