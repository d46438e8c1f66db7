"""Every bad input gives one clear sentence naming the file, never a traceback."""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.importers import ArticleImportError, import_article, import_text, word_document
from tests.importers.documents import write_docx, write_pdf, write_scanned_pdf, write_zip_bomb_docx


def _refused(path: Path | bytes, *, name: str | None = None) -> str:
    with pytest.raises(ArticleImportError) as caught:
        import_article(path, name=name)
    message = str(caught.value)
    label = name or (path.name if isinstance(path, Path) else "the document")
    assert message.startswith(f"Cannot import {label}: "), message
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    return message


def test_file_over_20_mb(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: checked by size before reading
    assert "21.0 MB, over the 20.0 MB limit" in _refused(big)


def test_bytes_over_20_mb() -> None:
    assert "over the 20.0 MB limit" in _refused(b"a" * (20 * 1024 * 1024 + 1), name="paste.txt")


@pytest.mark.parametrize(("data", "what"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00" + bytes(50), "GIF image"),
    (b"\x7fELF\x02\x01\x01" + bytes(100), "executable program"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(300), "Windows executable"),
    (gzip.compress(b"an article inside an archive " * 20), "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(100), "7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old binary Office file"),
])
def test_binary_files(tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert what in _refused(path)


def test_password_protected_word_file(tmp_path: Path) -> None:
    # What Word writes for a .docx with a password: an OLE2 compound file whose
    # directory names an "EncryptedPackage" stream (UTF-16 in the directory sector).
    sector = "EncryptedPackage".encode("utf-16-le").ljust(128, b"\x00")
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + sector + bytes(3000))
    assert "password-protected Office file" in _refused(path)


def test_url_instead_of_a_file() -> None:
    with pytest.raises(ArticleImportError, match="works offline"):
        import_article("https://news.example.com/story")


def test_plain_zip_archive(tmp_path: Path) -> None:
    path = tmp_path / "articles.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("story.txt", "Seven drones were shot down.")
    assert "ZIP archive, not an article" in _refused(path)


def test_unknown_binary_noise(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(os.urandom(4096))
    assert "binary" in _refused(path)


def test_encrypted_pdf(tmp_path: Path, seed_text: str) -> None:
    pdf = write_pdf(tmp_path / "secret.pdf", seed_text, encrypt_with="s3cret")
    assert "password-protected" in _refused(pdf)


def test_pdf_with_empty_user_password_opens(tmp_path: Path, seed_text: str) -> None:
    pdf = write_pdf(tmp_path / "protected.pdf", seed_text, encrypt_with="")
    assert "Belgorod Region" in import_article(pdf).article.text


def test_scanned_pdf(tmp_path: Path) -> None:
    assert "no text layer" in _refused(write_scanned_pdf(tmp_path / "scan.pdf"))


def test_pdf_without_text_or_images(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "blank.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.showPage()
    pdf.save()
    assert "contains no text" in _refused(path)


def test_damaged_pdf(tmp_path: Path, seed_text: str) -> None:
    data = write_pdf(tmp_path / "ok.pdf", seed_text).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:400])
    assert "PDF" in _refused(path)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n"])
def test_empty_documents(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    message = _refused(path)
    assert "empty" in message or "no text" in message


def test_empty_docx(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    assert "no text" in _refused(path)


@pytest.mark.parametrize("markup", [
    "<html><body><div><p></span></td></tr><!-- only a comment --></body></html>",
    "<!DOCTYPE html><html><head><title></title></head><body><script>alert(1)</script>"
    "<style>p{}</style></body></html>",
    "<html><body><div><div><span></span></div></div>",
])
def test_malformed_html_without_text(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(markup, encoding="utf-8")
    message = _refused(path)
    assert "HTML" in message or "no text" in message


def test_docx_zip_bomb(tmp_path: Path) -> None:
    bomb = write_zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=50)
    assert bomb.stat().st_size < 1024 * 1024
    assert "zip bomb" in _refused(bomb)


def test_docx_over_total_uncompressed_limit(tmp_path: Path, seed_text: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_document, "MAX_DOCX_UNCOMPRESSED_BYTES", 10_000)
    docx_path = write_docx(tmp_path / "big.docx", seed_text)
    assert "expands to more than 9.8 kB (a possible zip bomb)" in _refused(docx_path)


def test_damaged_docx(tmp_path: Path, seed_text: str) -> None:
    good = write_docx(tmp_path / "good.docx", seed_text).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # XML cut in the middle
            target.writestr(item, data)
    path = tmp_path / "damaged.docx"
    path.write_bytes(buffer.getvalue())
    assert "damaged Word file" in _refused(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "does not exist" in _refused(tmp_path / "nowhere.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "folder" in _refused(folder)


def test_empty_paste() -> None:
    with pytest.raises(ArticleImportError, match="^Cannot import pasted text: there is no text"):
        import_text("  \n ", html="<html><body></body></html>")


def test_command_line_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    """Run the importer in a fresh interpreter as `claimsheet new` would: one line, no trace."""
    bomb = write_zip_bomb_docx(tmp_path / "bomb.docx", inflated_mb=5)
    script = ("import sys\nfrom app.importers import import_article, ArticleImportError\n"
              "try:\n    import_article(sys.argv[1])\n"
              "except ArticleImportError as e:\n    print(e, file=sys.stderr); sys.exit(1)\n")
    done = subprocess.run([sys.executable, "-c", script, str(bomb)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().startswith("Cannot import bomb.docx:")
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
