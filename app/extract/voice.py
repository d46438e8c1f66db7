"""Whose voice a sentence is in, beyond what its own words say: for sourcing.

Three things make a sentence with no reporting verb of its own attributed
(``../shared/eval/GUIDE.md``, *sourcing*):

* **An official statement's issuer.** A ministry's release says "We struck ..."
  and "Coalition aircraft conducted ..." in its own voice: those sentences are
  the issuer's, a named source. The issuer is known from the article's metadata
  (an official site or outlet) or from its voice: sentences outside quotation
  marks that speak as "we" or "our".
* **A statement introduced on a line of its own** ("The Foreign Secretary,
  Boris Johnson, said:") runs on to the end of the article, or to the next
  such line: every sentence in it is the speaker's.
* **A quotation running over several sentences** ('"War maniacs ... fired
  36 shells ... posts 250 and 251", said KCNA.'): the sentences inside the quote
  take the attribution of the sentence that carries it; a quotation with no
  attribution of its own that follows an attributed sentence in the same
  paragraph ('"We counted 31 bodies," he said. "The depot burned."') goes on in
  that speaker's voice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from app.extract import lexicon

FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us)\b")  # not "US"
STATEMENT_LINE = re.compile(
    r"^(?P<who>[^\n]{2,160}?),?\s+(?:said|says|stated|states|added|commented|declared|wrote)"
    r"(?:\s+(?:today|yesterday|in a statement))?\s*:\s*$", re.M)
# "More details from South Korea's Joint Chiefs of Staff:", "According to the navy:"
# also inline after a live blog's update stamp: "10:30 — More details from the JCS: the ..."
_STAMP = r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*[–—-]\s*)?(?:(?:Breaking|Update)\s*:\s*)?"
SOURCE_LINE = re.compile(
    rf"^{_STAMP}(?:(?:More|Further|Fresh|New|Latest)(?=\s+from)"
    r"|(?:(?:More|Further|Fresh|New|Latest)\s+)?(?:details|information|figures|update|updates))"
    r"\s+(?:from|by)\s+(?P<who>[^\n:]{2,120}):[ \t]*(?:$|(?=\S))"
    rf"|^{_STAMP}According to (?P<who2>[^\n:]{{2,120}}):[ \t]*$", re.M)
MAX_QUOTE = 3000  # an opening mark not closed within this many characters opens nothing
OFFICIAL_HOSTS = lexicon.ordered("cues", "official_host_suffixes")
OFFICIAL_WORDS = lexicon.words("cues", "official_outlet_words")
_RELEASE_LINE = re.compile(
    r"^(?:Press|News|Media) (?:release|statement) (?:from|by|issued by|\|) (?:the )?"
    r"(?P<who>[A-Z][\w'’.-]*(?:\s+(?:of\s+(?:the\s+)?|and\s+|for\s+)?[A-Z][\w'’.-]*){0,8})")
# "Press release: Coast guard rescues 37 migrants", "Press statement: MFA summons ...": a
# release whose issuer is named on a line of its own below it (see _header_name), or is the
# subject of its first sentence ("The Ministry of Foreign Affairs firmly condemns ...")
_RELEASE_HEADLINE = re.compile(
    r"^(?:(?:Press|News|Media|Joint|Official)\s+(?:release|statement|advisory|communiqu[eé])"
    r"|Statement|Communiqu[eé]|Readout)\s*[:–—-]\s*\S")
# a live blog's update stamp ("13:05 — That's where we'll pause"): the outlet's page, no issuer
_UPDATE_STAMP = re.compile(r"^\s*\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|[A-Z]{2,4}))?"
                           r"\s*[–—-]\s", re.M)
# the outlet speaking of its own work ("our correspondent", "we'll pause this live coverage"):
# not an institution's voice
OUTLET_SELF_WORDS = lexicon.words("cues", "outlet_self_words")
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:(?:of|for)\s+(?:the\s+)?|and\s+)?[A-Z][\w'’.-]*){0,8}"
_DOCUMENT = r"(?i:summary|briefing|statement|bulletin|communiqu[eé])"
_KIND = r"(?i:daily|weekly|official|press|operational)"
_SUMMARY_OF = re.compile(
    rf"^(?:{_KIND}\s+)?{_DOCUMENT}\s+(?:of|from|by)\s+(?:[Tt]he\s+)?(?P<who>{_NAME})")
_OWNER_SUMMARY = re.compile(
    rf"^(?:[Tt]he\s+)?(?P<who>{_NAME})(?:['’]s|\s*[:–—-])?\s+(?:{_KIND}\s+)?{_DOCUMENT}"
    r"(?:\s*$|\s*[,:(–-]|\s+(?:on|of|for|about|regarding|to|in)\b)")  # not "... angers X"
_HEADER_NAME = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w'’.-]*\s+(?:of\s+(?:the\s+)?|and\s+|for\s+)?){1,10}[A-Z][\w'’.-]*$")


@dataclass(frozen=True, slots=True)
class Voice:
    """What the whole article says about who speaks where (character offsets)."""

    issuer: str | None = None  # the body an official statement speaks for
    blocks: tuple[tuple[int, int, str], ...] = ()  # (start, end, speaker) after "X said:"
    quotes: tuple[tuple[int, int], ...] = field(default=())  # quoted stretches of text
    breaks: tuple[int, ...] = ()  # where paragraphs end (blank lines)

    def same_paragraph(self, start: int, end: int) -> bool:
        """Whether no paragraph ends between offsets ``start`` and ``end``."""
        return not any(start <= b < end for b in self.breaks)

    def speaker_at(self, start: int) -> str | None:
        """The speaker of a "said:" block holding offset ``start``."""
        for s, e, who in self.blocks:
            if s <= start < e:
                return who
        return None


def read_voice(text: str, outlet: str = "", url: str = "") -> Voice:
    """The :class:`Voice` of an article; ``outlet`` and ``url`` are its metadata, if known."""
    quotes = tuple(quote_spans(text))
    blocks = tuple(statement_blocks(text))
    issuer = official_issuer(outlet, url) or release_issuer(text) \
        or _issuer_from_voice(text, quotes, blocks)
    breaks = tuple(m.start() for m in re.finditer(r"\n[ \t]*\n", text))
    return Voice(issuer, blocks, quotes, breaks)


def official_issuer(outlet: str, url: str) -> str | None:
    """The issuing body when the article comes from an official site or outlet
    ("www.defense.gov", "Ministry of Defence"), else None."""
    host = urlparse(url).hostname or "" if url else ""
    if host and any(host == s.lstrip(".") or host.endswith(s) for s in OFFICIAL_HOSTS):
        return outlet or host.removeprefix("www.")
    words = set(re.findall(r"[a-z]+", outlet.lower()))
    if outlet and words & OFFICIAL_WORDS:
        return outlet
    return None


# "(Mogadishu, 12 November) – Nearly 274,000 people ..., OCHA said today.": the UN's and
# NGOs' release lede, a bracketed place and date, the issuer saying it "today"
_BRACKET_DATELINE = re.compile(r"^\([A-Z][^,()\n]{1,40},\s*[^()\n]{3,30}\)\s*[–—-]\s")
_TODAY_ISSUER = re.compile(
    rf"(?:,|\.)\s+(?:the\s+)?(?P<who>{_NAME})(?:\s+\([A-Z]{{2,10}}\))?\s+"
    r"(?:said|announced|reported|warned|stated)\s+today\b")


def _top_lines(text: str, chars: int = 600) -> list[str]:
    """The non-blank lines in the first ``chars`` characters, stripped: where a release or a
    summary names its issuer."""
    return [line.strip() for line in text[:chars].splitlines() if line.strip()]


def release_issuer(text: str) -> str | None:
    """The issuer a release or an official summary names in its first lines ("Press release
    from the Ministry of Defence.", "Daily summary of the Ministry of Defence of Ruritania",
    "Defence Ministry briefing, 3 May", a bracketed dateline lede "..., OCHA said today"):
    what it states in its own voice is that body's."""
    for line in _top_lines(text, 1500)[:4]:
        if _BRACKET_DATELINE.match(line):
            m = _TODAY_ISSUER.search(line)
            if m:
                return m.group("who")
    for line in _top_lines(text)[:4]:
        m = _RELEASE_LINE.match(line) or _SUMMARY_OF.match(line) or _OWNER_SUMMARY.match(line)
        if m:
            who = re.split(r"\.\s", m.group("who"))[0].rstrip(". ")
            if m.re is _RELEASE_LINE or set(re.findall(r"[a-z]+", who.lower())) & OFFICIAL_WORDS:
                return re.sub(r"^(?:the|The)\s+", "", who)
        if _RELEASE_HEADLINE.match(line):
            who = _header_name(text) or _first_subject(text)
            if who:
                return who
    return _named_document_header(text)


