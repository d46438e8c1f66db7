"""HTML pages saved from a browser: the article's main text and its metadata.

trafilatura finds the main text (leaving out navigation, ads, related links and
comments) and reads the metadata a page carries for search engines and social
networks: ``<title>``/``og:title``, author, ``og:site_name``, the publication
date (via htmldate, with the extensive "guess from any date in the page"
search switched off, because a wrong published date silently shifts every
relative date in the article) and the canonical URL. Nothing is fetched: the
page is parsed from the bytes on disk and links are never followed.

When trafilatura finds no main text (a page that is nothing but a short
fragment, or markup it rejects), the visible text of the body is used, block
by block; when even that is empty the page is refused.

trafilatura spends about 0.1 ms on every element of the page, so on a page
of more than :data:`MAX_MAIN_TEXT_ELEMENTS` elements (a real article page has
a few thousand) it is not asked: the visible text is kept whole, with a note.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import Any
from urllib.parse import urlsplit

from app.importers.encodings import Decoded, decode_bytes, decoded
from app.importers.errors import ArticleImportError
from app.importers.metadata import Metadata

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")

# Elements whose text a reader does not see as part of the article.
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object",
                   "head", "nav", "header", "footer", "aside", "form", "button", "select")
_BLOCK_TAGS = ("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
               "li", "blockquote", "pre", "tr", "table", "ul", "ol", "dl", "dt", "dd",
               "figure", "figcaption", "address", "br", "hr")

_FAST_ABOVE_CHARS = 1_000_000

MAX_MAIN_TEXT_ELEMENTS = 20_000
"""Pages with more elements keep all their visible text instead of a main-text search."""

# htmldate: only dates the page states as metadata or near the byline.
_DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%d",
}


def decode_html(data: bytes, name: str) -> Decoded:
    """Decode a page using the charset it declares, else by detection."""
    head = data[:4096]
    match = _DECLARED_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                      codecs.BOM_UTF16_BE)):
        declared = match[1].decode("ascii").lower()
        try:
            codec = codecs.lookup(declared).name
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
        else:
            return decoded(text, codec, "declared in the page")
    return decode_bytes(data, name)


def read_html(markup: str, name: str, notes: list[str] | None = None
              ) -> tuple[str, Metadata]:
    """The main text and metadata of an HTML page, or :class:`ArticleImportError`."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = _parse(markup, load_html)
    if tree is None:
        raise ArticleImportError(name, "it is not a readable HTML page")
    metadata = Metadata(language=_declared_language(tree))
    text = ""
    document: Any
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_MAIN_TEXT_ELEMENTS:
        if notes is not None:
            notes.append(f"The page has {elements:,} elements, more than the "
                         f"{MAX_MAIN_TEXT_ELEMENTS:,} in which Claimsheet looks for the main "
                         "text; all its visible text was kept (menus and comments included).")
        text = visible_text(tree)
        if not text.strip():
            raise ArticleImportError(name, "no article text could be found in this HTML page")
        metadata.title = _title_element(tree)
        return text, metadata
    try:
        document = bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
            config=_config(),
            # On a huge page the main extractor always finds enough text; skip
            # the comparison with readability/jusText, a third of the time.
            fast=len(markup) > _FAST_ABOVE_CHARS,
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        document = None  # trafilatura rejects some odd trees; the fallback below reads them
    if document is not None:
        text = document.text or ""
        found = Metadata(
            title=document.title or "",
            author=document.author or "",
            outlet=document.sitename or document.hostname or "",
            url=document.url or "",
            published=document.date or "",
            language=document.language or "",
        )
        metadata.merge(found)
    if not text.strip():
        text = visible_text(tree)
        if not metadata.title:
            metadata.title = _title_element(tree)
    if not text.strip():
        raise ArticleImportError(name, "no article text could be found in this HTML page")
    if not metadata.outlet and metadata.url:
        metadata.outlet = urlsplit(metadata.url).hostname or ""
    return text, metadata


def html_fragment_text(markup: str) -> tuple[str, Metadata]:
    """Visible text and any metadata of a fragment, such as HTML copied to the clipboard.

    A clipboard fragment is exactly what the user selected, so it is not run
    through main-text extraction, which might drop a part they wanted.
    """
    from trafilatura.utils import load_html

    source_url = re.search(r"^SourceURL:(\S+)", markup, re.MULTILINE)
    if markup.lstrip().startswith("Version:") and "<" in markup:
        markup = markup[markup.index("<"):]  # the Windows CF_HTML header, if Qt left it in
    tree = _parse(f"<div>{markup}</div>", load_html) if "<html" not in markup.lower() \
        else _parse(markup, load_html)
    if tree is None:
        return "", Metadata()
    metadata = Metadata(language=_declared_language(tree), title=_title_element(tree),
                        url=source_url[1] if source_url else "")
    return visible_text(tree), metadata


def visible_text(tree: Any) -> str:
    """The text a reader sees in the page body, one block per line."""
    from lxml import etree

    tree = _copy(tree)
    etree.strip_elements(tree, etree.Comment, *_INVISIBLE_TAGS, with_tail=False)
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    body = tree.find(".//body")
    raw = (body if body is not None else tree).text_content()
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


@functools.cache
def _config() -> Any:
    """trafilatura's settings, with its minimum article size lowered.

    Below ``MIN_EXTRACTED_SIZE`` characters trafilatura falls back to a baseline
    that flattens the page into one line with the headline and byline; a short
    wire item or a statement is still an article for a checker.
    """
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "25")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _parse(markup: str, load_html: Any) -> Any:
    try:
        return load_html(markup)
    except (ValueError, TypeError) as error:
        del error
        return None


def _copy(tree: Any) -> Any:
    from copy import deepcopy

    return deepcopy(tree)


def _declared_language(tree: Any) -> str:
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not lang:
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                lang = meta.get("content") or ""
                break
    return lang


def _title_element(tree: Any) -> str:
    title = tree.getroottree().getroot().find(".//title")
    return " ".join((title.text_content() if title is not None else "").split())


def mhtml_page(data: bytes, name: str) -> tuple[bytes, str, str]:
    """The HTML part of a "single file" web archive (.mht/.mhtml): bytes, charset, URL."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    url = str(message.get("Snapshot-Content-Location", "") or "")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset() or "", url or str(
                    part.get("Content-Location", "") or "")
    raise ArticleImportError(name, "the web archive holds no HTML page")
