"""Save screenshots of the window on the seed article: docs/window-light.png, -dark.png,
docs/window-sources.png, docs/window-evidence.png, docs/window-checked-before.png,
docs/window-conflicts.png.

Runs the real window offscreen (`make screenshots`), waits for real extraction,
then does a little checking work through the same operations as the keys and
menus, so the pictures show verdicts, statuses, one source cited by two claims,
a ticked checkable and the claim numbers in the article's margin, as a checker
would see them mid-way. The third picture shows the Sources panel, the fourth
the Evidence tab (a PDF, a saved page and a screenshot attached to the
ministry's statement, made here).

The last two show the claim library (in a temporary library file): the seed
worksheet is saved, a second article about the same night (written below: it
says nine drones where the seed says seven) is extracted, checked and saved,
then the seed worksheet is opened again with its first claim's "Checked
before" matches, and its "Conflicts".
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document.model import Source, SourceKind, Stance, Status, Verdict  # noqa: E402
from app.ui import operations  # noqa: E402
from app.ui.application import make_app  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.palette import apply_palette  # noqa: E402
from app.ui.settings import Settings  # noqa: E402

SEED = REPO / "seeds" / "000_6448b12ea3d2d7a9.txt"
OUT = REPO / "docs"
OTHER_ARTICLE = """Ukraine says Russia exaggerated Belgorod drone losses

Russia's defence ministry said on October 19th that its air defences had shot down nine \
Ukrainian drones over the Belgorod region.

A spokesman for Ukraine's air force said fewer than half of that number had been launched \
towards Belgorod that night.

The Belgorod region borders Ukraine's Kharkiv Oblast and has been the target of repeated \
cross-border attacks.
"""


def wait_for(signal: object, timeout_ms: int = 120_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def do_some_work(window: MainWindow) -> None:
    """A few verdicts, statuses, one source cited twice and a tick, through the operations."""
    session = window.session
    claims = session.worksheet.claims
    plan = [(Verdict.TRUE, Status.REVIEWED), (Verdict.UNVERIFIABLE, Status.CHECKED),
            (Verdict.MOSTLY_FALSE, Status.CHECKED), (None, Status.IN_PROGRESS)]
    for claim, (verdict, status) in zip(claims, plan, strict=False):
        if verdict is not None:
            operations.set_verdict(session, claim.id, verdict)
        operations.set_status(session, claim.id, status)
    first = claims[0]
    statement = Source(title="Russian MoD statement on air defence",
                       url="https://example.org/mod-statement", publisher="Ministry of Defence",
                       kind=SourceKind.OFFICIAL_STATEMENT)
    operations.save_source(session, first.id, statement, Stance.SUPPORTS)
    if len(claims) > 2:
        operations.cite_source(session, claims[2].id, statement.id, Stance.CONTEXT)
    operations.set_rationale(session, first.id,
                             "The ministry's own feed carries the statement on the stated date; "
                             "the number matches.")
    if first.checkables:
        operations.set_checked(session, first.id, first.checkables[0].id, True)
    window.select_row(0)
    window.tree.expand(window.proxy.index(0, 0))


def wait_until(signal: object, done: object) -> None:
    """Wait for ``signal`` unless ``done()`` says its answer is already in."""
    if not done():  # type: ignore[operator]
        wait_for(signal)


def check_other_article(window: MainWindow) -> None:
    """The second article: its "nine drones" claim gets a verdict, a rationale, a source."""
    session = window.session
    operations.set_article_details(session, replace(session.worksheet.article,
                                                    outlet="Kyiv Wire"))
    nine = next(c for c in session.worksheet.claims if "nine" in c.quote)
    operations.set_verdict(session, nine.id, Verdict.UNVERIFIABLE)
    operations.set_status(session, nine.id, Status.CHECKED)
    operations.set_rationale(session, nine.id, "Only the ministry's word; Ukraine's air force "
                             "disputes the number and no footage shows nine.")
    operations.save_source(session, nine.id, Source(
        title="Ukrainian Air Force statement on the night of 18-19 October",
        url="https://example.org/uaf-statement", publisher="Ukrainian Air Force",
        kind=SourceKind.OFFICIAL_STATEMENT), Stance.REFUTES)


def library_shots(window: MainWindow, out: Path, tmp: Path) -> None:
    """Save both worksheets (the window indexes them), reopen the seed's, take two pictures."""
    library = window.library
    seed_file = tmp / "Belgorod drones.claimsheet"
    window.files.save_to(seed_file)
    wait_for(library.indexed)
    article = tmp / "kyiv-wire.txt"
    article.write_text(OTHER_ARTICLE, encoding="utf-8")
    window.files.open_path(article)
    wait_for(window.checklistReady)
    check_other_article(window)
    window.files.save_to(tmp / "Kyiv Wire on Belgorod.claimsheet")
    wait_for(library.indexed)
    window.files.open_path(seed_file)
    wait_until(library.matchesFound, lambda: window.checked_before.model.rowCount() > 0)
    window.focus_checked_before()
    QApplication.processEvents()
    path = out / "window-checked-before.png"
    window.grab().save(str(path))
    print(f"wrote {path}")
    window.focus_conflicts()
    wait_until(library.conflictsFound, lambda: window.conflicts_panel.model.rowCount() > 0)
    QApplication.processEvents()
    path = out / "window-conflicts.png"
    window.grab().save(str(path))
    print(f"wrote {path}")


