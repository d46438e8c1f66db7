"""Names of systems that no list holds, read from the words around them.

The gazetteer knows the names written into it; news keeps naming others. Three
rules find them by how English names a thing, not by the name itself:

* **A name before a class noun** is the name of that kind of thing: "a
  Pegasus aerial refuelling tanker", "a Bell 212 helicopter", "a UMPK kit",
  "Kowsar anti-ship missiles", and a name listed with it ("Noor and
  Kowsar anti-ship missiles"). An owner is not a name: a state, a
  nationality, a known organisation or an institution ("RAF aircraft",
  "Russian warplanes", "Hamas rockets", "Navy ships") stays an actor.
* **A name after a ship class** is the ship's name: "the tanker Silver Heron",
  "the frigate RNS Valiant". The class then counts too, whoever owns it.
* **At every mention** (the guide): a name found as a system once in an
  article is a system wherever else the article uses it ("Reaper" after "an
  MQ-9 Reaper drone", "Patriots" after "Patriot batteries",
  "Tornados" after "Tornado GR4s"), and a designator's family is too
  ("FAB-500" beside "FAB-1500 bombs").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from app.extract import lexicon, places
from app.extract.actors import INSTITUTION_HEADS, OWNED_ONLY, TITLE_WORDS
from app.extract.organisations import organisation_names
from app.extract.tokens import lowers

# nouns that make a name before them a system although alone they are none ("UMPK kit")
NAME_HEADS = lexicon.words("systems", "name_heads")
# vessels: a capitalised name right after them is the ship's name
SHIP_HEADS = lexicon.words("systems", "ship_heads")
NOT_NAME_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT",
                             "QUANTITY", "ORDINAL", "EVENT", "LAW"})
OWNER_WORDS = INSTITUTION_HEADS | OWNED_ONLY | TITLE_WORDS
ORIGIN_PARTICIPLES = lexicon.words("systems", "origin_participles")
# after these a capital starts a sentence, a quotation or a dateline's story
OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "-", "–", "—", ":", "--"})
MAX_NAME_TOKENS = 4
# nouns that make the acronym or code before them an armed group ("ELN guerrillas")
GROUP_NOUNS = lexicon.words("actors", "armed_group_nouns")
MAX_MODIFIERS = 5
_DESIGNATOR_FAMILY = re.compile(r"^([A-Z][A-Za-z]{1,5})-\d{2,4}[A-Z]{0,3}$")


def _known_organisation(text: str) -> bool:
    return text in organisation_names()


def _title_case(sent: Any) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[:1].isupper() for t in words)


def name_token(doc: Any, i: int, *, loose: bool = False) -> bool:
    """Whether token ``i`` can be part of a system's name: capitalised or holding a digit,
    and not an owner (a place, a nationality, a known organisation, an institution or a
    title). ``loose`` accepts an unknown acronym the model calls an organisation ("UMPK"
    before "kit", where no owner stands)."""
    t = doc[i]
    text = t.text
    if t.is_punct or t.is_space or not (text[:1].isupper() or any(c.isdigit() for c in text)):
        return False
    if t.like_num:
        return True  # a model number ("Bell 212"); never a name on its own (see below)
    if t.pos_ not in ("PROPN", "NOUN", "X") and t.ent_type_ != "PRODUCT" \
            and not any(c.isdigit() for c in text):
        return False  # "These attacks", "Many drones"
    if t.ent_type_ in NOT_NAME_LABELS or t.lower_ in OWNER_WORDS:
        return False
    if places.is_known_place(text) or _known_organisation(text) or _demonym(text):
        return False
    if i + 1 < len(doc) and doc[i + 1].text in ("'s", "’s"):
        return False  # "Raytheon's": the maker or owner, an actor
    if t.ent_type_ in ("ORG", "PERSON"):
        ent_len = _entity_length(doc, i)
        if ent_len > 1 and t.ent_type_ == "PERSON" or ent_len > 2:
            return False  # "Royal Air Force aircraft": an organisation, "Abdel Fattah ..."
        if t.ent_type_ == "ORG" and text.isupper() and not loose \
                and not (i + 1 < len(doc) and doc[i + 1].like_num):
            return False  # "SDF vehicles": an armed group's acronym owns them
    if t.is_sent_start or i > 0 and doc[i - 1].text in OPENERS or _title_case(t.sent):
        # a capital the sentence gives every first word or every headline word
        return t.ent_type_ == "PRODUCT" or any(c.isdigit() for c in text)
    return True


def _demonym(text: str) -> bool:
    return text.lower() in places.DEMONYMS


def _entity_length(doc: Any, i: int) -> int:
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end - start


def _modifier(t: Any) -> bool:
    """A lower-case word or hyphen inside the class noun's phrase ("anti-ship cruise",
    "air refuelling", "remotely piloted"). A word of making or owning ("Chinese-made",
    "Scientology-owned", "US-led") says the word before it is an owner or an origin, so
    the walk stops there."""
    if t.text == "-":
        return True
    return t.is_alpha and t.text == t.lower_ and t.pos_ in ("ADJ", "NOUN", "VERB", "ADV") \
        and t.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod") and t.lower_ != "and" \
        and t.lower_ not in ORIGIN_PARTICIPLES


def names_before_classes(doc: Any, heads: frozenset[str]) -> list[tuple[int, int, int]]:
    """(name start, name end, phrase end) token indexes of names before a class noun: the
    phrase runs from the name to the class noun ("Pegasus aerial refuelling tanker"); a name
    listed before it ("Noor and ...") has its own phrase end, its own name end."""
    out: list[tuple[int, int, int]] = []
    low = lowers(doc)
    for index in (i for i, w in enumerate(low) if w in heads or w in NAME_HEADS):
        head = doc[index]
        if not head.is_lower or head.pos_ not in ("NOUN", "PROPN"):
            continue  # a class noun is written in lower case
        if head.dep_ == "compound" and head.head.i > index:
            continue  # "missile attacks": the class modifies a noun, no name of its own
        loose = low[index] in NAME_HEADS
        k = index - 1
        while k >= 0 and index - k <= MAX_MODIFIERS and _modifier(doc[k]):
            k -= 1
        end = k + 1
        j = k
        while j >= 0 and end - j <= MAX_NAME_TOKENS and name_token(doc, j, loose=loose):
            j -= 1
        start = j + 1
        while start < end and doc[start].like_num:
            start += 1  # "212 helicopters" is a count, "Bell 212 helicopters" a name
        if start == end:
            continue
        out.append((start, end, index + 1))
        # names listed before it: "Noor and Kowsar", "Patriot, NASAMS and IRIS-T"
        j = start - 1
        while j >= 1 and low[j] in ("and", "or", ",") and name_token(doc, j - 1, loose=loose):
            e = j
            s = j - 1
            while s - 1 >= 0 and e - s < MAX_NAME_TOKENS and name_token(doc, s - 1, loose=loose):
                s -= 1
            while s < e and doc[s].like_num:
                s += 1
            if s == e:
                break
            out.append((s, e, e))
            j = s - 1
    return out


def ship_names(doc: Any) -> list[tuple[int, int, int]]:
    """(class start, name start, name end) token indexes of "the tanker Silver Heron", "the
    frigate RNS Valiant": a vessel's class followed by its name."""
    out = []
    low = lowers(doc)
    for index in (i for i, w in enumerate(low) if w in SHIP_HEADS):
        head = doc[index]
        if head.pos_ not in ("NOUN", "PROPN", "ADJ") or not head.is_lower:
            continue  # the model sometimes calls "frigate" before a name an adjective
        # "the Renhai-class cruiser Nanchang": navies name ships after cities, so a place
        # name straight after a determined class noun is the ship's
        determined = any(doc[k].lower_ in ("the", "a", "an", "class")
                         or doc[k].text.endswith("-class") for k in range(max(0, index - 5), index))
        end = index + 1
        while end < len(doc) and end - index <= MAX_NAME_TOKENS \
                and _ship_name_token(doc[end], place_allowed=determined):
            end += 1
        if end > index + 1:
            out.append((index, index + 1, end))
    return out


