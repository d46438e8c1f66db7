"""Ordered migration steps for older `.claimsheet` files.

``STEPS[n]`` turns a version-``n`` document into a version-``n + 1`` document.
Version 1 is the first published format, so there is no step yet; when the
format changes, bump :data:`CURRENT_VERSION`, add one step here, and add a
sample file of the old version to the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT_VERSION = 1

Document = dict[str, Any]
STEPS: dict[int, Callable[[Document], Document]] = {}


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
