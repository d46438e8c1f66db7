"""Hypothesis strategies for worksheets over arbitrary Unicode text."""

from __future__ import annotations

from hypothesis import strategies as st

from app.document import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Origin,
    Source,
    SourceKind,
    Sourcing,
    Stance,
    Status,
    Verdict,
    Worksheet,
    make_anchor,
)

# Any Unicode except surrogates, which cannot be encoded as UTF-8.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
ARTICLE_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=0, max_size=400)


@st.composite
def spans(draw: st.DrawFn, length: int) -> tuple[int, int]:
    start = draw(st.integers(0, length))
    end = draw(st.integers(start, length))
    return start, end


@st.composite
def worksheets(draw: st.DrawFn) -> Worksheet:
    text = draw(ARTICLE_TEXT)
    sources = draw(st.lists(
        st.builds(Source, title=TEXT, url=TEXT, publisher=TEXT, author=TEXT, published=TEXT,
                  accessed=TEXT, archive_url=TEXT, kind=st.sampled_from(SourceKind),
                  excerpt=TEXT, notes=TEXT),
        max_size=4, unique_by=lambda s: s.id))
    claims = []
    for _ in range(draw(st.integers(0, 5))):
        start, end = draw(spans(len(text)))
        checkables = []
        for _ in range(draw(st.integers(0, 3))):
            k_start, k_end = draw(spans(len(text)))
            checkables.append(Checkable(
                type=draw(st.sampled_from(CheckableType)), start=k_start, end=k_end,
                text=text[k_start:k_end], value=draw(st.none() | TEXT),
                attributes=draw(st.dictionaries(TEXT, TEXT, max_size=2)),
                checked=draw(st.booleans()), note=draw(TEXT)))
        citations = [Citation(s.id, draw(st.sampled_from(Stance)))
                     for s in draw(st.lists(st.sampled_from(sources), max_size=3,
                                            unique_by=lambda s: s.id))] if sources else []
        claims.append(Claim(
            anchor=make_anchor(text, start, end),
            worthiness=draw(st.floats(0, 1, allow_nan=False)),
            sourcing=draw(st.sampled_from(Sourcing)), source_name=draw(TEXT),
            hedged=draw(st.booleans()), hedges=draw(st.lists(TEXT, max_size=3)),
            checkables=checkables, verdict=draw(st.none() | st.sampled_from(Verdict)),
            status=draw(st.sampled_from(Status)), rationale=draw(TEXT), citations=citations,
            tags=draw(st.lists(TEXT, max_size=3)), origin=draw(st.sampled_from(Origin))))
    article = Article(text=text, title=draw(TEXT), outlet=draw(TEXT), author=draw(TEXT),
                      url=draw(TEXT), published=draw(TEXT), language=draw(TEXT))
    return Worksheet(article=article, claims=claims, sources=sources, checker=draw(TEXT),
                     reviewer=draw(TEXT), notes=draw(TEXT))
