"""Print the runtime part of requirements.lock: what an installed Claimsheet needs.

requirements.lock pins the whole development set (pytest, PyInstaller, mypy, …)
next to the runtime packages. Installing a built wheel into a clean venv should
bring only what the program needs, still pinned with the same hashes, so that a
module imported but not declared in pyproject.toml shows up as a failure
instead of being supplied by a test tool. This script keeps the lock's entries
reachable from ``[project.dependencies]`` through pip-compile's ``# via``
annotations and prints them unchanged:

    .venv/bin/python scripts/runtime_requirements.py > runtime.txt
    python3 -m venv ~/claimsheet-venv
    ~/claimsheet-venv/bin/pip install --require-hashes -r runtime.txt
    ~/claimsheet-venv/bin/pip install --no-deps dist/claimsheet-*.whl

The wheel-install test (tests/packaging/test_wheel.py) installs exactly this set.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "claimsheet"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==\S+")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def canonical(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_lock(text: str) -> dict[str, tuple[str, set[str]]]:
    """Each pinned package of a pip-compile output: its entry text and who needs it."""
    entries: dict[str, tuple[str, set[str]]] = {}
    current: str | None = None
    lines: list[str] = []
    via: set[str] = set()

    def close() -> None:
        if current is not None:
            entries[current] = ("\n".join(lines).rstrip() + "\n", set(via))

    in_via = False
    for line in text.splitlines():
        pin = _PIN.match(line)
        if pin:
            close()
            current, lines, via, in_via = canonical(pin.group(1)), [line], set(), False
            continue
        if current is None:
            continue
        stripped = line.strip()
        if stripped.startswith("# via"):
            rest = stripped[len("# via"):].strip()
            in_via = not rest
            if rest:
                via.add(_via_name(rest))
        elif in_via and stripped.startswith("#   "):
            via.add(_via_name(stripped[4:].strip()))
        elif stripped.startswith("--hash") or stripped.startswith("#"):
            in_via = in_via and stripped.startswith("#")
        elif not stripped:
            in_via = False
        lines.append(line)
    close()
    return entries


def _via_name(text: str) -> str:
    match = _NAME.match(text)
    return canonical(match.group(0)) if match else text


def runtime_roots(pyproject: Path) -> set[str]:
    """The project's own runtime dependencies, by name."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    roots = set()
    for requirement in data["project"]["dependencies"]:
        match = _NAME.match(requirement.strip())
        if match:
            roots.add(canonical(match.group(0)))
    return roots


def runtime_set(entries: dict[str, tuple[str, set[str]]], roots: set[str]) -> set[str]:
    """Every locked package reachable from ``roots`` through the ``# via`` edges."""
    missing = roots - entries.keys()
    if missing:
        raise SystemExit(f"runtime_requirements: not in the lock file: {', '.join(sorted(missing))}"
                         " (run `make lock`)")
    needed = set(roots)
    changed = True
    while changed:
        changed = False
        for name, (_, via) in entries.items():
            if name not in needed and via & needed:
                needed.add(name)
                changed = True
    return needed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args(argv)
    entries = parse_lock(args.lock.read_text(encoding="utf-8"))
    needed = runtime_set(entries, runtime_roots(args.pyproject))
    print(f"# The runtime packages of {args.lock.name} (scripts/runtime_requirements.py).")
    for name in sorted(needed):
        sys.stdout.write(entries[name][0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
