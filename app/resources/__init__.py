"""Locate Claimsheet's data files: schema, gazetteers, fonts, trained models, icons.

The data lives inside the package (``app/resources/``) so that every way of
installing it carries it along: an editable checkout, a wheel, ``pipx`` and the
PyInstaller one-folder app. It is found with :mod:`importlib.resources`, the way
qutebrowser's ``utils/resources.py`` finds its HTML and images, never by walking
up from ``__file__`` to a source tree that an installed copy does not have.

``CLAIMSHEET_RESOURCES`` names another folder with the same layout; packagers
and tests use it to swap the data without rebuilding.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding Claimsheet's data files.

    Wheels, editable installs and PyInstaller bundles all unpack the package to
    real files, so the traversable is a plain folder; reportlab and spaCy need
    real paths for fonts and models, which is why a path is returned.
    """
    override = os.environ.get("CLAIMSHEET_RESOURCES")
    if override:
        return Path(override)
    return Path(str(resources.files(__name__)))


def resource_path(*parts: str) -> Path:
    """Path of one data file, e.g. ``resource_path("schema", "worksheet.schema.json")``."""
    return resources_dir().joinpath(*parts)


def read_text(*parts: str) -> str:
    """Contents of one UTF-8 data file."""
    return resource_path(*parts).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    """Contents of one binary data file (fonts, icons, compressed models)."""
    return resource_path(*parts).read_bytes()
