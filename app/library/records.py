"""One indexed claim as the library stores it, whatever the back end.

A :class:`ClaimRecord` is a flat copy of what the library needs from a claim
and its worksheet (quote, verdict, status, rationale, cited sources,
checkables, article title, outlet, date, file path) plus what it derives once
at indexing time: the normalized text (:mod:`app.library.text`) and the facts
(:mod:`app.library.facts`). Imported ClaimReview items become records too,
with ``kind == "review"`` and the review's rating, publisher, date and URL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.document.model import Claim, Worksheet
from app.extract.datelines import published_or_dateline
from app.library.facts import Facts, facts_from_checkables, published_date
from app.library.text import normalized

WORKSHEET = "worksheet"
REVIEW = "review"
TEXT_LIMIT = 4000  # characters of a quote kept in the library; longer quotes are cut


@dataclass(slots=True)
class ClaimRecord:
    """A claim (or an external review) as indexed."""

    claim_id: str
    worksheet_id: str
    text: str
    kind: str = WORKSHEET
    number: int = 0                  # the claim's stable number in its worksheet (1-based)
    verdict: str | None = None       # a Verdict value for worksheets, mapped for reviews
    rating: str = ""                 # the rating as shown: verdict label or review's own words
    status: str = ""
    rationale: str = ""
    sources: list[dict[str, str]] = field(default_factory=list)
    checkables: list[dict[str, Any]] = field(default_factory=list)  # offsets within ``text``
    title: str = ""
    outlet: str = ""                 # the article's outlet, or the review's publisher
    published: str = ""              # article publication date, or the review's date
    path: str = ""                   # the worksheet file, or the imported file
    url: str = ""                    # the article's or the review's URL
    norm: str = ""
    facts: Facts = field(default_factory=Facts)
    extra: str = ""                  # normalized rationale, title, outlet, sources: for search

    def json_fields(self) -> tuple[str, str, str]:
        """sources, checkables and facts as JSON text for storage."""
        return (json.dumps(self.sources, ensure_ascii=False),
                json.dumps(self.checkables, ensure_ascii=False),
                json.dumps(self.facts.to_json()))


def derive(record: ClaimRecord) -> ClaimRecord:
    """Fill in the normalized text, the search text and the facts."""
    record.text = record.text[:TEXT_LIMIT]
    record.norm = normalized(record.text)
    searchable = [record.rationale, record.title, record.outlet]
    searchable += [f"{s.get('title', '')} {s.get('publisher', '')}" for s in record.sources]
    record.extra = normalized(" ".join(searchable))[:TEXT_LIMIT]
    record.facts = facts_from_checkables(record.text, 0, record.checkables,
                                         published_date(record.published))
    return record


def claim_record(ws: Worksheet, claim: Claim, number: int, path: str | Path | None) -> ClaimRecord:
    """The record of one worksheet claim."""
    article = ws.article
    sources = [{"title": s.title, "url": s.url, "publisher": s.publisher,
                "published": s.published, "kind": s.kind.value, "stance": stance.value,
                "id": s.id}
               for s, stance in ws.sources_of(claim)]
    # offsets relative to the quote: the record does not carry the article
    checkables = [{"type": k.type.value, "start": k.start - claim.start,
                   "end": k.end - claim.start, "text": k.text, "value": k.value,
                   "attributes": dict(k.attributes)}
                  for k in claim.checkables]
    return derive(ClaimRecord(
        claim_id=claim.id, worksheet_id=ws.id, text=claim.quote, kind=WORKSHEET, number=number,
        verdict=None if claim.verdict is None else claim.verdict.value,
        rating="" if claim.verdict is None else claim.verdict.label,
        status=claim.status.value, rationale=claim.rationale, sources=sources,
        checkables=checkables, title=ws.title, outlet=article.outlet,
        published=published_or_dateline(article), path="" if path is None else str(path),
        url=article.url,
    ))


def worksheet_records(ws: Worksheet, path: str | Path | None) -> list[ClaimRecord]:
    """Every claim's record, numbered as the checker knows it ("claim 16" stays claim 16
    after edits); claims without a stable number yet get their position."""
    return [claim_record(ws, claim, claim.number or number, path)
            for number, claim in enumerate(ws.claims, start=1)]
