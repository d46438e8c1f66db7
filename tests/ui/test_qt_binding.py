"""The Qt binding itself: faults in it that would crash a long checking session.

PySide6 6.12.0 drops a reference to ``True`` or ``False`` at every signal emitted
with one from Python. On Python 3.11 the bools are ordinary objects, so after a few
thousand emits (each undo and redo emits several) the interpreter aborts with
"bool_dealloc: deallocating True or False", taking unsaved work with it.
pyproject.toml keeps that release out; this test fails if it comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

EMITS = 200


class _Emitter(QObject):
    changed = Signal(bool)
    anything = Signal(object)


def test_emitting_a_bool_keeps_its_reference_count() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(lambda value: received.append(int(value)))
    emitter.anything.connect(lambda value: received.append(int(value)))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(EMITS):
        emitter.changed.emit(n % 2 == 0)
        emitter.anything.emit(n % 2 == 1)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 2 * EMITS
    # a little slack for whatever else the interpreter does meanwhile; the fault costs 200
    assert after[0] >= before[0] - 20, f"True lost {before[0] - after[0]} references"
    assert after[1] >= before[1] - 20, f"False lost {before[1] - after[1]} references"
