"""Running an installed Claimsheet the way a user would: outside the source tree.

Shared by the wheel test (a fresh venv) and the one-folder app test. Every run
gets a temporary working folder and home (settings, recovery files and XDG
folders land there), no ``PYTHONPATH``, no ``CLAIMSHEET_RESOURCES`` and no
venv on ``PATH``, so nothing from the checkout can stand in for what the
installed copy should carry.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from tests.conftest import SEED

TIMEOUT = 300  # a first start on a loaded 2-core machine compiles and loads a lot


def clean_env(home: Path) -> dict[str, str]:
    """A user's environment with its home in ``home``, offscreen Qt, nothing of the checkout."""
    home.mkdir(parents=True, exist_ok=True)
    path = [entry for entry in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep)
            if not (Path(entry) / "activate").exists()]  # drop any venv's bin/
    return {
        "PATH": os.pathsep.join(path),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
    }


def run(command: Sequence[str], cwd: Path, env: dict[str, str],
        timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run one command; a traceback on stderr is always a failure."""
    result = subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def smoke(claimsheet: Sequence[str], workdir: Path) -> dict[str, int]:
    """`new` on the seed, `validate`, `export --pdf`, `--smoke` offscreen; returns the counts.

    The window's checklist comes from the helper process, so ``--smoke`` giving
    the same number of claims as ``new`` shows that the helper started and
    loaded the real model (the blank fallback pipeline finds far fewer).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    env = clean_env(workdir / "home")
    article = workdir / "seed.txt"
    shutil.copyfile(SEED, article)
    cmd = list(claimsheet)

    made = run([*cmd, "new", "seed.txt", "-o", "seed.claimsheet"], workdir, env)
    assert made.returncode == 0, made.stderr
    found = re.search(r"(\d+) claims", made.stdout)
    assert found, made.stdout
    claims = int(found.group(1))
    assert claims >= 10, made.stdout

    valid = run([*cmd, "validate", "seed.claimsheet"], workdir, env)
    assert (valid.returncode, valid.stdout.strip()) == (0, "ok"), valid.stderr

    exported = run([*cmd, "export", "seed.claimsheet", "--pdf", "seed.pdf"], workdir, env)
    assert exported.returncode == 0, exported.stderr
    pdf = (workdir / "seed.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")

    shown = run([*cmd, "--smoke", "seed.txt"], workdir, env)
    assert shown.returncode == 0, shown.stderr
    window = re.search(r"shown_ms=\d+ .*\bclaims=(\d+)", shown.stdout)
    assert window, shown.stdout + shown.stderr
    assert int(window.group(1)) == claims, shown.stdout + shown.stderr
    return {"claims": claims, "pdf_bytes": len(pdf)}


def desktop_exec(claimsheet: Sequence[str], workdir: Path) -> str:
    """Run `desktop install` into a temporary XDG folder; the entry's Exec line."""
    env = clean_env(workdir / "home")
    done = run([*claimsheet, "desktop", "install"], workdir, env)
    assert done.returncode == 0, done.stderr
    entry = Path(env["XDG_DATA_HOME"]) / "applications" / "claimsheet.desktop"
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            return line[len("Exec="):]
    raise AssertionError(f"no Exec line in {entry}")
