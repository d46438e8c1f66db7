"""One definition of the worksheet: the model's dataclasses give the schema, encoder and decoder.

These tests fail when the three drift apart: the published schema file is not
what the model gives, a field is written but not described (or the other way
round), or a required field can be left out.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from app.document.definition import decoder, encoder, fields_of, json_schema
from app.document.fileformat import worksheet_to_dict
from app.document.model import Article, Checkable, Citation, Claim, Evidence, Source, Worksheet
from app.document.schema import schema_text, worksheet_schema
from app.document.validation import schema_problem
from app.resources import read_text
from tests.document.badcontainers import good_document
from tests.document.strategies import worksheets

CLASSES = (Worksheet, Article, Claim, Checkable, Citation, Source, Evidence)


def test_the_published_schema_is_what_the_model_gives() -> None:
    """After changing app/document/model.py run scripts/generate_schema.py."""
    assert read_text("schema", "worksheet.schema.json") == schema_text()


def _definition(schema: dict[str, Any], cls: type) -> dict[str, Any]:
    if cls is Worksheet:
        return schema
    name = "".join(("_" + c.lower()) if c.isupper() and i else c.lower()
                   for i, c in enumerate(cls.__name__))
    found: dict[str, Any] = schema["$defs"][name]
    return found


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_written_field_is_described_and_required_where_it_must_be(cls: type) -> None:
    schema = _definition(worksheet_schema(), cls)
    written = [key for spec in fields_of(cls)
               for key in (*(k for k, _ in spec.filed.computed), spec.key)]
    described = [k for k in schema["properties"] if k not in ("format", "version")]
    assert described == written  # same keys, same (file) order
    required = {spec.key for spec in fields_of(cls) if spec.required}
    assert set(schema["required"]) - {"format", "version"} == required


def test_the_file_has_the_keys_the_schema_describes() -> None:
    document = good_document()
    assert list(document) == list(worksheet_schema()["properties"])
    assert list(document["article"]) == list(worksheet_schema()["$defs"]["article"]["properties"])
    assert schema_problem(document) is None


def test_each_required_key_left_out_is_refused() -> None:
    document = good_document()
    for key in worksheet_schema()["required"]:
        broken = {k: v for k, v in document.items() if k != key}
        assert schema_problem(broken) is not None, key
    for key in worksheet_schema()["$defs"]["evidence"]["required"]:
        broken = json.loads(json.dumps(document))
        del broken["evidence"][0][key]
        assert "has no" in (schema_problem(broken) or ""), key


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worksheets())
def test_encoder_and_decoder_are_inverse_and_the_output_validates(ws: Worksheet) -> None:
    document = worksheet_to_dict(ws)
    assert schema_problem(json.loads(json.dumps(document))) is None
    assert decoder(Worksheet)(document) == ws


def test_not_written_fields_stay_out_of_the_file() -> None:
    names = {spec.attr for spec in fields_of(Worksheet)}
    assert "locker" not in names
    assert "locker" not in worksheet_schema()["properties"]


def test_a_new_field_changes_the_schema_the_encoder_and_the_decoder() -> None:
    """What makes the drift test bite: a field added to a class shows up everywhere."""
    @dataclasses.dataclass
    class Extended(Source):  # type: ignore[misc]
        rating: int = 0

    header = {"title": "t"}
    base = json_schema(Source, before={}, required_before=(), header=header)
    extended = json_schema(Extended, before={}, required_before=(), header=header)
    assert "rating" not in base["properties"]
    assert extended["properties"]["rating"] == {"type": "integer"}
    assert encoder(Extended)(Extended(title="x", rating=3))["rating"] == 3
    assert decoder(Extended)({"id": "s-1", "rating": 4}).rating == 4


def test_three_point_zero_is_a_whole_number_as_json_schema_says() -> None:
    document = good_document()
    anchor = document["claims"][0]["anchor"]
    anchor["start"], anchor["end"] = float(anchor["start"]), float(anchor["end"])
    assert schema_problem(document) is None
    claim = decoder(Claim)(document["claims"][0])
    assert type(claim.anchor.start) is int and type(claim.anchor.end) is int
