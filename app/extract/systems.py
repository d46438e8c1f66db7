"""Finding named weapons, platforms and technical systems (the `system` checkable).

The knowledge lives in ``app/resources/extract/systems.json``: named systems with
aliases (matched with a spaCy ``PhraseMatcher``), generic weapon and platform
classes, and regular expressions for model designators the list does not hold
("Su-34", "M142 HIMARS", "Shahed-136").

Rules keep the list from firing on ordinary words:

* a one-word alias that is an everyday word or name ("Patriot", "Leopard",
  "Tiger") counts only when a class noun follows it ("Patriot missiles");
* generic *platform* classes ("drones", "helicopters", "aircraft") name no
  particular system, so they count only when an actor owns them
  ("Syrian regime helicopters", "U.S.-led coalition aircraft") or a weapon
  class shares their sentence ("dropped barrel bombs out of helicopters");
* platform and air-defence classes that name only military things
  ("warplanes", "frigate", "armoured vehicles", "SAMs") and generic *weapon*
  classes whose mere use is a checkable, often contested fact ("chemical
  weapons", "barrel bombs", "mortars", "VBIED", "rockets", "tear gas") always
  count, except weapon words with an everyday sense ("mines", "shells"), which
  need an owner or a sentence about fighting.

A class that is part of a longer name ("Space and Rocket Center") or is not
used as a noun ("technical", "mine" the pronoun) is no system. A class that
modifies an event noun names the weapon of the event ("barrel bomb attacks",
"rocket fire"); modifying anything else ("tank crews", "gun laws") it does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.extract import lexicon
from app.extract.system_names import (
    OPENERS,
    names_before_classes,
    organisation_names_in,
    ship_names,
)

WEAPON_CLASS_CATEGORIES = lexicon.words("systems", "weapon_class_categories")
OWNER_LABELS = frozenset({"NORP", "GPE", "ORG"})
NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"})
# nouns a weapon class can modify and still name the weapon used ("rocket attack", "mortar fire",
# "missile battery")
EVENT_HEADS = lexicon.words("systems", "event_heads")
# lemmas that make a sentence about fighting: "mines" or "shells" there are weapons
MILITARY_LEMMAS = lexicon.words("systems", "military_lemmas")
UNCOUNTABLE = lexicon.words("systems", "uncountable")
IDENTIFIER_NOUNS = lexicon.words("counts", "identifier_nouns")
# verbs of physical events a platform takes part in: then a bare "jet" or "ferry" is checkable
PLATFORM_EVENT_VERBS = lexicon.words("systems", "platform_event_verbs")
# nouns of accidents a platform modifies: "crane collapse", "helicopter crash"
ACCIDENT_HEADS = lexicon.words("systems", "accident_heads")
# the bare words that name no particular kind; after "such" or "these" they only point back
BARE_GENERIC = lexicon.words("systems", "bare_generic")
# words before a class that count or point rather than say what kind ("many drones")
QUANTITY_WORDS = lexicon.words("systems", "quantity_words")
# class nouns before which a capitalised word is an owner or an event's agent, not a name
NOT_NAME_HEADS = lexicon.words("systems", "not_name_heads")
ANAPHORIC = frozenset({"such", "these", "those", "this", "that", "the"})
# services that own a platform before its class noun ("an Indian navy frigate")
SERVICE_HEADS = lexicon.words("systems", "service_heads")


@dataclass(frozen=True, slots=True)
class SystemMatch:
    """One system mention: character offsets into the doc text and its canonical name."""

    start: int
    end: int
    canonical: str
    category: str
    generic: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    named: dict[str, tuple[str, str]]  # alias (lower) -> (canonical, category)
    classes: dict[str, str]  # class phrase (lower) -> category
    distinctive_words: frozenset[str]
    designators: tuple[re.Pattern[str], ...]
    military_only: frozenset[str] = frozenset()  # class phrases that count with no owner
    ambiguous: frozenset[str] = frozenset()  # weapon class words with an everyday sense
    owner_only: frozenset[str] = frozenset()  # mostly civilian platforms: only with an owner
    everyday: frozenset[str] = frozenset()  # civil vehicles that count at every mention

    @property
    def class_heads(self) -> frozenset[str]:
        return frozenset(phrase.split()[-1] for phrase in self.classes)


def _is_distinctive(alias: str, distinctive_words: frozenset[str]) -> bool:
    """Whether an alias can stand alone: not an everyday word or a first name."""
    if any(ch.isdigit() for ch in alias) or "-" in alias or "/" in alias or " " in alias:
        return True
    if alias.isupper() and len(alias) >= 3:
        return True
    return alias.lower() in distinctive_words


@cache
def load_gazetteer() -> Gazetteer:
    data = lexicon.data("systems")
    distinctive = frozenset(w.lower() for w in data.get("distinctive_words", []))
    named: dict[str, tuple[str, str]] = {}
    for category, entries in data["named"].items():
        for entry in entries:
            names = [n.strip() for n in entry.split("|") if n.strip()]
            for alias in names:
                named.setdefault(alias, (names[0], category))
    classes: dict[str, str] = {}
    for category, entries in data["classes"].items():
        for entry in entries:
            for phrase in entry.split("|"):
                for variant in class_variants(phrase.strip()):
                    classes.setdefault(variant if is_acronym(variant) else variant.lower(),
                                       category)
    military = frozenset(
        variant if is_acronym(variant) else variant.lower()
        for entry in data.get("military_only", [])
        for phrase in entry.split("|") for variant in class_variants(phrase.strip()))
    designators = tuple(re.compile(p) for p in data["designators"])
    ambiguous = frozenset(w.lower() for w in data.get("ambiguous_classes", []))
    owner_only = frozenset(w.lower() for w in data.get("owner_only", []))
    everyday = frozenset(
        variant if is_acronym(variant) else variant.lower()
        for entry in data.get("everyday_vehicles", [])
        for phrase in entry.split("|") for variant in class_variants(phrase.strip()))
    for variant in everyday:
        classes.setdefault(variant, "civil platforms")
    return Gazetteer(named, classes, distinctive, designators, military, ambiguous, owner_only,
                     everyday)


_ACRONYM = re.compile(r"^[A-Z]{2,}s?$")


def is_acronym(phrase: str) -> bool:
    """ "SAM", "UAVs": matched with their case, so "Sam" and "the Sams" are not systems."""
    return bool(_ACRONYM.match(phrase))


def class_variants(phrase: str) -> list[str]:
    """A class phrase as written, hyphenated or spaced, and in the plural if it is singular.

    ``"anti-aircraft gun"`` also gives ``"anti aircraft gun"``, ``"anti-aircraft guns"`` and
    ``"anti aircraft guns"``; ``"UAV"`` gives ``"UAVs"``; ``"artillery"`` stays as it is;
    ``"unmanned aircraft"`` also gives ``"uncrewed aircraft"``.
    """
    if not phrase:
        return []
    forms = {phrase}
    if "unmanned" in phrase:  # the same craft in the wording many outlets now prefer
        forms.add(phrase.replace("unmanned", "uncrewed"))
    for form in list(forms):
        if "-" in form:
            forms.add(form.replace("-", " "))
        elif " " in form and len(form.split()) == 2 and not form.isupper():
            forms.add(form.replace(" ", "-"))
    out = []
    for form in sorted(forms):
        out.append(form)
        plural = _plural(form)
        if plural:
            out.append(plural)
    return out


def alias_plurals(alias: str, named: dict[str, tuple[str, str]]) -> list[str]:
    """Plural forms of a system's name that are not names of their own ("F-16" -> "F-16s",
    "Tomahawk" -> "Tomahawks"); an all-capital name ending in S ("HIMARS") has none."""
    last = alias.rsplit(" ", 1)[-1]
    if last[-1:] in "sS" or not last[-1:].isalnum() or "/" in last:
        return []
    plural = alias + "s"
    return [] if plural in named else [plural]


def _plural(phrase: str) -> str | None:
    last = phrase.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
    word = last.lower()
    if not word.isalpha() or word.endswith("s") or word in UNCOUNTABLE or word.endswith("craft"):
        return None
    if last.isupper():
        return phrase + "s"
    if word.endswith(("x", "ch", "sh")):
        return phrase + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    if word.endswith("fe"):
        return phrase[:-2] + "ves"
    return phrase + "s"


class SystemFinder:
    """Matchers built once per spaCy vocabulary and reused for every document."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.gazetteer = load_gazetteer()
        g = self.gazetteer
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._classes = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._alias_info: dict[str, tuple[str, str, bool]] = {}
        exact: list[tuple[str, str]] = []
        folded: list[tuple[str, str]] = []
        for alias, (canonical, category) in g.named.items():
            distinctive = _is_distinctive(alias, g.distinctive_words)
            # the plural names several of them: "F-16s", "Tomahawks", "Shaheds"
            for form in (alias, *alias_plurals(alias, g.named)):
                key = f"N{len(self._alias_info)}"
                self._alias_info[key] = (canonical, category, distinctive)
                # short or all-capital aliases keep their case ("Tor", "SAM", "HARM")
                (exact if len(alias) < 4 or alias.isupper() else folded).append((key, form))
        for key, alias in exact:
            self._exact.add(key, [nlp.make_doc(alias)])
        for key, alias in folded:
            self._folded.add(key, [nlp.make_doc(alias)])
        self._class_category: dict[str, str] = {}
        for i, (phrase, category) in enumerate(g.classes.items()):
            key = f"C{i}"
            self._class_category[key] = category
            if is_acronym(phrase):  # "SAM", "VX": never "Sam", "vx"
                self._exact.add(key, [nlp.make_doc(phrase)])
            else:
                self._classes.add(key, [nlp.make_doc(phrase)])
        self._class_heads = g.class_heads
        # the class nouns a name can stand before: not events ("Hamas attacks") nor bare words
        self._class_heads_lower = frozenset(h.lower() for h in g.class_heads
                                            if not is_acronym(h)) - NOT_NAME_HEADS

    def organisations_in(self, doc: Any) -> set[str]:
        """Acronyms and codes ``doc`` shows to be organisations ("ELN guerrillas"), found once
        per doc for :meth:`find` and for the rules after it."""
        return organisation_names_in(doc, self._class_heads)

    def find(self, doc: Any, organisations: set[str]) -> list[SystemMatch]:
        """System mentions in ``doc``; ``organisations`` (from :meth:`organisations_in`) are
        names no mention of which is a system."""
        strings = doc.vocab.strings
        found: list[SystemMatch] = []
        class_hits: list[tuple[int, int, str]] = []
        for matcher in (self._exact, self._folded, self._classes):
            for match_id, start, end in matcher(doc):
                key = strings[match_id]
                if key.startswith("C"):
                    class_hits.append((start, end, self._class_category[key]))
                    continue
                canonical, category, distinctive = self._alias_info[key]
                if doc[start:end].text in organisations:
                    continue  # "the Bangladesh Meteorological Department (BMD)", not the BMD-1
                span_end: int | None = end
                if _inside_person(doc, start, end) and self._class_noun_after(doc, end) is None:
                    continue  # "General Hassan Burkan al-Amin": a person, not the missile
                if not distinctive:
                    span_end = self._class_noun_after(doc, end)
                    if span_end is None or not doc[start].text[:1].isupper():
                        continue
                assert span_end is not None
                found.append(SystemMatch(doc[start].idx, _char_end(doc, span_end), canonical,
                                         category, False))
        found.extend(m for m in self._designators(doc.user_data.get("claimsheet.text")
                                                  or doc.text)
                     if m.canonical not in organisations)  # "the M23 armed group"
        # weapons first: a platform counts when a weapon it carries shares its sentence
        hits = sorted(_longest(class_hits), key=lambda h: h[2] not in WEAPON_CLASS_CATEGORIES)
        weapons: list[int] = []
        named_ships = {c: (s, e) for c, s, e in ship_names(doc)}
        for start, end, category in hits:
            if end - 1 in named_ships:  # "the tanker Silver Heron": the class and the ship's name
                s, e = named_ships.pop(end - 1)
                found.append(SystemMatch(doc[start].idx, _char_end(doc, end),
                                         doc[start:end].text.lower(), category, True))
                found.append(SystemMatch(doc[s].idx, _char_end(doc, e), doc[s:e].text, category,
                                         False))
                continue
            match = self._class_match(doc, start, end, category, weapons)
            if match is not None:
                found.append(match)
                if category in WEAPON_CLASS_CATEGORIES \
                        and doc[start:end].text.lower() not in self.gazetteer.ambiguous:
                    weapons.append(start)
        for c, (s, e) in named_ships.items():
            if doc[c].pos_ == "NOUN":
                # "the Luyang III-class destroyer Baotou": the class went to the named type
                found.append(SystemMatch(doc[s].idx, _char_end(doc, e), doc[s:e].text,
                                         "ship", False))
        for s, e, phrase_end in names_before_classes(doc, self._class_heads_lower):
            name = doc[s:e].text
            canonical, category = self.gazetteer.named.get(name) or (
                name, self.gazetteer.classes.get(doc[phrase_end - 1].lower_, "named by class"))
            found.append(SystemMatch(doc[s].idx, _char_end(doc, phrase_end), canonical, category,
                                     False))
        return _drop_overlaps(found)

    def _class_noun_after(self, doc: Any, end: int) -> int | None:
        """Token index after a class noun within three tokens of ``end`` ("Patriot air defence
        missiles"), else None; the words between are the class phrase's own, so a verb or a
        number stops the look ("Kozak said two missiles struck": a surname)."""
        for j in range(end, min(end + 3, len(doc))):
            if doc[j].lower_ in self._class_heads:
                return j + 1
            if doc[j].is_punct and doc[j].text != "-" or doc[j].pos_ in ("VERB", "AUX", "NUM"):
                return None
        return None

    def _class_match(self, doc: Any, start: int, end: int, category: str,
                     weapons: list[int]) -> SystemMatch | None:
        """A class hit as a system, or None; ``weapons`` are the starts of weapon class hits."""
        head = doc[end - 1]
        phrase = doc[start:end].text.lower()
        if doc.has_annotation("TAG") and head.pos_ not in ("NOUN", "PROPN") \
                and not _noun_taken_for_verb(doc, end - 1):
            return None  # "technical experts", "a friend of mine"
        if _inside_longer_name(doc, start, end):
            return None  # "the U.S. Space and Rocket Center", "Department of Mines"
        if end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
            return None  # "drone-based attacks", "tank-like": part of a modifier
        weapon = category in WEAPON_CLASS_CATEGORIES
        military = phrase in self.gazetteer.military_only \
            or doc[start:end].text in self.gazetteer.military_only
        if head.dep_ == "compound" and head.head.i >= end:  # "drone attacks", "tank crews"
            if head.head.lower_ in ACCIDENT_HEADS and phrase not in self.gazetteer.owner_only:
                # "the crane collapse", "a helicopter crash": the platform of the event
                return SystemMatch(doc[start].idx, _char_end(doc, end), phrase, category, True)
            if (weapon or military) and head.head.lower_ in EVENT_HEADS \
                    and phrase not in ("weapon", "weapons", "arms"):  # not "arms sales"
                return SystemMatch(doc[start].idx, _char_end(doc, end), phrase, category, True)
            if military and end < len(doc) and doc[end].lower_.endswith("ing") \
                    and doc[end].is_lower:  # "seizes tanker smuggling fuel": a participle the
                left = _extend_left(doc, start, platform=False)  # headline parse took for a noun
                return SystemMatch(doc[left].idx, _char_end(doc, end), phrase, category, True)
            return None
        if start > 0 and doc[start - 1].lower_ == "think" and head.lower_.startswith("tank"):
            return None
        name = doc[start:end].text
        if phrase in BARE_GENERIC and start > 0 and doc[start - 1].lower_ in ANAPHORIC:
            return None  # "such weapons", "these arms": what was named before
        if phrase in self.gazetteer.everyday or name in self.gazetteer.everyday:
            # "arrived on motorcycles", "grain trucks burned": a vehicle is checkable as it is
            left = _extend_left(doc, start, platform=True)
            return SystemMatch(doc[left].idx, _char_end(doc, end), name.lower(), category, True)
        if (weapon and phrase not in self.gazetteer.ambiguous) or military:
            left = _extend_left(doc, start, platform=False)
            owner = None if weapon else _owner_start(doc, start)
            left = min(left, _past_organisations(doc, owner, start)) if owner is not None else left
            left = _past_services(doc, left, start)
            return SystemMatch(doc[left].idx, _char_end(doc, end), name.lower(), category, True)
        owner = _owner_start(doc, start)
        if owner is not None:
            left = _past_organisations(doc, owner, start)
            return SystemMatch(doc[left].idx, _char_end(doc, end), name.lower(), category, True)
        if weapon:  # "mines", "shells": the everyday sense unless the sentence is about fighting
            fighting = _about_fighting(doc, start, end)
        else:  # a platform carrying or firing a weapon: "dropped barrel bombs from helicopters",
            # or taking part in an event: "one jet bombed a school", "a crane fell"
            fighting = phrase not in self.gazetteer.owner_only \
                and not _noun_modifier(doc, start) and (
                    _same_sentence(doc, start, weapons) or _in_event(head))
        if fighting:
            return SystemMatch(doc[start].idx, _char_end(doc, end), name.lower(), category, True)
        return None

    def _designators(self, text: str) -> list[SystemMatch]:
        out = []
        for pattern in self.gazetteer.designators:
            for m in pattern.finditer(text):
                name = m.group("name")
                named = self.gazetteer.named.get(name) or (
                    self.gazetteer.named.get(name[:-1]) if name.endswith("s") else None)
                if not named and _needs_class_noun(name) \
                        and not self._class_noun_follows(text, m.end("name")):
                    continue  # "B1242 road", "M5S", but "B-25 Mitchell bombers"
                before = text[max(0, m.start("name") - 12):m.start("name")].split()
                if before and before[-1].lower() in IDENTIFIER_NOUNS:
                    continue  # "Flight MH17", "Route M4": a number naming a flight or a road
                canonical, category = named if named else (name, "designator")
                out.append(SystemMatch(m.start("name"), m.end("name"), canonical, category, False))
        return out

    def _class_noun_follows(self, text: str, end: int) -> bool:
        """Whether a class noun follows, after at most two capitalised words ("B-25 Mitchell
        bombers", "T-34 tank")."""
        words = re.findall(r"[\w-]+|[^\w\s]", text[end:end + 60])[:3]
        for word in words:
            if word.lower() in self._class_heads:
                return True
            if not word[:1].isupper():
                return False
        return False


