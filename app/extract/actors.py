"""Actors spaCy's small model misses or cuts short.

* Institutions named by a nationality and a head word: "the Russian defense
  ministry", "Ukrainian General Staff", "Iraqi security forces".
* Titled roles in front of a name: "Pentagon press operations director Navy
  Capt. Jeff Davis", "Foreign Secretary Boris Johnson".
"""

from __future__ import annotations

from typing import Any

from app.extract import lexicon
from app.extract.places import DEMONYMS
from app.extract.tokens import positions

DEMONYM_WORDS = frozenset(DEMONYMS)

# Head words of institutions. A head alone is not an actor ("the ministry"); it
# needs a nationality, place or organisation in front, or a capital letter.
INSTITUTION_HEADS = lexicon.words("actors", "institution_heads")
# "forces" and "force" need a qualifier that makes them an institution, not troops in general
QUALIFIED_ONLY = {head: frozenset(words) for head, words in
                  lexicon.table("actors", "qualified_only").items()}
MODIFIER_NOUNS = lexicon.words("actors", "modifier_nouns")
TITLE_WORDS = lexicon.words("actors", "title_words")
STOP_TITLE = lexicon.words("actors", "stop_title")


def institution_spans(doc: Any) -> list[tuple[int, int]]:
    """Token spans of institutions such as "the Russian defense ministry"."""
    spans = []
    for index in positions(doc, INSTITUTION_HEADS):
        token = doc[index]
        low = token.lower_
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        if low == "staff" and (token.i == 0 or doc[token.i - 1].lower_ != "general"):
            continue
        i = token.i
        owner = False
        while i > 0:
            prev = doc[i - 1]
            if prev.ent_type_ in ("NORP", "GPE", "ORG") or prev.lower_ in DEMONYM_WORDS:
                owner = True
                i -= 1
            elif prev.lower_ in MODIFIER_NOUNS or prev.lower_ in QUALIFIED_ONLY.get(low, ()):
                i -= 1
            elif prev.text in ("’s", "'s") and i - 2 >= 0 \
                    and doc[i - 2].ent_type_ in ("GPE", "ORG", "NORP"):
                owner = True
                i -= 1
            else:
                break
        if low in QUALIFIED_ONLY and not any(
                doc[k].lower_ in QUALIFIED_ONLY[low] for k in range(i, token.i)):
            continue
        if low in QUALIFIED_ONLY and not owner:
            continue
        capitalised = (token.text[:1].isupper() and token.i > 0
                       and not doc[token.i - 1].is_sent_start)
        if not owner and not capitalised:
            continue
        if not owner and i == token.i:
            continue
        end = token.i + 1
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
            end += 2
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                end += 1
        # "the ministry's press service" is the ministry speaking, keep just the ministry
        spans.append((i, end))
    return spans


def titled_start(doc: Any, start: int) -> int:
    """Leftmost token of a title chain in front of a person's name at ``start``."""
    i = start
    while i > 0:
        prev = doc[i - 1]
        low = prev.lower_
        if prev.is_punct and prev.text != ".":
            break
        title = low in TITLE_WORDS or (prev.ent_type_ in ("ORG", "NORP", "GPE") and prev.ent_type_)
        if not title and prev.dep_ == "compound" and prev.pos_ in ("NOUN", "PROPN") \
                and prev.head.i >= start:
            title = True
        if not title:
            break
        i -= 1
    while i < start and doc[i].lower_ in STOP_TITLE:
        i += 1
    # require a real title word in the chain, not just a stray noun
    if not any(doc[k].lower_ in TITLE_WORDS - STOP_TITLE for k in range(i, start)):
        return start
    return i


# Courtesy titles and military or police ranks: part of the way a person is named
# ("Mr Colville", "Lt. Gen. Stephen J. Townsend", "Col Smith"), never an office held.
HONORIFICS = lexicon.words("actors", "honorifics")


def honorific_start(doc: Any, start: int) -> int:
    """Leftmost token of a run of ranks and courtesy titles ending just before ``start``."""
    i = start
    while i > 0 and doc[i - 1].lower_ in HONORIFICS:
        i -= 1
    while i < start and doc[i].text == "-":
        i += 1
    return i
