"""The README's shell blocks and the markers that say how each is checked.

Every ```sh block in README.md is preceded by an HTML comment (invisible on
GitHub) saying what happens to it:

    <!-- readme-test: run -->              tests/packaging/test_readme.py runs it
    <!-- readme-test: skip: REASON -->     not run here; REASON says what checks it

Standard library only: .ci/run calls ``python3 tests/packaging/readme.py
apt-packages`` before any venv exists, to install the Linux libraries exactly
as the README lists them.
"""

from __future__ import annotations

import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
_MARKER = re.compile(r"<!--\s*readme-test:\s*(run|skip:\s*(?P<reason>.+?))\s*-->")
_FENCE = re.compile(r"^```(\w*)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced code block: its language, text, first line number and marker."""

    language: str
    text: str
    line: int
    marker: str  # "run", "skip" or "" (no marker)
    reason: str = ""

    def commands(self) -> list[str]:
        """Its commands: continuation lines joined, comments and blank lines dropped."""
        joined = re.sub(r"\\\n\s*", " ", self.text)
        commands = []
        for line in joined.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                commands.append(shlex.join(words))
        return commands


def blocks(text: str) -> list[Block]:
    found = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        previous = lines[index - 1].strip() if index else ""
        marker = _MARKER.fullmatch(previous)
        kind = reason = ""
        if marker:
            kind = "run" if marker.group(1) == "run" else "skip"
            reason = (marker.group("reason") or "").strip()
        found.append(Block(fence.group(1), "\n".join(lines[index + 1:end]) + "\n",
                           index + 2, kind, reason))
        index = end + 1
    return found


def apt_packages(text: str) -> list[str]:
    """The packages of the README's `apt-get install` command (Linux system libraries)."""
    for block in blocks(text):
        for command in block.commands():
            words = shlex.split(command)
            if "apt-get" in words and "install" in words:
                return [w for w in words[words.index("install") + 1:] if not w.startswith("-")]
    return []


if __name__ == "__main__":
    if sys.argv[1:] == ["apt-packages"]:
        print(" ".join(apt_packages(README.read_text(encoding="utf-8"))))
        sys.exit(0)
    print("usage: python3 tests/packaging/readme.py apt-packages", file=sys.stderr)
    sys.exit(2)
