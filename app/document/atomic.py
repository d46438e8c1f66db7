"""Write a file so that a crash at any moment leaves either the old or the new version.

The bytes go to a temporary file in the same folder, are flushed and fsynced,
and only then replace the target with :func:`os.replace` (atomic on POSIX and
Windows). The previous version is kept as ``NAME.bak`` by hard-linking it
before the replace, which costs no copy; where links are not supported the
backup is copied with the same temporary-file discipline.

A target that is a symbolic link is written *through*: the file the link
points to is replaced (keeping its permission bits) and the link stays a link.

A save killed half-way leaves its temporary file behind. Each temporary file
carries its writer in its name (``.NAME.<host>-<pid>-<start>.<random>.tmp``:
a hash of the host name, the process id and the process's start time), so the
next save of the same file removes every temporary file whose writer is no
longer running; the start time tells a dead writer from a new process that
happens to have the same id. Temporary files whose writer cannot be checked
(another host, an older naming, a system without ``/proc`` or signals) are
removed once they are :data:`STALE_TEMP_SECONDS` old.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.reading.files import kind_of


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_HOST = f"{zlib.crc32(socket.gethostname().encode('utf-8', 'replace')) & 0xFFFFFF:06x}"
_owner: tuple[int, str] | None = None


def _start_time(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks after boot, Linux), None when not known."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return int(fields[19])
    except (OSError, IndexError, ValueError):
        return None


def owner_tag() -> str:
    """``<host>-<pid>-<start>`` of this process, as put in its temporary file names."""
    global _owner
    pid = os.getpid()
    if _owner is None or _owner[0] != pid:  # recomputed in a forked child
        _owner = (pid, f"{_HOST}-{pid}-{_start_time(pid) or 0}")
    return _owner[1]


def _temp_in(folder: Path, name: str) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{owner_tag()}.", suffix=".tmp", dir=folder)
    return fd, Path(tmp)


def _writer_alive(host: str, pid: int, start: int) -> bool | None:
    """Whether the process that made a temporary file still runs; None when it cannot be told."""
    if host != _HOST:
        return None
    if pid == os.getpid():
        return True  # another save of this process (a thread) may be writing it right now
    if os.path.isdir("/proc/self"):
        now = _start_time(pid)
        return now is not None and (start == 0 or now == start)
    if sys.platform == "win32":
        return None  # os.kill would terminate the process there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


BACKGROUND_DELETE_BYTES = 16 * 1024 * 1024
"""A replaced backup at least this large is deleted in a background thread: freeing the
blocks of a 200 MB file takes ext4 about 60 ms, which a save need not wait for."""


def _discard(path: Path, size: int) -> None:
    """Delete a file now, or (a large one) in a background thread; a save killed before the
    thread ran leaves it as a temporary file that the next save removes."""
    def unlink() -> None:
        with contextlib.suppress(OSError):
            path.unlink()

    if size >= BACKGROUND_DELETE_BYTES:
        threading.Thread(target=unlink, name="claimsheet-delete", daemon=True).start()
    else:
        unlink()


def _keep_backup(path: Path) -> None:
    """Make ``NAME.bak`` the current contents of ``path`` (which exists)."""
    bak = backup_path(path)
    fd, tmp = _temp_in(path.parent, bak.name)
    os.close(fd)
    tmp.unlink()
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copy2(path, tmp)
    # The backup being replaced is moved aside first (a rename frees nothing), so that
    # freeing its blocks never delays the save.
    old: tuple[Path, int] | None = None
    with contextlib.suppress(OSError):
        size = bak.stat().st_size
        fd, trash = _temp_in(path.parent, bak.name)
        os.close(fd)
        os.replace(bak, trash)
        old = (trash, size)
    try:
        os.replace(tmp, bak)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        if old is not None:
            _discard(*old)
    # When NAME.bak already was the same file as NAME (two saves at once), rename()
    # succeeds without doing anything and the temporary link would stay behind.
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()


STALE_TEMP_SECONDS = 600


def remove_stale_temporaries(target: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temporary files that killed saves of ``target`` left behind; returns them.

    A temporary file whose writer is known to be dead goes at once; one whose
    writer cannot be checked goes when it is older than ``older_than`` seconds,
    so a save running at the same moment elsewhere keeps its own file.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:bak\.)?"
                         r"(?:([0-9a-f]{6})-(\d+)-(\d+)\.)?[^.]+\.tmp")
    now = time.time()
    removed = []
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        match = pattern.fullmatch(leftover.name)
        if match is None:
            continue
        alive = None
        if match[1] is not None:
            alive = _writer_alive(match[1], int(match[2]), int(match[3]))
        with contextlib.suppress(OSError):
            if alive is False or (alive is None
                                  and now - leftover.lstat().st_mtime >= older_than):
                leftover.unlink()
                removed.append(leftover)
    return removed


class NotARegularFile(OSError):
    """The target exists but is a folder, device, pipe or socket; ``strerror`` says which."""


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` replaces: the file a symbolic link points to.

    Raises :class:`NotARegularFile` when that exists and is not a regular file:
    replacing ``/dev/null`` or a named pipe with a file would break the system.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        mode = target.stat().st_mode
    except OSError:
        return target  # not there yet (or not reachable: the write itself will say why)
    kind = kind_of(mode)
    if kind is not None:
        raise NotARegularFile(errno.EINVAL, kind[1])
    return target


def atomic_write(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old version as ``.bak``.

    A symbolic link is written through: the file it points to is replaced.
    """
    def write(fd: int) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]

    atomic_write_with(path, write, keep_backup=keep_backup)


T = TypeVar("T")


def atomic_write_with(path: str | os.PathLike[str], write: Callable[[int], T], *,
                      keep_backup: bool = True, keep_open: bool = False
                      ) -> tuple[T, int | None]:
    """Replace ``path`` with what ``write(fd)`` writes, atomically; returns its result.

    ``write`` gets the descriptor of the temporary file (read-write, at its
    start) and may write, seek and read back. The file is fsynced and then
    renamed over the target, keeping the old version as ``.bak``. With
    ``keep_open`` a descriptor of the new file is returned as well
    (the caller closes it): whatever replaces the path later, it reads what
    was written here.
    """
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(target)
    fd, tmp = _temp_in(folder, target.name)
    kept: int | None = None
    try:
        try:
            result = write(fd)
            os.fsync(fd)
            if keep_open:
                kept = os.dup(fd)
        finally:
            os.close(fd)
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if keep_backup and target.exists():
            _keep_backup(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if kept is not None:
            os.close(kept)
        raise
    _fsync_dir(folder)
    return result, kept
