"""The learned system tagger: names no list holds, found by shape and context."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.extract.learned_systems import (
    MODEL_FILE,
    SystemModelError,
    load_tagger,
    read_model,
    write_model,
)
from app.resources import read_bytes
from tests.extract.conftest import found, spans

ROOT = Path(__file__).resolve().parents[2]


def test_a_made_up_designator_is_found_and_marked_learned() -> None:
    text = "Two Xr-417M bombers fired at the port on Monday, the army said."
    systems = spans(text, "system")
    name = next(s for s in systems if s.startswith("Xr-417M"))
    assert systems[name].attributes["learned"] == "true"
    assert 0.0 < float(systems[name].attributes["score"]) <= 1.0


def test_names_of_people_and_places_are_left_to_their_own_rules() -> None:
    text = "Vice President Ursula Kranz met Defence Minister Olek Marr in Bratislava on Friday."
    assert not spans(text, "system")


def test_a_damaged_model_is_refused_with_a_clear_error() -> None:
    with pytest.raises(SystemModelError):
        read_model(b"not a model")


def test_the_shipped_model_loads_and_writing_it_back_gives_the_same_bytes(
        tmp_path: Path) -> None:
    tagger = load_tagger()
    assert 0.0 < tagger.threshold < 1.0
    assert tagger.weights.dtype == np.float32 and np.count_nonzero(tagger.weights) > 1000
    out = tmp_path / "systems.npz"
    write_model(out, tagger.weights, tagger.bias, tagger.threshold)
    assert out.read_bytes() == read_bytes(*MODEL_FILE)


def test_extraction_runs_on_rules_alone_without_the_tagger() -> None:
    from app.extract.extractor import engine

    rules = engine().rules
    saved = rules.tagger
    rules.tagger = None
    try:
        kinds = {f.type for f in found("Six Tomahawk missiles hit a depot near Ras Isa on 3 May.")}
    finally:
        rules.tagger = saved
    assert {"system", "date", "count", "location"} <= kinds


def test_training_without_the_shared_corpus_says_so_and_exits_0(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_systems.py"),
                             "--corpus", str(tmp_path), "--out", str(tmp_path / "x.npz")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0
    assert "nothing to train" in result.stdout
    assert not (tmp_path / "x.npz").exists()
