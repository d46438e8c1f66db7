"""Measuring matching and conflict finding on labelled claim pairs.

The pairs (``tests/data/library/pairs.json``) are grouped by event: one claim
and, paired with it, claims that restate it ("same"), report the same event
with another count or date ("conflict") or say something else on the same
topic ("unrelated"). Every claim becomes a worksheet of its own, made by the
real extractor from the claim's text and publication date, and all are
indexed into one library; each pair is then judged the way the window would
see it (the first claim's matches and conflicts).

Thresholds are never tuned and reported on the same pairs: the events are
split in two halves by number (odd, even), a threshold is tuned on one half
and measured on the other, both ways. ``scripts/library_quality.py`` prints
the figures; ``tests/library/test_quality.py`` checks the targets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.document.anchors import make_anchor
from app.document.model import Article, Claim, Worksheet
from app.library import scoring
from app.library.base import BaseLibrary
from app.library.records import claim_record

LABELS = ("same", "conflict", "unrelated")
Extract = Callable[[Article], list[Claim]]


@dataclass(frozen=True, slots=True)
class PairResult:
    event: int
    label: str
    match: float            # the match score (0 when the matcher did not find the claim)
    disagree: bool          # the matcher saw a count or date that disagrees
    conflict: float | None  # the conflict score, None when not the same event or no dispute


@dataclass(frozen=True, slots=True)
class Figures:
    precision: float
    recall: float
    pairs: int
    positives: int

    def __str__(self) -> str:
        return (f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
                f"({self.positives} positive of {self.pairs} pairs)")


def load_pairs(path: str | Path) -> list[dict[str, Any]]:
    from app.reading import read_file

    data = read_file(path, limit=64 * 1024 * 1024)
    events: list[dict[str, Any]] = json.loads(data.decode("utf-8"))["events"]
    return events


def pair_count(events: list[dict[str, Any]]) -> int:
    return sum(len(e[label]) for e in events for label in LABELS)


def worksheet_for(text: str, published: str, extract: Extract, worksheet_id: str) -> Worksheet:
    """A worksheet whose one claim is ``text``, with the extractor's checkables."""
    article = Article(text=text, published=published, title=text[:60])
    claims = extract(article)
    if len(claims) == 1 and claims[0].quote.strip() == text.strip():
        claim = claims[0]
    else:  # the extractor cut the text in two, or thought it not check-worthy
        claim = Claim(anchor=make_anchor(text, 0, len(text)),
                      checkables=[k for c in claims for k in c.checkables])
    return Worksheet(article=article, claims=[claim], id=worksheet_id)


def build(events: list[dict[str, Any]], library: BaseLibrary,
          extract: Extract) -> list[tuple[int, str, Worksheet, Worksheet]]:
    """Index every claim as its own worksheet; returns (event, label, first, other)."""
    pairs = []
    for event in events:
        number = int(event["event"])
        first = worksheet_for(event["claim"]["text"], event["claim"]["published"], extract,
                              f"pairs-{number}-claim")
        library.index_worksheet(first, None)
        for label in LABELS:
            for i, side in enumerate(event[label]):
                other = worksheet_for(side["text"], side["published"], extract,
                                      f"pairs-{number}-{label}-{i}")
                library.index_worksheet(other, None)
                pairs.append((number, label, first, other))
    return pairs


def judge(library: BaseLibrary,
          pairs: Iterable[tuple[int, str, Worksheet, Worksheet]]) -> list[PairResult]:
    """Score each pair through the library's own candidate retrieval."""
    results = []
    for number, label, first, other in pairs:
        record = claim_record(first, first.claims[0], 1, None)
        wanted = (other.id, other.claims[0].id)
        match, disagree, conflict = 0.0, False, None
        for candidate in library.candidates(record):
            if (candidate.worksheet_id, candidate.claim_id) == wanted:
                comparison = scoring.compare(record, candidate)
                match, disagree = comparison.score, comparison.disagreement is not None
        for candidate in library.event_candidates(record):
            if (candidate.worksheet_id, candidate.claim_id) == wanted:
                found = scoring.conflict_score(record, candidate)
                conflict = None if found is None else found[0]
        results.append(PairResult(number, label, match, disagree, conflict))
    return results


def is_same(r: PairResult, threshold: float) -> bool:
    return r.match >= threshold and not r.disagree


def is_conflict(r: PairResult, threshold: float) -> bool:
    return r.conflict is not None and r.conflict >= threshold


def figures(results: list[PairResult], label: str,
            predicate: Callable[[PairResult], bool]) -> Figures:
    tp = sum(1 for r in results if predicate(r) and r.label == label)
    fp = sum(1 for r in results if predicate(r) and r.label != label)
    positives = sum(1 for r in results if r.label == label)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / positives if positives else 1.0
    return Figures(precision, recall, len(results), positives)


def tune(results: list[PairResult], label: str,
         decide: Callable[[PairResult, float], bool]) -> float:
    """The threshold with the best F0.5 (precision counts twice as much as recall).

    The target puts precision first (at least 0.90 while finding 80%), hence
    F0.5 rather than F1. Several thresholds usually tie; the middle of the
    tied ones is taken, as far as possible from both a lost positive and a
    gained false one.
    """
    grid = [round(0.30 + 0.01 * i, 2) for i in range(66)]

    def f_half(t: float) -> float:
        f = _at(results, label, decide, t)
        if not f.precision + f.recall:
            return 0.0
        return 1.25 * f.precision * f.recall / (0.25 * f.precision + f.recall)

    scores = {t: round(f_half(t), 9) for t in grid}
    best = max(scores.values())
    tied = [t for t in grid if scores[t] == best]
    return tied[len(tied) // 2]


def halves(results: list[PairResult]) -> tuple[list[PairResult], list[PairResult]]:
    """Odd-numbered events (the half the shipped thresholds were tuned on), even ones."""
    return ([r for r in results if r.event % 2 == 1], [r for r in results if r.event % 2 == 0])


def _at(results: list[PairResult], label: str, decide: Callable[[PairResult, float], bool],
        threshold: float) -> Figures:
    return figures(results, label, lambda r: decide(r, threshold))


def report(results: list[PairResult]) -> dict[str, Any]:
    """Figures with the shipped thresholds per half, and two-way cross-validation."""
    odd, even = halves(results)
    shipped = scoring.THRESHOLDS
    out: dict[str, Any] = {"shipped": {}, "cross": {}}
    for name, decide, threshold, label in (
            ("same claim", is_same, shipped.same, "same"),
            ("conflict", is_conflict, shipped.conflict, "conflict")):
        out["shipped"][name] = {
            "threshold": threshold,
            "tuning half (odd events)": _at(odd, label, decide, threshold),
            "held-out half (even events)": _at(even, label, decide, threshold),
            "all pairs": _at(results, label, decide, threshold),
        }
        cross = {}
        for tuned_on, measured_on, tuned_name, measured_name in (
                (odd, even, "odd", "even"), (even, odd, "even", "odd")):
            t = tune(tuned_on, label, decide)
            cross[f"tuned on {tuned_name} ({t:.2f}), measured on {measured_name}"] = _at(
                measured_on, label, decide, t)
        out["cross"][name] = cross
    return out
