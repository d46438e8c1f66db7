"""Fallback pipeline, Unicode, empty and huge articles."""

from __future__ import annotations

import resource

import pytest

from app.extract import extract
from app.extract.extractor import CHUNK_CHARS
from app.extract.pipeline import BLANK_WARNING, Pipeline


def test_blank_pipeline_warns_and_still_finds_rule_checkables(blank_pipeline: Pipeline) -> None:
    assert blank_pipeline.name == "blank:en"
    assert blank_pipeline.warning == BLANK_WARNING
    text = "On 3 March 2021 at least 12 Shahed-136 drones hit Odesa, the Ministry of Defence said."
    claims = extract(text, pipeline=blank_pipeline)
    kinds = {(k.type.value, k.text) for c in claims for k in c.checkables}
    assert ("date", "3 March 2021") in kinds
    assert ("count", "at least 12") in kinds
    assert ("system", "Shahed-136") in kinds
    assert ("location", "Odesa") in kinds


UNICODE = ("🚀 On 5 May 2023, 12 missiles hit Київ, the Ministry of Defence said. "
           "قال مسؤولون إن 7 صواريخ أطلقت على حلب. "
           "Officials said 40 drones 🇺🇦 were downed over Odesa on Sunday.")


@pytest.mark.parametrize("which", ["model", "blank"])
def test_unicode_offsets_stay_exact(which: str, blank_pipeline: Pipeline) -> None:
    claims = extract(UNICODE, pipeline=blank_pipeline if which == "blank" else None)
    assert claims
    for claim in claims:
        assert UNICODE[claim.start:claim.end] == claim.quote
        for k in claim.checkables:
            assert UNICODE[k.start:k.end] == k.text


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "\u200b", "🙂🙂🙂"])
def test_empty_articles_give_no_claims(text: str) -> None:
    assert extract(text) == []


def test_long_article_is_cut_into_chunks_with_exact_offsets() -> None:
    paragraph = ("Officials said 14 soldiers were killed near Bakhmut on 2 March 2024. "
                 "It is hard to say what comes next.\n\n")
    text = paragraph * (3 * CHUNK_CHARS // len(paragraph))
    claims = extract(text)
    assert len(claims) == text.count("Officials said")
    for claim in claims:
        assert text[claim.start:claim.end] == claim.quote
        assert claim.quote.startswith("Officials said 14 soldiers")


class _Recording:
    """Wraps a spaCy pipeline and records the longest text it was handed."""

    def __init__(self, nlp: object) -> None:
        self.nlp = nlp
        self.longest = 0

    def pipe(self, texts, **kwargs):  # type: ignore[no-untyped-def]
        def spy(items):  # type: ignore[no-untyped-def]
            for text, context in items:
                self.longest = max(self.longest, len(text))
                yield text, context
        return self.nlp.pipe(spy(texts), **kwargs)

    def __getattr__(self, name: str) -> object:
        return getattr(self.nlp, name)


@pytest.mark.slow
def test_five_megabyte_article_finishes_with_progress_and_bounded_memory(
        blank_pipeline: Pipeline) -> None:
    paragraph = ("On 3 March 2021 the Ministry of Defence said that at least 12 Shahed-136 drones "
                 "were shot down over Kharkiv Oblast. Рада заявила, что 5 ракет упали. "
                 "The weather was pleasant and people walked in the park.\n\n")
    text = paragraph * (5_000_000 // len(paragraph) + 1)
    assert len(text) >= 5_000_000
    recording = _Recording(blank_pipeline.nlp)
    spy = Pipeline(recording, blank_pipeline.name, blank_pipeline.warning)
    seen: list[int] = []
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    claims = extract(text, pipeline=spy, progress=lambda done, total: seen.append(done))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert sum(c.quote.startswith("On 3 March 2021") for c in claims) == text.count("On 3 March")
    assert seen == sorted(seen) and seen[-1] == len(text) and len(seen) > 100
    assert recording.longest <= CHUNK_CHARS  # spaCy never holds more than one chunk's doc
    assert grown_mb < 800
