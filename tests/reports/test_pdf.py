"""The PDF worksheet, read back with pypdf: content, footer, outline, safety, fonts."""

from __future__ import annotations

import re
import unicodedata

import pytest

from app.document.anchors import make_anchor
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Source,
    Stance,
    Verdict,
    Worksheet,
)
from app.reports.fonts import REPLACEMENT
from app.reports.pdf import render_pdf, write_pdf
from app.reports.rtl import visual
from app.reports.specimen import synthetic_worksheet
from tests.reports.pdftext import full_text, outline_titles, page_texts, reader, squash, uri_links
from tests.reports.worksheets import seed_worksheet

INJECTIONS = [
    "<b>not bold</b>",
    '<img src="x">',
    "<img src=x>",
    "Fish & Chips &amp; &lt;",
    '<a href="javascript:alert(1)">click</a>',
    "<font size=40>huge</font>",
    "</para><para>",
]


@pytest.fixture(scope="module")
def seed() -> Worksheet:
    return seed_worksheet()


@pytest.fixture(scope="module")
def seed_pdf(seed: Worksheet) -> bytes:
    return render_pdf(seed)


def _worksheet(text: str, quotes: list[str], **fields: object) -> Worksheet:
    claims = []
    for quote in quotes:
        start = text.index(quote)
        claims.append(Claim(anchor=make_anchor(text, start, start + len(quote))))
    return Worksheet(article=Article(text=text, title=str(fields.pop("title", "Test"))),
                     claims=claims, **fields)  # type: ignore[arg-type]


def test_seed_report_has_every_claim_and_source(seed: Worksheet, seed_pdf: bytes) -> None:
    pages = len(reader(seed_pdf).pages)
    assert 5 <= pages <= 14
    text = full_text(seed_pdf)
    for claim in seed.claims:
        assert squash(claim.quote) in text, claim.quote
        assert squash(claim.rationale) in text
    for source in seed.sources:
        assert squash(source.title) in text
        assert squash(source.url) in text
        if source.archive_url:
            assert squash(source.archive_url) in text
    assert squash(seed.checker) in text and squash(seed.reviewer) in text


def test_footer_numbers_every_page(seed: Worksheet, seed_pdf: bytes) -> None:
    texts = page_texts(seed_pdf)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        found = re.findall(r"Page (\d+) of (\d+)", text)
        assert found == [(str(number), str(total))], (number, found)
        assert seed.id in text


def test_metadata_and_outline(seed: Worksheet, seed_pdf: bytes) -> None:
    meta = reader(seed_pdf).metadata
    assert meta is not None
    assert seed.title in (meta.title or "")
    assert meta.author == seed.checker
    assert "Fact-check worksheet" in (meta.subject or "")
    outline = outline_titles(seed_pdf)
    sections = [(title, page) for level, title, page in outline if level == 0]
    assert [t for t, _ in sections] == ["Summary", "The article", "Claims", "Sources", "Sign-off"]
    pages = [p for _, p in sections]
    assert pages == sorted(pages) and pages[0] == 1 and pages[1] == 2
    claims = [(title, page) for level, title, page in outline if level == 1]
    assert len(claims) == len(seed.claims)
    texts = page_texts(seed_pdf)
    for number, (title, page) in enumerate(claims, start=1):
        assert title.startswith(f"{number}. ")
        assert f"Claim {number}" in texts[page - 1]


def test_cover_summary_counts(seed: Worksheet, seed_pdf: bytes) -> None:
    cover = page_texts(seed_pdf)[0]
    assert f"{len(seed.claims)} claims" in cover
    anonymous = sum(1 for c in seed.claims if c.sourcing.value == "unnamed")
    assert f"{anonymous} with anonymous sourcing" in cover
    assert f"{sum(c.hedged for c in seed.claims)} hedged" in cover
    for verdict in Verdict:
        assert verdict.label in cover


def test_links_only_http(seed_pdf: bytes) -> None:
    links = uri_links(seed_pdf)
    assert links and all(link.startswith(("http://", "https://")) for link in links)


