import pytest
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


# ---------------------------------------------------------------- hostile quotes (issue 11)
# Timed with process_time (CPU seconds): another job on the machine cannot make them fail.

MEGABYTE_OF_A = "a" * 1_000_000
MEGABYTE_OF_AB = "ab" * 500_000


def _cpu_seconds(work) -> float:  # type: ignore[no-untyped-def]
    import time

    started = time.process_time()
    work()
    return time.process_time() - started


def test_a_quote_found_a_million_times_is_resolved_within_the_candidate_cap() -> None:
    from app.document.anchors import MAX_CANDIDATES, Anchor, SearchBudget

    def work() -> None:
        budget = SearchBudget()
        for i in range(1, 101):  # offsets point at a "b": every claim has drifted
            found = reanchor(Anchor(5000 * i + 1, 5000 * i + 2, "a", "ab" * 16, "b" + "x" * 31),
                             MEGABYTE_OF_AB, budget)
            assert found is not None and found.exact == "a"
            assert abs(found.start - (5000 * i + 1)) == 1  # the nearest of the million
    assert MAX_CANDIDATES <= 1000
    assert _cpu_seconds(work) < 1  # before: each claim scored a million candidates in Python


def test_a_prefix_found_everywhere_costs_a_window_per_candidate() -> None:
    from app.document.anchors import Anchor

    anchor = Anchor(500_000, 500_010, "zzzzzzzzzz", "a" * 8, "b" * 8)
    seconds = _cpu_seconds(lambda: reanchor(anchor, MEGABYTE_OF_A))
    assert seconds < 1  # before: a pass over the text for each of a million prefixes


def test_two_hundred_hostile_claims_give_up_cleanly_within_a_second() -> None:
    from app.document.anchors import Anchor, SearchBudget, SearchBudgetExceeded

    def work() -> None:
        budget = SearchBudget()
        with pytest.raises(SearchBudgetExceeded):
            for i in range(200):
                reanchor(Anchor(5000 * i + 1, 5000 * i + 2, "a", "q" * 32, "q" * 32),
                         MEGABYTE_OF_AB, budget)
    assert _cpu_seconds(work) < 1


def test_a_moved_claim_is_found_near_its_old_place_cheaply() -> None:
    from app.document.anchors import Anchor, SearchBudget

    sentences = [f"Sentence {i} says {i % 7} drones were seen. " for i in range(30_000)]
    text = "".join(sentences)
    start = text.index("Sentence 20000 ")
    quote = sentences[20_000]
    anchor = Anchor(start + 700, start + 700 + len(quote), quote, text[start - 32:start],
                    text[start + len(quote):start + len(quote) + 32])
    budget = SearchBudget()
    found = reanchor(anchor, text, budget)
    assert found is not None and found.start == start
    from app.document.anchors import SEARCH_BUDGET_CHARS

    assert SEARCH_BUDGET_CHARS - budget.left < 10_000  # a window, not a pass over 1.3 MB
