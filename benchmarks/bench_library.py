"""The claim library at newsroom scale: 100,000 claims from 5,000 worksheets.

    .venv/bin/python benchmarks/bench_library.py [--postgres URL] [--rebuild]

Generates 5,000 worksheets of 20 news-style claims each (places, systems,
actors, dates and counts with the checkables the extractor would give, and
Zipf-distributed wording), indexes them into a SQLite library cached in the
temporary folder (built once: about a minute), then measures:

* "checked before": ``matches()`` for one claim of a new worksheet (target < 50 ms);
* indexing one new 50-claim worksheet (target < 100 ms), and re-indexing it unchanged;
* conflicts of one 50-claim worksheet, and all conflicts in the library;
* the library's size.

Floors measured in the same run: the bare FTS5 query behind a match (the
ranking alone, without scoring), and serializing the 50-claim worksheet to
JSON (what a save costs anyway). With ``--postgres URL`` (or under
``pg_virtualenv``, which sets PGHOST) the same figures are measured on
PostgreSQL, into a fresh database it creates and drops.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.document.anchors import make_anchor  # noqa: E402
from app.document.fileformat import dumps  # noqa: E402
from app.document.model import (  # noqa: E402
    Article,
    Checkable,
    CheckableType,
    Claim,
    Status,
    Verdict,
    Worksheet,
)

GENERATOR = 2  # bump when the generated library changes, so the cache is rebuilt
WORKSHEETS = 5_000
CLAIMS_PER_WORKSHEET = 20

PLACES = """Belgorod Kharkiv Kherson Odesa Zaporizhzhia Donetsk Luhansk Crimea Kursk Bryansk Dnipro
Mykolaiv Sumy Chernihiv Lviv Kyiv Gaza Rafah Khan-Younis Jenin Hebron Tulkarm Nablus
Beirut Tyre Sidon Damascus Aleppo Idlib Homs Raqqa Deir-ez-Zor Mosul Kirkuk Erbil
Baghdad Basra Sanaa Hodeidah Aden Marib Taiz Khartoum Omdurman El-Fasher Nyala Juba
Mogadishu Kismayo Goma Bunia Bamako Gao Timbuktu Niamey Ouagadougou Maiduguri Kaduna
Zamfara Tripoli Benghazi Derna Sirte Kabul Herat Kandahar Jalalabad Peshawar Quetta
Karachi Lahore Dhaka Yangon Mandalay Sittwe Manila Mindanao Marawi Taipei Kaohsiung
Caracas Maracaibo Bogota Cali Medellin Quito Guayaquil Lima Ayacucho Cusco
Port-au-Prince Tegucigalpa Acapulco Culiacan Tijuana Havana Istanbul Izmir Hatay
Gaziantep Diyarbakir Tbilisi Yerevan Baku Stepanakert Minsk Chisinau Tiraspol Belgrade
Pristina Sarajevo Athens Pylos Lampedusa Calais""".split()
SYSTEMS = """HIMARS Patriot Iskander Kinzhal Shahed-136 Lancet Bayraktar-TB2 S-300 S-400 Pantsir-S1
Storm-Shadow ATACMS Leopard-2 Abrams Challenger-2 Bradley F-16 Su-25 Su-34 Ka-52 Kh-101 Kalibr
Grad Tornado-S Javelin NLAW Stinger Gepard IRIS-T NASAMS Caesar Krab M777 Excalibur Orlan-10
Geran-2 Tochka-U Onyx Zircon Smerch""".split()
ACTORS = """defence-ministry interior-ministry health-ministry general-staff air-force navy
coast-guard regional-governor city-mayor police emergency-service fire-service red-cross
UN-refugee-agency World-Health-Organization UNICEF Amnesty-International Human-Rights-Watch
World-Food-Programme IAEA NATO European-Commission State-Department Pentagon Kremlin presidency
prime-minister opposition-leader electoral-commission central-bank statistics-office rebels
militia army-spokesman hospital-director aid-agency witnesses residents local-officials""".split()
NOUNS = [("people", "killed"), ("people", "injured"), ("civilians", "killed"),
         ("soldiers", "killed"), ("drones", "shot down"), ("missiles", "intercepted"),
         ("tanks", "destroyed"), ("buildings", "damaged"), ("homes", "destroyed"),
         ("people", "evacuated"), ("people", "arrested"), ("children", "rescued"),
         ("aid trucks", "entered"), ("refugees", "crossed"), ("migrants", "drowned"),
         ("prisoners", "exchanged"), ("hostages", "released"), ("cases", "confirmed"),
         ("patients", "treated"), ("protesters", "detained"), ("votes", "counted"),
         ("shells", "fired"), ("rockets", "launched"), ("ships", "attacked"),
         ("flights", "cancelled"), ("jobs", "cut"), ("hectares", "burned"),
         ("schools", "closed"), ("villages", "captured"), ("workers", "walked out")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
SYLLABLES = "ka ro mi tu le na vo si pe da ri no ma te lu go be fi ze ha ju ko".split()


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Generator:
    """News-style claims with the checkables the extractor would attach."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng)
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]  # Zipf

    def filler(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, self.weights, k=n))

    def claim_text(self) -> tuple[str, list[tuple[str, str, str | None, dict[str, str]]]]:
        rng = self.rng
        place = rng.choice(PLACES).replace("-", " ")
        system = rng.choice(SYSTEMS)
        actor = rng.choice(ACTORS).replace("-", " ")
        noun, verb = rng.choice(NOUNS)
        number = rng.choice([rng.randint(2, 40), rng.randint(10, 900), rng.randint(1000, 90000)])
        day = rng.randint(1, 28)
        month = rng.randrange(12)
        year = rng.choice([2023, 2024])
        date_text = f"{day} {MONTHS[month]}"
        count_text = f"{number:,}"
        text = (f"The {actor} said {count_text} {noun} were {verb} in {place} on {date_text} "
                f"after a {system} strike, {self.filler(rng.randint(3, 9))}.")
        return text, [
            ("actor", actor, actor, {"kind": "organisation"}),
            ("count", count_text, str(number), {"noun": noun}),
            ("location", place, place, {}),
            ("date", date_text, f"{year}-{month + 1:02d}-{day:02d}", {}),
            ("system", system, system, {}),
        ]

    def worksheet(self, claims: int) -> Worksheet:
        parts = [self.claim_text() for _ in range(claims)]
        text = "\n".join(t for t, _ in parts)
        ws = Worksheet(article=Article(text=text, title=self.filler(6).capitalize(),
                                       outlet=self.rng.choice(["Wire", "Daily", "Herald"]),
                                       published=f"2024-{self.rng.randint(1, 12):02d}-15"),
                       id=str(uuid.UUID(int=self.rng.getrandbits(128))))
        offset = 0
        for quote, checkables in parts:
            claim = Claim(anchor=make_anchor(text, offset, offset + len(quote)),
                          id=f"c-{self.rng.getrandbits(40):010x}")
            for kind, span, value, attributes in checkables:
                at = text.index(span, offset)
                claim.checkables.append(Checkable(CheckableType(kind), at, at + len(span), span,
                                                  value, attributes,
                                                  id=f"k-{self.rng.getrandbits(40):010x}"))
            if self.rng.random() < 0.6:
                claim.verdict = self.rng.choice(list(Verdict))
                claim.status = Status.CHECKED
                claim.rationale = self.filler(12)
            ws.claims.append(claim)
            offset += len(quote) + 1
        return ws


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def build(library: object, seed: int = 1) -> float:
    generator = Generator(seed)
    started = time.perf_counter()
    with library._rebuilding():  # type: ignore[attr-defined]  # one transaction: a bulk load
        for i in range(WORKSHEETS):
            library.index_worksheet(generator.worksheet(CLAIMS_PER_WORKSHEET),  # type: ignore[attr-defined]
                                    f"/bench/{i}.claimsheet")
    return time.perf_counter() - started


