"""The `.claimsheet` container (format version 2): a ZIP file, read strictly, written raw.

Layout, in this order (the way ODF, EPUB and WACZ are built)::

    mimetype                     stored, first, no extra field: "application/x-claimsheet"
    worksheet.json               the pretty-printed JSON (stored: it diffs after unzipping)
    evidence/<sha256>.<ext>      one per evidence file, named by its content's hash

Because ``mimetype`` is the first member, stored and without an extra field,
its name and content sit at fixed offsets (bytes 30-37 ``mimetype``, then
``application/x-claimsheet``): file-type detection can recognise a worksheet
by these bytes alone ("magic"), as it does for ODF and EPUB.

**Reading** trusts nothing the archive declares. The end record and the
central directory are parsed here (not by :mod:`zipfile`, which tolerates
data before the archive and ZIP64 records we never write); every member's
local header is read and compared with its directory entry; members must not
overlap (the overlapping-members zip bomb) and must lie before the directory;
only the three kinds of name above are allowed (so ``../``, absolute paths,
backslashes and unknown parts are refused), no member may be a symbolic link
(by its external attributes), encrypted, or compressed by anything but
deflate; and a name may occur once. Members are inflated with a running cap
and their CRC checked (:func:`chunks`). Every refusal is a
:class:`ContainerRefused` whose ``reason`` is a plain phrase.

**Writing** never recompresses: a member that is already in a container is
copied as its raw bytes (``os.copy_file_range``: the kernel copies, nothing
passes through Python) under a new local header with the same CRC and sizes;
a new file is stored or deflated once, the first time it is written.
"""

from __future__ import annotations

import os
import re
import struct
import weakref
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from app.reading.files import describe_size

MIMETYPE = b"application/x-claimsheet"
MIMETYPE_NAME = "mimetype"
JSON_NAME = "worksheet.json"
EVIDENCE_PREFIX = "evidence/"
STORED = 0
DEFLATED = 8

#: A member name allowed in the container.
EVIDENCE_NAME = re.compile(r"evidence/([0-9a-f]{64})\.(pdf|png|jpg|webp|html|mhtml|warc|"
                           r"warc\.gz|wacz|txt|docx)")

_LOCAL = struct.Struct("<IHHHHHIIIHH")  # 30 bytes
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # 46 bytes
_END = struct.Struct("<IHHHHIIH")  # 22 bytes
_LOCAL_SIG = 0x04034B50
_CENTRAL_SIG = 0x02014B50
_END_SIG = 0x06054B50
_ZIP64_LOCATOR_SIG = 0x07064B50
_MAX_COMMENT = 0xFFFF
_STEP = 1024 * 1024
_UNIX = 3
_S_IFMT = 0o170000
_S_IFLNK = 0o120000
_S_IFDIR = 0o040000


class ContainerRefused(Exception):
    """A container that is damaged or hostile; ``reason`` says how, in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a container, as checked: where its data is, how it is stored."""

    name: str
    method: int
    crc: int
    compressed_size: int
    size: int
    header_offset: int
    data_offset: int
    dos_time: int
    dos_date: int


class Handle:
    """An open container file. Kept open while the worksheet uses its evidence, so a file
    replaced on disk meanwhile (another save) never changes what is read."""

    def __init__(self, fd: int, path: str) -> None:
        self.fd = fd
        self.path = path
        self._finalizer = weakref.finalize(self, os.close, fd)

    def pread(self, size: int, offset: int) -> bytes:
        parts = []
        while size > 0:
            chunk = os.pread(self.fd, min(size, _STEP), offset)
            if not chunk:
                raise ContainerRefused("the file is cut off (truncated)")
            parts.append(chunk)
            size -= len(chunk)
            offset += len(chunk)
        return b"".join(parts)

    def close(self) -> None:
        self._finalizer()


def _shown(name: str) -> str:
    """A member name for a message: short (an evidence hash cut to 12 digits), with
    control characters escaped."""
    evidence = EVIDENCE_NAME.fullmatch(name)
    if evidence:
        return f"evidence/{evidence.group(1)[:12]}….{evidence.group(2)}"
    text = name.encode("unicode_escape").decode("ascii")
    return text if len(text) <= 80 else text[:77] + "..."


