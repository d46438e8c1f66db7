"""A Markdown report: the worksheet as a readable, diffable text file.

Every document string is escaped so that Markdown punctuation or raw HTML in an
article (``<script>``, ``[link](javascript:…)``, ``**``) shows literally when
the file is rendered; only http(s) URLs become links.
"""

from __future__ import annotations

import re

from app.document.evidence import KINDS, size_text
from app.document.labels import CAPTURE_LABELS, evidence_time
from app.document.model import Evidence, Worksheet
from app.reports.markup import safe_url
from app.reports.summary import (
    SOURCING_LABELS,
    STANCE_LABELS,
    Summary,
    checkable_value,
    kind_label,
    summarize,
    verdict_label,
)

# CommonMark lets any ASCII punctuation be backslash-escaped. These can start or
# change markup anywhere in a line; the rest ("#", "-", "1.") only at a line's
# start, which :func:`_line_start` handles, so dates and "S-300" stay readable.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_ORDERED = re.compile(r"^(\d+)([.)])")


def md(text: str) -> str:
    """``text`` escaped for Markdown, on one line."""
    return _INLINE.sub(r"\\\1", " ".join(text.split()))


def _line_start(line: str) -> str:
    """Escape what would make a line a heading, list item, quote or rule."""
    if line[:1] in ("#", "-", "+", "=", ">"):
        return "\\" + line
    return _ORDERED.sub(r"\1\\\2", line)


