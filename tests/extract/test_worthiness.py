"""Check-worthiness: run-time parity with scikit-learn, ranking sanity, speed, the command."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from app.cli import main
from app.extract import worthiness
from app.extract.worthiness import (
    MODEL_FILE,
    WorthinessModel,
    WorthinessModelError,
    char_features,
    load_model,
    read_model,
    score_sentences,
    word_features,
)
from app.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "worthiness"
SAMPLE = DATA / "sample.tsv"
SUMMARY = re.compile(r"^precision (\d\.\d{3}) · recall (\d\.\d{3}) · F1 (\d\.\d{3})$")


def read_sample() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def training_script() -> ModuleType:
    path = ROOT / "scripts" / "train_checkworthiness.py"
    spec = importlib.util.spec_from_file_location("train_checkworthiness", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- parity with scikit-learn ---------------------------------------------------------


def test_export_reproduces_sklearn_probabilities() -> None:
    """Train a small model here, export it, and compare the two implementations."""
    pytest.importorskip("sklearn")
    script = training_script()
    rows = read_sample()
    texts = [r["Text"] for r in rows]
    labels = [int(r["class_label"] == "Yes") for r in rows]
    vectorizers, classifier = script.fit(texts * 2, labels * 2)
    exported = script.export(vectorizers, classifier, 0.5, {})
    runtime = WorthinessModel.from_dict(json.loads(json.dumps(exported)))
    unseen = ["Prices rose by 7 percent in 2021, the agency reported.", "Nice to see you.",
              "", "Київ 🚀 الرياض", "the the the the"]
    expected = script.sklearn_scores(vectorizers, classifier, texts + unseen)
    assert runtime.score(texts + unseen) == pytest.approx(expected, abs=1e-7)
    # The exported model is a real classifier, not a constant.
    assert max(expected) - min(expected) > 0.2


def test_shipped_model_matches_recorded_sklearn_scores() -> None:
    """The training script records scikit-learn's scores for sample.tsv with the model."""
    with (DATA / "sklearn_scores.tsv").open(encoding="utf-8", newline="") as handle:
        recorded = {r["Sentence_id"]: float(r["sklearn_score"])
                    for r in csv.DictReader(handle, delimiter="\t")}
    rows = read_sample()
    assert set(recorded) == {r["Sentence_id"] for r in rows}
    scores = score_sentences([r["Text"] for r in rows])
    for row, score in zip(rows, scores, strict=True):
        assert score == pytest.approx(recorded[row["Sentence_id"]], abs=1e-6), row["Text"]


# --- behaviour ---------------------------------------------------------------------------


@pytest.mark.parametrize(("specific", "opinion"), [
    ("Exports to China fell by 12 percent in 2019, the Commerce Department reported.",
     "I think we can do better."),
    ("The governor signed a $3.5 billion transport bill on 4 May 2021.",
     "We have to believe in the future of this great nation."),
    ("According to the World Health Organization, 1.3 million people die in road "
     "crashes each year.", "That is simply not who we are as a people."),
    ("Police said 27 people were arrested in Lyon on Saturday.",
     "Frankly, I'm excited about what comes next."),
])
def test_specific_factual_sentence_outranks_opinion(specific: str, opinion: str) -> None:
    high, low = score_sentences([specific, opinion])
    assert high > low
    assert high >= worthiness.THRESHOLD > low


def test_scores_are_probabilities_for_odd_input() -> None:
    texts = ["", "   ", "🚀🚀🚀", "Київ заявив, що 5 ракет збито.", "x" * 100_000,
             "Numbers 1 2 3 4 5 6 7 8 9 10 " * 200]
    scores = score_sentences(texts)
    assert len(scores) == len(texts)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert score_sentences([]) == []


def test_features_mark_numbers_and_cues() -> None:
    features = word_features("In 2009 we lost 700,000 jobs, 5% of them in Ohio and Texas.")
    assert "<year>" in features and "<num>" in features
    assert {"__digit", "__pct", "__cap"} <= set(features)
    assert "lost <num>" in features
    grams = char_features("It was 42.")
    assert " 00." in grams and not any("4" in g for g in grams)  # digits folded to 0


def test_threshold_comes_from_model_and_model_is_cached() -> None:
    model = load_model()
    assert load_model() is model
    assert worthiness.THRESHOLD == model.threshold
    assert 0.05 <= model.threshold <= 0.95
    with pytest.raises(AttributeError):
        _ = worthiness.NO_SUCH_NAME


def test_import_is_lazy_and_scoring_needs_no_sklearn() -> None:
    code = (
        "import sys\n"
        "sys.modules['sklearn'] = None\n"  # any import of it would now fail
        "sys.modules['scipy'] = None\n"
        "import app.extract.worthiness as w\n"
        "assert w._cached is None, 'model loaded at import'\n"
        "assert len(w.score_sentences(['Taxes rose 3% in 2020.'])) == 1\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_model_loads_in_well_under_a_second() -> None:
    # CPU time of this process: wall time on a busy machine says nothing about the model.
    started = time.process_time()
    model = read_model(resource_path(*MODEL_FILE))
    elapsed = time.process_time() - started
    assert model.blocks
    assert elapsed < 1.0, f"model load took {elapsed:.2f} s"
    assert resource_path(*MODEL_FILE).stat().st_size < 5 * 1024 * 1024


def test_missing_or_broken_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WorthinessModelError, match="not found"):
        read_model(tmp_path / "absent.json.gz")
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(WorthinessModelError, match="cannot read"):
        read_model(broken)
    wrong = tmp_path / "wrong.json.gz"
    wrong.write_bytes(gzip.compress(json.dumps({"format": 99}).encode()))
    with pytest.raises(WorthinessModelError, match="format"):
        read_model(wrong)


