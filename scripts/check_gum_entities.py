"""How the actor and location rows compare with GUM's entity annotation, on text the rules
were not written for.

    .venv/bin/python scripts/check_gum_entities.py

Reads ../shared/corpus/ner/gum-news (24 Wikinews documents of the GUM corpus, with
every mention annotated by entity type; without the folder it says so and exits 0).
GUM is not a gold set in the product's conventions (it marks every mention, pronouns
and generic people included), so only shares are printed: of the actor rows
``find_checkables`` gives, how many GUM marks as a person or organisation, how many
are pronouns; of the location rows, how many GUM marks as a place. A row is compared
with the smallest GUM mention covering at least half of it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GUM = ROOT.parent / "shared" / "corpus" / "ner" / "gum-news"
Mention = tuple[int, int, str, str]  # start, end, entity type, part of speech of its first word


def read_conllu(path: Path) -> tuple[str, list[Mention]]:
    """The document's text (tokens joined as GUM spaces them) and its entity mentions."""
    text = ""
    mentions: list[Mention] = []
    opened: dict[str, list[tuple[int, str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            if text and not text.endswith("\n"):
                text = text.rstrip(" ") + "\n"
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        start = len(text)
        text += cols[1]
        end = len(text)
        if "SpaceAfter=No" not in cols[9]:
            text += " "
        entity = re.search(r"Entity=([^|]*)", cols[9])
        if entity:
            _read_entities(entity.group(1), start, end, cols[3], opened, mentions)
    return text, mentions


def _read_entities(field: str, start: int, end: int, pos: str,
                   opened: dict[str, list[tuple[int, str, str]]],
                   mentions: list[Mention]) -> None:
    """GUM's bracket notation: "(3-person-..." opens, "3)" closes, "(4-place-...)" both."""
    for m in re.finditer(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)", field):
        if m.group(1):
            if m.group(3):
                mentions.append((start, end, m.group(2), pos))
            else:
                opened.setdefault(m.group(1), []).append((start, m.group(2), pos))
        elif opened.get(m.group(4)):
            first, kind, first_pos = opened[m.group(4)].pop()
            mentions.append((first, end, kind, first_pos))


def main() -> int:
    if not GUM.is_dir():
        print(f"{GUM}: not here (a user's clone has no ../shared); nothing to check.")
        return 0
    from app.extract.checkables import find_checkables
    from app.extract.extractor import engine

    eng = engine()
    tally: Counter[str] = Counter()
    for path in sorted(GUM.glob("*.conllu")):
        text, mentions = read_conllu(path)
        doc = eng.pipeline.nlp(text)
        doc.user_data["claimsheet.text"] = text
        for f in find_checkables(doc, eng.rules, None):
            if f.type not in ("actor", "location"):
                continue
            covering = [m for m in mentions
                        if (min(m[1], f.end) - max(m[0], f.start)) * 2 >= f.end - f.start]
            if not covering:
                continue
            start, end, kind, pos = min(covering, key=lambda m: m[1] - m[0])
            tally[f.type] += 1
            if pos == "PRON":
                tally[f.type + " pronoun"] += 1
            elif kind in (("person", "organization") if f.type == "actor" else ("place",)):
                tally[f.type + " right"] += 1
    for kind, right in (("actor", "a person or organisation"), ("location", "a place")):
        total = tally[kind] or 1
        print(f"{kind} rows {tally[kind]}: GUM marks {tally[kind + ' right'] / total:.3f} as "
              f"{right}, {tally[kind + ' pronoun'] / total:.3f} are pronouns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
