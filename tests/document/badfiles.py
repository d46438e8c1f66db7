"""Every kind of bad worksheet the loader must refuse with a clear message.

Each entry: name -> (bytes of the file, words the message must contain).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.document import Article, Citation, Claim, Source, Worksheet, make_anchor
from app.document.fileformat import worksheet_to_dict

ARTICLE = "Seven drones were shot down over the Belgorod Region on October 19th."


def good_document() -> dict[str, Any]:
    ws = Worksheet(Article(text=ARTICLE, title="Drones"))
    source = Source(title="Ministry statement", url="https://example.org/statement")
    ws.sources.append(source)
    for start, end in ((0, 31), (37, 52), (56, 69)):
        ws.claims.append(Claim(anchor=make_anchor(ARTICLE, start, end),
                               citations=[Citation(source.id)]))
    return json.loads(json.dumps(worksheet_to_dict(ws)))


def _edit(change: Callable[[dict[str, Any]], None]) -> bytes:
    document = good_document()
    change(document)
    return json.dumps(document, indent=2).encode()


def _pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def bad_files() -> dict[str, tuple[bytes, str]]:
    good = json.dumps(good_document(), indent=2).encode()
    return {
        "empty": (b"", "empty"),
        "whitespace only": (b"  \n\n ", "empty"),
        "truncated": (good[: len(good) // 2], "cut off"),
        "random bytes": (os.urandom(4096) + b"\xff\xfe\x00", "binary"),
        "pdf renamed": (_pdf_bytes(), "PDF"),
        "foreign json": (b'{"name": "my shopping list", "items": ["milk"]}', "not a Claimsheet"),
        "json array": (b"[1, 2, 3]", "not a Claimsheet"),
        "newer version": (_edit(lambda d: d.update(version=7)), "newer Claimsheet"),
        "version not a number": (_edit(lambda d: d.update(version="one")), "format version"),
        "claim without quote": (_edit(lambda d: d["claims"][2]["anchor"].pop("exact")),
                                "claim 3, anchor (position in the article) has no quote"),
        "wrong type": (_edit(lambda d: d["claims"][0].update(hedged="yes")),
                       "claim 1, hedged should be true or false"),
        "unknown verdict": (_edit(lambda d: d["claims"][1].update(verdict="probably")),
                            "claim 2, verdict: \"probably\" is not a known verdict"),
        "unknown checkable type": (
            _edit(lambda d: d["claims"][0].update(checkables=[
                {"id": "k1", "type": "weapon", "start": 0, "end": 5, "text": "Seven"}])),
            "not a known type"),
        "offsets outside article": (
            _edit(lambda d: d["claims"][0]["anchor"].update(start=5000, end=5010, exact="")),
            "claim 1 points outside the article"),
        "quote not in article": (
            _edit(lambda d: d["claims"][1]["anchor"].update(exact="tanks rolled in",
                                                            prefix="", suffix="")),
            "claim 2's quote is not in the article"),
        "duplicate claim ids": (
            _edit(lambda d: d["claims"][1].update(id=d["claims"][0]["id"])),
            "two claims share the id"),
        "missing source": (
            _edit(lambda d: d.update(sources=[])), "which is not in the worksheet"),
        "no article": (_edit(lambda d: d.pop("article")), "has no article"),
        "deep nesting": (b'{"format": "claimsheet", "version": 1, "x": ' + b"[" * 10_000
                         + b"]" * 10_000 + b"}", "nested too deeply"),
    }


def write_huge_file(path: Path, size: int = 100 * 1024 * 1024) -> None:
    """A 100 MB file, sparse where the file system allows, so the test stays cheap."""
    with path.open("wb") as handle:
        handle.write(b'{"format": "claimsheet", "version": 1, "pad": "')
        handle.truncate(size)
