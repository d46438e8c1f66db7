"""The read-only article with every claim and checkable highlighted.

Highlights never modify the text: claims and checkables are painted by a
:class:`QSyntaxHighlighter` (layout formats, recomputed only for the
paragraphs an edit touches), and the selected claim is one
``QTextEdit.ExtraSelection`` on top, so moving through a 2,000-claim checklist
swaps one selection instead of thousands. Claims get a background tint that
alternates between two hues, so adjacent claims never merge into one band
(the selected claim gets a stronger one); checkables get their type's colour
*and* underline style. The left margin shows each claim's number where it
starts, as the PDF does. Hovering a checkable shows its type and normalized
value; clicking inside a claim (or on its number) selects it. A selection
made with the mouse snaps to whole words.

Offsets in the document model are Python string offsets; Qt counts UTF-16
code units. :class:`OffsetMap` converts between them (identity unless the
article holds characters outside the Basic Multilingual Plane, e.g. emoji).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from app.document.edits import snap_to_words
from app.document.labels import MARKER_FILL
from app.document.model import Checkable, CheckableType, Claim
from app.ui.palette import CLAIM_TINTS, SELECTED_TINT, TYPE_STYLES, tint
from app.ui.session import Links, Session
from app.ui.value_text import shown_value

Span = tuple[int, int, QTextCharFormat, str]  # Qt start, end, format, claim id


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Python str offsets <-> Qt (UTF-16) positions."""

    def __init__(self, text: str) -> None:
        # Python offsets of characters that take two UTF-16 units (a regex scan: a
        # Python loop over every character of a long article costs tens of ms).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
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


class SpanLayer:
    """Spans (Qt positions) sorted by start, with what each belongs to (a claim id)."""

    def __init__(self, spans: list[tuple[int, int, QTextCharFormat, str]] | None = None) -> None:
        self.spans = sorted(spans or [], key=lambda t: t[0])
        self.starts = [t[0] for t in self.spans]
        self.longest = max((e - s for s, e, _, _ in self.spans), default=0)

    def replace_owner(self, owner: str, lo: int, hi: int,
                      spans: list[tuple[int, int, QTextCharFormat, str]]) -> None:
        """Drop ``owner``'s spans starting in [lo, hi] and add ``spans`` (a few bisects)."""
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_right(self.starts, hi)
        keep = [t for t in self.spans[first:last] if t[3] != owner]
        merged = sorted(keep + spans, key=lambda t: t[0])
        self.spans[first:last] = merged
        self.starts[first:last] = [t[0] for t in merged]
        self.longest = max(self.longest, max((e - s for s, e, _, _ in spans), default=0))

    def in_block(self, first: int, last: int) -> list[tuple[int, int, QTextCharFormat, str]]:
        lo = bisect.bisect_left(self.starts, first - self.longest)
        hi = bisect.bisect_left(self.starts, last)
        return [t for t in self.spans[lo:hi] if t[1] > first]


