"""Where the bytes of a worksheet's evidence are, read only when asked for.

A worksheet's JSON says *what* its evidence is (name, type, size, hash,
capture time, sources); the bytes stay where they are until someone needs
them. The :class:`EvidenceLocker` that every :class:`~app.document.model.Worksheet`
carries knows, for each SHA-256, one of two places:

- a member of a container: the file the worksheet was opened from (or last
  saved to), kept open by descriptor, so another process replacing the file
  on disk never changes what is read; or
- a staged copy: a file attached since, copied into a private folder (its
  hash computed while copying), so the original may move or change
  afterwards without changing the evidence.

Opening a worksheet therefore reads no evidence at all, however large; saving
copies container members raw (:meth:`app.document.container.Writer.add_raw`);
reading for a view, an export or ``validate`` checks the SHA-256 first
(:meth:`EvidenceLocker.read`, :meth:`EvidenceLocker.verify`).

Blobs are immutable and named by their content, so copies of a worksheet
(undo commands, an extraction's snapshot) share their locker.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import weakref
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.document.container import (
    ContainerRefused,
    Handle,
    Member,
    chunks,
)
from app.reading.files import copy_capped, describe_size

_STEP = 1024 * 1024


class EvidenceProblem(Exception):
    """Evidence that is missing or does not match its hash; ``reason`` is a plain phrase."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Staged:
    """A file copied into the locker: its hash, size, CRC and first bytes (to recognise it)."""

    sha256: str
    size: int
    crc: int
    head: bytes
    path: Path


@dataclass(frozen=True, slots=True)
class Blob:
    """One evidence file's bytes: a container member, or a staged file."""

    sha256: str
    size: int
    handle: Handle | None = None
    member: Member | None = None
    staged: Staged | None = None


