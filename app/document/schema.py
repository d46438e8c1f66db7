"""The worksheet's JSON Schema, generated from the model (:mod:`app.document.definition`).

The loader validates against :func:`worksheet_schema`; the same schema is
published as ``app/resources/schema/worksheet.schema.json`` for other tools
(``python scripts/generate_schema.py`` writes it, and a test fails when the
published file is not what the model gives).
"""

from __future__ import annotations

import functools
import json
from typing import Any

from app.document.definition import json_schema
from app.document.migrations import CURRENT_VERSION
from app.document.model import Worksheet

FORMAT = "claimsheet"
SCHEMA_FILE = ("schema", "worksheet.schema.json")


@functools.cache
def worksheet_schema() -> dict[str, Any]:
    return json_schema(
        Worksheet,
        before={"format": {"const": FORMAT}, "version": {"type": "integer", "minimum": 1}},
        required_before=("format", "version"),
        header={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://claimsheet.invalid/schema/worksheet-{CURRENT_VERSION}.schema.json",
            "title": f"Claimsheet worksheet, format version {CURRENT_VERSION} (worksheet.json; "
                     "generated from app/document/model.py)",
        })


def schema_text() -> str:
    """The published file's text."""
    return json.dumps(worksheet_schema(), indent=2) + "\n"
