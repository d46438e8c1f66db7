"""The helper process's streaming: long articles go out in pieces, offsets in the article."""

from __future__ import annotations

from app.document.anchors import make_anchor
from app.document.model import Article, Checkable, CheckableType, Claim
from app.services import extraction


def test_short_articles_are_one_piece_long_ones_are_cut_at_breaks() -> None:
    short = "One paragraph.\n" * 100
    assert extraction.pieces(short) == [(0, short)]
    long = ("A sentence about 12 drones over Belgorod on Monday.\n" * 400)
    cuts = extraction.pieces(long)
    assert len(cuts) > 5
    assert "".join(piece for _, piece in cuts) == long
    assert all(piece.endswith("\n") for _, piece in cuts[:-1])
    assert all(len(piece) <= extraction.PIECE_CHARS for _, piece in cuts)


def test_each_piece_is_sent_with_offsets_in_the_whole_article(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import app.extract as extract_pkg

    line = "Officials said 12 drones fell on Monday.\n"
    text = line * 500

    def fake_extract_many(texts, **_):  # type: ignore[no-untyped-def]
        for piece in texts:  # one claim per piece, on its first line, with one checkable
            end = piece.index("\n")
            k = Checkable(CheckableType.COUNT, piece.index("12"), piece.index("12") + 2, "12")
            yield [Claim(anchor=make_anchor(piece, 0, end), checkables=[k])]

    monkeypatch.setattr(extract_pkg, "extract_many", fake_extract_many)
    batches: list[tuple[list[Claim], int, int]] = []
    extraction.extract_in_pieces(Article(text=text), lambda c, d, t: batches.append((c, d, t)),
                                 lambda: False)
    assert len(batches) == len(extraction.pieces(text)) > 1
    assert [d for _, d, _ in batches][-1] == len(text)
    assert all(t == len(text) for _, _, t in batches)
    for claims, _, _ in batches:
        [claim] = claims
        assert claim.anchor.matches(text) and text[claim.start:claim.end] == line.strip()
        [k] = claim.checkables
        assert text[k.start:k.end] == "12"


def test_the_spawn_command_runs_this_module() -> None:
    assert extraction.helper_command()[-2:] == ["-m", "app.services.extraction"]
