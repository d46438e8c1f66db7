"""The Markdown report: complete, and inert when rendered."""

from __future__ import annotations

import re

from app.reports.markdown import markdown_report, md, md_block, md_link
from tests.reports.worksheets import seed_worksheet


def test_report_lists_every_claim_and_source() -> None:
    ws = seed_worksheet()
    report = markdown_report(ws)
    for number, claim in enumerate(ws.claims, start=1):
        assert f"### Claim {number}:" in report
        assert md(claim.quote) in report
    for source in ws.sources:
        assert md(source.title) in report
    assert report.count("- [x]") == sum(k.checked for c in ws.claims for k in c.checkables)


def test_markup_in_text_is_escaped() -> None:
    assert md("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md("**bold** _it_ `code` [x](y)") == "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[x\\](y)"
    assert md("S-300 on 2023-10-19.") == "S-300 on 2023-10-19."
    assert md_block("# not a heading\n- not a list\n1. not ordered") == (
        "\\# not a heading  \n\\- not a list  \n1\\. not ordered")


def test_only_http_links() -> None:
    assert md_link("https://example.org/a b") == "https://example.org/a b"  # space: not a link
    assert md_link("https://example.org/x", "T") == "[T](<https://example.org/x>)"
    assert md_link("javascript:alert(1)", "click") == "click"


def test_hostile_worksheet() -> None:
    ws = seed_worksheet()
    ws.claims[0].rationale = "<img src=x onerror=alert(1)>\n\n# heading"
    ws.sources[0].url = "javascript:alert(1)"
    report = markdown_report(ws)
    assert re.search(r"(?<!\\)<img", report) is None and "\\<img" in report
    assert "](<javascript" not in report and "(javascript" not in report
