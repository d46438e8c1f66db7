"""The "Checked before" tab: where the selected claim was checked before.

For the claim selected in the checklist, the claim library's matches (see
docs/library.md): claims of other worksheets and imported fact-checks that
say the same thing ("same claim") or nearly ("similar"), with their verdict,
the worksheet or publisher, and the date. Enter (or double-click, or "Open at
this claim") opens the other worksheet at that claim, or shows a fact-check's
address; "Copy sources as citations" cites the match's sources in this claim
(one undo step). The answers come from
:class:`app.ui.claim_library.LibraryController`; this module only shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.ui.results_view import ResultsModel, ResultsPanel, one_line

if TYPE_CHECKING:
    from app.library import ClaimRecord, Match

SEARCHING = "Searching…"
NOTHING = "Nothing checked before"
NO_CLAIM = "Select a claim to see where it was checked before."


def is_review(record: ClaimRecord) -> bool:
    return record.kind == "review"


def checked_in(record: ClaimRecord) -> str:
    """Where a match was checked: "Drones over Belgorod, claim 4" or "PolitiFact (fact-check)"."""
    if is_review(record):
        return f"{record.outlet or 'Unknown publisher'} (fact-check)"
    title = record.title or "Untitled worksheet"
    return f"{title}, claim {record.number}" if record.number else title


def kind_label(match: Match) -> str:
    return "Same claim" if match.kind == "same claim" else "Similar"


class MatchesModel(ResultsModel):
    """One row per match, best first."""

    COLUMNS = ("Match", "Verdict", "Checked in", "Date", "Claim")
    VERDICT_COLUMN = 1

    def cell(self, row: Match, column: int) -> str:
        record = row.record
        if column == 0:
            return f"{kind_label(row)} {row.score:.2f}"
        if column == 1:
            return record.rating or "No verdict"
        if column == 2:
            return checked_in(record)
        if column == 3:
            return record.published or "—"
        return one_line(record.text)

    def tooltip(self, row: Match, column: int) -> str:
        record = row.record
        if column == 0:
            return " · ".join(row.reasons) or kind_label(row)
        if column == 2:
            return record.path or record.url or checked_in(record)
        if column == 4:
            return record.text
        return self.cell(row, column)

    def verdict_of(self, row: Match) -> str | None:
        return row.record.verdict


def describe_match(match: Match) -> str:
    """The selected match in full: quote, why it matches, verdict and rationale, where, sources."""
    record = match.record
    lines = [f"“{record.text}”"]
    reasons = " · ".join(match.reasons)
    lines.append(f"{kind_label(match)} ({match.score:.2f})" + (f": {reasons}" if reasons else ""))
    verdict = record.rating or "No verdict yet"
    lines.append(f"Verdict: {verdict}" + (f" — {one_line(record.rationale, 300)}"
                                           if record.rationale else ""))
    where = [checked_in(record)]
    if record.outlet and not is_review(record):
        where.append(record.outlet)
    if record.published:
        where.append(record.published)
    lines.append("Checked in: " + " · ".join(where))
    if record.path and not is_review(record):
        lines.append(f"File: {record.path}")
    elif record.url:
        lines.append(f"Address: {record.url}")
    if record.sources:
        shown = [s.get("title") or s.get("url") or "untitled" for s in record.sources]
        lines.append(f"Sources ({len(shown)}): " + "; ".join(one_line(s, 80) for s in shown))
    elif not is_review(record):
        lines.append("No sources cited there.")
    return "\n".join(lines)


def has_citations(record: ClaimRecord) -> bool:
    """Something to cite from a match: its sources, or a fact-check's own address."""
    return bool(record.url) if is_review(record) else bool(record.sources)


class CheckedBeforePanel(ResultsPanel):
    """Signals: ``openRequested(ClaimRecord)``, ``copyRequested(Match)``."""

    openRequested = Signal(object)
    copyRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(MatchesModel(), "checkedBefore", (110, 110, 200, 90), parent)
        self.model.setParent(self)
        self.setAccessibleName("Checked before: matches of the selected claim")
        self.tree.setAccessibleName("Claims checked before that match the selected claim")
        self.claim_id: str | None = None
        self.open_button = self.add_button("O&pen at this claim",
                                           "Open the other worksheet at the matching claim")
        self.copy_button = self.add_button("Copy sources as citatio&ns",
                                           "Cite the match's sources in the selected claim")
        self.buttons.addStretch(1)
        self.tree.activated.connect(lambda _index: self._open())
        self.open_button.clicked.connect(self._open)
        self.copy_button.clicked.connect(self._copy)
        self.show_claim(None)

    def describe(self, row: Match) -> str:
        return describe_match(row)

    def _current_changed(self) -> None:
        super()._current_changed()
        match = self.current()
        review = match is not None and is_review(match.record)
        self.open_button.setText("O&pen fact-check address" if review else "O&pen at this claim")
        self.copy_button.setText("Cite this fact-check i&n this claim" if review
                                 else "Copy sources as citatio&ns")
        self.copy_button.setEnabled(match is not None and has_citations(match.record))

    def _open(self) -> None:
        match = self.current()
        if match is not None:
            self.openRequested.emit(match.record)

    def _copy(self) -> None:
        match = self.current()
        if match is not None:
            self.copyRequested.emit(match)

    # ------------------------------------------------------------ what the library says

    def show_claim(self, claim_id: str | None) -> None:
        """Another claim is selected: its matches are being looked up (or there is none)."""
        self.claim_id = claim_id
        self.model.set_rows([])
        self.show_state(SEARCHING if claim_id else NO_CLAIM)

    def show_matches(self, claim_id: str, number: int, matches: list[Match]) -> None:
        if claim_id != self.claim_id:
            return
        if not matches:
            self.show_rows([], NOTHING)
            return
        same = sum(1 for m in matches if m.kind == "same claim")
        parts = [f"{same} same claim"] if same else []
        if len(matches) - same:
            parts.append(f"{len(matches) - same} similar")
        self.show_rows(matches, f"Claim {number}: " + ", ".join(parts))

    def show_error(self, claim_id: str, message: str) -> None:
        if claim_id == self.claim_id:
            self.show_rows([], f"The claim library cannot be used: {message}")