# a line naming only what kind of document follows ("Intelligence update", "Press release")
_DOCUMENT_LINE = re.compile(
    rf"^(?:[A-Za-z]+\s+){{0,2}}(?:{_DOCUMENT}|(?i:update|release|readout|advisory"
    r"|situation report))$")


def _named_document_header(text: str) -> str | None:
    """An official body's name on the first line and the kind of document on the next
    ("Ministry of Defence" / "Intelligence update"): the body issues what follows."""
    lines = _top_lines(text)[:3]
    if len(lines) < 2 or not any(_DOCUMENT_LINE.match(line) for line in lines[1:]):
        return None
    return _header_name(lines[0])


def quote_spans(text: str) -> Iterable[tuple[int, int]]:
    """Stretches between opening and closing quotation marks. A run of straight double
    quotes toggles only when its length is odd (``""`` is an escaped mark in copied text)."""
    opened: int | None = None
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "“" and opened is None:
            opened = i
        elif ch == "”" and opened is not None:
            yield opened, i + 1
            opened = None
        elif ch == '"':
            j = i
            while j < n and text[j] == '"':
                j += 1
            if (j - i) % 2 == 1:
                if opened is None:
                    opened = i
                else:
                    yield opened, j
                    opened = None
            i = j
            continue
        if opened is not None and i - opened > MAX_QUOTE:
            i = opened + 1  # never closed: read on after the stray mark
            opened = None
            continue
        i += 1


