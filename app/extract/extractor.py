"""From article text to claims: the extraction entry points.

:func:`extract` builds the checklist for one article; :func:`extract_many`
streams many articles through ``nlp.pipe``. Both accept a ``progress`` callback
(``progress(done, total)`` in characters) and a ``cancel`` check (a callable
or anything with ``is_set()``, such as ``threading.Event``) so the window's
background worker can report and stop. Long articles are cut at paragraph or
line breaks into chunks of at most :data:`CHUNK_CHARS`, which keeps spaCy's
memory bounded whatever the article's size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from app.document.anchors import make_anchor
from app.document.model import Article, Checkable, CheckableType, Claim, Origin, Sourcing
from app.extract import lexicon, selection
from app.extract.checkables import Found, Rules, doc_text, find_checkables
from app.extract.datelines import DATELINE, PLACE_DATELINE, article_date, dateline
from app.extract.hedging import find_hedges
from app.extract.pipeline import TITLE_ABBREVIATIONS, Pipeline, load_pipeline
from app.extract.pronouns import referents
from app.extract.sourcing import Attribution, attribute, impersonal_source
from app.extract.tokens import parsed
from app.extract.voice import Voice, read_voice

CHUNK_CHARS = 20_000
# a place after these is addressed or acting, not where something happened ("for Moscow")
NON_LOCATIVE = lexicon.words("places", "non_locative_prepositions")
Progress = Callable[[int, int], None]


class _Flag(Protocol):
    def is_set(self) -> bool: ...


Cancel = Callable[[], bool] | _Flag


class ExtractionCancelled(Exception):
    """Raised when the ``cancel`` check says stop; nothing partial is returned."""


@dataclass(frozen=True, slots=True)
class _Engine:
    pipeline: Pipeline
    rules: Rules


_engines: dict[int, _Engine] = {}


def engine(pipeline: Pipeline | None = None, *, warm_dates: bool = True) -> _Engine:
    """The pipeline with its rule matchers, built once and reused.

    ``warm_dates`` imports the date parser now (~170 ms) so a first article that
    needs it does not pay later; a caller with an article already waiting passes
    False and calls :func:`app.extract.dates.warm_up` once that article is done.
    """
    pipeline = pipeline or load_pipeline()
    key = id(pipeline.nlp)
    if key not in _engines:
        if warm_dates:
            from app.extract import dates

            dates.warm_up()
        _engines[key] = _Engine(pipeline, Rules(pipeline.nlp))
    return _engines[key]


def extract(article: Article | str, *, published: date | None = None,
            progress: Progress | None = None, cancel: Cancel | None = None,
            pipeline: Pipeline | None = None) -> list[Claim]:
    """The claims of one article, in reading order."""
    if isinstance(article, str):
        article = Article(text=article)
    when = published or article_date(article) or dateline(article.text)
    # small batches: a cancel request is seen after at most a few chunks
    return next(extract_many([article.text], published=[when], progress=progress,
                             cancel=cancel, pipeline=pipeline, batch_size=4,
                             sources=[(article.outlet, article.url)]))


@dataclass(frozen=True, slots=True)
class _Piece:
    """Where a chunk of text comes from, carried through ``nlp.pipe``."""

    text: str
    offset: int
    last: bool
    published: date | None
    chunk: str  # the text handed to spaCy, kept so the doc's text is never rebuilt


def extract_many(texts: Iterable[str], *, published: Iterable[date | None] | None = None,
                 progress: Progress | None = None, cancel: Cancel | None = None,
                 pipeline: Pipeline | None = None, batch_size: int = 32,
                 sources: Iterable[tuple[str, str]] | None = None) -> Iterator[list[Claim]]:
    """Claims for each text (one list per text, in order), all streamed through one ``nlp.pipe``.

    Texts are read lazily, so a long series of articles never sits in memory at once.
    ``progress(done, total)`` counts characters within the text being processed;
    ``cancel`` is checked after every chunk and raises :class:`ExtractionCancelled`.
    ``sources`` gives each text's (outlet, url) when known: an official site's article
    speaks for its issuer (:mod:`app.extract.voice`).
    """
    eng = engine(pipeline)
    dates_iter = iter(published) if published is not None else None
    sources_iter = iter(sources) if sources is not None else None

    def pieces() -> Iterator[tuple[str, _Piece]]:
        for text in texts:
            when = next(dates_iter, None) if dates_iter is not None else None
            cuts = list(chunks(text)) or [(0, text)]
            for i, (offset, piece) in enumerate(cuts):
                yield piece, _Piece(text, offset, i == len(cuts) - 1, when, piece)

    claims: list[Claim] = []
    started: str | None = None
    for doc, piece in eng.pipeline.nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if _stopped(cancel):
            raise ExtractionCancelled()
        total = len(piece.text)
        # spaCy keeps the input text exactly; doc.text would rebuild it token by token
        doc.user_data["claimsheet.text"] = piece.chunk
        if progress and started is not piece.text:
            started = piece.text
            progress(0, total)
        claims.extend(_claims_in_doc(eng, doc, piece.offset, piece.text, piece.published))
        if progress:
            progress(piece.offset + len(doc_text(doc)), total)
        if piece.last:
            outlet, url = next(sources_iter, ("", "")) if sources_iter is not None else ("", "")
            apply_voice(claims, read_voice(piece.text, outlet, url))
            yield claims
            claims = []
            started = None


def apply_voice(claims: list[Claim], voice: Voice) -> None:
    """Attribute claims with no source of their own from the article's voice: a statement
    block's speaker, the attribution of a quotation they belong to, an official issuer."""
    for claim in claims:
        if claim.sourcing is Sourcing.NONE:
            speaker = voice.speaker_at(claim.start)
            if speaker:
                claim.sourcing, claim.source_name = Sourcing.NAMED, speaker
    for start, end in voice.quotes:
        inside = [c for c in claims if c.start < end and start < c.end]
        carrier = next((c for c in inside if c.sourcing is not Sourcing.NONE), None)
        if (carrier is None or carrier.end <= end + 2) and inside and inside[0].start == start:
            # a quote with no closing attribution of its own ("Families told me ..." inside
            # it is the speaker's report) goes on in the voice of the sentence before
            before = _speaker_before(claims, inside[0], voice)
            if before is not None:
                carrier = before
                for claim in inside:
                    if claim.end <= end + 2:
                        claim.sourcing, claim.source_name = carrier.sourcing, carrier.source_name
                continue
        if carrier is None or len(inside) < 2:
            continue
        for claim in inside:
            if claim.sourcing is Sourcing.NONE and start <= claim.start + 2:
                claim.sourcing, claim.source_name = carrier.sourcing, carrier.source_name
    if voice.issuer:
        for claim in claims:
            if claim.sourcing is Sourcing.NONE or claim.sourcing is Sourcing.UNNAMED \
                    and impersonal_source(claim.source_name):
                claim.sourcing, claim.source_name = Sourcing.NAMED, voice.issuer


