"""Right-to-left free text is broken into lines before reordering, so it reads top-down."""

from __future__ import annotations

from reportlab.lib.enums import TA_LEFT, TA_RIGHT

from app.reports.pdf import render_pdf
from app.reports.pdfrtl import TextBlock, logical_lines, starts_right_to_left, text_paragraph
from app.reports.pdfstyle import styles
from tests.reports.pdftext import page_texts
from tests.reports.worksheets import seed_worksheet

# Hebrew needs no shaping, so drawing order is simply the reversed characters.
HEBREW_WORDS = ["שלום", "עולם", "אחד", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה"]
HEBREW = " ".join(HEBREW_WORDS * 6)


def _lines_of(block: TextBlock, width: float) -> list[str]:
    block.wrap(width, 10_000)
    assert block._para is not None
    return block._para.text.split("<br/>")


def test_logical_lines_keep_every_word_in_order() -> None:
    st = styles()
    lines = logical_lines(HEBREW + "\nסוף", 120, st.body.fontName, st.body.fontSize)
    assert len(lines) > 3
    assert " ".join(lines) == HEBREW + " סוף"
    assert lines[-1] == "סוף"  # the hard break starts a new line


def test_wrapped_right_to_left_paragraph_reads_top_down() -> None:
    st = styles()
    block = TextBlock(HEBREW, st.body)
    assert block.style.alignment == TA_RIGHT
    lines = _lines_of(block, 150)
    assert len(lines) > 3
    logical = [line[::-1] for line in lines]  # undo the drawing order
    assert logical[0].startswith(" ".join(HEBREW_WORDS[:2]))
    assert " ".join(logical) == HEBREW


def test_left_to_right_paragraph_keeps_its_direction_on_every_line() -> None:
    st = styles()
    text = "The statement said " + " ".join(HEBREW_WORDS) + " and the English goes on."
    block = TextBlock(text, st.body)
    assert block.style.alignment == TA_LEFT
    for line in _lines_of(block, 160):
        # English words stay left to right wherever the line breaks.
        for word in ("statement", "English"):
            if word in line:
                assert word in line.split()
    assert _lines_of(block, 160)[-1].rstrip().endswith("goes on.")


def test_plain_text_takes_the_ordinary_paragraph() -> None:
    st = styles()
    para = text_paragraph("Plain <b>text</b>\nnext", st.body)
    assert not isinstance(para, TextBlock)
    assert para.text == "Plain &lt;b&gt;text&lt;/b&gt;<br/>next"
    assert starts_right_to_left("  (1) שלום") and not starts_right_to_left("1 abc שלום")


def test_long_hebrew_rationale_prints_in_reading_order() -> None:
    ws = seed_worksheet()
    ws.claims[0].rationale = " ".join(HEBREW_WORDS + ["סוף"] * 40)
    text = "\n".join(page_texts(render_pdf(ws)))
    rationale = text.split("RATIONALE", 1)[1].strip().splitlines()
    # pypdf gives each line back in logical order: the paragraph's first line
    # must hold its first words (reordering before breaking put the end first).
    assert rationale[0].strip().startswith(" ".join(HEBREW_WORDS[:3]))
    assert set(rationale[1].split()) == {"סוף"}
