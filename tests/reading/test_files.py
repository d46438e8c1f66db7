"""The bounded reader: regular files only, never blocking, never more than the limit."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

from app.reading import FileRefused, FileTooLarge, read_file
from app.reading.files import describe_size

pytestmark = pytest.mark.skipif(os.name != "posix", reason="devices, pipes and sockets")


def _refused(path: Path, limit: int = 1024) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        read_file(path, limit=limit)
    return caught.value


def test_reads_a_regular_file_and_a_link_to_one(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"hello")
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    assert read_file(path, limit=5) == b"hello"
    assert read_file(link, limit=5) == b"hello"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_without_reading(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "story.claimsheet"
    link.symlink_to(device)
    refusal = _refused(link)
    assert refusal.kind == "device" and refusal.reason == "it is a device, not a file"


def test_a_named_pipe_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[object] = []
    reader = threading.Thread(target=lambda: outcome.append(_refused(fifo)), daemon=True)
    reader.start()
    reader.join(30)  # before the fix, open() blocked here forever
    assert not reader.is_alive(), "reading a named pipe blocked"
    refusal = outcome[0]
    assert isinstance(refusal, FileRefused) and refusal.reason == "it is a named pipe, not a file"


def test_folder_socket_missing_dangling_and_looping(tmp_path: Path) -> None:
    assert _refused(tmp_path).reason == "it is a folder, not a file"
    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock_path))
        assert _refused(sock_path).reason == "it is a socket, not a file"
    finally:
        server.close()
    assert _refused(tmp_path / "nowhere").reason == "the file does not exist"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    assert _refused(dangling).reason == "it is a link to a file that does not exist"
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert _refused(loop).kind == "loop"


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    sparse = tmp_path / "big.claimsheet"
    with sparse.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    refusal = _refused(sparse, limit=64 * 1024 * 1024)
    assert isinstance(refusal, FileTooLarge) and refusal.size == 100 * 1024 * 1024
    assert refusal.reason == "it is 100 MB, larger than the 64 MB limit"


def test_size_is_checked_while_reading_when_stat_says_nothing() -> None:
    """/proc files say 0 bytes, as devices do; the cap still stops the read."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc")
    assert status.stat().st_size == 0
    refusal = _refused(status, limit=16)
    assert isinstance(refusal, FileTooLarge) and refusal.size is None
    assert refusal.reason == "it is larger than 16 bytes"


def test_sizes_read_like_people_write_them() -> None:
    assert describe_size(64 * 1024 * 1024) == "64 MB"
    assert describe_size(int(20.5 * 1024 * 1024)) == "20.5 MB"
    assert describe_size(300) == "300 bytes"
