"""Single-file HTML report. Every piece of article text is escaped
(:mod:`newsdesk.brief.escape`); no scripts, no external resources. Claim groups show their
label, independent origins and who states them via which primary source; a conflicting
claim group shows its wordings side by side. Element ids are unique
per story (``<story>-a<n>`` for report ``n``), so a citation always jumps to a report of its
own story."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.brief._voices import (
    origins_note,
    report_names,
    voice_text,
    voices,
    voices_text,
)
from newsdesk.brief.escape import anchor
from newsdesk.brief.escape import html_text as escape
from newsdesk.brief.render_markdown import SECTION_TITLES, figure_kind, figure_value
from newsdesk.records import (
    Agreement,
    Article,
    BriefSentence,
    ClaimGroup,
    FactGroup,
    HeadlineFigure,
    Section,
    StoryReport,
)

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
sup a{text-decoration:none;font-size:.75rem}.note{color:#666;font-size:.85rem}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:.4rem;vertical-align:top}
.label{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;background:#eee}
.conflicting{background:#fde2e1}.corroborated{background:#dff5e1}.compatible{background:#e6f0ff}
.update{background:#fff3d6}.figure{font-size:1.1rem;font-weight:600}
details{margin:.5rem 0}pre{white-space:pre-wrap;background:#fafafa;padding:.5rem}
"""


def _report_id(story_id: str, n: int) -> str:
    return anchor(story_id, f"a{n}")


def _ref_links(ids: Sequence[str], number: dict[str, int], story_id: str) -> str:
    """Citation links ``[n]`` to this story's reports, each report once."""
    return "".join(
        f'<sup><a href="#{_report_id(story_id, number[i])}">[{number[i]}]</a></sup>'
        for i in dict.fromkeys(ids)
        if i in number
    )


def _refs(s: BriefSentence, number: dict[str, int], story_id: str) -> str:
    return _ref_links([r.article_id for r in s.sources], number, story_id)


def _label(g: FactGroup) -> str:
    n = g.independent_origins
    return (
        f'<span class="label {escape(str(g.label))}">{escape(str(g.label))}</span> '
        f'<span class="note">{n} independent origin{"s" if n > 1 else ""}</span>'
    )


def _claim_label(report: StoryReport, c: ClaimGroup) -> str:
    outlets = report_names(report.articles)
    origins = c.origins if c.label is not Agreement.SINGLE_SOURCE else []
    note = origins_note(c.independent_origins, origins, outlets)
    said = voices_text(voices(c, outlets))
    return (
        f'<span class="label {escape(str(c.label))}">{escape(str(c.label))}</span> '
        f'<span class="note">{escape(note)}; stated by {escape(said)}</span>'
    )


def _claim_differ(report: StoryReport, c: ClaimGroup, number: dict[str, int]) -> str:
    """A conflicting claim group side by side: one cell per report."""
    outlets = report_names(report.articles)
    said = {v.article_id: voice_text(v) for v in voices(c, outlets)}
    cells = "".join(
        f"<td><b>[{number.get(m.article_id, 0)}] {escape(said.get(m.article_id, ''))}</b>"
        f"<br>{escape(m.sentence)}</td>"
        for m in c.mentions
    )
    head = f"claim <code>{escape(c.id)}</code> {_claim_label(report, c)}"
    return f"<p>{head}</p><table><tr>{cells}</tr></table>"


def _differ(report: StoryReport, g: FactGroup, number: dict[str, int]) -> str:
    outlets = {a.id: a.outlet or a.id[:12] for a in report.articles}
    cells = "".join(
        f"<td><b>[{number.get(f.article_id, 0)}] {escape(outlets.get(f.article_id, ''))}</b>"
        f"<br><b>{escape(f.quantity.text)}</b><br>{escape(f.sentence)}</td>"
        for f in g.mentions
    )
    head = f"{escape(g.subject)} — {escape(g.predicate)} {_label(g)}"
    return f"<p>{head}</p><table><tr>{cells}</tr></table>"


def _updates(report: StoryReport, g: FactGroup, number: dict[str, int]) -> str:
    dates = {a.id: a.published or "" for a in report.articles}
    outlets = {a.id: a.outlet or a.id[:12] for a in report.articles}
    rows = "".join(
        f"<tr><td>{escape(dates.get(f.article_id, ''))}</td>"
        f"<td><b>[{number.get(f.article_id, 0)}] {escape(outlets.get(f.article_id, ''))}</b></td>"
        f"<td><b>{escape(f.quantity.text)}</b></td><td>{escape(f.sentence)}</td></tr>"
        for f in sorted(g.mentions, key=lambda f: dates.get(f.article_id, ""))
    )
    head = f"{escape(g.subject)} — {escape(g.predicate)} {_label(g)}"
    return (
        f"<p>{head}</p><table><tr><th>published</th><th>report</th><th>figure</th>"
        f"<th>wording</th></tr>{rows}</table>"
    )


