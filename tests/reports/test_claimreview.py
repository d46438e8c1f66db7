"""ClaimReview JSON-LD: validates against the shipped schema, maps verdicts right."""

from __future__ import annotations

import json

import jsonschema
import pytest

from app.document.model import Sourcing, Verdict
from app.reports.claimreview import claim_reviews, claimreview_json
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
    document = json.loads(claimreview_json(ws))
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
    validator.validate(json.loads(claimreview_json(ws, publisher="Example Checks")))
    reviews = claim_reviews(ws, review_url="https://checks.example/ws#claim-{number}")
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
