"""The embedded library: one SQLite file with an FTS5 full-text index.

The file lives in the user's data folder (:func:`app.library.location.default_path`)
and is created on first use. Claims are ranked with FTS5's BM25 over their
normalized text; an ``anchors`` table (place, system or actor key with the
claim's event days) finds claims about the same event for conflicts.

The connection runs in WAL mode, so the window can read while a worker
writes, and every write is one ``BEGIN IMMEDIATE`` transaction: a worksheet is
indexed completely or not at all. A library that is locked by another
process waits at most ``timeout`` seconds, then raises :class:`LibraryError`.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from app.library.api import LibraryError, Stats
from app.library.base import BaseLibrary, event_window, rarest_terms
from app.library.facts import Facts
from app.library.records import REVIEW, ClaimRecord
from app.library.schema import migrate
from app.library.scoring import DATE_CONFLICT_WINDOW

FTS5_MISSING = (
    "this Python's SQLite ({version}) was built without FTS5, which the claim library needs: "
    "install a Python whose sqlite3 module has FTS5 (python.org and Debian builds do), or use "
    "a PostgreSQL library (CLAIMSHEET_LIBRARY=postgresql://...)")

_CLAIM_COLUMNS = ("claim_id, worksheet_id, kind, number, text, norm, extra, verdict, rating, "
                  "status, rationale, sources, checkables, facts, title, outlet, published, "
                  "path, url")

STEPS: list[list[str]] = [
    # 0 -> 1: the first library
    [
        """CREATE TABLE worksheets (
            worksheet_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            path TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL DEFAULT '',
            claims INTEGER NOT NULL DEFAULT 0,
            indexed_at TEXT NOT NULL)""",
        "CREATE INDEX worksheets_path ON worksheets(path)",
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            claim_id TEXT NOT NULL,
            worksheet_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,
            extra TEXT NOT NULL,
            verdict TEXT,
            rating TEXT NOT NULL,
            status TEXT NOT NULL,
            rationale TEXT NOT NULL,
            sources TEXT NOT NULL,
            checkables TEXT NOT NULL,
            facts TEXT NOT NULL,
            title TEXT NOT NULL,
            outlet TEXT NOT NULL,
            published TEXT NOT NULL,
            path TEXT NOT NULL,
            url TEXT NOT NULL,
            UNIQUE (worksheet_id, claim_id))""",
        """CREATE VIRTUAL TABLE claims_fts USING fts5(
            norm, extra, content='claims', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, norm, extra) VALUES (new.id, new.norm, new.extra);
        END""",
        """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, norm, extra)
            VALUES ('delete', old.id, old.norm, old.extra);
        END""",
        """CREATE TABLE term_docs (
            term TEXT PRIMARY KEY,
            docs INTEGER NOT NULL) WITHOUT ROWID""",
        """CREATE TABLE anchors (
            claim INTEGER NOT NULL,
            worksheet_id TEXT NOT NULL,
            key TEXT NOT NULL,
            day_low INTEGER NOT NULL,
            day_high INTEGER NOT NULL)""",
        "CREATE INDEX anchors_key ON anchors(key, day_low)",
        "CREATE INDEX anchors_claim ON anchors(claim)",
        """CREATE TABLE imports (
            path TEXT PRIMARY KEY,
            reviews INTEGER NOT NULL,
            imported_at TEXT NOT NULL)""",
    ],
]


