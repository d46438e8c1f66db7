"""Claim markers and checkable marks in the article, for any arrangement of spans."""

from __future__ import annotations

import re
from html import unescape

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from app.document.anchors import make_anchor
from app.document.model import Article, Checkable, CheckableType, Claim, Worksheet
from app.reports.articlemarks import article_lines, plain_line
from app.reports.pdfarticle import article_paragraphs
from app.reports.pdfstyle import styles

TEXT_CHARS = st.sampled_from(list("ab <&>\"' \n.,Жé"))


@st.composite
def worksheets(draw: st.DrawFn) -> Worksheet:
    text = draw(st.text(TEXT_CHARS, min_size=1, max_size=120))
    claims = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        claim = Claim(anchor=make_anchor(text, start, end))
        for _ in range(draw(st.integers(0, 3))):
            ks = draw(st.integers(0, len(text)))
            ke = draw(st.integers(ks, len(text)))
            claim.checkables.append(Checkable(draw(st.sampled_from(list(CheckableType))),
                                              ks, ke, text[ks:ke]))
        claims.append(claim)
    return Worksheet(article=Article(text=text), claims=claims)


def _strip(markup_text: str) -> str:
    without_marks = re.sub(r"<a href=\"#claim-\d+\">.*?</a>\u2009", "", markup_text)
    without_marks = re.sub(r"<super[^>]*>.*?</super>", "", without_marks)
    return unescape(re.sub(r"<[^>]+>", "", without_marks))


@settings(max_examples=150, deadline=None)
@given(worksheets())
def test_marks_never_break_markup_or_change_the_text(ws: Worksheet) -> None:
    lines = [line for line in ws.article.text.split("\n") if line.strip()]
    paragraphs = article_paragraphs(ws)
    assert len(paragraphs) == len(lines)
    for markup_text, line in zip(paragraphs, lines, strict=True):
        Paragraph(markup_text, styles().article)  # well nested, parses
        assert _strip(markup_text) == line
    for pieces, line in zip(article_lines(ws), lines, strict=True):
        assert plain_line(pieces) == line


@settings(max_examples=100, deadline=None)
@given(worksheets())
def test_every_claim_inside_the_text_gets_one_marker(ws: Worksheet) -> None:
    pieces = [p for line in article_lines(ws) for p in line]
    numbers = [p.number for p in pieces if p.kind == "marker"]
    assert len(numbers) == len(set(numbers))
    text = ws.article.text
    for number, claim in enumerate(ws.claims, start=1):
        on_text = any(text[i].strip() for i in range(claim.start, claim.end))
        if on_text:
            assert number in numbers
    shade = 0
    for piece in pieces:
        shade += {"shade_on": 1, "shade_off": -1}.get(piece.kind, 0)
        assert shade in (0, 1)
        # The pale band is drawn over the text: a marker inside it loses its dark box.
        assert not (piece.kind == "marker" and shade), "marker drawn inside a shade band"


def test_seed_markers_in_reading_order() -> None:
    from tests.reports.worksheets import seed_worksheet

    ws = seed_worksheet()
    pieces = [p for line in article_lines(ws) for p in line]
    assert [p.number for p in pieces if p.kind == "marker"] == list(range(1, len(ws.claims) + 1))
    letters = [p.text for p in pieces if p.kind == "letter"]
    distinct = {(k.start, k.end, k.type) for c in ws.claims for k in c.checkables}
    assert len(letters) == len(distinct)


def test_adjacent_claims_each_get_a_visible_marker() -> None:
    text = 'He said "we will win." A spokesman disagreed.'
    cut = text.index(" A spokesman")
    ws = Worksheet(article=Article(text=text), claims=[
        Claim(anchor=make_anchor(text, 0, cut)),
        Claim(anchor=make_anchor(text, cut, len(text))),
    ])
    kinds = [(p.kind, p.number) for p in article_lines(ws)[0] if p.kind != "text"]
    assert kinds == [("marker", 1), ("shade_on", 0), ("shade_off", 0), ("marker", 2),
                     ("shade_on", 0), ("shade_off", 0)]


@settings(max_examples=300, deadline=None)
@given(worksheets())
def test_linear_sweep_matches_the_reference(ws: Worksheet) -> None:
    from tests.reports.articlemarks_reference import reference_article_lines

    assert article_lines(ws) == reference_article_lines(ws)


def test_twenty_thousand_claims_over_one_line_stay_linear() -> None:
    """Claims covering the whole article and one line of 1 MB: the old scan took hours."""
    import time

    text = "Seven drones were shot down over the region. " * 22_000
    claims = [Claim(anchor=make_anchor(text, 0, len(text))) for _ in range(1_000)]
    claims += [Claim(anchor=make_anchor(text, i * 20, i * 20 + 10),
                     checkables=[Checkable(CheckableType.COUNT, i * 20, i * 20 + 5,
                                           text[i * 20:i * 20 + 5])])
               for i in range(19_000)]
    started = time.process_time()
    lines = article_lines(Worksheet(article=Article(text=text), claims=claims))
    elapsed = time.process_time() - started
    assert sum(p.kind == "marker" for p in lines[0]) == 20_000
    assert elapsed < 30  # CPU seconds; about 0.5 s, where the old scan took hours