_NOT_SYSTEM = re.compile(
    r"^(?:[A-Z]-\d{1,2}|[A-Z]\d{1,2}|G\d{1,2}|COVID-19|F-\d{3,4}|T-?\d{3,4}|R-\d{3,4}|M\d{1,2}|A\d)$")


_ONE_LETTER_GLUED = re.compile(r"^[A-Z]\d")


def _looks_like_non_system(name: str) -> bool:
    """Designator-shaped strings that are usually something else (G7, A1, M4 road, T-1000)."""
    return bool(_NOT_SYSTEM.match(name)) and name not in {"M4", "M16", "B-2", "B-1", "C-5", "E-3",
                                                           "E-2", "E-7", "F-4", "F-5", "U-2", "K9",
                                                           "K2", "M2"}


def _needs_class_noun(name: str) -> bool:
    """Designators too like road numbers, party and series names to stand alone: the short
    ones (G7, A1, T-1000) and a single letter glued to digits (B1242, M5S, A1GP)."""
    return _looks_like_non_system(name) or (" " not in name and bool(_ONE_LETTER_GLUED.match(name)))


def _inside_longer_name(doc: Any, start: int, end: int) -> bool:
    """Whether a capitalised class is only part of a name ("Space and Rocket Center",
    "the New York Jets", "Rocket Lab"). Headlines in title case are not names."""
    head = doc[end - 1]
    if not head.text[:1].isupper() or is_acronym(doc[start:end].text):
        return False  # "Katyusha rockets" is a class, "the Rocket Center" a name
    if doc[end - 1].ent_type_ in NAME_LABELS:
        ent = next((e for e in doc.ents if e.start <= start and e.end >= end), None)
        if ent is not None and (ent.start < start or ent.end > end):
            return True
    if _title_case(doc, start):
        return False
    if not head.is_sent_start and not (start > 0 and doc[start - 1].text in OPENERS):
        return True  # a capital in mid-sentence: a name, not a common noun ("(Reuters) - Drones")
    return end < len(doc) and doc[end].is_alpha and doc[end].text[:1].isupper()


