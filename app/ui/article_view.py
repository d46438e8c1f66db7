"""The read-only article with every claim and checkable highlighted.

Highlights never modify the text: claims and checkables are painted by a
:class:`QSyntaxHighlighter` (layout formats, recomputed per paragraph only when
the claims change), and the selected claim is one ``QTextEdit.ExtraSelection``
on top, so moving through a 2,000-claim checklist swaps one selection instead
of thousands. Claims get a background tint (the selected claim a stronger one);
checkables get their type's colour *and* underline style. Hovering a checkable
shows its type and normalized value; clicking inside a claim selects it.

Offsets in the document model are Python string offsets; Qt counts UTF-16
code units. :class:`OffsetMap` converts between them (identity unless the
article holds characters outside the Basic Multilingual Plane, e.g. emoji).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from app.document.model import Checkable, Claim
from app.ui.palette import CLAIM_TINT, SELECTED_TINT, TYPE_STYLES, tint
from app.ui.value_text import shown_value


class OffsetMap:
    """Python str offsets <-> Qt (UTF-16) positions."""

    def __init__(self, text: str) -> None:
        # Python offsets of characters that take two UTF-16 units.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # Qt positions just after each of those.
        self._astral_qt = [i + n + 1 for n, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_py(self, position: int) -> int:
        if not self._astral:
            return position
        n = bisect.bisect_right(self._astral_qt, position)
        return position - n


def tooltip_for(checkable: Checkable) -> str:
    style = TYPE_STYLES[checkable.type]
    lines = [f"{style.label} ({style.cue} underline): {checkable.text}"]
    if checkable.value:
        lines.append(f"Value: {shown_value(checkable)}")
    for key, value in sorted(checkable.attributes.items()):
        if key != "origin":
            lines.append(f"{key.capitalize()}: {value}")
    lines.append("Checked ✓" if checkable.checked else "Not checked yet")
    return "\n".join(lines)


class ClaimHighlighter(QSyntaxHighlighter):
    """Paints claim tints and checkable underlines, paragraph by paragraph.

    Spans are kept in Qt positions, sorted by start; ``longest`` bounds how far
    back a span that reaches into a paragraph can start.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spans: list[tuple[int, int, QTextCharFormat]] = []
        self.starts: list[int] = []
        self.longest = 0

    def set_spans(self, spans: list[tuple[int, int, QTextCharFormat]]) -> None:
        self.spans = sorted(spans, key=lambda t: t[0])
        self.starts = [t[0] for t in self.spans]
        self.longest = max((e - s for s, e, _ in self.spans), default=0)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        block = self.currentBlock()
        first, last = block.position(), block.position() + block.length()
        lo = bisect.bisect_left(self.starts, first - self.longest)
        hi = bisect.bisect_left(self.starts, last)
        for start, end, fmt in self.spans[lo:hi]:
            if end > first:
                begin = max(start, first)
                self.setFormat(begin - first, min(end, last) - begin, fmt)