def _speaker_before(claims: list[Claim], first: Claim, voice: Voice) -> Claim | None:
    """The attributed claim just before ``first`` in its paragraph, whose speaker a quote
    opening ``first`` goes on in: '"We counted 31 bodies," he said. "The depot burned."'."""
    k = claims.index(first)
    if k == 0:
        return None
    before = claims[k - 1]
    if before.sourcing is Sourcing.NONE or not voice.same_paragraph(before.end, first.start):
        return None
    return before


def _stopped(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    is_set = getattr(cancel, "is_set", None)
    return bool(is_set()) if callable(is_set) else bool(cancel())  # type: ignore[operator]


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) cuts of ``text`` at paragraph or line breaks, each at most ``size``."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + size // 2, end)
                cut = cut + 1 if cut != -1 else -1
            if cut == -1:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        yield start, text[start:end]
        start = end


_CARRIED_PRONOUNS = frozenset({"he", "she"})


def _carried(current: Attribution, previous: Attribution | None) -> Attribution:
    """ "He added that 14 shelters were open." after "..., a government spokesman said.": a
    pronoun no name resolves speaks for the anonymous source just before it (unnamed)."""
    if current.sourcing == "named" and current.source.lower() in _CARRIED_PRONOUNS \
            and previous is not None and previous.sourcing == "unnamed":
        return Attribution("unnamed", previous.source or current.source)
    return current