def _name_problem(name: str) -> str | None:
    """Why a member name is not allowed, or None."""
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        return f"a part whose name holds control characters ({_shown(name)})"
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return f"a part with an absolute path ({_shown(name)}), which would point outside it"
    if ".." in parts:
        return f"a part whose path leads out of it ({_shown(name)})"
    if "\\" in name:
        return f"a part whose name holds a backslash ({_shown(name)})"
    if name in (MIMETYPE_NAME, JSON_NAME) or EVIDENCE_NAME.fullmatch(name):
        return None
    if name.endswith("/"):
        return f"a folder entry ({_shown(name)}), which a worksheet never has"
    return f"a part Claimsheet does not know ({_shown(name)})"


def _check_marker(handle: Handle, size: int) -> None:
    """The first member is ``mimetype``, stored, saying ``application/x-claimsheet``.

    Checked before anything else, so that any other ZIP file (an Office
    document, an EPUB, a damaged archive) is named for what it is.
    """
    head = handle.pread(min(size, 30 + len(MIMETYPE_NAME) + 80), 0)
    foreign = "this is a ZIP archive or Office document, not a Claimsheet worksheet"
    if len(head) < 30 + len(MIMETYPE_NAME):
        raise ContainerRefused(foreign)
    (sig, _needed, flags, method, _t, _d, _crc, csize, usize, n_len,
     x_len) = _LOCAL.unpack_from(head)
    if sig != _LOCAL_SIG or head[30:30 + n_len] != MIMETYPE_NAME.encode():
        raise ContainerRefused(foreign)
    content = head[30 + n_len + x_len: 30 + n_len + x_len + min(usize, 80)]
    if method != STORED or x_len or flags & 0x9 or csize != usize:
        raise ContainerRefused("the container's mimetype part is not stored plainly at its "
                               "start, as a Claimsheet worksheet's is")
    if content != MIMETYPE or usize != len(MIMETYPE):
        raise ContainerRefused("this is a ZIP archive of another kind ("
                               + _shown(content.decode("ascii", "replace")) + "), not a "
                               "Claimsheet worksheet")


def _end_record(handle: Handle, size: int) -> tuple[int, int, int]:
    """(entries, directory size, directory offset) from the end-of-central-directory record."""
    tail_size = min(size, _END.size + _MAX_COMMENT)
    tail = handle.pread(tail_size, size - tail_size)
    at = tail.rfind(struct.pack("<I", _END_SIG))
    while at >= 0:
        (_sig, disk, cd_disk, here, entries, cd_size, cd_offset,
         comment) = _END.unpack_from(tail, at)
        if at + _END.size + comment == len(tail):
            break
        at = tail.rfind(struct.pack("<I", _END_SIG), 0, at)
    if at < 0:
        raise ContainerRefused("the worksheet container is damaged or cut off (its table of "
                               "contents is missing)")
    if at >= 20 and struct.unpack_from("<I", tail, at - 20)[0] == _ZIP64_LOCATOR_SIG:
        raise ContainerRefused("the worksheet container uses ZIP64 records, which Claimsheet "
                               "never writes")
    if disk or cd_disk or here != entries:
        raise ContainerRefused("the worksheet container is split over several disks")
    end_offset = size - tail_size + at
    if cd_offset + cd_size != end_offset:
        raise ContainerRefused("the worksheet container is damaged: its table of contents is "
                               "not where it says (data was added before or inside it)")
    return entries, cd_size, cd_offset