def statement_blocks(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, speaker) of statements introduced on a line of their own ("X said:"),
    and of the paragraph after a line that gives its source ("More details from the Joint
    Chiefs of Staff:", "According to the navy:"), as live blogs write."""
    found = list(STATEMENT_LINE.finditer(text))
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        who = m.group("who").strip(" ,")
        who = re.sub(r"^(?:the|The)\s+", "", who)
        yield m.end(), end, who
    for m in SOURCE_LINE.finditer(text):
        body = re.search(r"\S", text[m.end():])
        if body is None:
            continue
        start = m.end() + body.start()
        stop = text.find("\n\n", start)
        who = re.sub(r"^(?:the|The)\s+", "", (m.group("who") or m.group("who2")).strip(" ,"))
        yield m.start(), len(text) if stop == -1 else stop, who  # the line runs into it


def _issuer_from_voice(text: str, quotes: tuple[tuple[int, int], ...],
                       blocks: tuple[tuple[int, int, str], ...]) -> str | None:
    """An institution speaking as "we" outside quotes, in two sentences or more. A live
    blog's "we" and "our correspondent" are the outlet's, which issues nothing."""
    if len(_UPDATE_STAMP.findall(text)) >= 2:
        return None
    hits = 0
    for m in FIRST_PERSON_PLURAL.finditer(text):
        at = m.start()
        if any(s <= at < e for s, e in quotes) or any(s <= at < e for s, e, _ in blocks) \
                or _outlet_self(text, at):
            continue
        hits += 1
    if hits < 2:
        return None
    return _header_name(text) or _first_subject(text) or "the issuing body"


def _outlet_self(text: str, at: int) -> bool:
    """Whether the sentence around offset ``at`` is the outlet speaking of its own coverage."""
    start = max(text.rfind(mark, 0, at) for mark in (". ", "\n", "? ", "! ")) + 1
    ends = [k for k in (text.find(mark, at) for mark in (". ", "\n", "? ", "! ")) if k != -1]
    end = min(ends, default=len(text))
    if text[end:end + 1] == "?" or text[start:end].rstrip().endswith("?"):
        return True  # "What do we know about the drones?": an explainer asking for its readers
    words = set(re.findall(r"[a-z]+", text[start:end].lower()))
    return bool(words & OUTLET_SELF_WORDS)


def _header_name(text: str) -> str | None:
    """A line near the top that is a name and nothing else ("The Ministry of Defence of the
    Republic of Ruritania")."""
    for line in _top_lines(text)[:4]:
        if len(line) <= 90 and _HEADER_NAME.match(line) and any(
                w in OFFICIAL_WORDS for w in re.findall(r"[a-z]+", line.lower())):
            return re.sub(r"^(?:the|The)\s+", "", line)
    return None


def _first_subject(text: str) -> str | None:
    """The named subject of the first sentence of the body ("The United States strongly
    condemns ...")."""
    lines = _top_lines(text, 2000)
    body = next((line for line in lines[1:] if line[-1:] in ".!?\"”"), None)
    if body is None:
        return None
    m = re.match(r"^((?:The\s+)?(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,6}"
                 r"[A-Z][\w'’.-]*)\s+(?:strongly\s+|firmly\s+|today\s+)?[a-z]+s\b", body)
    return re.sub(r"^The\s+", "", m.group(1)) if m else None
