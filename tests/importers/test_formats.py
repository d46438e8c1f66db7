"""Each format imports to the right text and metadata, chosen by content."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest

from app.importers import ArticleImportError, import_article
from tests.importers.documents import (
    AUTHOR,
    CANONICAL,
    HEADLINE,
    OUTLET,
    PUBLISHED,
    paragraphs,
    saved_page,
    squash,
    write_docx,
    write_pdf,
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing must never go online, even for a page with a canonical URL."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an importer tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_plain_text_seed_is_kept_verbatim(seed_path: Path, seed_text: str) -> None:
    result = import_article(seed_path)
    article = result.article
    # Clean UTF-8 with LF endings: only the trailing blank lines go, so offsets are unchanged.
    assert article.text == seed_text.rstrip()
    assert article.import_format == "text"
    assert article.imported_from == seed_path.name
    assert article.file_sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert article.language == "en"
    assert any("UTF-8" in note for note in result.notes)


def test_seed_as_saved_web_page(tmp_path: Path, seed_text: str) -> None:
    page = tmp_path / "belgorod.html"
    page.write_text(saved_page(seed_text), encoding="utf-8")
    article = import_article(page).article
    assert squash(article.text) == squash(seed_text)
    for boilerplate in ("Subscribe now", "propaganda", "Most read", "All rights reserved",
                        "Politics", "dataLayer"):
        assert boilerplate not in article.text
    assert article.import_format == "html"
    assert article.title == HEADLINE
    assert article.author == AUTHOR
    assert article.outlet == OUTLET
    assert article.url == CANONICAL
    assert article.published == PUBLISHED
    assert article.language == "en"
    assert article.file_sha256 == hashlib.sha256(page.read_bytes()).hexdigest()


def test_seed_as_pdf_keeps_paragraphs(tmp_path: Path, seed_text: str) -> None:
    pdf = write_pdf(tmp_path / "belgorod.pdf", seed_text)
    article = import_article(pdf).article
    assert squash(article.text) == squash(seed_text)
    # Wrapped lines are joined and paragraphs found again from the layout.
    assert article.text.split("\n") == paragraphs(seed_text)
    assert (article.import_format, article.title, article.author) == ("pdf", HEADLINE, AUTHOR)


def test_seed_as_docx(tmp_path: Path, seed_text: str) -> None:
    docx = write_docx(tmp_path / "belgorod.docx", seed_text, language="en-GB")
    article = import_article(docx).article
    assert article.text.split("\n") == paragraphs(seed_text)
    assert squash(article.text) == squash(seed_text)
    assert (article.import_format, article.title, article.author, article.language) == (
        "docx", HEADLINE, AUTHOR, "en")


def test_docx_tables_come_in_document_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Region", "Drones"
    table.cell(1, 0).text, table.cell(1, 1).text = "Belgorod", "7"
    document.add_paragraph("After the table.")
    path = tmp_path / "table.docx"
    document.save(str(path))
    text = import_article(path).article.text
    assert text == "Before the table.\nRegion\tDrones\nBelgorod\t7\nAfter the table."


def test_markdown_loses_markup_and_keeps_words(tmp_path: Path) -> None:
    source = """---
title: "Drones over Belgorod"
author: Jane Doe
date: 2023-10-19
---
# Drones over Belgorod

