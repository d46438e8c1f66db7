"""`claimsheet new`: article in, worksheet out, run as a real process."""

import subprocess
import sys
from pathlib import Path

import pytest

from app.document.fileformat import load_worksheet


def claimsheet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          timeout=180)


def test_new_from_the_seed_extracts_claims(tmp_path: Path, seed_path: Path,
                                           seed_text: str) -> None:
    out = tmp_path / "seed.claimsheet"
    result = claimsheet("new", str(seed_path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    ws = load_worksheet(out)
    assert ws.article.text == seed_text.rstrip("\n")
    assert ws.article.imported_from == seed_path.name
    assert len(ws.claims) >= 10
    assert any(k.type == "system" for c in ws.claims for k in c.checkables)
    for claim in ws.claims:
        assert ws.article.text[claim.start:claim.end] == claim.quote
    assert claimsheet("validate", str(out)).stdout.strip() == "ok"


def test_new_from_html_keeps_metadata(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><title>Drones downed over border</title>"
        "<meta name='author' content='Jane Reporter'>"
        "<meta property='article:published_time' content='2023-10-20T08:00:00Z'>"
        "</head><body><nav>Home | World</nav><article><h1>Drones downed over border</h1>"
        "<p>The ministry said on Thursday that air defences shot down seven drones over the "
        "region, the third such attack this month.</p><p>Officials said nobody was hurt and "
        "that the debris fell on empty fields near the village of Nekhoteevka.</p>"
        "</article></body></html>", encoding="utf-8")
    out = tmp_path / "story.claimsheet"
    result = claimsheet("new", str(page), "-o", str(out), "--no-extract")
    assert result.returncode == 0, result.stderr
    ws = load_worksheet(out)
    assert ws.claims == []
    assert ws.article.import_format == "html"
    assert ws.article.title == "Drones downed over border"
    assert "seven drones" in ws.article.text
    assert "Home | World" not in ws.article.text


@pytest.mark.parametrize(
    ("setup", "output", "words"),
    [
        ("existing", "out.claimsheet", "already exists; use --force"),
        ("seed", "out.json", "should end in .claimsheet"),
        ("binary", "out.claimsheet", "Cannot import"),
        ("missing", "out.claimsheet", "Cannot import"),
        ("seed", "no-such-folder/out.claimsheet", "does not exist"),
    ],
)
def test_new_refuses_with_one_line(tmp_path: Path, seed_path: Path, setup: str, output: str,
                                   words: str) -> None:
    article = seed_path
    if setup == "existing":
        (tmp_path / output).write_text("keep me", encoding="utf-8")
    elif setup == "binary":
        article = tmp_path / "photo.txt"
        article.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    elif setup == "missing":
        article = tmp_path / "nowhere.txt"
    result = claimsheet("new", str(article), "-o", str(tmp_path / output), "--no-extract")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr
    if setup == "existing":
        assert (tmp_path / output).read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_is_shown_on_a_terminal_only(tmp_path: Path, seed_text: str) -> None:
    """A long import shows `reading the article N%` on a terminal and erases it; a pipe
    (scripts, logs) sees nothing but the result."""
    import os
    import pty

    from tests.importers.documents import write_pdf

    pdf = write_pdf(tmp_path / "long.pdf", seed_text * 6)
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "app", "new", str(pdf), "-o",
                               str(tmp_path / "a.claimsheet"), "--no-extract"],
                              stdout=subprocess.PIPE, stderr=follower, timeout=180)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert b"\rreading the article 100%" in shown
    quiet = claimsheet("new", str(pdf), "-o", str(tmp_path / "b.claimsheet"), "--no-extract")
    assert quiet.returncode == 0 and "reading the article" not in quiet.stderr
