"""Place knowledge: which names are places, and which country they are in.

Countries come from ``pycountry`` (names, official names, common names and a
few everyday aliases); cities spaCy's small model tends to call people or
organisations come from ``app/resources/extract/places.json``; regions are
recognised by their designator word ("Belgorod Region", "Kharkiv Oblast").
Towns the curated list does not hold are looked up in ``world_cities.tsv``
(GeoNames, 15,000 people or more) only where the model's label is in doubt:
that list holds "Jackson" and "Split", so it never makes a place by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from app.extract import lexicon

COUNTRY_ALIASES: dict[str, str] = lexicon.table("places", "country_aliases")
DEMONYMS: dict[str, str] = lexicon.table("places", "demonyms")


@dataclass(frozen=True, slots=True)
class PlaceBook:
    cities: dict[str, str]  # lower name -> country code
    region_words: frozenset[str]
    direction_words: frozenset[str]


@cache
def place_book() -> PlaceBook:
    data = lexicon.data("places")
    cities: dict[str, str] = {}
    for entry in data["places"]:
        names, _, code = entry.rpartition(":")
        for name in names.split("|"):
            cities[name.lower()] = code
    return PlaceBook(cities, frozenset(data["region_words"]), frozenset(data["direction_words"]))


@cache
def _world_cities() -> dict[str, str]:
    from app.resources import read_text

    out: dict[str, str] = {}
    for line in read_text("extract", "world_cities.tsv").splitlines():
        if line and not line.startswith("#"):
            name, _, code = line.partition("\t")
            out[name] = code
    return out


def world_city(name: str) -> str | None:
    """The country code of a town of 15,000 people or more spelt ``name`` (case as
    written: "Ryazan", not "ryazan"), or None."""
    return _world_cities().get(name.replace("'", "’").strip()) or _world_cities().get(
        name.strip())


@cache
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 code of a country, city or region name, or None."""
    key = " ".join(name.replace("’", "'").split()).lower()
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    if not key:
        return None
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    if key in DEMONYMS:
        return DEMONYMS[key]
    book = place_book()
    if key in book.cities:
        return book.cities[key]
    import pycountry

    try:
        return pycountry.countries.lookup(key).alpha_2
    except LookupError:
        pass
    words = key.split()
    for size in range(len(words) - 1, 0, -1):  # "southern Ukraine", "Belgorod Region"
        for i in range(len(words) - size + 1):
            part = " ".join(words[i:i + size])
            if part in COUNTRY_ALIASES:
                return COUNTRY_ALIASES[part]
            if part in book.cities:
                return book.cities[part]
            if part in DEMONYMS:
                return DEMONYMS[part]
            if len(part) > 3:
                try:
                    return pycountry.countries.lookup(part).alpha_2
                except LookupError:
                    continue
    return None


def is_known_place(name: str) -> bool:
    """A city or country name (used to overrule spaCy when it calls one a person)."""
    key = name.replace("’", "'").strip().lower()
    if name.strip().isupper() and len(name.strip()) <= 5:
        # "US", "UAE" are written so; "MDA" is Moldova's code to pycountry, but in news it is
        # Magen David Adom: a capital acronym is a place only when it is an everyday alias
        return key in COUNTRY_ALIASES or key in place_book().cities
    return key in place_book().cities or key in COUNTRY_ALIASES or _is_country(key)


@cache
def language_names() -> frozenset[str]:
    """Names of the major languages (ISO 639-1, from pycountry, plus "Pashto" and "Dari"):
    "in Amharic" says how something was said, not where. Language names that also name a
    region ("Afar", "Komi", "Kongo") are left out."""
    import pycountry

    names = {"Pashto", "Dari"}
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):
            names.update(n.split("(")[0].strip() for n in language.name.split(";"))
    return frozenset(n for n in names if n not in {"Afar", "Komi", "Kongo", "Nauru", "Tonga"})


@cache
def _is_country(key: str) -> bool:
    import pycountry

    try:
        pycountry.countries.lookup(key)
    except LookupError:
        return False
    return True


def city_spellings() -> dict[str, str]:
    """Lower-case city name -> the name as written in the place list (for case-exact matching)."""
    out = {}
    for entry in lexicon.data("places")["places"]:
        for name in entry.rpartition(":")[0].split("|"):
            out[name.lower()] = name
    return out
