"""Read a user's file: regular files only, never blocking, never more than a limit.

A size check on ``stat`` alone is not enough. ``stat`` says 0 bytes for
``/dev/zero``, ``/dev/urandom`` and a named pipe, and reading them either never
ends (the first two) or never starts (a pipe with no writer blocks ``open``
itself). So :func:`read_file`

1. ``stat``\\s the path (following links) and refuses anything that is not a
   regular file, before opening it: a device is never opened at all;
2. opens with ``O_NONBLOCK`` (and ``O_NOCTTY``), so that if the path was
   swapped for a pipe in between, ``open`` still returns at once, and checks
   the opened file again with ``fstat``;
3. refuses a declared size over the limit, then reads with a hard cap, so a
   file that grows while it is read (or a ``/proc`` file that says 0) still
   stops at ``limit + 1`` bytes.

Every refusal is a :class:`FileRefused` whose ``reason`` is a short phrase
("it is a named pipe, not a file", "it is larger than 64 MB") for the caller's
own sentence ("Cannot open x.claimsheet: …").
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
_CHUNK = 1024 * 1024


class FileRefused(Exception):
    """A path that is not a readable regular file; ``reason`` says why, in plain words.

    ``kind`` is a stable keyword for code and tests: ``missing``, ``folder``,
    ``device``, ``pipe``, ``socket``, ``special``, ``denied``, ``loop``,
    ``name``, ``too-large`` or ``unreadable``.
    """

    def __init__(self, path: str | os.PathLike[str], kind: str, reason: str) -> None:
        self.path = os.fspath(path)
        self.kind = kind
        self.reason = reason
        super().__init__(reason)


class FileTooLarge(FileRefused):
    """A file over the limit; ``size`` is None when it was found out while reading."""

    def __init__(self, path: str | os.PathLike[str], size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit
        if size is None:
            reason = f"it is larger than {describe_size(limit)}"
        else:
            reason = f"it is {describe_size(size)}, larger than the {describe_size(limit)} limit"
        super().__init__(path, "too-large", reason)


def describe_size(size: int) -> str:
    """Bytes as a short figure: ``64 MB``, ``20.5 MB``, ``12 kB``, ``300 bytes``."""
    for unit, name in ((1024 * 1024 * 1024, "GB"), (1024 * 1024, "MB"), (1024, "kB")):
        if size >= unit:
            value = size / unit
            return f"{value:.0f} {name}" if value == int(value) or value >= 100 \
                else f"{value:.1f} {name}"
    return f"{size} bytes"


def kind_of(mode: int) -> tuple[str, str] | None:
    """(kind, reason) for anything but a regular file, else None."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder", "it is a folder, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device", "it is a device, not a file"
    if stat.S_ISFIFO(mode):
        return "pipe", "it is a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "socket", "it is a socket, not a file"
    return "special", "it is not a regular file"


def _refusal(path: str, error: OSError) -> FileRefused:
    """The plain-words refusal for an error from ``stat`` or ``open``."""
    code = error.errno
    if code in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return FileRefused(path, "missing", "it is a link to a file that does not exist")
        return FileRefused(path, "missing", "the file does not exist")
    if code in (errno.EACCES, errno.EPERM):
        return FileRefused(path, "denied", "permission to read the file was denied")
    if code == errno.ELOOP:
        return FileRefused(path, "loop", "it is a link that leads back to itself (a loop)")
    if code == errno.ENAMETOOLONG:
        return FileRefused(path, "name", "the file name is too long")
    if code == errno.EISDIR:
        return FileRefused(path, "folder", "it is a folder, not a file")
    if code in (errno.ENXIO, errno.ENODEV):
        return FileRefused(path, "device", "it is a device or socket, not a file")
    detail = error.strerror or "unknown error"
    return FileRefused(path, "unreadable", f"the file could not be read ({detail.lower()})")


def check_regular(path: str | os.PathLike[str]) -> os.stat_result:
    """``stat`` the path (following links); raise :class:`FileRefused` unless it is a file."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError as error:
        raise _refusal(name, error) from None
    except ValueError:  # an embedded NUL character
        raise FileRefused(name, "name", "the file name is not valid") from None
    kind = kind_of(info.st_mode)
    if kind is not None:
        raise FileRefused(name, *kind)
    return info


def open_regular(path: str | os.PathLike[str], *, limit: int) -> int:
    """An open, blocking, read-only descriptor of a regular file of at most ``limit`` bytes.

    The same checks as :func:`read_file` (regular file after following links,
    opened without blocking, checked again with ``fstat``), for readers that
    read a large file in parts (the worksheet container, evidence being
    attached) instead of all at once. The caller closes the descriptor.
    """
    name = os.fspath(path)
    info = check_regular(name)
    if info.st_size > limit:
        raise FileTooLarge(name, info.st_size, limit)
    try:
        fd = os.open(name, _OPEN_FLAGS)
    except OSError as error:
        raise _refusal(name, error) from None
    try:
        opened = os.fstat(fd)
        kind = kind_of(opened.st_mode)
        if kind is not None:  # swapped for something else between stat and open
            raise FileRefused(name, *kind)
        if opened.st_size > limit:
            raise FileTooLarge(name, opened.st_size, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: blocking reads are what we want
    except OSError as error:
        os.close(fd)
        raise _refusal(name, error) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_file(path: str | os.PathLike[str], *, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`FileRefused`."""
    name = os.fspath(path)
    fd = open_regular(name, limit=limit)
    try:
        return _read_capped(fd, name, limit, os.fstat(fd).st_size)
    except OSError as error:
        raise _refusal(name, error) from None
    finally:
        os.close(fd)


def copy_capped(path: str | os.PathLike[str], destination: int, *, limit: int,
                sink: Callable[[bytes], object] | None = None) -> int:
    """Copy a regular file of at most ``limit`` bytes into the open ``destination``.

    Every chunk also goes to ``sink`` (a hash's ``update``); returns the bytes
    copied. The cap holds while copying too, so a file that grows meanwhile
    stops at ``limit + 1`` bytes with :class:`FileTooLarge`.
    """
    name = os.fspath(path)
    fd = open_regular(name, limit=limit)
    total = 0
    try:
        with io.FileIO(fd, "rb", closefd=False) as raw:
            while True:
                try:
                    chunk = raw.read(_CHUNK)
                except OSError as error:
                    raise _refusal(name, error) from None
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise FileTooLarge(name, None, limit)
                if sink is not None:
                    sink(chunk)
                view = memoryview(chunk)
                while view:  # a failed write (disk full) is the caller's OSError
                    written = os.write(destination, view)
                    view = view[written:]
    finally:
        os.close(fd)
    return total


def _read_capped(fd: int, name: str, limit: int, hint: int) -> bytes:
    """Read to the end, but never past ``limit + 1`` bytes whatever ``stat`` said."""
    parts: list[bytes] = []
    total = 0
    with io.FileIO(fd, "rb", closefd=False) as raw:
        want = min(limit + 1, max(hint, 0) + 1)  # one call reads a whole regular file
        while total <= limit:
            chunk = raw.read(want)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            want = min(_CHUNK, limit + 1 - total) if total <= limit else 1
    if total > limit:
        raise FileTooLarge(name, None, limit)
    return parts[0] if len(parts) == 1 else b"".join(parts)
