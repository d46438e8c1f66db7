"""Build NAME.gold.json from NAME.spec.json (the readable annotation), in ../shared/eval's format.

A span is [type, text, occurrence, required]: occurrence is 1-based or "all" (default 1),
required defaults to true. A sentence is [beginning, checkworthy, sourcing, hedged] and runs
to the start of the next sentence (trailing white space trimmed). Standard library only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def build(spec_path: Path) -> dict:
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    text = spec_path.with_name(spec["article"]).read_text(encoding="utf-8")
    spans = []
    for item in spec["spans"]:
        kind, phrase = item[0], item[1]
        which = item[2] if len(item) > 2 else 1
        required = item[3] if len(item) > 3 else True
        starts = []
        pos = text.find(phrase)
        while pos != -1:
            starts.append(pos)
            pos = text.find(phrase, pos + 1)
        if not starts:
            raise SystemExit(f"{spec_path.name}: {phrase!r} not in the article")
        chosen = starts if which == "all" else [starts[which - 1]]
        for s in chosen:
            spans.append({"type": kind, "text": phrase, "start": s, "end": s + len(phrase),
                          "required": required})
    heads = []
    for item in spec["sentences"]:
        pos = text.find(item[0])
        if pos == -1:
            raise SystemExit(f"{spec_path.name}: sentence {item[0]!r} not in the article")
        heads.append((pos, item))
    heads.sort()
    sentences = []
    for i, (pos, item) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        while end > pos and text[end - 1].isspace():
            end -= 1
        sentences.append({"start": pos, "end": end, "text": text[pos:end],
                          "checkworthy": item[1], "sourcing": item[2], "hedged": item[3]})
    return {"article": spec["article"], "spans": spans, "sentences": sentences}


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for spec_path in sorted(folder.glob("*.spec.json")):
        gold = build(spec_path)
        out = spec_path.with_name(spec_path.name.replace(".spec.json", ".gold.json"))
        out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(gold['spans'])} spans, {len(gold['sentences'])} sentences")
