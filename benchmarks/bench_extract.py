"""Extraction speed and memory against bare spaCy, measured in the same run.

Texts: every article of ``../shared/corpus/re3d-dev`` (the issue's benchmark
set); when that folder is absent (a user's clone), the seed articles instead.
Floor: ``nlp.pipe`` over the same texts with the same model, nothing else.
Targets (issues 4 and 13): extraction time at most 1.3x the floor, peak memory at
most 1.3x. Also reported: the cold model load, in a fresh process, and the cold
start of what extraction adds to it (rule matchers, the learned system tagger).

Peak memory (``ru_maxrss``) is measured in two child processes, one per job, so it
belongs to that job alone. Times are measured in one process, alternating the two
jobs and keeping the best of five passes of each, so that load from other programs
on the machine hits both alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "re3d-dev"
REPEAT = 1


def texts() -> tuple[str, list[str]]:
    if CORPUS.is_dir():
        files = sorted(CORPUS.glob("*.txt"))
        label = f"re3d-dev ({len(files)} texts)"
    else:
        files = sorted((ROOT / "seeds").glob("*.txt"))
        label = f"seeds ({len(files)} texts; ../shared/corpus/re3d-dev not found)"
    return label, [f.read_text(encoding="utf-8-sig") for f in files]


def child(mode: str) -> None:
    """Run one job and print its timings and peak memory as JSON."""
    import resource

    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from app.extract.extractor import engine, extract_many
    from app.extract.pipeline import LINE_BREAKS, load_pipeline

    pipeline = load_pipeline()
    load_s = time.perf_counter() - t0
    engine_s = tagger_s = 0.0
    if mode == "extract":
        from app.extract.learned_systems import load_tagger

        t1 = time.perf_counter()
        load_tagger()
        tagger_s = time.perf_counter() - t1
        engine(pipeline, warm_dates=False)  # matchers and the tagger, built once per process
        engine_s = time.perf_counter() - t1
        engine(pipeline)  # and the date parser
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _, corpus = texts()
    best = {"pipe": float("inf"), "extract": float("inf")}
    claims = 0
    jobs = ["pipe", "extract"] if mode == "both" else [mode]
    if mode == "both":
        engine(pipeline)
        list(extract_many(corpus[:3], pipeline=pipeline))  # warm caches
    for _ in range(REPEAT if mode != "both" else 5):
        for job in jobs:
            t = time.perf_counter()
            if job == "pipe":
                # the floor is the model alone: without the line-break component we add
                with pipeline.nlp.select_pipes(disable=[LINE_BREAKS]):
                    for _doc in pipeline.nlp.pipe(corpus):
                        pass
            else:
                claims = sum(len(c) for c in extract_many(corpus, pipeline=pipeline))
            best[job] = min(best[job], time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"mode": mode, "model": pipeline.name, "load_s": load_s, "best": best,
                      "engine_s": engine_s, "tagger_s": tagger_s,
                      "rss_loaded_kb": rss_loaded, "peak_kb": peak, "claims": claims}))


def run_child(mode: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    label, corpus = texts()
    chars = sum(len(t) for t in corpus)
    pipe = run_child("pipe")
    extract = run_child("extract")
    timing = run_child("both")
    pipe["best_s"], extract["best_s"] = timing["best"]["pipe"], timing["best"]["extract"]
    extract["claims"] = timing["claims"]
    ratio_t = extract["best_s"] / pipe["best_s"]
    ratio_m = extract["peak_kb"] / pipe["peak_kb"]
    grow_pipe = pipe["peak_kb"] - pipe["rss_loaded_kb"]
    grow_extract = extract["peak_kb"] - extract["rss_loaded_kb"]
    print(f"texts: {label}, {chars:,} characters; model {pipe['model']}")
    print(f"cold model load (fresh process): {pipe['load_s'] * 1000:.0f} ms; then rule matchers "
          f"+ learned system tagger {extract['engine_s'] * 1000:.0f} ms (of which reading the "
          f"tagger {extract['tagger_s'] * 1000:.0f} ms)")
    print(f"floor  nlp.pipe:   {pipe['best_s'] * 1000:8.0f} ms   "
          f"peak RSS {pipe['peak_kb'] / 1024:6.0f} MB")
    print(f"extract_many:      {extract['best_s'] * 1000:8.0f} ms   peak RSS "
          f"{extract['peak_kb'] / 1024:6.0f} MB   ({extract['claims']} claims)")
    print(f"ratio time {ratio_t:.2f}x (target <= 1.3) · "
          f"ratio memory {ratio_m:.2f}x (target <= 1.3)")
    print(f"memory growth after load: pipe {grow_pipe / 1024:.0f} MB, "
          f"extract {grow_extract / 1024:.0f} MB")
    return 0 if ratio_t <= 1.3 and ratio_m <= 1.3 else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        sys.exit(main())
