"""The claim library: every worksheet remembered, matched and compared (no Qt here).

Typical use::

    from app.library import open_library

    with open_library() as library:              # default: SQLite in the data folder
        library.index_worksheet(ws, path)
        for match in library.matches(claim, ws):   # "same claim" / "similar"
            ...
        for conflict in library.conflicts(ws):     # counts or dates that disagree
            ...

The window calls :func:`index_quietly` after a save or an open: it never
raises, so a missing, locked or damaged library never stops a save. See
docs/library.md for the whole interface.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from app.library.api import (
    SAME_CLAIM,
    SIMILAR,
    Conflict,
    ConflictSide,
    ImportResult,
    IndexResult,
    Library,
    LibraryError,
    Match,
    RebuildResult,
    SearchHit,
    Stats,
)
from app.library.location import default_path, display, is_postgres, resolve
from app.library.records import ClaimRecord

__all__ = [
    "SAME_CLAIM", "SIMILAR", "ClaimRecord", "Conflict", "ConflictSide", "ImportResult",
    "IndexResult", "Library", "LibraryError", "Match", "RebuildResult", "SearchHit", "Stats",
    "default_path", "index_quietly", "open_library", "rebuild_library", "resolve",
]

log = logging.getLogger("claimsheet.library")


def open_library(location: str | os.PathLike[str] | None = None, *,
                 timeout: float = 5.0) -> Library:
    """Open (creating on first use) the library at ``location``.

    ``location`` is a file path or a ``postgresql://`` URL; None means the
    ``CLAIMSHEET_LIBRARY`` environment variable, else the default file. Raises
    :class:`LibraryError` with a one-line message.
    """
    where = resolve(location)
    if is_postgres(where):
        from app.library.postgres import PostgresLibrary

        return PostgresLibrary(where, timeout=timeout)
    from app.library.sqlite import SqliteLibrary

    return SqliteLibrary(Path(where).expanduser(), timeout=timeout)


def index_quietly(ws: object, path: str | os.PathLike[str] | None,
                  location: str | os.PathLike[str] | None = None, *,
                  timeout: float = 2.0) -> IndexResult | None:
    """Index a worksheet, logging instead of raising: for after a save or an open.

    Returns the result, or None when the library could not be used (the
    reason is logged to ``claimsheet.library``). Safe in a worker thread: it
    opens and closes its own connection.
    """
    from app.document.model import Worksheet

    if not isinstance(ws, Worksheet):
        log.warning("not indexed: %r is not a worksheet", type(ws).__name__)
        return None
    try:
        library = open_library(location, timeout=timeout)
    except LibraryError as exc:
        log.warning("worksheet %s not indexed: %s", ws.id, exc)
        return None
    except Exception:  # noqa: BLE001 - a save must never fail because of the library
        log.exception("worksheet %s not indexed: the library could not be opened", ws.id)
        return None
    try:
        return library.index_worksheet(ws, None if path is None else Path(path))
    except LibraryError as exc:
        log.warning("worksheet %s not indexed: %s", ws.id, exc)
    except Exception:  # noqa: BLE001 - as above
        log.exception("worksheet %s not indexed", ws.id)
    finally:
        library.close()
    return None


def rebuild_library(location: str | os.PathLike[str] | None = None,
                    paths: list[str | Path] | tuple[str | Path, ...] = ()) -> RebuildResult:
    """Rebuild from the remembered files and ``paths``; a damaged SQLite file is set aside.

    A damaged file cannot say which worksheets it held: it is renamed to
    ``library.sqlite3.damaged`` and a new library is built from ``paths``.
    """
    where = resolve(location)
    try:
        library = open_library(where)
    except LibraryError as exc:
        if is_postgres(where) or "damaged" not in str(exc):
            raise
        damaged = Path(where).expanduser()
        aside = damaged.with_name(damaged.name + ".damaged")
        try:
            os.replace(damaged, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{damaged}{suffix}").unlink(missing_ok=True)
        except OSError as move:
            raise LibraryError(f"the library {damaged} is damaged and cannot be moved aside: "
                               f"{move.strerror or move}") from None
        log.warning("damaged library moved to %s", aside)
        library = open_library(where)
        with library:
            result = library.rebuild(paths)
        note = (f"the damaged library was moved to {aside}; only the worksheets given were "
                "indexed")
        return RebuildResult(result.worksheets, result.claims, result.reviews,
                             (note, *result.problems))
    with library:
        return library.rebuild(paths)


def describe(location: str) -> str:
    return display(location)
