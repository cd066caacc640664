"""Updates over time: how a story's figures changed from report to report.

Needs: one story of the JSON report document (``brief/render_json.story_json``) and a
function making the page's citation for (article id, sentence index). Produces
:class:`Timeline` records, oldest point first; each point says whether its figure was
first reported, restated, refined (a figure that fits the earlier one, "more than 3,000"
then 3,150), rose, fell, or differs from another figure of the same day.

Two sources, in order of preference:

1. **Presented figures** (:func:`presented_timelines`): when the document carries the
   story's headline figures with their history (a ``figures`` list whose items have
   ``measure``, ``text``, ``value``, ``as_of``, ``evidence`` and ``history`` steps of
   ``value``, ``text``, ``date`` and ``sources``), the timeline is that history. This is the
   place for the align stage's own figure history; it is tested with a document of that
   shape.
2. **Derived** (:func:`derived_timelines`): otherwise each fact group (one thing stated by
   several reports) is laid out by its reports' publication dates, and shown when it was
   reported on more than one day.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]
RefMaker = Callable[[str, int | None], Any]
"""Makes the page's citation reference for (article id, sentence index), or ``None``."""

_SLACK = 0.1
"""How far an approximate figure ("about 2,000") reaches either side."""


@dataclass(frozen=True, slots=True)
class Reading:
    """One report's figure at one date."""

    date: str | None
    figure: str
    value: float | None
    low: float
    high: float
    """The values the figure admits ("more than 40": 40 to infinity)."""
    ref: Any


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    date: str | None
    figure: str
    """The figure as written ("12 people", "more than 40")."""
    value: float | None
    change: str
    """``first``, ``same``, ``refined``, ``rose``, ``fell`` or ``differs``."""
    refs: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    measure: str
    points: tuple[TimelinePoint, ...]
    origin: str
    """``presented`` (the document's figure history) or ``derived`` (from fact groups)."""
    note: str = ""
    label: str = ""

    @property
    def changed(self) -> bool:
        return any(p.change in ("rose", "fell") for p in self.points)

    @property
    def steady(self) -> bool:
        """Every later report restated the first figure."""
        return all(p.change in ("first", "same") for p in self.points)


def admitted(
    value: float | None, bound: str = "=", low: Any = None, high: Any = None
) -> tuple[float, float]:
    """The range of values a figure admits, from its value or interval and its bound."""
    if low is not None and high is not None:
        return float(low), float(high)
    if value is None:
        return -math.inf, math.inf
    v = float(value)
    return {
        ">": (v, math.inf),
        ">=": (v, math.inf),
        "<": (-math.inf, v),
        "<=": (-math.inf, v),
        "~": (v - abs(v) * _SLACK, v + abs(v) * _SLACK),
    }.get(bound, (v, v))


def _reading(date: str | None, figure: str, q: Json, ref: Any) -> Reading:
    low, high = admitted(q.get("value"), str(q.get("bound", "=")), q.get("low"), q.get("high"))
    value = q.get("value")
    if value is None and q.get("low") is not None and q.get("high") is not None:
        value = (float(q["low"]) + float(q["high"])) / 2
    return Reading(date, figure, None if value is None else float(value), low, high, ref)


def _same(a: Reading, b: Reading) -> bool:
    return (a.value, a.low, a.high) == (b.value, b.low, b.high) and (
        a.value is not None or a.figure == b.figure
    )


def _fits(a: Reading, b: Reading) -> bool:
    return a.low <= b.high and b.low <= a.high


def _change(r: Reading, before: list[Reading]) -> str:
    """How ``r`` compares with the figures it follows."""
    if any(_same(r, x) for x in before):
        return "same"
    if any(_fits(r, x) for x in before):
        return "refined"
    values = [x.value for x in before if x.value is not None]
    if r.value is not None and values and all(r.value > v for v in values):
        return "rose"
    if r.value is not None and values and all(r.value < v for v in values):
        return "fell"
    return "differs"


