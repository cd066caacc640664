"""Markdown rendering of story reports and story lists."""

from __future__ import annotations

from collections.abc import Sequence

from newsdesk.records import Article, StoryReport, StorySummary


def _md_escape(text: str) -> str:
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def _label(article: Article, number: dict[str, int]) -> str:
    return f"[{number[article.id]}]"


def _article_line(a: Article, number: dict[str, int]) -> str:
    bits = [f"{_label(a, number)} **{_md_escape(a.outlet or 'unknown outlet')}**"]
    bits.append(f"“{_md_escape(a.title or '(untitled)')}”")
    if a.authors:
        bits.append("by " + _md_escape(", ".join(a.authors)))
    if a.published:
        bits.append(a.published)
    bits.append(f"`{a.source}`")
    line = " — ".join(bits)
    if a.duplicate_of:
        orig = number.get(a.duplicate_of)
        target = f"[{orig}]" if orig else a.duplicate_of[:12]
        line += f" (*{a.duplicate_kind} copy of {target}*)"
    if a.removed:
        line += f" — {len(a.removed)} debris spans removed"
    return "- " + line


def story_markdown(report: StoryReport) -> str:
    number = {a.id: i + 1 for i, a in enumerate(report.articles)}
    out = [f"# {_md_escape(report.story.title or report.story.id)}", ""]
    out.append(f"Story `{report.story.id}` — {len(report.articles)} reports")
    out.append("")
    out.append("## Summary")
    out.append("")
    for s in report.brief.sentences:
        if s.section != "summary":
            continue
        refs = "".join(f"[{number[r.article_id]}]" for r in s.sources if r.article_id in number)
        out.append(f"- {_md_escape(s.text)} {refs}")
    out.append("")
    out.append("## Reports")
    out.append("")
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
            f"| `{s.id}` | {s.article_count} | {s.first_published or ''} | "
            f"{_md_escape(outlets)} | {_md_escape(s.title)} |"
        )
    return "\n".join(out) + "\n"