def test_injection_strings_print_literally() -> None:
    text = "Opening line.\n" + "\n".join(f"Line {i}: {s} ends here." for i, s in
                                        enumerate(INJECTIONS))
    ws = _worksheet(text, [f"Line {i}: {s} ends here." for i, s in enumerate(INJECTIONS)],
                    title="<b>Title</b> & <i>co</i>", checker="<script>x</script>")
    ws.claims[0].rationale = "Because <b>bold</b> & <img src=x> said so"
    ws.sources = [Source(title='<a href="javascript:alert(1)">evil</a>',
                         url="javascript:alert(1)", archive_url="file:///etc/passwd",
                         publisher="<u>Pub</u>", excerpt="<br/> excerpt & more",
                         notes="<para>notes</para>")]
    ws.claims[0].citations = [Citation(ws.sources[0].id, Stance.REFUTES)]
    ws.claims[1].verdict = Verdict.FALSE
    data = render_pdf(ws)
    extracted = full_text(data)
    for injection in INJECTIONS:
        assert squash(injection) in extracted, injection
    for literal in ("<b>Title</b>&<i>co</i>", "<script>x</script>", "Because<b>bold</b>&<img",
                    '<ahref="javascript:alert(1)">evil</a>', "javascript:alert(1)",
                    "file:///etc/passwd", "<u>Pub</u>", "<br/>excerpt&more",
                    "<para>notes</para>"):
        assert squash(literal) in extracted, literal
    assert uri_links(data) == []
    assert b"/JavaScript" not in data and b"/Launch" not in data
    pdf = reader(data)
    for page in pdf.pages:
        resources = page.get("/Resources") or {}
        assert "/XObject" not in resources  # no <img> was ever drawn


def test_unicode_scripts_survive_and_missing_glyphs_do_not_crash() -> None:
    cyrillic = "Министерство обороны России сообщило о семи беспилотниках над Белгородом."
    greek = "Το υπουργείο ανακοίνωσε επτά drones στις 19 Οκτωβρίου."
    accented = "Zürich, São Paulo, Kraków, Ærøskøbing: déjà vu — naïve façade."
    cjk = "国防部表示击落七架无人机。"
    odd = "Control\x00char, lone \ud800 surrogate, bidi \u202e override, emoji \U0001f600 end."
    arabic = "قالت وزارة الدفاع إن سبع طائرات أسقطت."
    text = "\n".join([cyrillic, greek, accented, cjk, odd, arabic])
    ws = _worksheet(text, [cyrillic, greek, accented, cjk, odd, arabic], title="Юникод")
    ws.claims[0].checkables.append(Checkable(CheckableType.LOCATION, text.index("Белгородом"),
                                             text.index("Белгородом") + 10, "Белгородом",
                                             value="Белгородская область"))
    data = render_pdf(ws)
    extracted = full_text(data)
    for sentence in (cyrillic, greek, accented):
        assert squash(sentence) in extracted, sentence
    assert "Белгородскаяобласть" in extracted
    # Arabic is drawn shaped (presentation forms) in visual order; pypdf reads it back in
    # logical order, and NFKC folds the presentation forms to the plain letters.
    assert visual(arabic) != arabic
    assert squash(arabic.rstrip(".")) in unicodedata.normalize("NFKC", extracted)
    assert any("\ufe70" <= ch <= "\ufefc" for ch in extracted)
    assert REPLACEMENT in extracted  # CJK and the emoji fall back to a visible mark
    assert "Юникод" in page_texts(data)[0]


def test_empty_worksheet_exports(tmp_path) -> None:
    ws = Worksheet(article=Article(text=""))
    out = tmp_path / "empty.pdf"
    pages = write_pdf(ws, out)
    data = out.read_bytes()
    assert pages == len(reader(data).pages) >= 3
    text = full_text(data)
    assert squash("This worksheet has no claims yet.") in text
    assert squash("The article has no text.") in text


def test_five_hundred_claims_export() -> None:
    ws = synthetic_worksheet(claims=500, sources=60, seed=11)
    data = render_pdf(ws)
    texts = page_texts(data)
    assert len(texts) > 100
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    text = squash("".join(texts))
    for number in (1, 250, 500):
        assert squash(ws.claims[number - 1].quote) in text
        assert f"Claim{number}" in text


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(seed: Worksheet, paper: str, size: tuple[int, int]) -> None:
    data = render_pdf(seed, paper=paper)  # type: ignore[arg-type]
    box = reader(data).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_unknown_paper_is_refused(seed: Worksheet) -> None:
    with pytest.raises(ValueError, match="paper"):
        render_pdf(seed, paper="a3")  # type: ignore[arg-type]


def test_blank_mode_has_boxes_not_answers(seed: Worksheet) -> None:
    data = render_pdf(seed, blank=True)
    text = full_text(data)
    assert "BLANKFACT-CHECKWORKSHEET" in text
    for claim in seed.claims:
        assert squash(claim.quote) in text
        if claim.rationale:
            assert squash(claim.rationale) not in text
    assert "RATIONALE" in text and "VERDICT" in text
    for verdict in Verdict:
        assert squash(verdict.label) in text
    assert "MOSTLYTRUE" not in text  # no verdict labels filled in
    texts = page_texts(data)
    assert all(f"of {len(texts)}" in t for t in texts)


def test_long_title_footer_is_shortened() -> None:
    title = "A very long article title " * 12
    ws = Worksheet(article=Article(text="Body text.", title=title))
    texts = page_texts(render_pdf(ws))
    for page in texts:
        footer = [line for line in page.splitlines() if line.endswith(f"\u2026 \u00b7 {ws.id}")]
        assert footer and footer[0].startswith("A very long article title")