def _figure(f: HeadlineFigure, number: dict[str, int], story_id: str) -> str:
    label = escape(str(f.label))
    history = "".join(
        f"<li>earlier: {escape(figure_value(s.value, s.bound))} "
        f"({escape(s.date or 'undated')}) "
        f"{_ref_links([r.article_id for r in s.sources], number, story_id)}</li>"
        for s in f.history
    )
    disputed = ""
    if f.label is Agreement.CONFLICTING:
        disputed = "".join(
            f"<li>disputed: {escape(figure_value(e.value, e.bound))} — {escape(e.sentence)} "
            f"{_ref_links([e.article_id], number, story_id)}</li>"
            for e in f.disputed
        )
    evidence = "".join(
        f"<li>“{escape(e.sentence)}” {_ref_links([e.article_id], number, story_id)}</li>"
        for e in f.evidence[:5]
    )
    return (
        f'<tr><td>{escape(f.measure)}</td><td class="figure">'
        f"{escape(figure_value(f.value, f.bound))}</td>"
        f'<td><span class="label {label}">{label}</span> '
        f'<span class="note">{escape(figure_kind(f))}</span></td>'
        f"<td>{escape(f.note)} {_ref_links([e.article_id for e in f.evidence], number, story_id)}"
        f"<ul>{history}{disputed}</ul>"
        f"<details><summary>evidence ({len(f.evidence)})</summary><ul>{evidence}</ul>"
        "</details></td></tr>"
    )


def _figures(report: StoryReport, number: dict[str, int]) -> str:
    if not report.figures:
        return ""
    rows = "".join(_figure(f, number, report.story.id) for f in report.figures)
    return (
        "<h2>Headline figures</h2><table><tr><th>measure</th><th>figure</th><th>label</th>"
        f"<th>from</th></tr>{rows}</table>"
    )


def _article(a: Article, n: int, number: dict[str, int], story_id: str) -> str:
    meta = " · ".join(
        escape(x)
        for x in (a.outlet or "unknown outlet", ", ".join(a.authors), a.published or "", a.source)
        if x
    )
    dup = ""
    if a.duplicate_of:
        dup = f' <span class="note">({escape(a.duplicate_kind or "near")} copy of '
        dup += f"[{number.get(a.duplicate_of, '?')}])</span>"
    removed = "".join(
        f"<li><code>{escape(r.reason)}</code> {escape(r.text)}</li>" for r in a.removed
    )
    return (
        f'<li id="{_report_id(story_id, n)}"><b>[{n}]</b> {escape(a.title or "(untitled)")}{dup}'
        f'<div class="note">{meta}</div>'
        f"<details><summary>cleaned text</summary><pre>{escape(a.text)}</pre></details>"
        f"<details><summary>removed debris ({len(a.removed)})</summary><ul>{removed}</ul>"
        "</details></li>"
    )


def _section(report: StoryReport, section: Section, number: dict[str, int]) -> str:
    items = [s for s in report.brief.sentences if s.section is section]
    if not items:
        return ""
    groups = {g.id: g for g in report.groups}
    claims = {c.id: c for c in report.claims}
    body: list[str] = []
    if section in (Section.DIFFER, Section.UPDATES):
        table = _differ if section is Section.DIFFER else _updates
        for gid in dict.fromkeys(s.group_id for s in items if s.group_id):
            if gid in groups:
                body.append(table(report, groups[gid], number))
            elif gid in claims:
                body.append(_claim_differ(report, claims[gid], number))
    else:
        lis = []
        for s in items:
            note = ""
            if s.group_id in groups:
                note = f" {_label(groups[s.group_id])}"
            elif s.group_id in claims:
                note = f" {_claim_label(report, claims[s.group_id])}"
            lis.append(f"<li>{escape(s.text)} {_refs(s, number, report.story.id)}{note}</li>")
        body.append(f"<ul>{''.join(lis)}</ul>")
    return f"<h2>{escape(SECTION_TITLES.get(section, 'Summary'))}</h2>{''.join(body)}"


def story_html_body(report: StoryReport) -> str:
    number = {a.id: i + 1 for i, a in enumerate(report.articles)}
    parts = [f"<h1>{escape(report.story.title or report.story.id)}</h1>"]
    parts.append(
        f'<p class="note">Story <code>{escape(report.story.id)}</code> · '
        f"{len(report.articles)} reports</p>"
    )
    parts.append(_figures(report, number))
    parts.append(_section(report, Section.SUMMARY, number))
    parts.extend(_section(report, s, number) for s in SECTION_TITLES)
    parts.append("<h2>Reports</h2><ol>")
    parts.extend(_article(a, number[a.id], number, report.story.id) for a in report.articles)
    parts.append("</ol>")
    return "\n".join(p for p in parts if p)


def report_html(reports: Sequence[StoryReport], title: str = "newsdesk briefs") -> str:
    """One self-contained HTML page holding every story."""
    stories = "\n<hr>\n".join(
        f'<article id="{anchor(r.story.id)}">{story_html_body(r)}</article>' for r in reports
    )
    toc = "".join(
        f'<li><a href="#{anchor(r.story.id)}">{escape(r.story.title or r.story.id)}</a></li>'
        for r in reports
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<nav><ol>{toc}</ol></nav>{stories}</body></html>\n"
    )
