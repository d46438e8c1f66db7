"""One checkable per stretch of text: overlapping candidates resolved, tails trimmed.

Several rules often propose the same words ("Kharkiv Oblast" as the model's
organisation and as a region; "seven drones" as a count and a platform). The
more specific kind wins (:data:`~app.extract.candidates.PRIORITY`), then the
rule's rank, then the longer span.
"""

from __future__ import annotations

import bisect

from app.extract.candidates import PRIORITY, Found


def trim_tails(found: list[Found], text: str) -> None:
    """ "Hong Kong's", "May 18, 2015\\n\\n": the name without its possessive or white space."""
    for f in found:
        while f.end > f.start and text[f.end - 1].isspace():
            f.end -= 1
        if f.type in ("actor", "location") and text[f.end - 2:f.end] in ("'s", "’s") \
                and f.end - f.start > 2:
            f.end -= 2
            if f.value and f.value.endswith(("'s", "’s")):
                f.value = f.value[:-2]


def resolve(found: list[Found], text: str) -> list[Found]:
    """Drop overlapping candidates, keeping the most specific and then the longest.

    Kept spans never overlap, so they are held sorted by start and a clash is found
    with a binary search: linear in practice even for a chunk with thousands of spans.
    """
    starts: list[int] = []
    kept: list[Found] = []
    ordered = sorted(found, key=lambda f: (PRIORITY[f.type], f.rank, -(f.end - f.start), f.start))
    for f in ordered:
        if f.end <= f.start or not text[f.start:f.end].strip():
            continue
        i = bisect.bisect_left(starts, f.end)  # kept[:i] start before f ends
        clash = []
        j = i - 1
        while j >= 0 and kept[j].end > f.start:
            clash.append(j)
            j -= 1
        if not clash:
            starts.insert(i, f.start)
            kept.insert(i, f)
            continue
        # an office ("Minister for the Middle East") is one actor, not a place inside a title;
        # so is an institution with its state ("Chad's army", "the Iraqi police")
        if f.type == "actor" and (f.attributes.get("kind") == "office" or f.rank == 1) and all(
                kept[j].type in ("location", "actor") and f.start <= kept[j].start
                and kept[j].end <= f.end and kept[j].attributes.get("kind") != "person"
                for j in clash):
            _replace(starts, kept, clash, f)
            continue
        # an institution rule ("Russian defense ministry") may widen an entity it contains
        k = kept[clash[0]]
        if len(clash) == 1 and f.type == k.type == "actor" and f.rank == 1 and k.rank <= 0 \
                and f.start <= k.start and f.end >= k.end:
            _replace(starts, kept, clash, f)
    return kept


def _replace(starts: list[int], kept: list[Found], clash: list[int], f: Found) -> None:
    for j in sorted(clash, reverse=True):
        del starts[j], kept[j]
    i = bisect.bisect_left(starts, f.start)
    starts.insert(i, f.start)
    kept.insert(i, f)

