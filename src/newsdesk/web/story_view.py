"""The story page's content, built from one story of the JSON report document.

Needs: ``story_json(report)`` (``brief/render_json``): its brief sentences, fact groups and
articles. Reading the document rather than the records keeps the page in step with the
JSON API and makes fields added to the document easy to show. Produces: :class:`StoryView`
with the summary, "Where reports agree", "Where they differ" (every outlet's wording side by
side, the figure marked inside its sentence and the sentences around it), updates over time
(:mod:`.timeline`), "Only in one report", "Who cites whom" (sentences and the
:mod:`.graph`), and the numbered list of reports every reference points into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsdesk.sentences import Sentence, split_sentences
from newsdesk.web.graph import Graph, ReportName, citation_graph
from newsdesk.web.names import outlet_name
from newsdesk.web.timeline import Timeline, timelines

Json = dict[str, Any]

SECTION_TITLES = {
    "summary": "Summary",
    "agree": "Where reports agree",
    "differ": "Where they differ",
    "single-report": "Only in one report",
    "citations": "Who cites whom",
}
_GROUP_LISTS = ("fact_groups", "claim_groups")
"""Document keys whose items a brief sentence's ``group_id`` may name."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A numbered citation of a report, and of one sentence in it when known."""

    number: int
    article_id: str
    outlet: str
    sentence_index: int | None = None

    @property
    def href(self) -> str:
        anchor = f"#s{self.sentence_index}" if self.sentence_index is not None else ""
        return f"/articles/{self.article_id}{anchor}"


@dataclass(frozen=True, slots=True)
class Figure:
    outlet: str
    figure: str
    ref: Ref


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence of the brief with its references and, for fact sections, its label."""

    text: str
    refs: tuple[Ref, ...]
    label: str | None = None
    origins: int | None = None
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, slots=True)
class Headline:
    """A headline figure the story presents (when the document has ``figures``)."""

    measure: str
    figure: str
    label: str
    as_of: str | None
    note: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class Wording:
    """One outlet's wording of a disputed figure: the sentence cut around the figure,
    with the sentences before and after it in the report."""

    ref: Ref
    figure: str
    before: str
    marked: str
    after: str
    context_before: str
    context_after: str
    copy_of: int | None = None
    """The report number this report copies, if it is a copy."""


@dataclass(frozen=True, slots=True)
class Difference:
    subject: str
    predicate: str
    label: str
    origins: int
    wordings: tuple[Wording, ...]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    number: int
    id: str
    outlet: str
    title: str
    authors: tuple[str, ...]
    published: str | None
    duplicate_of: int | None
    duplicate_kind: str | None
    removed: int
    primary_sources: tuple[str, ...]


@dataclass(slots=True)
class StoryView:
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    outlets: list[str]
    reports: list[ReportEntry]
    sections: dict[str, list[Line]] = field(default_factory=dict)
    """Brief lines by section (``summary``, ``agree``, ``single-report``, ``citations``
    and any section a newer brief adds)."""
    differences: list[Difference] = field(default_factory=list)
    timelines: list[Timeline] = field(default_factory=list)
    graph: Graph | None = None
    labels: dict[str, int] = field(default_factory=dict)
    """How many fact groups carry each agreement label."""
    headlines: list[Headline] = field(default_factory=list)
    """The presented headline figures, newest brief's ``figures`` (empty before it)."""

    @property
    def copies(self) -> int:
        return sum(r.duplicate_of is not None for r in self.reports)

    def section(self, name: str) -> list[Line]:
        return self.sections.get(name, [])

    @property
    def other_sections(self) -> list[tuple[str, list[Line]]]:
        """Sections this page does not place by name (added by a newer brief)."""
        known = set(SECTION_TITLES)
        return [(k, v) for k, v in self.sections.items() if k not in known]


class _Context:
    """Per-story lookups: report numbers, outlet names, sentences of each article."""

    def __init__(self, story: Json) -> None:
        self.articles = {a["id"]: a for a in story["articles"]}
        self.number = {a["id"]: i + 1 for i, a in enumerate(story["articles"])}
        self.outlet = {
            a["id"]: outlet_name(a.get("outlet"), a.get("url")) for a in story["articles"]
        }
        self._sentences: dict[str, list[Sentence]] = {}
        self.groups = {g["id"]: g for key in _GROUP_LISTS for g in story.get(key) or []}

    def ref(self, article_id: str, sentence_index: int | None = None) -> Ref | None:
        if article_id not in self.number:
            return None
        return Ref(self.number[article_id], article_id, self.outlet[article_id], sentence_index)

    def sentences(self, article_id: str) -> list[Sentence]:
        if article_id not in self._sentences:
            text = self.articles.get(article_id, {}).get("text", "")
            self._sentences[article_id] = split_sentences(text)
        return self._sentences[article_id]

    def neighbours(self, article_id: str, index: int) -> tuple[str, str]:
        sents = self.sentences(article_id)
        before = sents[index - 1].text if 0 < index <= len(sents) else ""
        after = sents[index + 1].text if 0 <= index < len(sents) - 1 else ""
        return before, after


