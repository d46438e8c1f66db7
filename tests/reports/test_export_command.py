"""`claimsheet export`: every output, and one-line errors with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.document.fileformat import save_worksheet
from tests.reports.pdftext import full_text, squash
from tests.reports.worksheets import seed_worksheet


@pytest.fixture
def worksheet_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.claimsheet"
    save_worksheet(seed_worksheet(), path)
    return path


def test_all_outputs(worksheet_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    code = main(["export", str(worksheet_file), "--pdf", f"{out}.pdf", "--paper", "letter",
                 "--claimreview", f"{out}.json", "--csv", f"{out}.csv",
                 "--markdown", f"{out}.md"])
    assert code == 0
    printed = capsys.readouterr().out
    for suffix in (".pdf", ".json", ".csv", ".sources.csv", ".md"):
        assert Path(f"{out}{suffix}").stat().st_size > 0
        assert f"{out.name}{suffix}" in printed
    ws = seed_worksheet()
    assert squash(ws.claims[0].quote) in full_text(Path(f"{out}.pdf").read_bytes())
    assert json.loads(Path(f"{out}.json").read_text(encoding="utf-8"))


def test_blank_pdf(worksheet_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    assert main(["export", str(worksheet_file), "--pdf", str(out), "--blank"]) == 0
    assert "BLANKFACT-CHECKWORKSHEET" in full_text(out.read_bytes())


@pytest.mark.parametrize("args", [
    ["export", "{ws}"],
    ["export", "{ws}", "--blank", "--markdown", "{tmp}/x.md"],
    ["export", "{tmp}/missing.claimsheet", "--pdf", "{tmp}/x.pdf"],
    ["export", "{tmp}/garbage.claimsheet", "--markdown", "{tmp}/x.md"],
    ["export", "{ws}", "--pdf", "{tmp}/no/such/folder/x.pdf"],
])
def test_errors_are_one_line(args: list[str], worksheet_file: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "garbage.claimsheet").write_bytes(b"\x00\x01not json")
    filled = [a.format(ws=worksheet_file, tmp=tmp_path) for a in args]
    assert main(filled) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimsheet: ")
    assert "Traceback" not in captured.err
    assert not (tmp_path / "no").exists()


def test_module_import_is_light() -> None:
    code = ("import sys, app.commands.export; "
            "print(any(m.startswith(('reportlab', 'PySide6', 'spacy')) for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_claimreview_url_template_and_publisher(worksheet_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviews.json"
    code = main(["export", str(worksheet_file), "--claimreview", str(out),
                 "--url-template", "https://checks.example/{worksheet}#claim-{number}",
                 "--publisher", "Example Checks"])
    assert code == 0
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert reviews
    for review in reviews:
        assert review["url"].startswith("https://checks.example/")
        assert "{" not in review["url"]
        assert review["author"] == {"@type": "Organization", "name": "Example Checks"}


@pytest.mark.parametrize("extra", [
    ["--claimreview", "OUT", "--url-template", "javascript:alert({number})"],
    ["--pdf", "OUT", "--publisher", "Example Checks"],
    ["--csv", "OUT", "--url-template", "https://checks.example/{number}"],
])
def test_claimreview_options_refused_one_line(worksheet_file: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture,
                                              extra: list[str]) -> None:
    out = tmp_path / "out"
    args = [str(out) if a == "OUT" else a for a in extra]
    assert main(["export", str(worksheet_file), *args]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()


def test_checker_reviewer_and_unreviewed_options(worksheet_file: Path, tmp_path: Path) -> None:
    from app.document.fileformat import load_worksheet
    from app.document.model import Status, Verdict

    out = tmp_path / "reviews.json"
    assert main(["export", str(worksheet_file), "--claimreview", str(out),
                 "--checker", "  Ana   Petrova ", "--reviewer", "Desk Editor"]) == 0
    reviews = json.loads(out.read_text(encoding="utf-8"))
    ws = load_worksheet(worksheet_file)
    reviewed = [c for c in ws.claims if c.status == Status.REVIEWED
                and c.verdict not in (None, Verdict.NOT_A_CLAIM)]
    assert len(reviews) == len(reviewed)
    assert {r["author"]["name"] for r in reviews} == {"Ana Petrova"}
    assert load_worksheet(worksheet_file).checker == ws.checker  # the file is unchanged
    assert main(["export", str(worksheet_file), "--claimreview", str(out),
                 "--include-unreviewed"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) > len(reviewed)
    pdf = tmp_path / "signed.pdf"
    assert main(["export", str(worksheet_file), "--pdf", str(pdf), "--reviewer",
                 "Desk Editor"]) == 0
    assert "DeskEditor" in full_text(pdf.read_bytes())


def test_new_records_the_checker(tmp_path: Path) -> None:
    from app.document.fileformat import load_worksheet
    from tests.conftest import SEED

    out = tmp_path / "new.claimsheet"
    assert main(["new", str(SEED), "-o", str(out), "--no-extract", "--checker", "Ana"]) == 0
    assert load_worksheet(out).checker == "Ana"


# ---------------------------------------------------------------- issue 11


def test_a_pdf_onto_a_link_replaces_the_linked_file_and_keeps_its_mode(
        worksheet_file: Path, tmp_path: Path) -> None:
    """Before: the link was replaced by a regular file of mode 0666."""
    import os
    import stat

    target = tmp_path / "shared" / "report.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old report")
    target.chmod(0o640)
    link = tmp_path / "report.pdf"
    link.symlink_to(target)
    assert main(["export", str(worksheet_file), "--pdf", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_worksheet_over_the_pdf_limit_is_refused_up_front_and_csv_still_works(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from app.document import Article, Claim, Worksheet, make_anchor
    from app.reports.pdf import MAX_PDF_BLOCKS

    text = "Seven drones were shot down. " * 10
    ws = Worksheet(Article(text=text))
    ws.claims = [Claim(anchor=make_anchor(text, 0, 28)) for _ in range(MAX_PDF_BLOCKS + 1)]
    path = tmp_path / "big.claimsheet"
    save_worksheet(ws, path)
    assert main(["export", str(path), "--pdf", str(tmp_path / "big.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a PDF report holds at most 5,000 claims and sources" in err
    assert not (tmp_path / "big.pdf").exists()
    assert main(["export", str(path), "--csv", str(tmp_path / "big.csv"), "--markdown",
                 str(tmp_path / "big.md")]) == 0


def test_lone_surrogates_export_to_every_format(tmp_path: Path) -> None:
    """Before: --markdown, --csv and any save ended in UnicodeEncodeError."""
    ws = seed_worksheet()
    ws.claims[0].rationale = "bad \ud800 surrogate"
    ws.sources[0].notes = "\udcff"
    path = tmp_path / "s.claimsheet"
    save_worksheet(ws, path)
    out = tmp_path / "out"
    assert main(["export", str(path), "--pdf", f"{out}.pdf", "--claimreview", f"{out}.json",
                 "--csv", f"{out}.csv", "--markdown", f"{out}.md"]) == 0
    assert "bad \ufffd surrogate" in Path(f"{out}.md").read_text(encoding="utf-8")
    assert "bad \ufffd surrogate" in Path(f"{out}.csv").read_text(encoding="utf-8-sig")
