"""Locate the data files in the repository's `resources/` folder.

The schema, gazetteers, fonts and trained models live beside the package rather
than inside it, as the product design lays out the repository. The project is
always installed in editable mode (`make run`, `make test`), so the folder is
found relative to this file; `CLAIMSHEET_RESOURCES` overrides it for packagers.
"""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding Claimsheet's data files."""
    override = os.environ.get("CLAIMSHEET_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one data file, e.g. ``resource_path("schema", "worksheet.schema.json")``."""
    return resources_dir().joinpath(*parts)


def read_text(*parts: str) -> str:
    """Contents of one UTF-8 data file."""
    return resource_path(*parts).read_text(encoding="utf-8")
