"""Claims: which sentences become claims, anchors, worthiness, many articles, cancellation."""

from __future__ import annotations

import threading

import pytest

from app.document.model import Article
from app.extract import ExtractionCancelled, extract, extract_many
from tests.extract.conftest import DATA


@pytest.fixture(scope="module")
def article() -> str:
    return (DATA / "harbour-strike.txt").read_text(encoding="utf-8")


def test_factual_sentences_become_claims_and_commentary_does_not(article: str) -> None:
    claims = extract(article)
    quotes = [c.quote for c in claims]
    assert any(q.startswith("Port officials in Odesa") for q in quotes)
    assert any(q.startswith("Ukraine's Southern Defence Forces") for q in quotes)
    assert not any(q.startswith("This attack is a stark reminder") for q in quotes)
    assert not any(q.startswith("Whether shipping companies") for q in quotes)


def test_claims_are_anchored_and_scored(article: str) -> None:
    for claim in extract(article):
        assert article[claim.start:claim.end] == claim.quote
        assert 0.0 <= claim.worthiness <= 1.0
        for k in claim.checkables:
            assert claim.start <= k.start < k.end <= claim.end
            assert article[k.start:k.end] == k.text


def test_article_date_resolves_relative_dates(article: str) -> None:
    claims = extract(Article(text=article, published="2024-08-01"))  # a Thursday
    tuesday = [k for c in claims for k in c.checkables if k.text == "Tuesday"]
    assert tuesday and tuesday[0].value == "2024-07-30"


def test_extract_many_streams_one_list_per_text(article: str) -> None:
    texts = [article, "", "Nothing checkable here, just a feeling.", article]
    results = list(extract_many(texts))
    assert len(results) == 4
    assert results[1] == [] and results[2] == []
    assert [c.quote for c in results[0]] == [c.quote for c in results[3]]


def test_progress_and_cancel(article: str) -> None:
    seen: list[tuple[int, int]] = []
    extract(article, progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1] == (len(article), len(article))

    stop = threading.Event()
    long_text = (article + "\n\n") * 40
    with pytest.raises(ExtractionCancelled):
        extract(long_text, progress=lambda done, total: stop.set(), cancel=stop)


def test_a_headline_line_is_not_run_into_the_first_sentence() -> None:
    text = ("Storm closes ferry routes in the Baltic\n"
            "The Estonian Transport Administration said on Monday that 14 ferries stayed "
            "in port at Tallinn.\n"
            "The ministry's spokesperson said:\n"
            "The crossings will reopen when the wind drops below 20 metres per second.\n")
    quotes = [c.quote for c in extract(text)]
    assert any(q.startswith("The Estonian Transport Administration") for q in quotes)
    assert not any("Baltic" in q and "Administration" in q for q in quotes)
    # a line ending with a colon leads into the next one: the quote keeps its speaker
    assert any(q.startswith("The ministry's spokesperson said:") and "reopen" in q
               for q in quotes)


def test_a_dateline_is_not_a_claim_and_spans_lose_trailing_space() -> None:
    text = ("Ferry capsizes off Lombok\nSaturday, June 6, 2020\n\n"
            "Rescuers pulled 31 passengers from the sea near Lombok on Friday, the Indonesian "
            "search agency said.\n")
    claims = extract(text)
    assert not any(c.quote.startswith("Saturday") for c in claims)
    assert not any(q.startswith("12 August") for q in _listed(
        "Hellenic Coast Guard\n12 August 2025\n\nA patrol boat rescued 21 sailors off Gavdos "
        "on Monday.\n"))
    for claim in claims:
        for k in claim.checkables:
            assert k.text == k.text.strip()


@pytest.mark.parametrize("dateline", [
    "OSLO, June 2 (Reuters) - ",
    "BRUSSELS (AP) — ",
    "Port Louis (Mauritius) (AFP) - ",
])
def test_a_wire_dateline_stays_with_the_sentence_it_opens(dateline: str) -> None:
    text = ("Navy tracks submarines off the coast\n\n"
            f"{dateline}Norway's navy said it tracked three Russian submarines off Tromso "
            "on Tuesday.\n\nThe boats left the area on Wednesday, the navy said.\n")
    quotes = _listed(text)
    assert any(q.startswith(dateline.strip()) and "three Russian submarines" in q
               for q in quotes), quotes
    assert not any(q[:1] in ",(-—" for q in quotes), quotes  # no torn-off piece of it


def test_no_checkable_runs_across_a_line_break() -> None:
    text = ("Press release: Navy rescues 21 sailors off Gavdos\n\n"
            "Hellenic Coast Guard\n\n"
            "A patrol boat rescued 21 sailors from a burning cargo ship off Gavdos on Monday.\n")
    for claim in extract(text):
        for k in claim.checkables:
            assert "\n" not in k.text, k.text
            assert claim.start <= k.start and k.end <= claim.end, (k.text, claim.quote)


