"""Every kind of bad worksheet the loader must refuse with a clear message.

Each entry: name -> (bytes of the file, words the message must contain).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
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


# ---------------------------------------------------------------- the hostile-input suite
#
# Each case builds a file (or a path that is not a file) in a folder and says what
# `claimsheet validate` must answer: None for "ok", else words its one line contains.
# tests/cli/test_hostile_inputs.py runs every case through `validate` and `export`.


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Path]
    expect: str | None  # None: the file loads (and exports); else words of the one-line refusal


def _bytes_case(name: str, data: bytes | Callable[[], bytes], expect: str | None,
                file_name: str = "w.claimsheet") -> Case:
    def build(folder: Path) -> Path:
        path = folder / file_name
        path.write_bytes(data() if callable(data) else data)
        return path
    return Case(name, build, expect)


def _doc_case(name: str, change: Callable[[dict[str, Any]], None], expect: str | None,
              file_name: str = "w.claimsheet") -> Case:
    return _bytes_case(name, lambda: _edit(change), expect, file_name)


def _link_case(name: str, target: str, expect: str) -> Case:
    def build(folder: Path) -> Path:
        path = folder / "w.claimsheet"
        path.symlink_to(target)
        return path
    return Case(name, build, expect)


def _fifo(folder: Path) -> Path:
    path = folder / "w.claimsheet"
    os.mkfifo(path)
    return path


def _socket(folder: Path) -> Path:
    import socket

    path = folder / "w.claimsheet"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


def _folder(folder: Path) -> Path:
    path = folder / "w.claimsheet"
    path.mkdir()
    return path


def _huge(folder: Path) -> Path:
    path = folder / "w.claimsheet"
    write_huge_file(path)
    return path


def _worksheet_bytes(ws: Worksheet) -> bytes:
    from app.document.fileformat import to_bytes

    return to_bytes(ws)


def _long_article(reps: int = 20_000) -> str:
    return ARTICLE + (" " + ARTICLE) * reps  # 70 characters a repetition


def _reanchor_storm(quote: str, prefix: str, suffix: str, claims: int = 200,
                    text: str = "ab" * 500_000) -> bytes:
    """A 1 MB article whose claims' offsets are all wrong, with quotes found everywhere."""
    document = good_document()
    document["article"]["text"] = text
    document["claims"] = [
        {"id": f"c{i}", "anchor": {"start": 5000 * i + 1, "end": 5000 * i + 1 + len(quote),
                                   # odd offsets point at a "b": every claim has drifted
                                   "exact": quote, "prefix": prefix, "suffix": suffix}}
        for i in range(claims)]
    document["sources"] = []
    return json.dumps(document).encode()


def _drifted() -> bytes:
    """200 claims whose offsets are all 1,000 characters off, in a 280 kB article."""
    sentences = [f"Sentence number {i} says that {i % 97} drones were seen. " for i in
                 range(5_000)]
    text = "".join(sentences)
    document = good_document()
    document["article"]["text"] = text
    document["claims"] = []
    position = 0
    for i, sentence in enumerate(sentences[:4_000]):
        if i % 20 == 7:
            document["claims"].append({"id": f"c{i}", "anchor": {
                "start": position + 1000, "end": position + 1000 + len(sentence),
                "exact": sentence, "prefix": text[max(0, position - 32):position],
                "suffix": text[position + len(sentence):position + len(sentence) + 32]}})
        position += len(sentence)
    document["sources"] = []
    return json.dumps(document).encode()


def _many(key: str, count: int, item: str) -> bytes:
    head = json.dumps({k: v for k, v in good_document().items() if k != key})[:-1]
    return (head + f', "{key}": [' + ",".join([item] * count) + "]}").encode()


def _every_field(value: str) -> Worksheet:
    from app.document import Checkable, CheckableType

    ws = Worksheet(Article(text=ARTICLE, title=value, outlet=value, author=value, url=value,
                           published=value, language=value, imported_from=value))
    source = Source(title=value, url=value, publisher=value, author=value, published=value,
                    accessed=value, archive_url=value, excerpt=value, notes=value)
    ws.sources.append(source)
    ws.claims.append(Claim(anchor=make_anchor(ARTICLE, 0, 31), rationale=value,
                           source_name=value, hedged=True, hedges=[value], tags=[value],
                           citations=[Citation(source.id)],
                           checkables=[Checkable(CheckableType.COUNT, 0, 5, "Seven",
                                                 value=value, attributes={"x": value},
                                                 note=value)]))
    ws.checker = ws.reviewer = ws.notes = value
    return ws


