"""Keys on one widget (Del in a list, Up/Down in a search box), and the search box itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class KeyHandler(QObject):
    """An event filter that runs ``handlers[key]()`` for a key press on ``widget``.

    A handler returning False lets the widget have the key after all.
    """

    def __init__(self, widget: QWidget, handlers: dict[Qt.Key, Callable[[], bool | None]]
                 ) -> None:
        super().__init__(widget)
        self.handlers = handlers
        widget.installEventFilter(self)

    def _handler(self, event: QKeyEvent) -> Callable[[], bool | None] | None:
        if event.modifiers() not in (Qt.KeyboardModifier.NoModifier,
                                     Qt.KeyboardModifier.KeypadModifier):
            return None
        return self.handlers.get(Qt.Key(event.key()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride and self._handler(event) is not None:
            # The key is this widget's (Del deletes the row here), not the window's
            # shortcut for the same key (Del deletes the selected claim).
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress and (handler := self._handler(event)):
            return handler() is not False
        return False


def on_keys(widget: QWidget, handlers: dict[Qt.Key, Callable[[], bool | None]]) -> KeyHandler:
    return KeyHandler(widget, handlers)


def search_box(parent: QWidget, name: str, placeholder: str, accessible: str) -> QLineEdit:
    """A one-line search field with a clear button (the filter bar, the source picker)."""
    box = QLineEdit(parent)
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(accessible)
    box.setClearButtonEnabled(True)
    return box
