"""The worksheet document model (see PRODUCT.md, "The document model").

Everything a checker produces lives in one :class:`Worksheet`: the article
whose text all offsets point into, the claims found in it (each with typed
checkables, sourcing, hedging, verdict and status) and the sources cited.
The classes are plain dataclasses so the file format, the extractor, the
reports and the Qt layer can all share them without importing each other.

They are also the one definition of the file format
(:mod:`app.document.definition`): fields are written in declaration order
(ids first, which is why they are keyword-only), a field without a default
must be in the file, and :func:`~app.document.definition.filed` metadata says
what a type cannot (another key, an id or offset, a range).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from app.document import utf8
from app.document.anchors import Anchor
from app.document.definition import filed

if TYPE_CHECKING:
    from app.document.locker import EvidenceLocker


def new_id(prefix: str) -> str:
    """A short random id such as ``c-3f9a1b2c``; unique enough within one worksheet."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with seconds precision."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Verdict(StrEnum):
    """The ClaimReview-compatible verdict scale."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly-true"
    HALF_TRUE = "half-true"
    MOSTLY_FALSE = "mostly-false"
    FALSE = "false"
    UNVERIFIABLE = "unverifiable"
    NOT_A_CLAIM = "not-a-claim"

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]

    @property
    def rating(self) -> int | None:
        """ClaimReview ratingValue on a 1 (false) to 5 (true) scale, None off the scale."""
        return _VERDICT_RATINGS.get(self)


_VERDICT_LABELS = {
    Verdict.TRUE: "True",
    Verdict.MOSTLY_TRUE: "Mostly true",
    Verdict.HALF_TRUE: "Half true / Misleading",
    Verdict.MOSTLY_FALSE: "Mostly false",
    Verdict.FALSE: "False",
    Verdict.UNVERIFIABLE: "Unverifiable",
    Verdict.NOT_A_CLAIM: "Not a claim",
}
_VERDICT_RATINGS = {
    Verdict.TRUE: 5,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.HALF_TRUE: 3,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.FALSE: 1,
}


class Status(StrEnum):
    """Where a claim is in the checking workflow, in order."""

    TODO = "todo"
    IN_PROGRESS = "in-progress"
    CHECKED = "checked"
    REVIEWED = "reviewed"

    @property
    def label(self) -> str:
        return {"todo": "To do", "in-progress": "In progress", "checked": "Checked",
                "reviewed": "Reviewed"}[self.value]

    def next(self) -> Status:
        """The following status, wrapping from reviewed back to to do."""
        order = list(Status)
        return order[(order.index(self) + 1) % len(order)]


class Sourcing(StrEnum):
    """Who the article says the claim comes from."""

    NAMED = "named"
    UNNAMED = "unnamed"
    NONE = "none"


class CheckableType(StrEnum):
    """The kinds of checkable fact inside a claim."""

    DATE = "date"
    SYSTEM = "system"
    LOCATION = "location"
    COUNT = "count"
    ACTOR = "actor"


class SourceKind(StrEnum):
    PRIMARY_DOCUMENT = "primary-document"
    OFFICIAL_STATEMENT = "official-statement"
    NEWS_REPORT = "news-report"
    EXPERT = "expert"
    DATASET = "dataset"
    IMAGE_VIDEO = "image-video"
    OTHER = "other"


class Stance(StrEnum):
    """How a source bears on one claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class Origin(StrEnum):
    EXTRACTED = "extracted"
    MANUAL = "manual"


@dataclass(slots=True)
class Checkable:
    """A typed span inside a claim, with a normalized value and its own tick.

    Offsets are absolute offsets into the article text. ``value`` holds the
    normalized form (ISO date or interval, number, canonical system name,
    country); ``attributes`` holds the rest (``noun`` for a count, ``relative``
    for a date, ``country`` for a location, ``qualifier`` such as "at least").
    """

    id: str = field(default_factory=lambda: new_id("k"), kw_only=True,
                    metadata=filed(kind="id", required=True))
    type: CheckableType
    start: int = field(metadata=filed(kind="offset"))
    end: int = field(metadata=filed(kind="offset"))
    text: str
    value: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    checked: bool = False
    note: str = ""


@dataclass(slots=True)
class Citation:
    """A source attached to a claim, with the source's stance on that claim."""

    source_id: str = field(metadata=filed(key="source", kind="id"))
    stance: Stance = field(default=Stance.CONTEXT, metadata=filed(required=True))