def _refs(ctx: _Context, sources: list[Json]) -> tuple[Ref, ...]:
    """One reference per report (its first cited sentence), in the order given."""
    refs: dict[str, Ref] = {}
    for s in sources:
        ref = ctx.ref(s["article_id"], s.get("sentence_index"))
        if ref is not None:
            refs.setdefault(ref.article_id, ref)
    return tuple(refs.values())


def _line(ctx: _Context, sentence: Json) -> Line:
    group = ctx.groups.get(sentence.get("group_id") or "")
    refs = _refs(ctx, sentence.get("sources", []))
    if group is None:
        return Line(sentence["text"], refs)
    figures: dict[tuple[str, str], Figure] = {}
    for m in group.get("mentions", []):
        ref = ctx.ref(m["article_id"], m.get("sentence_index"))
        quantity = m.get("quantity") or {}
        if ref is not None and quantity.get("text"):
            figures.setdefault(
                (ref.outlet, quantity["text"]), Figure(ref.outlet, quantity["text"], ref)
            )
    return Line(
        sentence["text"],
        refs,
        label=group.get("label"),
        origins=group.get("independent_origins"),
        figures=tuple(figures.values()),
    )


def _split(sentence: str, figure: str) -> tuple[str, str, str]:
    at = sentence.find(figure) if figure else -1
    if at < 0 and figure:
        at = sentence.casefold().find(figure.casefold())
    if at < 0:
        return sentence, "", ""
    return sentence[:at], sentence[at : at + len(figure)], sentence[at + len(figure) :]


def _difference(ctx: _Context, group: Json) -> Difference:
    wordings = []
    for m in group.get("mentions", []):
        ref = ctx.ref(m["article_id"], m.get("sentence_index"))
        if ref is None:
            continue
        figure = (m.get("quantity") or {}).get("text", "")
        before, marked, after = _split(m["sentence"], figure)
        index = m.get("sentence_index")
        around = ctx.neighbours(m["article_id"], index) if index is not None else ("", "")
        original = ctx.articles[m["article_id"]].get("duplicate_of")
        wordings.append(
            Wording(
                ref=ref,
                figure=figure,
                before=before,
                marked=marked,
                after=after,
                context_before=around[0],
                context_after=around[1],
                copy_of=ctx.number.get(original) if original else None,
            )
        )
    return Difference(
        subject=group.get("subject", ""),
        predicate=group.get("predicate", ""),
        label=group.get("label", ""),
        origins=group.get("independent_origins", 0),
        wordings=tuple(wordings),
    )


def _report(ctx: _Context, a: Json) -> ReportEntry:
    dup = a.get("duplicate_of")
    return ReportEntry(
        number=ctx.number[a["id"]],
        id=a["id"],
        outlet=ctx.outlet[a["id"]],
        title=a.get("title") or "",
        authors=tuple(a.get("authors") or ()),
        published=a.get("published"),
        duplicate_of=ctx.number.get(dup) if dup else None,
        duplicate_kind=a.get("duplicate_kind"),
        removed=len(a.get("removed") or ()),
        primary_sources=tuple(a.get("primary_sources") or ()),
    )


def _headline(ctx: _Context, fig: Json) -> Headline:
    return Headline(
        measure=str(fig.get("measure", "")),
        figure=str(fig.get("text", "")),
        label=str(fig.get("label", "")),
        as_of=fig.get("as_of"),
        note=str(fig.get("note", "")),
        refs=_refs(ctx, fig.get("evidence") or []),
    )


def story_view(story: Json) -> StoryView:
    """Everything the story page shows, from one story of the report document."""
    ctx = _Context(story)
    view = StoryView(
        id=story["id"],
        title=story.get("title") or "",
        first_published=story.get("first_published"),
        last_published=story.get("last_published"),
        outlets=sorted({ctx.outlet[a["id"]] for a in story["articles"]}),
        reports=[_report(ctx, a) for a in story["articles"]],
    )
    differ_groups: list[str] = []
    for sentence in story.get("brief", []):
        section = sentence.get("section", "summary")
        if section == "differ":
            gid = sentence.get("group_id")
            if gid in ctx.groups and gid not in differ_groups:
                differ_groups.append(gid)
            continue
        view.sections.setdefault(section, []).append(_line(ctx, sentence))
    view.differences = [_difference(ctx, ctx.groups[g]) for g in differ_groups]
    for group in story.get("fact_groups", []):
        label = str(group.get("label", ""))
        view.labels[label] = view.labels.get(label, 0) + 1

    def ref(article_id: str, sentence_index: int | None) -> Ref | None:
        return ctx.ref(article_id, sentence_index)

    view.timelines = timelines(story, ref)
    view.headlines = [_headline(ctx, fig) for fig in story.get("figures") or []]
    names = {
        aid: ReportName(ctx.number[aid], ctx.outlet[aid], ctx.articles[aid].get("title") or "")
        for aid in ctx.number
    }
    view.graph = citation_graph(story, names)
    return view
