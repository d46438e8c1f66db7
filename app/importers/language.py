"""A small guess at an article's language when its file does not say.

Claimsheet's extraction pipeline is English; the language field mainly tells
the checker (and the report) what they are looking at, and lets the window
warn when a Russian article is about to be run through English rules. Counting
the commonest function words of a handful of languages is enough for that on
any real paragraph; a shorter or mixed text gets no guess rather than a wrong
one.
"""

from __future__ import annotations

import re

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for it was on with as by at from this are".split()),
    "de": frozenset("der die und das ist nicht mit den sich des auf ein eine dem zu im".split()),
    "fr": frozenset("le la les des et est une dans que pour pas sur au du qui par avec".split()),
    "es": frozenset("el la los las del que y en por con para una es se no al como".split()),
    "it": frozenset("il di che la per non una sono del della con è gli le nel alla".split()),
    "pt": frozenset("de que não uma os do da em para com por se dos das ao é".split()),
    "nl": frozenset("de het een en van is dat op te niet zijn met voor die ook".split()),
    "pl": frozenset("i w nie na się z do że jest to jak o przez od za".split()),
    "ru": frozenset("и в не на что с по как это из он о за от к для было".split()),
    "uk": frozenset("і в не на що з та як це до із за від про для було".split()),
}
_TOKEN = re.compile(r"[^\W\d_]+")
_MIN_HITS = 5


def guess_language(text: str) -> str:
    """An ISO 639-1 code for the text's language, or ``""`` when unsure."""
    words = [w.lower() for w in _TOKEN.findall(text[:20_000])]
    if not words:
        return ""
    scores = {code: sum(1 for w in words if w in stop) for code, stop in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits < _MIN_HITS or hits < runner_up * 1.3:
        return ""
    return best