def _ship_name_token(t: Any, place_allowed: bool = False) -> bool:
    if not ((t.is_alpha or any(c.isdigit() for c in t.text)) and t.text[:1].isupper()
            and not t.is_sent_start and not _demonym(t.text)):
        return False
    if place_allowed and t.ent_type_ in ("GPE", "LOC", "FAC", ""):
        return True
    return t.ent_type_ not in NOT_NAME_LABELS and not places.is_known_place(t.text)


def organisation_names_in(doc: Any, class_heads: frozenset[str]) -> set[str]:
    """Names the text itself shows to be organisations, so no mention of them is a system:
    an acronym given in brackets after an organisation's name ("Bangladesh Meteorological
    Department (BMD)", though BMD is also an armoured vehicle; not after a name ending in one
    of the gazetteer's ``class_heads``) and a name before an armed-group noun ("ELN
    guerrillas", "the M23 armed group", though M23 looks like a designator)."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.end + 2 < len(doc) and doc[ent.end].text == "(" \
                and doc[ent.end + 2].text == ")" and doc[ent.end + 1].text.isupper() \
                and not any(t.lower_ in class_heads for t in ent):  # not "System (HIMARS)"
            names.add(doc[ent.end + 1].text)
    for t in doc[:-1]:
        if not t.text.isupper():  # an acronym or a code: "ELN", "M23"
            continue
        nxt = doc[t.i + 1]
        if nxt.text in GROUP_NOUNS or nxt.text == "armed" and t.i + 2 < len(doc) \
                and doc[t.i + 2].text == "group":
            names.add(t.text)
    return names


def mention_names(doc: Any, spans: Iterable[tuple[int, int]]) -> set[str]:
    """The names in system spans (char offsets), without the class nouns after them:
    "Patriot batteries" -> "Patriot", "Tornado GR4s" -> "Tornado GR4s" and "Tornado"."""
    names: set[str] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        tokens = []
        for t in span:
            if t.is_alpha and t.text == t.lower_:
                break  # the class noun and its modifiers
            tokens.append(t)
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if not tokens:
            continue
        name = doc[tokens[0].i:tokens[-1].i + 1].text
        if len(name) >= 3 and any(c.isupper() or c.isdigit() for c in name):
            names.add(name)
        if len(tokens) > 1 and tokens[0].is_alpha and len(tokens[0].text) >= 4 \
                and any(c.isdigit() for t in tokens[1:] for c in t.text):
            names.add(tokens[0].text)  # "Tornado GR4s": the family name alone
    return names


def every_mention(doc: Any, text: str, names: set[str],
                  taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, name) of further mentions of ``names`` in ``text`` outside the ``taken``
    char spans: the plural, the bare name, a designator of the same family."""
    if not names:
        return []
    patterns = []
    for name in sorted(names, key=len, reverse=True):
        family = _DESIGNATOR_FAMILY.match(name)
        if family:
            patterns.append(re.escape(family.group(1)) + r"-\d{2,4}[A-Z]{0,3}\d?s?")
        else:
            patterns.append(re.escape(name) + r"(?:s|es)?")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])")
    out = []
    for m in pattern.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not _stands_alone(doc, span):
            continue
        out.append((s, e, m.group()))
    return out


def _stands_alone(doc: Any, span: Any) -> bool:
    """Whether a mention is the name itself, not part of a longer name ("Patriot Act",
    "Hassan Burkan al-Amin")."""
    if span.end < len(doc):
        nxt = doc[span.end]
        if nxt.text[:1].isupper() and nxt.is_alpha and nxt.ent_iob_ == "I":
            return False
    if span.start > 0:
        prev = doc[span.start - 1]
        if span[0].ent_iob_ == "I" and prev.text[:1].isupper() and not prev.is_sent_start:
            return False
    return not any(e.label_ == "PERSON" and (e.start < span.start or e.end > span.end)
                   for e in doc.ents[_first_entity(doc, span.start):] if e.start < span.end)


def _first_entity(doc: Any, token: int) -> int:
    """Index in ``doc.ents`` of the first entity that could hold ``token``."""
    ents = doc.ents
    lo, hi = 0, len(ents)
    while lo < hi:
        mid = (lo + hi) // 2
        if ents[mid].end <= token:
            lo = mid + 1
        else:
            hi = mid
    return lo