def _sentence(doc: Any, index: int) -> Any | None:
    """The sentence holding token ``index``, or None when the doc has no sentence
    boundaries (blank pipeline)."""
    try:
        return doc[index].sent
    except ValueError:
        return None


def _title_case(doc: Any, index: int) -> bool:
    """Whether the sentence holding ``index`` is a headline in title case."""
    sentence = _sentence(doc, index)
    if sentence is None:
        return False
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


def _noun_modifier(doc: Any, start: int) -> bool:
    """Whether a noun says what kind the class is ("water tanks", "news helicopters")."""
    prev = doc[start - 1] if start > 0 else None
    if start > 1 and doc[start - 2].text == "-":
        return False  # "short-range air defences": the end of a hyphenated adjective
    return prev is not None and prev.dep_ == "compound" and prev.pos_ in ("NOUN", "PROPN") \
        and prev.head.i >= start


def _same_sentence(doc: Any, start: int, others: list[int]) -> bool:
    """Whether a token index in ``others`` lies in the sentence of token ``start``."""
    sentence = _sentence(doc, start)
    if sentence is None:
        return any(abs(i - start) <= 20 for i in others)
    return any(sentence.start <= i < sentence.end and i != start for i in others)


def _in_event(head: Any) -> bool:
    """Whether a platform noun is the subject or object of a physical event ("the ferry
    capsized", "shot down a helicopter", "a crane to fall"), not merely named ("the role of
    drones", "deploy drones")."""
    token = head
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    verb = token.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.lemma_.lower() in PLATFORM_EVENT_VERBS:
        return True
    # "caused a crane to fall": the object of "cause" is the subject of "fall"
    return token.dep_ == "dobj" and any(c.dep_ == "xcomp" and c.lemma_.lower()
                                        in PLATFORM_EVENT_VERBS for c in verb.children)


