"""A worksheet built without spaCy, for tests that exercise the window, not extraction.

Every sentence becomes a claim; capitalised words become actors, digits counts,
so the highlights, ticks and filters have something real to work on.
"""

from __future__ import annotations

import re

from app.document.anchors import make_anchor
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Claim,
    Sourcing,
    Worksheet,
)

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")
_WORD = re.compile(r"\b(?:[A-Z][a-z]+|\d+)\b")


def sentence_claims(text: str) -> list[Claim]:
    claims = []
    for n, m in enumerate(_SENTENCE.finditer(text)):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = m.end()
        checkables = []
        for w in _WORD.finditer(text, start, end):
            if w.start() == start:
                continue
            kind = CheckableType.COUNT if w.group().isdigit() else CheckableType.ACTOR
            checkables.append(Checkable(type=kind, start=w.start(), end=w.end(), text=w.group(),
                                        value=w.group() if kind == CheckableType.COUNT else None))
        claims.append(Claim(anchor=make_anchor(text, start, end), worthiness=0.5,
                            sourcing=(Sourcing.UNNAMED if n % 3 == 0 else Sourcing.NAMED),
                            hedged=n % 4 == 0, checkables=checkables[:4]))
    return claims


def synthetic_worksheet(text: str) -> Worksheet:
    return Worksheet(article=Article(text=text, title="Synthetic"), claims=sentence_claims(text))