def _set_offsets(start: Any, end: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["claims"][0]["anchor"].update(start=start, end=end)


def hostile_worksheets() -> list[Case]:
    """At least 60 hostile worksheets: every finding of issue 11 and its neighbours."""
    good = json.dumps(good_document(), indent=2).encode()
    cases = [Case(name, (lambda d: lambda folder: _write(folder, d))(data), words)
             for name, (data, words) in bad_files().items()]
    cases += [
        # not a file at all
        Case("named pipe", _fifo, "it is a named pipe, not a file"),
        Case("socket", _socket, "it is a socket, not a file"),
        Case("folder", _folder, "it is a folder, not a file"),
        _link_case("link to /dev/zero", "/dev/zero", "it is a device, not a file"),
        _link_case("link to /dev/urandom", "/dev/urandom", "it is a device, not a file"),
        _link_case("link to /dev/null", "/dev/null", "it is a device, not a file"),
        _link_case("dangling link", "/nonexistent/w.claimsheet", "does not exist"),
        Case("link loop", lambda f: _loop(f), "a loop"),
        Case("100 MB sparse file", _huge, "a worksheet is at most 64 MB"),
        # not a worksheet
        _bytes_case("plain text", b"Seven drones were shot down.\n", "it is a text file"),
        _bytes_case("html page", b"<!doctype html><html><body><p>Hi</p></body></html>",
                    "HTML or XML document"),
        _bytes_case("xml", b'<?xml version="1.0"?><worksheet/>', "HTML or XML document"),
        _bytes_case("utf-16 worksheet", good.decode().encode("utf-16"), "binary"),
        _bytes_case("gzipped worksheet", __import__("gzip").compress(good), "gzip"),
        _bytes_case("zip archive", b"PK\x03\x04" + bytes(100), "ZIP archive"),
        _bytes_case("png", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        _bytes_case("only a brace", b"{", "cut off"),
        _bytes_case("trailing garbage", good + b"\nrm -rf /", "something follows the end"),
        _bytes_case("cut inside a string", good[: good.index(b"Seven") + 3], "cut off"),
        # numbers a hostile file can hold
        _doc_case("4,000-digit version", lambda d: d.update(version=int("9" * 4000)),
                  "format version 999999999999\u2026 (4,000 digits)"),
        _bytes_case("5,000-digit number", good.replace(b'"version": 2', b'"version": 2, "x": '
                                                       + b"7" * 5000), "thousands of digits"),
        _bytes_case("NaN", good.replace(b'"worthiness": 0.0', b'"worthiness": NaN', 1),
                    "NaN"),
        _bytes_case("Infinity", good.replace(b'"worthiness": 0.0', b'"worthiness": Infinity',
                                             1), "Infinity"),
        _doc_case("version zero", lambda d: d.update(version=0), "not a valid version"),
        _doc_case("negative version", lambda d: d.update(version=-5), "not a valid version"),
        _doc_case("version 1.0", lambda d: d.update(version=1.0), "no valid format version"),
        _doc_case("version true", lambda d: d.update(version=True), "no valid format version"),
        _doc_case("offsets 0.0 and 31.0", _set_offsets(0.0, 31.0), None),
        _doc_case("offsets 0.5", _set_offsets(0.5, 31), "whole number"),
        _doc_case("offsets as text", _set_offsets("0", "31"), "whole number"),
        _doc_case("offsets true", _set_offsets(True, 31), "whole number"),
        _doc_case("negative offsets", _set_offsets(-5, 3), "out of range"),
        _doc_case("start after end", _set_offsets(20, 3), "points outside the article"),
        _doc_case("offsets of 10**30", _set_offsets(10**30, 10**30 + 1), "points outside"),
        _doc_case("checkable outside", lambda d: d["claims"][0].update(checkables=[
            {"id": "k", "type": "count", "start": 0, "end": 99_999, "text": "Seven"}]),
            "checkable 1 of claim 1 points outside"),
        _doc_case("checkable moved far", lambda d: d["claims"][0].update(checkables=[
            {"id": "k", "type": "count", "start": 40, "end": 45, "text": "Seven"}]), None),
        _doc_case("claims not a list", lambda d: d.update(claims={"a": 1}), "should be a list"),
        _doc_case("unknown status", lambda d: d["claims"][0].update(status="done!"),
                  "is not a known status"),
        _bytes_case("deeply nested field", good.replace(b'"notes": ""', b'"notes": '
                                                        + b"[" * 100_000 + b"]" * 100_000),
                    "nested too deeply"),
        # sizes Claimsheet refuses up front
        _bytes_case("1,000,000 claims", lambda: _many("claims", 1_000_000, "{}"),
                    "it has 1,000,000 claims; Claimsheet opens worksheets of up to 50,000"),
        _bytes_case("30,000 sources", lambda: _many("sources", 30_000, "{}"),
                    "it has 30,000 sources"),
        _bytes_case("300,000 checkables", lambda: _many(
            "claims", 3, '{"checkables": [' + ",".join(["{}"] * 100_000) + "]}"),
            "it has 300,000 checkables"),
        # re-anchoring storms in a 1 MB article
        _bytes_case("quote found a million times", lambda: _reanchor_storm(
            "a", "b" * 32, "c" * 32), "gave up looking"),
        _bytes_case("prefix found everywhere", lambda: _reanchor_storm(
            "zzzzzzzzzz", "ab" * 4, "b" * 8), "claim 1's quote is not in the article"),
        _bytes_case("200 drifted quotes", _drifted, None),
        # text Claimsheet must carry through validate, save and every export
        _doc_case("lone surrogates", lambda d: d["claims"][0].update(
            rationale="bad \ud800 here", tags=["\udcff"]), None),
        _doc_case("lone surrogate in the article", lambda d: d["article"].update(
            text="\ud800" + ARTICLE[1:]), "claim 1's quote is not in the article"),
        _doc_case("control and bidi characters", lambda d: d.update(
            checker="\x1b[31mred\x1b[0m \u202eevil\u202c", notes="a\x00b\x07c"), None),
        _doc_case("markup injection", lambda d: d["claims"][0].update(
            rationale='<img src="/etc/passwd"/><a href="javascript:alert(1)">x</a>]]>'), None),
        _doc_case("id with a newline, twice", lambda d: [c.update(id="a\nb\u202e" + "x" * 40)
                                                         for c in d["claims"]],
                  "two claims share the id 'a\\nb\\u202exxx"),
        _bytes_case("10,000-character token everywhere",
                    lambda: _worksheet_bytes(_every_field("x" * 10_000)), None),
        _bytes_case("10,000-character URL everywhere", lambda: _worksheet_bytes(
            _every_field("https://example.org/" + "a" * 10_000)), None),
        _doc_case("400 kB rationale", lambda d: d["claims"][0].update(
            rationale="word " * 80_000), None),
        _doc_case("5 MB note", lambda d: d.update(notes="note text " * 500_000), None),
        _doc_case("500 kB article on one line", lambda d: d["article"].update(
            text=_long_article(7_000)), None),
        _doc_case("empty article, empty claim", lambda d: (d["article"].update(text=""),
                                                            d.update(claims=[{
                                                                "id": "c", "anchor": {
                                                                    "start": 0, "end": 0,
                                                                    "exact": ""}}])), None),
        _doc_case("unsafe links", lambda d: d["sources"][0].update(
            url="javascript:alert(1)", archive_url="file:///etc/passwd"), None),
        # names that must be shown safely
        _doc_case("newline in the name", lambda d: None, None, file_name="a\nb.claimsheet"),
        _doc_case("right-to-left override in the name", lambda d: None, None,
                  file_name="evil\u202egnp.claimsheet"),
        _doc_case("250-character name", lambda d: None, None,
                  file_name="n" * 240 + ".claimsheet"),
    ]
    return cases


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "w.claimsheet"
    path.write_bytes(data)
    return path


def _loop(folder: Path) -> Path:
    path = folder / "w.claimsheet"
    path.symlink_to(path)
    return path