def _about_fighting(doc: Any, start: int, end: int) -> bool:
    """Whether the sentence around an everyday-sense weapon word ("mines") is about fighting."""
    if doc[end - 1].ent_type_ in NAME_LABELS:
        return False  # "Shell reported higher profits"
    own = {doc[end - 1].lemma_.lower(), doc[end - 1].lower_}
    sentence = _sentence(doc, start)
    if sentence is None:
        sentence = doc[max(0, start - 20):min(len(doc), end + 20)]
    return any((t.lemma_.lower() in MILITARY_LEMMAS or t.lower_ in MILITARY_LEMMAS)
               and t.lemma_.lower() not in own for t in sentence if not start <= t.i < end)


def _char_end(doc: Any, token_end: int) -> int:
    last = doc[token_end - 1]
    return last.idx + len(last.text)


def _extend_left(doc: Any, start: int, platform: bool) -> int:
    """Take in adjectives that say what kind ("simple chemical weapons", "an artillery round");
    a vehicle (``platform``) takes no article ("grain trucks" in "two grain trucks")."""
    i = start
    kinds = ("amod", "compound") if platform else ("amod", "compound", "det")
    while i > 0:
        prev = doc[i - 1]
        if prev.dep_ in kinds and prev.head.i >= start and prev.pos_ in (
            "ADJ", "NOUN", "DET"
        ) and prev.lower_ not in ("the", "these", "those", "this", "that") \
                and prev.lower_ not in QUANTITY_WORDS:
            i -= 1
            continue
        break
    return i


