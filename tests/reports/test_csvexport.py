"""CSV export: two files that round-trip through the csv module."""

from __future__ import annotations

import csv

from app.reports.csvexport import (
    CLAIM_COLUMNS,
    SOURCE_COLUMNS,
    claim_rows,
    protect_cell,
    read_rows,
    restore_cell,
    source_rows,
    sources_path,
    write_csv,
)
from tests.reports.worksheets import seed_worksheet

TRICKY = ['=HYPERLINK("http://evil","x")', "+1", "-2", "@SUM(A1)", "'quoted", "''", "'",
          "multi\nline, with \"quotes\"", "tab\tinside", "Кириллица, ελληνικά", ""]


def test_round_trip(tmp_path) -> None:
    ws = seed_worksheet()
    ws.claims[0].rationale = TRICKY[7]
    ws.claims[1].source_name = TRICKY[0]
    ws.sources[0].notes = TRICKY[9]
    claims_file, sources_file = write_csv(ws, tmp_path / "out.csv")
    assert sources_file == tmp_path / "out.sources.csv"
    assert read_rows(claims_file) == claim_rows(ws)
    assert read_rows(sources_file) == source_rows(ws)
    assert claims_file.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    with open(claims_file, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == CLAIM_COLUMNS
    assert len(rows) == len(ws.claims) + 1
    with open(sources_file, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == SOURCE_COLUMNS


def test_rows_describe_the_claims() -> None:
    ws = seed_worksheet()
    rows = claim_rows(ws)
    for row, claim in zip(rows, ws.claims, strict=True):
        assert row["quote"] == claim.quote
        assert row["verdict"] == (claim.verdict.value if claim.verdict else "")
        assert row["checkables_ticked"].endswith(f"/{len(claim.checkables)}")
    first = rows[0]
    assert "S1 (supports)" in first["sources"]
    assert source_rows(ws)[0]["cited_by"].startswith("1 (supports)")


def test_formula_cells_are_neutralized_reversibly(tmp_path) -> None:
    for value in TRICKY:
        protected = protect_cell(value)
        assert restore_cell(protected) == value
        assert protected[:1] not in ("=", "+", "-", "@")
    ws = seed_worksheet()
    ws.claims[0].rationale = "=1+1"
    claims_file, _ = write_csv(ws, tmp_path / "f.csv")
    with open(claims_file, encoding="utf-8-sig", newline="") as handle:
        raw = list(csv.DictReader(handle))
    assert raw[0]["rationale"] == "'=1+1"
    assert read_rows(claims_file)[0]["rationale"] == "=1+1"


def test_sources_path_names() -> None:
    assert sources_path("a/b/report.csv").as_posix() == "a/b/report.sources.csv"
    assert sources_path("report").as_posix() == "report.sources.csv"