def read_members(handle: Handle, size: int, *, max_members: int) -> dict[str, Member]:
    """Check a container's structure and return its members by name (file order).

    Raises :class:`ContainerRefused` for anything but a well-formed container
    holding only the parts a worksheet has.
    """
    _check_marker(handle, size)
    entries, cd_size, cd_offset = _end_record(handle, size)
    if entries > max_members:
        raise ContainerRefused(f"the worksheet container holds {entries:,} parts; Claimsheet "
                               f"opens worksheets with at most {max_members - 2:,} evidence "
                               "files")
    directory = handle.pread(cd_size, cd_offset)
    members: list[Member] = []
    seen: set[str] = set()
    at = 0
    for _ in range(entries):
        if at + _CENTRAL.size > len(directory):
            raise ContainerRefused("the worksheet container's table of contents is cut off")
        (sig, made_by, _needed, flags, method, dos_time, dos_date, crc, csize, usize, n_len,
         x_len, c_len, disk, _internal, external, offset) = _CENTRAL.unpack_from(directory, at)
        if sig != _CENTRAL_SIG:
            raise ContainerRefused("the worksheet container's table of contents is damaged")
        raw_name = directory[at + _CENTRAL.size: at + _CENTRAL.size + n_len]
        at += _CENTRAL.size + n_len + x_len + c_len
        try:
            name = raw_name.decode("ascii")
        except UnicodeDecodeError:
            raise ContainerRefused("the worksheet container holds a part whose name is not "
                                   "plain ASCII (" + _shown(raw_name.decode("utf-8", "replace"))
                                   + ")") from None
        problem = _name_problem(name)
        if problem is not None:
            raise ContainerRefused(f"the worksheet container holds {problem}")
        if name in seen:
            raise ContainerRefused(f"the worksheet container holds {_shown(name)} twice")
        seen.add(name)
        if (made_by >> 8) == _UNIX and (external >> 16) & _S_IFMT == _S_IFLNK:
            raise ContainerRefused(f"the worksheet container holds a symbolic link "
                                   f"({_shown(name)}), which Claimsheet never follows")
        if (made_by >> 8) == _UNIX and (external >> 16) & _S_IFMT == _S_IFDIR:
            raise ContainerRefused(f"the worksheet container holds a folder entry "
                                   f"({_shown(name)}), which a worksheet never has")
        if flags & 0x1:
            raise ContainerRefused(f"the part {_shown(name)} of the worksheet container is "
                                   "encrypted")
        if method not in (STORED, DEFLATED):
            raise ContainerRefused(f"the part {_shown(name)} uses a compression method "
                                   "Claimsheet does not read (only stored and deflate)")
        if 0xFFFFFFFF in (csize, usize, offset) or disk:
            raise ContainerRefused("the worksheet container uses ZIP64 records, which "
                                   "Claimsheet never writes")
        if method == STORED and csize != usize:
            raise ContainerRefused(f"the part {_shown(name)} is damaged (a stored part whose "
                                   "two sizes differ)")
        members.append(_local(handle, name, flags, method, crc, csize, usize, offset, dos_time,
                              dos_date, cd_offset))
    if at != len(directory):
        raise ContainerRefused("the worksheet container's table of contents is damaged")
    ordered = sorted(members, key=lambda m: m.header_offset)
    for first, second in zip(ordered, ordered[1:], strict=False):
        if first.data_offset + first.compressed_size > second.header_offset:
            raise ContainerRefused(f"the parts {_shown(first.name)} and {_shown(second.name)} "
                                   "overlap (a trick of zip bombs)")
    if not ordered or ordered[0].name != MIMETYPE_NAME or ordered[0].header_offset != 0:
        raise ContainerRefused("this is a ZIP archive or Office document, not a Claimsheet "
                               "worksheet")
    if ordered[0].size != len(MIMETYPE) or ordered[0].method != STORED:
        raise ContainerRefused("the worksheet container's mimetype part is damaged")
    if JSON_NAME not in seen:
        raise ContainerRefused("the worksheet container has no worksheet.json")
    return {m.name: m for m in ordered}


def _local(handle: Handle, name: str, flags: int, method: int, crc: int, csize: int,
           usize: int, offset: int, dos_time: int, dos_date: int, limit: int) -> Member:
    """Read and check a member's local header against its directory entry."""
    if offset + _LOCAL.size > limit:
        raise ContainerRefused(f"the part {_shown(name)} points outside the container")
    header = handle.pread(_LOCAL.size, offset)
    (sig, _needed, l_flags, l_method, _t, _d, l_crc, l_csize, l_usize, n_len,
     x_len) = _LOCAL.unpack(header)
    if sig != _LOCAL_SIG:
        raise ContainerRefused(f"the part {_shown(name)} is damaged (no header where the "
                               "table of contents says)")
    if handle.pread(n_len, offset + _LOCAL.size) != name.encode("ascii"):
        raise ContainerRefused(f"the part {_shown(name)} has another name in its own header "
                               "than in the table of contents")
    if l_method != method or (l_flags & 0x1) != (flags & 0x1):
        raise ContainerRefused(f"the part {_shown(name)} is damaged (its header and the table "
                               "of contents disagree)")
    if not l_flags & 0x8 and (l_crc, l_csize, l_usize) != (crc, csize, usize):
        raise ContainerRefused(f"the part {_shown(name)} is damaged (its header and the table "
                               "of contents disagree)")
    data_offset = offset + _LOCAL.size + n_len + x_len
    if data_offset + csize > limit:
        raise ContainerRefused(f"the part {_shown(name)} runs past the end of the container's "
                               "data")
    return Member(name, method, crc, csize, usize, offset, data_offset, dos_time, dos_date)


