"""Everything that imports Qt: the worksheet window and its parts.

Nothing outside this package imports PySide6; the window reads and edits the
plain-Python document model through :class:`app.ui.session.Session`.
"""

from app.ui.none_guard import protect_none

# First, before any Qt model or view exists: PySide6 6.12 on Python 3.11 leaks
# references to None (see none_guard.py); the window and tests all pass here.
protect_none()