def _owner_start(doc: Any, start: int) -> int | None:
    """Index of an actor modifier owning a platform ("Syrian regime helicopters"), else None."""
    i = start
    while i > 0:
        prev = doc[i - 1]
        if prev.ent_type_ in OWNER_LABELS or prev.text in ("-", "led") \
                or prev.lower_.endswith("-led"):
            i -= 1
            continue
        if prev.pos_ in ("NOUN", "ADJ", "PROPN") and prev.dep_ in ("compound", "amod") \
                and i - 1 > 0 and doc[i - 2].ent_type_ in OWNER_LABELS:
            i -= 1
            continue
        break
    if i == start:
        return None
    if not any(doc[k].ent_type_ in OWNER_LABELS for k in range(i, start)):
        return None
    return i


def _noun_taken_for_verb(doc: Any, index: int) -> bool:
    """ "by an Indian navy frigate", "bars drone flights": a class noun the tagger read as a
    verb, though it modifies a noun, or a noun phrase leads into it and nothing follows that a
    verb would take."""
    token = doc[index]
    if token.pos_ != "VERB" or index == 0:
        return False
    if token.dep_ == "compound":
        return True  # "bars drone flights": a verb modifies no noun
    prev = doc[index - 1]
    after = doc[index + 1] if index + 1 < len(doc) else None
    return prev.pos_ in ("NOUN", "ADJ", "PROPN", "NUM") and prev.dep_ != "nsubj" \
        and (after is None or after.is_punct or after.pos_ in ("ADP", "CCONJ"))


