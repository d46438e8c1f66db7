"""Finding named weapons, platforms and technical systems (the `system` checkable).

The knowledge lives in ``resources/extract/systems.json``: named systems with
aliases (matched with a spaCy ``PhraseMatcher``), generic weapon and platform
classes, and regular expressions for model designators the list does not hold
("Su-34", "M142 HIMARS", "Shahed-136").

Two rules keep the list from firing on ordinary words:

* a one-word alias that is an everyday word or name ("Patriot", "Leopard",
  "Tiger") counts only when a class noun follows it ("Patriot missiles");
* generic *platform* classes ("drones", "helicopters", "aircraft") name no
  particular system, so they count only when an actor owns them
  ("Syrian regime helicopters", "U.S.-led coalition aircraft"); generic
  *weapon* classes whose mere use is a checkable, often contested fact
  ("chemical weapons", "barrel bombs", "mortars", "VBIED") always count.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.resources import read_text

WEAPON_CLASS_CATEGORIES = frozenset(
    {"weapons of mass destruction", "explosives", "artillery", "small arms"}
)
OWNER_LABELS = frozenset({"NORP", "GPE", "ORG"})


@dataclass(frozen=True, slots=True)
class SystemMatch:
    """One system mention: character offsets into the doc text and its canonical name."""

    start: int
    end: int
    canonical: str
    category: str
    generic: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    named: dict[str, tuple[str, str]]  # alias (lower) -> (canonical, category)
    classes: dict[str, str]  # class phrase (lower) -> category
    distinctive_words: frozenset[str]
    designators: tuple[re.Pattern[str], ...]

    @property
    def class_heads(self) -> frozenset[str]:
        return frozenset(phrase.split()[-1] for phrase in self.classes)


def _is_distinctive(alias: str, distinctive_words: frozenset[str]) -> bool:
    """Whether an alias can stand alone: not an everyday word or a first name."""
    if any(ch.isdigit() for ch in alias) or "-" in alias or "/" in alias or " " in alias:
        return True
    if alias.isupper() and len(alias) >= 3:
        return True
    return alias.lower() in distinctive_words


@cache
def load_gazetteer() -> Gazetteer:
    data = json.loads(read_text("extract", "systems.json"))
    distinctive = frozenset(w.lower() for w in data.get("distinctive_words", []))
    named: dict[str, tuple[str, str]] = {}
    for category, entries in data["named"].items():
        for entry in entries:
            names = [n.strip() for n in entry.split("|") if n.strip()]
            for alias in names:
                named.setdefault(alias, (names[0], category))
    classes: dict[str, str] = {}
    for category, entries in data["classes"].items():
        for entry in entries:
            for phrase in entry.split("|"):
                if phrase.strip():
                    classes.setdefault(phrase.strip().lower(), category)
    designators = tuple(re.compile(p) for p in data["designators"])
    return Gazetteer(named, classes, distinctive, designators)


class SystemFinder:
    """Matchers built once per spaCy vocabulary and reused for every document."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.gazetteer = load_gazetteer()
        g = self.gazetteer
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._classes = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._alias_info: dict[str, tuple[str, str, bool]] = {}
        exact: list[tuple[str, str]] = []
        folded: list[tuple[str, str]] = []
        for alias, (canonical, category) in g.named.items():
            key = f"N{len(self._alias_info)}"
            distinctive = _is_distinctive(alias, g.distinctive_words)
            self._alias_info[key] = (canonical, category, distinctive)
            # short or all-capital aliases keep their case ("Tor", "SAM", "HARM")
            (exact if len(alias) < 4 or alias.isupper() else folded).append((key, alias))
        for key, alias in exact:
            self._exact.add(key, [nlp.make_doc(alias)])
        for key, alias in folded:
            self._folded.add(key, [nlp.make_doc(alias)])
        self._class_category: dict[str, str] = {}
        for i, (phrase, category) in enumerate(g.classes.items()):
            key = f"C{i}"
            self._class_category[key] = category
            if phrase.isupper():
                self._exact.add(key, [nlp.make_doc(phrase)])
            else:
                self._classes.add(key, [nlp.make_doc(phrase)])
        self._class_heads = g.class_heads

    def find(self, doc: Any, owners: list[tuple[int, int]] | None = None) -> list[SystemMatch]:
        """System mentions in ``doc``; ``owners`` are char spans of actor entities."""
        strings = doc.vocab.strings
        found: list[SystemMatch] = []
        class_hits: list[tuple[int, int, str]] = []
        for matcher in (self._exact, self._folded, self._classes):
            for match_id, start, end in matcher(doc):
                key = strings[match_id]
                if key.startswith("C"):
                    class_hits.append((start, end, self._class_category[key]))
                    continue
                canonical, category, distinctive = self._alias_info[key]
                span_end: int | None = end
                if not distinctive:
                    span_end = self._class_noun_after(doc, end)
                    if span_end is None or not doc[start].text[:1].isupper():
                        continue
                assert span_end is not None
                found.append(SystemMatch(doc[start].idx, _char_end(doc, span_end), canonical,
                                         category, False))
        found.extend(self._designators(doc.user_data.get("claimsheet.text") or doc.text))
        for start, end, category in _longest(class_hits):
            match = self._class_match(doc, start, end, category)
            if match is not None:
                found.append(match)
        return _drop_overlaps(found)

    def _class_noun_after(self, doc: Any, end: int) -> int | None:
        """Token index after a class noun within three tokens of ``end``, else None."""
        for j in range(end, min(end + 3, len(doc))):
            if doc[j].lower_ in self._class_heads:
                return j + 1
            if doc[j].is_punct and doc[j].text != "-":
                return None
        return None

    def _class_match(self, doc: Any, start: int, end: int, category: str) -> SystemMatch | None:
        head = doc[end - 1]
        if head.dep_ == "compound" and head.head.i >= end:  # "drone attacks", "tank crews"
            return None
        if start > 0 and doc[start - 1].lower_ == "think" and head.lower_.startswith("tank"):
            return None
        name = doc[start:end].text
        if category in WEAPON_CLASS_CATEGORIES:
            left = _extend_left(doc, start, platform=False)
            return SystemMatch(doc[left].idx, _char_end(doc, end), name.lower(), category, True)
        owner = _owner_start(doc, start)
        if owner is None:
            return None
        return SystemMatch(doc[owner].idx, _char_end(doc, end), name.lower(), category, True)

    def _designators(self, text: str) -> list[SystemMatch]:
        out = []
        for pattern in self.gazetteer.designators:
            for m in pattern.finditer(text):
                name = m.group("name")
                if _looks_like_non_system(name):
                    continue
                named = self.gazetteer.named.get(name)
                canonical, category = named if named else (name, "designator")
                out.append(SystemMatch(m.start("name"), m.end("name"), canonical, category, False))
        return out


