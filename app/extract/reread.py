"""Sourcing and hedging of one part of a split claim, read again from its own words.

When the checker splits a claim, each part must carry only what its own text
says: "Officials said 12 drones were downed" keeps the named source, "and
three more may have fallen" is hedged by "may" and attributed to no one. The
window has no parser (spaCy lives in the helper process), and a split must
be instant and undoable, so this reads the part's words against the cue lists
of ``app/resources/extract/cues.json`` and against what extraction found for
the whole claim:

* hedging: the whole claim's hedge cues that occur in the part, plus any
  multi-word hedge phrase found there; a cue extraction had set aside (a side
  clause) is not brought back;
* sourcing: the part naming the claim's source keeps it; with no source name,
  the part holding a reporting verb or an anonymity phrase keeps the claim's
  sourcing; any other part has no attribution.
"""

from __future__ import annotations

import re

from app.document.model import Claim, Sourcing
from app.extract.cues import load_cues, phrase_in

# Inflected forms of the reporting verbs that the cue list gives as lemmas.
_SUFFIXES = ("", "s", "ed", "d", "ing")
_IRREGULAR = {"say": ("said", "says"), "tell": ("told", "tells")}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w'’-]+", text.lower()))


def _reports(words: set[str], low: str) -> bool:
    cues = load_cues()
    if "according" in words and phrase_in("according to", low):
        return True
    for verb in cues.reporting_verbs:
        forms = {verb + suffix for suffix in _SUFFIXES} | set(_IRREGULAR.get(verb, ()))
        if verb.endswith("e"):
            forms.add(verb[:-1] + "ing")
        if words & forms:
            return True
    return any(phrase_in(p, low) for p in cues.anonymity_phrases)


def reread(part: Claim, whole: Claim) -> None:
    """Set ``part``'s sourcing and hedging from its own text (``whole`` is the claim split)."""
    low = part.quote.lower()
    words = _words(low)
    cues = load_cues()
    hedges = [h for h in whole.hedges if phrase_in(h.lower(), low)]
    for phrase in cues.hedge_phrases:
        if phrase_in(phrase, low) and phrase not in (h.lower() for h in hedges):
            hedges.append(phrase)
    part.hedges = hedges
    # A hedged flag the checker set by hand has no cue to look for: both parts keep it.
    part.hedged = bool(hedges) or (whole.hedged and not whole.hedges)
    name = whole.source_name.strip()
    if whole.sourcing == Sourcing.NONE:
        keeps = False
    elif name:
        keeps = phrase_in(name.lower(), low)
    else:
        keeps = _reports(words, low)
    part.sourcing = whole.sourcing if keeps else Sourcing.NONE
    part.source_name = whole.source_name if keeps else ""
