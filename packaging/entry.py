"""Entry point of the PyInstaller one-folder app (see packaging/claimsheet.spec).

``claimsheet --run-module app.…`` runs one of Claimsheet's helper processes (the
extraction service) the way ``python -m`` would in an installed copy; it is
checked first, before the command line, Qt or spaCy are imported. Anything
else is the ordinary ``claimsheet`` command.
"""

import sys

from app.frozen import run_module, run_module_request


def main() -> int:
    module = run_module_request(sys.argv)
    if module is not None:
        run_module(module, sys.argv[3:])
        return 0
    from app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
