"""Copies of evidence for the system's viewer: private, read-only, never something that runs.

PDFs, saved pages, web archives and Word files are shown by the programs the
system has for them. They are never opened from inside the container, and
never by their captured name: :func:`viewing_copy` writes a checked copy
(SHA-256 verified while copying) into a private folder (mode 0700, removed when
Claimsheet quits), named ``<name>.<extension of its verified type>`` with mode
0400 (no execute bit), so the system picks a viewer by the type Claimsheet
recognised, not by a name that came from outside.

A saved HTML page would fetch its images, scripts and trackers from the
network as soon as a browser opens it. Its viewing copy therefore starts with
a Content-Security-Policy that allows only what is inside the page itself
(``default-src 'none'``: no scripts, no network requests), and a
``<meta http-equiv="refresh">`` that would navigate away is disabled. The
evidence itself (and its hash) is unchanged: only the viewing copy is
neutralised. MHTML pages hold their resources inside the file, and browsers
open them without running scripts.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from app.document.evidence import KINDS
from app.document.locker import EvidenceLocker
from app.document.model import Evidence, MediaType

POLICY = (b'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
          b"img-src data: blob:; style-src 'unsafe-inline' data:; font-src data:; "
          b'media-src data: blob:; form-action \'none\'; base-uri \'none\'">')
_HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
_HTML = re.compile(rb"<html(?:\s[^>]*)?>", re.IGNORECASE)
_DOCTYPE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<!doctype[^>]*>", re.IGNORECASE | re.DOTALL)
_REFRESH = re.compile(rb"http-equiv\s*=\s*([\"']?)refresh\1", re.IGNORECASE)

_folder: Path | None = None


def private_folder() -> Path:
    """This process's folder for viewing copies (0700), removed at exit."""
    global _folder
    if _folder is None or not _folder.is_dir():
        _folder = Path(tempfile.mkdtemp(prefix="claimsheet-view-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def neutralised_html(data: bytes) -> bytes:
    """A saved page that can fetch nothing and run nothing: a CSP first, refreshes off."""
    data = _REFRESH.sub(b'http-equiv="x-refresh-disabled-by-claimsheet"', data)
    for pattern in (_HEAD, _HTML, _DOCTYPE):
        found = pattern.search(data[:65536])
        if found:
            return data[:found.end()] + POLICY + data[found.end():]
    return POLICY + data


def _safe_stem(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^\w\- ]+", "_", stem, flags=re.UNICODE).strip(" ._") or "evidence"
    return stem[:60]


def viewing_copy(locker: EvidenceLocker, item: Evidence) -> Path:
    """A checked, read-only copy for the system's viewer (made once per file and process).

    Raises :class:`app.document.locker.EvidenceProblem` when the bytes do not
    match their hash (nothing is left behind then).
    """
    kind = KINDS[item.media_type]
    extension = kind.extensions[0]
    folder = private_folder() / item.sha256[:16]
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{_safe_stem(item.name)}.{extension}"
    if target.is_file():
        return target
    partial = folder / f".partial-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    if item.media_type == MediaType.HTML:
        data = neutralised_html(locker.read(item.sha256, item.size, what=item.name))
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    else:
        locker.copy_to(item.sha256, item.size, partial, what=item.name)
    os.chmod(partial, 0o400)
    os.replace(partial, target)
    return target