class ArticleView(QPlainTextEdit):
    """Shows the article; emits ``claimClicked(id)`` when the user clicks inside a claim."""

    claimClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.setAccessibleName("Article text")
        self.setAccessibleDescription(
            "The article, read-only. Claims are tinted; checkables are underlined by type. "
            "Select text to add a claim or a checkable.")
        self._map = OffsetMap("")
        self._claims: Sequence[Claim] = ()
        self._starts: list[int] = []
        self._checkables: list[tuple[int, int, Checkable]] = []
        self._k_starts: list[int] = []
        self._by_id: dict[str, Claim] = {}
        self._highlighter = ClaimHighlighter(self.document())
        self._selected: str | None = None
        self._press: QPoint | None = None
        self.setPlaceholderText("Open an article (Ctrl+N) or a worksheet (Ctrl+O), "
                                "or drop a file here.")

    # ------------------------------------------------------------ content

    def set_article_text(self, text: str) -> None:
        self._map = OffsetMap(text)
        self.setPlainText(text)

    def set_claims(self, claims: Sequence[Claim]) -> None:
        """Rebuild every highlight (after extraction or a structural edit)."""
        self._claims = sorted(claims, key=lambda c: c.start)
        self._starts = [c.start for c in self._claims]
        self._by_id = {c.id: c for c in self._claims}
        self._checkables = sorted(
            ((k.start, k.end, k) for c in self._claims for k in c.checkables),
            key=lambda t: t[0])
        self._k_starts = [t[0] for t in self._checkables]
        self._highlighter.set_spans(self._build_spans())
        self._apply()

    def _span_cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _build_spans(self) -> list[tuple[int, int, QTextCharFormat]]:
        """Claim tints, then checkables (which keep the tint of the claim they sit in)."""
        to_qt = self._map.to_qt
        spans: list[tuple[int, int, QTextCharFormat]] = []
        claim_format = QTextCharFormat()
        claim_format.setBackground(tint(CLAIM_TINT))
        for claim in self._claims:
            spans.append((to_qt(claim.start), to_qt(claim.end), claim_format))
        formats: dict[tuple[object, bool], QTextCharFormat] = {}
        for start, end, k in self._checkables:
            inside = self.claim_at(start) is not None
            fmt = formats.get((k.type, inside))
            if fmt is None:
                style = TYPE_STYLES[k.type]
                fmt = QTextCharFormat(claim_format) if inside else QTextCharFormat()
                fmt.setUnderlineStyle(style.underline)
                fmt.setUnderlineColor(style.qcolor())
                fmt.setForeground(style.qcolor())
                formats[(k.type, inside)] = fmt
            spans.append((to_qt(start), to_qt(end), fmt))
        # Checkables after claims at the same start, so their format wins.
        return spans

    def _apply(self) -> None:
        claim = self._by_id.get(self._selected) if self._selected else None
        if claim is None:
            self.setExtraSelections([])
            return
        fmt = QTextCharFormat()
        fmt.setBackground(tint(SELECTED_TINT))
        fmt.setProperty(QTextFormat.Property.OutlinePen, QColor("#000000"))
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._span_cursor(claim.start, claim.end)
        sel.format = fmt
        self.setExtraSelections([sel])

    def refresh_colours(self) -> None:
        """Rebuild highlight formats after a palette switch."""
        self._highlighter.set_spans(self._build_spans())
        self._apply()

    def select_claim(self, claim_id: str | None, scroll: bool = True) -> None:
        self._selected = claim_id
        self._apply()
        claim = self._by_id.get(claim_id) if claim_id else None
        if claim is not None and scroll:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._map.to_qt(claim.end))
            self.setTextCursor(cursor)
            cursor.setPosition(self._map.to_qt(claim.start))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    # ------------------------------------------------------------ queries

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as Python offsets, or None without a selection."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._map.to_py(cursor.selectionStart()), self._map.to_py(cursor.selectionEnd())

    def cursor_offset(self) -> int:
        return self._map.to_py(self.textCursor().position())

    def select_span(self, start: int, end: int) -> None:
        """Select ``text[start:end]`` (used by tests and by keyboard users via the API)."""
        self.setTextCursor(self._span_cursor(start, end))

    def claim_at(self, offset: int) -> Claim | None:
        i = bisect.bisect_right(self._starts, offset)
        best = None
        # Claims may nest or overlap: look back over the few that start before.
        for claim in reversed(self._claims[max(0, i - 8):i]):
            if claim.start <= offset < claim.end and (
                    best is None or claim.end - claim.start < best.end - best.start):
                best = claim
        return best

    def checkable_at(self, offset: int) -> Checkable | None:
        i = bisect.bisect_right(self._k_starts, offset)
        for start, end, k in reversed(self._checkables[max(0, i - 8):i]):
            if start <= offset < end:
                return k
        return None

    def _offset_at(self, pos: QPoint) -> int:
        return self._map.to_py(self.cursorForPosition(pos).position())

    # ------------------------------------------------------------ events

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            checkable = self.checkable_at(self._offset_at(pos))
            if checkable is not None:
                QToolTip.showText(event.globalPos(), tooltip_for(checkable), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        moved = self._press is not None and (pos - self._press).manhattanLength() > 3
        if event.button() == Qt.MouseButton.LeftButton and not moved \
                and not self.textCursor().hasSelection():
            claim = self.claim_at(self._offset_at(pos))
            if claim is not None:
                self.claimClicked.emit(claim.id)
        self._press = None
