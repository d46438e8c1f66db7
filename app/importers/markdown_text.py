"""Markdown: keep the words, drop the markup.

The file is parsed with markdown-it (CommonMark plus tables) instead of
stripped with regular expressions, so emphasis, links, code spans, escapes and
entities come out as a reader sees them. Each block (heading, paragraph, list
item, table row, code block) becomes one line; lines wrapped inside a
paragraph are joined, as a Markdown renderer would. YAML front matter
(``title:``, ``author:``, ``date:`` …) provides the metadata.

markdown-it is linear but slow on dense markup: every ``[`` starts a search
for a link label, every list marker a new block, and 200,000 ``[`` take more
than five seconds. A document with more than :data:`MAX_MARKUP` markup
characters (brackets, ``*``, ``_``, backquotes, ``<``, ``&``, backslashes and
line breaks) is therefore not parsed as Markdown; the importer keeps its text
as it is and says so in a note.
"""

from __future__ import annotations

import html
import re

from app.importers.metadata import Metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")  # "<" excluded inside: linear on "<<<<…" with no ">"
MAX_MARKUP = 50_000
"""Most markup characters and line breaks parsed as Markdown (a long Markdown article has
a few thousand); above it the text is read as plain text."""

_MARKUP_CHARS = "[]*_`<&\\\n"

_FRONT_MATTER_KEYS = {
    "title": "title", "author": "author", "authors": "author", "byline": "author",
    "outlet": "outlet", "publisher": "outlet", "site": "outlet", "source": "outlet",
    "url": "url", "link": "url", "canonical_url": "url",
    "date": "published", "published": "published", "lang": "language", "language": "language",
}


def markup_problem(text: str) -> str | None:
    """Why ``text`` is too dense to parse as Markdown in reasonable time, or None."""
    count = sum(text.count(ch) for ch in _MARKUP_CHARS)
    if count <= MAX_MARKUP:
        return None
    return (f"the document has {count:,} markup characters and line breaks, more than the "
            f"{MAX_MARKUP:,} the Markdown reader takes")


def read_markdown(text: str) -> tuple[str, Metadata]:
    """The article text and front-matter metadata of a Markdown document."""
    from markdown_it import MarkdownIt

    metadata = Metadata()
    match = _FRONT_MATTER.match(text)
    if match:
        metadata = _front_matter(match[1])
        text = text[match.end():]
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines: list[str] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            lines.append("\t".join(row))
            row = None
        elif token.type == "inline":
            content = _inline_text(token.children or [])
            if row is not None:
                row.append(content)
            elif content.strip():
                lines.append(content)
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.rstrip("\n"))
        elif token.type == "html_block":
            stripped = html.unescape(_TAG.sub("", token.content)).strip()
            if stripped:
                lines.append(stripped)
    return "\n".join(lines), metadata


def _inline_text(children: list) -> str:  # list[markdown_it.token.Token]
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _front_matter(block: str) -> Metadata:
    metadata = Metadata()
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        field = _FRONT_MATTER_KEYS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and field and value and not getattr(metadata, field):
            setattr(metadata, field, value)
    return metadata
