"""The library interface, on SQLite and (when a server is there) PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.document.fileformat import save_worksheet
from app.document.model import Verdict, Worksheet
from app.library import SAME_CLAIM, SIMILAR, LibraryError, open_library, rebuild_library
from app.library.records import worksheet_records
from tests.library.conftest import BELGOROD_7, BELGOROD_7_AGAIN, BELGOROD_9, UNRELATED, worksheet


def test_indexing_is_skipped_when_nothing_changed_and_replaces_otherwise(library) -> None:  # type: ignore[no-untyped-def]
    ws = worksheet(BELGOROD_7, UNRELATED)
    first = library.index_worksheet(ws, None)
    assert (first.claims, first.unchanged) == (2, False)
    assert library.index_worksheet(ws, None).unchanged
    ws.claims[0].verdict = Verdict.FALSE
    again = library.index_worksheet(ws, None)
    assert not again.unchanged
    stats = library.stats()
    assert (stats.worksheets, stats.claims, stats.checked) == (1, 2, 1)
    assert stats.size_bytes > 0 and stats.schema_version == 1
    assert library.remove_worksheet(ws.id)
    assert not library.remove_worksheet(ws.id)
    assert library.stats().claims == 0


def test_a_file_saved_over_by_another_worksheet_forgets_the_old_one(library) -> None:  # type: ignore[no-untyped-def]
    old = worksheet(BELGOROD_7, title="Old check")
    new = worksheet(UNRELATED, title="New check")
    library.index_worksheet(old, "/checks/story.claimsheet")
    library.index_worksheet(new, "/checks/story.claimsheet")  # the same file, saved over
    assert (library.stats().worksheets, library.stats().claims) == (1, 1)
    assert [h.record.worksheet_id for h in library.search("Belgorod")] == []
    library.index_worksheet(old, "/checks/elsewhere.claimsheet")  # a copy in another file
    assert library.stats().worksheets == 2


def test_a_restated_claim_is_the_same_claim_and_its_own_worksheet_never_matches(library) -> None:  # type: ignore[no-untyped-def]
    mine = worksheet(BELGOROD_7, UNRELATED)
    other = worksheet(BELGOROD_7_AGAIN, title="Earlier check", verdict=Verdict.MOSTLY_TRUE)
    library.index_worksheet(mine, None)
    library.index_worksheet(other, "/checks/earlier.claimsheet")
    found = library.matches(mine.claims[0], mine)
    assert [m.record.worksheet_id for m in found] == [other.id]
    match = found[0]
    assert match.kind == SAME_CLAIM and match.score >= 0.7
    assert match.record.verdict == "mostly-true" and match.record.rating == "Mostly true"
    assert match.record.title == "Earlier check" and match.record.number == 1
    assert match.record.path.endswith("earlier.claimsheet")
    assert match.record.sources[0]["url"] == "https://example.org/s"  # to copy as a citation
    assert "same count 7" in match.reasons
    assert library.matches(mine.claims[1], mine) == []
    everything = library.worksheet_matches(mine)
    assert list(everything) == [mine.claims[0].id]


def test_the_same_event_with_another_count_is_similar_and_a_conflict(library) -> None:  # type: ignore[no-untyped-def]
    seven = worksheet(BELGOROD_7, title="Seven drones")
    nine = worksheet(BELGOROD_9, title="Nine drones")
    library.index_worksheet(seven, "/a.claimsheet")
    library.index_worksheet(nine, "/b.claimsheet")
    found = library.matches(seven.claims[0], seven)
    assert [m.kind for m in found] == [SIMILAR]
    assert any(r.startswith("count differs: 7 here, 9 there") for r in found[0].reasons)
    conflicts = library.conflicts(seven)
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.what == "count"
    assert conflict.explanation.startswith("7 vs 9")
    assert (conflict.first.quote, conflict.second.quote) == ("seven", "nine")
    assert conflict.second.record.title == "Nine drones"
    everywhere = library.conflicts()
    assert len(everywhere) == 1
    assert {everywhere[0].first.record.worksheet_id, everywhere[0].second.record.worksheet_id} \
        == {seven.id, nine.id}


def test_one_worksheet_never_conflicts_with_itself(library) -> None:  # type: ignore[no-untyped-def]
    ws = worksheet(BELGOROD_7, BELGOROD_9)
    library.index_worksheet(ws, None)
    assert library.conflicts(ws) == [] and library.conflicts() == []


def test_search_finds_claims_by_their_words_rationale_and_sources(library) -> None:  # type: ignore[no-untyped-def]
    ws = worksheet(BELGOROD_7, UNRELATED)
    ws.claims[1].rationale = "Checked against the CBOT settlement prices."
    library.index_worksheet(ws, None)
    assert [h.record.text for h in library.search("drones Belgorod")] == [BELGOROD_7[0]]
    assert [h.record.text for h in library.search("settlement")] == [UNRELATED[0]]
    assert library.search("ministry statement")  # a cited source's title
    assert library.search("the of and") == []
    assert library.search("zeppelin") == []
    if library.backend == "postgresql":  # pg_trgm finds a misspelt name
        assert [h.record.text for h in library.search("Bilgorod")] == [BELGOROD_7[0]]


def test_rebuild_reindexes_remembered_files_and_names_the_missing(location: str,
                                                                 tmp_path: Path) -> None:
    a, b = tmp_path / "a.claimsheet", tmp_path / "b.claimsheet"
    wa, wb = worksheet(BELGOROD_7), worksheet(UNRELATED)
    save_worksheet(wa, a)
    save_worksheet(wb, b)
    with open_library(location) as library:
        library.index_file(a)
        library.index_file(b)
        assert sorted(library.indexed_paths()) == [str(a.resolve()), str(b.resolve())]
    b.unlink()
    extra = tmp_path / "more"
    extra.mkdir()
    save_worksheet(worksheet(BELGOROD_9), extra / "c.claimsheet")
    result = rebuild_library(location, [extra])
    assert (result.worksheets, result.claims) == (2, 2)
    assert len(result.problems) == 1 and "b.claimsheet" in result.problems[0]
    with open_library(location) as library:
        assert library.stats().worksheets == 2


FEED = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    "dataFeedElement": [{
        "@type": "DataFeedItem",
        "item": [{
            "@type": "ClaimReview",
            "url": "https://factcheck.example/belgorod",
            "claimReviewed": "Ukraine lost seven drones over Belgorod on 19 October 2023",
            "datePublished": "2023-10-22",
            "author": {"@type": "Organization", "name": "Example Fact Check"},
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                             "worstRating": 1, "alternateName": "Pants on Fire"},
        }],
    }],
}


@pytest.mark.parametrize("shape", ["single", "list", "graph", "itemlist", "datafeed", "api"])
def test_claimreview_files_in_every_published_shape_add_external_reviews(
        library, tmp_path: Path, shape: str) -> None:  # type: ignore[no-untyped-def]
    review = FEED["dataFeedElement"][0]["item"][0]  # type: ignore[index]
    document: object = {
        "single": review,
        "list": [review, {"@type": "WebPage", "name": "not a review"}],
        "graph": {"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "name": "Example"}, review]},
        "itemlist": {"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "item": review}]},
        "datafeed": FEED,
        "api": {"claims": [{"text": review["claimReviewed"], "claimant": "Someone",
                            "claimDate": "2023-10-20T00:00:00Z",
                            "claimReview": [{"publisher": {"name": "Example Fact Check",
                                                           "site": "factcheck.example"},
                                             "url": review["url"], "title": "Belgorod",
                                             "reviewDate": "2023-10-22T00:00:00Z",
                                             "textualRating": "False"}]}]},
    }[shape]
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps(document), "utf-8")
    result = library.import_claimreview(path)
    assert result.reviews == 1
    assert library.stats().reviews == 1
    mine = worksheet(BELGOROD_7)
    found = library.matches(mine.claims[0], mine)
    assert found and found[0].record.kind == "review"
    record = found[0].record
    assert record.verdict == "false" and record.outlet == "Example Fact Check"
    assert record.url == "https://factcheck.example/belgorod" and record.published == "2023-10-22"
    assert library.import_claimreview(path).reviews == 1 and library.stats().reviews == 1


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"{\"@type\": \"ClaimReview\", ", "not valid JSON"),
    (b"%PDF-1.7 binary", "not valid JSON"),
    (b"\xff\xfe\x00\x01", "not a UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b"{\"@type\": \"WebPage\"}", "holds no ClaimReview"),
    (b"[{\"@type\": \"ClaimReview\", \"claimReviewed\": \"ok\"}, {\"@type\": \"ClaimReview\"}]",
     "review 2 has no claimReviewed"),
    (b"{\"@type\": \"ClaimReview\", \"claimReviewed\": {\"x\": 1}}", "not text"),
    (b"{\"@type\": \"ClaimReview\", \"claimReviewed\": \"x\", \"reviewRating\": NaN}",
     "not valid JSON"),
])
def test_malformed_or_hostile_claimreview_files_get_one_line_and_add_nothing(
        library, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(LibraryError) as raised:
        library.import_claimreview(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert library.stats().reviews == 0


def test_oversized_and_missing_claimreview_files_are_refused(library, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from app.library import claimreview

    monkeypatch.setattr(claimreview, "MAX_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text(json.dumps([FEED] * 50), "utf-8")
    with pytest.raises(LibraryError, match="larger than"):
        library.import_claimreview(path)
    with pytest.raises(LibraryError, match="does not exist"):
        library.import_claimreview(tmp_path / "gone.json")
    assert library.stats().reviews == 0


def test_a_library_from_a_newer_claimsheet_is_refused(location: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with open_library(location):
        pass
    from app.library import postgres, sqlite

    monkeypatch.setattr(sqlite, "STEPS", [])
    monkeypatch.setattr(postgres, "STEPS", [])
    with pytest.raises(LibraryError, match="newer Claimsheet"):
        open_library(location)


def test_missing_steps_are_applied_in_order_when_opened(location: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.library import postgres, sqlite

    table = "claimsheet_extra" if location.startswith("postgresql") else "extra"
    with open_library(location) as library:
        assert library.stats().schema_version == 1
    for module in (sqlite, postgres):
        monkeypatch.setattr(module, "STEPS", [*module.STEPS,
                                              [f"CREATE TABLE {table} (x INTEGER)"]])
    with open_library(location) as library:
        assert library.stats().schema_version == 2
    with open_library(location) as library:  # already there: nothing applied twice
        assert library.stats().schema_version == 2


def _night_report(figure: str, value: str, dated: bool) -> Worksheet:
    """A report with no date in its claim and none in its metadata: only a dateline, if any."""
    claim = (f"Russia's defence ministry said its air defences shot down {figure} Ukrainian "
             "drones over the Belgorod region overnight.",
             [("count", figure, value, {"noun": "Ukrainian drones"}),
              ("location", "Belgorod region", "Belgorod region", {"country": "RU"})])
    if not dated:
        return worksheet(claim, published="")
    return worksheet(("Thursday, October 19, 2023", []), claim, published="")


def test_an_article_without_a_published_date_is_dated_by_its_dateline(library) -> None:  # type: ignore[no-untyped-def]
    dated = _night_report("seven", "7", dated=True)
    assert [r.published for r in worksheet_records(dated, None)] == ["2023-10-19"] * 2
    metadata_wins = worksheet(("Thursday, October 19, 2023", []), BELGOROD_7)
    assert worksheet_records(metadata_wins, None)[1].published == "2023-10-20"
    assert worksheet_records(_night_report("seven", "7", dated=False), None)[0].published == ""
    # the date is what lets two reports of one night be found to disagree
    library.index_worksheet(dated, "/seven.claimsheet")
    library.index_worksheet(_night_report("nine", "9", dated=True), "/nine.claimsheet")
    assert [c.what for c in library.conflicts(dated)] == ["count"]


def test_undated_reports_are_not_called_a_conflict(library) -> None:  # type: ignore[no-untyped-def]
    seven = _night_report("seven", "7", dated=False)
    library.index_worksheet(seven, "/seven.claimsheet")
    library.index_worksheet(_night_report("nine", "9", dated=False), "/nine.claimsheet")
    assert library.conflicts(seven) == []
