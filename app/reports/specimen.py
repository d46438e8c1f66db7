"""Synthetic worksheets of any size, for benchmarks, stress tests and layout checks.

Deterministic for a given seed, so a benchmark measures the same document on
every run. The article is made of generated sentences; each claim is one
sentence with a date, a count and a location checkable; verdicts, statuses,
sourcing and citations cycle through every value so every branch of the
report layout is exercised.
"""

from __future__ import annotations

import random

from app.document.anchors import make_anchor
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Source,
    SourceKind,
    Sourcing,
    Stance,
    Status,
    Verdict,
    Worksheet,
)

_PLACES = ["Belgorod Region", "Kharkiv Oblast", "Crimea", "Kursk Oblast", "Donetsk", "Odesa",
           "Zaporizhzhia", "Bryansk Oblast"]
_ACTORS = ["The defence ministry", "A regional governor", "Local officials", "The General Staff",
           "An air force spokesperson", "Sources close to the ministry"]
_NOUNS = ["drones", "missiles", "vehicles", "aircraft", "artillery shells", "people"]
_WORDS = ("officials said the operation continued through the night while observers reported "
          "further movements near the border and analysts questioned the figures").split()


def synthetic_worksheet(claims: int = 200, sources: int = 300, seed: int = 6) -> Worksheet:
    """A worksheet with ``claims`` one-sentence claims and ``sources`` sources."""
    rng = random.Random(seed)
    parts: list[str] = []
    pending: list[tuple[int, int, list[tuple[CheckableType, int, int, str, str]]]] = []
    pos = 0
    for i in range(claims):
        actor = rng.choice(_ACTORS)
        day = 1 + i % 28
        count = 2 + rng.randrange(400)
        noun = rng.choice(_NOUNS)
        place = rng.choice(_PLACES)
        tail = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(4, 30)))
        date_text = f"October {day}"
        count_text = f"{count} {noun}"
        sentence = (f"{actor} said on {date_text} that {count_text} were recorded over {place}, "
                    f"and {tail}.")
        start = pos
        marks = []
        for kind, text, value in ((CheckableType.DATE, date_text, f"2023-10-{day:02d}"),
                                  (CheckableType.COUNT, count_text, str(count)),
                                  (CheckableType.LOCATION, place, place)):
            offset = sentence.index(text)
            marks.append((kind, start + offset, start + offset + len(text), text, value))
        pending.append((start, start + len(sentence), marks))
        filler = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 25)))
        paragraph = sentence + (" " + filler.capitalize() + "." if filler else "")
        parts.append(paragraph)
        pos += len(paragraph) + 2  # paragraphs are separated by a blank line
    text = "\n\n".join(parts)

    source_list = [
        Source(title=f"Report {n}: {rng.choice(_NOUNS)} over {rng.choice(_PLACES)}",
               url=f"https://example.org/reports/{n}?ref=claimsheet&page={n % 7}",
               publisher=f"Example Publisher {n % 17}", author=f"Author {n % 23}",
               published=f"2023-10-{1 + n % 28:02d}", accessed="2023-10-30",
               archive_url=f"https://archive.example/{n}" if n % 3 == 0 else "",
               kind=list(SourceKind)[n % len(SourceKind)],
               excerpt=" ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 40))))
        for n in range(1, sources + 1)
    ]
    verdicts: list[Verdict | None] = [*Verdict, None]
    claim_list = []
    for i, (start, end, marks) in enumerate(pending):
        sourcing = list(Sourcing)[i % 3]
        claim = Claim(
            anchor=make_anchor(text, start, end),
            worthiness=rng.random(),
            sourcing=sourcing,
            source_name="" if sourcing == Sourcing.NONE else "the ministry",
            hedged=i % 4 == 0,
            hedges=["reportedly"] if i % 4 == 0 else [],
            verdict=verdicts[i % len(verdicts)],
            status=list(Status)[i % 4],
            rationale=" ".join(rng.choice(_WORDS) for _ in range(rng.randrange(0, 60))),
            checkables=[Checkable(type=k, start=s, end=e, text=t, value=v, checked=j % 2 == 0)
                        for j, (k, s, e, t, v) in enumerate(marks)],
        )
        if source_list:
            for _ in range(rng.randrange(0, 4)):
                source = rng.choice(source_list)
                claim.citations.append(Citation(source.id, rng.choice(list(Stance))))
        claim_list.append(claim)
    return Worksheet(
        article=Article(text=text, title=f"Synthetic article with {claims} claims",
                        outlet="Example Outlet", url="https://example.org/article",
                        published="2023-10-30"),
        claims=claim_list, sources=source_list, checker="Bench Checker",
        reviewer="Bench Reviewer", created="2023-10-30T10:00:00+00:00",
        modified="2023-10-30T12:00:00+00:00", id=f"00000000-0000-4000-8000-{seed:012d}",
    )
