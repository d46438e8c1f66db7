"""Where the library is: a SQLite file in the user's data folder, or a PostgreSQL URL.

The default file is ``library.sqlite3`` in the same folder Qt's
``QStandardPaths.AppDataLocation`` gives the window (organisation and
application "Claimsheet"): ``~/.local/share/Claimsheet/Claimsheet`` on Linux,
``~/Library/Application Support/Claimsheet/Claimsheet`` on macOS,
``%APPDATA%\\Claimsheet\\Claimsheet`` on Windows. It is computed here without
Qt (platformdirs gives the platform's data folder; Qt appends organisation and
application), so the command line and the window share one library.

The choice, first found wins: an explicit location (``--library``, or the
window's setting), then the ``CLAIMSHEET_LIBRARY`` environment variable, then
the default file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

ORGANISATION = "Claimsheet"
APPLICATION = "Claimsheet"
FILE_NAME = "library.sqlite3"
ENVIRONMENT = "CLAIMSHEET_LIBRARY"
_URL = re.compile(r"^(postgres|postgresql)://", re.I)


def data_dir() -> Path:
    """The per-user application data folder, as QStandardPaths.AppDataLocation has it."""
    return platformdirs.user_data_path(roaming=True) / ORGANISATION / APPLICATION


def default_path() -> Path:
    return data_dir() / FILE_NAME


def is_postgres(location: str) -> bool:
    return bool(_URL.match(location.strip()))


def resolve(explicit: str | os.PathLike[str] | None = None) -> str:
    """The library location to use: explicit, else the environment, else the default file."""
    if explicit is not None and str(explicit).strip():
        return str(explicit).strip()
    from_environment = os.environ.get(ENVIRONMENT, "").strip()
    if from_environment:
        return from_environment
    return str(default_path())


def display(location: str) -> str:
    """A location fit to print: a URL's password is replaced by ``***``."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", location)
