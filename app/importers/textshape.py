"""Shapes of text that would make claim extraction take far longer than its size.

spaCy's tokenizer peels punctuation and symbols off the ends of each
space-separated word one at a time, copying the rest of the word every
time: a word made of 8,000 ``[`` (or ``=``, ``#``, emoji, flags …) takes
10–20 seconds on its own, and 40,000 in a row more than a minute. A text
whose words stay short is handled in time proportional to its length, so an
article is refused when it has

* more than :data:`MAX_ARTICLE_CHARS` characters in all;
* a word (a run without spaces) longer than :data:`MAX_WORD_CHARS`;
* more than :data:`MAX_SYMBOL_RUN` punctuation marks, symbols or emoji in a
  row with no letter, digit or space between them;
* a word holding more than :data:`MAX_WORD_SYMBOLS` of them.

Real articles are far inside these limits (a long URL has a few hundred
characters; a separator line of ``=`` is 60–80), and Chinese, Japanese or Thai
text written without spaces is fine: letters are never peeled. The checks run
in C-level regular expressions; only a suspicious stretch is looked at
character by character.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ARTICLE_CHARS = 5_000_000
"""Characters of article text (after reading and normalizing): about 800,000 words."""

MAX_WORD_CHARS = 10_000
"""Longest run of characters without a space."""

MAX_SYMBOL_RUN = 100
"""Most punctuation marks, symbols and emoji in a row."""

MAX_WORD_SYMBOLS = 1_000
"""Most punctuation marks, symbols and emoji in one word."""

_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
# Cheap over-approximation: anything neither a word character nor a space. It also
# matches combining marks (Thai vowels, zalgo text), which is why a hit is checked.
_NON_WORD_RUN = re.compile(rf"(?:[^\w\s]|_){{{MAX_SYMBOL_RUN + 1},}}")
_SYMBOLISH_WORD = re.compile(rf"\S{{{MAX_WORD_SYMBOLS + 1},}}")
_NON_WORD = re.compile(r"[^\w\s]|_")


def _is_symbol(ch: str) -> bool:
    """Punctuation (P*) or a symbol (S*: math, currency, modifiers, emoji, flags)."""
    return unicodedata.category(ch)[0] in "PS"


def _longest_symbol_run(text: str) -> int:
    longest = current = 0
    for ch in text:
        current = current + 1 if _is_symbol(ch) else 0
        longest = max(longest, current)
    return longest


def shape_problem(text: str) -> str | None:
    """Why ``text`` is refused as an article, in words, or None when it is fine."""
    if len(text) > MAX_ARTICLE_CHARS:
        return (f"it has {len(text):,} characters of text; Claimsheet reads articles of up to "
                f"{MAX_ARTICLE_CHARS:,} characters")
    for match in _NON_WORD_RUN.finditer(text):
        run = _longest_symbol_run(match[0])
        if run > MAX_SYMBOL_RUN:
            return (f"it has {run:,} punctuation marks, symbols or emoji in a row; Claimsheet "
                    f"reads at most {MAX_SYMBOL_RUN:,} in a row")
    if _LONG_WORD.search(text):
        longest = max(len(m[0]) for m in _LONG_WORD.finditer(text))
        return (f"it has a {longest:,}-character word (text without a space); Claimsheet "
                f"reads words of up to {MAX_WORD_CHARS:,} characters")
    for found in _SYMBOLISH_WORD.finditer(text):
        word = found[0]
        if len(_NON_WORD.findall(word)) > MAX_WORD_SYMBOLS:
            symbols = sum(1 for ch in word if _is_symbol(ch))
            if symbols > MAX_WORD_SYMBOLS:
                return (f"it has a word with {symbols:,} punctuation marks, symbols or emoji; "
                        f"Claimsheet reads words with up to {MAX_WORD_SYMBOLS:,}")
    return None
