"""Train the check-worthiness model and export it for plain-Python inference.

    make train-checkworthiness        (or: .venv/bin/python scripts/train_checkworthiness.py)

Data: ClaimBuster (../shared/corpus/checkworthiness: groundtruth.csv and
crowdsourced.csv, label 1 = check-worthy factual sentence, 0 and -1 = not).
Every sentence whose id or normalised text appears in either CheckThat! 2024
English file (dev-test, test gold) is dropped before training. The CT24 dev-test
file is used for one thing: choosing the decision threshold. The CT24 test gold
file is scored once, at the end, and never influences any choice.

Writes app/resources/models/checkworthiness.json.gz (vocabulary, idf, coefficients,
threshold) and tests/data/worthiness/sklearn_scores.tsv (scikit-learn's own
probabilities for the test sentences, so the tests can check that the run-time
arithmetic in app/extract/worthiness.py matches). Deterministic: same data, same
file, byte for byte.

Options: ``--cv K`` adds K-fold cross-validation on ClaimBuster; ``--temporal``
adds the temporal check (train on debates before 2012, test on 2012 and 2016),
the figure every variant in the model card was compared on besides CT24 dev-test.

Needs scikit-learn (the `dev` extra). Without the shared corpus (a user's clone)
it says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extract.worthiness import (  # noqa: E402  (needs ROOT on sys.path)
    ANALYZERS,
    FORMAT_VERSION,
    WorthinessModel,
    normalize_text,
)

DEFAULT_DATA = ROOT.parent / "shared" / "corpus" / "checkworthiness"
MODEL_OUT = ROOT / "app" / "resources" / "models" / "checkworthiness.json.gz"
PARITY_IN = ROOT / "tests" / "data" / "worthiness" / "sample.tsv"
PARITY_OUT = ROOT / "tests" / "data" / "worthiness" / "sklearn_scores.tsv"
CT24_DEV = "CT24_checkworthy_english_dev-test.tsv"
CT24_TEST = "CT24_checkworthy_english_test_gold.tsv"

# Chosen by F1 on CT24 dev-test and grouped cross-validation on ClaimBuster
# (see app/resources/models/MODEL_CARD.md); larger vocabularies did not help.
MIN_DF = {"word": 2, "char": 3}
MAX_FEATURES = {"word": 30000, "char": 60000}
C = 1.0
SEED = 0
# --temporal trains on the debates before this year and tests on the later ones.
TEMPORAL_SPLIT = 2012


def read_tsv(path: Path) -> list[tuple[str, str, int]]:
    """(id, text, label) rows of a CheckThat! TSV, label 1 for "Yes"."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(r["Sentence_id"], r["Text"], int(r["class_label"].strip() == "Yes")) for r in rows]


