"""Libraries for the tests: SQLite in a temporary folder, and PostgreSQL when a server is there.

PostgreSQL tests use the server the PG* environment variables point at (``.ci/run``
runs the suite under Debian's ``pg_virtualenv``, which starts a throw-away cluster
and sets them). Each test gets a database of its own, dropped afterwards. Without a
server they are skipped with the reason; with ``CLAIMSHEET_REQUIRE_POSTGRES=1`` (set
by CI) a missing server fails them instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.document.anchors import make_anchor
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Source,
    Stance,
    Verdict,
    Worksheet,
)

_PG_SETTINGS = ("PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "CLAIMSHEET_TEST_POSTGRES")


def _admin_url() -> str:
    return os.environ.get("CLAIMSHEET_TEST_POSTGRES", "")


def postgres_reason() -> str | None:
    """None when a PostgreSQL server answers, else why not."""
    if not any(os.environ.get(name) for name in _PG_SETTINGS):
        return ("no PostgreSQL server configured: run the tests under pg_virtualenv "
                "(see docs/library.md) or set CLAIMSHEET_TEST_POSTGRES")
    try:
        import psycopg

        with psycopg.connect(_admin_url(), connect_timeout=5) as connection:
            connection.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means: no server to test against
        return f"PostgreSQL server not reachable: {str(exc).strip().splitlines()[0]}"
    return None


_REASON: list[str | None] = []


def _postgres_or_skip() -> None:
    if not _REASON:
        _REASON.append(postgres_reason())
    reason = _REASON[0]
    if reason is not None:
        if os.environ.get("CLAIMSHEET_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here: {reason}")
        pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, as a URL."""
    _postgres_or_skip()
    import psycopg

    name = f"claimsheet_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    base = _admin_url()
    url = f"{base.rstrip('/')}/{name}" if base.startswith("postgres") else \
        f"postgresql:///{name}"
    try:
        yield url
    finally:
        with psycopg.connect(_admin_url(), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A library location on each back end."""
    if request.param == "sqlite":
        return str(tmp_path / "library.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def library(location: str) -> Iterator[object]:
    from app.library import open_library

    with open_library(location) as lib:
        yield lib


def worksheet(*claims: tuple[str, list[tuple[str, str, str | None, dict[str, str]]]],
              published: str = "2023-10-20", title: str = "", worksheet_id: str | None = None,
              verdict: Verdict | None = None) -> Worksheet:
    """A worksheet whose article is the claims' text, one per line.

    Each claim is (text, [(type, span text, value, attributes)]); spans are found in the text.
    """
    text = "\n".join(c for c, _ in claims)
    ws = Worksheet(article=Article(text=text, title=title or text[:40], published=published,
                                   outlet="Test Wire"))
    if worksheet_id:
        ws.id = worksheet_id
    source = Source(title="Ministry statement", url="https://example.org/s", publisher="MoD")
    ws.sources.append(source)
    offset = 0
    for quote, checkables in claims:
        claim = Claim(anchor=make_anchor(text, offset, offset + len(quote)), verdict=verdict)
        for kind, span, value, attributes in checkables:
            at = text.index(span, offset)
            claim.checkables.append(Checkable(CheckableType(kind), at, at + len(span), span,
                                              value, dict(attributes)))
        claim.citations.append(Citation(source.id, Stance.SUPPORTS))
        ws.claims.append(claim)
        offset += len(quote) + 1
    return ws


BELGOROD_7 = ("Russia's defence ministry said its air defences shot down seven Ukrainian drones "
              "over the Belgorod region on October 19.",
              [("count", "seven", "7", {"noun": "Ukrainian drones"}),
               ("location", "Belgorod region", "Belgorod region", {"country": "RU"}),
               ("date", "October 19", "2023-10-19", {})])
BELGOROD_7_AGAIN = ("Seven Ukrainian drones were shot down over Belgorod on October 19, "
                    "according to the Russian Ministry of Defence.",
                    [("count", "Seven", "7", {"noun": "Ukrainian drones"}),
                     ("location", "Belgorod", "Belgorod", {"country": "RU"}),
                     ("date", "October 19", "2023-10-19", {})])
BELGOROD_9 = ("Russia's defence ministry said its air defences shot down nine Ukrainian drones "
              "over the Belgorod region on October 19.",
              [("count", "nine", "9", {"noun": "Ukrainian drones"}),
               ("location", "Belgorod region", "Belgorod region", {"country": "RU"}),
               ("date", "October 19", "2023-10-19", {})])
UNRELATED = ("The price of wheat in Chicago rose 3 percent on Monday after the grain deal "
             "collapsed.", [("count", "3 percent", "3", {"unit": "percent"})])

MakeWs = Callable[..., Worksheet]
