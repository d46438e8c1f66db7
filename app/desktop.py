"""Desktop integration on Linux: a menu entry, the icon and the `.claimsheet` file type.

``claimsheet desktop install`` writes three things into the user's XDG data
folder (``$XDG_DATA_HOME``, by default ``~/.local/share``), following the
freedesktop.org specifications:

- ``applications/claimsheet.desktop``: the menu entry, which opens files of
  type ``application/x-claimsheet`` (a double-click on a worksheet);
- ``icons/hicolor/<N>x<N>/apps/claimsheet.png`` and ``scalable/apps/claimsheet.svg``;
- ``mime/packages/claimsheet.xml``: the shared-mime-info type for ``*.claimsheet``.

Then it runs ``update-mime-database``, ``update-desktop-database`` and
``gtk-update-icon-cache`` on those folders where the tools exist (desktops
also pick the files up without them, at their next start).

The entry's ``Exec`` line runs the Claimsheet doing the installing: the
one-folder app's executable, or the ``claimsheet`` script of the venv (pipx
or otherwise) whose Python is running. ``claimsheet desktop uninstall``
removes what install wrote. No Qt here: the command line runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.frozen import is_frozen
from app.resources import resource_path

APP_ID = "claimsheet"  # the desktop file's name, the icon's name, Qt's desktopFileName
MIME_TYPE = "application/x-claimsheet"
SUFFIX = ".claimsheet"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)

# Characters that make the Desktop Entry specification quote an Exec argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_TOOL_TIMEOUT = 60


class DesktopError(RuntimeError):
    """Desktop integration cannot be written; the message says why, in one line."""


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute (XDG spec)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this copy of Claimsheet (what the entry's ``Exec`` runs).

    A venv's Python is a symlink into the base interpreter: ``sys.executable`` is
    used unresolved, so its folder is the venv's ``bin`` holding the
    ``claimsheet`` script (pipx links ``~/.local/bin/claimsheet`` to that same
    script).
    """
    if is_frozen():
        return [sys.executable]
    script = Path(sys.executable).parent / ("claimsheet.exe" if os.name == "nt" else APP_ID)
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "app"]


def exec_argument(argument: str) -> str:
    """One argument of an ``Exec`` line, quoted and escaped as the specification asks."""
    if "\n" in argument or "\r" in argument:
        raise DesktopError(f"a desktop entry cannot run a path with a line break: {argument!r}")
    argument = argument.replace("%", "%%")
    if _RESERVED & set(argument):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        argument = f'"{inner}"'
    # The string-value escape applies on top of the quoting: every backslash doubles.
    return argument.replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    """The ``Exec`` value: the command, then ``%f`` for the file being opened."""
    return " ".join(exec_argument(part) for part in command) + " %f"


def desktop_entry(command: Sequence[str]) -> str:
    """The text of ``claimsheet.desktop`` for ``command``."""
    try_exec = command[0].replace("\\", "\\\\")
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=Claimsheet",
        "GenericName=Fact-checking worksheet",
        "Comment=Turn a news article into a checklist of verifiable claims",
        f"TryExec={try_exec}",
        f"Exec={exec_line(command)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "StartupNotify=true",
        f"MimeType={MIME_TYPE};",
        "Categories=Office;",
        "Keywords=fact-check;claims;verification;news;worksheet;",
        "",
    ])


def mime_package() -> str:
    """The shared-mime-info package that defines ``application/x-claimsheet``.

    A worksheet (format version 2) is a ZIP container whose first member is
    ``mimetype``, stored, holding ``application/x-claimsheet`` (see
    :mod:`app.document.container`), so the type is a sub-class of
    ``application/zip`` and is also recognised by those bytes at offset 30,
    whatever the file is called, the way ODF and EPUB are. Version-1 files
    (JSON) are recognised by their name.
    """
    return "\n".join([
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">',
        f'  <mime-type type="{MIME_TYPE}">',
        "    <comment>Claimsheet worksheet</comment>",
        '    <sub-class-of type="application/zip"/>',
        '    <magic priority="70">',
        f'      <match type="string" offset="30" value="mimetype{MIME_TYPE}"/>',
        "    </magic>",
        f'    <glob pattern="*{SUFFIX}"/>',
        f'    <icon name="{APP_ID}"/>',
        "  </mime-type>",
        "</mime-info>",
        "",
    ])