def md_block(text: str) -> str:
    """``text`` escaped, keeping paragraphs and line breaks (hard breaks)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n\n".join("  \n".join(_line_start(md(line)) for line in p.splitlines()
                                    if line.strip())
                       for p in paragraphs)


def md_link(url: str, label: str | None = None) -> str:
    target = safe_url(url)
    shown = md(label if label is not None else url)
    if target is None:
        return shown
    return f"[{shown}](<{target.replace('<', '%3C').replace('>', '%3E')}>)"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in md_block(text).splitlines()) or "> "


def _evidence(worksheet: Worksheet, summary: Summary, labels: dict[str, str]) -> list[str]:
    """The evidence kept in the worksheet, by hash (the files stay in the worksheet)."""
    sources = {s.id: s for s in worksheet.sources}
    out = ["## Evidence", "",
           f"{len(worksheet.evidence)} files kept inside the worksheet, identified by their "
           "SHA-256 hash (`claimsheet evidence extract` takes a copy out).", ""]
    for item in worksheet.evidence:
        out += [f"### {labels[item.sha256]}. {md(item.name)}", "",
                f"- **SHA-256:** `{item.sha256}`",
                f"- **Type:** {md(KINDS[item.media_type].label)} · {md(item.media_type.value)}",
                f"- **Size:** {size_text(item.size)}",
                f"- **Captured:** {md(evidence_time(item.captured))} "
                f"({md(CAPTURE_LABELS[item.capture].lower())})"]
        if item.url:
            out.append(f"- **Found at:** {md_link(item.url)}")
        cited = [sources[s] for s in item.sources if s in sources]
        if cited:
            out.append("- **Cited by:** " + ", ".join(
                f"{summary.source_label(s)} {md(s.title or s.url or '(untitled source)')}"
                for s in cited))
        out.append("")
    return out


def markdown_report(worksheet: Worksheet) -> str:
    summary = summarize(worksheet)
    a = worksheet.article
    out: list[str] = [f"# Fact-check worksheet: {md(worksheet.title)}", ""]
    fields = [
        ("Outlet", md(a.outlet)), ("Author", md(a.author)),
        ("URL", md_link(a.url) if a.url else ""), ("Published", md(a.published)),
        ("Checker", md(worksheet.checker)), ("Reviewer", md(worksheet.reviewer)),
        ("Worksheet id", md(worksheet.id)), ("Created", md(worksheet.created)),
        ("Modified", md(worksheet.modified)),
    ]
    out += [f"- **{name}:** {value}" for name, value in fields if value]
    out += ["", "## Summary", ""]
    out.append(f"{summary.total} claims · {summary.done} checked or reviewed · "
               f"{summary.anonymous} with anonymous sourcing · {summary.hedged} hedged · "
               f"{len(worksheet.sources)} sources · {summary.checkables_ticked} of "
               f"{summary.checkables} checkables ticked")
    out += ["", "| Verdict | Claims |", "| --- | ---: |"]
    out += [f"| {md(verdict_label(v))} | {n} |" for v, n in summary.verdicts]
    out += ["", "| Status | Claims |", "| --- | ---: |"]
    out += [f"| {md(s.label)} | {n} |" for s, n in summary.statuses]
    if worksheet.notes.strip():
        out += ["", "### Notes", "", md_block(worksheet.notes)]

    out += ["", "## Claims", ""]
    if not worksheet.claims:
        out.append("_No claims yet._")
    for number, claim in worksheet.numbered_claims():
        out += [f"### Claim {number}: {md(verdict_label(claim.verdict))}", "",
                _quote(claim.quote), ""]
        sourcing = SOURCING_LABELS[claim.sourcing]
        if claim.source_name:
            sourcing += f": {claim.source_name}"
        hedge = "yes" + (f" ({', '.join(claim.hedges)})" if claim.hedges else "") \
            if claim.hedged else "no"
        out.append(f"- **Status:** {md(claim.status.label)}")
        out.append(f"- **Sourcing:** {md(sourcing)}")
        out.append(f"- **Hedged:** {md(hedge)}")
        if claim.tags:
            out.append(f"- **Tags:** {md(', '.join(claim.tags))}")
        if claim.checkables:
            out += ["", "Checkables:", ""]
            for k in claim.checkables:
                value = checkable_value(k.attributes, k.value)
                line = f"- [{'x' if k.checked else ' '}] {k.type.value}: {md(k.text)}"
                if value:
                    line += f" → {md(value)}"
                out.append(line)
        if claim.rationale.strip():
            out += ["", "**Rationale.** " + md_block(claim.rationale)]
        cited = worksheet.sources_of(claim)
        if cited:
            out += ["", "Sources:", ""]
            for source, stance in cited:
                label = summary.source_label(source)
                title = source.title or source.url or "(untitled source)"
                out.append(f"- {label} {md_link(source.url, title) if source.url else md(title)}"
                           f" ({STANCE_LABELS[stance].lower()})")
        out.append("")

    labels = {e.sha256: f"E{n}" for n, e in enumerate(worksheet.evidence, start=1)}
    evidence_of: dict[str, list[Evidence]] = {}
    for item in worksheet.evidence:
        for source_id in item.sources:
            evidence_of.setdefault(source_id, []).append(item)
    if worksheet.sources:
        out += ["## Sources", ""]
        for source in worksheet.sources:
            label = summary.source_label(source)
            title = source.title or source.url or "(untitled source)"
            out += [f"### {label}. {md(title)}", ""]
            details = [("Kind", md(kind_label(source))), ("Publisher", md(source.publisher)),
                       ("Author", md(source.author)), ("Published", md(source.published)),
                       ("Accessed", md(source.accessed)),
                       ("URL", md_link(source.url) if source.url else ""),
                       ("Archived", md_link(source.archive_url) if source.archive_url else "")]
            out += [f"- **{name}:** {value}" for name, value in details if value]
            cited_by = summary.cited_by.get(source.id, [])
            if cited_by:
                out.append("- **Cited by:** " + ", ".join(
                    f"claim {n} ({STANCE_LABELS[s].lower()})" for n, s in cited_by))
            kept = evidence_of.get(source.id, [])
            if kept:
                out.append("- **Evidence:** " + ", ".join(
                    f"{labels[e.sha256]} `{e.sha256[:12]}…`" for e in kept))
            if source.excerpt.strip():
                out += ["", _quote(source.excerpt)]
            if source.notes.strip():
                out += ["", md_block(source.notes)]
            out.append("")
    if worksheet.evidence:
        out += _evidence(worksheet, summary, labels)
    out += ["## Sign-off", "",
            f"- Checked by: {md(worksheet.checker) or '________'} · signature ________ · "
            "date ________",
            f"- Reviewed by: {md(worksheet.reviewer) or '________'} · signature ________ · "
            "date ________", ""]
    return "\n".join(out)
