"""README.md: short, every shell block marked, the runnable ones run as written.

Blocks marked ``run`` are run with bash (``set -euo pipefail``) from the
checkout, with a temporary HOME and this venv's ``claimsheet`` first on PATH,
as after ``pipx install``. Blocks marked ``skip`` name what checks them; their
``make`` targets must exist (``make -n``), and the apt packages must exist in
the distribution's lists and cover every library Qt's xcb plugin links.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.packaging.readme import README, apt_packages, blocks

TEXT = README.read_text(encoding="utf-8")
SHELL_BLOCKS = [b for b in blocks(TEXT) if b.language in ("sh", "bash", "shell", "console")]
QT = Path(__import__("PySide6").__file__).parent / "Qt"


def test_readme_is_short() -> None:
    assert len(TEXT) < 10_000, len(TEXT)


def test_every_shell_block_says_how_it_is_checked() -> None:
    assert SHELL_BLOCKS
    unmarked = [b.line for b in SHELL_BLOCKS if not b.marker]
    assert not unmarked, f"README.md blocks at lines {unmarked} have no readme-test marker"
    assert all(b.reason for b in SHELL_BLOCKS if b.marker == "skip")
    assert all(b.language == "sh" for b in SHELL_BLOCKS)


def test_links_and_pictures_exist() -> None:
    targets = re.findall(r"\]\(([^)#\s]+)", TEXT)
    local = [t for t in targets if "://" not in t]
    assert local
    missing = [t for t in local if not (REPO / t).exists()]
    assert not missing, missing


def test_runnable_blocks_run_as_written(tmp_path: Path) -> None:
    runnable = [b for b in SHELL_BLOCKS if b.marker == "run"]
    assert runnable
    bin_dir = Path(sys.executable).parent  # this venv's claimsheet, as pipx would put on PATH
    env = {"PATH": os.pathsep.join([str(bin_dir), "/usr/local/bin", "/usr/bin", "/bin"]),
           "HOME": str(tmp_path), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(tmp_path / ".local" / "share")}
    for block in runnable:
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", block.text], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, f"README.md line {block.line}:\n{block.text}\n{done.stderr}"
        assert "Traceback" not in done.stderr, done.stderr


def test_make_targets_named_in_the_readme_exist() -> None:
    targets = set()
    for block in SHELL_BLOCKS:
        for command in block.commands():
            words = shlex.split(command)
            if words[0] == "make":
                targets.update(w for w in words[1:] if not w.startswith("-"))
    assert {"run", "test"} <= targets
    done = subprocess.run(["make", "-n", "-C", str(REPO), *sorted(targets)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _apt_lists_present() -> bool:
    lists = Path("/var/lib/apt/lists")
    return shutil.which("apt-cache") is not None and lists.is_dir() and any(
        "_Packages" in p.name for p in lists.iterdir())


@pytest.mark.skipif(not _apt_lists_present(), reason="no apt package lists on this machine")
def test_apt_packages_exist() -> None:
    packages = apt_packages(TEXT)
    assert "libxcb-cursor0" in packages
    done = subprocess.run(["apt-cache", "show", "--no-all-versions", *packages],
                          capture_output=True, text=True, check=False)
    shown = set(re.findall(r"^Package: (\S+)$", done.stdout, re.MULTILINE))
    assert shown == set(packages), sorted(set(packages) - shown)


def _not_installed(packages: list[str]) -> list[str]:
    missing = []
    for package in packages:
        done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package],
                              capture_output=True, text=True, check=False)
        if "install ok installed" not in done.stdout:
            missing.append(package)
    return missing


@pytest.mark.skipif(shutil.which("dpkg-query") is None or shutil.which("ldd") is None,
                    reason="not a Debian-like system with ldd")
def test_the_listed_libraries_are_all_qt_needs_to_show_a_window() -> None:
    """With the README's packages installed, Qt's X11 and Wayland plugins miss no library."""
    missing_packages = _not_installed(apt_packages(TEXT))
    if missing_packages:
        pytest.skip(f"README packages not installed here ({', '.join(missing_packages)}); "
                    ".ci/run installs them")
    plugins = [QT / "plugins" / "platforms" / "libqxcb.so",
               QT / "plugins" / "platforms" / "libqwayland.so",
               QT / "plugins" / "wayland-graphics-integration-client"
               / "libqt-plugin-wayland-egl.so",
               *sorted((QT / "plugins" / "xcbglintegrations").glob("*.so")),
               QT / "lib" / "libQt6Widgets.so.6", QT / "lib" / "libQt6PrintSupport.so.6"]
    unresolved = {}
    for plugin in plugins:
        done = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False)
        gaps = sorted({line.split()[0] for line in done.stdout.splitlines()
                       if "not found" in line})
        if gaps:
            unresolved[plugin.name] = gaps
    assert not unresolved, unresolved