def chunks(handle: Handle, member: Member, *, limit: int) -> Iterator[bytes]:
    """The member's bytes, inflated in steps, never more than ``limit``; CRC checked.

    The declared size is not believed: inflating stops as soon as the output
    passes ``limit`` (a zip bomb costs ``limit`` bytes of work, not gigabytes),
    and an output of another length than declared is refused.
    """
    name = _shown(member.name)
    if member.size > limit:
        raise ContainerRefused(f"the part {name} is {describe_size(member.size)}, more than "
                               f"the {describe_size(limit)} it may be")
    crc = 0
    produced = 0
    left = member.compressed_size
    offset = member.data_offset
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if member.method == DEFLATED else None
    while True:
        if inflater is None:
            if left <= 0:
                break
            out = handle.pread(min(left, _STEP), offset)
            offset += len(out)
            left -= len(out)
        else:
            if inflater.eof:
                break
            pending = inflater.unconsumed_tail
            if not pending and left > 0:
                pending = handle.pread(min(left, _STEP), offset)
                offset += len(pending)
                left -= len(pending)
            try:
                out = inflater.decompress(pending, _STEP)
            except zlib.error:
                raise ContainerRefused(f"the part {name} is damaged (it does not inflate)") \
                    from None
            if inflater.eof and (left or inflater.unused_data):
                raise ContainerRefused(f"the part {name} is damaged (data after its end)")
            if not out and not pending and not inflater.eof:
                break  # no input left and nothing comes out: cut off
        produced += len(out)
        if produced > limit or produced > member.size:
            raise ContainerRefused(f"the part {name} expands to more than the "
                                   f"{describe_size(member.size)} it declares (a possible zip "
                                   "bomb)")
        crc = zlib.crc32(out, crc)
        if out:
            yield out
    if inflater is not None and not inflater.eof:
        raise ContainerRefused(f"the part {name} is damaged (cut off)")
    if produced != member.size:
        raise ContainerRefused(f"the part {name} is {describe_size(produced)}, not the "
                               f"{describe_size(member.size)} it declares")
    if crc != member.crc:
        raise ContainerRefused(f"the part {name} is damaged (its checksum does not match)")


def read_member(handle: Handle, member: Member, *, limit: int) -> bytes:
    return b"".join(chunks(handle, member, limit=limit))


# ---------------------------------------------------------------- writing


