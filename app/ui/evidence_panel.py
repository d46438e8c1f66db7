"""The Evidence tab: the files the worksheet keeps, with hash, capture time and a preview.

Above, the list (:class:`app.ui.evidence_model.EvidenceModel`); below, the
selected file's details (SHA-256, when and how it was captured, where it was
found, the sources citing it) and a preview: images and plain text are shown
here, other files open in the system's viewer from a private copy (see
:mod:`app.document.viewcopy`). Enter opens the selected file, Del removes it.
The panel only asks: :class:`app.ui.evidence.EvidenceController` acts.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.document.evidence import KINDS, MAX_IMAGE_PIXELS, size_text
from app.document.labels import CAPTURE_LABELS, evidence_time
from app.document.locker import EvidenceProblem
from app.document.model import Evidence, Worksheet
from app.ui.evidence_model import EvidenceModel
from app.ui.keys import on_keys
from app.ui.lists import row_list

PREVIEW_IMAGE_BYTES = 64 * 1024 * 1024
"""Largest image read for a preview (it is read whole and its hash checked)."""
PREVIEW_TEXT_BYTES = 8 * 1024 * 1024
"""Largest text file shown in the window; the first :data:`PREVIEW_TEXT_CHARS` of it."""
PREVIEW_TEXT_CHARS = 400_000
HINT_NONE = "No evidence yet: drop files onto a claim or a source (or Ctrl+Shift+O, Ctrl+Alt+V)."
HINT_SOME = "Enter opens the file, Del removes it; drop more files onto a claim or a source."


def decode_image(data: bytes, fit: QSize | None = None) -> QImage | None:
    """A QImage from untrusted bytes, or None: the size is read from the header first,
    and an image over the pixel limit is never decoded."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_IMAGE_PIXELS:
        return None
    if fit is not None and (size.width() > fit.width() or size.height() > fit.height()):
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


def decode_text(data: bytes) -> str:
    """Text of an evidence file in its own encoding (as the importers detect it)."""
    from app.importers import ArticleImportError
    from app.importers.encodings import decode_bytes

    try:
        return decode_bytes(data, "evidence").text
    except ArticleImportError:
        return data.decode("latin-1")