def evidence_shot(window: MainWindow, out: Path, tmp: Path) -> None:
    """Attach a PDF, a saved page and a picture of a page to the first source; show them."""
    from PySide6.QtGui import QColor, QFont, QImage, QPainter
    from reportlab.pdfgen import canvas

    from app.document.model import Capture

    pdf = tmp / "MoD daily report 19 October.pdf"
    page = canvas.Canvas(str(pdf))
    page.drawString(72, 760, "Ministry of Defence: daily report, 19 October")
    page.drawString(72, 740, "Air defences destroyed seven UAVs over the Belgorod Region.")
    page.save()
    html = tmp / "mod-statement.html"
    html.write_text("<!DOCTYPE html>\n<!-- saved from url=(0034)https://example.org/mod-statement"
                    " -->\n<html><head><title>Statement on air defence, 19 October</title>"
                    "</head><body><p>Seven UAVs were destroyed.</p></body></html>\n",
                    encoding="utf-8")
    source = window.session.worksheet.sources[0]
    window.evidence.attach_paths([pdf, html], source_id=source.id)
    image = QImage(1000, 620, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f4f4"))
    painter = QPainter(image)
    painter.fillRect(0, 0, 1000, 90, QColor("#1f3f7a"))
    painter.setPen(QColor("#ffffff"))
    painter.setFont(QFont("DejaVu Sans", 24))
    painter.drawText(40, 58, "Ministry of Defence — press service")
    painter.setPen(QColor("#202020"))
    painter.setFont(QFont("DejaVu Sans", 16))
    for n, line in enumerate(("19 October", "Air defence systems on duty destroyed seven",
                              "Ukrainian unmanned aerial vehicles over the",
                              "territory of the Belgorod Region.")):
        painter.drawText(40, 160 + 46 * n, line)
    painter.end()
    window.select_row(0)
    window.focus_sources()
    window.sources_panel.tree.setCurrentIndex(window.sources_model.index(0, 0))
    window.evidence.attach_image(image, Capture.SCREENSHOT, source_id=source.id, claim_id=None)
    window.focus_evidence()
    window.evidence_panel.select(window.session.worksheet.evidence[-1].sha256)
    QApplication.processEvents()
    path = out / "window-evidence.png"
    window.grab().save(str(path))
    print(f"wrote {path}")


def main() -> int:
    """``screenshots.py [OUT_DIR]``; set QT_SCALE_FACTOR=2 to check 200% scaling."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    app = make_app(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CLAIMSHEET_LIBRARY"] = str(Path(tmp) / "library.sqlite3")
        window = MainWindow(settings=Settings(Path(tmp) / "s.ini"), data_dir=Path(tmp),
                            persist=False)
        window.resize(1440, 900)
        window.show()
        window.files.open_path(SEED)
        wait_for(window.checklistReady)
        if not window.session.worksheet.claims:
            print("screenshots: extraction found no claims", file=sys.stderr)
            return 1
        do_some_work(window)
        out.mkdir(parents=True, exist_ok=True)
        for name, dark in (("light", False), ("dark", True)):
            apply_palette(app, dark)
            window.refresh_colours()
            QApplication.processEvents()
            path = out / f"window-{name}.png"
            window.grab().save(str(path))
            print(f"wrote {path}")
        apply_palette(app, False)
        window.refresh_colours()
        window.focus_sources()
        window.sources_panel.tree.expandAll()
        window.sources_panel.tree.setCurrentIndex(window.sources_model.index(0, 0))
        QApplication.processEvents()
        path = out / "window-sources.png"
        window.grab().save(str(path))
        print(f"wrote {path}")
        evidence_shot(window, out, Path(tmp))
        library_shots(window, out, Path(tmp))
        window._close_confirmed = True
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
