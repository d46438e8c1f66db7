"""spaCy for Claimsheet's one-folder app: English only, no test suite.

Replaces pyinstaller-hooks-contrib's hook, which collects every submodule of
spaCy: its test suite (which drags in pytest and hypothesis) and the tokenizer
rules of some seventy languages, when Claimsheet loads only English.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

KEPT_LANGUAGES = {"en"}


def _wanted(name: str) -> bool:
    parts = name.split(".")
    if len(parts) > 1 and parts[1] == "tests":
        return False
    if len(parts) > 2 and parts[1] == "lang":
        # spacy.lang.<module> files are shared rules; spacy.lang.<code> packages are languages
        return parts[2] in KEPT_LANGUAGES or not (len(parts[2]) <= 3 and parts[2].isalpha())
    return True


hiddenimports = collect_submodules("spacy", filter=_wanted)
datas = collect_data_files("spacy", excludes=["tests/**"])
