from hypothesis import given
from hypothesis import strategies as st

from app.document import make_anchor, reanchor

TEXT = ("The ministry said seven drones were shot down. Officials said the drones "
        "were shot down over the region. The ministry said nothing else.")


def test_anchor_keeps_offsets_quote_and_context() -> None:
    start = TEXT.index("seven drones")
    anchor = make_anchor(TEXT, start, start + len("seven drones"), context=10)
    assert anchor.exact == "seven drones"
    assert anchor.prefix == TEXT[start - 10:start]
    assert anchor.suffix == TEXT[anchor.end:anchor.end + 10]
    assert anchor.matches(TEXT)


def test_reanchor_after_text_inserted_before() -> None:
    start = TEXT.index("Officials")
    anchor = make_anchor(TEXT, start, TEXT.index("region.") + 7)
    edited = "UPDATED: " + TEXT
    found = reanchor(anchor, edited)
    assert found is not None
    assert edited[found.start:found.end] == anchor.exact


def test_reanchor_picks_the_occurrence_whose_context_agrees() -> None:
    second = TEXT.index("were shot down over")
    anchor = make_anchor(TEXT, second, second + len("were shot down"))
    edited = TEXT.replace("The ministry said seven", "Moscow's ministry said 7")
    found = reanchor(anchor, edited)
    assert found is not None
    assert found.start == edited.index("were shot down over")


def test_reanchor_follows_an_edited_quote_between_unique_context() -> None:
    start = TEXT.index("seven drones were shot down")
    end = start + len("seven drones were shot down")
    anchor = make_anchor(TEXT, start, end)
    edited = TEXT.replace("seven drones were shot down", "eight drones were downed")
    found = reanchor(anchor, edited)
    assert found is not None
    assert edited[found.start:found.end] == "eight drones were downed"


def test_reanchor_reports_orphans() -> None:
    start = TEXT.index("seven drones")
    anchor = make_anchor(TEXT, start, start + 12)
    assert reanchor(anchor, "A completely different article about the weather.") is None


@given(st.text(max_size=50), st.text(min_size=1, max_size=30), st.text(max_size=50),
       st.text(max_size=20))
def test_reanchor_finds_quote_after_any_prefix_insert(before: str, quote: str, after: str,
                                                      inserted: str) -> None:
    text = before + quote + after
    anchor = make_anchor(text, len(before), len(before) + len(quote))
    edited = inserted + text
    found = reanchor(anchor, edited)
    assert found is not None
    assert edited[found.start:found.end] == quote
