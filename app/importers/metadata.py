"""The article metadata an importer found, before it becomes an :class:`Article`.

Readers fill what their format offers (an HTML page has an author and a
canonical URL, a PDF has a title, a plain text file has nothing); dates are
reduced to an ISO ``YYYY-MM-DD`` because the published date anchors relative
dates ("yesterday", "last Tuesday") during extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_COMPACT_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})")


@dataclass(slots=True)
class Metadata:
    """Metadata fields, all optional strings; empty means "not found"."""

    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    language: str = ""

    def merge(self, other: Metadata) -> None:
        """Fill the fields still empty here from ``other``."""
        for item in fields(self):
            if not getattr(self, item.name) and getattr(other, item.name):
                setattr(self, item.name, getattr(other, item.name))

    def cleaned(self) -> Metadata:
        """A copy with whitespace collapsed, the date as ISO and the language as a bare code."""
        values = {item.name: " ".join(str(getattr(self, item.name) or "").split())
                  for item in fields(self)}
        values["published"] = iso_date(values["published"])
        values["language"] = language_code(values["language"])
        return Metadata(**values)


def iso_date(value: str) -> str:
    """``YYYY-MM-DD`` from an ISO timestamp, a PDF date (``D:20231019…``) or a written
    full date ("19 October 2023", "Oct. 19, 2023"), else ``""``.

    A date without a day ("October 2023") is refused rather than completed:
    relative dates in the article would be resolved against an invented day.
    """
    value = value.strip()
    if value.startswith("D:"):
        match = _COMPACT_DATE.match(value)
    else:
        match = _ISO_DATE.match(value) or _COMPACT_DATE.fullmatch(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return ""
    if not value or len(value) > 60 or not any(ch.isdigit() for ch in value):
        return ""
    import dateparser

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": True,
                                               "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else ""


def language_code(value: str) -> str:
    """The primary language subtag, lower case: ``en-GB`` → ``en``, ``ru_RU`` → ``ru``."""
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else ""
