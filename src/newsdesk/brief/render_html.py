"""Single-file HTML report. Every piece of article text is escaped
(:mod:`newsdesk.brief.escape`); no scripts, no external resources. Element ids are unique
per story (``<story>-a<n>`` for report ``n``), so a citation always jumps to a report of its
own story."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.brief.escape import anchor
from newsdesk.brief.escape import html_text as escape
from newsdesk.brief.render_markdown import SECTION_TITLES
from newsdesk.records import Article, BriefSentence, FactGroup, Section, StoryReport

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
sup a{text-decoration:none;font-size:.75rem}.note{color:#666;font-size:.85rem}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ddd;padding:.4rem;vertical-align:top}
.label{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;background:#eee}
.conflicting{background:#fde2e1}.corroborated{background:#dff5e1}.compatible{background:#e6f0ff}
details{margin:.5rem 0}pre{white-space:pre-wrap;background:#fafafa;padding:.5rem}
"""


def _report_id(story_id: str, n: int) -> str:
    return anchor(story_id, f"a{n}")


def _refs(s: BriefSentence, number: dict[str, int], story_id: str) -> str:
    return "".join(
        f'<sup><a href="#{_report_id(story_id, number[r.article_id])}">'
        f"[{number[r.article_id]}]</a></sup>"
        for r in s.sources
        if r.article_id in number
    )


def _label(g: FactGroup) -> str:
    n = g.independent_origins
    return (
        f'<span class="label {escape(str(g.label))}">{escape(str(g.label))}</span> '
        f'<span class="note">{n} independent origin{"s" if n > 1 else ""}</span>'
    )


def _differ(report: StoryReport, g: FactGroup, number: dict[str, int]) -> str:
    outlets = {a.id: a.outlet or a.id[:12] for a in report.articles}
    cells = "".join(
        f"<td><b>[{number.get(f.article_id, 0)}] {escape(outlets.get(f.article_id, ''))}</b>"
        f"<br><b>{escape(f.quantity.text)}</b><br>{escape(f.sentence)}</td>"
        for f in g.mentions
    )
    head = f"{escape(g.subject)} — {escape(g.predicate)} {_label(g)}"
    return f"<p>{head}</p><table><tr>{cells}</tr></table>"


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
    body: list[str] = []
    if section is Section.DIFFER:
        for gid in dict.fromkeys(s.group_id for s in items if s.group_id):
            body.append(_differ(report, groups[gid], number))
    else:
        lis = []
        for s in items:
            note = f" {_label(groups[s.group_id])}" if s.group_id in groups else ""
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
