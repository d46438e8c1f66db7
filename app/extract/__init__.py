"""Extraction: from an article to the claims a fact-checker must verify.

``extract(article)`` returns :class:`~app.document.model.Claim` objects with
typed checkables (date, system, location, count, actor), sourcing, hedging and
a check-worthiness score. spaCy is imported only when extraction first runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.extract.extractor import ExtractionCancelled, extract, extract_many

__all__ = ["ExtractionCancelled", "extract", "extract_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from app.extract import extractor

        return getattr(extractor, name)
    raise AttributeError(name)
