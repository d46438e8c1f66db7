"""ZIP members inflate with a running cap: declared sizes are counted, never believed."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest

from app.reading.zips import ZipRefused, check_archive, inflate, open_archive
from tests.importers.documents import lying_zip

MB = 1024 * 1024


def test_a_member_that_lies_about_its_size_stops_at_the_limit() -> None:
    data = lying_zip({"[Content_Types].xml": b"<Types/>"}, {"word/document.xml": 200 * MB},
                     {"word/document.xml": 100})
    assert len(data) < 1 * MB
    archive = open_archive(data, max_members=10)
    info = archive.getinfo("word/document.xml")
    assert info.file_size == 100  # what it claims
    tracemalloc.start()
    try:
        with pytest.raises(ZipRefused) as caught:
            inflate(archive, info, limit=8 * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.kind == "too-large"
    assert caught.value.reason == "part word/document.xml expands to more than 8 MB"
    assert peak < 32 * MB  # zipfile's own read() would have inflated up to 1 GB in one step


def test_a_member_smaller_than_declared_is_refused_as_a_mismatch() -> None:
    data = lying_zip({}, {"a.xml": 3 * MB}, {"a.xml": 5 * MB})
    with pytest.raises(ZipRefused) as caught:
        check_archive(open_archive(data, max_members=10), total_limit=64 * MB,
                      member_limit=64 * MB)
    assert caught.value.kind == "mismatch"


def test_total_limit_and_member_count() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(5):
            archive.writestr(f"part{index}.xml", bytes(MB))
    data = buffer.getvalue()
    with pytest.raises(ZipRefused) as caught:
        check_archive(open_archive(data, max_members=10), total_limit=3 * MB,
                      member_limit=2 * MB)
    assert caught.value.reason == "it expands to more than 3 MB"
    with pytest.raises(ZipRefused) as caught:
        open_archive(data, max_members=4)
    assert caught.value.kind == "members"
    assert check_archive(open_archive(data, max_members=10), total_limit=5 * MB,
                         member_limit=MB) == 5 * MB


def test_bzip2_members_and_damage_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.xml", b"x" * 1000)
    with pytest.raises(ZipRefused) as caught:
        check_archive(open_archive(buffer.getvalue(), max_members=10), total_limit=MB,
                      member_limit=MB)
    assert caught.value.kind == "method"
    with pytest.raises(ZipRefused) as caught:
        open_archive(b"PK\x03\x04 not a zip", max_members=10)
    assert caught.value.kind == "damaged"