def test_a_line_is_not_cut_after_its_first_word() -> None:
    text = ("Live: Typhoon Haishen hits Okinawa\n\n"
            "09:40 JST\n"
            "Typhoon Haishen made landfall on Okinawa's main island with winds of up to "
            "180 km/h, the Japan Meteorological Agency said.\n\n"
            "09:55 JST\n"
            "More than 120,000 homes are without power, according to Okinawa Electric Power.\n")
    quotes = _listed(text)
    assert any(q.startswith("Typhoon Haishen made landfall") for q in quotes), quotes
    assert not any(q.startswith("Haishen") for q in quotes), quotes


def _listed(text: str) -> list[str]:
    return [c.quote for c in extract(text)]


@pytest.mark.parametrize("sentence", [
    "The vessel is believed to be a Kilo-class submarine.",  # hedged, its only checkable a system
    "The guards were also allegedly beaten with batons.",  # hedged, no checkable at all
    "Those who fell were then trampled by the crowd behind them.",  # an event, no number
    "There are no survivors left at the site.",  # a present fact
    "Two minibuses collided near Ruse on Sunday.",  # a date and a place
])
def test_a_sentence_that_states_something_checkable_is_listed(sentence: str) -> None:
    assert _listed(sentence) == [sentence]


@pytest.mark.parametrize("sentence", [
    "It is crucial to hold those responsible to account.",  # an evaluation
    "We will continue to support our partners in the region.",  # a promise
    "The use of such weapons is horrific and unacceptable.",  # a judgement
    "Had the bridge collapsed an hour later, the toll would have been 300.",  # counterfactual
    "Will the talks ever resume?",  # a question
])
def test_opinion_prediction_and_counterfactuals_are_not_listed(sentence: str) -> None:
    assert _listed(sentence) == []


def test_an_attributed_opinion_is_listed_but_ranked_below_a_fact() -> None:
    text = ('"We deeply regret the losses," the ministry said.\n'
            "The ministry said 14 soldiers were killed near Avdiivka on Monday.\n")
    claims = {c.quote: c for c in extract(text)}
    opinion = next(c for q, c in claims.items() if q.startswith('"We deeply'))
    fact = next(c for q, c in claims.items() if q.startswith("The ministry said 14"))
    assert opinion.worthiness < fact.worthiness


def test_a_title_above_a_dateline_is_listed_only_for_a_hard_checkable() -> None:
    plain = _listed("Storm hits the coast\nMonday, May 4, 2020\n\nWinds felled 300 trees in "
                    "Varna on Sunday.\n")
    assert not any(q.startswith("Storm hits") for q in plain)
    counted = _listed("At least 12 dead as storm hits Varna\nMonday, May 4, 2020\n\nWinds "
                      "felled 300 trees in Varna on Sunday.\n")
    assert any(q.startswith("At least 12 dead") for q in counted)


@pytest.mark.parametrize("line", [
    "(Reporting by Marta Kowal in Lviv; Editing by Peter Lang)",
    "By Anna Berg, security correspondent",
    "kw-ab/jd",
    "Sources: Harbour Authority of Gdynia; Polish Navy",
    "Published 4 June 2024",
    "Associated Press writer Ola Nilsen in Bergen contributed to this report.",
    "Lena Park in Busan contributed reporting.",
])
def test_credit_lines_bylines_and_slugs_are_not_claims(line: str) -> None:
    text = f"Two frigates docked in Gdynia on Monday.\n\n{line}\n"
    quotes = [c.quote for c in extract(text)]
    assert quotes == ["Two frigates docked in Gdynia on Monday."]


def test_a_sentence_that_opens_like_a_credit_is_still_a_claim() -> None:
    text = "Published in May, the audit found that 40 tanks were missing from the depot in Tver."
    assert len(extract(text)) == 1


def test_a_release_line_names_the_issuer() -> None:
    text = ("Patrol boats return to port\n"
            "News release from the Coast Guard of Freedonia\nPublished 2 May 2024\n\n"
            "Three patrol boats returned to Port Ellis on Friday after a 20-day patrol.\n")
    claims = extract(text)
    assert not any("release" in c.quote or "Published" in c.quote for c in claims)
    body = next(c for c in claims if c.quote.startswith("Three"))
    assert body.sourcing.value == "named"
    assert body.source_name == "Coast Guard of Freedonia"


def test_a_press_release_headline_takes_its_issuer_from_the_name_line_below() -> None:
    text = ("Press release: Frigate escorts grain ships through the strait\n\n"
            "Royal Danish Navy\n\n"
            "Our frigate escorted four grain ships through the Oresund on Thursday.\n")
    body = next(c for c in extract(text) if c.quote.startswith("Our frigate"))
    assert body.sourcing.value == "named"
    assert body.source_name == "Royal Danish Navy"


def test_an_elliptical_answer_is_not_a_claim() -> None:
    text = "Can the radar see the drones? In theory, it could."
    assert not extract(text)


def test_a_closing_sources_list_is_not_claims() -> None:
    text = ("A coast guard ship fired a water cannon at a supply boat near Ayungin on Monday.\n\n"
            "Twelve marines were on board, officials said.\n\n"
            "Sources\n"
            "\"Boat hit by water cannon near shoal\" — Example News, 3 May 2024\n"
            "\"Manila protests to Beijing\" — Sample Times, 4 May 2024\n")
    quotes = [c.quote for c in extract(text)]
    assert len(quotes) == 2
    assert not any("Example News" in q or "Sample Times" in q for q in quotes)
