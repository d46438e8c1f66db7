"""`claimsheet validate` and the command line's general behaviour, run as real processes."""

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.document.badfiles import bad_files, good_document, write_huge_file

COMMANDS = ["new", "validate", "extract", "checkworthiness", "export"]


def claimsheet(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_validate_ok(tmp_path: Path) -> None:
    path = tmp_path / "good.claimsheet"
    path.write_text(json.dumps(good_document(), indent=2), encoding="utf-8")
    result = claimsheet("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("name", sorted(bad_files()))
def test_validate_bad_file_one_line_exit_1(tmp_path: Path, name: str) -> None:
    data, words = bad_files()[name]
    path = tmp_path / "bad.claimsheet"
    path.write_bytes(data)
    result = claimsheet("validate", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimsheet: Cannot open bad.claimsheet:")
    assert words in lines[0]
    assert result.stdout == ""


def test_validate_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.claimsheet"
    write_huge_file(path)
    result = claimsheet("validate", str(path))
    assert result.returncode == 1
    assert "at most 64 MB" in result.stderr and "Traceback" not in result.stderr


def test_validate_imports_neither_spacy_nor_qt_and_is_quick(tmp_path: Path) -> None:
    path = tmp_path / "good.claimsheet"
    path.write_text(json.dumps(good_document()), encoding="utf-8")
    probe = (
        "import sys, time; t = time.perf_counter();"
        "from app.cli import main; code = main(['validate', sys.argv[1]]);"
        "heavy = [m for m in ('spacy', 'PySide6', 'reportlab', 'thinc') if m in sys.modules];"
        "print('heavy', heavy, 'ms', round((time.perf_counter() - t) * 1000))"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True,
                            text=True, timeout=60)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert result.returncode == 0, result.stderr
    assert "heavy [] " in result.stdout
    # CPU seconds of the child, which other jobs on the machine do not inflate (wall time
    # did: this failed on a loaded machine); the figure is about 0.2 s.
    assert cpu < 5


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = claimsheet(command, "--help")
    assert result.returncode == 0
    assert "usage: claimsheet" in result.stdout


def test_top_level_help_lists_commands() -> None:
    result = claimsheet("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = claimsheet("validate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
