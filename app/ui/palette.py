"""Colours and the second, colour-independent cue for each kind of highlight.

Every checkable type has a colour *and* an underline style, so the article
view still tells types apart for a colour-blind checker or in greyscale. The
colours, cues and tints are defined once in :mod:`app.document.labels` (the
PDF uses the same); this module turns them into Qt objects. The dark palette
is Qt's Fusion style with dark roles; the highlight colours are picked per
palette so they keep enough contrast on both.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette, QTextCharFormat
from PySide6.QtWidgets import QApplication

from app.document.labels import CHECKABLE_STYLES
from app.document.labels import CLAIM_TINTS as CLAIM_TINTS_BY_PALETTE
from app.document.labels import SELECTED_TINT as SELECTED_TINT_BY_PALETTE
from app.document.model import CheckableType

U = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True)
class TypeStyle:
    """A checkable type's look on screen: its labels.py style plus Qt's underline enum."""

    label: str
    colour: str  # on a light background
    colour_dark: str  # on a dark background
    underline: QTextCharFormat.UnderlineStyle
    cue: str  # how the legend describes the non-colour cue

    def qcolor(self, dark: bool | None = None) -> QColor:
        if dark is None:
            dark = is_dark()
        return QColor(self.colour_dark if dark else self.colour)


_UNDERLINES = {"solid": U.SingleUnderline, "wavy": U.WaveUnderline, "dashed": U.DashUnderline,
               "dotted": U.DotLine, "dash-dot": U.DashDotDotLine}

# The same colours and cues as the PDF and the printed pages (app/document/labels.py).
TYPE_STYLES: dict[CheckableType, TypeStyle] = {
    kind: TypeStyle(style.label, style.colour, style.colour_dark, _UNDERLINES[style.underline],
                    style.underline)
    for kind, style in CHECKABLE_STYLES.items()
}
CLAIM_TINTS = CLAIM_TINTS_BY_PALETTE
SELECTED_TINT = SELECTED_TINT_BY_PALETTE


def is_dark() -> bool:
    app = QApplication.instance()
    if app is None:
        return False
    window = app.palette().color(QPalette.ColorRole.Window)  # type: ignore[attr-defined]
    return window.lightness() < 128


def tint(pair: tuple[str, str]) -> QColor:
    return QColor(pair[1] if is_dark() else pair[0])


def dark_palette() -> QPalette:
    """A dark palette with every role set, including the disabled group."""
    p = QPalette()
    roles = QPalette.ColorRole
    base, window, text = QColor("#1E1F22"), QColor("#2B2D30"), QColor("#E6E6E6")
    for role, colour in (
        (roles.Window, window), (roles.WindowText, text), (roles.Base, base),
        (roles.AlternateBase, QColor("#26282B")), (roles.ToolTipBase, QColor("#3C3F41")),
        (roles.ToolTipText, text), (roles.PlaceholderText, QColor("#8C8C8C")),
        (roles.Text, text), (roles.Button, window), (roles.ButtonText, text),
        (roles.BrightText, QColor("#FF6B6B")), (roles.Link, QColor("#6CB4FF")),
        (roles.Highlight, QColor("#2F65CA")), (roles.HighlightedText, QColor("#FFFFFF")),
        (roles.Light, QColor("#3C3F41")), (roles.Midlight, QColor("#34363A")),
        (roles.Mid, QColor("#45484C")), (roles.Dark, QColor("#151618")),
        (roles.Shadow, QColor("#000000")),
    ):
        p.setColor(role, colour)
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        p.setColor(disabled, role, QColor("#7A7A7A"))
    return p


# Fusion draws check-box outlines a shade darker than the window colour, which all
# but disappears on a dark base; give indicators a visible frame and a filled "on".
# (A style sheet measures the label a little short: the padding keeps its last letter.)
DARK_INDICATORS = """
QCheckBox { padding-right: 4px; }
QCheckBox::indicator, QAbstractItemView::indicator {
    width: 12px; height: 12px; border: 1px solid #A8A8A8; border-radius: 2px;
    background: #1E1F22;
}
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked {
    background: #6CB4FF; border: 2px solid #E6E6E6;
}
QCheckBox::indicator:disabled { border-color: #5A5A5A; }
"""


def apply_palette(app: QApplication, dark: bool) -> None:
    """Switch the whole application between the light and the dark palette."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    app.setStyleSheet(DARK_INDICATORS if dark else "")
