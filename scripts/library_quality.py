"""Precision and recall of "same claim" and "conflict" on the written claim pairs.

    .venv/bin/python scripts/library_quality.py [--pairs tests/data/library/pairs.json]

Builds a temporary SQLite library (or the one given with --library) from the
pairs with the real extractor, then prints the figures with the shipped
thresholds on the tuning half and the held-out half, and a two-way
cross-validation (see app/library/quality.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.extract import extract  # noqa: E402
from app.library import open_library, quality  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default=str(ROOT / "tests/data/library/pairs.json"))
    parser.add_argument("--library", help="library location (default: a temporary SQLite file)")
    args = parser.parse_args()
    events = quality.load_pairs(args.pairs)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        location = args.library or str(Path(folder) / "pairs.sqlite3")
        with open_library(location) as library:
            built = quality.build(events, library, extract)  # type: ignore[arg-type]
            results = quality.judge(library, built)  # type: ignore[arg-type]
    where = location if args.library else "a temporary SQLite file"
    print(f"{len(events)} events, {quality.pair_count(events)} pairs, "
          f"{time.perf_counter() - started:.1f} s, library: {where}")
    figures = quality.report(results)
    for name, rows in figures["shipped"].items():
        print(f"\n{name}: shipped threshold {rows.pop('threshold'):.2f}")
        for where, f in rows.items():
            print(f"  {where:28} {f}")
    print("\ncross-validation (tune on one half, measure on the other):")
    for name, rows in figures["cross"].items():
        for where, f in rows.items():
            print(f"  {name:10} {where:40} {f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