def test_training_script_without_shared_data_exits_0(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert training_script().main(["--data", str(tmp_path / "absent")]) == 0
    assert "training data not found" in capsys.readouterr().out


def _write_claimbuster(folder: Path, rows: list[tuple[int, str, str, int]]) -> None:
    """ClaimBuster-format CSVs (groundtruth + an empty crowdsourced) for the given rows."""
    header = ["Sentence_id", "Text", "Speaker", "Speaker_title", "Speaker_party", "File_id",
              "Length", "Line_number", "Sentiment", "Verdict"]
    for name, subset in (("groundtruth.csv", rows), ("crowdsourced.csv", [])):
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for sentence_id, text, file_id, verdict in subset:
                writer.writerow([sentence_id, text, "X", "", "", file_id,
                                 len(text.split()), sentence_id, 0.0, verdict])


def test_temporal_check_trains_on_old_debates_and_tests_on_new(tmp_path: Path) -> None:
    """The --temporal figure: fit before 2012, score 2012+; a label flip in the new era shows."""
    pytest.importorskip("sklearn")
    script = training_script()
    sample = read_sample()
    old = [(i, r["Text"], "1988-09-25.txt", 1 if r["class_label"] == "Yes" else -1)
           for i, r in enumerate(sample)]
    _write_claimbuster(tmp_path, old + [(1000 + i, t, "2016-10-09.txt", v)
                                        for i, t, _, v in old])
    rows = [(i, t, int(v == 1), year) for i, t, v, year in script.read_claimbuster(tmp_path)]
    assert {year for *_, year in rows} == {1988, 2016}
    _, best, threshold = script.temporal_check(rows)
    assert best == pytest.approx(1.0) and 0.05 <= threshold <= 0.95
    # Same sentences, opposite labels after 2012: a model fitted on the old era must fail.
    flipped = rows[: len(old)] + [(i, t, 1 - y, year) for i, t, y, year in rows[len(old):]]
    assert script.temporal_check(flipped)[0] < 0.3


# --- the command --------------------------------------------------------------------------


def test_cli_scores_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkworthiness", str(SAMPLE), "--scores"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = read_sample()
    assert len(lines) == len(rows) + 1
    for row, line in zip(rows, lines, strict=False):
        sentence_id, score = line.split("\t")
        assert sentence_id == row["Sentence_id"]
        assert 0.0 <= float(score) <= 1.0
    match = SUMMARY.match(lines[-1])
    assert match, lines[-1]
    # Recompute the figures from the printed scores and the labels.
    threshold = worthiness.THRESHOLD
    predicted = [float(line.split("\t")[1]) >= threshold for line in lines[:-1]]
    gold = [r["class_label"] == "Yes" for r in rows]
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    precision, recall = tp / sum(predicted), tp / sum(gold)
    assert float(match[1]) == pytest.approx(precision, abs=0.0006)
    assert float(match[2]) == pytest.approx(recall, abs=0.0006)
    assert float(match[3]) == pytest.approx(2 * precision * recall / (precision + recall),
                                            abs=0.0006)


def test_cli_threshold_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkworthiness", str(SAMPLE), "--threshold", "1.0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "0 of 20 sentences check-worthy (threshold 1.00)"
    assert lines[-1] == "precision 0.000 · recall 0.000 · F1 0.000"
    assert main(["checkworthiness", str(SAMPLE), "--threshold", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "precision 0.500 · recall 1.000 · F1 0.667"


def test_cli_without_labels_prints_no_summary(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "unlabelled.tsv"
    path.write_text("Sentence_id\tText\n1\tThe bridge cost $4 million.\n2\tHello.\n",
                    encoding="utf-8")
    assert main(["checkworthiness", str(path), "--scores"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["1", "2"]


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("", "the file is empty"),
    ("\n\n", "the file is empty"),
    ("id,text,label\n1,Hello,No\n", "missing column(s) Sentence_id, Text"),
    ("Sentence_id\tText\tclass_label\n", "header but no sentences"),
    ("Sentence_id\tText\tclass_label\n1\tHello.\tMaybe\n", "line 2: class_label must be Yes"),
    ("Sentence_id\tText\tclass_label\n1\n", "line 2: expected 3 tab-separated columns"),
])
def test_cli_bad_input_is_one_line_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          content: str | None, message: str) -> None:
    path = tmp_path / "input.tsv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["checkworthiness", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimsheet: ")
    assert message in lines[0]


def test_cli_bad_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkworthiness", str(SAMPLE), "--threshold", "1.5"]) == 1
    assert "between 0 and 1" in capsys.readouterr().err


def test_cli_as_a_real_process() -> None:
    result = subprocess.run([sys.executable, "-m", "app", "checkworthiness", str(SAMPLE)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert SUMMARY.match(result.stdout.splitlines()[-1])
    assert "Traceback" not in result.stderr


def test_transformer_experiment_without_shared_data_exits_0(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """scripts/experiment_minilm.py (model card, third round) skips cleanly in a user's clone."""
    path = ROOT / "scripts" / "experiment_minilm.py"
    spec = importlib.util.spec_from_file_location("experiment_minilm", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--data", str(tmp_path / "absent")]) == 0
    assert "data not found" in capsys.readouterr().out
