"""Build real documents for the importer tests: HTML pages, PDFs, Word files.

Each builder writes the file a checker would receive (a browser-saved page with
navigation, ads and comments around the article; a reportlab PDF with wrapped
paragraphs; a python-docx file) so the tests exercise the real readers.
"""

from __future__ import annotations

import html
import io
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HEADLINE = "Seven drones downed over Belgorod"
AUTHOR = "Jane Doe"
OUTLET = "Example News"
CANONICAL = "https://news.example.com/2023/10/19/belgorod-drones"
PUBLISHED = "2023-10-19"


def paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def squash(text: str) -> str:
    """Text with all whitespace runs made one space: "the same up to whitespace"."""
    return " ".join(text.split())


def saved_page(text: str, *, lang: str = "en-GB", charset: str = "utf-8") -> str:
    """A news page as a browser saves it: chrome, ads and comments around the article."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(text))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
<title>{HEADLINE} | {OUTLET}</title>
<meta name="author" content="{AUTHOR}">
<meta property="og:site_name" content="{OUTLET}">
<meta property="og:title" content="{HEADLINE}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{PUBLISHED}T14:05:00+03:00">
<link rel="canonical" href="{CANONICAL}">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script src="https://ads.example.com/loader.js"></script>
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="advert">Subscribe now and save 50% on your first year of premium access!</div>
<main>
<article>
<h1>{HEADLINE}</h1>
<p class="byline">By <a href="/authors/jane-doe" rel="author">{AUTHOR}</a></p>
{body}
</article>
<section id="comments" class="comments">
<h2>Comments</h2>
<div class="comment"><p>This is all propaganda from both sides, wake up people!</p></div>
<div class="comment"><p>Great reporting, keep it up. Shared with my friends.</p></div>
</section>
</main>
<aside class="related"><h3>Most read</h3><ul>
<li><a href="/a">Ten things you did not know about drones</a></li>
<li><a href="/b">Weather: a cold week ahead for the region</a></li></ul></aside>
<footer><p>© 2023 {OUTLET}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def write_pdf(path: Path, text: str, *, title: str = HEADLINE, author: str = AUTHOR,
              encrypt_with: str | None = None, algorithm: str = "RC4-128") -> Path:
    """A PDF of the text in wrapped paragraphs (reportlab), optionally password-protected."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author=author)
    doc.build([Paragraph(escape(p), styles["BodyText"]) for p in paragraphs(text)])
    data = buffer.getvalue()
    if encrypt_with is not None:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password=encrypt_with, owner_password="owner", algorithm=algorithm)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose only page is a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(picture).text((20, 80), "Seven drones were shot down", fill="black")
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(picture), 50, 500, width=500, height=160)
    pdf.showPage()
    pdf.save()
    return path


def write_docx(path: Path, text: str, *, title: str = HEADLINE, author: str = AUTHOR,
               language: str = "en-US") -> Path:
    """A Word file with one paragraph per line of the text."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.language = language
    for paragraph in paragraphs(text):
        document.add_paragraph(paragraph)
    document.save(str(path))
    return path


def write_zip_bomb_docx(path: Path, inflated_mb: int = 50) -> Path:
    """A .docx-shaped zip whose document.xml inflates to ``inflated_mb`` MB of zeros."""
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            for _ in range(inflated_mb):
                member.write(chunk)
    return path


def lying_zip(members: dict[str, bytes], inflated: dict[str, int],
              declared: dict[str, int]) -> bytes:
    """A zip whose members in ``inflated`` hold that many zeros but declare ``declared`` bytes.

    Built with zipfile, then the uncompressed sizes in the local headers and the
    central directory are overwritten: the declared size is a lie.
    """
    buffer = io.BytesIO()
    zero = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, size in inflated.items():
            with archive.open(name, "w") as member:
                for _ in range(size // len(zero)):
                    member.write(zero)
                member.write(bytes(size % len(zero)))
    raw = bytearray(buffer.getvalue())
    for name, size in declared.items():
        encoded = name.encode()
        # Local file header: signature(4) ... uncompressed size at offset 22, name at 30.
        position = 0
        while (position := raw.find(b"PK\x03\x04", position)) != -1:
            name_len = struct.unpack_from("<H", raw, position + 26)[0]
            if bytes(raw[position + 30:position + 30 + name_len]) == encoded:
                struct.pack_into("<I", raw, position + 22, size)
            position += 4
        # Central directory entry: uncompressed size at offset 24, name at 46.
        position = 0
        while (position := raw.find(b"PK\x01\x02", position)) != -1:
            name_len = struct.unpack_from("<H", raw, position + 28)[0]
            if bytes(raw[position + 46:position + 46 + name_len]) == encoded:
                struct.pack_into("<I", raw, position + 24, size)
            position += 4
    return bytes(raw)
