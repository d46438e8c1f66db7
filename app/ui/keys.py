"""Extra keys on one widget (Del in a list, Up/Down in a search box), without subclassing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class KeyHandler(QObject):
    """An event filter that runs ``handlers[key]()`` for a key press on ``widget``.

    A handler returning False lets the widget have the key after all.
    """

    def __init__(self, widget: QWidget, handlers: dict[Qt.Key, Callable[[], bool | None]]
                 ) -> None:
        super().__init__(widget)
        self.handlers = handlers
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            handler = self.handlers.get(Qt.Key(event.key()))
            if handler is not None and event.modifiers() in (
                    Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
                return handler() is not False
        return False


def on_keys(widget: QWidget, handlers: dict[Qt.Key, Callable[[], bool | None]]) -> KeyHandler:
    return KeyHandler(widget, handlers)
