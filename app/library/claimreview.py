"""Reading ClaimReview JSON-LD published by fact-checkers and aggregators.

Accepted shapes (all seen in the wild):

* one ``ClaimReview`` object, or a list of them (what ``claimsheet export
  --claimreview`` writes);
* JSON-LD containers: ``@graph``, ``ItemList`` (``itemListElement``, items
  bare or wrapped in ``ListItem.item``), ``DataFeed`` (``dataFeedElement``
  of ``DataFeedItem.item``, the feed format Google's Fact Check tools read);
* the Fact Check Tools API answer (``{"claims": [{"text", "claimant",
  "claimDate", "claimReview": [{"publisher", "url", "textualRating",
  "reviewDate"}]}]}``) that aggregators pass around.

Reading is all-or-nothing: the whole file is parsed and checked before the
library is touched, and any problem raises :class:`ClaimReviewError` with one
line saying what is wrong and where. Objects of other types (``WebPage``,
``Organization``) are skipped and counted; a file without any review is an
error.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.document.model import Verdict
from app.library.records import REVIEW, ClaimRecord, derive

MAX_BYTES = 32 * 1024 * 1024      # a feed larger than this is not a ClaimReview file
MAX_REVIEWS = 200_000
MAX_DEPTH = 40                    # nesting deeper than any real feed
FIELD_LIMIT = 20_000              # characters kept of any one text field


class ClaimReviewError(Exception):
    """A file that cannot be imported; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class ParsedFile:
    reviews: list[ClaimRecord]
    skipped: int


