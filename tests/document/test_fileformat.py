import json
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from app.document import Article, Checkable, CheckableType, Claim, Worksheet, make_anchor
from app.document.atomic import backup_path
from app.document.fileformat import (
    WorksheetError,
    dumps,
    load_worksheet,
    loads,
    save_worksheet,
)
from app.document.migrations import MigrationError, migrate
from tests.document.badfiles import bad_files, good_document, write_huge_file
from tests.document.strategies import worksheets

sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worksheets())
def test_round_trip_in_memory(ws: Worksheet) -> None:
    assert loads(dumps(ws).encode("utf-8")) == ws


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(worksheets())
def test_round_trip_through_disk(tmp_path: Path, ws: Worksheet) -> None:
    path = tmp_path / "round.claimsheet"
    save_worksheet(ws, path, touch=False)
    assert load_worksheet(path) == ws


def test_file_is_pretty_printed_utf8_with_format_and_version(tmp_path: Path) -> None:
    text = "Москва заявила, что сбила семь беспилотников."
    ws = Worksheet(Article(text=text))
    ws.claims.append(Claim(anchor=make_anchor(text, 0, len(text))))
    path = tmp_path / "ru.claimsheet"
    save_worksheet(ws, path)
    with zipfile.ZipFile(path) as archive:  # any ZIP tool reads the container
        assert archive.namelist() == ["mimetype", "worksheet.json"]
        assert archive.testzip() is None
        raw = archive.read("worksheet.json").decode("utf-8")
    assert "Москва" in raw  # not \u escapes: diffs stay readable
    assert raw.startswith('{\n  "format": "claimsheet",\n  "version": 2,')
    assert json.loads(raw)["article"]["sha256"] == ws.article.sha256
    assert raw == dumps(ws)


def test_save_keeps_one_backup_of_the_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "w.claimsheet"
    ws = Worksheet(Article(text="First version of the text."))
    save_worksheet(ws, path)
    assert not backup_path(path).exists()
    ws.checker = "A. Checker"
    save_worksheet(ws, path)
    assert load_worksheet(backup_path(path)).checker == ""
    assert load_worksheet(path).checker == "A. Checker"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["w.claimsheet", "w.claimsheet.bak"],
                                                          key=lambda n: n != "w.claimsheet") \
        or set(p.name for p in tmp_path.iterdir()) == {"w.claimsheet", "w.claimsheet.bak"}


def test_failed_serialization_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.claimsheet"
    text = "Text of the article."
    ws = Worksheet(Article(text=text))
    save_worksheet(ws, path)
    before = path.read_bytes()
    ws.claims.append(Claim(anchor=make_anchor(text, 0, 4),
                           checkables=[Checkable(type=CheckableType.DATE, start=0, end=4,
                                                 text="Text", attributes={"x": {1, 2}})]))
    with pytest.raises(TypeError):  # a set cannot be written as JSON
        save_worksheet(ws, path)
    assert path.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} == {"w.claimsheet"}


def test_a_worksheet_too_large_to_reopen_is_not_saved(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A window session can grow past what loading accepts; saving must not write a
    file that would then refuse to open."""
    import app.document.fileformat as fileformat

    path = tmp_path / "w.claimsheet"
    text = "One. Two. Three."
    ws = Worksheet(Article(text=text))
    save_worksheet(ws, path)
    before = path.read_bytes()
    ws.claims = [Claim(anchor=make_anchor(text, i * 5, i * 5 + 4)) for i in range(3)]
    monkeypatch.setattr(fileformat, "MAX_CLAIMS", 2)
    with pytest.raises(fileformat.WorksheetTooLarge, match="3 claims.*up to 2 claims"):
        save_worksheet(ws, path)
    assert path.read_bytes() == before
    assert {p.name for p in tmp_path.iterdir()} == {"w.claimsheet"}


def test_lone_surrogates_are_saved_as_replacement_characters(tmp_path: Path) -> None:
    """A lone surrogate (from a clipboard, a file name that is not UTF-8) never stops a save."""
    text = "Seven drones \ud800were shot down."
    ws = Worksheet(Article(text=text, title="\udcff title", imported_from="x\udcff.txt"))
    ws.claims.append(Claim(anchor=make_anchor(text, 0, len(text)), rationale="bad \udfff end"))
    path = tmp_path / "w.claimsheet"
    save_worksheet(ws, path)
    loaded = load_worksheet(path)
    assert loaded.article.text == "Seven drones \ufffdwere shot down."
    assert loaded.article.title == "\ufffd title"
    assert loaded.claims[0].rationale == "bad \ufffd end"
    assert loaded.claims[0].quote == loaded.article.text  # same length: offsets still hold


def test_lone_surrogate_escapes_in_a_file_load_as_replacement_characters() -> None:
    document = good_document()
    document["claims"][0]["rationale"] = "x\ud800y"
    document["notes"] = "\udc00"
    ws = loads(json.dumps(document).encode())  # json.dumps writes the \\ud800 escape
    assert ws.claims[0].rationale == "x\ufffdy"
    assert ws.notes == "\ufffd"
    assert "\ufffd" in dumps(ws)


@pytest.mark.parametrize("name", sorted(bad_files()))
def test_bad_files_give_one_clear_error(tmp_path: Path, name: str) -> None:
    data, words = bad_files()[name]
    path = tmp_path / "bad.claimsheet"
    path.write_bytes(data)
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    message = str(info.value)
    assert message.startswith("Cannot open bad.claimsheet: ")
    assert words in message
    assert "\n" not in message


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.claimsheet"
    write_huge_file(path)
    with pytest.raises(WorksheetError, match="105 MB; a worksheet is at most 64 MB"):
        load_worksheet(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorksheetError, match="does not exist"):
        load_worksheet(tmp_path / "nope.claimsheet")
    with pytest.raises(WorksheetError, match="folder"):
        load_worksheet(tmp_path)


def test_shifted_offsets_are_re_anchored_by_quote() -> None:
    document = good_document()
    anchor = document["claims"][1]["anchor"]
    anchor["start"] += 3
    anchor["end"] += 3
    ws = loads(json.dumps(document).encode())
    claim = ws.claims[1]
    assert ws.article.text[claim.start:claim.end] == claim.quote


def test_migration_steps_run_in_order() -> None:
    calls = []

    def one_to_two(d: dict) -> dict:
        calls.append(1)
        d["renamed"] = d.pop("old")
        return d

    def two_to_three(d: dict) -> dict:
        calls.append(2)
        d["renamed"] = d["renamed"].upper()
        return d

    out = migrate({"version": 1, "old": "x"}, {1: one_to_two, 2: two_to_three}, current=3)
    assert out == {"version": 3, "renamed": "X"}
    assert calls == [1, 2]
    with pytest.raises(MigrationError, match="newer Claimsheet"):
        migrate({"version": 4}, {}, current=3)
    with pytest.raises(MigrationError, match="cannot be upgraded"):
        migrate({"version": 1}, {}, current=2)
