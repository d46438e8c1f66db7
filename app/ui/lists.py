"""The read-only lists of the window's tabs (sources, evidence) look and behave alike.

Each is a QTreeView that selects whole rows, never edits in place, and gives its
first column the room the others leave; :func:`row_list` builds one so the tabs
cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget


def row_list(parent: QWidget, model: QAbstractItemModel, object_name: str, accessible_name: str,
             widths: Sequence[int], *, tree: bool = True) -> QTreeView:
    """A row-selecting list over ``model``; ``widths`` are those of the columns after the first.

    ``tree`` keeps the branch marks for models whose rows have children (sources and
    the claims that cite them); a flat list hides them."""
    view = QTreeView(parent)
    view.setObjectName(object_name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setRootIsDecorated(tree)
    view.setUniformRowHeights(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column, width in enumerate(widths, start=1):
        header.resizeSection(column, width)
    return view