def read_limited(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a file of at most ``limit`` bytes (default :data:`MAX_BYTES`).

    Read with the shared bounded reader (:func:`app.reading.read_file`): regular
    files only, never blocking on a pipe, never more than the limit.
    """
    from app.messages import shown, shown_name
    from app.reading import FileRefused, FileTooLarge, read_file

    p = Path(path)
    limit = MAX_BYTES if limit is None else limit
    try:
        return read_file(p, limit=limit)
    except FileTooLarge:
        raise ClaimReviewError(f"{shown_name(p)} is larger than {limit // (1024 * 1024)} MB; "
                               "a ClaimReview file is not that big") from None
    except FileRefused as exc:
        if exc.kind == "missing":
            raise ClaimReviewError(f"{shown(p)} does not exist") from None
        raise ClaimReviewError(f"cannot read {shown_name(p)}: {exc.reason}") from None


def parse_file(path: str | os.PathLike[str]) -> ParsedFile:
    """All reviews of a ClaimReview file, or :class:`ClaimReviewError`."""
    p = Path(path)
    return parse_bytes(read_limited(p), p.name, str(p.resolve()))


def parse_bytes(data: bytes, name: str, path: str = "") -> ParsedFile:
    if not data.strip():
        raise ClaimReviewError(f"{name} is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ClaimReviewError(f"{name} is not a UTF-8 text file, so not JSON-LD") from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ClaimReviewError(f"{name} is nested too deeply to be ClaimReview JSON-LD") from None
    except json.JSONDecodeError as exc:
        raise ClaimReviewError(f"{name} is not valid JSON (line {exc.lineno}, column "
                               f"{exc.colno}: {exc.msg})") from None
    except ValueError as exc:
        raise ClaimReviewError(f"{name} is not valid JSON ({exc})") from None
    reader = _Reader(name, path)
    reader.walk(document, 0)
    if not reader.reviews:
        raise ClaimReviewError(f"{name} holds no ClaimReview (looked for @type ClaimReview, "
                               "@graph, ItemList, DataFeed and Fact Check API claims)")
    return ParsedFile(reader.reviews, reader.skipped)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("@type", ())
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)}


class _Reader:
    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path
        self.reviews: list[ClaimRecord] = []
        self.skipped = 0
        self.seen: set[str] = set()

    def fail(self, problem: str) -> ClaimReviewError:
        return ClaimReviewError(f"{self.name}: review {len(self.reviews) + 1} {problem}")

    def walk(self, node: Any, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise ClaimReviewError(f"{self.name} is nested too deeply to be ClaimReview JSON-LD")
        if isinstance(node, list):
            for item in node:
                self.walk(item, depth + 1)
            return
        if not isinstance(node, dict):
            return
        types = _types(node)
        if "ClaimReview" in types:
            self.add(self.review(node))
            return
        if isinstance(node.get("claims"), list) and "@type" not in node:
            for claim in node["claims"]:
                self.api_claim(claim)
            return
        containers = ("@graph", "itemListElement", "dataFeedElement", "item", "mainEntity")
        found = False
        for key in containers:
            if key in node:
                found = True
                self.walk(node[key], depth + 1)
        if not found and types:
            self.skipped += 1

    def add(self, record: ClaimRecord) -> None:
        if len(self.reviews) >= MAX_REVIEWS:
            raise ClaimReviewError(f"{self.name} holds more than {MAX_REVIEWS:,} reviews")
        if record.claim_id in self.seen:
            return  # the same review listed twice in one feed
        self.seen.add(record.claim_id)
        self.reviews.append(derive(record))

    # ------------------------------------------------------------ schema.org ClaimReview

    def review(self, node: dict[str, Any]) -> ClaimRecord:
        claim = self.text(node, "claimReviewed")
        item = node.get("itemReviewed")
        if not claim and isinstance(item, dict):
            claim = self.text(item, "text") or self.text(item, "name")
        if not claim:
            raise self.fail("has no claimReviewed text")
        publisher = self.agent(node.get("publisher")) or self.agent(node.get("author"))
        rating = node.get("reviewRating")
        words, verdict = self.rating(rating)
        url = self.text(node, "url")
        date = self.text(node, "datePublished")[:10]
        return self.record(claim, url, publisher, date, words, verdict,
                           self.text(node, "reviewBody") or self.text(node, "description"))

    def rating(self, rating: Any) -> tuple[str, str | None]:
        if rating is None:
            return "", None
        if isinstance(rating, list):
            rating = rating[0] if rating else {}
        if not isinstance(rating, dict):
            raise self.fail("has a reviewRating that is not an object")
        words = self.text(rating, "alternateName") or self.text(rating, "name")
        value = _number(rating.get("ratingValue"))
        best = _number(rating.get("bestRating"))
        worst = _number(rating.get("worstRating"))
        verdict = verdict_from_words(words)
        if verdict is None and value is not None and best is not None and worst is not None \
                and best > worst and worst <= value <= best:
            verdict = _VERDICT_BY_FIVE[round(1 + 4 * (value - worst) / (best - worst))]
        if not words and verdict is not None:
            words = Verdict(verdict).label
        return words, verdict

    def agent(self, value: Any) -> str:
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str):
            return value.strip()[:200]
        if isinstance(value, dict):
            return self.text(value, "name")[:200]
        return ""

    def text(self, node: dict[str, Any], key: str) -> str:
        value = node.get(key)
        if value is None:
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.fail(f"has a {key} that is not text")
        return " ".join(value.split())[:FIELD_LIMIT]

    # ------------------------------------------------------------ Fact Check Tools API

    def api_claim(self, claim: Any) -> None:
        if not isinstance(claim, dict):
            raise self.fail("is not an object")
        text = self.text(claim, "text")
        reviews = claim.get("claimReview")
        if not text or not isinstance(reviews, list):
            raise self.fail("has no text or no claimReview list")
        for review in reviews:
            if not isinstance(review, dict):
                raise self.fail("has a claimReview that is not an object")
            words = self.text(review, "textualRating")
            publisher = self.agent(review.get("publisher"))
            date = (self.text(review, "reviewDate") or self.text(claim, "claimDate"))[:10]
            self.add(self.record(text, self.text(review, "url"), publisher, date, words,
                                 verdict_from_words(words), self.text(review, "title")))

    def record(self, claim: str, url: str, publisher: str, date: str, words: str,
               verdict: str | None, body: str) -> ClaimRecord:
        key = hashlib.sha256(f"{url}\n{publisher}\n{claim}".encode()).hexdigest()[:24]
        return ClaimRecord(
            claim_id=f"r-{key}", worksheet_id=f"review:{key}", text=claim, kind=REVIEW,
            verdict=verdict, rating=words[:200], status="reviewed", rationale=body,
            title=claim[:200], outlet=publisher, published=date, path=self.path, url=url,
        )


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


_VERDICT_BY_FIVE = {1: "false", 2: "mostly-false", 3: "half-true", 4: "mostly-true", 5: "true"}
_RATING_WORDS = [  # checked in order: the first phrase found in the rating decides
    ("pants on fire", "false"), ("mostly false", "mostly-false"),
    ("mostly true", "mostly-true"), ("half true", "half-true"), ("half-true", "half-true"),
    ("misleading", "half-true"), ("missing context", "half-true"), ("mixture", "half-true"),
    ("partly false", "mostly-false"), ("partly true", "half-true"), ("exaggerat", "mostly-false"),
    ("unproven", "unverifiable"), ("unverified", "unverifiable"),
    ("unverifiable", "unverifiable"), ("no evidence", "unverifiable"),
    ("satire", "not-a-claim"), ("not a claim", "not-a-claim"),
    ("incorrect", "false"), ("inaccurate", "false"), ("fake", "false"), ("false", "false"),
    ("wrong", "false"), ("correct", "true"), ("accurate", "true"), ("true", "true"),
]


def verdict_from_words(words: str) -> str | None:
    """A verdict value for a fact-checker's rating words ("Pants on Fire!" → false)."""
    low = " ".join(words.lower().replace("-", " ").split())
    if not low:
        return None
    for phrase, verdict in _RATING_WORDS:
        if phrase.replace("-", " ") in low:
            return verdict
    return None
