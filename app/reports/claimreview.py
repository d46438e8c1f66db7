"""schema.org ClaimReview JSON-LD, one review per claim that has a verdict.

Field choices follow the ClaimReview markup fact-checkers publish:

* ``claimReviewed`` is the quote; ``itemReviewed`` is a ``Claim`` whose
  ``author`` is whoever the article attributes it to (the named source, an
  anonymous source, or the article's own author/outlet) and whose
  ``appearance`` is the article.
* ``reviewRating`` uses the 1 (false) … 5 (true) scale with the verdict label
  as ``alternateName``. Verdicts off that scale (Unverifiable) carry only the
  label; "Not a claim" is not a reviewable claim and is left out.
* ``url`` should be where the fact-check is published. A worksheet has no such
  page yet, so by default each review gets a stable URN made of the worksheet
  id and claim number; pass ``review_url`` (an http(s) URL, optionally with
  ``{number}``, ``{id}`` and ``{worksheet}`` placeholders) to point at the real
  page. Several reviews may share one page, so placeholders are optional.
* Only claims whose status is "reviewed" are exported unless
  ``include_unreviewed`` is set (``--include-unreviewed``): a claim still in
  progress is not a published fact-check.
* ``author`` of a review is whoever publishes the fact-check: with
  ``publisher`` that organisation (the convention Google's ClaimReview guide
  asks for, also written as ``publisher``), otherwise the worksheet's checker.
* The evidence kept for the sources a claim cites is listed by hash as
  ``associatedMedia``: one schema.org ``MediaObject`` per file, with its
  ``name``, ``encodingFormat``, ``contentSize``, ``sha256`` and, when known,
  the ``url`` it was found at. The files themselves stay in the worksheet.

The output is meant to be pasted into a ``<script type="application/ld+json">``
element, so ``<``, ``>`` and ``&`` are written as JSON ``\\u`` escapes: a
quote containing ``</script>`` cannot end the element early.
"""

from __future__ import annotations

import json
from typing import Any

from app.document.model import Claim, Evidence, Sourcing, Status, Verdict, Worksheet
from app.reports.markup import safe_url

# Characters that are harmless in JSON strings but could end or confuse a
# <script> element (or a JavaScript string, for the two line separators).
_SCRIPT_SAFE = str.maketrans({"&": "\\u0026", "<": "\\u003c", ">": "\\u003e",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})

BEST_RATING = 5
WORST_RATING = 1


def _date(value: str) -> str:
    """The date part of an ISO timestamp (``2023-10-21T08:12:40+00:00`` → ``2023-10-21``)."""
    return value[:10] if len(value) >= 10 and value[4:5] == "-" else value


_ORGANISATION_KINDS = frozenset({"organisation", "organization", "org", "government",
                                 "agency", "company", "media"})
_PLACEHOLDERS = ("{number}", "{id}", "{worksheet}")


class ReviewUrlError(ValueError):
    """The ``review_url`` template does not give an http(s) URL."""


def _named_agent_type(claim: Claim) -> str:
    """``Organization`` when the named source is tagged as one among the checkables.

    "The Russian Ministry of Defense" is not a Person; the extractor marks such
    actors with ``kind: organisation``, which is the only evidence available.
    """
    name = claim.source_name.strip().lower().removeprefix("the ").strip()
    for checkable in claim.checkables:
        text = checkable.text.strip().lower().removeprefix("the ").strip()
        kind = checkable.attributes.get("kind", "").lower()
        if text and (text in name or name in text) and kind in _ORGANISATION_KINDS:
            return "Organization"
    return "Person"


def review_url_for(template: str, *, number: int, claim_id: str, worksheet_id: str) -> str:
    """``template`` with its placeholders filled in (no other ``{}`` syntax is read)."""
    url = template.strip()
    for placeholder, value in zip(_PLACEHOLDERS, (str(number), claim_id, worksheet_id),
                                  strict=True):
        url = url.replace(placeholder, value)
    return url


def check_review_url(template: str) -> None:
    """Raise :class:`ReviewUrlError` unless ``template`` yields an absolute http(s) URL."""
    sample = review_url_for(template, number=1, claim_id="c-0", worksheet_id="w-0")
    if safe_url(sample) is None:
        raise ReviewUrlError(f"--url-template must be an http(s) URL, got {template!r}")


