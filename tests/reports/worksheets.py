"""Worksheets for the report tests, built in code from the model classes.

``seed_worksheet`` is a realistic, filled-in worksheet over the first seed
article (copied to tests/data/reports/): claims with checkables, verdicts,
rationales and sources. The sources are illustrative (example.org URLs), not
real publications. Run this file to write its PDF for a visual check:

    .venv/bin/python -m tests.reports.worksheets OUT.pdf [--blank] [--paper letter]
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.document.anchors import make_anchor
from app.document.model import (
    Article,
    Checkable,
    CheckableType,
    Citation,
    Claim,
    Source,
    SourceKind,
    Sourcing,
    Stance,
    Status,
    Verdict,
    Worksheet,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "reports"
SEED_ARTICLE = DATA / "seed_article.txt"


def _claim(text: str, quote: str, **fields: object) -> Claim:
    start = text.index(quote)
    return Claim(anchor=make_anchor(text, start, start + len(quote)), **fields)  # type: ignore[arg-type]


def _checkable(text: str, claim: Claim, kind: CheckableType, span: str,
               value: str | None = None, checked: bool = False, **attributes: str) -> None:
    start = text.index(span, claim.start)
    claim.checkables.append(Checkable(type=kind, start=start, end=start + len(span), text=span,
                                      value=value, attributes=dict(attributes), checked=checked))


def seed_worksheet() -> Worksheet:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    article = Article(
        text=text,
        title="Russia says air defences downed seven Ukrainian drones over Belgorod",
        outlet="Example Daily (sample outlet)",
        author="Staff reporter",
        url="https://example.org/news/2023/10/20/belgorod-drones",
        published="2023-10-20",
        imported_from="seeds/000_6448b12ea3d2d7a9.txt",
        import_format="txt",
    )
    sources = [
        Source(title="Press service statement on air defence activity, 19 October",
               url="https://example.org/mod/press/2023-10-19",
               publisher="Ministry of Defence of the Russian Federation (sample)",
               published="2023-10-19", accessed="2023-10-21",
               archive_url="https://web.archive.example/20231021/mod/press/2023-10-19",
               kind=SourceKind.OFFICIAL_STATEMENT,
               excerpt="Air defence systems on duty destroyed seven Ukrainian unmanned aerial "
                       "vehicles over the territory of the Belgorod Region.",
               notes="The statement does not name the air defence systems used."),
        Source(title="Regional governor's channel: no damage reported overnight",
               url="https://example.org/belgorod-governor/posts/4410",
               publisher="Belgorod regional administration (sample)",
               published="2023-10-19", accessed="2023-10-21",
               kind=SourceKind.OFFICIAL_STATEMENT),
        Source(title="Administrative divisions of Russia and Ukraine (boundary dataset)",
               url="https://example.org/data/admin-boundaries?country=RU&level=1",
               publisher="Example Geodata", accessed="2023-10-21",
               kind=SourceKind.DATASET,
               excerpt="Belgorod Oblast borders Kharkiv Oblast and Luhansk Oblast of Ukraine."),
        Source(title="Bayraktar TB2: specifications and known operators",
               url="https://example.org/analysis/bayraktar-tb2",
               publisher="Example Defence Review", author="R. Lindqvist",
               published="2023-03-02", accessed="2023-10-21",
               kind=SourceKind.EXPERT,
               excerpt="The TB2 is a medium-altitude long-endurance armed drone; there is no "
                       "separate reconnaissance variant in service."),
        Source(title="Timeline: the Russian invasion of Ukraine",
               url="https://example.org/explainers/war-timeline",
               publisher="Example Wire", published="2023-09-30", accessed="2023-10-21",
               kind=SourceKind.NEWS_REPORT),
    ]
    s_mod, s_gov, s_geo, s_tb2, s_timeline = sources

    c1 = _claim(text, "The Russian Ministry of Defense confirmed on October 19th that its air "
                "defense forces had shot down seven Ukrainian unmanned aerial vehicles over the "
                "Belgorod Region.",
                worthiness=0.94, sourcing=Sourcing.NAMED, source_name="Russian Ministry of Defense",
                verdict=Verdict.MOSTLY_TRUE, status=Status.REVIEWED,
                rationale="The ministry's statement of 19 October does report seven UAVs destroyed "
                          "over the Belgorod Region. The number comes from one party to the "
                          "conflict only; the regional administration reported no damage but "
                          "did not confirm the count.",
                citations=[Citation(s_mod.id, Stance.SUPPORTS), Citation(s_gov.id, Stance.CONTEXT)])
    _checkable(text, c1, CheckableType.ACTOR, "Russian Ministry of Defense",
               "Ministry of Defence of the Russian Federation", checked=True)
    _checkable(text, c1, CheckableType.DATE, "October 19th", "2023-10-19", checked=True,
               relative="resolved against the article date")
    _checkable(text, c1, CheckableType.COUNT, "seven Ukrainian unmanned aerial vehicles", "7",
               checked=True, noun="unmanned aerial vehicles")
    _checkable(text, c1, CheckableType.LOCATION, "Belgorod Region", "Belgorod Oblast",
               checked=True, country="Russia")

    c2 = _claim(text, "insiders suggest the incident occurred during a coordinated Ukrainian "
                "operation aimed at disrupting Russian military logistics and surveillance in the "
                "region.",
                worthiness=0.61, sourcing=Sourcing.UNNAMED, source_name="insiders", hedged=True,
                hedges=["suggest"], verdict=Verdict.UNVERIFIABLE, status=Status.CHECKED,
                rationale="Attributed only to unnamed insiders; no statement, document or "
                          "imagery describes the aim of the operation.")
    _checkable(text, c2, CheckableType.ACTOR, "insiders")

    c3 = _claim(text, "sources close to the Russian defense establishment speculate they may have "
                "included reconnaissance variants of the Bayraktar TB2, a system previously used "
                "in strikes against Russian forces in Crimea and southern Ukraine.",
                worthiness=0.78, sourcing=Sourcing.UNNAMED,
                source_name="sources close to the Russian defense establishment", hedged=True,
                hedges=["speculate", "may"], verdict=Verdict.MOSTLY_FALSE, status=Status.CHECKED,
                rationale="The TB2 has no separate reconnaissance variant, and the ministry's "
                          "statement does not identify the drone type. The claim rests on "
                          "speculation by unnamed sources.",
                citations=[Citation(s_tb2.id, Stance.REFUTES), Citation(s_mod.id, Stance.CONTEXT)])
    _checkable(text, c3, CheckableType.SYSTEM, "Bayraktar TB2", "Bayraktar TB2", checked=True)
    _checkable(text, c3, CheckableType.LOCATION, "Crimea", "Crimea", country="Ukraine")

    c4 = _claim(text, "The Belgorod Region, situated just across the border from Ukraine’s Kharkiv "
                "Oblast, has become a focal point of recent cross-border incursions.",
                worthiness=0.55, verdict=Verdict.TRUE, status=Status.REVIEWED,
                rationale="Belgorod Oblast borders Kharkiv Oblast; the boundary dataset confirms "
                          "the geography.",
                citations=[Citation(s_geo.id, Stance.SUPPORTS)])
    _checkable(text, c4, CheckableType.LOCATION, "Belgorod Region", "Belgorod Oblast",
               checked=True, country="Russia")
    _checkable(text, c4, CheckableType.LOCATION, "Kharkiv Oblast", "Kharkiv Oblast",
               checked=True, country="Ukraine")

    c5 = _claim(text, "The Russian defense ministry’s press release emphasized that the "
                "interception was conducted using a combination of S-300 and Pantsir-S1 air "
                "defense systems, a detail that suggests a deliberate effort to showcase the "
                "effectiveness of their air defense network.",
                worthiness=0.88, sourcing=Sourcing.NAMED,
                source_name="Russian defense ministry press release",
                verdict=Verdict.HALF_TRUE, status=Status.CHECKED,
                rationale="There was a press release about the interception, but it speaks of "
                          "\u201cair defence systems on duty\u201d and names neither S-300 nor "
                          "Pantsir-S1.",
                citations=[Citation(s_mod.id, Stance.REFUTES)])
    _checkable(text, c5, CheckableType.SYSTEM, "S-300", "S-300", checked=True)
    _checkable(text, c5, CheckableType.SYSTEM, "Pantsir-S1", "Pantsir-S1", checked=True)

    c6 = _claim(text, "A source within the Ukrainian General Staff, speaking on condition of "
                "anonymity, stated that the attack was timed to coincide with a temporary "
                "reduction in Russian air superiority over eastern Ukraine.",
                worthiness=0.72, sourcing=Sourcing.UNNAMED,
                source_name="a source within the Ukrainian General Staff",
                verdict=None, status=Status.IN_PROGRESS,
                rationale="Asked the General Staff press office for comment on 21 October; no "
                          "reply yet.")
    _checkable(text, c6, CheckableType.ACTOR, "Ukrainian General Staff")
    _checkable(text, c6, CheckableType.LOCATION, "eastern Ukraine", "eastern Ukraine",
               country="Ukraine")

    c7 = _claim(text, "the Russian General Staff is considering a proposal to deploy more advanced "
                "air defense systems, including the S-500, along the entire western border.",
                worthiness=0.69, sourcing=Sourcing.UNNAMED,
                source_name="internal documents obtained by journalists", status=Status.TODO)
    _checkable(text, c7, CheckableType.ACTOR, "Russian General Staff")
    _checkable(text, c7, CheckableType.SYSTEM, "S-500", "S-500")

    c8 = _claim(text, "As the conflict enters its third year, such incidents underscore the "
                "growing role of drones in modern warfare.",
                worthiness=0.47, verdict=Verdict.MOSTLY_FALSE, status=Status.CHECKED,
                rationale="In October 2023 the full-scale invasion (24 February 2022) was in its "
                          "second year; counted from 2014 the conflict was in its tenth. "
                          "\u201cThird year\u201d fits neither reading.",
                citations=[Citation(s_timeline.id, Stance.REFUTES)])
    _checkable(text, c8, CheckableType.DATE, "third year", "2024", relative="conflict year")

    ws = Worksheet(article=article, claims=[c1, c2, c3, c4, c5, c6, c7, c8], sources=sources,
                   checker="Ana Petrova", reviewer="Joseph Okafor",
                   notes="Sample worksheet for the report layout. Sources are illustrative.",
                   created="2023-10-21T08:12:40+00:00", modified="2023-10-22T16:03:11+00:00",
                   id="6f0c1a52-1b7e-4f55-9d2e-5c3a9b8e7d10")
    ws.sort_claims()
    return ws


def with_evidence(ws: Worksheet) -> Worksheet:
    """The seed worksheet's first source with a PDF, a saved page and a screenshot."""
    import io

    from PIL import Image, ImageDraw

    from app.document.evidence import attach, capture_bytes
    from app.document.model import Capture
    from tests.document.badcontainers import PAGE, PDF

    picture = Image.new("RGB", (1000, 620), (244, 244, 244))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 1000, 90), fill=(31, 63, 122))
    draw.text((40, 35), "Ministry of Defence - press service", fill=(255, 255, 255))
    for n, line in enumerate(("19 October", "Air defence systems on duty destroyed seven",
                              "Ukrainian unmanned aerial vehicles over the",
                              "territory of the Belgorod Region.")):
        draw.text((40, 160 + 46 * n), line, fill=(32, 32, 32))
    png = io.BytesIO()
    picture.save(png, "PNG")
    captured = [capture_bytes(ws, PDF, "MoD daily report 19 October.pdf", Capture.FILE).record,
                capture_bytes(ws, PAGE, "statement.html", Capture.PAGE).record,
                capture_bytes(ws, png.getvalue(), "screenshot 2026-11-20 10.04.12.png",
                              Capture.SCREENSHOT).record]
    attach(ws, captured, ws.sources[0].id)
    return ws


def main(argv: list[str]) -> int:
    """``python -m tests.reports.worksheets [OUT.pdf] [--blank] [letter] [--evidence]``."""
    from app.reports.pdf import write_pdf

    out = next((a for a in argv if a.endswith(".pdf")), "seed-worksheet.pdf")
    paper = "letter" if "letter" in argv else "a4"
    ws = with_evidence(seed_worksheet()) if "--evidence" in argv else seed_worksheet()
    pages = write_pdf(ws, out, blank="--blank" in argv, paper=paper)
    print(f"wrote {out}: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
