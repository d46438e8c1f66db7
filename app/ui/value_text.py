"""How a checkable's normalized value reads for a checker.

Values stay ISO 8601 in the document (the reports and the file format use
them); only the year-less form ``--MM-DD``, which extraction writes when an
undated article says "October 19th", is spelled out, because few people read
``--10-19`` as a date.
"""

from __future__ import annotations

import calendar
import re

from app.document.model import Checkable

_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")


def shown_value(checkable: Checkable) -> str:
    """The value as the window shows it ("" when there is none)."""
    value = checkable.value or ""
    match = _MONTH_DAY.match(value)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return f"{day} {calendar.month_name[month]} (year unknown)"
    return value
