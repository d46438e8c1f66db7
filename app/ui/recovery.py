"""The recovery file: autosaved work, offered back after a crash.

One JSON file per open worksheet, in the application's data folder, holds the
worksheet (in the same dict form as a .claimsheet file's worksheet.json), the
path it was opened from and the writer's process id. Evidence attached since
the last save is staged in ``evidence/<worksheet id>/`` beside it (see
:mod:`app.ui.evidence`); on recovery each file's bytes are found again there
or in the container the worksheet came from, and checked against their hash.
The recovery file is written atomically on a debounced timer and by the crash
handler, and removed after a successful save or a deliberate discard. At
start, the newest file whose writer is no longer running is offered back.

Whether the writer still runs is not guessed from its process id (a process
killed a moment ago is a zombie that still "exists", and ids are reused):
the writer holds an exclusive ``flock`` on a lock file next to the recovery
file for as long as it lives. The kernel drops the lock the moment the
process ends, however it ends, so a lock that can be taken means the writer
is gone.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from app.document import utf8
from app.document.atomic import atomic_write
from app.document.fileformat import (
    MAX_FILE_BYTES,
    reattach_evidence,
    worksheet_from_dict,
    worksheet_to_dict,
)
from app.document.model import Worksheet, now_iso
from app.reading import read_file

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: no flock; every recovery file is offered
    fcntl = None

log = logging.getLogger("claimsheet.ui.recovery")

FORMAT = "claimsheet-recovery"


@dataclass
class Recovered:
    worksheet: Worksheet
    path: Path | None  # the .claimsheet it was opened from, if any
    saved: str
    file: Path  # the recovery file itself
    lost: tuple[str, ...] = ()  # evidence whose bytes could not be found again

    def describe(self) -> str:
        where = f"from {self.path.name}" if self.path else "not saved yet"
        text = (f"“{self.worksheet.title}” ({len(self.worksheet.claims)} claims, {where}), "
                f"autosaved {self.saved.replace('T', ' ')}")
        if self.lost:
            text += (f"; {len(self.lost)} evidence file(s) could not be found again and are "
                     f"left out: {', '.join(self.lost[:5])}")
        return text


# Lock files this process holds (path -> open file descriptor): its own work.
_HELD: dict[Path, int] = {}


def hold_lock(lock: Path) -> None:
    """Take the writer's lock on ``lock`` for as long as this process runs."""
    if lock in _HELD or fcntl is None:
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)  # another live process writes this worksheet's recovery file
        return
    _HELD[lock] = fd


def release_lock(lock: Path) -> None:
    fd = _HELD.pop(lock, None)
    if fd is not None:
        lock.unlink(missing_ok=True)
        os.close(fd)  # closing drops the lock


def writer_alive(lock: Path) -> bool:
    """Whether the process that wrote a recovery file still runs (it holds ``lock``).

    This process's own files count as not running: a window that crashed in a
    test, or a restored worksheet being offered again, is this process's work.
    """
    if lock in _HELD or fcntl is None:
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False  # no lock file: the writer ended cleanly or never locked
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True  # held by a live process
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


class RecoveryStore:
    """One recovery file per worksheet, so two open windows never overwrite each other."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, worksheet_id: str) -> Path:
        safe = "".join(ch for ch in worksheet_id if ch.isalnum() or ch in "-_")[:80]
        return self.folder / f"recovery-{safe or 'worksheet'}.json"

    def evidence_folder(self, worksheet_id: str) -> Path:
        """Where the window stages the files attached to this worksheet since it was saved."""
        safe = "".join(ch for ch in worksheet_id if ch.isalnum() or ch in "-_")[:80]
        return self.folder / "evidence" / (safe or "worksheet")

    @staticmethod
    def lock_for(file: Path) -> Path:
        return file.with_suffix(".lock")

    def save(self, worksheet: Worksheet, original: Path | None) -> None:
        payload = {"format": FORMAT, "path": str(original) if original else None,
                   "saved": now_iso(), "pid": os.getpid(),
                   "worksheet": worksheet_to_dict(worksheet)}
        data = utf8.encode(json.dumps(payload, ensure_ascii=False, indent=1))
        self.folder.mkdir(parents=True, exist_ok=True)
        file = self.path_for(worksheet.id)
        hold_lock(self.lock_for(file))
        atomic_write(file, data, keep_backup=False)

    def adopt(self, found: Recovered) -> None:
        """Restored work is this process's now: its lock says so to other windows."""
        hold_lock(self.lock_for(found.file))

    def _read(self, file: Path) -> Recovered | None:
        try:
            payload = json.loads(read_file(file, limit=MAX_FILE_BYTES).decode("utf-8"))
            if payload.get("format") != FORMAT:
                raise ValueError("not a recovery file")
            if writer_alive(self.lock_for(file)):
                return None  # work of a Claimsheet that is still open
            worksheet = worksheet_from_dict(payload["worksheet"])
            original = Path(payload["path"]) if payload.get("path") else None
            lost = reattach_evidence(worksheet, self.evidence_folder(worksheet.id), original)
            return Recovered(worksheet, original, str(payload.get("saved", "")), file,
                             tuple(lost))
        except Exception:  # noqa: BLE001 - a bad recovery file must never stop the app starting
            log.exception("the recovery file %s cannot be read; ignoring it", file)
            return None

    def load(self) -> Recovered | None:
        """The newest autosaved work of a Claimsheet that is no longer running, or None."""
        if not self.folder.is_dir():
            return None
        files = sorted(self.folder.glob("recovery-*.json"),
                       key=lambda f: f.stat().st_mtime, reverse=True)
        for file in files:
            found = self._read(file)
            if found is not None:
                return found
        return None

    def exists(self, worksheet_id: str) -> bool:
        return self.path_for(worksheet_id).exists()

    def clear(self, worksheet_id: str) -> None:
        self.discard(self.path_for(worksheet_id))

    def discard(self, file: Path) -> None:
        try:
            file.unlink(missing_ok=True)
            lock = self.lock_for(file)
            if lock in _HELD:
                release_lock(lock)
            elif not writer_alive(lock):
                lock.unlink(missing_ok=True)
        except OSError:
            log.exception("cannot remove the recovery file %s", file)
