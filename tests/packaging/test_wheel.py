"""The built wheel, installed into a new venv outside the source tree, works.

The venv gets the runtime part of requirements.lock only (hash-checked, from
pip's cache after the first run) and then the wheel without dependencies; `pip
check` confirms the wheel's declared dependencies are all there. A module the
code imports but pyproject.toml does not declare fails here, because no
development tool is installed to supply it. About a minute; `-m "not install"`
leaves it out while developing.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.packaging.installed import clean_env, desktop_exec, run, smoke

pytestmark = pytest.mark.install

PIP_TIMEOUT = 900


def _pip(python: Path, *args: str, cwd: Path) -> None:
    done = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check",
                           "--quiet", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=PIP_TIMEOUT, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def build_wheel(out: Path, scratch: Path) -> Path:
    """Build the wheel from a copy of what the sdist would hold (no build/ or egg-info)."""
    source = scratch / "source"
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "app", source / "app",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # No build isolation: setuptools comes from the locked development set, not the index.
    _pip(Path(sys.executable), "wheel", "--no-deps", "--no-build-isolation", "-w", str(out),
         str(source), cwd=scratch)
    wheels = sorted(out.glob("claimsheet-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding the locked runtime packages and the built wheel."""
    root = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(root / "dist", root)
    runtime = root / "runtime.txt"
    listed = subprocess.run([sys.executable, str(REPO / "scripts" / "runtime_requirements.py")],
                            capture_output=True, text=True, check=True, timeout=60)
    runtime.write_text(listed.stdout, encoding="utf-8")
    env_dir = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True, timeout=300)
    python = env_dir / "bin" / "python"
    # The runtime set is complete, so no resolving (--no-deps; `pip check` below proves it),
    # and no compiling of every module up front (--no-compile): the commands below compile
    # what they import, 20 s less on the build machine.
    _pip(python, "install", "--no-deps", "--no-compile", "--require-hashes", "-r", str(runtime),
         cwd=root)
    _pip(python, "install", "--no-deps", str(wheel), cwd=root)
    _pip(python, "check", cwd=root)
    return env_dir


def test_the_installed_package_is_the_wheel_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    probe = ("import app, app.resources as r; "
             "print(app.__file__); print(r.resources_dir()); "
             "print(r.resource_path('models', 'checkworthiness.json.gz').is_file())")
    done = run([str(venv / "bin" / "python"), "-c", probe], tmp_path, clean_env(tmp_path / "h"))
    module, resources, has_model = done.stdout.split("\n")[:3]
    site = venv / "lib"
    assert Path(module).is_relative_to(site), module
    assert Path(resources).is_relative_to(site), resources
    assert has_model == "True"


def test_installed_claimsheet_makes_exports_and_opens_the_window(venv: Path,
                                                                 tmp_path: Path) -> None:
    smoke([str(venv / "bin" / "claimsheet")], tmp_path)


def test_the_desktop_entry_runs_the_venv_claimsheet(venv: Path, tmp_path: Path) -> None:
    exec_line = desktop_exec([str(venv / "bin" / "claimsheet")], tmp_path)
    assert shlex.split(exec_line) == [str(venv / "bin" / "claimsheet"), "%f"]
