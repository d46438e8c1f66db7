"""Turning untrusted text into reportlab paragraph markup.

reportlab's ``Paragraph`` parses a small HTML-like language (``<b>``,
``<img>``, ``<a href>`` …). Article text, user notes and source metadata are
untrusted: an article quoting ``<img src="/etc/passwd">`` or a source URL of
``javascript:…`` must print literally, never be interpreted. Every string from
the document therefore goes through :func:`text` (escape, font coverage,
right-to-left shaping), and links are made only by :func:`link`, which accepts
nothing but http(s) URLs.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from app.reports.fonts import drawable, printable

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def text(value: str) -> str:
    """``value`` escaped for paragraph markup, with undrawable characters replaced."""
    return drawable(value).translate(_ESCAPES)


def text_in_drawing_order(value: str) -> str:
    """Like :func:`text` for a line already in drawing order (no bidi reordering)."""
    return printable(value).translate(_ESCAPES)


def multiline(value: str) -> str:
    """Like :func:`text`, keeping the user's line breaks."""
    return "<br/>".join(text(line) for line in value.splitlines())


def safe_url(url: str) -> str | None:
    """``url`` when it is an absolute http or https URL with a host, else None."""
    candidate = url.strip()
    if not candidate or any(ch.isspace() or ord(ch) < 32 for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


# Characters a URI may hold literally (RFC 3986 reserved and unreserved, plus an
# existing percent escape); everything else is percent-encoded as UTF-8.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def uri(url: str) -> str:
    """An http(s) URL as a plain-ASCII URI for a PDF link annotation.

    PDF link targets are byte strings that viewers hand to the browser as they
    are; a non-ASCII path (``/άρθρο``) or a literal ``<`` would reach it mangled.
    Percent-encoding them (as browsers do when a user types such an address)
    keeps the link working; escapes already present are left alone.
    """
    return quote(url, safe=_URI_SAFE)


def link(url: str, label: str | None = None, *, color: str = "#1f4e8c") -> str:
    """A clickable link for http(s) URLs; anything else prints as plain text."""
    shown = text(label if label is not None else url)
    target = safe_url(url)
    if target is None:
        return shown
    return f'<a href="{text(uri(target))}" color="{color}"><u>{shown}</u></a>'