def measure(library: object, name: str) -> None:
    from app.library.records import claim_record

    lib: object = library
    stats = lib.stats()  # type: ignore[attr-defined]
    print(f"{name}: {stats.claims:,} claims in {stats.worksheets:,} worksheets, "
          f"library size {stats.size_bytes / 1e6:.1f} MB")
    generator = Generator(99)
    queries = [generator.worksheet(1) for _ in range(60)]
    for ws in queries[:5]:
        lib.matches(ws.claims[0], ws)  # type: ignore[attr-defined]  # warm caches
    match_ms = [timed(lambda ws=ws: lib.matches(ws.claims[0], ws), 1)[0]  # type: ignore[attr-defined, misc]
                for ws in queries[5:]]
    records = [claim_record(ws, ws.claims[0], 1, None) for ws in queries[5:]]
    floor_ms = [timed(lambda r=r: lib._text_candidates(  # type: ignore[attr-defined, misc]
        lib._query_terms(r), r.worksheet_id, 60), 1)[0]  # type: ignore[attr-defined]
        for r in records]
    found = sum(1 for ws in queries[5:] if lib.matches(ws.claims[0], ws))  # type: ignore[attr-defined]
    med, p95 = statistics.median(match_ms), sorted(match_ms)[int(len(match_ms) * 0.95)]
    floor = statistics.median(floor_ms)
    print(f"  checked before (matches for one claim): median {med:.1f} ms, p95 {p95:.1f} ms "
          f"(target < 50 ms); floor (bare full-text query) {floor:.1f} ms, "
          f"ratio {med / floor:.1f}x; {found} of {len(match_ms)} claims had matches")

    new = [generator.worksheet(50) for _ in range(12)]
    index_ms = [timed(lambda ws=ws: lib.index_worksheet(ws, None), 1)[0]  # type: ignore[attr-defined, misc]
                for ws in new]
    again_ms = timed(lambda: lib.index_worksheet(new[0], None), 5)  # type: ignore[attr-defined]
    json_ms = timed(lambda: dumps(new[0]), 5)
    med = statistics.median(index_ms)
    print(f"  indexing a new 50-claim worksheet: median {med:.1f} ms, max {max(index_ms):.1f} ms "
          f"(target < 100 ms); unchanged again {statistics.median(again_ms):.1f} ms; "
          f"floor (JSON of the worksheet) {statistics.median(json_ms):.1f} ms, "
          f"ratio {med / statistics.median(json_ms):.1f}x")
    conflicts_ms = timed(lambda: lib.conflicts(new[1]), 3)  # type: ignore[attr-defined]
    print(f"  conflicts of a 50-claim worksheet: median {statistics.median(conflicts_ms):.1f} ms")
    started = time.perf_counter()
    everything = lib.conflicts(limit=1000)  # type: ignore[attr-defined]
    print(f"  all conflicts in the library (first 1,000): {len(everything)} in "
          f"{(time.perf_counter() - started):.1f} s")
    for ws in new:
        lib.remove_worksheet(ws.id)  # type: ignore[attr-defined]