class ScaledImage(QLabel):
    """An image shown as large as the space allows (never larger than itself)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(120, 90)

    def set_image(self, image: QImage | None) -> None:
        self._pixmap = QPixmap() if image is None else QPixmap.fromImage(image)
        self._fit()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        if self._pixmap.isNull():
            self.clear()
            return
        box = self.size()
        if self._pixmap.width() > box.width() or self._pixmap.height() > box.height():
            self.setPixmap(self._pixmap.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.setPixmap(self._pixmap)


class Preview:
    """What the window can show of one file: an image, text, or a note why not."""

    def __init__(self, image: QImage | None = None, text: str | None = None,
                 note: str = "") -> None:
        self.image, self.text, self.note = image, text, note


def preview_of(worksheet: Worksheet, item: Evidence, fit: QSize | None = None) -> Preview:
    """Read (and check) what can be shown in the window; never raises."""
    kind = KINDS[item.media_type]
    if kind.show == "viewer":
        return Preview(note=f"{kind.label}: Open shows it in the system's viewer, from a "
                            "private read-only copy" + (" with scripts and network access "
                                                        "blocked" if kind.page else "") + ".")
    limit = PREVIEW_IMAGE_BYTES if kind.show == "image" else PREVIEW_TEXT_BYTES
    if item.size > limit:
        return Preview(note="Too large to show here: use Save copy… to look at it.")
    try:
        data = worksheet.locker.read(item.sha256, item.size, what=item.name)
    except EvidenceProblem as problem:
        return Preview(note=f"⚠ {problem.reason}.")
    if kind.show == "image":
        image = decode_image(data, fit)
        if image is None:
            return Preview(note="The image is too large to show or cannot be read.")
        return Preview(image=image)
    text = decode_text(data)
    if len(text) > PREVIEW_TEXT_CHARS:
        text = text[:PREVIEW_TEXT_CHARS] + f"\n\n[… {len(text) - PREVIEW_TEXT_CHARS:,} more " \
                                           "characters: Save copy… to read them all]"
    return Preview(text=text)


class EvidencePanel(QWidget):
    """Signals: ``openRequested(sha)``, ``saveRequested(sha)``, ``removeRequested(sha)``,
    ``attachRequested()``, ``pasteRequested()``, ``sourceRequested(source id)``."""

    openRequested = Signal(str)
    saveRequested = Signal(str)
    removeRequested = Signal(str)
    attachRequested = Signal()
    pasteRequested = Signal()
    sourceRequested = Signal(str)

    def __init__(self, model: EvidenceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Evidence kept in the worksheet")
        self.model = model
        self.worksheet: Worksheet | None = None
        self.hint = QLabel(HINT_NONE, self)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.tree = row_list(self, model, "evidenceTree", "Evidence files", (150, 70, 175, 80),
                             tree=False)

        self.sha = self._value("evidenceHash", "SHA-256 hash")
        self.captured = self._value("evidenceCaptured", "Captured")
        self.found_at = self._value("evidenceUrl", "Found at")
        self.cited = self._value("evidenceCited", "Cited by")
        self.cited.setTextFormat(Qt.TextFormat.RichText)
        self.cited.linkActivated.connect(self.sourceRequested.emit)
        details = QFormLayout()
        details.setVerticalSpacing(2)
        details.addRow("SHA-256", self.sha)
        details.addRow("Captured", self.captured)
        details.addRow("Found at", self.found_at)
        details.addRow("Cited by", self.cited)
        self.image = ScaledImage(self)
        self.image.setObjectName("evidenceImage")
        self.image.setAccessibleName("Image preview")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("evidenceText")
        self.text.setAccessibleName("Text preview")
        self.text.setReadOnly(True)
        self.note = QLabel(self)
        self.note.setObjectName("evidenceNote")
        self.note.setWordWrap(True)
        self.filler = QWidget(self)  # takes the room when there is nothing to preview

        self.open_button = QPushButton("Open", self)
        self.open_button.setAccessibleName("Open the selected evidence file")
        self.save_button = QPushButton("Save copy…", self)
        self.save_button.setAccessibleName("Save a checked copy of the selected file")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove the selected file from the worksheet")
        self.attach_button = QPushButton("Attach files…", self)
        self.attach_button.setAccessibleName("Attach files to the selected claim or source")
        self.paste_button = QPushButton("Paste image", self)
        self.paste_button.setAccessibleName("Attach the image on the clipboard")
        buttons = QHBoxLayout()
        for button in (self.open_button, self.save_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.paste_button)

        lower = QWidget(self)
        # Showing an image, a text or a long address must never change the window's
        # minimum size: the area takes what the splitter gives it.
        lower.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        lower.setMinimumSize(200, 120)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(details)
        lower_layout.addWidget(self.note)
        lower_layout.addWidget(self.image, 1)
        lower_layout.addWidget(self.text, 1)
        lower_layout.addWidget(self.filler, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([90, 270])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

        self.tree.activated.connect(lambda _index: self._emit(self.openRequested))
        on_keys(self.tree, {Qt.Key.Key_Delete: lambda: self._emit(self.removeRequested)})
        self.open_button.clicked.connect(lambda: self._emit(self.openRequested))
        self.save_button.clicked.connect(lambda: self._emit(self.saveRequested))
        self.remove_button.clicked.connect(lambda: self._emit(self.removeRequested))
        self.attach_button.clicked.connect(self.attachRequested.emit)
        self.paste_button.clicked.connect(self.pasteRequested.emit)
        self.tree.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._rows_changed)
        model.dataChanged.connect(lambda *_: self._show_cited())
        self._rows_changed()

    def _value(self, name: str, accessible: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        # One line each (a 64-digit hash cannot wrap): cut at the edge rather than widen
        # the window; the whole value can be selected and copied.
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        return label

    def _emit(self, signal: object) -> bool:
        sha = self.current_sha()
        if sha is not None:
            signal.emit(sha)  # type: ignore[attr-defined]
            return True
        return False

    def current_sha(self) -> str | None:
        item = self.model.item_at(self.tree.currentIndex())
        return item.sha256 if item else None

    def select(self, sha256: str) -> None:
        index = self.model.index_of(sha256)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _rows_changed(self, *_args: object) -> None:
        has = self.model.rowCount() > 0
        # The hint stays (hiding it would change the window's minimum size): its words change.
        self.hint.setText(HINT_SOME if has else HINT_NONE)
        for button in (self.open_button, self.save_button, self.remove_button):
            button.setEnabled(has)
        if has and not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.model.index(0, 0))
        self.show_current()

    def _show_cited(self) -> None:
        item = self.model.item_at(self.tree.currentIndex())
        if item is None or self.worksheet is None:
            self.cited.setText("")
            return
        by_id = {s.id: (n, s) for n, s in enumerate(self.worksheet.sources, start=1)}
        links = []
        for source_id in item.sources:
            if source_id in by_id:
                n, source = by_id[source_id]
                title = (source.title or source.url or "untitled").replace("&", "&amp;") \
                    .replace("<", "&lt;")
                links.append(f'<a href="{source_id}">S{n}</a> {title[:80]}')
        self.cited.setText(", ".join(links) or "no source")

    def show_current(self) -> None:
        """Details and preview of the selected file (read and checked only now)."""
        item = self.model.item_at(self.tree.currentIndex())
        self.image.set_image(None)
        self.image.hide()
        self.text.clear()
        self.text.hide()
        self.filler.show()
        self.note.setText("")
        if item is None or self.worksheet is None:
            for label in (self.sha, self.captured, self.found_at, self.cited):
                label.setText("")
            return
        kind = KINDS[item.media_type]
        self.sha.setText(item.sha256)
        self.captured.setText(f"{evidence_time(item.captured)} · "
                              f"{CAPTURE_LABELS[item.capture].lower()} · {kind.label}, "
                              f"{size_text(item.size)}")
        self.found_at.setText(item.url or "not known")
        self._show_cited()
        preview = preview_of(self.worksheet, item, QSize(1600, 1200))
        self.note.setText(preview.note)
        if preview.image is not None:
            self.filler.hide()
            self.image.show()
            self.image.set_image(preview.image)
        elif preview.text is not None:
            self.filler.hide()
            self.text.setPlainText(preview.text)
            self.text.show()


def evidence_viewer(parent: QWidget | None, worksheet: Worksheet, item: Evidence) -> QDialog:
    """A window showing an image at full size or a whole text, with its hash and capture."""
    dialog = QDialog(parent)
    dialog.setObjectName("evidenceViewer")
    dialog.setWindowTitle(f"{item.name} — evidence")
    kind = KINDS[item.media_type]
    heading = QLabel(f"{item.name}\n{kind.label}, {size_text(item.size)} · captured "
                     f"{evidence_time(item.captured)} "
                     f"({CAPTURE_LABELS[item.capture].lower()})\nSHA-256 {item.sha256}", dialog)
    heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    heading.setTextFormat(Qt.TextFormat.PlainText)
    preview = preview_of(worksheet, item)
    body: QWidget
    if preview.image is not None:
        label = QLabel(dialog)
        label.setObjectName("viewerImage")
        label.setPixmap(QPixmap.fromImage(preview.image))
        area = QScrollArea(dialog)
        area.setWidget(label)
        body = area
    elif preview.text is not None:
        text = QPlainTextEdit(dialog)
        text.setObjectName("viewerText")
        text.setReadOnly(True)
        text.setPlainText(preview.text)
        body = text
    else:
        body = QLabel(preview.note, dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(heading)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    dialog.resize(900, 700)
    dialog.open()
    return dialog