class ClaimHighlighter(QSyntaxHighlighter):
    """Paints claim tints, then checkable underlines on top, paragraph by paragraph."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.claims = SpanLayer()
        self.checkables = SpanLayer()

    def repaint(self, changed: tuple[int, int] | None = None) -> None:
        """Repaint the paragraphs in ``changed`` (Qt positions), or all of them."""
        if changed is None:
            self.rehighlight()
            return
        block = self.document().findBlock(changed[0])
        while block.isValid() and block.position() <= changed[1]:
            self.rehighlightBlock(block)
            block = block.next()

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        block = self.currentBlock()
        first, last = block.position(), block.position() + block.length()
        for layer in (self.claims, self.checkables):
            for start, end, fmt, _ in layer.in_block(first, last):
                begin = max(start, first)
                self.setFormat(begin - first, min(end, last) - begin, fmt)


class NumberMargin(QWidget):
    """The strip left of the article that shows claim numbers where claims start."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.view = view
        self.setAccessibleName("Claim numbers")
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.view.margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.view.paint_margin(self, event.rect())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        claim = self.view.claim_at_margin(event.position().toPoint().y())
        if claim is not None:
            self.view.claimClicked.emit(claim.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            line = self.view.claims_on_margin_line(event.pos().y())  # type: ignore[attr-defined]
            if line:
                numbers = ", ".join(str(c.number) for c in line)
                QToolTip.showText(event.globalPos(), f"Claim {numbers}", self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


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
            "The article, read-only. Claims are tinted and numbered in the margin; checkables "
            "are underlined by type. Select text to add a claim or a checkable.")
        self._map = OffsetMap("")
        self._session: Session | None = None
        self._links = Links()
        self._claims: Sequence[Claim] = ()
        self._starts: list[int] = []
        self._checkables: list[tuple[int, int, Checkable, str]] = []  # ..., claim id
        self._k_starts: list[int] = []
        self._qt_starts: list[int] = []
        self._hues: dict[str, int] = {}
        self._margin_font: tuple[QFont, QFont] | None = None
        self._by_id: dict[str, Claim] = {}
        self._formats: dict[tuple[object, int], QTextCharFormat] = {}
        self._highlighter = ClaimHighlighter(self.document())
        self._selected: str | None = None
        self._press: QPoint | None = None
        self.margin = NumberMargin(self)
        self.updateRequest.connect(self._scroll_margin)
        self.setViewportMargins(self.margin_width(), 0, 0, 0)
        self.setPlaceholderText("Open an article (Ctrl+N) or a worksheet (Ctrl+O), "
                                "or drop a file here.")

    # ------------------------------------------------------------ content

    def set_session(self, session: Session) -> None:
        """Show a worksheet's article and follow the session's changes to its claims."""
        self._session = session
        self._links.follow(session, self)
        self.set_article_text(session.worksheet.article.text)
        self.set_claims(session.worksheet.claims)

    def set_article_text(self, text: str) -> None:
        self._map = OffsetMap(text)
        self.setPlainText(text)

    def set_claims(self, claims: Sequence[Claim],
                   changed: tuple[int, int] | None = None) -> None:
        """Rebuild the highlights; ``changed`` (article offsets) limits the repaint."""
        self._claims = list(claims)  # in reading order (the session keeps them sorted)
        self._starts = [c.start for c in self._claims]
        to_qt = self._map.to_qt
        self._qt_starts = [to_qt(s) for s in self._starts]
        self._by_id = {c.id: c for c in self._claims}
        self._hues = {c.id: i % 2 for i, c in enumerate(self._claims)}
        self._checkables = sorted(
            ((k.start, k.end, k, c.id) for c in self._claims for k in c.checkables),
            key=lambda t: t[0])
        self._k_starts = [t[0] for t in self._checkables]
        self._highlighter.claims = SpanLayer(
            [(to_qt(c.start), to_qt(c.end), self._format(None, self._hues[c.id]), c.id)
             for c in self._claims])
        self._highlighter.checkables = SpanLayer(
            [self._checkable_span(k, cid) for _, _, k, cid in self._checkables])
        self._highlighter.repaint(
            None if changed is None else (to_qt(changed[0]), to_qt(changed[1])))
        self._apply()
        self.margin.update()

    def _checkable_span(self, k: Checkable, claim_id: str) -> Span:
        to_qt = self._map.to_qt
        return to_qt(k.start), to_qt(k.end), self._format(k.type, self._hues.get(claim_id, -1)), \
            claim_id

    def _refresh_checkables(self, claim_id: str) -> None:
        """One claim's checkables changed: update their spans and repaint only there."""
        claim = self._session.claim(claim_id) if self._session is not None else None
        old = self._by_id.get(claim_id)
        if claim is None or old is None:
            return
        self._by_id[claim_id] = claim
        lo, hi = min(claim.start, old.start), max(claim.end, old.end)
        first = bisect.bisect_left(self._k_starts, lo)
        last = bisect.bisect_right(self._k_starts, hi)
        kept = [t for t in self._checkables[first:last] if t[3] != claim_id]
        merged = sorted(kept + [(k.start, k.end, k, claim_id) for k in claim.checkables],
                        key=lambda t: t[0])
        self._checkables[first:last] = merged
        self._k_starts[first:last] = [t[0] for t in merged]
        to_qt = self._map.to_qt
        self._highlighter.checkables.replace_owner(
            claim_id, to_qt(lo), to_qt(hi),
            [self._checkable_span(k, claim_id) for k in claim.checkables])
        self._highlighter.repaint((to_qt(lo), to_qt(hi)))

    def _live_claims(self) -> Sequence[Claim]:
        return self._session.worksheet.claims if self._session is not None else self._claims

    def on_claims_removed(self, first: int, last: int) -> None:
        self.on_claims_inserted(first, last)

    def on_claims_inserted(self, first: int, _last: int) -> None:
        # Tints alternate by position: every claim after the change may swap hue.
        claims = self._live_claims()
        start = claims[first].start if first < len(claims) else (
            claims[-1].start if claims else 0)
        before = self._claims[first].start if first < len(self._claims) else start
        self.set_claims(claims, (min(start, before), len(self._map_text())))

    def _map_text(self) -> str:
        return self._session.worksheet.article.text if self._session is not None else ""

    def on_claim_changed(self, claim_id: str, fields: frozenset[str]) -> None:
        if "anchor" in fields:  # merged or split: its span and place may have moved
            old = self._by_id.get(claim_id)
            claim = self._session.claim(claim_id) if self._session is not None else None
            spans = [c for c in (old, claim) if c is not None]
            if spans:
                self.set_claims(self._live_claims(), (min(c.start for c in spans),
                                                      max(c.end for c in spans)))

    def on_checkables_inserted(self, claim_id: str, _first: int, _last: int) -> None:
        self._refresh_checkables(claim_id)

    on_checkables_removed = on_checkables_inserted

    def on_checkable_changed(self, claim_id: str, _kid: str, fields: frozenset[str]) -> None:
        if fields != frozenset(("checked",)):
            self._refresh_checkables(claim_id)

    def _span_cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _format(self, kind: CheckableType | None, hue: int) -> QTextCharFormat:
        """The format of a claim's tint (``kind`` None) or of a checkable on it (hue -1: none)."""
        fmt = self._formats.get((kind, hue))
        if fmt is None:
            fmt = QTextCharFormat()
            if hue >= 0:
                fmt.setBackground(tint(CLAIM_TINTS[hue]))
            if kind is not None:
                style = TYPE_STYLES[kind]
                fmt.setUnderlineStyle(style.underline)
                fmt.setUnderlineColor(style.qcolor())
                fmt.setForeground(style.qcolor())
            self._formats[(kind, hue)] = fmt
        return fmt

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
        self._formats.clear()
        self.set_claims(self._claims)

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

    # ------------------------------------------------------------ the number margin

    def margin_font(self) -> QFont:
        """The numbers' font: bold, a little smaller than the text (made once per font)."""
        base = self.font()
        if self._margin_font is None or self._margin_font[0] != base:
            font = QFont(base)
            font.setPointSizeF(max(6.0, base.pointSizeF() * 0.8))
            font.setBold(True)
            self._margin_font = (QFont(base), font)
        return self._margin_font[1]

    def margin_width(self) -> int:
        return 14 + self.fontMetrics().horizontalAdvance("0000")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.margin.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(),
                                      rect.height()))

    def _scroll_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self.margin.scroll(0, dy)
        else:
            self.margin.update(0, rect.y(), self.margin.width(), rect.height())

    def _claim_lines(self) -> list[tuple[int, int, list[Claim]]]:
        """(top, height, claims starting on that line) for every visible line."""
        out: list[tuple[int, int, list[Claim]]] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        qt_starts = self._qt_starts
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            first = block.position()
            lo = bisect.bisect_left(qt_starts, first)
            hi = bisect.bisect_left(qt_starts, first + block.length())
            if block.isVisible() and lo < hi:
                layout = block.layout()
                by_line: dict[int, list[Claim]] = {}
                for i in range(lo, hi):
                    line = layout.lineForTextPosition(qt_starts[i] - first)
                    by_line.setdefault(line.lineNumber() if line.isValid() else 0,
                                       []).append(self._claims[i])
                for number, claims in by_line.items():
                    line = layout.lineAt(number)
                    top = int(geometry.top() + line.y())
                    out.append((top, int(line.height()), claims))
            block = block.next()
        return out

    def paint_margin(self, margin: QWidget, rect: QRect) -> None:
        painter = QPainter(margin)
        painter.fillRect(rect, self.palette().window())
        painter.setFont(self.margin_font())
        metrics = painter.fontMetrics()
        width = margin.width() - 4
        for top, height, claims in self._claim_lines():
            label = str(claims[0].number) + ("+" if len(claims) > 1 else "")
            box_w = metrics.horizontalAdvance(label) + 6
            box = QRect(width - box_w, top + max(0, (height - metrics.height()) // 2),
                        box_w, metrics.height())
            selected = any(c.id == self._selected for c in claims)
            painter.fillRect(box, tint(SELECTED_TINT) if selected else QColor(MARKER_FILL))
            painter.setPen(QColor("#000000") if selected else QColor("#ffffff"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()

    def claims_on_margin_line(self, y: int) -> list[Claim]:
        for top, height, claims in self._claim_lines():
            if top <= y < top + height:
                return claims
        return []

    def claim_at_margin(self, y: int) -> Claim | None:
        claims = self.claims_on_margin_line(y)
        return claims[0] if claims else None

    def numbers_shown(self) -> list[int]:
        """The claim numbers the margin shows now (first of each line), for tests."""
        return [claims[0].number for _, _, claims in self._claim_lines()]

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

    def snap_selection(self) -> None:
        """Grow the selection to whole words (what the edit will use anyway, shown)."""
        span = self.selection_span()
        if span is None or self._session is None:
            return
        start, end = snap_to_words(self._session.worksheet.article.text, *span)
        if (start, end) != span and start < end:
            cursor = self.textCursor()
            backwards = cursor.position() < cursor.anchor()
            a, b = (end, start) if backwards else (start, end)
            cursor.setPosition(self._map.to_qt(a))
            cursor.setPosition(self._map.to_qt(b), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

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
        for start, end, k, _ in reversed(self._checkables[max(0, i - 8):i]):
            if start <= offset < end:
                return k
        return None

    def offset_at(self, pos: QPoint) -> int:
        return self._map.to_py(self.cursorForPosition(pos).position())

    # ------------------------------------------------------------ events

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            checkable = self.checkable_at(self.offset_at(pos))
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
        if event.button() == Qt.MouseButton.LeftButton:
            if self.textCursor().hasSelection():
                self.snap_selection()
            elif not moved:
                claim = self.claim_at(self.offset_at(pos))
                if claim is not None:
                    self.claimClicked.emit(claim.id)
        self._press = None