def test_huge_rationale_splits_instead_of_failing() -> None:
    text = "The minister said 7 drones fell."
    ws = _worksheet(text, [text])
    ws.claims[0].rationale = "\n".join(f"Paragraph {i}. " + "word " * 120 for i in range(40))
    ws.claims[0].verdict = Verdict.TRUE
    data = render_pdf(ws)
    assert "Paragraph39." in full_text(data)


def test_verdict_chart_and_status_counts_match_the_claims() -> None:
    ws = synthetic_worksheet(claims=37, sources=5)
    cover = page_texts(render_pdf(ws))[0]
    chart = cover.split("Claims by verdict", 1)[1].split("Claims by status", 1)[0]
    lines = [line.strip() for line in chart.splitlines() if line.strip()]
    counts = dict(zip(lines[::2], lines[1::2], strict=True))
    expected = {v.label: sum(c.verdict == v for c in ws.claims) for v in Verdict}
    expected["No verdict yet"] = sum(c.verdict is None for c in ws.claims)
    assert counts == {label: str(n) for label, n in expected.items()}
    status = cover.split("Claims by status", 1)[1]
    for value in {c.status for c in ws.claims}:
        assert f"{value.label}: {sum(c.status == value for c in ws.claims)}" in status


def test_untitled_article_title_is_cut_at_a_word_everywhere() -> None:
    line = ("The ministry confirmed on Thursday that its air defence forces had shot down "
            "seven unmanned aerial vehicles over the region overnight.")
    ws = _worksheet(f"{line}\nSecond paragraph.", [line], title="")
    data = render_pdf(ws)
    meta = reader(data).metadata
    assert meta is not None and meta.title is not None
    shown = meta.title.removeprefix("Fact-check worksheet: ")
    assert shown.endswith("\u2026") and line.startswith(shown[:-1])
    assert line[len(shown) - 1] == " "  # a whole word before the ellipsis
    assert squash(shown) in squash(page_texts(data)[0])


def test_claim_outline_entries_end_on_whole_words(seed: Worksheet, seed_pdf: bytes) -> None:
    claims = [title for level, title, _ in outline_titles(seed_pdf) if level == 1]
    for number, (title, claim) in enumerate(zip(claims, seed.claims, strict=True), start=1):
        quote = " ".join(claim.quote.split())
        shown = title.removeprefix(f"{number}. ")
        if shown.endswith("\u2026"):
            shown = shown[:-1]
            assert quote.startswith(shown) and len(shown) <= 60
            assert quote[len(shown)] in " ,;:.-", title  # never cut inside a word
        else:
            assert shown == quote


# ---------------------------------------------------------------- text that cannot fail


def _every_free_text(ws: Worksheet, value: str) -> Worksheet:
    a = ws.article
    a.title = a.outlet = a.author = a.url = a.published = a.imported_from = value
    ws.checker = ws.reviewer = ws.notes = value
    for claim in ws.claims:
        claim.rationale = claim.source_name = value
        claim.hedges, claim.tags, claim.hedged = [value], [value], True
        for k in claim.checkables:
            k.note, k.value, k.attributes = value, value, {"x": value}
    for s in ws.sources:
        s.title = s.url = s.publisher = s.author = s.published = s.accessed = value
        s.archive_url = s.excerpt = s.notes = value
    return ws


@pytest.mark.parametrize("token", ["x" * 10_000, "https://example.org/" + "a/" * 5_000])
@pytest.mark.parametrize("blank", [False, True])
def test_a_10000_character_token_in_every_free_text_field(token: str, blank: bool) -> None:
    """Before: "cannot lay out … Flowable Table … tallest row" (a row taller than a page)."""
    data = render_pdf(_every_free_text(seed_worksheet(), token), blank=blank)
    texts = page_texts(data)
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]
    if not blank:
        assert f"{len(token) - 600:,}morecharacters]" in squash(full_text(data))


def test_a_one_megabyte_rationale_is_paged_in_linear_time() -> None:
    import time

    ws = seed_worksheet()
    ws.claims[0].rationale = "Officials said " + "word " * 199_990 + "THE END"  # 1,000,000
    started = time.process_time()
    data = render_pdf(ws)
    seconds = time.process_time() - started
    texts = page_texts(data)
    assert len(texts) > 150
    assert "THE END" in "".join(texts)
    assert seconds < 60  # about 2 s; one long paragraph took minutes (quadratic splitting)


def test_a_thirty_megabyte_note_prints_its_first_megabyte_and_says_so() -> None:
    ws = seed_worksheet()
    ws.notes = "note " * 6_000_000
    text = squash(full_text(render_pdf(ws)))
    assert "29,000,000morecharactersarenotprinted;thewholetextisintheworksheetfile" in text
