"""Qt stays in app/ui: every other module imports, and runs its imports, without PySide6.

A subprocess blocks PySide6 (and shiboken6) with a meta-path finder, imports
every module of the package outside ``app/ui`` and reports any that failed or
pulled Qt in anyway. ``app/__main__`` and the window's own modules are left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = r"""
import importlib, json, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
            raise ImportError(f"Qt imported outside app/ui: {name}")
        return None

sys.meta_path.insert(0, NoQt())
import app
failed, names = {}, []
for info in pkgutil.walk_packages(app.__path__, "app."):
    name = info.name
    if name.startswith("app.ui") or name == "app.__main__":
        continue
    names.append(name)
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"names": names, "failed": failed, "qt": qt}))
"""


def test_no_module_outside_app_ui_imports_qt() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         cwd=REPO, timeout=300, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert "app.services.extraction" in report["names"]
    assert "app.document.labels" in report["names"]
    assert len(report["names"]) > 50
    assert report["failed"] == {}
    assert report["qt"] == []


def test_only_the_operations_module_builds_undo_commands() -> None:
    """Widgets call operations (app/ui/operations.py); none builds an undo command itself."""
    import ast

    ui = REPO / "app" / "ui"
    commands = {node.name for node in ast.walk(ast.parse((ui / "commands.py").read_text()))
                if isinstance(node, ast.ClassDef)}
    offenders = []
    for path in sorted(ui.glob("*.py")):
        if path.name in ("commands.py", "operations.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "app.ui.commands":
                offenders.append(f"{path.name} imports {[a.name for a in node.names]}")
            if isinstance(node, ast.Attribute) and node.attr in ("push", "beginMacro") \
                    and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "undo_stack":
                offenders.append(f"{path.name}:{node.lineno} pushes on the undo stack")
            if isinstance(node, ast.Name) and node.id in commands:
                offenders.append(f"{path.name}:{node.lineno} uses {node.id}")
    assert offenders == []