@dataclass(frozen=True)
class Layout:
    """Where each file goes under one XDG data folder."""

    home: Path

    @property
    def entry(self) -> Path:
        return self.home / "applications" / f"{APP_ID}.desktop"

    @property
    def mime(self) -> Path:
        return self.home / "mime" / "packages" / f"{APP_ID}.xml"

    @property
    def icon_theme(self) -> Path:
        return self.home / "icons" / "hicolor"

    def icons(self) -> dict[Path, Path]:
        """Installed icon path -> the packaged file it is copied from."""
        icons = {self.icon_theme / "scalable" / "apps" / f"{APP_ID}.svg":
                 resource_path("icons", f"{APP_ID}.svg")}
        for size in ICON_SIZES:
            name = f"{size}x{size}"
            icons[self.icon_theme / name / "apps" / f"{APP_ID}.png"] = resource_path(
                "icons", "hicolor", name, f"{APP_ID}.png")
        return icons

    def files(self) -> list[Path]:
        return [self.entry, self.mime, *self.icons()]


def _write(path: Path, data: bytes) -> None:
    """Write a small file whole: a temporary file beside it, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def refresh(layout: Layout) -> list[str]:
    """Rebuild the MIME, desktop and icon databases of one data folder; a line per tool."""
    jobs = (
        ("update-mime-database", [str(layout.home / "mime")], "the MIME database"),
        ("update-desktop-database", ["-q", str(layout.home / "applications")],
         "the desktop entry database"),
        ("gtk-update-icon-cache", ["-f", "-t", "-q", str(layout.icon_theme)], "the icon cache"),
    )
    report = []
    for tool, arguments, what in jobs:
        program = shutil.which(tool)
        if program is None:
            report.append(f"{tool} not found: {what} is refreshed at the next login")
            continue
        try:
            done = subprocess.run([program, *arguments], capture_output=True, text=True,
                                  timeout=_TOOL_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            report.append(f"{tool} failed ({exc}): {what} is refreshed at the next login")
            continue
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
            report.append(f"{tool} failed ({reason}): {what} is refreshed at the next login")
        else:
            report.append(f"updated {what} ({tool})")
    return report


def install(home: Path | None = None, command: Sequence[str] | None = None,
            run_tools: bool = True) -> list[str]:
    """Write the entry, icons and MIME type; return what was done, a line each."""
    layout = Layout(home or data_home())
    command = list(command or launch_command())
    for source in layout.icons().values():
        if not source.is_file():
            raise DesktopError(f"the packaged icon {source} is missing; reinstall Claimsheet")
    try:
        _write(layout.mime, mime_package().encode("utf-8"))
        for target, source in layout.icons().items():
            _write(target, source.read_bytes())
        _write(layout.entry, desktop_entry(command).encode("utf-8"))
    except OSError as exc:
        raise DesktopError(f"cannot write into {layout.home}: {exc.strerror or exc}") from exc
    report = [
        f"wrote {layout.entry} (runs {' '.join(command)})",
        f"wrote {layout.mime} ({MIME_TYPE} for *{SUFFIX})",
        f"wrote {len(ICON_SIZES) + 1} icons under {layout.icon_theme}",
    ]
    return report + (refresh(layout) if run_tools else [])


def uninstall(home: Path | None = None, run_tools: bool = True) -> list[str]:
    """Remove what :func:`install` wrote (nothing else); return what was done."""
    layout = Layout(home or data_home())
    removed = 0
    for path in layout.files():
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise DesktopError(f"cannot remove {path}: {exc.strerror or exc}") from exc
    if removed == 0:
        return [f"nothing to remove: Claimsheet is not installed in {layout.home}"]
    report = [f"removed {removed} files from {layout.home}"]
    return report + (refresh(layout) if run_tools else [])
