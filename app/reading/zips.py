"""ZIP archives from outside, inflated with a running cap.

A ZIP member declares its uncompressed size, but nothing makes the declaration
true: a 2 MB ``document.xml`` can claim 100 bytes and inflate to 2 GB, and
:mod:`zipfile`'s ``read()`` inflates up to a gigabyte in one step before it
notices. So the sizes used here are counted, never believed: :func:`inflate`
reads a member in small steps, counting what comes out, and stops as soon as
the count passes the limit; :func:`check_archive` does that for every member
(discarding the bytes) so that a library may afterwards read the archive
itself, knowing every declared size is the real one.

Only the two methods real documents use are read, stored and deflate: one
bzip2 or LZMA step can inflate a few kilobytes into gigabytes.
"""

from __future__ import annotations

import copy
import io
import zipfile
import zlib
from collections.abc import Iterator

from app.reading.files import describe_size

_STEP = 64 * 1024
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class ZipRefused(Exception):
    """An archive that is damaged or would inflate beyond a limit; ``reason`` says which.

    ``kind`` is ``damaged``, ``members``, ``method``, ``too-large`` or ``mismatch``.
    """

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason
        super().__init__(reason)


def open_archive(data: bytes, *, max_members: int) -> zipfile.ZipFile:
    """The archive in ``data``; raises :class:`ZipRefused` if damaged or with too many parts."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise ZipRefused("damaged", "the archive is damaged") from error
    if len(archive.infolist()) > max_members:
        count = len(archive.infolist())
        archive.close()
        raise ZipRefused("members", f"it holds {count:,} parts; at most {max_members:,} are read")
    return archive


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The member's bytes in steps of at most 64 kB, refusing past ``limit`` bytes."""
    if info.compress_type not in _METHODS:
        raise ZipRefused("method", f"part {info.filename} uses a compression method that "
                                   "documents do not use")
    unbounded = copy.copy(info)
    # zipfile stops (and checks the CRC) at the declared size; make that unreachable
    # so the real size is counted, and stop at ``limit`` here instead.
    unbounded.file_size = 1 << 62
    produced = 0
    try:
        with archive.open(unbounded) as member:
            while True:
                chunk = member.read(_STEP)
                if not chunk:
                    break
                produced += len(chunk)
                if produced > limit:
                    raise ZipRefused("too-large", f"part {info.filename} expands to more than "
                                                  f"{describe_size(limit)}")
                yield chunk
    except ZipRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError,
            RuntimeError) as error:  # RuntimeError: an encrypted member
        raise ZipRefused("damaged", f"part {info.filename} is damaged") from error
    if produced != info.file_size:
        raise ZipRefused("mismatch", f"part {info.filename} is {describe_size(produced)}, "
                                     f"not the {describe_size(info.file_size)} it declares")


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int) -> bytes:
    """One member's bytes, never inflating more than ``limit + 64 kB`` whatever it declares."""
    return b"".join(_chunks(archive, info, limit))


def check_archive(archive: zipfile.ZipFile, *, total_limit: int, member_limit: int) -> int:
    """Inflate every member (keeping nothing) and return the real total size.

    Raises :class:`ZipRefused` when a member passes ``member_limit``, all of
    them together pass ``total_limit``, or a member is not the size it declares.
    """
    total = 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        remaining = total_limit - total
        try:
            for chunk in _chunks(archive, info, min(member_limit, remaining)):
                total += len(chunk)
        except ZipRefused as refused:
            if refused.kind == "too-large" and remaining < member_limit:
                raise ZipRefused("too-large", "it expands to more than "
                                              f"{describe_size(total_limit)}") from None
            raise
    return total
