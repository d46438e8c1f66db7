"""Render Claimsheet's icon (app/resources/icons/claimsheet.svg) to PNG sizes.

Writes app/resources/icons/hicolor/<N>x<N>/claimsheet.png for every size
desktop themes ask for (16 to 512). Run it after editing the SVG and commit
the PNGs: the window, the desktop entry (`claimsheet desktop install`) and the
one-folder app use them, and none of them needs Qt's SVG plugin at run time.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "app" / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts, painting
    renderer = QSvgRenderer(str(ICONS / "claimsheet.svg"))
    if not renderer.isValid():
        print(f"render_icons: {ICONS / 'claimsheet.svg'} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "claimsheet.png"
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(ICONS.parent.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
