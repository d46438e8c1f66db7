"""Text is normalized once at import, and normalizing again changes nothing."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.importers import import_article, import_text
from app.importers.normalize import normalize_text


def test_line_endings_bom_controls_nfc_and_trailing_space(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café Zürich")
    raw = ("\ufeffFirst line  \r\nSecond\x00 line\t\rThird\x07 line\u2028"
           f"{decomposed}\x0c\r\n\r\n\r\n\r\nLast\u00a0word\u00ad!\u200b  \n\n")
    path = tmp_path / "messy.txt"
    path.write_bytes(raw.encode("utf-8"))
    text = import_article(path).article.text
    assert text == "First line\nSecond line\nThird line\nCafé Zürich\n\nLast word!"
    assert unicodedata.is_normalized("NFC", text)


def test_windows_text_file_with_bom(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode("utf-8"))
    assert import_article(path).article.text == seed_text.rstrip()


def test_paste_is_normalized_the_same_way() -> None:
    assert import_text("\ufeffOne\r\ntwo  \r\n").article.text == "One\ntwo"
    # A lone surrogate (from a broken clipboard source) would make the worksheet unsavable.
    assert import_text("drone\ud83d strike").article.text == "drone strike"


def test_pdf_ligatures_are_spelled_out() -> None:
    assert normalize_text("\ufb01ve o\ufb03cials \ufb02ew") == "five officials flew"


def test_letters_joined_by_zwj_and_zwnj_are_kept() -> None:
    persian = "می\u200cخواهم"  # ZWNJ is part of Persian spelling
    assert normalize_text(persian) == persian


@given(st.text())
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text())
def test_no_control_characters_survive(text: str) -> None:
    cleaned = normalize_text(text)
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in cleaned)
    assert "\r" not in cleaned and "\ufeff" not in cleaned
    cleaned.encode("utf-8")  # always savable
    assert all(line == line.rstrip(" \t") for line in cleaned.split("\n"))


def test_unreadable_characters_are_reported() -> None:
    garbled = "Seven \ue01a\ue02b\ue03c\ue04d\ue05e\ue06f drones \ufffd\ufffd were shot down."
    notes = import_text(garbled).notes
    assert any("could not be read as text" in note for note in notes)
    assert not import_text("Seven drones were shot down.").notes
