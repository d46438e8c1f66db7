"""ClaimReview JSON-LD: validates against the shipped schema, maps verdicts right."""

from __future__ import annotations

import json

import jsonschema
import pytest

from app.document.model import Checkable, CheckableType, Sourcing, Verdict
from app.reports.claimreview import ReviewUrlError, claim_reviews, claimreview_json
from app.reports.specimen import synthetic_worksheet
from app.resources import read_text
from tests.reports.worksheets import seed_worksheet


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(read_text("schema", "claimreview.schema.json"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_seed_output_validates(validator: jsonschema.protocols.Validator) -> None:
    ws = seed_worksheet()
    document = json.loads(claimreview_json(ws, include_unreviewed=True))
    validator.validate(document)
    reviewable = [c for c in ws.claims if c.verdict not in (None, Verdict.NOT_A_CLAIM)]
    assert [r["claimReviewed"] for r in document] == [c.quote for c in reviewable]
    for review, claim in zip(document, reviewable, strict=True):
        rating = review["reviewRating"]
        assert rating["alternateName"] == claim.verdict.label
        assert rating.get("ratingValue") == claim.verdict.rating
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        appearance = review["itemReviewed"]["appearance"][0]
        assert appearance["url"] == ws.article.url
        author = review["itemReviewed"]["author"]["name"]
        if claim.sourcing == Sourcing.NAMED:
            assert author == claim.source_name
        assert review["author"]["name"] == ws.checker


def test_every_verdict_and_sourcing_validates(validator: jsonschema.protocols.Validator) -> None:
    ws = synthetic_worksheet(claims=40, sources=10)
    ws.article.url = "not a url"
    ws.checker = ""
    validator.validate(json.loads(claimreview_json(ws, publisher="Example Checks",
                                                    include_unreviewed=True)))
    reviews = claim_reviews(ws, review_url="https://checks.example/ws#claim-{number}",
                            include_unreviewed=True)
    validator.validate(reviews)
    assert reviews[0]["url"].startswith("https://checks.example/ws#claim-")
    assert all("url" not in r["itemReviewed"]["appearance"][0] for r in reviews)
    names = {r["reviewRating"]["alternateName"] for r in reviews}
    assert "Not a claim" not in names and "Unverifiable" in names and "False" in names


def test_schema_rejects_what_it_should(validator: jsonschema.protocols.Validator) -> None:
    review = claim_reviews(seed_worksheet())[0]
    broken = json.loads(json.dumps(review))
    broken["reviewRating"]["ratingValue"] = 9
    with pytest.raises(jsonschema.ValidationError):
        validator.validate([broken])
    missing = json.loads(json.dumps(review))
    del missing["itemReviewed"]["author"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate([missing])


def test_output_is_safe_inside_a_script_element() -> None:
    ws = seed_worksheet()
    ws.claims[0].anchor = ws.claims[0].anchor.__class__(0, 5, "</script><script>alert(1)&")
    text = claimreview_json(ws)
    assert "</script>" not in text and "<" not in text and "&" not in text
    assert json.loads(text)[0]["claimReviewed"] == "</script><script>alert(1)&"


def test_no_verdicts_means_empty_list() -> None:
    ws = seed_worksheet()
    for claim in ws.claims:
        claim.verdict = None
    assert json.loads(claimreview_json(ws)) == []


def test_url_template_fills_placeholders_and_nothing_else(
        validator: jsonschema.protocols.Validator) -> None:
    ws = seed_worksheet()
    template = "https://checks.example/{worksheet}/{id}?n={number}&x={0}{number.real}"
    reviews = claim_reviews(ws, review_url=template)
    validator.validate(reviews)
    first = next(c for c in ws.claims if c.verdict not in (None, Verdict.NOT_A_CLAIM))
    number = ws.claims.index(first) + 1
    assert reviews[0]["url"] == (f"https://checks.example/{ws.id}/{first.id}?n={number}"
                                 "&x={0}{number.real}")


@pytest.mark.parametrize("template", ["javascript:alert({number})", "file:///tmp/{id}",
                                      "checks.example/{number}", "{number}", ""])
def test_url_template_must_be_http(template: str) -> None:
    if not template:
        # An empty template means "no template": the default URN.
        assert claim_reviews(seed_worksheet(), review_url=template)[0]["url"].startswith("urn:")
        return
    with pytest.raises(ReviewUrlError):
        claim_reviews(seed_worksheet(), review_url=template)


def test_publisher_is_the_review_author(validator: jsonschema.protocols.Validator) -> None:
    ws = seed_worksheet()
    reviews = claim_reviews(ws, publisher="  Example Checks ")
    validator.validate(reviews)
    for review in reviews:
        assert review["author"] == {"@type": "Organization", "name": "Example Checks"}
        assert review["publisher"] == {"@type": "Organization", "name": "Example Checks"}
    assert all(r["author"]["name"] == ws.checker for r in claim_reviews(ws, publisher=" "))


def test_named_organisation_is_not_a_person() -> None:
    ws = seed_worksheet()
    claim = ws.claims[0]
    claim.verdict = Verdict.FALSE
    claim.sourcing = Sourcing.NAMED
    claim.source_name = "The Russian Ministry of Defense"
    claim.checkables = [Checkable(type=CheckableType.ACTOR, start=claim.start,
                                  end=claim.start + 3, text="Russian Ministry of Defense",
                                  attributes={"kind": "organisation"})]
    assert claim_reviews(ws)[0]["itemReviewed"]["author"] == {
        "@type": "Organization", "name": "The Russian Ministry of Defense"}
    claim.checkables[0].attributes = {"kind": "person"}
    assert claim_reviews(ws)[0]["itemReviewed"]["author"]["@type"] == "Person"


def test_headline_of_an_untitled_article_ends_on_a_whole_word() -> None:
    ws = seed_worksheet()
    ws.article.title = ""
    headline = claim_reviews(ws)[0]["itemReviewed"]["appearance"][0]["headline"]
    first_line = ws.article.text.strip().splitlines()[0]
    if len(first_line) > 90:
        assert headline.endswith("\u2026")
        assert first_line.startswith(headline[:-1])
        assert first_line[len(headline) - 1] in " ,;:.-"
    else:
        assert headline == first_line


def test_only_reviewed_claims_are_published_by_default() -> None:
    from app.document.model import Status

    ws = seed_worksheet()
    reviewed = [c.quote for c in ws.claims if c.status == Status.REVIEWED
                and c.verdict not in (None, Verdict.NOT_A_CLAIM)]
    unreviewed = [c for c in ws.claims if c.status != Status.REVIEWED
                  and c.verdict not in (None, Verdict.NOT_A_CLAIM)]
    assert reviewed and unreviewed
    assert [r["claimReviewed"] for r in claim_reviews(ws)] == reviewed
    everything = claim_reviews(ws, include_unreviewed=True)
    assert len(everything) == len(reviewed) + len(unreviewed)