def _past_services(doc: Any, left: int, start: int) -> int:
    """Where a platform's span starts once the service owning it is left out: "an Indian navy
    frigate" is the Indian navy's frigate, an actor and a system."""
    service = max((k for k in range(left, start) if doc[k].lower_ in SERVICE_HEADS), default=None)
    return left if service is None else service + 1


def _past_organisations(doc: Any, owner: int, start: int) -> int:
    """The owner's tokens a platform span takes in: a nationality or state ("Syrian regime
    helicopters") but not an organisation, which is an actor of its own ("RAF aircraft")."""
    last_org = max((k for k in range(owner, start) if doc[k].ent_type_ == "ORG"), default=None)
    return owner if last_org is None else last_org + 1


def _inside_person(doc: Any, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` lie inside a person's name of two words or more."""
    if doc[start].ent_type_ != "PERSON":
        return False
    s = start
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = end
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return e - s > end - start


def _longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping token spans ("chemical weapons" over "weapons")."""
    kept: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept)


def _drop_overlaps(found: list[SystemMatch]) -> list[SystemMatch]:
    """Named matches beat classes; longer beats shorter."""
    kept: list[SystemMatch] = []
    for m in sorted(found, key=lambda m: (m.generic, -(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def system_word(text: str) -> bool:
    """Whether ``text`` is a system class or alias from the gazetteer ("UAV", "VBIED")."""
    g = load_gazetteer()
    key = text.strip()
    return key.lower() in g.classes or key in g.classes or key in g.named