class EvidenceLocker:
    """The bytes of one worksheet's evidence (see the module docstring)."""

    def __init__(self) -> None:
        self._blobs: dict[str, Blob] = {}
        self._staging: Path | None = None
        self._cleanup: weakref.finalize | None = None

    # shared, never copied: blobs are immutable and content-addressed
    def __copy__(self) -> EvidenceLocker:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> EvidenceLocker:
        return self

    def __contains__(self, sha256: object) -> bool:
        return sha256 in self._blobs

    def blob(self, sha256: str) -> Blob:
        try:
            return self._blobs[sha256]
        except KeyError:
            raise EvidenceProblem(f"the evidence {sha256[:12]}… is not in the worksheet's "
                                  "locker") from None

    # ------------------------------------------------------------ where staged copies go

    def use_staging(self, folder: Path) -> None:
        """Stage attached files in ``folder`` (the window's data folder, so that autosaved
        work finds them after a crash) instead of a private temporary folder."""
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._staging = folder  # copies already staged elsewhere stay where they are

    @property
    def staging(self) -> Path:
        if self._staging is None:
            folder = Path(tempfile.mkdtemp(prefix="claimsheet-evidence-"))
            self._staging = folder
            self._cleanup = weakref.finalize(self, shutil.rmtree, folder, True)
        return self._staging

    def staged_paths(self) -> list[Path]:
        return [b.staged.path for b in self._blobs.values() if b.staged is not None]

    # ------------------------------------------------------------ putting bytes in

    def stage_file(self, path: str | os.PathLike[str], *, limit: int) -> Staged:
        """Copy a user's file in (bounded reader: regular files only, at most ``limit``)."""
        folder = self.staging
        digest = hashlib.sha256()
        crc = [0]
        head = bytearray()

        def sink(chunk: bytes) -> None:
            digest.update(chunk)
            crc[0] = zlib.crc32(chunk, crc[0])
            if len(head) < 64 * 1024:
                head.extend(chunk[: 64 * 1024 - len(head)])

        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=folder)
        try:
            try:
                size = copy_capped(path, fd, limit=limit, sink=sink)
                os.fsync(fd)
            finally:
                os.close(fd)
            sha = digest.hexdigest()
            target = folder / sha
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        staged = Staged(sha, size, crc[0], bytes(head), target)
        self._blobs.setdefault(sha, Blob(sha, size, staged=staged))
        return staged

    def stage_bytes(self, data: bytes) -> Staged:
        """Bytes from memory (a pasted image, a screenshot)."""
        folder = self.staging
        sha = hashlib.sha256(data).hexdigest()
        target = folder / sha
        if not target.exists():
            fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        staged = Staged(sha, len(data), zlib.crc32(data), data[:64 * 1024], target)
        self._blobs.setdefault(sha, Blob(sha, len(data), staged=staged))
        return staged

    def discard(self, sha256: str) -> None:
        """Forget a staged copy nobody will use (a file refused after copying)."""
        blob = self._blobs.get(sha256)
        if blob is not None and blob.staged is not None:
            del self._blobs[sha256]
            with contextlib.suppress(OSError):
                blob.staged.path.unlink()

    def adopt_container(self, handle: Handle, members: dict[str, Member]) -> None:
        """The evidence members of a container (by SHA-256) are now where to read from.

        A staged copy that is now in the container is deleted: the container
        (just saved, or just opened) holds the same bytes.
        """
        for sha, member in members.items():
            old = self._blobs.get(sha)
            self._blobs[sha] = Blob(sha, member.size, handle=handle, member=member)
            if old is not None and old.staged is not None:
                with contextlib.suppress(OSError):
                    old.staged.path.unlink()

    def recover_staged(self, sha256: str, folder: Path) -> bool:
        """After a crash: a staged copy in ``folder``, if it is there and whole."""
        path = folder / sha256
        if not path.is_file():
            return False
        digest = hashlib.sha256()
        crc = 0
        head = b""
        size = 0
        with path.open("rb") as handle:
            while chunk := handle.read(_STEP):
                digest.update(chunk)
                crc = zlib.crc32(chunk, crc)
                head = head or chunk[:64 * 1024]
                size += len(chunk)
        if digest.hexdigest() != sha256:
            return False
        self._blobs[sha256] = Blob(sha256, size, staged=Staged(sha256, size, crc, head, path))
        return True

    # ------------------------------------------------------------ reading bytes out

    def chunks(self, sha256: str, size: int, *, what: str = "") -> Iterator[bytes]:
        """The bytes, in steps, checked against ``size`` and the SHA-256 at the end.

        Raises :class:`EvidenceProblem` when they are missing, damaged, or do not
        match: the caller must not use what it received before that.
        """
        what = what or f"evidence {sha256[:12]}…"
        blob = self.blob(sha256)
        digest = hashlib.sha256()
        produced = 0
        try:
            for chunk in self._raw_chunks(blob, size):
                produced += len(chunk)
                digest.update(chunk)
                yield chunk
        except ContainerRefused as refused:
            raise EvidenceProblem(f"{what} is damaged in the container: {refused.reason}") \
                from None
        except OSError as error:
            raise EvidenceProblem(f"{what} cannot be read ({error.strerror or error})") \
                from None
        if produced != size:
            raise EvidenceProblem(f"{what} is {describe_size(produced)}, not the "
                                  f"{describe_size(size)} the worksheet lists")
        if digest.hexdigest() != sha256:
            raise EvidenceProblem(f"{what} does not match its SHA-256 hash: the file was "
                                  "changed after it was captured")

    def _raw_chunks(self, blob: Blob, size: int) -> Iterator[bytes]:
        if blob.member is not None and blob.handle is not None:
            yield from chunks(blob.handle, blob.member, limit=size)
            return
        assert blob.staged is not None
        with blob.staged.path.open("rb") as handle:
            left = size + 1  # one byte more shows a file that grew
            while left > 0 and (chunk := handle.read(min(_STEP, left))):
                left -= len(chunk)
                yield chunk

    def verify(self, sha256: str, size: int, *, what: str = "") -> None:
        """Read the whole file and check it; raises :class:`EvidenceProblem`."""
        for _ in self.chunks(sha256, size, what=what):
            pass

    def read(self, sha256: str, size: int, *, what: str = "") -> bytes:
        """The whole file, checked (for previews and thumbnails: callers bound ``size``)."""
        return b"".join(self.chunks(sha256, size, what=what))

    def copy_to(self, sha256: str, size: int, destination: Path, *, what: str = "",
                mode: int = 0o600) -> None:
        """Write a checked copy to ``destination`` (a new file); nothing is left on failure."""
        fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in self.chunks(sha256, size, what=what):
                    handle.write(chunk)
        except BaseException:
            with contextlib.suppress(OSError):
                destination.unlink()
            raise
