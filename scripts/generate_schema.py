"""Write app/resources/schema/worksheet.schema.json from the model (the one definition).

    .venv/bin/python scripts/generate_schema.py

tests/document/test_definition.py fails when the published file differs from
what the model gives, so run this after changing a class in app/document/model.py.
"""

from __future__ import annotations

from pathlib import Path

from app.document.schema import schema_text

TARGET = Path(__file__).resolve().parent.parent / "app" / "resources" / "schema" \
    / "worksheet.schema.json"


def main() -> None:
    TARGET.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
