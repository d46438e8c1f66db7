"""Reading input the app does not control: user files and the archives inside them.

Everything Claimsheet opens on a user's behalf (worksheets, articles, and
later evidence files and library imports) goes through :func:`read_file`,
which opens regular files only, never blocks and never reads more than a
limit; ZIP members (Word files, later the worksheet container) are inflated
with a running cap by :mod:`app.reading.zips`, so a declared size is never
trusted. Both raise exceptions whose ``reason`` is a plain phrase the caller
puts into its own one-line message.
"""

from app.reading.files import (
    FileRefused,
    FileTooLarge,
    check_regular,
    copy_capped,
    describe_size,
    open_regular,
    read_file,
)

__all__ = ["FileRefused", "FileTooLarge", "check_regular", "copy_capped", "describe_size",
           "open_regular", "read_file"]