_NOT_SYSTEM = re.compile(
    r"^(?:[A-Z]-\d{1,2}|[A-Z]\d{1,2}|G\d{1,2}|COVID-19|F-\d{3,4}|T-?\d{3,4}|R-\d{3,4}|M\d{1,2}|A\d)$")


def _looks_like_non_system(name: str) -> bool:
    """Designator-shaped strings that are usually something else (G7, A1, M4 road, T-1000)."""
    return bool(_NOT_SYSTEM.match(name)) and name not in {"M4", "M16", "B-2", "B-1", "C-5", "E-3",
                                                           "E-2", "E-7", "F-4", "F-5", "U-2", "K9",
                                                           "K2", "M2"}


def _char_end(doc: Any, token_end: int) -> int:
    last = doc[token_end - 1]
    return last.idx + len(last.text)


def _extend_left(doc: Any, start: int, platform: bool) -> int:
    """Take in adjectives that say what kind ("simple chemical weapons", "an artillery round")."""
    i = start
    while i > 0:
        prev = doc[i - 1]
        if prev.dep_ in ("amod", "compound", "det") and prev.head.i >= start and prev.pos_ in (
            "ADJ", "NOUN", "DET"
        ) and prev.lower_ not in ("the", "these", "those", "this", "that"):
            i -= 1
            continue
        break
    return i


def _owner_start(doc: Any, start: int) -> int | None:
    """Index of an actor modifier owning a platform ("Syrian regime helicopters"), else None."""
    i = start
    while i > 0:
        prev = doc[i - 1]
        if prev.ent_type_ in OWNER_LABELS or prev.text in ("-", "led") \
                or prev.lower_.endswith("-led"):
            i -= 1
            continue
        if prev.pos_ in ("NOUN", "ADJ", "PROPN") and prev.dep_ in ("compound", "amod") \
                and i - 1 > 0 and doc[i - 2].ent_type_ in OWNER_LABELS:
            i -= 1
            continue
        break
    if i == start:
        return None
    if not any(doc[k].ent_type_ in OWNER_LABELS for k in range(i, start)):
        return None
    return i


def _longest(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping token spans ("chemical weapons" over "weapons")."""
    kept: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept)


def _drop_overlaps(found: list[SystemMatch]) -> list[SystemMatch]:
    """Named matches beat classes; longer beats shorter."""
    kept: list[SystemMatch] = []
    for m in sorted(found, key=lambda m: (m.generic, -(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def system_word(text: str) -> bool:
    """Whether ``text`` is a system class or alias from the gazetteer ("UAV", "VBIED")."""
    g = load_gazetteer()
    key = text.strip()
    return key.lower() in g.classes or key in g.named
