"""`claimsheet extract ARTICLE --json`: the evaluation contract and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.extract.conftest import DATA

ARTICLE = DATA / "harbour-strike.txt"


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ARTICLE), "--json", "--date", "2024-08-01"]) == 0
    out = json.loads(capsys.readouterr().out)
    text = ARTICLE.read_text(encoding="utf-8")
    assert out["claims"]
    for claim in out["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        assert claim["sourcing"] in ("named", "unnamed", "none")
        assert isinstance(claim["hedged"], bool)
        assert 0 <= claim["worthiness"] <= 1
        for k in claim["checkables"]:
            assert k["type"] in ("date", "system", "location", "count", "actor")
            assert text[k["start"]:k["end"]] == k["text"]
            assert "value" in k
    tuesday = [k for c in out["claims"] for k in c["checkables"] if k["text"] == "Tuesday"]
    assert tuesday[0]["value"] == "2024-07-30"


def test_bom_is_removed_before_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.txt"
    body = "Officials said 14 soldiers were killed near Bakhmut on 2 March 2024."
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert main(["extract", str(path), "--json"]) == 0
    (claim,) = json.loads(capsys.readouterr().out)["claims"]
    assert claim["start"] == 0 and claim["text"] == body


def test_human_readable_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(ARTICLE)]) == 0
    out = capsys.readouterr().out
    assert "sourcing" in out and out.rstrip().endswith("claims")


@pytest.mark.parametrize("args", [["missing-file.txt"], [str(ARTICLE), "--date", "15/03/2024"]])
def test_errors_are_one_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("claimsheet:") and err.count("\n") == 1
