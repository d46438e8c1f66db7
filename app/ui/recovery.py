"""The recovery file: autosaved work, offered back after a crash.

One JSON file per open worksheet, in the application's data folder, holds the
worksheet (in the same dict form as a .claimsheet file), the path it was
opened from and the writer's process id. It is written atomically on a
debounced timer and by the crash handler, and removed after a successful save
or a deliberate discard. At start, the newest file whose writer is no longer
running is offered back.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.document import utf8
from app.document.atomic import atomic_write
from app.document.fileformat import MAX_FILE_BYTES, worksheet_from_dict, worksheet_to_dict
from app.document.model import Worksheet, now_iso
from app.reading import read_file

log = logging.getLogger("claimsheet.ui.recovery")

FORMAT = "claimsheet-recovery"


@dataclass
class Recovered:
    worksheet: Worksheet
    path: Path | None  # the .claimsheet it was opened from, if any
    saved: str
    file: Path  # the recovery file itself

    def describe(self) -> str:
        where = f"from {self.path.name}" if self.path else "not saved yet"
        return (f"“{self.worksheet.title}” ({len(self.worksheet.claims)} claims, {where}), "
                f"autosaved {self.saved.replace('T', ' ')}")


def _alive(pid: int) -> bool:
    """Whether another Claimsheet that wrote a recovery file is still running (POSIX)."""
    if pid == os.getpid() or os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


class RecoveryStore:
    """One recovery file per worksheet, so two open windows never overwrite each other."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, worksheet_id: str) -> Path:
        safe = "".join(ch for ch in worksheet_id if ch.isalnum() or ch in "-_")[:80]
        return self.folder / f"recovery-{safe or 'worksheet'}.json"

    def save(self, worksheet: Worksheet, original: Path | None) -> None:
        payload = {"format": FORMAT, "path": str(original) if original else None,
                   "saved": now_iso(), "pid": os.getpid(),
                   "worksheet": worksheet_to_dict(worksheet)}
        data = utf8.encode(json.dumps(payload, ensure_ascii=False, indent=1))
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path_for(worksheet.id), data, keep_backup=False)

    def _read(self, file: Path) -> Recovered | None:
        try:
            payload = json.loads(read_file(file, limit=MAX_FILE_BYTES).decode("utf-8"))
            if payload.get("format") != FORMAT:
                raise ValueError("not a recovery file")
            if _alive(int(payload.get("pid") or 0)):
                return None  # work of a Claimsheet that is still open
            worksheet = worksheet_from_dict(payload["worksheet"])
            original = Path(payload["path"]) if payload.get("path") else None
            return Recovered(worksheet, original, str(payload.get("saved", "")), file)
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
        except OSError:
            log.exception("cannot remove the recovery file %s", file)
