"""The shared library: the same interface on a PostgreSQL server (psycopg 3).

For a newsroom whose checkers share one library: ``CLAIMSHEET_LIBRARY=
postgresql://user:password@host/dbname`` (any libpq URL; PG* environment
variables fill in what it leaves out). Claims carry a ``tsvector`` of their
normalized text with a GIN index (ranked with ``ts_rank``), and a ``pg_trgm``
trigram index over the same text finds near-identical wording the words
alone would rank low. The schema is created on first use (the ``pg_trgm``
extension needs a role allowed to create it, or an administrator who created
it beforehand) and migrated by version like the SQLite file.

Writers never lose each other's work: each worksheet is written in one
transaction that first locks the worksheet's row, so two checkers saving the
same worksheet apply one after the other, and different worksheets do not
wait for each other at all. A transaction that fails on a serialization or
deadlock error is retried.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from app.library.api import LibraryError, Stats
from app.library.base import BaseLibrary, event_window, rarest_terms
from app.library.facts import Facts
from app.library.location import display
from app.library.records import REVIEW, ClaimRecord
from app.library.schema import migrate
from app.library.scoring import DATE_CONFLICT_WINDOW

_CLAIM_COLUMNS = ("claim_id, worksheet_id, kind, number, text, norm, extra, verdict, rating, "
                  "status, rationale, sources, checkables, facts, title, outlet, published, "
                  "path, url")
RETRIES = 5
LOCK_KEY = 0x436C_6D73  # advisory lock held while the schema is created or migrated

STEPS: list[list[str]] = [
    # 0 -> 1: the first library
    [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        """CREATE TABLE claimsheet_worksheets (
            worksheet_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            path TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL DEFAULT '',
            claims INTEGER NOT NULL DEFAULT 0,
            indexed_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
        "CREATE INDEX claimsheet_worksheets_path ON claimsheet_worksheets(path)",
        """CREATE TABLE claimsheet_claims (
            id BIGSERIAL PRIMARY KEY,
            claim_id TEXT NOT NULL,
            worksheet_id TEXT NOT NULL
                REFERENCES claimsheet_worksheets(worksheet_id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            number INTEGER NOT NULL,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,
            extra TEXT NOT NULL,
            verdict TEXT,
            rating TEXT NOT NULL,
            status TEXT NOT NULL,
            rationale TEXT NOT NULL,
            sources JSONB NOT NULL,
            checkables JSONB NOT NULL,
            facts JSONB NOT NULL,
            title TEXT NOT NULL,
            outlet TEXT NOT NULL,
            published TEXT NOT NULL,
            path TEXT NOT NULL,
            url TEXT NOT NULL,
            tsv TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('simple', norm), 'A')
                || setweight(to_tsvector('simple', extra), 'D')) STORED,
            UNIQUE (worksheet_id, claim_id))""",
        "CREATE INDEX claimsheet_claims_tsv ON claimsheet_claims USING GIN (tsv)",
        "CREATE INDEX claimsheet_claims_trgm ON claimsheet_claims USING GIN (norm gin_trgm_ops)",
        """CREATE TABLE claimsheet_anchors (
            claim BIGINT NOT NULL REFERENCES claimsheet_claims(id) ON DELETE CASCADE,
            worksheet_id TEXT NOT NULL,
            key TEXT NOT NULL,
            day_low INTEGER NOT NULL,
            day_high INTEGER NOT NULL)""",
        "CREATE INDEX claimsheet_anchors_key ON claimsheet_anchors(key, day_low)",
        "CREATE INDEX claimsheet_anchors_claim ON claimsheet_anchors(claim)",
        """CREATE TABLE claimsheet_imports (
            path TEXT PRIMARY KEY,
            reviews INTEGER NOT NULL,
            imported_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
        """CREATE TABLE claimsheet_terms (
            term TEXT PRIMARY KEY,
            docs INTEGER NOT NULL)""",
        """CREATE TABLE claimsheet_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL)""",
    ],
]


class PostgresLibrary(BaseLibrary):
    """A library in a PostgreSQL database."""

    backend = "postgresql"

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        try:
            import psycopg
        except ImportError:
            raise LibraryError("PostgreSQL libraries need the psycopg package "
                               "(pip install 'psycopg[binary]')") from None
        self._psycopg = psycopg
        self.location = display(url)
        self._depth = 0
        self._bulk = False
        try:
            self._db = psycopg.connect(url, connect_timeout=max(1, int(timeout)),
                                       autocommit=True)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise LibraryError(f"cannot connect to the library {self.location}: {first}") \
                from None
        try:
            with self._guard():
                self._db.execute(f"SET statement_timeout = {int(max(timeout, 1) * 6000)}")
                self.schema_version = self._migrate()
                # one letter wrong in an eight-letter name ("Bilgorod") still finds it
                self._db.execute("SET pg_trgm.word_similarity_threshold = 0.5")
        except LibraryError:
            self._db.close()
            raise

    # ------------------------------------------------------------ plumbing

    def _migrate(self) -> int:
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            exists = self._db.execute(
                "SELECT to_regclass('claimsheet_meta') IS NOT NULL").fetchone()
            version = 0
            if exists and exists[0]:
                row = self._db.execute(
                    "SELECT value FROM claimsheet_meta WHERE key = 'schema_version'").fetchone()
                version = int(row[0]) if row else 0
            return migrate(version, STEPS, self._run, self._set_version, self.location)

    def _run(self, statement: str) -> None:
        self._db.execute(statement)  # fixed SQL from STEPS

    def _set_version(self, version: int) -> None:
        self._db.execute(
            "INSERT INTO claimsheet_meta (key, value) VALUES ('schema_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        psycopg = self._psycopg
        try:
            yield
        except psycopg.errors.InsufficientPrivilege as exc:
            raise LibraryError(f"the library {self.location} refused: {_first_line(exc)} "
                               "(the role needs to create tables, and pg_trgm must be "
                               "installed: CREATE EXTENSION pg_trgm)") from None
        except psycopg.OperationalError as exc:
            raise LibraryError(f"the library {self.location} is unreachable: "
                               f"{_first_line(exc)}") from None
        except psycopg.Error as exc:
            raise LibraryError(f"the library {self.location} cannot be used: "
                               f"{_first_line(exc)}") from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._db.transaction():
                yield
        finally:
            self._depth = 0

    @contextlib.contextmanager
    def _write_scope(self) -> Iterator[None]:
        with self._guard(), self._transaction():
            yield

    def _retrying(self, work: Any) -> Any:
        """Run ``work()`` in a transaction, again after a deadlock or a lost serialization."""
        psycopg = self._psycopg
        retryable = (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure,
                     psycopg.errors.UniqueViolation)
        with self._guard():
            for attempt in range(RETRIES):
                try:
                    with self._transaction():
                        return work()
                except retryable:
                    if attempt == RETRIES - 1 or self._depth:
                        raise
                    time.sleep(0.05 * (attempt + 1))
        return None

    @contextlib.contextmanager
    def _rebuilding(self) -> Iterator[None]:
        """One transaction for a rebuild or a bulk load; term counts are recounted at the end."""
        with self._write_scope():
            self._bulk = True
            try:
                yield
            finally:
                self._bulk = False
            self._db.execute("DELETE FROM claimsheet_terms")
            self._db.execute(
                "INSERT INTO claimsheet_terms (term, docs) SELECT word, ndoc FROM ts_stat("
                "'SELECT to_tsvector(''simple'', norm) FROM claimsheet_claims')")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._db.close()

    # ------------------------------------------------------------ writing

    def _lock_worksheet(self, worksheet_id: str, kind: str, path: str, title: str,
                        published: str, claims: int, print_: str) -> str | None:
        """Insert or lock the worksheet row; its old fingerprint (None when new)."""
        row = self._db.execute(
            "INSERT INTO claimsheet_worksheets (worksheet_id, kind, path, title, published, "
            "fingerprint, claims) VALUES (%s,%s,%s,%s,%s,'',%s) "
            "ON CONFLICT (worksheet_id) DO UPDATE SET worksheet_id = excluded.worksheet_id "
            "RETURNING fingerprint, (xmax = 0)",
            (worksheet_id, kind, path, title, published, claims)).fetchone()
        assert row is not None
        old: str | None = None if row[1] else str(row[0])
        return old

    def _count_terms(self, norms: list[str], sign: int) -> None:
        """Keep ``claimsheet_terms`` (claims per term) in step, locking rows in one order.

        During a rebuild the counts are left alone and recounted once at the end:
        updating one row thousands of times in a transaction leaves thousands of
        row versions to walk.
        """
        if self._bulk:
            return
        counts = Counter(t for norm in norms for t in set(norm.split()))
        if counts:
            with self._db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO claimsheet_terms (term, docs) VALUES (%s, %s) "
                    "ON CONFLICT (term) DO UPDATE SET docs = claimsheet_terms.docs + "
                    "excluded.docs", [(t, sign * n) for t, n in sorted(counts.items())])

    def _delete_claims(self, worksheet_id: str) -> None:
        rows = self._db.execute(
            "DELETE FROM claimsheet_claims WHERE worksheet_id = %s RETURNING norm",
            (worksheet_id,)).fetchall()
        self._count_terms([norm for (norm,) in rows], -1)

    def _insert_claims(self, records: list[ClaimRecord]) -> None:
        if not records:
            return
        self._count_terms([r.norm for r in records], 1)
        with self._db.cursor() as cursor:
            ids = []
            for r in records:
                sources, checkables, facts = r.json_fields()
                cursor.execute(
                    f"INSERT INTO claimsheet_claims ({_CLAIM_COLUMNS}) VALUES "
                    "(%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                    (r.claim_id, r.worksheet_id, r.kind, r.number, r.text, r.norm, r.extra,
                     r.verdict, r.rating, r.status, r.rationale, sources, checkables, facts,
                     r.title, r.outlet, r.published, r.path, r.url))
                row = cursor.fetchone()
                assert row is not None
                ids.append(row[0])
            anchors = []
            for rowid, r in zip(ids, records, strict=True):
                days = r.facts.event_days
                if r.facts.anchors and days:
                    low, high = min(d.low for d in days), max(d.high for d in days)
                    anchors += [(rowid, r.worksheet_id, key, low, high)
                                for key in sorted(r.facts.anchors)]
            if anchors:
                cursor.executemany(
                    "INSERT INTO claimsheet_anchors (claim, worksheet_id, key, day_low, "
                    "day_high) VALUES (%s,%s,%s,%s,%s)", anchors)

    def _write(self, worksheet_id: str, kind: str, path: str, title: str, published: str,
               records: list[ClaimRecord], print_: str) -> bool:
        def work() -> bool:
            old = self._lock_worksheet(worksheet_id, kind, path, title, published,
                                       len(records), print_)
            if kind == "worksheet" and path:  # a file saved over: its old worksheet is gone
                for (other,) in self._db.execute(
                        "SELECT worksheet_id FROM claimsheet_worksheets WHERE kind = 'worksheet' "
                        "AND path = %s AND worksheet_id <> %s", (path, worksheet_id)).fetchall():
                    self._delete_claims(other)
                    self._db.execute("DELETE FROM claimsheet_worksheets WHERE worksheet_id = %s",
                                     (other,))
            if old == print_:
                return False
            self._delete_claims(worksheet_id)
            self._db.execute(
                "UPDATE claimsheet_worksheets SET kind = %s, path = %s, title = %s, "
                "published = %s, fingerprint = %s, claims = %s, indexed_at = now() "
                "WHERE worksheet_id = %s",
                (kind, path, title, published, print_, len(records), worksheet_id))
            self._insert_claims(records)
            return True

        return bool(self._retrying(work))

    def _write_reviews(self, path: str, records: list[ClaimRecord]) -> None:
        def work() -> None:
            for r in sorted(records, key=lambda r: r.worksheet_id):  # one lock order: no deadlock
                self._lock_worksheet(r.worksheet_id, REVIEW, path, r.title, r.published, 1, "")
                self._delete_claims(r.worksheet_id)
                self._db.execute(
                    "UPDATE claimsheet_worksheets SET path = %s, title = %s, published = %s, "
                    "indexed_at = now() WHERE worksheet_id = %s",
                    (path, r.title, r.published, r.worksheet_id))
            self._insert_claims(records)
            self._db.execute(
                "INSERT INTO claimsheet_imports (path, reviews) VALUES (%s, %s) "
                "ON CONFLICT (path) DO UPDATE SET reviews = excluded.reviews, "
                "imported_at = now()", (path, len(records)))

        self._retrying(work)

    def remove_worksheet(self, worksheet_id: str) -> bool:
        with self._write_scope():
            self._delete_claims(worksheet_id)
            cursor = self._db.execute(
                "DELETE FROM claimsheet_worksheets WHERE worksheet_id = %s", (worksheet_id,))
            return cursor.rowcount > 0

    def _clear(self) -> None:
        self._db.execute("TRUNCATE claimsheet_anchors, claimsheet_claims, "
                         "claimsheet_worksheets, claimsheet_imports, claimsheet_terms")

    # ------------------------------------------------------------ reading

    def _records(self, sql: str, params: tuple[Any, ...] = ()) -> list[ClaimRecord]:
        with self._guard():
            rows = self._db.execute(sql, params).fetchall()
        return [_record(row) for row in rows]

    def _text_candidates(self, query_terms: list[str], exclude: str,
                         limit: int) -> list[ClaimRecord]:
        """The rarest terms rank candidates with ``ts_rank``; trigram similarity re-ranks them.

        As on SQLite, terms held by more than one claim in twenty are left out
        while three rarer ones remain. Twice ``limit`` claims are ranked by the
        words, then ``pg_trgm``'s similarity to the whole normalized text picks
        the ``limit`` closest in wording.
        """
        query_terms = self._useful_terms(query_terms)
        if not query_terms:
            return []
        query = _pairs_query(query_terms)
        norm = " ".join(query_terms)
        return self._records(
            f"SELECT {_CLAIM_COLUMNS} FROM claimsheet_claims WHERE id IN ("
            "  SELECT id FROM ("
            "    SELECT id, norm FROM claimsheet_claims "
            "    WHERE tsv @@ to_tsquery('simple', %s) AND worksheet_id != %s "
            "    ORDER BY ts_rank(tsv, to_tsquery('simple', %s)) DESC LIMIT %s) ranked "
            "  ORDER BY similarity(norm, %s) DESC LIMIT %s)",
            (query, exclude, query, 2 * limit, norm, limit))

    def _useful_terms(self, query_terms: list[str]) -> list[str]:
        clean = [t for t in (t.replace("'", "").replace("\\", "") for t in query_terms) if t]
        if not clean:
            return []
        with self._guard():
            docs: dict[str, int] = dict(self._db.execute(
                "SELECT term, docs FROM claimsheet_terms WHERE term = ANY(%s) AND docs > 0",
                (clean,)).fetchall())
            total = _one(self._db.execute("SELECT coalesce(sum(claims), 0) "
                                          "FROM claimsheet_worksheets"))
        return rarest_terms(clean, docs, total)

    def _event_candidates(self, facts: Facts, exclude: str, limit: int) -> list[ClaimRecord]:
        window = event_window(facts)
        if window is None:
            return []
        low, high = window
        return self._records(
            f"SELECT {_CLAIM_COLUMNS} FROM claimsheet_claims WHERE id IN ("
            "  SELECT claim FROM claimsheet_anchors WHERE key = ANY(%s) AND day_low <= %s "
            "   AND day_high >= %s AND worksheet_id != %s "
            "   GROUP BY claim ORDER BY count(*) DESC, claim DESC LIMIT %s)",
            (sorted(facts.anchors), high, low, exclude, limit))

    def _event_pairs(self, limit: int) -> Iterator[tuple[ClaimRecord, ClaimRecord]]:
        with self._guard():
            rows = self._db.execute(
                "SELECT DISTINCT a.claim, b.claim FROM claimsheet_anchors a "
                "JOIN claimsheet_anchors b ON a.key = b.key AND a.claim < b.claim "
                " AND a.worksheet_id != b.worksheet_id "
                " AND b.day_low <= a.day_high + %s AND b.day_high >= a.day_low - %s LIMIT %s",
                (DATE_CONFLICT_WINDOW, DATE_CONFLICT_WINDOW, limit)).fetchall()
            wanted = sorted({x for pair in rows for x in pair})
            cache = {row[0]: _record(row[1:]) for row in self._db.execute(
                f"SELECT id, {_CLAIM_COLUMNS} FROM claimsheet_claims WHERE id = ANY(%s)",
                (wanted,)).fetchall()} if wanted else {}
        for a, b in rows:
            if a in cache and b in cache and REVIEW not in (cache[a].kind, cache[b].kind):
                yield cache[a], cache[b]

    def _search(self, query_terms: list[str], limit: int) -> list[tuple[ClaimRecord, float]]:
        """All the words, ranked; when none has them all, the closest spelling (pg_trgm)."""
        clean = [t for t in (t.replace("'", "").replace("\\", "") for t in query_terms) if t]
        if not clean:
            return []
        query = " & ".join(clean)
        with self._guard():
            rows = self._db.execute(
                f"SELECT {_CLAIM_COLUMNS}, ts_rank(tsv, to_tsquery('simple', %s)) AS rank "
                "FROM claimsheet_claims WHERE tsv @@ to_tsquery('simple', %s) "
                "ORDER BY rank DESC LIMIT %s", (query, query, limit)).fetchall()
            if not rows:  # a misspelt name: "Bilgorod" finds Belgorod
                words = " ".join(clean)
                rows = self._db.execute(
                    f"SELECT {_CLAIM_COLUMNS}, word_similarity(%s, norm) AS rank "
                    "FROM claimsheet_claims WHERE %s <%% norm ORDER BY rank DESC LIMIT %s",
                    (words, words, limit)).fetchall()
        return [(_record(row[:-1]), float(row[-1])) for row in rows]

    def _claims_of(self, worksheet_id: str) -> list[ClaimRecord]:
        return self._records(f"SELECT {_CLAIM_COLUMNS} FROM claimsheet_claims "
                             "WHERE worksheet_id = %s ORDER BY number", (worksheet_id,))

    def _reviews_of(self, path: str) -> list[ClaimRecord]:
        return self._records(f"SELECT {_CLAIM_COLUMNS} FROM claimsheet_claims "
                             "WHERE kind = %s AND path = %s", (REVIEW, path))

    def _remembered(self) -> list[tuple[str, str]]:
        with self._guard():
            worksheets = self._db.execute(
                "SELECT path FROM claimsheet_worksheets WHERE kind = 'worksheet' "
                "AND path != '' ORDER BY path").fetchall()
            imports = self._db.execute(
                "SELECT path FROM claimsheet_imports ORDER BY path").fetchall()
        return [("worksheet", p) for (p,) in worksheets] + [("import", p) for (p,) in imports]

    def stats(self) -> Stats:
        with self._guard():
            db = self._db
            worksheets = _one(db.execute(
                "SELECT count(*) FROM claimsheet_worksheets WHERE kind = 'worksheet'"))
            row = db.execute("SELECT count(*), count(verdict) FROM claimsheet_claims "
                             "WHERE kind = 'worksheet'").fetchone()
            claims, checked = (int(row[0]), int(row[1])) if row else (0, 0)
            reviews = _one(db.execute("SELECT count(*) FROM claimsheet_claims WHERE kind = %s",
                                      (REVIEW,)))
            last = db.execute("SELECT max(indexed_at) FROM claimsheet_worksheets").fetchone()
            size = _one(db.execute(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "WHERE c.relname LIKE 'claimsheet\\_%%' AND c.relkind = 'r'"))
            version = db.execute("SHOW server_version").fetchone()
        return Stats("postgresql", self.location, self.schema_version, worksheets, claims,
                     reviews, size, checked,
                     "" if not last or last[0] is None else last[0].isoformat(timespec="seconds"),
                     (f"PostgreSQL {version[0] if version else '?'} with pg_trgm",))


def _pairs_query(terms: list[str]) -> str:
    """A tsquery for claims holding the rarest term, or any two of the rare ones.

    ``ts_rank`` has to read every claim the query matches; asking for two shared
    terms (GIN intersects their lists) keeps that to the claims worth ranking.
    """
    if len(terms) < 3:
        return " | ".join(terms)
    rare = terms[:6]
    pairs = [f"({a} & {b})" for i, a in enumerate(rare) for b in rare[i + 1:]]
    return " | ".join([terms[0], *pairs])


def _one(cursor: Any) -> int:
    row = cursor.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _record(row: tuple[Any, ...]) -> ClaimRecord:
    (claim_id, worksheet_id, kind, number, text, norm, extra, verdict, rating, status,
     rationale, sources, checkables, facts, title, outlet, published, path, url) = row
    return ClaimRecord(
        claim_id=claim_id, worksheet_id=worksheet_id, text=text, kind=kind, number=number,
        verdict=verdict, rating=rating, status=status, rationale=rationale,
        sources=sources if isinstance(sources, list) else json.loads(sources),
        checkables=checkables if isinstance(checkables, list) else json.loads(checkables),
        title=title, outlet=outlet, published=published, path=path, url=url, norm=norm,
        facts=Facts.from_json(facts if isinstance(facts, dict) else json.loads(facts)),
        extra=extra)