def _claim_author(claim: Claim, worksheet: Worksheet) -> dict[str, Any]:
    article = worksheet.article
    if claim.sourcing == Sourcing.NAMED and claim.source_name:
        return {"@type": _named_agent_type(claim), "name": claim.source_name}
    if claim.sourcing == Sourcing.UNNAMED:
        name = claim.source_name or "anonymous source"
        return {"@type": "Person", "name": f"Unnamed source ({name})"}
    if article.author:
        return {"@type": "Person", "name": article.author}
    return {"@type": "Organization", "name": article.outlet or "Unknown"}


def _appearance(worksheet: Worksheet) -> dict[str, Any]:
    article = worksheet.article
    item: dict[str, Any] = {"@type": "NewsArticle", "headline": worksheet.title}
    if safe_url(article.url):
        item["url"] = article.url.strip()
    if article.published:
        item["datePublished"] = _date(article.published)
    if article.outlet:
        item["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.author:
        item["author"] = {"@type": "Person", "name": article.author}
    return item


def _rating(verdict: Verdict) -> dict[str, Any]:
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": verdict.label,
    }
    if verdict.rating is not None:
        rating["ratingValue"] = verdict.rating
    return rating


def _evidence(worksheet: Worksheet, claim: Claim,
              by_source: dict[str, list[Evidence]]) -> list[dict[str, Any]]:
    """The evidence of the sources a claim cites, by hash (schema.org ``MediaObject``)."""
    media: list[dict[str, Any]] = []
    seen: set[str] = set()
    for citation in claim.citations:
        for item in by_source.get(citation.source_id, ()):
            if item.sha256 in seen:
                continue
            seen.add(item.sha256)
            entry: dict[str, Any] = {"@type": "MediaObject", "name": item.name,
                                     "encodingFormat": item.media_type.value,
                                     "contentSize": f"{item.size} bytes",
                                     "sha256": item.sha256}
            if safe_url(item.url):
                entry["url"] = item.url.strip()
            media.append(entry)
    return media


def claim_reviews(worksheet: Worksheet, *, review_url: str | None = None,
                  publisher: str | None = None,
                  include_unreviewed: bool = False) -> list[dict[str, Any]]:
    """One ClaimReview object per reviewed claim with a reviewable verdict, in claim order.

    A ClaimReview is a published fact-check, so a claim still being checked is
    left out unless ``include_unreviewed``: only claims whose status is
    "reviewed" (signed off by the reviewer) are exported by default.
    """
    if review_url:
        check_review_url(review_url)
    publisher = (publisher or "").strip() or None
    reviews = []
    appearance = _appearance(worksheet)
    if publisher:
        author = {"@type": "Organization", "name": publisher}
    else:
        author = {"@type": "Person", "name": worksheet.checker.strip() or "Claimsheet user"}
    evidence_by_source: dict[str, list[Evidence]] = {}
    for item in worksheet.evidence:
        for source_id in item.sources:
            evidence_by_source.setdefault(source_id, []).append(item)
    for number, claim in worksheet.numbered_claims():
        if claim.verdict is None or claim.verdict == Verdict.NOT_A_CLAIM:
            continue
        if claim.status != Status.REVIEWED and not include_unreviewed:
            continue
        url = (review_url_for(review_url, number=number, claim_id=claim.id,
                              worksheet_id=worksheet.id) if review_url
               else f"urn:claimsheet:{worksheet.id}:claim:{number}")
        claim_item: dict[str, Any] = {
            "@type": "Claim",
            "author": _claim_author(claim, worksheet),
            "appearance": [appearance],
        }
        if worksheet.article.published:
            claim_item["datePublished"] = _date(worksheet.article.published)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim.quote,
            "datePublished": _date(worksheet.modified),
            "author": dict(author),
            "reviewRating": _rating(claim.verdict),
            "itemReviewed": claim_item,
        }
        if publisher:
            review["publisher"] = {"@type": "Organization", "name": publisher}
        if claim.rationale.strip():
            review["reviewBody"] = claim.rationale
        media = _evidence(worksheet, claim, evidence_by_source)
        if media:
            review["associatedMedia"] = media
        reviews.append(review)
    return reviews


def dumps(reviews: list[dict[str, Any]]) -> str:
    """Pretty JSON, safe to embed in an HTML ``<script>`` element."""
    text = json.dumps(reviews, ensure_ascii=False, indent=2)
    return text.translate(_SCRIPT_SAFE) + "\n"


def claimreview_json(worksheet: Worksheet, **options: Any) -> str:
    return dumps(claim_reviews(worksheet, **options))
