"""One module per `claimsheet` sub-command, each with ``run(args) -> int``.

Modules here import heavy libraries (spaCy, Qt, reportlab) inside ``run`` only.
"""

import sys

from app.messages import one_line


def fail(message: str, code: int = 1) -> int:
    """Print a one-line error for the user and return the exit code.

    The message is made safe whatever it quotes: line breaks, control and
    bidi characters become escapes and an overlong message is cut.
    """
    print(f"claimsheet: {one_line(message)}", file=sys.stderr)
    return code
