"""How helper processes start, in an installed Claimsheet and in the one-folder app."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app import frozen
from app.services import extraction as extraction_service


def test_an_installed_copy_runs_modules_with_python_m() -> None:
    assert frozen.module_command("app.services.extraction") == [
        sys.executable, "-m", "app.services.extraction"]


def test_the_app_runs_modules_through_its_own_executable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/claimsheet/claimsheet")
    assert frozen.module_command("app.services.extraction") == [
        "/opt/claimsheet/claimsheet", "--run-module", "app.services.extraction"]


def test_the_service_names_itself_wherever_it_lives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The helper's command is built from the module's own name, so a move keeps it right."""
    assert extraction_service.helper_command() == frozen.module_command(extraction_service.__name__)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert extraction_service.helper_command()[1:] == ["--run-module", extraction_service.__name__]


@pytest.mark.parametrize(("argv", "module"), [
    (["claimsheet", "--run-module", "app.services.extraction"], "app.services.extraction"),
    (["claimsheet", "--run-module", "os"], None),  # only Claimsheet's own modules
    (["claimsheet", "--run-module"], None),
    (["claimsheet", "story.txt"], None),
    (["claimsheet", "new", "--run-module", "app.x"], None),  # only as the first argument
])
def test_run_module_requests(argv: list[str], module: str | None) -> None:
    assert frozen.run_module_request(argv) == module


def test_the_window_sets_its_icon_and_desktop_file_name() -> None:
    probe = ("from app.ui.application import make_app; a = make_app(['claimsheet']); "
             "sizes = sorted(s.width() for s in a.windowIcon().availableSizes()); "
             "print(a.desktopFileName(), sizes)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(None, 1) == ["claimsheet", "[16, 22, 24, 32, 48, 64, 128, 256, 512]\n"]
