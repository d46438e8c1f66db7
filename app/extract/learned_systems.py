"""A learned tagger for system mentions the gazetteer does not list.

The gazetteer (:mod:`app.extract.systems`) knows the names and classes written
into it; news keeps coining others ("Tu-22M3", "Samad-3 drones", "the
Lynx-class frigate"). This component finds them by their shape and context: a
linear model scores every token as inside a system mention or not, from
features that describe rather than name the word (its shape "Xx-ddXX", its
suffix, its part of speech and dependency, the words around it, whether a class
noun such as "bombers" follows, whether it looks like a designator or belongs
to a gazetteer entry). Runs of tokens above the threshold become candidate
systems, which the checkable rules add where nothing more specific was found.

The model is a logistic regression trained by ``scripts/train_systems.py``
(``make train-systems``) on the system annotations of the visible gold sets,
with their mentions swapped for gazetteer names and made-up designators so
that it learns shapes and contexts rather than the few strings it saw. It ships
as ``app/resources/models/systems.npz`` (hashed feature weights); inference is
a few numpy gathers per token, on the arrays spaCy already holds.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.resources import read_bytes

MODEL_FILE = ("models", "systems.npz")
FORMAT_VERSION = 1
HASH_BITS = 18
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xBF58476D1CE4E5B9)

# Token flags, from the token's string: a small vocabulary of shapes the gazetteer implies.
FLAG_DIGIT = 1  # holds a digit
FLAG_DESIGNATOR = 2  # letters, a hyphen or not, digits: "Su-34", "M142", "Tu-95MS", "F-16s"
FLAG_ALIAS = 4  # a word of a named system in the gazetteer ("Tomahawk", "Bayraktar")
FLAG_CLASS = 8  # a word of a weapon or platform class ("cruise", "missiles")
FLAG_HEAD = 16  # the last word of a class phrase ("missiles", "bombers", "frigate")
FLAG_CAPITAL = 32  # starts with a capital letter
FLAG_ACRONYM = 64  # all capitals, two letters or more
_DESIGNATOR = re.compile(r"^[A-Z][A-Za-z]{0,4}[-/]?\d{1,4}[A-Za-z]{0,4}(?:-\d{1,3}[A-Za-z]?)?s?$")

# Feature templates: (name, token attribute or combination, offset). Changing them changes
# the model: retrain with ``make train-systems``.
TEMPLATES: tuple[tuple[str, str, int], ...] = (
    ("lower", "lower", 0), ("shape", "shape", 0), ("suffix", "suffix", 0),
    ("prefix", "prefix", 0), ("tag", "tag", 0), ("dep", "dep", 0), ("flags", "flags", 0),
    ("ent", "ent", 0), ("head", "head_lemma", 0), ("dep*head", "dep*head_lemma", 0),
    ("lower-1", "lower", -1), ("lower+1", "lower", 1), ("lower-2", "lower", -2),
    ("lower+2", "lower", 2), ("lemma-1", "lemma", -1), ("lemma+1", "lemma", 1),
    ("tag-1", "tag", -1), ("tag+1", "tag", 1), ("shape-1", "shape", -1),
    ("shape+1", "shape", 1), ("flags-1", "flags", -1), ("flags+1", "flags", 1),
    ("shape*lemma+1", "shape*lemma+1", 0), ("shape*flags", "shape*flags", 0),
    ("suffix*tag", "suffix*tag", 0), ("flags*flags+1", "flags*flags+1", 0),
)


class SystemModelError(Exception):
    """The shipped model file is missing, of another format, or damaged."""


@dataclass(frozen=True, slots=True)
class TokenFlags:
    """Gazetteer words the flags are read against (built from ``systems.json``)."""

    alias_words: frozenset[str]
    class_words: frozenset[str]
    head_words: frozenset[str]

    @classmethod
    def from_gazetteer(cls) -> TokenFlags:
        from app.extract.systems import _is_distinctive, load_gazetteer

        g = load_gazetteer()
        # one-word names that stand alone ("Tomahawk", "Shahed", "S-300"), not the words of
        # longer names that are everyday words or places ("Spirit", "Virginia", "Fighter")
        alias_words = frozenset(alias for alias in g.named if " " not in alias
                                and len(alias) > 2 and _is_distinctive(alias, g.distinctive_words))
        class_words = frozenset(w.lower() for phrase in g.classes for w in phrase.split())
        return cls(alias_words, class_words, frozenset(h.lower() for h in g.class_heads))

    def of(self, word: str) -> int:
        """The flags of one token string."""
        flags = 0
        if any(ch.isdigit() for ch in word):
            flags |= FLAG_DIGIT
            if _DESIGNATOR.match(word):
                flags |= FLAG_DESIGNATOR
        stem = word[:-1] if word.endswith("s") and len(word) > 3 else word
        if word in self.alias_words or stem in self.alias_words:
            flags |= FLAG_ALIAS
        low = word.lower()
        if low in self.class_words:
            flags |= FLAG_CLASS
        if low in self.head_words:
            flags |= FLAG_HEAD
        if word[:1].isupper():
            flags |= FLAG_CAPITAL
            if len(word) > 1 and word.isupper() and word.isalpha():
                flags |= FLAG_ACRONYM
        return flags


def _hash(values: np.ndarray, template: int) -> np.ndarray:
    """Hash uint64 attribute values into feature indices for one template."""
    with np.errstate(over="ignore"):
        h = (values ^ np.uint64(template + 1) * _GOLDEN) * _MIX
        h ^= h >> np.uint64(31)
        h = (h * _GOLDEN) & _MASK64
    return (h >> np.uint64(64 - HASH_BITS)).astype(np.int64)


def _combine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return (a * _MIX) ^ (b + _GOLDEN)


class FeatureExtractor:
    """Hashed feature indices for every token of a doc: an (n_tokens, n_templates) array."""

    def __init__(self, flags: TokenFlags | None = None) -> None:
        self.flags = flags or TokenFlags.from_gazetteer()
        self._cache: dict[int, int] = {}
        self._lock = threading.Lock()

    def _flag_array(self, doc: Any, orth: np.ndarray) -> np.ndarray:
        strings = doc.vocab.strings
        unique, inverse = np.unique(orth, return_inverse=True)
        values = np.empty(len(unique), dtype=np.uint64)
        with self._lock:
            for k, key in enumerate(unique.tolist()):
                flag = self._cache.get(key)
                if flag is None:
                    flag = self._cache[key] = self.flags.of(strings[key])
                values[k] = flag
        return values[inverse]

    def __call__(self, doc: Any) -> np.ndarray:
        """The hashed feature indices, (n_tokens, n_templates)."""
        return self.with_flags(doc)[0]

    def with_flags(self, doc: Any) -> tuple[np.ndarray, np.ndarray]:
        """The hashed feature indices and each token's flags."""
        from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, PREFIX, SHAPE, SUFFIX, TAG

        n = len(doc)
        if n == 0:
            return np.zeros((0, len(TEMPLATES)), dtype=np.int64), np.zeros(0, dtype=np.uint64)
        arr = doc.to_array([LOWER, SHAPE, SUFFIX, PREFIX, TAG, DEP, HEAD, LEMMA, ENT_TYPE, ORTH])
        heads = (np.arange(n, dtype=np.int64) + arr[:, 6].astype(np.int64)).clip(0, n - 1)
        columns = {
            "lower": arr[:, 0], "shape": arr[:, 1], "suffix": arr[:, 2], "prefix": arr[:, 3],
            "tag": arr[:, 4], "dep": arr[:, 5], "lemma": arr[:, 7], "ent": arr[:, 8],
            "flags": self._flag_array(doc, arr[:, 9]),
        }
        columns["head_lemma"] = columns["lemma"][heads]
        out = np.empty((n, len(TEMPLATES)), dtype=np.int64)
        pad = np.uint64(0x5A5A5A5A)
        for t, (_, source, offset) in enumerate(TEMPLATES):
            if "*" in source:
                left, right = source.split("*")
                right_offset = 1 if right.endswith("+1") else 0
                a = columns[left]
                b = _shifted(columns[right.removesuffix("+1")], right_offset, pad)
                values = _combine(a, b)
            else:
                values = _shifted(columns[source], offset, pad)
            out[:, t] = _hash(values, t)
        return out, columns["flags"]


