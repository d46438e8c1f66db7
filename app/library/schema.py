"""Library schema versions: ordered migration steps, like the worksheet format's.

Each back end lists its steps: ``steps[n]`` is the SQL that takes a version-``n``
library to version ``n + 1`` (version 0 is an empty database, so ``steps[0]``
creates everything). Opening a library applies the missing steps in one
transaction; a library written by a newer Claimsheet is refused rather than
guessed at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.library.api import LibraryError


def migrate(version: int, steps: Sequence[Sequence[str]], run: Callable[[str], None],
            set_version: Callable[[int], None], where: str) -> int:
    """Apply ``steps[version:]`` through ``run``; returns the new version.

    The caller holds the transaction (and its lock) around this call, so two
    processes opening an old library at once do not both migrate it.
    """
    current = len(steps)
    if version > current:
        raise LibraryError(
            f"the library {where} was made by a newer Claimsheet (library version {version}; "
            f"this one reads up to {current}): update Claimsheet or choose another library")
    while version < current:
        for statement in steps[version]:
            run(statement)
        version += 1
        set_version(version)
    return version
