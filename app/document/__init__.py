"""The worksheet: article, claims, checkables, sources, and the .claimsheet file format.

Plain Python only; nothing here may import Qt or spaCy.
"""

from app.document.anchors import Anchor, make_anchor, reanchor
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Origin,
    Source,
    SourceKind,
    Sourcing,
    Stance,
    Status,
    Verdict,
    Worksheet,
    new_id,
)

__all__ = [
    "Anchor",
    "Article",
    "Checkable",
    "CheckableType",
    "Citation",
    "Claim",
    "Origin",
    "Source",
    "SourceKind",
    "Sourcing",
    "Stance",
    "Status",
    "Verdict",
    "Worksheet",
    "make_anchor",
    "new_id",
    "reanchor",
]
