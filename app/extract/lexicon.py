"""The word lists the extraction rules consult, read from ``app/resources/extract/``.

Every list a rule matches words against (institution heads, facility nouns,
number words, hedge cues ...) lives in a JSON file beside the gazetteers, so
that the knowledge can be read and extended without touching code. Each file is
parsed once per process.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from app.resources import read_text


@cache
def data(name: str) -> dict[str, Any]:
    """The parsed ``app/resources/extract/NAME.json``."""
    loaded: dict[str, Any] = json.loads(read_text("extract", f"{name}.json"))
    return loaded


def words(name: str, key: str) -> frozenset[str]:
    """One list of a data file as a set ("actors", "institution_heads")."""
    return frozenset(data(name)[key])


def ordered(name: str, key: str) -> tuple[str, ...]:
    """One list of a data file in its written order (months, longest phrases first ...)."""
    return tuple(data(name)[key])


def table(name: str, key: str) -> dict[str, Any]:
    """One mapping of a data file ("counts", "qualifiers" -> {"at least": ">=", ...})."""
    return dict(data(name)[key])
