"""Typed access to QSettings: the only place that knows the keys and their types.

Window geometry, splitter sizes, recent files, the palette choice and the
claim library's location go through :class:`Settings`; tests pass an INI
file in a temporary folder so they never touch the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class _Layout:
    """A saved layout blob (geometry, splitter state) under one key: a typed attribute."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, settings: Settings, owner: type | None = None) -> QByteArray | None:
        value = settings._q.value(self.key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def __set__(self, settings: Settings, value: QByteArray) -> None:
        settings._q.setValue(self.key, value)


class Settings:
    """A small typed wrapper; construct with a path for an isolated INI file."""

    # window layout
    geometry = _Layout("window/geometry")
    window_state = _Layout("window/state")
    main_splitter = _Layout("window/main_splitter")
    side_splitter = _Layout("window/side_splitter")

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._q = QSettings("Claimsheet", "Claimsheet")
        else:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)

    # recent files
    @property
    def recent_files(self) -> list[str]:
        value = self._q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        files = [f for f in self.recent_files if f != entry]
        self._q.setValue("files/recent", [entry, *files][:MAX_RECENT])

    def clear_recent_files(self) -> None:
        self._q.setValue("files/recent", [])

    # who checks (new worksheets start with this checker)
    @property
    def checker(self) -> str:
        value = self._q.value("user/checker", "")
        return value if isinstance(value, str) else ""

    @checker.setter
    def checker(self, value: str) -> None:
        self._q.setValue("user/checker", value)

    # appearance
    @property
    def dark(self) -> bool:
        value = self._q.value("view/dark", False)
        return value in (True, "true", "1", 1)

    @dark.setter
    def dark(self, value: bool) -> None:
        self._q.setValue("view/dark", bool(value))

    # the claim library: a file path or a postgresql:// URL; "" means the default file
    @property
    def library(self) -> str:
        value = self._q.value("library/location", "")
        return value.strip() if isinstance(value, str) else ""

    @library.setter
    def library(self, value: str) -> None:
        self._q.setValue("library/location", value.strip())

    def sync(self) -> None:
        self._q.sync()
