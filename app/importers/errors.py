"""The one error type the importers raise for input they cannot turn into an article.

The window shows ``str(error)`` in a message box and the command line prints it
on one line, so every message is a single sentence that names the file and
says what is wrong with it (and, where there is one, what to do about it).
"""

from __future__ import annotations

from app.messages import one_line, shown


class ArticleImportError(Exception):
    """A document could not be imported; ``str()`` is a sentence for the user.

    The file name is quoted safely (:func:`app.messages.shown`): a newline or a
    right-to-left override in a name cannot split or disguise the message.
    """

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        end = "" if problem.endswith(".") else "."
        super().__init__(one_line(f"Cannot import {shown(name)}: {problem}{end}"))
