"""Escaping untrusted text for reportlab markup, URL filtering, font coverage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from app.reports import markup
from app.reports.fonts import REPLACEMENT, drawable, missing_glyphs, printable
from app.reports.pdfstyle import styles
from app.reports.rtl import has_rtl, visual


def _plain(markup_text: str) -> str:
    """What reportlab would print for ``markup_text`` (its parsed fragments)."""
    parser = ParaParser()
    _, fragments, _ = parser.parse(markup_text, styles().body)
    return "".join(getattr(f, "text", "") for f in fragments)


@pytest.mark.parametrize("hostile", [
    "<b>bold</b>", '<img src="/etc/passwd"/>', "a & b", "&amp;", "&nbsp;", "&#x41;",
    '<a href="javascript:alert(1)">x</a>', "<para>", "<br/>", "\"quoted\" 'single'",
])
def test_escaped_text_prints_literally(hostile: str) -> None:
    assert _plain(markup.text(hostile)) == hostile


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn",
                                                            "Zl", "Zp", "Zs")), max_size=80))
def test_any_printable_text_round_trips(value: str) -> None:
    Paragraph(markup.text(value), styles().body)  # never raises
    assert _plain(markup.text(value)) == drawable(value)
    if not has_rtl(value):
        assert drawable(value) == printable(value)


@given(st.text(max_size=60))
def test_any_text_at_all_parses(value: str) -> None:
    Paragraph(markup.text(value), styles().body)


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/a?b=1&c=2", True),
    ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("data:text/html,<script>", False),
    ("ftp://example.org", False),
    ("//example.org/x", False),
    ("https://", False),
    ("https://exa mple.org", False),
    ("https://example.org/\njavascript:x", False),
    ("", False),
])
def test_safe_url(url: str, ok: bool) -> None:
    assert (markup.safe_url(url) is not None) is ok


def test_link_only_for_http() -> None:
    good = markup.link("https://example.org/?a=1&b=<2>")
    # The target is a percent-encoded URI; the label prints the URL literally.
    assert good.startswith('<a href="https://example.org/?a=1&amp;b=%3C2%3E"')
    assert "<u>https://example.org/?a=1&amp;b=&lt;2&gt;</u>" in good
    bad = markup.link("javascript:alert(1)", "click me")
    assert "<a" not in bad and bad == "click me"


def test_printable_replaces_what_the_font_lacks() -> None:
    assert printable("Привет, Ελλάδα, Zürich") == "Привет, Ελλάδα, Zürich"
    assert printable("中文") == REPLACEMENT * 2
    assert printable("a\x00b") == "a b"
    assert printable("x\ud800y") == f"x{REPLACEMENT}y"
    assert printable("isolate\u2066d") == "isolated"  # format char the font lacks: dropped
    assert missing_glyphs("Abc 中") == {"中"}


def test_right_to_left_is_shaped_and_keeps_vowel_marks() -> None:
    assert visual("Plain text, no change.") == "Plain text, no change."
    shaped = visual("مَرْحَبًا")
    assert shaped != "مَرْحَبًا"
    assert "\u064e" in shaped  # fatha kept
    assert all(not ("\u0621" <= ch <= "\u064a") for ch in shaped)  # all letters joined forms
    assert visual("abc שלום def").startswith("abc ") and "םולש" in visual("abc שלום def")


@pytest.mark.parametrize(("url", "expected"), [
    ("http://example.gr/άρθρο", "http://example.gr/%CE%AC%CF%81%CE%B8%CF%81%CE%BF"),
    ("https://example.org/a%20b?q=1&r=[2]#x", "https://example.org/a%20b?q=1&r=[2]#x"),
    ('https://example.org/"quoted"', "https://example.org/%22quoted%22"),
])
def test_link_targets_are_ascii_uris(url: str, expected: str) -> None:
    assert markup.uri(url) == expected
    assert markup.uri(url).isascii()
