"""Check a parsed worksheet and explain what is wrong in a fact-checker's words.

Two layers: the JSON Schema generated from the model (:mod:`app.document.schema`;
structure and types), whose first error is translated from schema jargon into
a sentence such as "claim 3 has no quote"; then the checks a schema cannot
express: offsets inside the article, quotes that match the text, unique ids,
cited sources that exist, evidence within its limits.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from app.messages import shown
from app.reading.files import describe_size

FIELD_WORDS = {
    "exact": "quote",
    "start": "start offset",
    "end": "end offset",
    "text": "text",
    "anchor": "anchor (position in the article)",
    "id": "id",
    "type": "type",
    "stance": "stance",
    "source": "source reference",
    "sourcing": "sourcing",
    "verdict": "verdict",
    "status": "status",
    "article": "article",
    "claims": "list of claims",
    "sources": "list of sources",
    "format": "format marker",
    "version": "format version",
    "worthiness": "check-worthiness score",
    "evidence": "list of evidence",
    "sha256": "SHA-256 hash",
    "media_type": "media type",
    "size": "size",
    "captured": "capture time",
    "capture": "way of capture",
    "name": "file name",
}

ITEM_WORDS = {"claims": "claim", "sources": "source", "checkables": "checkable",
              "citations": "citation", "hedges": "hedge word", "tags": "tag",
              "evidence": "evidence"}
PATTERN_WORDS = {"^[0-9a-f]{64}$": "64 hexadecimal digits (0-9, a-f)"}

TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
              "boolean": "true or false", "array": "a list", "object": "a group of fields",
              "null": "empty"}


@cache
def _schema() -> dict[str, Any]:
    from app.document.schema import worksheet_schema

    return worksheet_schema()


@cache
def _fast_validator() -> Any:
    """The compiled Rust validator: a yes/no answer in milliseconds for big worksheets."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(_schema())


@cache
def _explaining_validator() -> Any:
    """The reference `jsonschema` validator, used only to explain an invalid document."""
    import jsonschema

    cls = jsonschema.validators.validator_for(_schema())
    return cls(_schema())


def describe_location(path: Iterable[Any]) -> str:
    """Turn a JSON path such as ``claims/2/anchor`` into "claim 3, anchor"."""
    words: list[str] = []
    parts = list(path)
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(part, str) and i + 1 < len(parts) and isinstance(parts[i + 1], int):
            words.append(f"{ITEM_WORDS.get(part, part)} {parts[i + 1] + 1}")
            i += 2
            continue
        words.append(FIELD_WORDS.get(str(part), str(part)))
        i += 1
    return ", ".join(words) if words else "the worksheet"


def _type_words(expected: Any) -> str:
    if isinstance(expected, list):
        return " or ".join(TYPE_WORDS.get(str(t), str(t)) for t in expected)
    return TYPE_WORDS.get(expected, str(expected))


def _shorten(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def explain_schema_error(error: Any) -> str:
    """One sentence for the most relevant schema error."""
    where = describe_location(error.absolute_path)
    field = FIELD_WORDS.get(str(error.absolute_path[-1]), str(error.absolute_path[-1])) \
        if error.absolute_path else ""
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a field"
        return f"{where} has no {FIELD_WORDS.get(missing, missing)}"
    if kind == "type":
        return f"{where} should be {_type_words(error.validator_value)}, " \
               f"not {_shorten(error.instance)}"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v is not None)
        return f"{where}: {_shorten(error.instance)} is not a known {field or 'value'} " \
               f"(expected one of: {allowed})"
    if kind == "const":
        return f"{where} should be {_shorten(error.validator_value)}"
    if kind in ("minimum", "maximum"):
        return f"{where} is out of range ({_shorten(error.instance)})"
    if kind in ("minLength", "maxLength"):
        return f"{where} has an invalid length"
    if kind == "pattern":
        expected = PATTERN_WORDS.get(str(error.validator_value), "the expected form")
        return f"{where} should be {expected}, not {_shorten(error.instance)}"
    return f"{where}: {error.message}"


def schema_problem(document: dict[str, Any]) -> str | None:
    """The first structural problem, in words, or None when the document fits the schema.

    The pure-Python `jsonschema` validator takes most of a second on a 2,000-claim
    worksheet, so a compiled validator answers first and `jsonschema` only runs to
    find and explain the error when there is one.
    """
    import jsonschema

    if _fast_validator().is_valid(document):
        return None
    best = jsonschema.exceptions.best_match(_explaining_validator().iter_errors(document))
    if best is None:
        return "the worksheet does not follow the Claimsheet format"
    return explain_schema_error(best)


def _duplicate(ids: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            return item
        seen.add(item)
    return None


def consistency_problem(document: dict[str, Any]) -> str | None:
    """Problems the schema cannot see. Returns the first one, in words."""
    text: str = document["article"]["text"]
    length = len(text)
    claims = document["claims"]
    sources = document["sources"]
    source_ids = {s["id"] for s in sources}

    dup = _duplicate(c["id"] for c in claims)
    if dup is not None:
        return f"two claims share the id {dup!r}"
    dup = _duplicate(s["id"] for s in sources)
    if dup is not None:
        return f"two sources share the id {dup!r}"
    dup = _duplicate(k["id"] for c in claims for k in c.get("checkables", ()))
    if dup is not None:
        return f"two checkables share the id {dup!r}"

    for number, claim in enumerate(claims, start=1):
        anchor = claim["anchor"]
        if not anchor["start"] <= anchor["end"] <= length:
            return (f"claim {number} points outside the article (characters "
                    f"{anchor['start']}–{anchor['end']}, the article has {length})")
        for k_number, checkable in enumerate(claim.get("checkables", ()), start=1):
            if not checkable["start"] <= checkable["end"] <= length:
                return (f"checkable {k_number} of claim {number} points outside the article "
                        f"(characters {checkable['start']}–{checkable['end']}, "
                        f"the article has {length})")
        for citation in claim.get("citations", ()):
            if citation["source"] not in source_ids:
                return (f"claim {number} cites source {citation['source']!r}, "
                        "which is not in the worksheet")
    return evidence_problem(document.get("evidence", ()), source_ids)


def evidence_problem(evidence: Iterable[dict[str, Any]], source_ids: set[str]) -> str | None:
    """The evidence list: one record per content, known sources, sizes within the limits."""
    from app.document.evidence import MAX_ITEM_BYTES, MAX_TOTAL_BYTES

    seen: set[str] = set()
    total = 0
    for number, item in enumerate(evidence, start=1):
        what = f"evidence {number} ({shown(item['name'], 60)})"
        if item["sha256"] in seen:
            return f"two evidence items have the same SHA-256 hash ({item['sha256'][:16]}…)"
        seen.add(item["sha256"])
        if item["size"] > MAX_ITEM_BYTES:
            return (f"{what} is {describe_size(item['size'])}; Claimsheet keeps evidence files "
                    f"of up to {describe_size(MAX_ITEM_BYTES)}")
        total += item["size"]
        for source in item.get("sources", ()):
            if source not in source_ids:
                return f"{what} is cited by source {source!r}, which is not in the worksheet"
    if total > MAX_TOTAL_BYTES:
        return (f"its evidence files come to {describe_size(total)}; a worksheet holds at most "
                f"{describe_size(MAX_TOTAL_BYTES)} of evidence")
    return None
