"""Atomic writes: no leftovers, links written through, devices never replaced."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from app.document.atomic import (
    NotARegularFile,
    atomic_write,
    backup_path,
    owner_tag,
    remove_stale_temporaries,
)


def test_no_backup_link_is_left_when_the_backup_already_is_the_file(tmp_path: Path) -> None:
    """Two saves at once can leave NAME.bak a hard link of NAME; rename() then does nothing."""
    path = tmp_path / "w.claimsheet"
    path.write_bytes(b"one")
    os.link(path, backup_path(path))
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two"
    assert backup_path(path).read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.claimsheet", "w.claimsheet.bak"]


def _leftover(folder: Path, name: str, tag: str, age: float = 0) -> Path:
    path = folder / f".{name}.{tag}.abc123.tmp"
    path.write_bytes(b"half a save")
    if age:
        past = time.time() - age
        os.utime(path, (past, past))
    return path


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_temporaries_of_dead_writers_go_at_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "w.claimsheet"
    pid = os.fork()
    if pid == 0:  # a writer that dies in the middle of its save
        try:
            (tmp_path / f".w.claimsheet.{owner_tag()}.dead01.tmp").write_bytes(b"half")
            (tmp_path / f".w.claimsheet.bak.{owner_tag()}.dead02.tmp").write_bytes(b"link")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    mine = _leftover(tmp_path, "w.claimsheet", owner_tag())  # this process: a save under way
    other = _leftover(tmp_path, "other.claimsheet", "abcdef-1-1")  # another file's temporary
    atomic_write(path, b"data")
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"w.claimsheet", mine.name, other.name}


def test_a_live_writer_keeps_its_temporary(tmp_path: Path) -> None:
    parent = os.getppid()  # alive: the process that started this test run
    host = owner_tag().split("-")[0]
    start = Path(f"/proc/{parent}/stat")
    ticks = start.read_bytes().rsplit(b")", 1)[1].split()[19].decode() if start.exists() else "0"
    alive = _leftover(tmp_path, "w.claimsheet", f"{host}-{parent}-{ticks}")
    reused = _leftover(tmp_path, "w.claimsheet", f"{host}-{parent}-{int(ticks) + 1}")
    removed = remove_stale_temporaries(tmp_path / "w.claimsheet")
    assert alive.exists()
    if sys.platform == "linux":  # same pid, other start time: the pid was reused
        assert removed == [reused] and not reused.exists()


def test_temporaries_that_cannot_be_checked_go_when_old(tmp_path: Path) -> None:
    old = tmp_path / ".w.claimsheet.oldstyle.tmp"  # the naming before writers were recorded
    old.write_bytes(b"x")
    past = time.time() - 3600
    os.utime(old, (past, past))
    fresh = tmp_path / ".w.claimsheet.fresh1.tmp"
    fresh.write_bytes(b"x")
    far = _leftover(tmp_path, "w.claimsheet", "000000-1-1")  # another host: cannot be checked
    remove_stale_temporaries(tmp_path / "w.claimsheet")
    assert not old.exists() and fresh.exists() and far.exists()


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and modes")
def test_a_link_is_written_through_and_the_mode_kept(tmp_path: Path) -> None:
    target = tmp_path / "real" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "report.pdf"
    link.symlink_to(target)
    atomic_write(link, b"new", keep_backup=False)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    dangling = tmp_path / "new.pdf"
    dangling.symlink_to(tmp_path / "real" / "created.pdf")
    atomic_write(dangling, b"made", keep_backup=False)
    assert dangling.is_symlink() and (tmp_path / "real" / "created.pdf").read_bytes() == b"made"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_a_device_or_folder_is_never_replaced(tmp_path: Path) -> None:
    link = tmp_path / "out.pdf"
    link.symlink_to("/dev/null")
    with pytest.raises(NotARegularFile) as caught:
        atomic_write(link, b"data", keep_backup=False)
    assert caught.value.strerror == "it is a device, not a file"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    with pytest.raises(NotARegularFile):
        atomic_write(folder, b"data", keep_backup=False)
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