def dos_stamp(moment: datetime | None = None) -> tuple[int, int]:
    """(time, date) in the ZIP (MS-DOS) format; 1980 for anything earlier."""
    moment = moment or datetime.now()
    if moment.year < 1980:
        return 0, (0 << 9) | (1 << 5) | 1
    return ((moment.hour << 11) | (moment.minute << 5) | (moment.second // 2),
            ((moment.year - 1980) << 9) | (moment.month << 5) | moment.day)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def copy_range(src: int, dst: int, count: int, offset: int) -> None:
    """Copy ``count`` bytes of ``src`` from ``offset`` to ``dst``'s position, in the kernel
    when it can (``copy_file_range``), else through a buffer."""
    fast = hasattr(os, "copy_file_range")
    while count > 0:
        if fast:
            try:
                done = os.copy_file_range(src, dst, min(count, 1 << 30), offset)
            except OSError:
                fast = False
                continue
            if done == 0:
                raise ContainerRefused("the evidence's source file is shorter than expected")
        else:
            chunk = os.pread(src, min(count, _STEP), offset)
            if not chunk:
                raise ContainerRefused("the evidence's source file is shorter than expected")
            _write_all(dst, chunk)
            done = len(chunk)
        count -= done
        offset += done


class Writer:
    """Writes a container to an open, empty, seekable file descriptor, member by member."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.position = 0
        self.members: list[Member] = []

    def _header(self, name: str, method: int, crc: int, csize: int, usize: int,
                stamp: tuple[int, int]) -> tuple[int, int]:
        raw = name.encode("ascii")
        header = _LOCAL.pack(_LOCAL_SIG, 20, 0, method, stamp[0], stamp[1], crc, csize, usize,
                             len(raw), 0) + raw
        offset = self.position
        _write_all(self.fd, header)
        self.position += len(header)
        return offset, self.position

    def _check_room(self, size: int) -> None:
        if self.position + size + 30 + 200 >= 0xFFFFFFFF:
            raise ContainerRefused("the worksheet would be larger than 4 GB, which a "
                                   "container cannot hold")

    def add_bytes(self, name: str, data: bytes, method: int = STORED,
                  stamp: tuple[int, int] | None = None) -> Member:
        stamp = stamp or dos_stamp()
        crc = zlib.crc32(data)
        body = data
        if method == DEFLATED:
            packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
            body = packer.compress(data) + packer.flush()
        self._check_room(len(body))
        offset, data_offset = self._header(name, method, crc, len(body), len(data), stamp)
        _write_all(self.fd, body)
        self.position += len(body)
        return self._done(Member(name, method, crc, len(body), len(data), offset, data_offset,
                                 *stamp))

    def add_raw(self, source: Handle, member: Member, name: str | None = None) -> Member:
        """Copy a member of another container as it is: same method, CRC, sizes."""
        name = name or member.name
        self._check_room(member.compressed_size)
        stamp = (member.dos_time, member.dos_date)
        offset, data_offset = self._header(name, member.method, member.crc,
                                           member.compressed_size, member.size, stamp)
        copy_range(source.fd, self.fd, member.compressed_size, member.data_offset)
        self.position += member.compressed_size
        os.lseek(self.fd, self.position, os.SEEK_SET)
        return self._done(Member(name, member.method, member.crc, member.compressed_size,
                                 member.size, offset, data_offset, *stamp))

    def add_file(self, name: str, fd: int, size: int, crc: int, method: int,
                 stamp: tuple[int, int]) -> Member:
        """A file not yet in a container (``fd`` at its start): stored, or deflated once."""
        if method == STORED:
            self._check_room(size)
            offset, data_offset = self._header(name, STORED, crc, size, size, stamp)
            copy_range(fd, self.fd, size, 0)
            self.position += size
            os.lseek(self.fd, self.position, os.SEEK_SET)
            return self._done(Member(name, STORED, crc, size, size, offset, data_offset,
                                     *stamp))
        offset, data_offset = self._header(name, DEFLATED, crc, 0, size, stamp)
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        written = 0
        read = 0
        while read < size:
            chunk = os.pread(fd, min(_STEP, size - read), read)
            if not chunk:
                raise ContainerRefused("an evidence file became shorter while it was saved")
            read += len(chunk)
            packed = packer.compress(chunk)
            _write_all(self.fd, packed)
            written += len(packed)
            self._check_room(written)
        packed = packer.flush()
        _write_all(self.fd, packed)
        written += len(packed)
        self.position += written
        # The compressed size is known only now: put it into the header.
        os.pwrite(self.fd, struct.pack("<I", written), offset + 18)
        return self._done(Member(name, DEFLATED, crc, written, size, offset, data_offset,
                                 *stamp))

    def _done(self, member: Member) -> Member:
        self.members.append(member)
        return member

    def finish(self) -> list[Member]:
        """Write the central directory and the end record; returns the members."""
        directory = bytearray()
        for m in self.members:
            raw = m.name.encode("ascii")
            directory += _CENTRAL.pack(_CENTRAL_SIG, (_UNIX << 8) | 20, 20, 0, m.method,
                                       m.dos_time, m.dos_date, m.crc, m.compressed_size,
                                       m.size, len(raw), 0, 0, 0, 0, (0o100644 << 16),
                                       m.header_offset) + raw
        end = _END.pack(_END_SIG, 0, 0, len(self.members), len(self.members), len(directory),
                        self.position, 0)
        _write_all(self.fd, bytes(directory) + end)
        self.position += len(directory) + len(end)
        return list(self.members)
