"""What both back ends share: turning candidates into matches and conflicts, rebuilding.

A back end supplies storage and candidate retrieval (the abstract methods
below); everything that decides (:mod:`app.library.scoring`) or reads files
(worksheets, ClaimReview) lives here once.
"""

from __future__ import annotations

import hashlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from app.document.model import Claim, Worksheet
from app.library import claimreview, scoring
from app.library.api import (
    Conflict,
    ConflictSide,
    ImportResult,
    IndexResult,
    LibraryError,
    Match,
    RebuildResult,
    SearchHit,
    Stats,
)
from app.library.facts import Facts
from app.library.records import REVIEW, ClaimRecord, claim_record, derive, worksheet_records
from app.library.text import terms

log = logging.getLogger("claimsheet.library")

Analyse = Callable[[list[str], list[str]], list[list[dict[str, Any]]]]
CANDIDATES = 60          # full-text candidates fetched for one claim
QUERY_TERMS = 16         # most distinctive terms of a claim used to query
EVENT_CANDIDATES = 60    # claims sharing the most places, systems, actors, for conflicts
RANKED_TERMS = 8         # the rarest terms of a claim that rank candidates


def rarest_terms(terms: list[str], docs: dict[str, int], total: int) -> list[str]:
    """The terms that rank full-text candidates, rarest first, from each term's claim count.

    A term found in one claim in twenty ranks little and costs the most to score, so it
    is dropped while three rarer ones remain; the rarest :data:`RANKED_TERMS` are kept
    (the candidates are scored on the whole text afterwards). Both back ends use it."""
    present = sorted((t for t in terms if docs.get(t, 0) > 0), key=lambda t: docs[t])
    rare = [t for t in present if docs[t] <= max(50, total // 20)]
    return (rare if len(rare) >= 3 else present)[:RANKED_TERMS]


def event_window(facts: Facts) -> tuple[int, int] | None:
    """The days (ordinals) a claim's conflicts may fall in: its event days widened by the
    conflict window; None when it has no anchor or no day to compare."""
    days = facts.event_days
    if not facts.anchors or not days:
        return None
    return (min(d.low for d in days) - scoring.DATE_CONFLICT_WINDOW,
            max(d.high for d in days) + scoring.DATE_CONFLICT_WINDOW)


def fingerprint(records: list[ClaimRecord], path: str) -> str:
    """A digest of everything indexed for a worksheet: unchanged worksheets are skipped."""
    digest = hashlib.sha256(path.encode())
    for r in records:
        digest.update(json.dumps([r.claim_id, r.number, r.text, r.verdict, r.rating, r.status,
                                  r.rationale, r.sources, r.checkables, r.title, r.outlet,
                                  r.published, r.url], ensure_ascii=False).encode())
    return digest.hexdigest()


def make_conflict(a: ClaimRecord, b: ClaimRecord, score: float,
                  found: scoring.Disagreement) -> Conflict:
    about = f" ({found.about})" if found.about else ""
    return Conflict(ConflictSide(a, found.first_said or found.first),
                    ConflictSide(b, found.second_said or found.second), found.what,
                    f"{found.first} vs {found.second}{about}", score)


def worksheet_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the `.claimsheet` files inside folders (recursively)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(p.rglob("*.claimsheet"))
        else:
            yield p


class BaseLibrary(ABC):
    """Shared behaviour over a back end's storage and candidate queries."""

    backend = ""
    location = ""

    # ------------------------------------------------------------ back-end hooks

    @abstractmethod
    def _write(self, worksheet_id: str, kind: str, path: str, title: str, published: str,
               records: list[ClaimRecord], print_: str) -> bool:
        """Replace a worksheet's rows in one transaction; False if ``print_`` is unchanged."""

    @abstractmethod
    def _write_reviews(self, path: str, records: list[ClaimRecord]) -> None:
        """Add or replace imported reviews (one transaction) and remember the file."""

    @abstractmethod
    def _text_candidates(self, query_terms: list[str], exclude: str,
                         limit: int) -> list[ClaimRecord]:
        """Claims ranked by full-text relevance to the terms, not of worksheet ``exclude``."""

    @abstractmethod
    def _event_candidates(self, facts: Facts, exclude: str, limit: int) -> list[ClaimRecord]:
        """Claims sharing an anchor with ``facts`` within the date window."""

    @abstractmethod
    def _event_pairs(self, limit: int) -> Iterator[tuple[ClaimRecord, ClaimRecord]]:
        """Pairs of claims from different worksheets sharing an anchor within the window."""

    @abstractmethod
    def _search(self, query_terms: list[str], limit: int) -> list[tuple[ClaimRecord, float]]: ...

    @abstractmethod
    def _claims_of(self, worksheet_id: str) -> list[ClaimRecord]: ...

    @abstractmethod
    def _remembered(self) -> list[tuple[str, str]]:
        """(kind, path) of every worksheet file and import file the library was built from."""

    @abstractmethod
    def _clear(self) -> None:
        """Forget everything (rebuild starts from this), in the caller's transaction."""

    @abstractmethod
    def remove_worksheet(self, worksheet_id: str) -> bool: ...

    @abstractmethod
    def stats(self) -> Stats: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _rebuilding(self) -> object:
        """A context manager around a rebuild (one transaction where the back end allows)."""

    # ------------------------------------------------------------ indexing

    def index_worksheet(self, ws: Worksheet, path: str | Path | None = None) -> IndexResult:
        where = str(Path(path).resolve()) if path else ""
        records = worksheet_records(ws, where)
        changed = self._write(ws.id, "worksheet", where, ws.title, ws.article.published,
                              records, fingerprint(records, where))
        return IndexResult(ws.id, len(records), unchanged=not changed)

    def index_file(self, path: str | Path) -> IndexResult:
        from app.document.fileformat import WorksheetError, load_worksheet

        try:
            ws = load_worksheet(path)
        except WorksheetError as exc:
            raise LibraryError(str(exc)) from None
        return self.index_worksheet(ws, path)

    def import_claimreview(self, path: str | Path,
                           analyse: Analyse | None = None) -> ImportResult:
        """Add a ClaimReview file's reviews; ``analyse`` gives their checkables.

        ``analyse(texts, dates)`` returns one list of checkable dicts (type,
        start, end, text, value, attributes; offsets within the text) per
        review, e.g. from the extractor, so reviews match on facts too.
        """
        try:
            parsed = claimreview.parse_file(path)
        except claimreview.ClaimReviewError as exc:
            raise LibraryError(str(exc)) from None
        if analyse is not None:
            found = analyse([r.text for r in parsed.reviews],
                            [r.published for r in parsed.reviews])
            for record, checkables in zip(parsed.reviews, found, strict=True):
                record.checkables = checkables
                derive(record)
        self._write_reviews(str(Path(path).resolve()), parsed.reviews)
        return ImportResult(str(path), len(parsed.reviews), parsed.skipped)

    # ------------------------------------------------------------ matching

    def _query_terms(self, record: ClaimRecord) -> list[str]:
        """The claim's distinct terms, longest (most distinctive) first, capped."""
        unique = list(dict.fromkeys(record.norm.split()))
        unique.sort(key=len, reverse=True)
        return unique[:QUERY_TERMS]

    def candidates(self, record: ClaimRecord) -> list[ClaimRecord]:
        """Claims worth scoring as matches: best full-text ranks, and the same event's."""
        found = self._text_candidates(self._query_terms(record), record.worksheet_id,
                                      CANDIDATES)
        seen = {(c.worksheet_id, c.claim_id) for c in found}
        for extra in self._event_candidates(record.facts, record.worksheet_id, 20):
            if (extra.worksheet_id, extra.claim_id) not in seen:
                found.append(extra)
        return found

    def event_candidates(self, record: ClaimRecord) -> list[ClaimRecord]:
        """Claims of other worksheets that may report the same event (for conflicts)."""
        return [c for c in self._event_candidates(record.facts, record.worksheet_id,
                                                  EVENT_CANDIDATES)
                if c.kind != REVIEW]

    def match_record(self, record: ClaimRecord, *, limit: int = 10) -> list[Match]:
        """Matches for a record (a claim or any text turned into one)."""
        found = []
        for candidate in self.candidates(record):
            if candidate.worksheet_id == record.worksheet_id:
                continue
            comparison = scoring.compare(record, candidate)
            kind = scoring.match_kind(comparison)
            if kind is not None:
                found.append(Match(candidate, kind, round(comparison.score, 3),
                                   comparison.reasons))
        found.sort(key=lambda m: (m.kind != "same claim", -m.score))
        return found[:limit]

    def matches(self, claim: Claim, worksheet: Worksheet, *, limit: int = 10) -> list[Match]:
        number = claim.number or next((n for n, c in enumerate(worksheet.claims, 1)
                                       if c is claim), 0)
        return self.match_record(claim_record(worksheet, claim, number, None), limit=limit)

    def worksheet_matches(self, worksheet: Worksheet, *,
                          limit: int = 10) -> dict[str, list[Match]]:
        out = {}
        for record in worksheet_records(worksheet, None):
            found = self.match_record(record, limit=limit)
            if found:
                out[record.claim_id] = found
        return out

    # ------------------------------------------------------------ conflicts

    def conflicts(self, worksheet: Worksheet | None = None, *,
                  limit: int = 1000) -> list[Conflict]:
        found: list[Conflict] = []
        if worksheet is not None:
            for record in worksheet_records(worksheet, None):
                found.extend(self._conflicts_of(record))
        else:
            seen: set[tuple[str, str]] = set()
            for a, b in self._event_pairs(limit * 50):
                key = (a.worksheet_id + a.claim_id, b.worksheet_id + b.claim_id)
                if key in seen or key[::-1] in seen:
                    continue
                seen.add(key)
                result = scoring.conflict_score(a, b)
                if result is not None and result[0] >= scoring.THRESHOLDS.conflict:
                    found.append(make_conflict(a, b, round(result[0], 3), result[1]))
        found.sort(key=lambda c: -c.score)
        return found[:limit]

    def _conflicts_of(self, record: ClaimRecord) -> list[Conflict]:
        out = []
        for candidate in self.event_candidates(record):
            result = scoring.conflict_score(record, candidate)
            if result is not None and result[0] >= scoring.THRESHOLDS.conflict:
                out.append(make_conflict(record, candidate, round(result[0], 3), result[1]))
        return out

    # ------------------------------------------------------------ search

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        query_terms = list(dict.fromkeys(terms(query)))
        if not query_terms:
            return []
        return [SearchHit(r, rank) for r, rank in self._search(query_terms, limit)]

    # ------------------------------------------------------------ rebuilding

    def indexed_paths(self) -> list[str]:
        return [path for _, path in self._remembered()]

    def rebuild(self, paths: Iterable[str | Path] = ()) -> RebuildResult:
        """Index every remembered file and ``paths`` afresh; unreadable files are named.

        Imported reviews whose file is gone are kept: they exist nowhere else.
        """
        from app.document.fileformat import WorksheetError, load_worksheet

        remembered = self._remembered()
        worksheet_paths = [p for kind, p in remembered if kind == "worksheet"]
        import_paths = [p for kind, p in remembered if kind == "import"]
        worksheet_paths += [str(p) for p in worksheet_files(paths)]
        problems: list[str] = []
        loaded: list[tuple[Worksheet, str]] = []
        seen: set[str] = set()
        for raw in worksheet_paths:
            p = Path(raw).resolve()
            if str(p) in seen:
                continue
            seen.add(str(p))
            try:
                loaded.append((load_worksheet(p), str(p)))
            except WorksheetError as exc:
                problems.append(str(exc))
        parsed: list[tuple[str, list[ClaimRecord]]] = []
        for raw in import_paths:
            try:
                parsed.append((raw, claimreview.parse_file(raw).reviews))
            except claimreview.ClaimReviewError as exc:
                problems.append(f"{exc} (its reviews stay in the library)")
        kept_reviews = self._reviews_without_file({raw for raw, _ in parsed})
        claims = reviews = 0
        with self._rebuilding():  # type: ignore[attr-defined]
            self._clear()
            for ws, where in loaded:
                records = worksheet_records(ws, where)
                self._write(ws.id, "worksheet", where, ws.title, ws.article.published,
                            records, fingerprint(records, where))
                claims += len(records)
            for raw, records in parsed:
                self._write_reviews(raw, records)
                reviews += len(records)
            for raw, records in kept_reviews.items():
                self._write_reviews(raw, records)
                reviews += len(records)
        return RebuildResult(len(loaded), claims, reviews, tuple(problems))

    def _reviews_without_file(self, readable: set[str]) -> dict[str, list[ClaimRecord]]:
        """Imported reviews whose file cannot be read again, by file."""
        out: dict[str, list[ClaimRecord]] = {}
        for kind, path in self._remembered():
            if kind == "import" and path not in readable:
                out[path] = self._reviews_of(path)
        return out

    @abstractmethod
    def _reviews_of(self, path: str) -> list[ClaimRecord]: ...

    def __enter__(self) -> BaseLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
