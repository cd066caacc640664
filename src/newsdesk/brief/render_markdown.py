"""Markdown rendering of story reports, the story index and story lists.

A story renders as: title, headline figures (one line per event measure: the figure, its
label, the note saying where it comes from or how it changed, its sources, and earlier
figures), summary, the fact sections, and the reports. A sentence that reports a claim
group carries the group's label, its independent origins and who states it via which
primary source ("Fox News, citing Reuters"); a conflicting claim group is a table of its
wordings, one row per report.

Every piece of text that came from an input goes through :mod:`newsdesk.brief.escape`
(:func:`~newsdesk.brief.escape.md_text` for text, ``md_code`` for file names and ids,
``md_link`` for URLs), so no field can become markup, HTML or a link.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.brief._voices import (
    group_note,
    report_names,
    voice_text,
    voices,
    voices_text,
)
from newsdesk.brief.escape import anchor, md_code, md_relative_link, md_text
from newsdesk.records import (
    Agreement,
    Article,
    Bound,
    BriefSentence,
    ClaimGroup,
    FactGroup,
    HeadlineFigure,
    Section,
    StoryReport,
    StorySummary,
)

SECTION_TITLES = {
    Section.AGREE: "Where reports agree",
    Section.DIFFER: "Where they differ",
    Section.UPDATES: "How figures changed",
    Section.SINGLE: "Only in one report",
    Section.CITATIONS: "Who cites whom",
}

_BOUND_WORDS = {
    Bound.GE: "at least ",
    Bound.GT: "more than ",
    Bound.APPROX: "about ",
    Bound.LE: "at most ",
    Bound.LT: "fewer than ",
}


def figure_value(value: float, bound: Bound) -> str:
    """ "at least 6", "2": a figure with its bound in words."""
    return f"{_BOUND_WORDS.get(bound, '')}{value:g}"


def figure_kind(f: HeadlineFigure) -> str:
    """How the figure was reached, for the reader: written, derived or counted one by one."""
    if f.implicit:
        return "implicit: no number written" if f.value else "implicit: none stated"
    return "derived" if f.derived else "stated"


md_escape = md_text
"""The name earlier sections use; see :func:`newsdesk.brief.escape.md_text`."""


def _refs(s: BriefSentence, number: dict[str, int]) -> str:
    return "".join(f"[{number[r.article_id]}]" for r in s.sources if r.article_id in number)


def _article_line(a: Article, number: dict[str, int]) -> str:
    bits = [f"[{number[a.id]}] **{md_escape(a.outlet or 'unknown outlet')}**"]
    bits.append(f"“{md_escape(a.title or '(untitled)')}”")
    if a.authors:
        bits.append("by " + md_escape(", ".join(a.authors)))
    if a.published:
        bits.append(md_escape(a.published))
    bits.append(md_code(a.source))
    line = " — ".join(bits)
    if a.duplicate_of:
        orig = number.get(a.duplicate_of)
        target = f"[{orig}]" if orig else md_code(a.duplicate_of[:12])
        line += f" (*{md_escape(a.duplicate_kind or 'near')} copy of {target}*)"
    if a.removed:
        line += f" — {len(a.removed)} debris spans removed"
    return "- " + line


def _group_note(g: FactGroup) -> str:
    origins = (
        f"{g.independent_origins} independent origin{'s' if g.independent_origins > 1 else ''}"
    )
    return f"*{md_escape(str(g.label))}*, {origins}"


def _figure_refs(f: HeadlineFigure, number: dict[str, int]) -> str:
    ids = dict.fromkeys(e.article_id for e in f.evidence)
    return "".join(f"[{number[i]}]" for i in ids if i in number)


def _figure_lines(report: StoryReport, number: dict[str, int]) -> list[str]:
    """One line per headline figure, then its earlier figures and disputed statements."""
    out = ["## Headline figures", ""]
    for f in report.figures:
        value = md_escape(figure_value(f.value, f.bound))
        out.append(
            f"- **{md_escape(f.measure)}: {value}** (*{f.label}*; {figure_kind(f)}) — "
            f"{md_escape(f.note)} {_figure_refs(f, number)}".rstrip()
        )
        for step in f.history:
            refs = "".join(
                f"[{number[r.article_id]}]" for r in step.sources if r.article_id in number
            )
            out.append(
                f"  - earlier: {md_escape(figure_value(step.value, step.bound))} "
                f"({md_escape(step.date or 'undated')}) {refs}".rstrip()
            )
        if f.label is Agreement.CONFLICTING:
            for e in f.disputed:
                out.append(
                    f"  - disputed: {md_escape(figure_value(e.value, e.bound))} — "
                    f"“{md_escape(e.sentence)}” [{number.get(e.article_id, '?')}]"
                )
    out.append("")
    return out


def _updates_table(report: StoryReport, group: FactGroup, number: dict[str, int]) -> list[str]:
    dates = {a.id: a.published or "" for a in report.articles}
    outlets = {a.id: a.outlet or a.id[:12] for a in report.articles}
    out = [
        f"**{md_escape(group.subject)} — {md_escape(group.predicate)}** ({_group_note(group)})",
        "",
        "| published | report | figure | wording |",
        "|---|---|---|---|",
    ]
    for f in sorted(group.mentions, key=lambda f: dates.get(f.article_id, "")):
        who = f"[{number.get(f.article_id, '?')}] {md_escape(outlets.get(f.article_id, ''))}"
        out.append(
            f"| {md_escape(dates.get(f.article_id, ''))} | {who} | "
            f"{md_escape(f.quantity.text)} | {md_escape(f.sentence)} |"
        )
    out.append("")
    return out


def _differ_table(report: StoryReport, group: FactGroup, number: dict[str, int]) -> list[str]:
    outlets = {a.id: a.outlet or a.id[:12] for a in report.articles}
    out = [
        f"**{md_escape(group.subject)} — {md_escape(group.predicate)}** ({_group_note(group)})",
        "",
        "| report | figure | wording |",
        "|---|---|---|",
    ]
    for f in group.mentions:
        who = f"[{number.get(f.article_id, '?')}] {md_escape(outlets.get(f.article_id, ''))}"
        out.append(f"| {who} | {md_escape(f.quantity.text)} | {md_escape(f.sentence)} |")
    out.append("")
    return out


def _claim_note(report: StoryReport, c: ClaimGroup) -> str:
    outlets = report_names(report.articles)
    note = group_note(c.label, c.independent_origins, c.origins, outlets)
    return f"*{md_escape(note)}*; stated by {md_escape(voices_text(voices(c, outlets)))}"


def _claim_table(report: StoryReport, c: ClaimGroup, number: dict[str, int]) -> list[str]:
    """A conflicting claim group side by side: one row per report, who says it, wording."""
    outlets = report_names(report.articles)
    said = {v.article_id: voice_text(v) for v in voices(c, outlets)}
    out = [
        f"**Claim {md_code(c.id)}** ({md_escape(group_note(c.label, c.independent_origins))})",
        "",
        "| report | who says it | wording |",
        "|---|---|---|",
    ]
    for m in c.mentions:
        who = md_escape(said.get(m.article_id, ""))
        out.append(f"| [{number.get(m.article_id, '?')}] | {who} | {md_escape(m.sentence)} |")
    out.append("")
    return out


def story_markdown(report: StoryReport) -> str:
    number = {a.id: i + 1 for i, a in enumerate(report.articles)}
    groups = {g.id: g for g in report.groups}
    claims = {c.id: c for c in report.claims}
    out = [f"# {md_escape(report.story.title or report.story.id)}", ""]
    out += [f"Story {md_code(report.story.id)} — {len(report.articles)} reports", ""]
    if report.figures:
        out += _figure_lines(report, number)
    out += ["## Summary", ""]
    for s in report.brief.sentences:
        if s.section is Section.SUMMARY:
            out.append(f"- {md_escape(s.text)} {_refs(s, number)}")
    for section, title in SECTION_TITLES.items():
        items = [s for s in report.brief.sentences if s.section is section]
        if not items:
            continue
        out += ["", f"## {title}", ""]
        if section in (Section.DIFFER, Section.UPDATES):
            table = _differ_table if section is Section.DIFFER else _updates_table
            for gid in dict.fromkeys(s.group_id for s in items if s.group_id):
                if gid in groups:
                    out += table(report, groups[gid], number)
                elif gid in claims:
                    out += _claim_table(report, claims[gid], number)
            continue
        for s in items:
            note = ""
            if s.group_id in groups:
                note = f" ({_group_note(groups[s.group_id])})"
            elif s.group_id in claims:
                note = f" ({_claim_note(report, claims[s.group_id])})"
            out.append(f"- {md_escape(s.text)} {_refs(s, number)}{note}")
    out += ["", "## Reports", ""]
    out.extend(_article_line(a, number) for a in report.articles)
    out.append("")
    return "\n".join(out)


def stories_markdown(summaries: Sequence[StorySummary]) -> str:
    if not summaries:
        return "No stories yet. Run `newsdesk ingest PATH` and `newsdesk run PATH`.\n"
    out = ["| story | reports | first published | outlets | title |", "|---|---|---|---|---|"]
    for s in summaries:
        outlets = ", ".join(s.outlets)
        out.append(
            f"| {md_code(s.id)} | {s.article_count} | {md_escape(s.first_published or '')} | "
            f"{md_escape(outlets)} | {md_escape(s.title)} |"
        )
    return "\n".join(out) + "\n"


def story_file_name(story_id: str) -> str:
    """The file a story's Markdown is written to (letters, digits and ``-`` only)."""
    return f"{anchor(story_id)}.md"


def index_markdown(reports: Sequence[StoryReport]) -> str:
    """``index.md``: one line per story, linking to its file under ``stories/``."""
    out = ["# newsdesk briefs", ""]
    for r in reports:
        target = f"stories/{story_file_name(r.story.id)}"
        link = md_relative_link(r.story.title or r.story.id, target)
        out.append(f"- {link} ({len(r.story.article_ids)} reports)")
    return "\n".join(out) + "\n"


__all__ = [
    "figure_kind",
    "figure_value",
    "index_markdown",
    "md_escape",
    "stories_markdown",
    "story_file_name",
    "story_markdown",
]