def check_fts5() -> None:
    """Raise :class:`LibraryError` with a clear message when SQLite lacks FTS5."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
    except sqlite3.OperationalError:
        raise LibraryError(FTS5_MISSING.format(version=sqlite3.sqlite_version)) from None
    finally:
        connection.close()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class SqliteLibrary(BaseLibrary):
    """A library in one SQLite file."""

    backend = "sqlite"

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 5.0) -> None:
        check_fts5()
        self.path = Path(path)
        self.location = str(self.path)
        self._depth = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create the library folder {self.path.parent}: "
                               f"{exc.strerror or exc}") from None
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open the library {self.path}: {exc}") from None
        try:
            with self._guard():
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                with self._transaction():
                    version = self._db.execute("PRAGMA user_version").fetchone()[0]
                    self.schema_version = migrate(version, STEPS, self._run,
                                                  self._set_version, str(self.path))
        except LibraryError:
            self._db.close()
            raise

    # ------------------------------------------------------------ plumbing

    def _run(self, statement: str) -> None:
        self._db.execute(statement)

    def _set_version(self, version: int) -> None:
        self._db.execute(f"PRAGMA user_version={int(version)}")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """SQLite errors as one line for the user."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LibraryError(f"the library {self.path} is busy (locked by another "
                                   "Claimsheet); try again in a moment") from None
            raise LibraryError(f"the library {self.path} cannot be used: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"the library {self.path} is damaged ({exc}); "
                               "`claimsheet library rebuild` makes a new one from the "
                               "worksheets") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._depth = 0

    def _rebuilding(self) -> contextlib.AbstractContextManager[None]:
        return self._write_scope()

    @contextlib.contextmanager
    def _write_scope(self) -> Iterator[None]:
        with self._guard(), self._transaction():
            yield

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()

    # ------------------------------------------------------------ writing

    def _count_terms(self, norms: list[str], sign: int) -> None:
        """Keep ``term_docs`` (how many claims hold each term) in step with the claims."""
        counts = Counter(t for norm in norms for t in set(norm.split()))
        if not counts:
            return
        self._db.executemany(
            "INSERT INTO term_docs (term, docs) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
            [(term, sign * n) for term, n in sorted(counts.items())])

    def _delete_worksheet(self, worksheet_id: str) -> None:
        db = self._db
        norms = [n for (n,) in db.execute("SELECT norm FROM claims WHERE worksheet_id = ?",
                                          (worksheet_id,))]
        self._count_terms(norms, -1)
        db.execute("DELETE FROM anchors WHERE worksheet_id = ?", (worksheet_id,))
        db.execute("DELETE FROM claims WHERE worksheet_id = ?", (worksheet_id,))
        db.execute("DELETE FROM worksheets WHERE worksheet_id = ?", (worksheet_id,))

    def _insert_claims(self, records: list[ClaimRecord]) -> None:
        db = self._db
        self._count_terms([r.norm for r in records], 1)
        for r in records:
            sources, checkables, facts = r.json_fields()
            cursor = db.execute(
                f"INSERT INTO claims ({_CLAIM_COLUMNS}) VALUES "
                "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (r.claim_id, r.worksheet_id, r.kind, r.number, r.text, r.norm, r.extra,
                 r.verdict, r.rating, r.status, r.rationale, sources, checkables, facts,
                 r.title, r.outlet, r.published, r.path, r.url))
            rowid = cursor.lastrowid
            days = r.facts.event_days
            if r.facts.anchors and days:
                low, high = min(d.low for d in days), max(d.high for d in days)
                db.executemany(
                    "INSERT INTO anchors (claim, worksheet_id, key, day_low, day_high) "
                    "VALUES (?,?,?,?,?)",
                    [(rowid, r.worksheet_id, key, low, high) for key in sorted(r.facts.anchors)])

    def _write(self, worksheet_id: str, kind: str, path: str, title: str, published: str,
               records: list[ClaimRecord], print_: str) -> bool:
        with self._write_scope():
            if kind == "worksheet" and path:  # a file saved over: its old worksheet is gone
                for (other,) in self._db.execute(
                        "SELECT worksheet_id FROM worksheets WHERE kind = 'worksheet' "
                        "AND path = ? AND worksheet_id != ?", (path, worksheet_id)).fetchall():
                    self._delete_worksheet(other)
            row = self._db.execute("SELECT fingerprint FROM worksheets WHERE worksheet_id = ?",
                                   (worksheet_id,)).fetchone()
            if row is not None and row[0] == print_:
                return False
            self._delete_worksheet(worksheet_id)
            self._db.execute(
                "INSERT INTO worksheets (worksheet_id, kind, path, title, published, "
                "fingerprint, claims, indexed_at) VALUES (?,?,?,?,?,?,?,?)",
                (worksheet_id, kind, path, title, published, print_, len(records), _now()))
            self._insert_claims(records)
        return True

    def _write_reviews(self, path: str, records: list[ClaimRecord]) -> None:
        with self._write_scope():
            for r in records:
                self._delete_worksheet(r.worksheet_id)
                self._db.execute(
                    "INSERT INTO worksheets (worksheet_id, kind, path, title, published, "
                    "fingerprint, claims, indexed_at) VALUES (?,?,?,?,?,?,?,?)",
                    (r.worksheet_id, REVIEW, path, r.title, r.published, "", 1, _now()))
            self._insert_claims(records)
            self._db.execute(
                "INSERT INTO imports (path, reviews, imported_at) VALUES (?,?,?) "
                "ON CONFLICT(path) DO UPDATE SET reviews = excluded.reviews, "
                "imported_at = excluded.imported_at", (path, len(records), _now()))

    def remove_worksheet(self, worksheet_id: str) -> bool:
        with self._write_scope():
            there = self._db.execute("SELECT 1 FROM worksheets WHERE worksheet_id = ?",
                                     (worksheet_id,)).fetchone() is not None
            self._delete_worksheet(worksheet_id)
        return there

    def _clear(self) -> None:
        for table in ("anchors", "claims", "worksheets", "imports", "term_docs"):
            self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # ------------------------------------------------------------ reading

    def _records(self, sql: str, params: tuple[object, ...] = ()) -> list[ClaimRecord]:
        with self._guard():
            rows = self._db.execute(sql, params).fetchall()
        return [_record(row) for row in rows]

    def _text_candidates(self, query_terms: list[str], exclude: str,
                         limit: int) -> list[ClaimRecord]:
        query_terms = self._useful_terms(query_terms)
        if not query_terms:
            return []
        match = "{norm} : (" + " OR ".join(f'"{t}"' for t in query_terms) + ")"
        return self._records(
            f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id IN ("
            "  SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? "
            "  ORDER BY bm25(claims_fts, 1.0, 0.0) LIMIT ?) AND worksheet_id != ?",
            (match, limit, exclude))

    def _useful_terms(self, query_terms: list[str]) -> list[str]:
        """The terms that exist in the index, leaving out the very common ones
        (:func:`~app.library.base.rarest_terms`)."""
        if not query_terms:
            return []
        with self._guard():
            marks = ",".join("?" * len(query_terms))
            rows = {term: docs for term, docs in self._db.execute(
                f"SELECT term, docs FROM term_docs WHERE term IN ({marks})",
                query_terms).fetchall() if docs > 0}
            total = self._db.execute("SELECT max(id) FROM claims").fetchone()[0] or 0
        return rarest_terms(query_terms, rows, total)

    def _event_candidates(self, facts: Facts, exclude: str, limit: int) -> list[ClaimRecord]:
        window = event_window(facts)
        if window is None:
            return []
        low, high = window
        keys = sorted(facts.anchors)
        marks = ",".join("?" * len(keys))
        return self._records(
            f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE id IN ("
            f"  SELECT claim FROM anchors WHERE key IN ({marks}) AND day_low <= ? "
            "   AND day_high >= ? AND worksheet_id != ? "
            "   GROUP BY claim ORDER BY count(*) DESC, claim DESC LIMIT ?)",
            (*keys, high, low, exclude, limit))

    def _event_pairs(self, limit: int) -> Iterator[tuple[ClaimRecord, ClaimRecord]]:
        with self._guard():
            rows = self._db.execute(
                "SELECT DISTINCT a.claim, b.claim FROM anchors a JOIN anchors b "
                " ON a.key = b.key AND a.claim < b.claim AND a.worksheet_id != b.worksheet_id "
                " AND b.day_low <= a.day_high + ? AND b.day_high >= a.day_low - ? LIMIT ?",
                (DATE_CONFLICT_WINDOW, DATE_CONFLICT_WINDOW, limit)).fetchall()
        cache: dict[int, ClaimRecord] = {}
        wanted = sorted({x for pair in rows for x in pair})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            with self._guard():
                for row in self._db.execute(
                        f"SELECT id, {_CLAIM_COLUMNS} FROM claims WHERE id IN ({marks})", chunk):
                    cache[row[0]] = _record(row[1:])
        for a, b in rows:
            if a in cache and b in cache and REVIEW not in (cache[a].kind, cache[b].kind):
                yield cache[a], cache[b]

    def _search(self, query_terms: list[str], limit: int) -> list[tuple[ClaimRecord, float]]:
        match = " AND ".join(f'"{t}"' for t in query_terms)
        with self._guard():
            ranked = self._db.execute(
                "SELECT rowid, bm25(claims_fts, 1.0, 0.4) FROM claims_fts "
                "WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts, 1.0, 0.4) LIMIT ?",
                (match, limit)).fetchall()
        if not ranked:
            return []
        marks = ",".join("?" * len(ranked))
        with self._guard():
            rows = {row[0]: _record(row[1:]) for row in self._db.execute(
                f"SELECT id, {_CLAIM_COLUMNS} FROM claims WHERE id IN ({marks})",
                [rowid for rowid, _ in ranked])}
        return [(rows[rowid], -float(rank)) for rowid, rank in ranked if rowid in rows]

    def _claims_of(self, worksheet_id: str) -> list[ClaimRecord]:
        return self._records(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE worksheet_id = ? "
                             "ORDER BY number", (worksheet_id,))

    def _reviews_of(self, path: str) -> list[ClaimRecord]:
        return self._records(f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE kind = ? AND path = ?",
                             (REVIEW, path))

    def _remembered(self) -> list[tuple[str, str]]:
        with self._guard():
            worksheets = self._db.execute(
                "SELECT path FROM worksheets WHERE kind = 'worksheet' AND path != '' "
                "ORDER BY path").fetchall()
            imports = self._db.execute("SELECT path FROM imports ORDER BY path").fetchall()
        return [("worksheet", p) for (p,) in worksheets] + [("import", p) for (p,) in imports]

    def stats(self) -> Stats:
        with self._guard():
            db = self._db
            worksheets = db.execute(
                "SELECT count(*) FROM worksheets WHERE kind = 'worksheet'").fetchone()[0]
            claims, checked = db.execute(
                "SELECT count(*), count(verdict) FROM claims WHERE kind = 'worksheet'"
            ).fetchone()
            reviews = db.execute("SELECT count(*) FROM claims WHERE kind = ?",
                                 (REVIEW,)).fetchone()[0]
            last = db.execute("SELECT max(indexed_at) FROM worksheets").fetchone()[0] or ""
            pages, page_size = (db.execute("PRAGMA page_count").fetchone()[0],
                                db.execute("PRAGMA page_size").fetchone()[0])
        wal = Path(f"{self.path}-wal")
        size = pages * page_size + (wal.stat().st_size if wal.exists() else 0)
        return Stats("sqlite", str(self.path), self.schema_version, worksheets, claims, reviews,
                     size, checked, last, (f"SQLite {sqlite3.sqlite_version} with FTS5",))


def _record(row: tuple[object, ...]) -> ClaimRecord:
    (claim_id, worksheet_id, kind, number, text, norm, extra, verdict, rating, status,
     rationale, sources, checkables, facts, title, outlet, published, path, url) = row
    return ClaimRecord(
        claim_id=str(claim_id), worksheet_id=str(worksheet_id), text=str(text), kind=str(kind),
        number=int(number),  # type: ignore[call-overload]
        verdict=None if verdict is None else str(verdict), rating=str(rating),
        status=str(status), rationale=str(rationale), sources=json.loads(str(sources)),
        checkables=json.loads(str(checkables)), title=str(title), outlet=str(outlet),
        published=str(published), path=str(path), url=str(url), norm=str(norm),
        facts=Facts.from_json(json.loads(str(facts))), extra=str(extra))