@dataclass(slots=True)
class Claim:
    id: str = field(default_factory=lambda: new_id("c"), kw_only=True,
                    metadata=filed(kind="id", required=True))
    anchor: Anchor
    worthiness: float = field(default=0.0, metadata=filed(schema={"minimum": 0, "maximum": 1}))
    sourcing: Sourcing = Sourcing.NONE
    source_name: str = ""
    hedged: bool = False
    hedges: list[str] = field(default_factory=list)
    checkables: list[Checkable] = field(default_factory=list)
    verdict: Verdict | None = None
    status: Status = Status.TODO
    rationale: str = ""
    citations: list[Citation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    origin: Origin = Origin.EXTRACTED
    #: The number the checker knows the claim by ("claim 16"): given once, when the claim
    #: joins a worksheet, and never reused there (0 until then). Reading order, not the
    #: number, decides where a claim sits in the list.
    number: int = field(default=0, metadata=filed(schema={"minimum": 0}))

    @property
    def start(self) -> int:
        return self.anchor.start

    @property
    def end(self) -> int:
        return self.anchor.end

    @property
    def quote(self) -> str:
        return self.anchor.exact


@dataclass(slots=True)
class Source:
    id: str = field(default_factory=lambda: new_id("s"), kw_only=True,
                    metadata=filed(kind="id", required=True))
    title: str = ""
    url: str = ""
    publisher: str = ""
    author: str = ""
    published: str = ""
    accessed: str = ""
    archive_url: str = ""
    kind: SourceKind = SourceKind.OTHER
    excerpt: str = ""
    notes: str = ""


TITLE_LIMIT = 90


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def written_sha256(text: str) -> str:
    """The checksum of the text as written (a lone surrogate is written as U+FFFD)."""
    return text_sha256(text if text.isascii() else utf8.scrub(text))


@dataclass(slots=True)
class Article:
    """The article being checked. ``text`` never changes once imported.

    In the file the text comes last (after ``sha256``, its checksum, written on
    saving and not read back), so the short fields stay at the top of a diff.
    """

    title: str = field(default="", kw_only=True)
    outlet: str = field(default="", kw_only=True)
    author: str = field(default="", kw_only=True)
    url: str = field(default="", kw_only=True)
    published: str = field(default="", kw_only=True)
    language: str = field(default="en", kw_only=True)
    imported_from: str = field(default="", kw_only=True)
    import_format: str = field(default="", kw_only=True)
    file_sha256: str = field(default="", kw_only=True)
    text: str = field(metadata=filed(computed=(("sha256", lambda text: written_sha256(text)),)))

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


class MediaType(StrEnum):
    """The kinds of file a worksheet keeps as evidence (see :mod:`app.document.evidence`)."""

    PDF = "application/pdf"
    PNG = "image/png"
    JPEG = "image/jpeg"
    WEBP = "image/webp"
    HTML = "text/html"
    MHTML = "multipart/related"
    WARC = "application/warc"
    WACZ = "application/wacz"
    TEXT = "text/plain"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Capture(StrEnum):
    """How a piece of evidence came in."""

    FILE = "file"  # a file dropped or chosen, or `claimsheet evidence add`
    PAGE = "page"  # a saved web page or web archive (HTML, MHTML, WARC, WACZ)
    SCREENSHOT = "screenshot"  # the screen, taken by Claimsheet
    PASTED_IMAGE = "pasted-image"  # an image pasted from the clipboard


@dataclass(slots=True)
class Evidence:
    """A copy of a file a verdict rests on, kept inside the worksheet.

    The bytes are stored once per content (``evidence/<sha256>.<ext>`` in the
    container), whatever the number of sources citing them; this record says
    what they are, when and how they were captured, and which sources cite them.
    """

    sha256: str = field(metadata=filed(kind="sha256"))
    name: str  # the file name as captured
    media_type: MediaType
    size: int = field(metadata=filed(schema={"minimum": 0}))
    captured: str  # ISO 8601 time of capture (UTC)
    capture: Capture = Capture.FILE
    url: str = ""  # where it was found, if known
    sources: list[str] = field(default_factory=list, metadata=filed(kind="id"))


def _new_locker() -> EvidenceLocker:
    from app.document.locker import EvidenceLocker

    return EvidenceLocker()


@dataclass(slots=True)
class Worksheet:
    id: str = field(default_factory=lambda: str(uuid.uuid4()), kw_only=True,
                    metadata=filed(kind="id", required=True))
    created: str = field(default_factory=now_iso, kw_only=True, metadata=filed(missing=""))
    modified: str = field(default_factory=now_iso, kw_only=True, metadata=filed(missing=""))
    checker: str = field(default="", kw_only=True)
    reviewer: str = field(default="", kw_only=True)
    notes: str = field(default="", kw_only=True)
    #: The number the next new claim gets; numbers of deleted claims are never given again.
    next_number: int = field(default=1, kw_only=True, metadata=filed(
        key="next_claim_number", schema={"minimum": 1}))
    article: Article
    claims: list[Claim] = field(default_factory=list, metadata=filed(required=True))
    sources: list[Source] = field(default_factory=list, metadata=filed(required=True))
    #: Copies of the files the verdicts rest on (their bytes are in ``locker``).
    evidence: list[Evidence] = field(default_factory=list)
    #: Where the evidence bytes are (the container the worksheet was opened from,
    #: files attached since); not part of the JSON, never compared.
    locker: EvidenceLocker = field(default_factory=lambda: _new_locker(), kw_only=True,
                                   compare=False, repr=False, metadata=filed(written=False))

    @property
    def title(self) -> str:
        """The article title, or its first line cut at a whole word when it has none.

        Cutting mid-word ("its air defense f") reads as a typo on a report cover,
        in a footer or in a window title, so the cut falls on a space and ends
        with an ellipsis.
        """
        if self.article.title.strip():
            return " ".join(self.article.title.split())
        lines = (" ".join(line.split()) for line in self.article.text.splitlines())
        first = next((line for line in lines if line), "")
        if not first:
            return "Untitled worksheet"
        if len(first) <= TITLE_LIMIT:
            return first
        cut = first[:TITLE_LIMIT]
        space = cut.rfind(" ")
        if space > TITLE_LIMIT // 2:
            cut = cut[:space]
        return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    def assign_numbers(self) -> None:
        """Number every claim that has no number yet (or a duplicate one), in reading order.

        A claim keeps its number for the life of the worksheet, through edits,
        merges, splits and re-extraction, so "claim 16" in a rationale, an undo
        step or a report keeps pointing at the same claim. New numbers continue
        after the highest ever given (``next_number``), never filling a gap.
        """
        seen: set[int] = set()
        highest = max((c.number for c in self.claims), default=0)
        self.next_number = max(self.next_number, highest + 1)
        for claim in self.claims:
            if claim.number <= 0 or claim.number in seen:
                claim.number = self.next_number
                self.next_number += 1
            seen.add(claim.number)

    def claim_number(self, claim: Claim) -> int:
        """The number shown to the user (assigned on first use, see :meth:`assign_numbers`)."""
        if claim.number <= 0:
            self.assign_numbers()
        return claim.number

    def numbered_claims(self) -> list[tuple[int, Claim]]:
        """(number, claim) in reading order, every claim numbered."""
        if any(c.number <= 0 for c in self.claims):
            self.assign_numbers()
        return [(c.number, c) for c in self.claims]

    def sort_claims(self) -> None:
        """Put claims in reading order of the article."""
        self.claims.sort(key=lambda c: (c.anchor.start, c.anchor.end))

    def evidence_of(self, source_id: str) -> list[Evidence]:
        """The evidence a source cites, in the worksheet's order."""
        return [item for item in self.evidence if source_id in item.sources]

    def evidence_item(self, sha256: str) -> Evidence:
        for item in self.evidence:
            if item.sha256 == sha256:
                return item
        raise KeyError(sha256)

    def sources_of(self, claim: Claim) -> list[tuple[Source, Stance]]:
        by_id = {s.id: s for s in self.sources}
        return [(by_id[c.source_id], c.stance) for c in claim.citations if c.source_id in by_id]

    def touch(self) -> None:
        self.modified = now_iso()

    def verdict_counts(self) -> dict[Verdict | None, int]:
        counts: dict[Verdict | None, int] = {}
        for claim in self.claims:
            counts[claim.verdict] = counts.get(claim.verdict, 0) + 1
        return counts

    def status_counts(self) -> dict[Status, int]:
        counts = {status: 0 for status in Status}
        for claim in self.claims:
            counts[claim.status] += 1
        return counts

    def progress_summary(self) -> str:
        """One line such as "12 of 31 checked · 4 false · 2 unverifiable"."""
        done = sum(1 for c in self.claims if c.status in (Status.CHECKED, Status.REVIEWED))
        parts = [f"{done} of {len(self.claims)} checked"]
        counts = self.verdict_counts()
        for verdict in Verdict:
            if counts.get(verdict):
                parts.append(f"{counts[verdict]} {verdict.label.lower()}")
        return " · ".join(parts)