def _claims_in_doc(eng: _Engine, doc: Any, offset: int, text: str,
                   when: date | None) -> list[Claim]:
    found = find_checkables(doc, eng.rules, when)
    refs = referents(doc, found)
    chunk = doc_text(doc)
    candidates: list[tuple[float, Claim]] = []
    index = 0
    references = selection.references_start(text)
    previous: Attribution | None = None
    for sent in _sentences(doc):
        s, e = _trim(chunk, sent.start_char, sent.end_char)
        if references is not None and offset + s >= references:
            break  # a "Sources" list: citations of other outlets, not claims
        inside: list[Found] = []
        while index < len(found) and found[index].start < e:
            if found[index].start >= s:
                inside.append(found[index])
            index += 1
        if e - s < 2 or not any(ch.isalnum() for ch in chunk[s:e]):
            continue
        line = chunk[s:e]
        dated = inside and all(f.type == "date" for f in inside) \
            and sum(f.end - f.start for f in inside) >= 0.8 * (e - s)
        if DATELINE.match(line) or PLACE_DATELINE.match(line) or dated:
            # a dateline ("Monday, May 18, 2015", "12 August 2025" even when the model reads
            # its day as a count) dates the article, it claims nothing
            continue
        if selection.boilerplate(chunk[s:e]):
            continue  # "(Reporting by ...; Editing by ...)", a byline, a slug
        title = offset == 0 and _title(chunk, s, e)
        actors = [(f.start, f.end) for f in inside if f.type == "actor"]
        sentence = chunk[s:e]
        attribution = previous = _carried(attribute(sent, actors, sentence, refs), previous)
        hedging = find_hedges(sent, sentence)
        future = sum(1 for f in inside
                     if f.type == "date" and selection.is_future(chunk[f.start:f.end]))
        facts = selection.SentenceFacts(
            types=tuple(f.type for f in inside),
            generic_systems=sum(1 for f in inside if f.attributes.get("generic")),
            actor_chars=tuple((f.start, f.end) for f in inside if f.type == "actor"),
            future_dates=future,
            sourcing=attribution.sourcing, hedged=hedging.hedged,
            hard=0 if counterfactual(sentence) else sum(1 for f in inside if _hard(f, doc))
            - future,
            attributed=attribution.sourcing != "none")
        if not selection.listed(sent, facts, sentence) or title and not facts.hard:
            continue
        score = selection.rule_score(sent, facts, sentence)
        start, end = offset + s, offset + e
        candidates.append((score, Claim(
            anchor=make_anchor(text, start, end),
            worthiness=round(score, 3),
            sourcing=Sourcing(attribution.sourcing),
            source_name=attribution.source,
            hedged=hedging.hedged,
            hedges=hedging.cues,
            checkables=[_checkable(f, offset, text) for f in inside],
            origin=Origin.EXTRACTED,
        )))
    return _select(candidates)


def _sentences(doc: Any) -> Iterator[Any]:
    """The parser's sentences, with a break after a title abbreviation undone.

    The parser does not always respect the no-break mark the line-break component puts
    after "Capt." or "Cmdr.", and "navy spokesman Lt. Cmdr. | Ivan Petrenko said" would
    lose its source.
    """
    pending = None
    for sent in doc.sents:
        if pending is not None:
            sent = doc[pending.start:sent.end]
            pending = None
        if sent.end < len(doc) and doc[sent.end - 1].text in TITLE_ABBREVIATIONS:
            pending = sent
            continue
        yield sent
    if pending is not None:
        yield pending


_COUNTERFACTUAL = re.compile(
    r"\bwould(?: not|n't)? have\b.*|(?:^|[,;:\"“]\s*)had (?:it|they|he|she|we|i|the|this)\b", re.I)


def counterfactual(sentence: str) -> bool:
    """ "Had it happened an hour later, the toll would have been higher": what did not
    happen, so its numbers and times are nothing a checker could look up."""
    low = sentence.lower()
    return "would" in low and "have" in low and len(_COUNTERFACTUAL.findall(low)) >= 2 \
        or bool(re.search(r"\bif\b[^.]*\bhad\b[^.]*\bwould(?: not|n't)? have\b", low))


def _title(chunk: str, start: int, end: int) -> bool:
    """The article's title: its first line, set apart from the body by a dateline below it
    ("Ferry capsizes off Lombok" / "Saturday, June 6, 2020"). It restates what the body
    claims, so it is listed only for a hard checkable of its own ("At least 107 killed")."""
    if chunk[:start].strip() or chunk[start:end].rstrip("\"'”’").endswith((".", "!", "?")):
        return False
    rest = chunk[end:end + 200].lstrip("\n\r\t ")
    line = rest.split("\n", 1)[0].strip()
    return bool(line) and len(line) <= 40 and DATELINE.match(line) is not None


def _hard(f: Found, doc: Any) -> bool:
    """A checkable that makes its sentence a claim whatever else it says: a date, a count
    (not a vague "dozens"), a named system (not a class such as "weapons"), a place where
    something happened (not a place acting or addressed: "Kyiv asked", "a challenge for
    Moscow")."""
    if f.type == "date":
        return True
    if f.type == "count":
        return "vague" not in f.attributes
    if f.type == "system":
        return not f.attributes.get("generic")
    if f.type != "location" or f.attributes.get("acting") or f.attributes.get("kind") == "area":
        return False  # "Russian territory": too wide to make a sentence a claim by itself
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or not parsed(doc):
        return True
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "poss"):
        return False
    return not (root.dep_ == "pobj" and root.head.lower_ in NON_LOCATIVE)


def _select(candidates: list[tuple[float, Claim]]) -> list[Claim]:
    """The listed claims, each ranked by its rule score blended with the model's."""
    model = selection.model_scores([c.quote for _, c in candidates])
    claims = []
    for i, (rule, claim) in enumerate(candidates):
        claim.worthiness = round((rule + model[i]) / 2 if model is not None else rule, 3)
        claims.append(claim)
    return claims


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _checkable(f: Found, offset: int, text: str) -> Checkable:
    start, end = offset + f.start, offset + f.end
    return Checkable(type=CheckableType(f.type), start=start, end=end, text=text[start:end],
                     value=f.value, attributes={k: v for k, v in f.attributes.items() if v})