def _shifted(column: np.ndarray, offset: int, pad: np.uint64) -> np.ndarray:
    """``column`` read ``offset`` tokens away, with a padding value past either end."""
    if offset == 0:
        return column
    out = np.full_like(column, pad)
    if offset > 0:
        out[:-offset] = column[offset:]
    else:
        out[-offset:] = column[:offset]
    return out


@dataclass(slots=True)
class SystemTagger:
    """Scores tokens with the shipped weights and joins the runs above the threshold."""

    weights: np.ndarray  # float32, 2 ** HASH_BITS
    bias: float
    threshold: float
    features: FeatureExtractor

    def scores(self, doc: Any) -> tuple[np.ndarray, np.ndarray]:
        """Probability that each token lies inside a system mention, and the token flags."""
        index, flags = self.features.with_flags(doc)
        if len(index) == 0:
            return np.zeros(0, dtype=np.float32), flags
        logits = self.weights[index].sum(axis=1) + self.bias
        result: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
        return result, flags

    def spans(self, doc: Any) -> list[tuple[int, int, float]]:
        """(start token, end token, mean score) of candidate system mentions that carry a name:
        a designator, a gazetteer name's word, or a capitalised word that is no person or place
        (classes of things are the gazetteer's job, and the model is surest on names)."""
        probs, flags = self.scores(doc)
        out: list[tuple[int, int, float]] = []
        n = len(probs)
        # a run starts at a token above the threshold and takes in its neighbours above half
        # of it ("Xr-417M" sure, "bombers" less so: "Xr-417M bombers")
        low = self.threshold / 2
        i = 0
        while i < n:
            if probs[i] < self.threshold:
                i += 1
                continue
            start, end = i, i + 1
            while start > 0 and probs[start - 1] >= low:
                start -= 1
            while end < n and (probs[end] >= low or (
                    doc[end].text == "-" and end + 1 < n and probs[end + 1] >= low)):
                end += 1
            span = _trimmed(doc, start, end)
            if span is not None and _named(doc, flags, *span):
                s, e = span
                out.append((s, e, float(probs[s:e].max())))
            i = end
        return out


