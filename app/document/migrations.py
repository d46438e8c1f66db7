"""Ordered migration steps for older `.claimsheet` files.

``STEPS[n]`` turns a version-``n`` document into a version-``n + 1`` document.
When the format changes, bump :data:`CURRENT_VERSION`, add one step here, and
add a sample file of the old version to the tests (``tests/data/document/``).

- 1 → 2: the worksheet moved into a ZIP container (see
  :mod:`app.document.container`) and gained an ``evidence`` list; a version-1
  document has no evidence, so the step adds an empty list. The container
  itself is written on the next save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 2

Document = dict[str, Any]


def _add_evidence(document: Document) -> Document:
    """1 → 2: no evidence yet (the key goes after ``sources``, where version 2 writes it)."""
    document.setdefault("evidence", [])
    return document


STEPS: dict[int, Callable[[Document], Document]] = {1: _add_evidence}


class MigrationError(Exception):
    """A document whose version cannot be brought up to date."""


def _shown(version: int) -> str:
    """A version number for a message; a hostile file may hold one of 4,000 digits."""
    text = str(version)
    digits = len(text.lstrip("-"))
    return text if digits <= 12 else f"{text[:12]}\u2026 ({digits:,} digits)"


def migrate(document: Document, steps: dict[int, Callable[[Document], Document]] | None = None,
            current: int = CURRENT_VERSION) -> Document:
    """Apply the steps from the document's version up to ``current``, one at a time."""
    steps = STEPS if steps is None else steps
    version = document["version"]
    if version > current:
        raise MigrationError(
            f"it was made by a newer Claimsheet (format version {_shown(version)}); this "
            f"version reads up to version {current}. Please update Claimsheet to open it."
        )
    if version < 1:
        raise MigrationError(f"its format version {_shown(version)} is not a valid version")
    while version < current:
        step = steps.get(version)
        if step is None:
            raise MigrationError(f"format version {version} cannot be upgraded by this Claimsheet")
        document = step(document)
        version += 1
        document["version"] = version
    return document
