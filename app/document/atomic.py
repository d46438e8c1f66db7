"""Write a file so that a crash at any moment leaves either the old or the new version.

The bytes go to a temporary file in the same folder, are flushed and fsynced,
and only then replace the target with :func:`os.replace` (atomic on POSIX and
Windows). The previous version is kept as ``NAME.bak`` by hard-linking it
before the replace, which costs no copy; where links are not supported the
backup is copied with the same temporary-file discipline.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path


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


def _temp_in(folder: Path, name: str) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    return fd, Path(tmp)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


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
    try:
        os.replace(tmp, bak)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


STALE_TEMP_SECONDS = 600


def remove_stale_temporaries(target: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Delete temporary files a killed save of ``target`` left behind.

    Only files older than ``older_than`` seconds go, so a save running at the
    same moment in another process keeps its own temporary file.
    """
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime >= older_than:
                leftover.unlink()


def atomic_write(path: str | os.PathLike[str], data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old version as ``.bak``."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temporaries(target)
    fd, tmp = _temp_in(folder, target.name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
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
        raise
    _fsync_dir(folder)
