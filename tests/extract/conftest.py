"""Shared helpers for the extraction tests: one pipeline per session, checkables by type."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.extract.checkables import Found, find_checkables
from app.extract.extractor import engine
from app.extract.pipeline import Pipeline, load_pipeline

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline()


@pytest.fixture(scope="session")
def blank_pipeline() -> Pipeline:
    return load_pipeline(("no_such_model_for_claimsheet_tests",))


def found(text: str, published: date | None = None) -> list[Found]:
    """Every checkable the rules find in ``text`` (before claim selection)."""
    eng = engine()
    doc = eng.pipeline.nlp(text)
    return find_checkables(doc, eng.rules, published)


def spans(text: str, kind: str, published: date | None = None) -> dict[str, Found]:
    """Checkables of one type, keyed by their text."""
    return {text[f.start:f.end]: f for f in found(text, published) if f.type == kind}