def main() -> int:
    from app.library import open_library

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="also measure on this PostgreSQL "
                        "server (a database is created there and dropped)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached library")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    cache = Path(tempfile.gettempdir()) / f"claimsheet-bench-library-{GENERATOR}"
    cache.mkdir(exist_ok=True)
    path = cache / "library.sqlite3"
    if args.rebuild or not path.exists():
        for stale in cache.glob("library.sqlite3*"):
            stale.unlink()
        building = cache / "building.sqlite3"
        for stale in cache.glob("building.sqlite3*"):
            stale.unlink()
        with open_library(building) as library:
            seconds = build(library)
        os.replace(building, path)
        print(f"generated {WORKSHEETS * CLAIMS_PER_WORKSHEET:,} claims into {path} "
              f"in {seconds:.0f} s")
    with open_library(path) as library:
        measure(library, "SQLite")

    url = args.postgres or ("postgresql:///postgres" if os.environ.get("PGHOST") else None)
    if url is None:
        print("PostgreSQL: not measured (no --postgres URL and no PGHOST; run under "
              "pg_virtualenv to measure)")
        return 0
    import psycopg

    name = f"claimsheet_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    target = url.rsplit("/", 1)[0] + "/" + name
    try:
        with open_library(target, timeout=60) as library:
            seconds = build(library)
            print(f"generated {WORKSHEETS * CLAIMS_PER_WORKSHEET:,} claims into PostgreSQL "
                  f"in {seconds:.0f} s")
            library._db.execute("VACUUM ANALYZE")  # type: ignore[attr-defined]
            measure(library, "PostgreSQL")
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