The **Russian Ministry of Defense** said its forces shot down
*seven* drones over the [Belgorod Region](https://example.com/belgorod).

- S-300 systems
- `Pantsir-S1` systems

> "We will respond," an official said.
"""
    path = tmp_path / "story.md"
    path.write_text(source, encoding="utf-8")
    result = import_article(path)
    article = result.article
    assert article.import_format == "markdown"
    assert article.text == (
        "The Russian Ministry of Defense said its forces shot down seven drones over the "
        "Belgorod Region.\nS-300 systems\nPantsir-S1 systems\n\"We will respond,\" an "
        "official said.")
    assert (article.title, article.author, article.published) == (
        "Drones over Belgorod", "Jane Doe", "2023-10-19")


def test_plain_text_with_dashes_is_not_mistaken_for_markdown(tmp_path: Path) -> None:
    text = ("Minutes of the meeting - 19 October\n- The ministry spoke first.\n"
            "- Then the governor spoke.\nNo decision was taken.")
    path = tmp_path / "minutes.txt"
    path.write_text(text, encoding="utf-8")
    article = import_article(path).article
    assert article.import_format == "text"
    assert article.text == text


@pytest.mark.parametrize("build", ["pdf", "docx", "html"])
def test_reader_is_chosen_by_content_not_extension(tmp_path: Path, seed_text: str,
                                                    build: str) -> None:
    misnamed = tmp_path / "article.txt"
    if build == "pdf":
        write_pdf(misnamed, seed_text)
    elif build == "docx":
        write_docx(misnamed, seed_text)
    else:
        misnamed.write_text(saved_page(seed_text), encoding="utf-8")
    article = import_article(misnamed).article
    assert article.import_format == build
    assert squash(article.text) == squash(seed_text)


def test_bytes_with_a_name(seed_text: str, tmp_path: Path) -> None:
    data = write_pdf(tmp_path / "x.pdf", seed_text).read_bytes()
    article = import_article(data, name="mail-attachment").article
    assert article.imported_from == "mail-attachment"
    assert article.import_format == "pdf"
    assert article.file_sha256 == hashlib.sha256(data).hexdigest()


def test_html_page_in_a_legacy_encoding_uses_its_declared_charset(tmp_path: Path) -> None:
    text = ("Министерство обороны России сообщило, что силы противовоздушной обороны "
            "сбили семь украинских беспилотников над Белгородской областью. "
            "По данным ведомства, пострадавших нет, а разрушения незначительны.")
    page = tmp_path / "ru.html"
    page.write_bytes(saved_page(text, lang="ru", charset="windows-1251").encode("cp1251"))
    result = import_article(page)
    assert squash(result.article.text) == squash(text)
    assert result.article.language == "ru"
    assert any("cp1251" in note for note in result.notes)


def test_mhtml_web_archive(tmp_path: Path, seed_text: str) -> None:
    import quopri

    page = saved_page(seed_text).encode("utf-8")
    archive = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: " + CANONICAL.encode()
               + b"\r\nSubject: " + HEADLINE.encode() + b"\r\nMIME-Version: 1.0\r\n"
               b"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
               b"\tboundary=\"----MultipartBoundary--abc\"\r\n\r\n"
               b"------MultipartBoundary--abc\r\nContent-Type: text/html\r\n"
               b"Content-Transfer-Encoding: quoted-printable\r\n"
               b"Content-Location: " + CANONICAL.encode() + b"\r\n\r\n"
               + quopri.encodestring(page) + b"\r\n------MultipartBoundary--abc--\r\n")
    path = tmp_path / "belgorod.mhtml"
    path.write_bytes(archive)
    article = import_article(path).article
    assert article.import_format == "mhtml"
    assert squash(article.text) == squash(seed_text)
    assert article.url == CANONICAL


def test_fragment_without_main_text_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_text("<html><body><nav>Menu</nav><p>Seven drones were shot down.</p>"
                    "<script>var x = 1;</script></body></html>", encoding="utf-8")
    article = import_article(path).article
    assert "Seven drones were shot down." in article.text
    assert "var x" not in article.text


def test_pdf_page_numbers_and_page_breaks(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "two-pages.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 760, "The ministry said the drones were shot down over")
    pdf.drawString(300, 40, "1")
    pdf.showPage()
    pdf.drawString(72, 760, "the region on Thursday.")
    pdf.drawString(72, 730, "A second paragraph follows.")
    pdf.drawString(300, 40, "2")
    pdf.showPage()
    pdf.save()
    text = import_article(path).article.text
    assert text == ("The ministry said the drones were shot down over the region on Thursday.\n"
                    "A second paragraph follows.")


def test_pdf_words_drawn_one_by_one_form_one_line(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "words.pdf"
    pdf = canvas.Canvas(str(path))
    x = 72.0
    for word in "Pantsir-S1 systems intercepted the drones.".split():
        pdf.drawString(x, 700, word)
        x += pdf.stringWidth(word + " ")
    pdf.showPage()
    pdf.save()
    assert import_article(path).article.text == "Pantsir-S1 systems intercepted the drones."


def test_unreadable_pdf_is_an_import_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%garbage without xref")
    with pytest.raises(ArticleImportError) as caught:
        import_article(path)
    assert "broken.pdf" in str(caught.value)


def test_page_with_json_ld_metadata() -> None:
    """A stored page whose metadata is only in schema.org JSON-LD, with cookie banner,
    share buttons, an advert, a newsletter box and comments around four paragraphs."""
    page = Path(__file__).resolve().parent.parent / "data" / "importers" / "jsonld_article.html"
    result = import_article(page)
    article = result.article
    assert article.title == "Governor: five drones intercepted over Kursk overnight"
    assert (article.author, article.outlet) == ("Anna Petrova", "Northern Wire")
    assert article.url == "https://wire.example.org/world/kursk-drones-0314"
    assert article.published == "2024-03-14"  # published, not modified
    lines = article.text.split("\n")
    assert len(lines) == 4
    assert lines[0].startswith("Air defence units intercepted five drones")
    assert lines[-1] == "Neither claim could be independently verified."
    for noise in ("cookies", "Share on X", "ADVERTISEMENT", "Sign up", "real numbers", "Terms"):
        assert noise not in article.text
    assert "Read as UTF-8 (declared in the page)." in result.notes
