"""Synthetic worksheets of a given size, shared by the benchmarks."""

from __future__ import annotations

import random

from app.document import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Source,
    SourceKind,
    Stance,
    Status,
    Verdict,
    Worksheet,
    make_anchor,
)

SENTENCE = ("On {day} October the ministry said {n} drones were shot down over the "
            "Belgorod Region near the border with Ukraine's Kharkiv Oblast, officials said.")


def synthetic_worksheet(n_claims: int, n_sources: int, seed: int = 7) -> Worksheet:
    """A worksheet whose article has one sentence per claim, fully filled in."""
    rng = random.Random(seed)
    sentences = [SENTENCE.format(day=i % 28 + 1, n=i) for i in range(n_claims)]
    text = " ".join(sentences)
    ws = Worksheet(Article(text=text, title="Synthetic benchmark article", outlet="Bench"))
    ws.sources = [
        Source(title=f"Source {i}", url=f"https://example.org/report/{i}",
               publisher="Example Agency", published="2023-10-19", accessed="2023-10-20",
               kind=rng.choice(list(SourceKind)), excerpt="An excerpt " * 5)
        for i in range(n_sources)
    ]
    pos = 0
    for i, sentence in enumerate(sentences):
        start, end = pos, pos + len(sentence)
        pos = end + 1
        day_at = start + 3
        claim = Claim(
            anchor=make_anchor(text, start, end),
            worthiness=round(rng.random(), 3),
            verdict=rng.choice([None, *Verdict]),
            status=rng.choice(list(Status)),
            rationale="Checked against the ministry's own statement. " * 2,
            checkables=[
                Checkable(CheckableType.DATE, day_at, day_at + len(str(i % 28 + 1)) + 8,
                          text[day_at: day_at + len(str(i % 28 + 1)) + 8], value="2023-10-19"),
                Checkable(CheckableType.LOCATION, start + sentence.index("Belgorod"),
                          start + sentence.index("Belgorod") + 15, "Belgorod Region",
                          value="Russia", attributes={"country": "RU"}),
            ],
            citations=[Citation(ws.sources[(i + j) % n_sources].id, rng.choice(list(Stance)))
                       for j in range(2)] if n_sources else [],
        )
        ws.claims.append(claim)
    return ws
