"""Start-up of the one-folder app against the same program run from the venv.

Both open the seed article offscreen with ``--smoke`` and report, counted from
a wall-clock stamp taken just before the process is spawned (``CLAIMSHEET_T0``):
the window shown, the checklist ready (spaCy loaded in the helper process and
the article extracted), and the process gone. Runs alternate between the two so
that the machine's load falls on both alike; medians are printed with the
ratio bundle / venv. The first launch of each is reported separately (page
cache cold for the bundle right after a build; the venv's byte-code compiled).

No target: the figures go into docs/packaging.md. Without a built app
(``make bundle``) the script says so and exits 0.

Run: ``.venv/bin/python benchmarks/bench_bundle.py [--runs N] [--bundle PATH]``
(default ``dist/claimsheet/claimsheet``).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_6448b12ea3d2d7a9.txt"
# The venv's byte-code, compiled once as an installed copy has it (see bench_window.py).
PYCACHE = Path(tempfile.gettempdir()) / "claimsheet-bench-pycache"


def launch(cmd: list[str], workdir: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(PYCACHE),
               HOME=str(workdir))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    env["CLAIMSHEET_T0"] = repr(start)
    out = subprocess.run([*cmd, "--smoke", str(SEED)], env=env, capture_output=True, text=True,
                         check=True, cwd=workdir, timeout=300).stdout
    figures = {k: float(v) for k, v in re.findall(r"(\w+_ms)=([\d.]+)", out)}
    figures["exit_ms"] = (time.time() - start) * 1000
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "claimsheet" / "claimsheet")
    args = parser.parse_args()
    if not args.bundle.is_file():
        print(f"bench_bundle: no one-folder app at {args.bundle}: run `make bundle` first")
        return 0
    programs = {"bundle": [str(args.bundle.resolve())], "venv": [sys.executable, "-m", "app"]}
    samples: dict[str, dict[str, list[float]]] = {name: {} for name in programs}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name, cmd in programs.items():
            first = launch(cmd, workdir)
            print(f"{name:6} first launch: " + "  ".join(f"{k}={v:.0f}" for k, v in first.items()))
        for _ in range(args.runs):
            for name, cmd in programs.items():
                for key, value in launch(cmd, workdir).items():
                    samples[name].setdefault(key, []).append(value)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"median of {args.runs} launches each, alternating (load average {load:.1f}):")
    for key in ("shown_ms", "checklist_ms", "exit_ms"):
        bundle = statistics.median(samples["bundle"][key])
        venv = statistics.median(samples["venv"][key])
        print(f"  {key:13} bundle {bundle:6.0f}   venv {venv:6.0f}   ratio {bundle / venv:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
