"""Check-worthiness model: load time and scoring speed.

Load: ``read_model`` of the shipped file (gzip'd JSON -> lookup tables), best of
5, with the floor being gzip + ``json.load`` of the same file; plus a cold load
in a fresh interpreter (import + first call), which is what a user waits for.
Scoring: 2,000 sentences from the seed article (it repeats, so "warm" means the
per-word character-gram cache is full; "first pass" starts from an empty cache),
with the floor being the word tokenizer alone (``word_features``).
Targets (issue 4): load well under 1 s; scoring a whole article is negligible
next to spaCy.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extract.worthiness import (  # noqa: E402
    MODEL_FILE,
    read_model,
    word_features,
)
from app.resources import resource_path  # noqa: E402

SEED = ROOT / "seeds" / "000_6448b12ea3d2d7a9.txt"
SENTENCES = 2000

COLD = """
import time
t0 = time.perf_counter()
from app.extract.worthiness import score_sentences
score_sentences(["The ministry said 14 drones were shot down on Tuesday."])
print((time.perf_counter() - t0) * 1000)
"""


def best_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return min(times)


def _first_pass_ms(path: Path, texts: list[str]) -> float:
    model = read_model(path)
    t0 = time.perf_counter()
    model.score(texts)
    return (time.perf_counter() - t0) * 1000


def seed_sentences(count: int) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text) if s.strip()]
    return [sentences[i % len(sentences)] for i in range(count)]


def main() -> int:
    path = resource_path(*MODEL_FILE)

    def parse_only() -> object:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)

    floor_load = best_ms(parse_only)
    load_ms = best_ms(lambda: read_model(path))
    cold = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    cold_ms = float(cold.stdout.strip())

    model = read_model(path)
    texts = seed_sentences(SENTENCES)

    def tokenize_only() -> None:
        for text in texts:
            word_features(text)

    floor_score = best_ms(tokenize_only, repeat=3)
    first_ms = min(_first_pass_ms(path, texts) for _ in range(3))
    score_ms = best_ms(lambda: model.score(texts), repeat=3)

    size_kb = path.stat().st_size / 1024
    print(f"model: {path.name}, {size_kb:.0f} KB, "
          f"{sum(len(b) for b in model.blocks)} features")
    print(f"load: {load_ms:.1f} ms  (gzip+json.load {floor_load:.1f} ms, "
          f"ratio {load_ms / floor_load:.2f}x)")
    print(f"cold load in a fresh process (import + first score): {cold_ms:.1f} ms")
    for label, ms in (("first pass, empty word cache", first_ms), ("warm", score_ms)):
        print(f"score {SENTENCES} sentences, {label}: {ms:.1f} ms = "
              f"{SENTENCES / ms * 1000:.0f} sentences/s  (word tokenizing alone "
              f"{floor_score:.1f} ms, ratio {ms / floor_score:.2f}x)")
    ok = cold_ms < 1000 and load_ms < 1000
    print(f"target: load under 1000 ms: {'ok' if ok else 'OVER TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
