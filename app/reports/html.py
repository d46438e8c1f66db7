"""The worksheet as simple HTML, for Qt's printing path and on-screen previews.

Qt Essentials has no PDF renderer, so the print dialog cannot send the
reportlab PDF to a physical printer. Printing lays out this HTML with
``QTextDocument`` instead: the same sections and numbers as the PDF, in the
subset of HTML and CSS that ``QTextDocument`` understands (tables, colours,
underline, superscript, ``page-break-before``). Every document string goes
through :func:`html.escape`; only http(s) URLs become links.
"""

from __future__ import annotations

from html import escape

from app.document.labels import VERDICT_STYLES
from app.document.model import Status, Verdict, Worksheet
from app.reports.articlemarks import (
    CHECKABLE_LETTER,
    CHECKABLE_NAME,
    Piece,
    article_lines,
)
from app.reports.markup import safe_url
from app.reports.summary import (
    SOURCING_LABELS,
    STANCE_LABELS,
    checkable_value,
    kind_label,
    summarize,
    verdict_label,
)

_STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #1a1a1a; }
h1 { font-size: 16pt; margin-bottom: 4pt; }
h2 { font-size: 13pt; margin-top: 10pt; }
h3 { font-size: 10.5pt; margin-top: 12pt; margin-bottom: 2pt; }
.kicker { color: #5a5a5a; font-size: 8pt; font-weight: bold; }
.label { color: #5a5a5a; font-size: 7.5pt; font-weight: bold; }
.quote { margin-left: 12pt; font-size: 10pt; }
.marker { background-color: #2b2b2b; color: #ffffff; font-weight: bold; font-size: 8pt; }
.claim { background-color: #e3e3e3; }
.letter { font-size: 6pt; font-weight: bold; vertical-align: super; }
td { padding: 2pt 4pt; vertical-align: top; }
.fields td { border-bottom: 1px solid #e0e0e0; }
.section { page-break-before: always; }
"""


_RULED = "<p>" + "_" * 90 + "</p>"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _link(url: str, label: str | None = None) -> str:
    shown = _e(label if label is not None else url)
    target = safe_url(url)
    return f'<a href="{_e(target)}">{shown}</a>' if target else shown


def _piece(piece: Piece) -> str:
    if piece.kind == "marker":
        return f'<span class="marker">&nbsp;{piece.number}&nbsp;</span>&nbsp;'
    if piece.kind == "shade_on":
        return '<span class="claim">'
    if piece.kind == "shade_off":
        return "</span>"
    if piece.kind == "letter":
        return f'<span class="letter">{_e(piece.text)}</span>'
    if piece.underline:
        return (f'<span style="text-decoration: underline; color: #1a1a1a">'
                f"{_e(piece.text)}</span>")
    return _e(piece.text)


def _verdict_cell(verdict: Verdict | None) -> str:
    if verdict is None:
        label = _e(verdict_label(None).upper())
        return f'<td style="border: 1px solid #5a5a5a"><b>{label}</b></td>'
    style = VERDICT_STYLES[verdict]
    return (f'<td style="background-color: {style.fill}; color: {style.ink}">'
            f"<b>&nbsp;{_e(verdict.label.upper())}&nbsp;</b></td>")


def worksheet_html(worksheet: Worksheet, *, blank: bool = False) -> str:
    summary = summarize(worksheet)
    a = worksheet.article
    out = [f"<html><head><style>{_STYLE}</style></head><body>"]
    kicker = "BLANK FACT-CHECK WORKSHEET" if blank else "FACT-CHECK WORKSHEET"
    out.append(f'<p class="kicker">{kicker}</p><h1>{_e(worksheet.title)}</h1>')
    fields = [("Outlet", _e(a.outlet)), ("Author", _e(a.author)),
              ("URL", _link(a.url) if a.url else ""), ("Published", _e(a.published)),
              ("Checker", _e(worksheet.checker)), ("Reviewer", _e(worksheet.reviewer)),
              ("Worksheet id", _e(worksheet.id)), ("Created", _e(worksheet.created)),
              ("Modified", _e(worksheet.modified))]
    out.append('<table class="fields" cellspacing="0" cellpadding="2" width="100%">')
    out += [f"<tr><td width='25%'><b>{name}</b></td><td>{value or '—'}</td></tr>"
            for name, value in fields]
    out.append("</table><h2>Summary</h2>")
    out.append(f"<p><b>{summary.total}</b> claims · <b>{summary.done}</b> checked or reviewed · "
               f"<b>{summary.anonymous}</b> with anonymous sourcing · <b>{summary.hedged}</b> "
               f"hedged · <b>{len(worksheet.sources)}</b> sources</p>")
    if not blank:
        out.append('<table cellspacing="0" border="1" cellpadding="3">'
                   "<tr><th>Verdict</th><th>Claims</th></tr>")
        out += [f"<tr><td>{_e(verdict_label(v))}</td><td align='right'>{n}</td></tr>"
                for v, n in summary.verdicts]
        out.append("</table><p>" + " · ".join(f"{_e(s.label)}: <b>{n}</b>"
                                              for s, n in summary.statuses) + "</p>")

    out.append('<h2 class="section">The article</h2>')
    legend = ", ".join(f"<u>{CHECKABLE_NAME[k]}</u><span class='letter'>{letter}</span>"
                       for k, letter in CHECKABLE_LETTER.items())
    out.append(f'<p class="label"><span class="marker">&nbsp;1&nbsp;</span> start of claim 1, '
               f"shaded · checkables underlined and tagged: {legend}</p>")
    for line in article_lines(worksheet):
        out.append("<p>" + "".join(_piece(p) for p in line) + "</p>")

    out.append('<h2 class="section">Claims</h2>')
    if not worksheet.claims:
        out.append("<p><i>This worksheet has no claims yet.</i></p>")
    for number, claim in worksheet.numbered_claims():
        out.append('<table cellspacing="0" cellpadding="4" width="100%" '
                   'style="background-color: #f0f0f0; margin-top: 14px"><tr>')
        out.append(f"<td width='20%'><b>Claim {number}</b></td>")
        if blank:
            boxes = " ".join(f"☐ {_e(s.label)}" for s in Status)
            out.append(f"<td>Status: {boxes}</td>")
        else:
            out.append(_verdict_cell(claim.verdict))
            out.append(f"<td>Status: <b>{_e(claim.status.label)}</b></td>")
        out.append("</tr></table>")
        out.append(f'<p class="quote">“{_e(claim.quote)}”</p>')
        sourcing = SOURCING_LABELS[claim.sourcing] + (f": {claim.source_name}"
                                                      if claim.source_name else "")
        hedged = "yes" + (f" ({', '.join(claim.hedges)})" if claim.hedges else "") \
            if claim.hedged else "no"
        out.append(f"<p><b>Sourcing</b> {_e(sourcing)} · <b>Hedged</b> {_e(hedged)}</p>")
        if claim.checkables:
            out.append('<p class="label">CHECKABLES</p><table cellspacing="0" cellpadding="2">')
            for k in claim.checkables:
                tick = "☑" if k.checked and not blank else "☐"
                value = checkable_value(k.attributes, k.value)
                out.append(f"<tr><td>{tick}</td><td>{CHECKABLE_LETTER[k.type]} · "
                           f"{CHECKABLE_NAME[k.type]}</td><td>{_e(k.text)}</td>"
                           f"<td>{'→ ' + _e(value) if value else ''}</td></tr>")
            out.append("</table>")
        if blank:
            out.append('<p class="label">VERDICT</p><p>'
                       + " &nbsp; ".join(f"☐ {_e(v.label)}" for v in Verdict) + "</p>")
            out.append('<p class="label">RATIONALE</p>' + _RULED * 4)
            out.append('<p class="label">SOURCES</p>' + _RULED * 3)
            continue
        if claim.rationale.strip():
            body = "<br/>".join(_e(line) for line in claim.rationale.splitlines())
            out.append(f'<p class="label">RATIONALE</p><p>{body}</p>')
        cited = worksheet.sources_of(claim)
        if cited:
            out.append('<p class="label">SOURCES</p><table cellspacing="0" cellpadding="2">')
            for source, stance in cited:
                title = source.title or source.url or "(untitled source)"
                out.append(f"<tr><td><b>{summary.source_label(source)}</b></td>"
                           f"<td>{_e(title)}</td><td><b>{STANCE_LABELS[stance]}</b></td></tr>")
            out.append("</table>")

    if worksheet.sources and not blank:
        out.append('<h2 class="section">Sources</h2>')
        for source in worksheet.sources:
            title = source.title or source.url or "(untitled source)"
            out.append(f"<h3>{summary.source_label(source)} {_e(title)}</h3>")
            rows = [("Kind", _e(kind_label(source))), ("Publisher", _e(source.publisher)),
                    ("Author", _e(source.author)), ("Published", _e(source.published)),
                    ("Accessed", _e(source.accessed)),
                    ("URL", _link(source.url) if source.url else ""),
                    ("Archived", _link(source.archive_url) if source.archive_url else "")]
            cited_by = summary.cited_by.get(source.id, [])
            if cited_by:
                rows.append(("Cited by", ", ".join(f"claim {n} ({STANCE_LABELS[s].lower()})"
                                                   for n, s in cited_by)))
            out.append('<table class="fields" cellspacing="0" cellpadding="2" width="100%">')
            out += [f"<tr><td width='20%'><b>{n}</b></td><td>{v}</td></tr>" for n, v in rows if v]
            out.append("</table>")
            if source.excerpt.strip():
                out.append(f'<p class="quote">“{_e(source.excerpt)}”</p>')

    out.append("<h2>Sign-off</h2><table cellpadding='8'>")
    for role, name in (("Checked by", worksheet.checker), ("Reviewed by", worksheet.reviewer)):
        out.append(f"<tr><td><b>{role}</b></td><td>{_e(name) or '&nbsp;' * 20}</td>"
                   f"<td>Signature {'_' * 28}</td><td>Date {'_' * 14}</td></tr>")
    out.append("</table></body></html>")
    return "\n".join(out)