NOT_SYSTEM_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "DATE", "TIME", "MONEY",
                               "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "NORP"})


def _named(doc: Any, flags: np.ndarray, start: int, end: int) -> bool:
    """Whether a run names a system: it holds a designator ("Tu-22M3") or a word of a
    gazetteer name ("Shaheds"), or a capitalised word the model does not take for a person or
    place together with a class noun ("Glavko missiles"). A capitalised name alone is as often
    a unit, an operation or an exercise ("158th Fighter Wing", "Unified Trident")."""
    named = headed = False
    for k in range(start, end):
        flag = int(flags[k])
        if flag & (FLAG_DESIGNATOR | FLAG_ALIAS):
            return True
        token = doc[k]
        if flag & FLAG_CAPITAL and not token.is_sent_start and token.ent_type_ not in \
                NOT_SYSTEM_LABELS and not token.is_stop:
            named = True
        headed = headed or bool(flag & FLAG_HEAD)
    return named and headed


def _trimmed(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """The run without leading determiners or punctuation; None if nothing nominal is left."""
    while start < end and (doc[start].is_punct or doc[start].pos_ in ("DET", "ADP", "CCONJ")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].pos_ in ("ADP", "CCONJ")):
        end -= 1
    if start >= end or not any(doc[k].pos_ in ("NOUN", "PROPN", "NUM") for k in range(start, end)):
        return None
    return start, end


_lock = threading.Lock()
_loaded: SystemTagger | None = None


def load_tagger() -> SystemTagger:
    """The shipped tagger, read once per process (thread-safe)."""
    global _loaded
    with _lock:
        if _loaded is None:
            try:
                data = read_bytes(*MODEL_FILE)
            except OSError as exc:
                raise SystemModelError(f"cannot read the system model: {exc}") from exc
            _loaded = read_model(data)
        return _loaded


def read_model(data: bytes) -> SystemTagger:
    """A tagger from the bytes of a ``systems.npz`` file."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            version = int(npz["format_version"])
            if version != FORMAT_VERSION or int(npz["hash_bits"]) != HASH_BITS:
                raise SystemModelError(f"system model format {version} is not {FORMAT_VERSION}")
            weights = np.zeros(2 ** HASH_BITS, dtype=np.float32)
            weights[npz["index"]] = npz["value"].astype(np.float32)
            bias, threshold = float(npz["bias"]), float(npz["threshold"])
    except (OSError, KeyError, ValueError) as exc:
        raise SystemModelError(f"cannot read the system model: {exc}") from exc
    return SystemTagger(weights, bias, threshold, FeatureExtractor())


def write_model(path: Any, weights: np.ndarray, bias: float, threshold: float) -> None:
    """Save dense ``weights`` sparsely (only the features training touched), byte for byte
    the same for the same weights: the zip entries carry a fixed date."""
    import zipfile

    index = np.flatnonzero(weights).astype(np.uint32)
    arrays: dict[str, np.ndarray] = {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int64),
        "hash_bits": np.array(HASH_BITS, dtype=np.int64), "index": index,
        "value": weights[index].astype(np.float16), "bias": np.array(bias, dtype=np.float64),
        "threshold": np.array(threshold, dtype=np.float64)}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.save(buffer, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())
