"""Plain text in every common encoding decodes to the right characters, and says so."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from app.importers import ArticleImportError, import_article
from app.importers.encodings import decode_bytes

RUSSIAN = ("Министерство обороны России сообщило, что силы ПВО сбили семь украинских "
           "беспилотников над Белгородской областью.")
UKRAINIAN = "Міністерство оборони України повідомило про збиття ворожих дронів над Харковом."
BULGARIAN = "Правителството обяви, че цените на горивата ще бъдат замразени до края на годината."
FRENCH = "Le ministère a déclaré que les drones avaient été abattus près de la frontière."
GERMAN = "Die Behörde teilte mit, über München seien Drohnen gesichtet worden – „unbestätigt“."
SPANISH = "El año pasado, España envió más ayuda; según el Gobierno, «no habrá más»."
ENGLISH_QUOTES = "The minister said: \u201cWe shot down seven drones\u201d \u2013 not eight."
SHORT_RUSSIAN = "Привет, мир!"
SHORT_FRENCH = "Ça coûte cher."
SHORT_GERMAN = "Grüße aus Köln"

CASES = [
    # (text, encoding written, encoding name expected in the note)
    (RUSSIAN, "cp1251", "cp1251"),
    (UKRAINIAN, "cp1251", "cp1251"),
    (BULGARIAN, "cp1251", "cp1251"),
    (SHORT_RUSSIAN, "cp1251", "cp1251"),
    (FRENCH, "cp1252", "latin-1"),  # no byte in 0x80-0x9F: cp1252 and latin-1 agree
    (GERMAN, "cp1252", "cp1252"),   # „ “ – are cp1252-only
    (SPANISH, "latin-1", "latin-1"),
    (ENGLISH_QUOTES, "cp1252", "cp1252"),
    (SHORT_FRENCH, "latin-1", "latin-1"),
    (SHORT_GERMAN, "latin-1", "latin-1"),
    (RUSSIAN, "utf-8", "UTF-8"),
    (FRENCH, "utf-8-sig", "UTF-8 with a byte order mark"),
    (RUSSIAN, "utf-16", "UTF-16"),
    (GERMAN, "utf-16-be-bom", "UTF-16"),
    (GERMAN, "utf-16-le", "UTF-16 (little-endian, no byte order mark)"),
    (RUSSIAN, "utf-16-be", "UTF-16 (big-endian, no byte order mark)"),
]


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(encoding)


@pytest.mark.parametrize(("text", "encoding", "named"), CASES,
                         ids=[f"{c[1]}-{c[0][:12]}" for c in CASES])
def test_text_file_in_encoding(tmp_path: Path, text: str, encoding: str, named: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(_encode(text, encoding))
    result = import_article(path)
    assert result.article.text == text
    assert result.article.import_format == "text"
    assert any(f"Read as {named}" in note for note in result.notes), result.notes
    assert not any("uncertain" in note for note in result.notes), result.notes


def test_french_full_of_accents_is_not_doubted(tmp_path: Path) -> None:
    text = ("L'été dernier, le député a été élu à Orléans ; il a déclaré que "
            "l'opération « a été préparée » depuis février.\n") * 50
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("cp1252"))
    result = import_article(path)
    assert result.article.text == text.rstrip()
    assert not any("uncertain" in note for note in result.notes), result.notes


def test_longer_cp1251_article_with_latin_names(tmp_path: Path) -> None:
    text = ("По данным Минобороны, ракетами С-300 и комплексом «Панцирь-С1» были "
            "уничтожены семь беспилотников Bayraktar TB2.\n"
            "Губернатор Вячеслав Гладков сообщил в Telegram, что пострадавших нет.\n"
            "Ранее агентство Reuters со ссылкой на источники писало о новых атаках.")
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    result = import_article(path)
    assert result.article.text == text
    assert result.article.language == "ru"
    assert any("Russian" in note for note in result.notes)


def test_koi8r_is_left_to_charset_normalizer() -> None:
    text = RUSSIAN + " " + RUSSIAN.lower() + " Это сообщение опубликовано в среду."
    decoded = decode_bytes(text.encode("koi8-r"), "koi8.txt")
    assert decoded.text == text
    assert decoded.encoding == "koi8-r"


def test_invalid_utf16_after_a_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Hello".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(ArticleImportError, match=r"^Cannot import broken\.txt: .*UTF-16"):
        import_article(path)


def test_undecodable_text_is_refused(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    noise = bytearray()
    for _ in range(400):
        noise.extend(rng.randrange(0x80, 0x100) for _ in range(rng.randrange(3, 9)))
        noise.append(0x20)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(noise))
    with pytest.raises(ArticleImportError, match="encoding could not be recognised"):
        import_article(path)