def _day_changes(day: list[Reading], earlier: list[Reading]) -> list[str]:
    """Changes of one date's figures: against the latest earlier date's figures, or on the
    first date against the day's first figure. A figure that moved while another report
    of the same day kept the earlier one is a difference, not an update."""
    if not earlier:
        return ["first"] + [
            "differs" if c in ("rose", "fell") else c
            for c in (_change(r, day[:1]) for r in day[1:])
        ]
    changes = [_change(r, earlier) for r in day]
    if any(c in ("same", "refined") for c in changes):
        changes = ["differs" if c in ("rose", "fell") else c for c in changes]
    return changes


def points(readings: list[Reading]) -> tuple[TimelinePoint, ...]:
    """Readings merged by date and figure, oldest first, each with its change."""
    merged: dict[tuple[str | None, float | None, float, float, str], list[Reading]] = {}
    for r in readings:
        key = (r.date, r.value, r.low, r.high, r.figure if r.value is None else "")
        merged.setdefault(key, []).append(r)
    order = sorted(merged, key=lambda k: (k[0] or "9999", k[1] if k[1] is not None else 0.0))
    days: dict[str | None, list[tuple[str | None, float | None, float, float, str]]] = {}
    for key in order:
        days.setdefault(key[0], []).append(key)
    out: list[TimelinePoint] = []
    earlier: list[Reading] = []
    for keys in days.values():
        day = [merged[k][0] for k in keys]
        for key, first, change in zip(keys, day, _day_changes(day, earlier), strict=True):
            refs: dict[Any, Any] = {}
            for r in merged[key]:
                if r.ref is not None:
                    refs.setdefault(getattr(r.ref, "article_id", r.ref), r.ref)
            out.append(
                TimelinePoint(first.date, first.figure, first.value, change, tuple(refs.values()))
            )
        earlier = day
    return tuple(out)


def derived_timelines(story: Json, ref: RefMaker) -> list[Timeline]:
    """Each fact group reported on more than one day, its mentions by report date."""
    published = {a["id"]: (a.get("published") or "")[:10] or None for a in story["articles"]}
    out = []
    for group in story.get("fact_groups", []):
        readings = [
            _reading(
                published.get(m["article_id"]),
                m["quantity"]["text"],
                m["quantity"],
                ref(m["article_id"], m.get("sentence_index")),
            )
            for m in group.get("mentions", [])
        ]
        if len({r.date for r in readings if r.date}) < 2:
            continue
        measure = " ".join(x for x in (group.get("subject"), group.get("predicate")) if x)
        out.append(Timeline(measure, points(readings), "derived", label=group.get("label", "")))
    out.sort(key=lambda t: (not t.changed, t.measure))
    return out


def presented_timelines(story: Json, ref: RefMaker) -> list[Timeline] | None:
    """The history of the story's presented headline figures, or ``None`` when the
    document has no ``figures`` list (then :func:`derived_timelines` is used)."""
    figures = story.get("figures")
    if not isinstance(figures, list):
        return None
    out = []
    for fig in figures:
        readings: list[Reading] = []
        for step in fig.get("history") or []:
            for s in step.get("sources") or [{}]:
                r = ref(s["article_id"], s.get("sentence_index")) if s else None
                readings.append(_reading(step.get("date"), step.get("text", ""), step, r))
        for e in fig.get("evidence") or [{}]:
            r = ref(e["article_id"], e.get("sentence_index")) if e else None
            readings.append(_reading(fig.get("as_of"), fig.get("text", ""), fig, r))
        out.append(
            Timeline(
                str(fig.get("measure", "")),
                points(readings),
                "presented",
                note=str(fig.get("note", "")),
                label=str(fig.get("label", "")),
            )
        )
    return out


def timelines(story: Json, ref: RefMaker) -> list[Timeline]:
    presented = presented_timelines(story, ref)
    return presented if presented is not None else derived_timelines(story, ref)
