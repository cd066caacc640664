"""The outlet page's content: its reports and stories, the primary sources it relies on,
and how often its figures were corroborated or disputed by other reports.

Needs: the store (its reports by display name, :mod:`.queries`) and story reports from the
:class:`~.reports.ReportCache` (computed on demand, for the outlet's most recent stories
only, so a busy outlet's page stays quick). Produces: :class:`OutletView`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newsdesk.store import Store
from newsdesk.web import queries
from newsdesk.web.names import outlet_name
from newsdesk.web.reports import ReportCache

MAX_STORIES = 12
LABELS = ("corroborated", "compatible", "single-origin", "update", "conflicting", "single-source")
LABEL_NOTES = {
    "corroborated": "other reports with their own sources gave the same figure",
    "compatible": "other reports gave figures that fit (e.g. “nearly 2,000” and 1,940)",
    "single-origin": "other reports gave it, but all from one origin (copies or one source)",
    "update": "a later report revised the figure",
    "conflicting": "other reports gave a different figure at the same time",
    "single-source": "no other report gave this figure",
}


@dataclass(frozen=True, slots=True)
class StoryLink:
    id: str
    title: str
    reports: int
    """How many of the outlet's reports the story holds."""


@dataclass(frozen=True, slots=True)
class Tally:
    label: str
    count: int
    share: float
    note: str


@dataclass(slots=True)
class OutletView:
    name: str
    reports: list[queries.ReportRow]
    stories: list[StoryLink]
    sources: list[tuple[str, int]] = field(default_factory=list)
    """Primary sources its reports rely on, with how many of its reports do."""
    tallies: list[Tally] = field(default_factory=list)
    """Its figures (fact groups it has a mention in) by agreement label."""
    figures: int = 0
    stories_read: int = 0
    """How many of its stories the sources and tallies come from (the most recent ones)."""

    @property
    def corroborated_share(self) -> float:
        good = sum(t.count for t in self.tallies if t.label in ("corroborated", "compatible"))
        return good / self.figures if self.figures else 0.0


def outlet_view(store: Store, cache: ReportCache, name: str) -> OutletView | None:
    """The outlet shown as ``name``, or ``None`` if no report has that name."""
    reports = store.outlet_reports(name)
    if not reports:
        return None
    stories: dict[str, StoryLink] = {}
    for r in reports:
        if r.story_id is not None:
            prev = stories.get(r.story_id)
            count = prev.reports + 1 if prev else 1
            stories[r.story_id] = StoryLink(r.story_id, r.story_title or "", count)
    view = OutletView(name=name, reports=reports, stories=list(stories.values()))
    sources: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for link in view.stories[:MAX_STORIES]:
        story = cache.get(store, link.id).story
        mine = {
            a["id"] for a in story["articles"] if outlet_name(a.get("outlet"), a.get("url")) == name
        }
        for a in story["articles"]:
            if a["id"] in mine:
                sources.update(
                    list(dict.fromkeys(" ".join(s.split()) for s in a["primary_sources"]))
                )
        for g in story.get("fact_groups", []):
            if any(m["article_id"] in mine for m in g.get("mentions", [])):
                labels[g["label"]] += 1
        view.stories_read += 1
    view.sources = sorted(sources.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    view.figures = sum(labels.values())
    order = [*LABELS, *sorted(set(labels) - set(LABELS))]
    view.tallies = [
        Tally(label, labels[label], labels[label] / view.figures, LABEL_NOTES.get(label, ""))
        for label in order
        if labels[label]
    ]
    return view
