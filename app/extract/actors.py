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
# modifiers "forces" and "force" take besides the general ones ("air force", "security forces")
QUALIFIED_ONLY = {head: frozenset(words) for head, words in
                  lexicon.table("actors", "qualified_only").items()}
MODIFIER_NOUNS = lexicon.words("actors", "modifier_nouns")
TITLE_WORDS = lexicon.words("actors", "title_words")
STOP_TITLE = lexicon.words("actors", "stop_title")
# heads that are an institution only when a state, nationality or organisation owns them:
# "Iraqi forces", "Russian troops", "Syrian state media", not "the troops", "the media"
OWNED_ONLY = lexicon.words("actors", "owned_only_heads")
LED_WORDS = lexicon.words("actors", "led_words")
MEDIA_HEADS = lexicon.words("actors", "media_heads")


def institution_spans(doc: Any) -> list[tuple[int, int]]:
    """Token spans of institutions such as "the Russian defense ministry", "Iraqi forces",
    "the US-led coalition", "Syrian state media"."""
    spans = []
    for index in positions(doc, INSTITUTION_HEADS | OWNED_ONLY):
        token = doc[index]
        low = token.lower_
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        if low == "staff" and (token.i == 0 or doc[token.i - 1].lower_ != "general"):
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        if low == "department" and token.is_lower and before is not None \
                and before.pos_ == "PROPN" and before.lower_ not in INSTITUTION_HEADS:
            continue  # "the Artibonite department": a region of Haiti, not an office
        i, owner = _owner_start(doc, token.i)
        tail = _name_tail(doc, token)
        if owner and tail:
            spans.append((i, tail))  # "US Forces Korea": a command named by where it serves
            continue
        if low in OWNED_ONLY and not owner and not _state_media(doc, i, token.i):
            continue  # "the troops", "government forces": people in general
        if low in OWNED_ONLY and low not in MEDIA_HEADS and not _acting(token):
            continue  # "strikes against Russian forces": whom, not who acts
        capitalised = (token.text[:1].isupper() and token.i > 0
                       and not doc[token.i - 1].is_sent_start)
        if not owner and not capitalised and not _state_media(doc, i, token.i):
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


def _name_tail(doc: Any, token: Any) -> int | None:
    """The end of a name that goes on past its capitalised head with a place ("US Forces
    Korea", "US Forces Japan"), or None."""
    after = token.i + 1
    if not token.text[:1].isupper() or token.dep_ != "compound" or after >= len(doc) \
            or token.head.i != after or doc[after].ent_type_ not in ("GPE", "LOC") \
            or not doc[after].text[:1].isupper():
        return None
    return after + 1


def _acting(token: Any) -> bool:
    """Whether a noun is the subject or agent of a clause, alone or in a list."""
    for _ in range(4):
        if token.dep_ in ("nsubj", "nsubjpass"):
            return True
        if token.dep_ == "pobj" and token.head.dep_ == "agent":
            return True
        if token.dep_ not in ("conj", "appos"):
            return False
        token = token.head
    return False


def _state_media(doc: Any, start: int, head: int) -> bool:
    """ "State television", "state media": the state's broadcaster, an institution."""
    return doc[head].lower_ in MEDIA_HEADS and any(
        doc[k].lower_ in ("state", "state-run", "state-owned") for k in range(start, head))


def _owner_start(doc: Any, head: int) -> tuple[int, bool]:
    """Leftmost token of an institution's qualifiers before ``head``, and whether a state,
    nationality or organisation owns it ("Iraqi", "Russia's", "US-led", "South Korean puppet").

    Listed modifiers ("defence", "security") always belong to the institution; up to two other
    modifiers ("puppet") only when an owner stands before them.
    """
    i = committed = head
    owner = False
    loose = 0
    while i > 0:
        prev = doc[i - 1]
        low = prev.lower_
        step = 0
        if prev.ent_type_ in ("NORP", "GPE", "ORG") or low in DEMONYM_WORDS:
            step = 1
        elif prev.text in ("’s", "'s") and i - 2 >= 0 \
                and doc[i - 2].ent_type_ in ("GPE", "ORG", "NORP"):
            step = 1
        elif low in LED_WORDS and i - 3 >= 0 and doc[i - 2].text == "-" \
                and doc[i - 3].ent_type_ in ("GPE", "ORG", "NORP"):
            step = 3  # "the US-led coalition"
        elif "-" in low and low.rsplit("-", 1)[1] in LED_WORDS:
            step = 1  # "U.S.-led" as one token
        if step:
            i -= step
            committed, owner, loose = i, True, 0
            continue
        if low in MODIFIER_NOUNS or low in QUALIFIED_ONLY.get(doc[head].lower_, ()):
            i -= 1
            if not loose:
                committed = i
            continue
        if prev.dep_ in ("amod", "compound") and prev.pos_ in ("ADJ", "NOUN") \
                and prev.head.i >= i and loose < 2:
            i -= 1
            loose += 1
            continue
        break
    return committed, owner


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
