"""Work the window hands to other processes; plain Python, no Qt.

:mod:`app.services.extraction` is the spaCy helper process and its protocol:
the window starts it before Qt loads and talks to it from a worker thread.
"""
