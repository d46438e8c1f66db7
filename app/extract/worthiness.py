"""Check-worthiness: how much a sentence looks like a claim worth fact-checking.

The model is a logistic regression over two TF-IDF bags (word uni/bigrams with a
few hand-made cue tokens, and character 2–5-grams inside words), trained on the
ClaimBuster debate sentences by ``scripts/train_checkworthiness.py``. Training
needs scikit-learn; running it does not: the script exports the vocabulary, the
idf weights and the coefficients to ``app/resources/models/checkworthiness.json.gz``
and this module redoes the arithmetic in plain Python. The analyzers below are
the very functions the training script hands to scikit-learn, so the features
cannot drift apart.

Public API, for the extraction pipeline::

    score_sentences(["We lost 700,000 jobs last year."])  # -> [0.93]
    THRESHOLD                                             # tuned decision threshold

The model loads once, on first use, and is cached for the process (thread-safe,
so the window's background worker and the command line share the same code).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.extract import lexicon
from app.resources import resource_path

MODEL_FILE = ("models", "checkworthiness.json.gz")
FORMAT_VERSION = 1

#: The tuned decision threshold (read lazily from the model file, see ``__getattr__``).
THRESHOLD: float

# --- features -----------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_NUMBER = re.compile(r"\d[\d,.]*")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_DIGIT = re.compile(r"\d")
_PERCENT = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_MONEY = re.compile(r"[$€£]|\b(?:dollars?|euros?|pounds?)\b", re.IGNORECASE)
_MAGNITUDE = re.compile(r"\b(?:hundred|thousand|million|billion|trillion)s?\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")

# Verbs that report or record an event: "said", "voted", "signed", "cut" ... A claim
# about what someone did is checkable; a wish ("we should") or a feeling is not.
_EVENT_VERBS = lexicon.words("cues", "event_verbs")


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams plus cue tokens (``__pct``, ``__cap3`` ...).

    Numbers become ``<num>`` (or ``<year>``) so that "700,000 jobs" and "9 million
    jobs" share evidence; cue tokens mark what makes a sentence checkable:
    digits, percentages, money, magnitudes, capitalised names inside the
    sentence, event verbs, and its length.
    """
    raw = _WORD.findall(text)
    words = []
    for token in raw:
        lower = token.lower()
        if _NUMBER.fullmatch(lower):
            words.append("<year>" if _YEAR.fullmatch(lower) else "<num>")
        else:
            words.append(lower)
    features = list(words)
    features.extend(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    if _DIGIT.search(text):
        features.append("__digit")
    if _PERCENT.search(text):
        features.append("__pct")
    if _MONEY.search(text):
        features.append("__money")
    if _MAGNITUDE.search(text):
        features.append("__big")
    capitals = sum(1 for token in raw[1:] if token[:1].isupper() and token != "I")
    if capitals:
        features.append("__cap")
    if capitals >= 3:
        features.append("__cap3")
    features.append(f"__len{min(len(raw) // 5, 8)}")
    if any(token.lower() in _EVENT_VERBS for token in raw):
        features.append("__event")
    if any(len(token) > 4 and token.lower().endswith("ed") for token in raw):
        features.append("__ed")
    if text.rstrip().endswith("?"):
        features.append("__question")
    return features


def char_features(text: str) -> list[str]:
    """Character 2–5-grams inside space-padded words, digits folded to ``0``.

    They carry morphology (past tense, plural, "-ation") and survive spelling
    variants and unseen words, which word n-grams from debates alone miss.
    """
    grams: list[str] = []
    for word in _fold(text).split():
        grams.extend(_word_char_grams(word))
    return grams


def _fold(text: str) -> str:
    return _DIGIT.sub("0", text.lower())


def _word_char_grams(word: str) -> list[str]:
    padded = f" {word} "
    length = len(padded)
    grams: list[str] = []
    for n in range(2, 6):
        if length < n:
            break
        grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


ANALYZERS = {"word": word_features, "char": char_features}


def normalize_text(text: str) -> str:
    """The form used to match sentences across datasets (case, punctuation, Unicode)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", re.sub(r"[^\w\s]+", " ", text)).strip()


# --- model ----------------------------------------------------------------------


class WorthinessModelError(Exception):
    """The model file is missing or unreadable; str(e) is a one-line message."""


# Character grams are looked up per word and words repeat, so each word's known
# gram ids are remembered; the cache is emptied when it grows past this size so a
# huge article cannot make it grow without bound.
_WORD_CACHE_LIMIT = 50_000


class _Block:
    """One TF-IDF bag: term index, idf² and idf × coefficient per term."""

    def __init__(self, analyzer: str, terms: list[str], idf: list[float],
                 coef: list[float]) -> None:
        if not len(terms) == len(idf) == len(coef):
            raise ValueError(f"{analyzer}: terms, idf and coef differ in length")
        self.analyzer = analyzer
        self.index = dict(zip(terms, range(len(terms)), strict=True))
        idf_array = np.asarray(idf, dtype=np.float64)
        self.idf_squared = idf_array * idf_array
        self.idf_coef = idf_array * np.asarray(coef, dtype=np.float64)
        self._word_ids: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self.index)

    def term_ids(self, text: str) -> list[int]:
        """Indices of the known terms in the text, one per occurrence."""
        if self.analyzer == "char":
            ids: list[int] = []
            cache = self._word_ids
            for word in _fold(text).split():
                known = cache.get(word)
                if known is None:
                    if len(cache) >= _WORD_CACHE_LIMIT:
                        cache.clear()
                    lookup = self.index.get
                    known = [i for i in map(lookup, _word_char_grams(word)) if i is not None]
                    cache[word] = known
                ids.extend(known)
            return ids
        lookup = self.index.get
        return [i for i in map(lookup, word_features(text)) if i is not None]

    def margin(self, text: str) -> float:
        """This bag's contribution to the logit: <l2-normalised tf-idf, coef>.

        The same arithmetic as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``
        followed by the linear model: tf = 1 + ln(count), times idf, l2-normalised.
        Unknown terms are absent from the vector, so they count for neither.
        """
        ids = self.term_ids(text)
        if not ids:
            return 0.0
        unique, counts = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
        tf = 1.0 + np.log(counts)
        squares = float(np.dot(tf * tf, self.idf_squared[unique]))
        return float(np.dot(tf, self.idf_coef[unique])) / math.sqrt(squares)


@dataclass
class WorthinessModel:
    """The exported classifier: probability that a sentence is check-worthy."""

    blocks: list[_Block]
    intercept: float
    threshold: float
    metadata: dict[str, object] = field(default_factory=dict)

    def score(self, texts: Iterable[str]) -> list[float]:
        """Probability (0..1) that each text is a check-worthy factual claim."""
        scores = []
        for text in texts:
            z = self.intercept + sum(block.margin(text) for block in self.blocks)
            scores.append(_sigmoid(z))
        return scores

    @classmethod
    def from_dict(cls, data: dict) -> WorthinessModel:
        """Build from the exported JSON (``format`` 1)."""
        if data.get("format") != FORMAT_VERSION:
            raise WorthinessModelError(
                f"check-worthiness model has format {data.get('format')!r}, "
                f"expected {FORMAT_VERSION}"
            )
        blocks = []
        for block in data["blocks"]:
            if block["analyzer"] not in ANALYZERS:
                raise WorthinessModelError(f"unknown analyzer {block['analyzer']!r} in model")
            blocks.append(_Block(block["analyzer"], block["terms"], block["idf"], block["coef"]))
        return cls(blocks, float(data["intercept"]), float(data["threshold"]),
                   dict(data.get("metadata", {})))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def read_model(path: Path) -> WorthinessModel:
    """Load a model file (gzip'd JSON) without caching; see :func:`load_model`."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise WorthinessModelError(
            f"check-worthiness model not found at {path} (run `make train-checkworthiness`)"
        ) from None
    except (OSError, ValueError) as error:
        raise WorthinessModelError(f"cannot read check-worthiness model {path}: {error}") from None
    try:
        return WorthinessModel.from_dict(data)
    except (KeyError, TypeError, ValueError) as error:
        raise WorthinessModelError(f"check-worthiness model {path} is malformed: {error}") from None


_lock = threading.Lock()
_cached: WorthinessModel | None = None


def load_model() -> WorthinessModel:
    """The shipped model, loaded on first call and then reused."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = read_model(resource_path(*MODEL_FILE))
    return _cached


def score_sentences(texts: Sequence[str]) -> list[float]:
    """Check-worthiness probability (0..1) for each sentence, in order."""
    return load_model().score(texts)


def __getattr__(name: str) -> float:
    # THRESHOLD lives in the model file (the training script tunes it), so reading
    # it loads the model; importing this module alone stays instant.
    if name == "THRESHOLD":
        return load_model().threshold
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
