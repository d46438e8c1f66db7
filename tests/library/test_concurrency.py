"""Two checkers writing to one library at the same time lose nothing."""

from __future__ import annotations

import threading

from app.library import open_library
from tests.library.conftest import BELGOROD_7, BELGOROD_9, UNRELATED, worksheet

PER_WRITER = 30
SHARED = 10


def _writer(location: str, name: str, errors: list[BaseException],
            start: threading.Barrier) -> None:
    try:
        with open_library(location, timeout=30) as library:
            start.wait()
            for i in range(PER_WRITER):
                own = worksheet(BELGOROD_7, UNRELATED, worksheet_id=f"{name}-{i}")
                library.index_worksheet(own, f"/{name}/{i}.claimsheet")
                if i < SHARED:  # both writers save the same worksheets too
                    claims = (BELGOROD_9,) if name == "a" else (BELGOROD_9, UNRELATED, BELGOROD_7)
                    library.index_worksheet(worksheet(*claims, worksheet_id=f"shared-{i}"),
                                            f"/shared/{i}.claimsheet")
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)


def test_two_writers_at_once_lose_nothing(location: str) -> None:
    with open_library(location):
        pass  # the schema exists before the writers race
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    threads = [threading.Thread(target=_writer, args=(location, name, errors, start))
               for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    with open_library(location) as library:
        stats = library.stats()
        assert stats.worksheets == 2 * PER_WRITER + SHARED
        for i in range(SHARED):  # each shared worksheet is one writer's version, whole
            claims = library._claims_of(f"shared-{i}")  # type: ignore[attr-defined]
            assert len(claims) in (1, 3)
        shared = sum(len(library._claims_of(f"shared-{i}"))  # type: ignore[attr-defined]
                     for i in range(SHARED))
        assert stats.claims == 2 * PER_WRITER * 2 + shared
