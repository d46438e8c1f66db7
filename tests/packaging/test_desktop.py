"""`claimsheet desktop install/uninstall` in a temporary XDG data folder.

The entry is checked with desktop-file-validate, and the file type is looked up
the ways a desktop looks it up: shared-mime-info's database after
update-mime-database, Qt's QMimeDatabase (KDE, Qt file dialogs) and xdg-mime
(which also finds the default application). A tool that is not installed skips
its own test, with the tool named in the reason; .ci/run installs them all.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from app import desktop
from app.desktop import DesktopError, Layout, desktop_entry, exec_argument, exec_line
from tests.conftest import REPO


def tool(name: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which(name) is None,
                              reason=f"{name} is not installed (Debian: see .ci/run)")


def claimsheet(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=120, cwd=home, check=False,
                          env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home),
                               "XDG_DATA_HOME": str(home / "data"), "LANG": "C.UTF-8"})


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An XDG data folder into which `claimsheet desktop install` has run."""
    home = tmp_path_factory.mktemp("desktop")
    done = claimsheet(home, "desktop", "install")
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "Traceback" not in done.stderr
    return home / "data"


def worksheet(folder: Path, name: str = "story.claimsheet") -> Path:
    """A real worksheet: a version-2 container."""
    from app.document import Article, Worksheet
    from app.document.fileformat import save_worksheet

    path = folder / name
    save_worksheet(Worksheet(Article(text="Seven drones were shot down.")), path)
    return path


def test_install_writes_entry_type_and_icons(installed: Path) -> None:
    layout = Layout(installed)
    for path in layout.files():
        assert path.is_file(), path
    entry = layout.entry.read_text(encoding="utf-8")
    # The entry runs the claimsheet of the venv running this test (editable install).
    assert f"Exec={exec_argument(str(Path(sys.executable).parent / 'claimsheet'))} %f" in entry
    assert "MimeType=application/x-claimsheet;" in entry
    assert "Icon=claimsheet" in entry


@tool("desktop-file-validate")
def test_entry_is_valid(installed: Path) -> None:
    done = subprocess.run(["desktop-file-validate", str(Layout(installed).entry)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@tool("desktop-file-validate")
def test_awkward_paths_give_valid_entries(tmp_path: Path) -> None:
    """Spaces, quotes, dollars, backslashes and percent signs survive the Exec escaping."""
    command = ['/opt/My Apps/claim"sheet $1 50%/back\\slash/claimsheet', "--flag"]
    entry = tmp_path / "claimsheet.desktop"
    entry.write_text(desktop_entry(command), encoding="utf-8")
    done = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    assert exec_line(command) == (
        r'"/opt/My Apps/claim\\"sheet \\$1 50%%/back\\\\slash/claimsheet" --flag %f')


def test_a_line_break_in_the_path_is_refused() -> None:
    with pytest.raises(DesktopError):
        exec_argument("/opt/claim\nsheet")


@tool("update-mime-database")
def test_type_is_in_the_shared_mime_info_database(installed: Path) -> None:
    globs = (installed / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(":application/x-claimsheet:*.claimsheet") for line in globs), globs
    assert (installed / "mime" / "application" / "x-claimsheet.xml").is_file()


@tool("update-mime-database")
def test_qt_resolves_the_type(installed: Path, tmp_path: Path) -> None:
    probe = ("import sys; from PySide6.QtCore import QMimeDatabase; "
             "t = QMimeDatabase().mimeTypeForFile(sys.argv[1]); "
             "print(t.name(), t.iconName(), t.inherits('application/zip'))")
    env = {"XDG_DATA_HOME": str(installed), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", probe, str(worksheet(tmp_path))],
                          capture_output=True, text=True, check=False, timeout=60, env=env)
    assert done.stdout.split() == ["application/x-claimsheet", "claimsheet", "True"], done.stderr
    # By its content (the mimetype member at offset 30), whatever it is called.
    by_content = ("import sys; from PySide6.QtCore import QMimeDatabase; "
                  "print(QMimeDatabase().mimeTypeForFile(sys.argv[1], "
                  "QMimeDatabase.MatchMode.MatchContent).name())")
    renamed = worksheet(tmp_path, "sent by mail.zip")
    done = subprocess.run([sys.executable, "-c", by_content, str(renamed)],
                          capture_output=True, text=True, check=False, timeout=60, env=env)
    assert done.stdout.strip() == "application/x-claimsheet", done.stderr


@tool("xdg-mime")
@tool("update-desktop-database")
def test_xdg_mime_finds_the_type_and_opens_it_with_claimsheet(installed: Path,
                                                             tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(installed), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    filetype = subprocess.run(["xdg-mime", "query", "filetype", str(worksheet(tmp_path))],
                              capture_output=True, text=True, check=False, env=env)
    assert filetype.stdout.strip() == "application/x-claimsheet", filetype.stderr
    default = subprocess.run(["xdg-mime", "query", "default", "application/x-claimsheet"],
                             capture_output=True, text=True, check=False, env=env)
    assert default.stdout.strip() == "claimsheet.desktop", default.stderr


def test_uninstall_removes_what_install_wrote(tmp_path: Path) -> None:
    assert claimsheet(tmp_path, "desktop", "install").returncode == 0
    layout = Layout(tmp_path / "data")
    done = claimsheet(tmp_path, "desktop", "uninstall")
    assert done.returncode == 0, done.stderr
    assert not [p for p in layout.files() if p.exists()]
    if shutil.which("update-mime-database"):
        globs = (layout.home / "mime" / "globs2").read_text(encoding="utf-8")
        assert "claimsheet" not in globs
    again = claimsheet(tmp_path, "desktop", "uninstall")
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_an_unwritable_data_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    done = claimsheet(tmp_path, "desktop", "install")
    assert done.returncode == 1
    assert done.stderr.startswith("claimsheet: cannot write into")
    assert len(done.stderr.strip().splitlines()) == 1


def test_data_home_follows_the_xdg_rules(tmp_path: Path) -> None:
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path), "HOME": "/h"}) == tmp_path
    assert desktop.data_home({"HOME": "/h"}) == Path("/h/.local/share")
    # A relative XDG_DATA_HOME is invalid and ignored (XDG Base Directory specification).
    assert desktop.data_home({"XDG_DATA_HOME": "rel", "HOME": "/h"}) == Path("/h/.local/share")


def test_icons_are_pngs_of_their_size() -> None:
    for size in desktop.ICON_SIZES:
        data = (REPO / "app" / "resources" / "icons" / "hicolor" / f"{size}x{size}"
                / "claimsheet.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size)
