"""Format version 2: the container, its evidence, migration from version 1, lazy reading."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from app.document import Article, Citation, Claim, Source, Worksheet, make_anchor
from app.document import container as container_module
from app.document.atomic import backup_path
from app.document.evidence import AttachError, attach, capture_bytes, capture_file, detach
from app.document.fileformat import WorksheetError, dumps, load_worksheet, save_worksheet
from app.document.locker import EvidenceProblem
from app.document.model import Capture, MediaType
from tests.document.badcontainers import PAGE, PDF, hostile_containers, png_bytes
from tests.document.badfiles import ARTICLE

DATA = Path(__file__).resolve().parent.parent / "data" / "document"


def _worksheet() -> Worksheet:
    ws = Worksheet(Article(text=ARTICLE, title="Drones"))
    ws.sources.append(Source(title="Ministry statement", url="https://example.org/statement"))
    ws.sources.append(Source(title="Eyewitness video"))
    ws.claims.append(Claim(anchor=make_anchor(ARTICLE, 0, 31),
                           citations=[Citation(ws.sources[0].id)]))
    return ws


def _files(folder: Path) -> dict[str, Path]:
    out = {}
    for name, data in (("report.pdf", PDF), ("screenshot.png", png_bytes()),
                       ("statement.html", PAGE)):
        out[name] = folder / name
        out[name].write_bytes(data)
    return out


def _with_evidence(folder: Path) -> Worksheet:
    ws = _worksheet()
    files = _files(folder)
    captured = [capture_file(ws, files["report.pdf"]).record,
                capture_file(ws, files["statement.html"]).record]
    captured.append(capture_bytes(ws, files["screenshot.png"].read_bytes(), "screenshot.png",
                                  Capture.SCREENSHOT).record)
    attach(ws, captured, ws.sources[0].id)
    return ws


def test_evidence_round_trips_through_save_and_reopen(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    loaded = load_worksheet(path, verify_evidence=True)
    assert loaded == ws
    by_name = {e.name: e for e in loaded.evidence}
    assert by_name["report.pdf"].media_type == MediaType.PDF
    assert by_name["statement.html"].media_type == MediaType.HTML
    assert by_name["statement.html"].capture == Capture.PAGE
    assert by_name["statement.html"].url == "https://example.org/statement"  # "saved from"
    assert by_name["screenshot.png"].capture == Capture.SCREENSHOT
    for item in loaded.evidence:
        assert loaded.locker.read(item.sha256, item.size) == (tmp_path / item.name).read_bytes()
    with zipfile.ZipFile(path) as archive:  # an ordinary ZIP to any tool
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[:2] == ["mimetype", "worksheet.json"]
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        assert archive.read("worksheet.json").decode() == dumps(loaded)
        html = next(n for n in names if n.endswith(".html"))
        assert archive.getinfo(html).compress_type == zipfile.ZIP_DEFLATED  # text is deflated
        pdf = next(n for n in names if n.endswith(".pdf"))
        assert archive.getinfo(pdf).compress_type == zipfile.ZIP_STORED
    raw = path.read_bytes()
    assert raw[30:38] == b"mimetype" and raw[38:62] == b"application/x-claimsheet"  # magic


def test_identical_files_are_stored_once(tmp_path: Path) -> None:
    ws = _worksheet()
    files = _files(tmp_path)
    copy = tmp_path / "same report.pdf"
    copy.write_bytes(files["report.pdf"].read_bytes())
    attach(ws, [capture_file(ws, files["report.pdf"]).record], ws.sources[0].id)
    added = attach(ws, [capture_file(ws, copy).record], ws.sources[1].id)
    assert added == []  # linked, not added
    assert len(ws.evidence) == 1
    assert ws.evidence[0].sources == [ws.sources[0].id, ws.sources[1].id]
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    with zipfile.ZipFile(path) as archive:
        assert sum(n.startswith("evidence/") for n in archive.namelist()) == 1
    assert detach(ws, ws.evidence[0].sha256, ws.sources[0].id) is False
    assert detach(ws, ws.evidence[0].sha256, ws.sources[1].id) is True
    assert ws.evidence == []


def test_saving_copies_unchanged_evidence_raw(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    staged = list(ws.locker.staging.iterdir())
    assert staged == []  # the saved container holds them now; the staged copies are gone

    def members(p: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(p) as archive:
            return {i.filename: p.read_bytes()[i.header_offset:][:30 + len(i.filename)
                                                                  + i.compress_size]
                    for i in archive.infolist() if i.filename.startswith("evidence/")}

    before = members(path)
    loaded = load_worksheet(path)
    loaded.claims[0].rationale = "The ministry's statement says seven."
    copied = []
    real = container_module.copy_range

    def spy(src: int, dst: int, count: int, offset: int) -> None:
        copied.append(count)
        real(src, dst, count, offset)

    container_module.copy_range = spy
    try:
        save_worksheet(loaded, path)
    finally:
        container_module.copy_range = real
    assert sorted(copied) == sorted(len(m) - 30 - len(n) for n, m in before.items())
    after = members(path)
    for name, data in before.items():  # same compressed bytes, same CRC, same sizes
        assert after[name][4:] == data[4:]
    assert load_worksheet(path, verify_evidence=True).claims[0].rationale.startswith("The")
    assert load_worksheet(backup_path(path)).claims[0].rationale == ""


def test_opening_reads_no_evidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = _with_evidence(tmp_path)
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    with zipfile.ZipFile(path) as archive:
        ranges = [(i.header_offset + 30 + len(i.filename),
                   i.header_offset + 30 + len(i.filename) + i.compress_size)
                  for i in archive.infolist() if i.filename.startswith("evidence/")]
    reads: list[tuple[int, int]] = []
    real = container_module.Handle.pread

    def spy(self: container_module.Handle, size: int, offset: int) -> bytes:
        reads.append((offset, offset + size))
        return real(self, size, offset)

    monkeypatch.setattr(container_module.Handle, "pread", spy)
    loaded = load_worksheet(path)
    assert len(loaded.evidence) == 3
    end = path.stat().st_size
    # Apart from the search for the end record (the last 64 kB at most), nothing is read
    # from the evidence members.
    tail = [r for r in reads if r[1] == end]
    assert len(tail) == 1 and end - tail[0][0] <= 22 + 0xFFFF
    reads.remove(tail[0])
    assert not [r for r in reads for a, b in ranges if r[0] < b and a < r[1]]
    loaded.locker.verify(loaded.evidence[0].sha256, loaded.evidence[0].size)
    assert [r for r in reads for a, b in ranges if r[0] < b and a < r[1]]


def test_version_1_files_open_and_are_saved_as_version_2(tmp_path: Path) -> None:
    """tests/data/document/version-1.claimsheet was written by Claimsheet before issue 16."""
    path = tmp_path / "old.claimsheet"
    path.write_bytes((DATA / "version-1.claimsheet").read_bytes())
    original = json.loads(path.read_text(encoding="utf-8"))
    assert original["version"] == 1 and "evidence" not in original
    ws = load_worksheet(path)
    assert ws.evidence == []
    save_worksheet(ws, path, touch=False)
    assert path.read_bytes()[:4] == b"PK\x03\x04"
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("worksheet.json"))
    assert document["version"] == 2
    assert document["evidence"] == []
    # Everything else is the same JSON, key for key, in the same order.
    assert list(document) == [*original, "evidence"]
    for key in original:
        if key != "version":
            assert document[key] == original[key], key
    assert load_worksheet(path) == ws


@pytest.mark.parametrize("case", hostile_containers(), ids=lambda c: c.name)
def test_hostile_containers_are_refused_in_one_line_and_left_alone(tmp_path: Path,
                                                                   case: object) -> None:
    from tests.document.badfiles import Case

    assert isinstance(case, Case)
    path = case.build(tmp_path)
    before = os.stat(path)
    if case.expect is None:
        load_worksheet(path, verify_evidence=True)
        return
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path, verify_evidence=True)
    message = str(info.value)
    assert message.startswith("Cannot open w.claimsheet: ") and "\n" not in message
    assert case.expect in message
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.claimsheet"]


def test_refused_files_leave_the_worksheet_unchanged(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    before = path.read_bytes()
    program = tmp_path / "setup.pdf"
    program.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    script = tmp_path / "notes.txt"
    script.write_bytes(b"#!/bin/sh\nrm -rf ~\n")
    shortcut = tmp_path / "statement.desktop"
    shortcut.write_bytes(b"[Desktop Entry]\nExec=evil\n")
    macro = tmp_path / "letter.docx"
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    gif = tmp_path / "anim.gif"
    gif.write_bytes(b"GIF89a" + bytes(20))
    for bad, words in ((program, "a program (Linux executable)"), (script, "a script"),
                       (shortcut, "its name ends in .desktop"), (macro, "with macros"),
                       (gif, "a GIF image"), (tmp_path / "missing.pdf", "does not exist"),
                       (tmp_path, "it is a folder")):
        with pytest.raises(AttachError, match=re.escape(words)) as info:
            capture_file(ws, bad)
        assert "\n" not in str(info.value)
    assert path.read_bytes() == before
    assert load_worksheet(path) == ws


def test_oversized_evidence_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.document import evidence

    ws = _worksheet()
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(300 * 1024 * 1024)  # sparse: cheap
    with pytest.raises(AttachError, match="it is 300 MB; Claimsheet keeps evidence files of up "
                                          "to 256 MB"):
        capture_file(ws, big)
    files = _files(tmp_path)
    monkeypatch.setattr(evidence, "MAX_TOTAL_BYTES", 200)
    captured = [capture_file(ws, files["report.pdf"]).record,
                capture_file(ws, files["statement.html"]).record]
    with pytest.raises(AttachError, match="a worksheet holds at most 200 bytes of evidence"):
        attach(ws, captured, ws.sources[0].id)
    assert ws.evidence == []


def test_a_failed_save_leaves_the_old_file(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    before = path.read_bytes()
    ws.evidence.append(ws.evidence[0].__class__("f" * 64, "lost.pdf", MediaType.PDF, 10,
                                                "2026-11-20T10:00:00+00:00"))
    with pytest.raises(OSError, match="its copy was lost"):
        save_worksheet(ws, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_a_changed_member_is_caught_when_read(tmp_path: Path) -> None:
    ws = _with_evidence(tmp_path)
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    data = bytearray(path.read_bytes())
    at = bytes(data).index(b"%PDF-1.4") + 20
    data[at] ^= 1
    path.write_bytes(bytes(data))
    loaded = load_worksheet(path)  # opening does not read evidence …
    item = next(e for e in loaded.evidence if e.name == "report.pdf")
    with pytest.raises(EvidenceProblem, match="damaged in the container"):
        loaded.locker.read(item.sha256, item.size)  # … reading it checks it
    with pytest.raises(WorksheetError, match="report.pdf"):
        load_worksheet(path, verify_evidence=True)
