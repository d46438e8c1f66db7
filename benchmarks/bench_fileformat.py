"""Save and load a worksheet with 2,000 claims and 500 sources.

Floor, measured in the same run: plain ``json.dumps`` / ``json.loads`` of the
same document. Targets (issue 3): each under 150 ms and at most 3x the floor.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app.document.fileformat import load_worksheet, save_worksheet, worksheet_to_dict
from app.reports.specimen import synthetic_worksheet


def best_ms(fn: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times) if times else float("nan")


def main() -> int:
    ws = synthetic_worksheet(2000, 500)
    document = worksheet_to_dict(ws)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.claimsheet"
        plain = Path(folder) / "plain.json"
        save_worksheet(ws, path)
        load_worksheet(path)  # warm caches (schema compile)

        def plain_dump() -> None:
            plain.write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")

        floor_dump = best_ms(plain_dump)
        floor_load = best_ms(lambda: json.loads(plain.read_text("utf-8")))
        save_ms = best_ms(lambda: save_worksheet(ws, path))
        load_ms = best_ms(lambda: load_worksheet(path))
    size_mb = len(text.encode()) / 1e6
    print(f"worksheet: 2000 claims, 500 sources, {size_mb:.1f} MB")
    ok = True
    for name, ms, floor in (("save", save_ms, floor_dump), ("load", load_ms, floor_load)):
        ratio = ms / floor
        verdict = "ok" if ms < 150 and ratio <= 3 else "OVER TARGET"
        ok = ok and verdict == "ok"
        print(f"{name}: {ms:.1f} ms  (plain json {floor:.1f} ms, ratio {ratio:.2f}x)  "
              f"target <150 ms and <=3x: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
