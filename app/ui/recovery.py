"""The recovery file: autosaved work, offered back after a crash.

One JSON file in the application's data folder holds the worksheet (in the
same dict form as a .claimsheet file) plus the path it was opened from. It is
written atomically on a debounced timer and by the crash handler, and removed
after a successful save or a deliberate discard.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from app.document.atomic import atomic_write
from app.document.fileformat import worksheet_from_dict, worksheet_to_dict
from app.document.model import Worksheet, now_iso

log = logging.getLogger("claimsheet.ui.recovery")

FORMAT = "claimsheet-recovery"


@dataclass
class Recovered:
    worksheet: Worksheet
    path: Path | None
    saved: str

    def describe(self) -> str:
        where = f"from {self.path.name}" if self.path else "not saved yet"
        return (f"“{self.worksheet.title}” ({len(self.worksheet.claims)} claims, {where}), "
                f"autosaved {self.saved.replace('T', ' ')}")


class RecoveryStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "recovery.claimsheet.json"

    def save(self, worksheet: Worksheet, original: Path | None) -> None:
        payload = {"format": FORMAT, "path": str(original) if original else None,
                   "saved": now_iso(), "worksheet": worksheet_to_dict(worksheet)}
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, data, keep_backup=False)

    def load(self) -> Recovered | None:
        """The autosaved work, or None when there is none or it cannot be read."""
        if not self.path.exists():
            return None
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
            if payload.get("format") != FORMAT:
                raise ValueError("not a recovery file")
            worksheet = worksheet_from_dict(payload["worksheet"])
            original = Path(payload["path"]) if payload.get("path") else None
            return Recovered(worksheet, original, str(payload.get("saved", "")))
        except Exception:  # noqa: BLE001 - a bad recovery file must never stop the app starting
            log.exception("the recovery file %s cannot be read; ignoring it", self.path)
            return None

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.exception("cannot remove the recovery file %s", self.path)
