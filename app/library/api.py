"""The library's interface and the plain results it returns.

Two back ends implement :class:`Library`: :class:`~app.library.sqlite.SqliteLibrary`
(the embedded default, one file in the user's data folder) and
:class:`~app.library.postgres.PostgresLibrary` (one shared server library for a
newsroom). :func:`app.library.open_library` picks one from a location.

A library object holds one database connection: use it from one thread, and
open another one in a worker thread (opening is cheap). Every method either
does its work or raises :class:`LibraryError` with a message for the user;
database errors never escape as themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from app.document.model import Claim, Worksheet
from app.library.records import ClaimRecord

SAME_CLAIM = "same claim"
SIMILAR = "similar"


class LibraryError(Exception):
    """The library cannot do what was asked; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Match:
    """A claim from another worksheet (or an imported review) that matches a claim.

    ``kind`` is :data:`SAME_CLAIM` or :data:`SIMILAR`; ``score`` is between 0 and 1.
    ``record`` carries everything shown in a "Checked before" row: quote,
    verdict or rating, worksheet title or publisher, date, file path and the
    claim's number there, its sources (to copy as citations).
    """

    record: ClaimRecord
    kind: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConflictSide:
    record: ClaimRecord
    quote: str          # the part of the claim that disagrees: the count or date as written


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two claims from different worksheets about one event that disagree on a count or date."""

    first: ConflictSide
    second: ConflictSide
    what: str           # "count" or "date"
    explanation: str    # e.g. "7 vs 9 (drones shot down over Belgorod)"
    score: float


@dataclass(frozen=True, slots=True)
class SearchHit:
    record: ClaimRecord
    rank: float


@dataclass(frozen=True, slots=True)
class IndexResult:
    worksheet_id: str
    claims: int
    unchanged: bool = False   # the worksheet was already indexed as it is


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: str
    reviews: int              # reviews added or updated
    skipped: int = 0          # items in the file that are not ClaimReviews


@dataclass(frozen=True, slots=True)
class RebuildResult:
    worksheets: int
    claims: int
    reviews: int
    problems: tuple[str, ...] = ()   # one line per file that could not be read


@dataclass(frozen=True, slots=True)
class Stats:
    backend: str                     # "sqlite" or "postgresql"
    location: str                    # file path, or the URL without its password
    schema_version: int
    worksheets: int
    claims: int
    reviews: int
    size_bytes: int
    checked: int = 0                 # claims with a verdict
    last_indexed: str = ""
    notes: tuple[str, ...] = field(default=())


@runtime_checkable
class Library(Protocol):
    """What the window and the command line ask of a claim library."""

    backend: str
    location: str

    def index_worksheet(self, ws: Worksheet, path: str | Path | None = None) -> IndexResult:
        """Add or replace a worksheet's claims (one transaction; ``path`` is remembered)."""

    def remove_worksheet(self, worksheet_id: str) -> bool:
        """Forget a worksheet; True when it was there."""

    def matches(self, claim: Claim, worksheet: Worksheet, *, limit: int = 10) -> list[Match]:
        """Claims that match ``claim`` (a claim of ``worksheet``), best first.

        Claims of ``worksheet`` itself (same id) are never returned.
        """

    def worksheet_matches(self, worksheet: Worksheet, *,
                          limit: int = 10) -> dict[str, list[Match]]:
        """:meth:`matches` for every claim, keyed by claim id (claims without any left out)."""

    def conflicts(self, worksheet: Worksheet | None = None, *,
                  limit: int = 1000) -> list[Conflict]:
        """Conflicts involving ``worksheet``'s claims, or all conflicts in the library."""

    def import_claimreview(self, path: str | Path,
                           analyse: Callable[[list[str], list[str]],
                                             list[list[dict[str, Any]]]] | None = None
                           ) -> ImportResult:
        """Add the ClaimReviews of a JSON-LD file; a bad file raises and adds nothing.

        ``analyse`` (optional) gives each review's checkables, e.g. from the extractor.
        """

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Claims whose quote, rationale, sources or article match the words of ``query``."""

    def stats(self) -> Stats: ...

    def indexed_paths(self) -> list[str]:
        """The worksheet and import files the library was built from."""

    def rebuild(self, paths: Iterable[str | Path] = ()) -> RebuildResult:
        """Re-read every remembered file (and ``paths``) and index them afresh."""

    def close(self) -> None: ...

    def __enter__(self) -> Library: ...

    def __exit__(self, *exc: object) -> None: ...
