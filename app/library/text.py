"""Claim text reduced to comparable terms: the same words for the index and for matching.

Both back ends index this normalized text (SQLite's FTS5 with a plain
``unicode61`` tokenizer, PostgreSQL's ``simple`` text search configuration), so
stemming, spelling and synonyms are decided once, here, and a claim ranks the
same way on either. The steps: lower case without accents, British and
American spellings folded, number words turned into digits ("seven" → ``7``),
stop words and reporting verbs dropped, a small table of news synonyms
("UAV" → ``drone``, "downed" → ``shoot``), then the Snowball English stemmer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")

# Function words and the reporting frame every news claim carries ("the ministry said",
# "according to"): they say nothing about what was claimed.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourselves s t
said says say saying told tell according reported reports report stated statement claimed
claims claim added adding announced confirmed confirm insisted noted
per cent percent
""".split())

# Spellings folded to one form before stemming.
SPELLINGS = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "programme": "program",
    "programmes": "programs", "organisation": "organization", "organisations": "organizations",
    "centre": "center", "centres": "centers", "labour": "labor", "kilometres": "kilometers",
    "kilometre": "kilometer", "metres": "meters", "tonnes": "tons", "tonne": "ton",
    "neighbourhood": "neighborhood", "armoured": "armored", "harbour": "harbor",
}

# News synonyms mapped to one stem-able word. Kept small and generic: words that
# reporters use interchangeably for the same thing, not topic knowledge.
SYNONYMS = {
    "uav": "drone", "uavs": "drone", "drones": "drone", "unmanned": "drone",
    "downed": "shoot", "intercepted": "shoot", "intercept": "shoot", "intercepts": "shoot",
    "neutralised": "shoot", "neutralized": "shoot", "shot": "shoot",
    "dead": "kill", "died": "kill", "deaths": "kill", "death": "kill", "killing": "kill",
    "killed": "kill", "lives": "kill", "fatalities": "kill", "perished": "kill",
    "wounded": "injur", "hurt": "injur", "injuries": "injur", "injured": "injur",
    "ministry": "ministri", "minister": "ministri",
    "troops": "soldier", "servicemen": "soldier", "soldiers": "soldier",
    "residents": "peopl", "civilians": "civilian", "persons": "peopl", "people": "peopl",
    "individuals": "peopl", "inhabitants": "peopl",
    "missing": "miss", "rescued": "rescu", "freed": "releas", "released": "releas",
    "kidnapped": "abduct", "abducted": "abduct", "hospitalised": "hospit",
    "hospitalized": "hospit",
    "detained": "arrest", "arrested": "arrest", "arrests": "arrest", "detentions": "arrest",
    "evacuated": "evacu", "evacuation": "evacu", "displaced": "evacu", "fled": "evacu",
    "missiles": "missil", "rockets": "missil", "rocket": "missil",
    "blaze": "fire", "wildfire": "fire", "wildfires": "fire", "fires": "fire",
    "quake": "earthquak", "tremor": "earthquak",
    "ballots": "vote", "votes": "vote",
    "america": "usa", "american": "usa", "uk": "britain", "british": "britain",
    "russian": "russia", "ukrainian": "ukrain",
    "israeli": "israel", "chinese": "china", "iranian": "iran", "syrian": "syria",
    "iraqi": "iraq", "turkish": "turkey", "german": "germani", "french": "franc",
}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*(?:-[a-z0-9]+)*")


def fold(text: str) -> str:
    """Lower case without accents or typographic quotes: "Kyiv’s Défense" → "kyiv's defense"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("\u2019", "'").replace("\u2018", "'").lower()


@lru_cache(maxsize=65536)
def term(word: str) -> str:
    """One lower-case word as its index term ("" for a stop word)."""
    word = word.removesuffix("'s")
    if word in STOP_WORDS:
        return ""
    word = SPELLINGS.get(word, word)
    if word in NUMBER_WORDS:
        return str(NUMBER_WORDS[word])
    if word in SYNONYMS:
        return SYNONYMS[word]
    if word[:1].isdigit():
        return _ORDINAL.sub(r"\1", word.replace(",", ""))
    if len(word) == 1:
        return ""
    return str(_STEMMER.stemWord(word))


def terms(text: str) -> list[str]:
    """The index terms of a text, in order, repeated as they occur.

    Hyphenated names keep one term ("S-300" → ``s300``, "Pantsir-S1" → ``pantsirs1``),
    so a system's designation is not split into letters and numbers that match anything.
    """
    out: list[str] = []
    folded = fold(text).replace("'s ", " ").replace("u.s.", "usa").replace("u.k.", "uk")
    for match in _WORD.finditer(folded):
        word = match.group()
        if "-" in word:
            parts = word.split("-")
            if any(ch.isdigit() for ch in word) or all(len(p) <= 3 for p in parts):
                word = "".join(parts)
            else:
                out.extend(t for t in (term(p) for p in parts) if t)
                continue
        t = term(word)
        if t:
            out.append(t)
    return out


def normalized(text: str) -> str:
    """The index terms joined by spaces: what the full-text index and the fuzzy match read."""
    return " ".join(terms(text))
