"""The words and colours a checker sees for each value of the model, defined once.

The window, the PDF worksheet, the printed pages, the Markdown, CSV and
ClaimReview exports all name verdicts, statuses, sourcing, stances, source
kinds and checkable types, and colour verdicts and checkable types. They read
them from here, so a label or colour cannot differ between screen and print.

Colours are plain ``#rrggbb`` strings (the Qt layer and reportlab each turn
them into their own colour objects). Checkable colours are the Okabe-Ito
palette, distinguishable with the common colour-vision deficiencies; each
type also has an underline style and a letter, so nothing depends on colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.document.model import (
    Capture,
    CheckableType,
    SourceKind,
    Sourcing,
    Stance,
    Status,
    Verdict,
)

# ---------------------------------------------------------------- verdicts and statuses

NO_VERDICT = "No verdict yet"


def verdict_label(verdict: Verdict | None) -> str:
    """"False", "Half true / Misleading", or "No verdict yet"."""
    return verdict.label if verdict is not None else NO_VERDICT


def status_label(status: Status) -> str:
    return status.label


@dataclass(frozen=True, slots=True)
class VerdictStyle:
    """A verdict's fill colour and the ink that stays legible on it."""

    fill: str
    ink: str


INK = "#1a1a1a"
WHITE = "#ffffff"
MUTED = "#5a5a5a"

#: Dark to light from False to True; "no verdict" is an outlined white box.
VERDICT_STYLES: dict[Verdict | None, VerdictStyle] = {
    Verdict.TRUE: VerdictStyle("#2e7d32", WHITE),
    Verdict.MOSTLY_TRUE: VerdictStyle("#689f38", WHITE),
    Verdict.HALF_TRUE: VerdictStyle("#f9a825", INK),
    Verdict.MOSTLY_FALSE: VerdictStyle("#e65100", WHITE),
    Verdict.FALSE: VerdictStyle("#b71c1c", WHITE),
    Verdict.UNVERIFIABLE: VerdictStyle("#616161", WHITE),
    Verdict.NOT_A_CLAIM: VerdictStyle("#b0b0b0", INK),
    None: VerdictStyle(WHITE, MUTED),
}

# ---------------------------------------------------------------- sourcing, stance, sources

#: Long form (detail pane, reports), short form (a narrow checklist column).
SOURCING_LABELS: dict[Sourcing, str] = {
    Sourcing.NAMED: "Named source",
    Sourcing.UNNAMED: "Anonymous source",
    Sourcing.NONE: "No attribution",
}
SOURCING_SHORT: dict[Sourcing, str] = {
    Sourcing.NAMED: "named",
    Sourcing.UNNAMED: "anonymous",
    Sourcing.NONE: "—",
}
STANCE_LABELS: dict[Stance, str] = {
    Stance.SUPPORTS: "Supports",
    Stance.REFUTES: "Refutes",
    Stance.CONTEXT: "Context",
}
SOURCE_KIND_LABELS: dict[SourceKind, str] = {
    SourceKind.PRIMARY_DOCUMENT: "Primary document",
    SourceKind.OFFICIAL_STATEMENT: "Official statement",
    SourceKind.NEWS_REPORT: "News report",
    SourceKind.EXPERT: "Expert",
    SourceKind.DATASET: "Dataset",
    SourceKind.IMAGE_VIDEO: "Image / video",
    SourceKind.OTHER: "Other",
}
CAPTURE_LABELS: dict[Capture, str] = {
    Capture.FILE: "File dropped or chosen",
    Capture.PAGE: "Saved page",
    Capture.SCREENSHOT: "Screenshot",
    Capture.PASTED_IMAGE: "Pasted image",
}


def evidence_time(iso: str) -> str:
    """``2026-11-20T10:00:00+00:00`` → ``2026-11-20 10:00:00 UTC`` (as captured, in UTC)."""
    text = iso.replace("T", " ")
    return text[:-6] + " UTC" if text.endswith("+00:00") else text

# ---------------------------------------------------------------- checkable types


@dataclass(frozen=True, slots=True)
class CheckableStyle:
    """How one type of checkable looks everywhere.

    ``colour`` is for light backgrounds (the window's light palette and paper),
    ``colour_dark`` for the dark palette; ``underline`` names the line style
    ("solid", "wavy", "dashed", "dotted", "dash-dot"); ``letter`` follows the
    checkable in print, where colour may be lost.
    """

    label: str
    name: str
    letter: str
    colour: str
    colour_dark: str
    underline: str


CHECKABLE_STYLES: dict[CheckableType, CheckableStyle] = {
    CheckableType.DATE: CheckableStyle("Date", "date", "D", "#0072B2", "#56B4E9", "solid"),
    CheckableType.SYSTEM: CheckableStyle("System", "system", "S", "#D55E00", "#FF8C42", "wavy"),
    CheckableType.LOCATION: CheckableStyle("Location", "location", "L", "#009E73", "#3FD9A6",
                                           "dashed"),
    CheckableType.COUNT: CheckableStyle("Count", "count", "N", "#A8457E", "#F0A6CF", "dotted"),
    CheckableType.ACTOR: CheckableStyle("Actor", "actor", "A", "#8A6D00", "#F0E442", "dash-dot"),
}

# ---------------------------------------------------------------- claims in the article

#: Claim tints alternate between two hues, so that two adjacent claims never
#: merge into one band (light palette, dark palette).
CLAIM_TINTS: tuple[tuple[str, str], tuple[str, str]] = (
    ("#FFF1B8", "#4A4220"),
    ("#DCEBFA", "#203A4A"),
)
SELECTED_TINT = ("#FFD84D", "#8A7320")
#: The numbered box that marks where a claim starts (PDF, print and window margin).
MARKER_FILL = "#2b2b2b"
#: The claim band in print (grey: survives black-and-white printing).
PRINT_CLAIM_SHADE = "#e3e3e3"
