"""Hostile inputs are answered in time proportional to their size (issue 11).

Each case is timed against a floor measured in the same run that does the
least any reader must do with the same input:

* re-anchoring 200 drifted claims whose quote occurs a million times in a
  1 MB article, against 200 passes of ``str.find`` over the article;
* refusing a 1,000,000-claim worksheet, against ``json.loads`` of it;
* refusing 200,000 ``[`` as Markdown and a 1 MB line of emoji, against
  decoding the bytes and splitting them at whitespace (the least a tokenizer
  does; the refusal must not parse them);
* a PDF report with a 1 MB rationale, against a report of the same worksheet
  without it (the extra must be linear: ~300 pages in a few seconds).

Targets: re-anchoring under 1 s; each refusal under 2 s; the 1 MB rationale
adds less than 30 s. Times are the best of three runs (CPU time), so a busy
machine changes them little; the ratios are the figures to compare.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from app.document.anchors import Anchor, SearchBudget, SearchBudgetExceeded, reanchor
from app.document.fileformat import WorksheetError, loads
from app.importers import ArticleImportError, import_article
from app.reports.pdf import render_pdf


def best_s(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return min(times)


def _reanchor_storm() -> None:
    text = "ab" * 500_000
    budget = SearchBudget()
    try:
        for i in range(200):
            reanchor(Anchor(5000 * i + 1, 5000 * i + 2, "a", "ab" * 16, "b" * 32), text, budget)
    except SearchBudgetExceeded:
        pass


def _find_floor() -> None:
    text = "ab" * 500_000
    for _ in range(200):
        text.find("zz")


def _refuse(fn: Callable[[], object], error: type[Exception]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except error:
            return
        raise AssertionError("was not refused")
    return run


def main() -> int:
    from tests.reports.worksheets import seed_worksheet

    million = (json.dumps({"format": "claimsheet", "version": 1, "id": "w"})[:-1]
               + ', "claims": [' + ",".join(["{}"] * 1_000_000) + "]}").encode()
    brackets = ("# Title\n\n" + "[" * 200_000).encode()
    emoji = ("\U0001F600" * 250_000).encode()
    rationale = seed_worksheet()
    rationale.claims[0].rationale = "word " * 199_999
    cases = [
        ("re-anchor 200 claims, quote found 10^6 times in 1 MB", _reanchor_storm,
         _find_floor, "200 x str.find over 1 MB", 1.0),
        ("refuse a 1,000,000-claim worksheet", _refuse(lambda: loads(million), WorksheetError),
         lambda: json.loads(million), "json.loads of it", 2.0),
        ("refuse 200,000 [ as Markdown", _refuse(
            lambda: import_article(brackets, name="storm.md"), ArticleImportError),
         lambda: brackets.decode().split(), "decode and split", 2.0),
        ("refuse 1 MB of emoji in a row", _refuse(
            lambda: import_article(emoji, name="emoji.txt"), ArticleImportError),
         lambda: emoji.decode().split(), "decode and split", 2.0),
        ("PDF report with a 1 MB rationale", lambda: render_pdf(rationale),
         lambda: render_pdf(seed_worksheet()), "the report without it", 30.0),
    ]
    ok = True
    for name, work, floor, floor_name, target in cases:
        seconds, floor_seconds = best_s(work), best_s(floor)
        verdict = "ok" if seconds < target else "OVER TARGET"
        ok = ok and verdict == "ok"
        ratio = seconds / floor_seconds if floor_seconds else float("inf")
        print(f"{name}: {seconds * 1000:.0f} ms  ({floor_name}: {floor_seconds * 1000:.0f} ms, "
              f"ratio {ratio:.1f}x)  target <{target:g} s: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, ".")
    sys.exit(main())
