"""The window's side of the claim library: indexing, "Checked before", "Conflicts".

:class:`LibraryController` is owned by the window (``window.library``). It
never waits on the library: every library call runs on a
:class:`~app.ui.library_worker.LibraryThread` with its own connection (one
for indexing, one for the selected claim's matches, one for conflicts, so a
slow conflict search never delays a match), opened on first use. Nothing of
the library is imported on the GUI thread before its first answer arrives,
so the window starts as fast as it did without it.

* Every worksheet saved or opened is indexed: the indexing thread reads the
  file that was just written or opened (no copy of the live worksheet), and a
  library that is missing, locked or damaged costs a note in the status bar.
* The selected claim's matches are looked up after a short pause (moving
  through claims with J/K runs one query, for the claim reached); answers for
  a claim the checker has moved away from are dropped.
* Conflicts are looked for when the Conflicts tab is shown and the worksheet
  changed since the last search, claim by claim so that a newer search or
  quitting stops an old one.

Workers read snapshots (:func:`~app.ui.library_worker.snapshot`), never the
worksheet the checker is editing.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.document.model import Source, SourceKind, Stance
from app.ui import operations
from app.ui.library_worker import LibraryThread, Reply, snapshot
from app.ui.session import Links, Session

if TYPE_CHECKING:
    from app.library import ClaimRecord, Conflict, Library, Match
    from app.ui.main_window import MainWindow

log = logging.getLogger("claimsheet.ui.library")

INDEX_TIMEOUT = 2.0  # seconds a save's indexing waits for a locked library
QUERY_TIMEOUT = 2.0
LOOKUP_DELAY_MS = 250  # the selection must rest this long before its matches are looked up
MATCH_LIMIT = 10
CONFLICT_CHUNK = 10  # claims per library call, so a newer search stops an old one quickly
_SOURCE_KINDS = {k.value: k for k in SourceKind}
_STANCES = {s.value: s for s in Stance}
_REVIEW_STANCE = {"true": Stance.SUPPORTS, "mostly-true": Stance.SUPPORTS,
                  "false": Stance.REFUTES, "mostly-false": Stance.REFUTES}


def citations_for(match: Match) -> list[tuple[Source, Stance]]:
    """The sources to cite from a match, each with its stance on this claim.

    The same claim keeps the stance its sources had there; a similar claim's
    sources are context here (they may well disagree on the figure). An
    imported fact-check is itself the source: it refutes this claim when it
    rated the same claim false, supports it when it rated it true.
    """
    record = match.record
    same = match.kind == "same claim"
    if record.kind == "review":
        if not record.url:
            return []
        rating = f"Rated “{record.rating}” by {record.outlet}" if record.rating else ""
        source = Source(title=record.rationale or f"Fact-check by {record.outlet}",
                        url=record.url, publisher=record.outlet, published=record.published,
                        kind=SourceKind.NEWS_REPORT, notes=rating)
        stance = _REVIEW_STANCE.get(record.verdict or "", Stance.CONTEXT) if same \
            else Stance.CONTEXT
        return [(source, stance)]
    out = []
    for item in record.sources:
        source = Source(title=item.get("title", ""), url=item.get("url", ""),
                        publisher=item.get("publisher", ""), published=item.get("published", ""),
                        kind=_SOURCE_KINDS.get(item.get("kind", ""), SourceKind.OTHER))
        stance = _STANCES.get(item.get("stance", ""), Stance.CONTEXT) if same else Stance.CONTEXT
        out.append((source, stance))
    return out


def distinct(matches: list[Match], own_path: str) -> list[Match]:
    """Matches less those an overwritten file left behind in the library.

    The library keys worksheets by id, so a file saved over with another
    worksheet (a fresh "New from article") is remembered twice. A file holds
    one worksheet: a match in this very file is not "another worksheet", and
    the same quote in the same file is one claim, shown once (the best first).
    """
    seen: set[tuple[str, str]] = set()
    out = []
    for match in matches:
        record = match.record
        if record.path and record.kind != "review":
            if record.path == own_path or (record.path, record.text) in seen:
                continue
            seen.add((record.path, record.text))
        out.append(match)
    return out


class LibraryController(QObject):
    """The window's library work; every answer arrives as a signal on the GUI thread."""

    indexed = Signal(str)  # path of a worksheet file now in the library
    indexFailed = Signal(str, str)  # path, why not (one line)
    matchesFound = Signal(str, object)  # claim id, list[Match]
    lookupFailed = Signal(str, str)  # claim id, why
    conflictsFound = Signal(object)  # list[Conflict]
    conflictsFailed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._threads: dict[str, LibraryThread] = {}
        self._links = Links()
        self._serial = itertools.count(1)
        self.claim_id: str | None = None  # the claim whose matches are wanted
        self._lookup_token: tuple[str, int] | None = None
        self._conflicts_token: tuple[object, int] | None = None  # the running search
        self.conflicts_state: object = None  # what the last finished search was about
        self._counts: dict[str, int | None] = {}
        self._location = window.settings.library  # the setting, as the threads use it
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LOOKUP_DELAY_MS)
        self._timer.timeout.connect(self._look_up_now)

    @property
    def session(self) -> Session:
        return self.window.session

    def _thread(self, name: str, timeout: float, handler: Callable[[Reply], None],
                progress: Callable[[object, int, int], None] | None = None) -> LibraryThread:
        thread = self._threads.get(name)
        if thread is None:
            thread = LibraryThread(name, self._location, timeout, self)
            thread.replied.connect(handler)
            if progress is not None:
                thread.progressed.connect(progress)
            self._threads[name] = thread
        return thread

    def set_location(self, location: str) -> None:
        """A new library setting: every connection is opened again, answers are sought anew."""
        self._location = location
        if self.window.persist:
            self.window.settings.library = location
        for thread in self._threads.values():
            thread.set_location(location)
        self.session_changed()
        self.look_up(self.window.current_claim_id(), again=True)

    def stop(self) -> None:
        """Before quitting: queued jobs are dropped, running ones finish or see they are
        cancelled, every thread ends (a QThread must not be destroyed while it runs)."""
        self._timer.stop()
        for thread in self._threads.values():
            thread.stop()

    # ------------------------------------------------------------ indexing

    def index(self, path: Path) -> None:
        """Add the worksheet file just saved or opened to the library, in the background."""
        where = str(path)

        def work(library: Library, _cancelled: Callable[[], bool]) -> object:
            from app.document.fileformat import WorksheetError, load_worksheet
            from app.library import LibraryError

            try:
                worksheet = load_worksheet(where)
            except WorksheetError as exc:
                raise LibraryError(str(exc)) from None
            return library.index_worksheet(worksheet, where)

        self._thread("index", INDEX_TIMEOUT, self._on_indexed).submit(
            f"index:{where}", where, work)

    def _on_indexed(self, reply: Reply) -> None:
        path = str(reply.token)
        if not reply.error:
            self.indexed.emit(path)
            return
        log.warning("%s not added to the claim library: %s", path, reply.error)
        bar = self.window.statusBar()
        note = f"Not added to the claim library: {reply.error}"
        shown = bar.currentMessage()
        bar.showMessage(f"{shown} · {note}" if shown else note, 8000)
        self.indexFailed.emit(path, reply.error)

    # ------------------------------------------------------------ checked before

    def look_up(self, claim_id: str | None, again: bool = False) -> None:
        """The selected claim changed (or changed its words): look its matches up soon."""
        if claim_id == self.claim_id and not again:
            return
        self.claim_id = claim_id
        self._lookup_token = None
        if "match" in self._threads:
            self._threads["match"].cancel("match")
        self.window.checked_before.show_claim(claim_id)
        self._update_tabs(matches=None)
        if claim_id is None:
            self._timer.stop()
        else:
            self._timer.start()

    def _look_up_now(self) -> None:
        claim = self.session.claim(self.claim_id) if self.claim_id else None
        if claim is None:
            return
        worksheet = snapshot(self.session.worksheet, [claim])
        own_path = str(self.session.path or "")
        token = (claim.id, next(self._serial))
        self._lookup_token = token

        def work(library: Library, cancelled: Callable[[], bool]) -> object:
            if cancelled():
                return []
            return distinct(library.matches(worksheet.claims[0], worksheet, limit=MATCH_LIMIT),
                            own_path)

        self._thread("match", QUERY_TIMEOUT, self._on_matches).submit("match", token, work)

    def _on_matches(self, reply: Reply) -> None:
        token = self._lookup_token
        if token is None or reply.token != token:
            return  # the checker has moved on
        claim_id = token[0]
        if reply.error:
            self.window.checked_before.show_error(claim_id, reply.error)
            self._update_tabs(matches=None)
            self.lookupFailed.emit(claim_id, reply.error)
            return
        matches = list(reply.result) if isinstance(reply.result, list) else []
        self.window.checked_before.show_matches(claim_id, self.session.number(claim_id),
                                                matches)
        self._update_tabs(matches=len(matches))
        self.matchesFound.emit(claim_id, matches)

    def on_claim_changed(self, claim_id: str, fields: frozenset[str]) -> None:
        """New words or checkables for the shown claim: its matches may differ."""
        if claim_id == self.claim_id and fields & {"anchor", "checkables"}:
            self.look_up(claim_id, again=True)

    # ------------------------------------------------------------ opening and copying

    def open_record(self, record: ClaimRecord) -> None:
        """Open another worksheet at a claim (after the unsaved-changes prompt), or show a
        fact-check's address."""
        window = self.window
        if record.kind == "review":
            if record.url:
                window.open_url(record.url)
            else:
                window.statusBar().showMessage("This fact-check has no address to open", 6000)
            return
        path = Path(record.path) if record.path else None
        if path is None or not path.is_file():
            where = f"no worksheet file at {record.path}" if record.path else "no file"
            window.statusBar().showMessage(
                f"Cannot open “{record.title}”: there is {where} on this computer", 8000)
            return
        window.files.open_path(path, at_claim=record.claim_id)

    def show_claim_here(self, claim_id: str) -> None:
        """Select a claim of this worksheet (from the Conflicts tab), if it is still there."""
        if not self.window.select_claim(claim_id):
            self.window.statusBar().showMessage("That claim is no longer in the worksheet", 6000)

    def copy_sources(self, match: Match) -> operations.Changes:
        """Cite the match's sources in the claim it was found for (one undo step)."""
        claim_id = self.window.checked_before.claim_id
        if claim_id is None:
            return operations.Changes(done=False)
        pairs = citations_for(match)
        if not pairs:
            return self.window.apply(operations.Changes(
                done=False, message="That match has no sources to copy"))
        record = match.record
        origin = record.outlet if record.kind == "review" else record.title
        return self.window.apply(operations.copy_sources(self.session, claim_id, pairs,
                                                         origin or "another worksheet"))

    # ------------------------------------------------------------ conflicts

    def session_changed(self) -> None:
        """Another worksheet is shown: old answers are void."""
        self._links.follow(self.session, self)
        self.look_up(None)
        self._conflicts_token = None
        self.conflicts_state = None
        if "conflicts" in self._threads:
            self._threads["conflicts"].cancel("conflicts")
        self.window.conflicts_panel.clear()
        self._update_tabs(conflicts=None)

    def _state(self) -> object:
        return (self.session.worksheet.id, self.session.undo_stack.index(), self.session.path)

    def conflicts_current(self) -> bool:
        """The last search, finished or running, was about the worksheet as it is now."""
        state = self._state()
        running = self._conflicts_token[0] if self._conflicts_token else None
        return state in (self.conflicts_state, running)

    def find_conflicts(self, again: bool = False) -> None:
        """Look for conflicts of the open worksheet (unless the last search is still good)."""
        if not again and self.conflicts_current():
            return
        session = self.session
        if not session.worksheet.claims:
            self.conflicts_state = self._state()
            self.window.conflicts_panel.show_conflicts([], {})
            self._update_tabs(conflicts=None)
            return
        worksheet = snapshot(session.worksheet)
        numbers = {c.id: c.number for c in session.worksheet.claims}
        own_path = str(session.path or "")
        token = (self._state(), next(self._serial))
        self._conflicts_token = token
        self.window.conflicts_panel.show_searching()
        self._update_tabs(conflicts=None)
        thread = self._thread("conflicts", QUERY_TIMEOUT, self._on_conflicts,
                              self._on_conflicts_progress)

        def work(library: Library, cancelled: Callable[[], bool]) -> object:
            found: list[Conflict] = []
            claims = worksheet.claims
            for start in range(0, len(claims), CONFLICT_CHUNK):
                if cancelled():
                    return None
                part = replace(worksheet, claims=claims[start:start + CONFLICT_CHUNK])
                found.extend(c for c in library.conflicts(part)
                             if not own_path or c.second.record.path != own_path)
                thread.progressed.emit(token, min(start + CONFLICT_CHUNK, len(claims)),
                                       len(claims))
            found.sort(key=lambda c: -c.score)
            return found, numbers

        thread.submit("conflicts", token, work)

    def _on_conflicts_progress(self, token: object, done: int, total: int) -> None:
        if token == self._conflicts_token and done < total:
            self.window.conflicts_panel.show_progress(done, total)

    def _on_conflicts(self, reply: Reply) -> None:
        token = self._conflicts_token
        if token is None or reply.token != token:
            return  # a newer search, or another worksheet
        self.conflicts_state = token[0]
        self._conflicts_token = None
        panel = self.window.conflicts_panel
        if reply.error or not isinstance(reply.result, tuple):
            self.conflicts_state = None  # try again next time the tab is shown
            panel.show_error(reply.error or "no answer")
            self._update_tabs(conflicts=None)
            self.conflictsFailed.emit(reply.error)
            return
        conflicts, numbers = reply.result
        panel.show_conflicts(conflicts, numbers)
        self._update_tabs(conflicts=len(conflicts))
        self.conflictsFound.emit(conflicts)

    # ------------------------------------------------------------ tab titles

    def _update_tabs(self, **counts: int | None) -> None:
        """"Checked before (2)", "Conflicts (1)": the counts show from the other tabs."""
        self._counts.update(counts)
        window = self.window
        tabs = window.tabs
        for name, panel, label in (("matches", window.checked_before, "Checked before"),
                                   ("conflicts", window.conflicts_panel, "Conflicts")):
            count = self._counts.get(name)
            index, text = tabs.indexOf(panel), f"{label} ({count})" if count else label
            if tabs.tabText(index) != text:  # a new text lays the tab bar out again
                tabs.setTabText(index, text)
