"""Everything that imports Qt: the worksheet window and its parts.

Nothing outside this package imports PySide6; the window reads and edits the
plain-Python document model through :class:`app.ui.session.Session`.
"""
