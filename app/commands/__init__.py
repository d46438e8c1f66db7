"""One module per `claimsheet` sub-command, each with ``run(args) -> int``.

Modules here import heavy libraries (spaCy, Qt, reportlab) inside ``run`` only.
"""

import sys


def fail(message: str, code: int = 1) -> int:
    """Print a one-line error for the user and return the exit code."""
    print(f"claimsheet: {message}", file=sys.stderr)
    return code
