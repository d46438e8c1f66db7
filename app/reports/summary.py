"""Numbers every report shows, computed once from a worksheet.

The PDF cover, the Markdown report and the CSV files all number claims and
sources the same way (claims in worksheet order as ``1, 2, …``, sources as
``S1, S2, …``) and count verdicts the same way, so this module is the single
place those numbers come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.document.labels import (
    NO_VERDICT,
    SOURCE_KIND_LABELS,
    SOURCING_LABELS,
    STANCE_LABELS,
    verdict_label,
)
from app.document.model import (
    Claim,
    Source,
    Sourcing,
    Stance,
    Status,
    Verdict,
    Worksheet,
)

# The labels are defined once, in app/document/labels.py (the window uses them too).
NO_VERDICT_LABEL = NO_VERDICT
__all__ = ["NO_VERDICT_LABEL", "SOURCING_LABELS", "STANCE_LABELS", "Summary", "checkable_value",
           "kind_label", "summarize", "verdict_label"]


def kind_label(source: Source) -> str:
    """``primary-document`` → ``Primary document``."""
    return SOURCE_KIND_LABELS[source.kind]


@dataclass(slots=True)
class Summary:
    """Counts and numbering for one worksheet at one moment."""

    total: int
    verdicts: list[tuple[Verdict | None, int]]
    statuses: list[tuple[Status, int]]
    anonymous: int
    hedged: int
    unattributed: int
    checkables: int
    checkables_ticked: int
    claim_numbers: dict[str, int] = field(default_factory=dict)
    source_numbers: dict[str, int] = field(default_factory=dict)
    cited_by: dict[str, list[tuple[int, Stance]]] = field(default_factory=dict)

    @property
    def done(self) -> int:
        """Claims checked or reviewed."""
        return sum(n for status, n in self.statuses if status in (Status.CHECKED, Status.REVIEWED))

    def source_label(self, source: Source) -> str:
        return f"S{self.source_numbers[source.id]}"


def summarize(worksheet: Worksheet) -> Summary:
    claims: list[Claim] = worksheet.claims
    counts = worksheet.verdict_counts()
    verdicts: list[tuple[Verdict | None, int]] = [(v, counts.get(v, 0)) for v in Verdict]
    verdicts.append((None, counts.get(None, 0)))
    statuses = list(worksheet.status_counts().items())
    cited_by: dict[str, list[tuple[int, Stance]]] = {s.id: [] for s in worksheet.sources}
    for number, claim in worksheet.numbered_claims():
        for citation in claim.citations:
            if citation.source_id in cited_by:
                cited_by[citation.source_id].append((number, citation.stance))
    return Summary(
        total=len(claims),
        verdicts=verdicts,
        statuses=statuses,
        anonymous=sum(1 for c in claims if c.sourcing == Sourcing.UNNAMED),
        hedged=sum(1 for c in claims if c.hedged),
        unattributed=sum(1 for c in claims if c.sourcing == Sourcing.NONE),
        checkables=sum(len(c.checkables) for c in claims),
        checkables_ticked=sum(1 for c in claims for k in c.checkables if k.checked),
        claim_numbers={c.id: n for n, c in worksheet.numbered_claims()},
        source_numbers={s.id: n for n, s in enumerate(worksheet.sources, start=1)},
        cited_by=cited_by,
    )


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _readable_value(value: str) -> str:
    """ISO month-day without a year (``--10-19``) as ``19 October``; others unchanged."""
    if len(value) == 7 and value.startswith("--") and value[4] == "-":
        month, day = value[2:4], value[5:7]
        if month.isdigit() and day.isdigit() and 1 <= int(month) <= 12:
            return f"{int(day)} {_MONTHS[int(month) - 1]}"
    return value


def checkable_value(attributes: dict[str, str], value: str | None) -> str:
    """The normalized value with its most useful attributes, e.g. ``7 (noun: UAVs)``."""
    parts = [_readable_value(value)] if value else []
    extras = [f"{key}: {val}" for key, val in sorted(attributes.items()) if val]
    if extras:
        parts.append(f"({'; '.join(extras)})")
    return " ".join(parts)