def read_claimbuster(data: Path) -> list[tuple[int, str, int, int]]:
    """(id, text, verdict, debate year) for every ClaimBuster sentence; verdict 1 / 0 / -1.

    The year comes from ``File_id`` ("1988-09-25.txt") and serves only the
    temporal check (``--temporal``).
    """
    rows = []
    for name in ("groundtruth.csv", "crowdsourced.csv"):
        with (data / name).open(encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                rows.append((int(r["Sentence_id"]), r["Text"], int(r["Verdict"]),
                             int(r["File_id"][:4])))
    return rows


def training_rows(data: Path, held_out: list[tuple[str, str, int]]
                  ) -> tuple[list[tuple[int, str, int, int]], int]:
    """ClaimBuster as (id, text, label, year), minus every sentence of ``held_out``.

    A sentence goes when its id or its normalised text appears in the held-out
    (CheckThat! 2024) rows; label 1 is verdict 1 (check-worthy factual). Also
    returns how many were dropped.
    """
    excluded_ids = {int(i) for i, _, _ in held_out}
    excluded_texts = {normalize_text(t) for _, t, _ in held_out}
    rows = []
    dropped = 0
    for sentence_id, text, verdict, year in read_claimbuster(data):
        if sentence_id in excluded_ids or normalize_text(text) in excluded_texts:
            dropped += 1
            continue
        rows.append((sentence_id, text, int(verdict == 1), year))
    return rows, dropped


def f1_at(labels: list[int], scores: list[float], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class at a threshold."""
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= threshold)
    predicted = sum(1 for s in scores if s >= threshold)
    actual = sum(labels)
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tune_threshold(labels: list[int], scores: list[float]) -> float:
    """Threshold in 0.05..0.95 with the best F1; ties go to the one nearest 0.5."""
    grid = [round(0.05 + 0.01 * i, 2) for i in range(91)]
    return max(grid, key=lambda t: (round(f1_at(labels, scores, t)[2], 6), -abs(t - 0.5)))


def fit(texts: list[str], labels: list[int]):
    """Fit the TF-IDF bags and the logistic regression; return (vectorizers, classifier)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizers = {
        name: TfidfVectorizer(analyzer=ANALYZERS[name], min_df=MIN_DF[name],
                              max_features=MAX_FEATURES[name], sublinear_tf=True)
        for name in ("word", "char")
    }
    matrix = hstack([v.fit_transform(texts) for v in vectorizers.values()]).tocsr()
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=5000,
                                    random_state=SEED)
    classifier.fit(matrix, labels)
    return vectorizers, classifier


def sklearn_scores(vectorizers, classifier, texts: list[str]) -> list[float]:
    """scikit-learn's own probabilities (the reference the export must reproduce)."""
    from scipy.sparse import hstack

    matrix = hstack([v.transform(texts) for v in vectorizers.values()]).tocsr()
    return [float(p) for p in classifier.predict_proba(matrix)[:, 1]]


def export(vectorizers, classifier, threshold: float, metadata: dict) -> dict:
    """The model as plain JSON: per bag, terms with their idf and coefficient."""
    coef = classifier.coef_[0]
    blocks = []
    offset = 0
    for name, vectorizer in vectorizers.items():
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        size = len(terms)
        block_coef = coef[offset : offset + size]
        offset += size
        blocks.append({
            "analyzer": name,
            "terms": terms,
            "idf": [float(f"{x:.9g}") for x in vectorizer.idf_],
            "coef": [float(f"{x:.9g}") for x in block_coef],
        })
    return {
        "format": FORMAT_VERSION,
        "intercept": float(classifier.intercept_[0]),
        "threshold": threshold,
        "metadata": metadata,
        "blocks": blocks,
    }


def write_model(model: dict, path: Path) -> None:
    """Gzip'd JSON with a fixed timestamp, so retraining gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(model, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                              compresslevel=9, mtime=0) as handle:
        handle.write(payload)
    tmp.replace(path)


def cross_validate(rows: list[tuple[int, str, int, int]], folds: int) -> float:
    """Mean F1 (threshold 0.5) over folds of ClaimBuster, for the model card."""
    from sklearn.model_selection import StratifiedKFold

    texts = [t for _, t, _, _ in rows]
    labels = [y for _, _, y, _ in rows]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    results = []
    for train_idx, test_idx in splitter.split(texts, labels):
        vec, clf = fit([texts[i] for i in train_idx], [labels[i] for i in train_idx])
        scores = sklearn_scores(vec, clf, [texts[i] for i in test_idx])
        results.append(f1_at([labels[i] for i in test_idx], scores, 0.5)[2])
    return sum(results) / len(results)


def temporal_check(rows: list[tuple[int, str, int, int]]) -> tuple[float, float, float]:
    """Train on debates before 2012, score 2012 + 2016: (F1 at 0.5, best F1, its threshold).

    The nearest thing ClaimBuster offers to CT24 test's situation (newer debates
    than the training ones), and much larger than CT24 dev-test (5,359 sentences
    against 318), so it is the second opinion for every model and threshold choice.
    """
    old = [r for r in rows if r[3] < TEMPORAL_SPLIT]
    new = [r for r in rows if r[3] >= TEMPORAL_SPLIT]
    vec, clf = fit([t for _, t, _, _ in old], [y for _, _, y, _ in old])
    labels = [y for _, _, y, _ in new]
    scores = sklearn_scores(vec, clf, [t for _, t, _, _ in new])
    threshold = tune_threshold(labels, scores)
    return f1_at(labels, scores, 0.5)[2], f1_at(labels, scores, threshold)[2], threshold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"ClaimBuster + CT24 folder (default: {DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=MODEL_OUT, help="model file to write")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="also report K-fold cross-validated F1 on ClaimBuster")
    parser.add_argument("--temporal", action="store_true",
                        help=f"also report F1 when training on debates before {TEMPORAL_SPLIT} "
                             "and testing on the later ones")
    args = parser.parse_args(argv)

    if not args.data.is_dir():
        print(f"train-checkworthiness: training data not found at {args.data}; "
              "the shipped model in app/resources/models/ is unchanged. Nothing to do.")
        return 0
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("train-checkworthiness: scikit-learn is missing; install the dev extra "
              "(pip install -e '.[dev]')", file=sys.stderr)
        return 1

    started = time.perf_counter()
    dev = read_tsv(args.data / CT24_DEV)
    test = read_tsv(args.data / CT24_TEST)
    rows, dropped = training_rows(args.data, dev + test)
    texts = [t for _, t, _, _ in rows]
    labels = [y for _, _, y, _ in rows]
    print(f"ClaimBuster: {len(rows)} sentences ({sum(labels)} check-worthy), "
          f"{dropped} dropped as present in CheckThat! 2024 files")

    cv_f1 = cross_validate(rows, args.cv) if args.cv else None
    if cv_f1 is not None:
        print(f"{args.cv}-fold CV F1 on ClaimBuster (threshold 0.5): {cv_f1:.3f}")
    if args.temporal:
        at_half, best_f1, best_threshold = temporal_check(rows)
        print(f"temporal check (train before {TEMPORAL_SPLIT}, test {TEMPORAL_SPLIT}+): "
              f"F1 {at_half:.3f} at 0.5, best {best_f1:.3f} at {best_threshold:.2f}")

    vectorizers, classifier = fit(texts, labels)
    train_seconds = time.perf_counter() - started

    dev_labels = [y for _, _, y in dev]
    dev_scores = sklearn_scores(vectorizers, classifier, [t for _, t, _ in dev])
    threshold = tune_threshold(dev_labels, dev_scores)
    dev_p, dev_r, dev_f = f1_at(dev_labels, dev_scores, threshold)
    print(f"threshold {threshold:.2f} (tuned on CT24 dev-test: "
          f"precision {dev_p:.3f} · recall {dev_r:.3f} · F1 {dev_f:.3f})")

    metadata = {
        "trained_on": "ClaimBuster groundtruth.csv + crowdsourced.csv, label CFS (1) vs "
                      "UFS/NFS (0 / -1), minus CheckThat! 2024 dev-test and test sentences",
        "sentences": len(rows),
        "threshold_tuned_on": CT24_DEV,
        "min_df": MIN_DF,
        "max_features": MAX_FEATURES,
        "C": C,
    }
    model = export(vectorizers, classifier, threshold, metadata)
    write_model(model, args.out)
    size_kb = args.out.stat().st_size / 1024
    print(f"wrote {args.out} ({size_kb:.0f} KB) in {train_seconds:.1f} s of training")

    # The run-time model must give scikit-learn's probabilities.
    runtime = WorthinessModel.from_dict(model)
    test_texts = [t for _, t, _ in test]
    reference = sklearn_scores(vectorizers, classifier, test_texts)
    drift = max(abs(a - b) for a, b in zip(runtime.score(test_texts), reference, strict=True))
    print(f"largest difference run-time vs scikit-learn on CT24 test: {drift:.2e}")
    if PARITY_IN.exists() and args.out == MODEL_OUT:
        with PARITY_IN.open(encoding="utf-8", newline="") as handle:
            sample = list(csv.DictReader(handle, delimiter="\t"))
        sample_scores = sklearn_scores(vectorizers, classifier, [r["Text"] for r in sample])
        with PARITY_OUT.open("w", encoding="utf-8", newline="") as handle:
            handle.write("Sentence_id\tsklearn_score\n")
            for r, score in zip(sample, sample_scores, strict=True):
                handle.write(f"{r['Sentence_id']}\t{score:.9f}\n")

    test_p, test_r, test_f = f1_at([y for _, _, y in test], reference, threshold)
    print(f"CT24 test gold (reported only, never used for any choice): "
          f"precision {test_p:.3f} · recall {test_r:.3f} · F1 {test_f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
