"""The HTML used for Qt printing: escaped, complete."""

from __future__ import annotations

from app.reports.html import worksheet_html
from tests.reports.worksheets import seed_worksheet


def test_everything_escaped_and_present() -> None:
    ws = seed_worksheet()
    ws.claims[0].rationale = "<script>alert(1)</script> & <b>x</b>"
    ws.sources[0].url = "javascript:alert(1)"
    page = worksheet_html(ws)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page
    for claim in ws.claims:
        assert claim.status.label in page
    blank = worksheet_html(ws, blank=True)
    assert "BLANK FACT-CHECK WORKSHEET" in blank and "&lt;script&gt;" not in blank
