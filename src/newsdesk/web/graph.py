"""Who cites whom, laid out on the server as an SVG graph.

Needs: one story of the JSON report document (its articles' ``primary_sources``,
``duplicate_of`` and ``reused_paragraphs``) and the page's names and numbers of its reports.
Produces: :class:`Graph`, positioned nodes and edge paths that the ``_graph.svg`` template
draws (all text escaped there). Reports stand in a column on the left; the primary sources
they rely on on the right. A source that is itself one of the story's outlets points at
that outlet's report instead, and copies and reused paragraphs join report to report with
arcs on the left, so a wire story and its republications read as one family.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

WIDTH = 760
REPORT_X, REPORT_W, REPORT_H, REPORT_GAP = 150, 250, 34, 16
SOURCE_X, SOURCE_W, SOURCE_H, SOURCE_GAP = 500, 250, 24, 8
TOP = 36
MAX_SOURCES = 40
MAX_REPORTS = 40
MAX_LABEL = 30


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    kind: str
    """``report`` or ``source``."""
    label: str
    title: str
    """Full name (the tooltip), the label may be shortened."""
    x: int
    y: int
    w: int
    h: int
    href: str | None = None
    cited_by: int = 0

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2


@dataclass(frozen=True, slots=True)
class Edge:
    kind: str
    """``relies`` (report -> primary source), ``cites`` (report -> a report of the cited
    outlet), ``copy`` (exact or near duplicate -> original) or ``reuse`` (paragraphs)."""
    path: str
    title: str


@dataclass(frozen=True, slots=True)
class Graph:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    hidden_sources: int = 0
    """Sources left out beyond :data:`MAX_SOURCES` (the least cited)."""
    hidden_reports: int = 0
    """Reports left out beyond :data:`MAX_REPORTS` (the last in the story's order)."""


@dataclass(frozen=True, slots=True)
class ReportName:
    number: int
    outlet: str
    title: str


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _key(name: str) -> str:
    """Names that differ only in case, spacing or a leading "the" are one source."""
    key = " ".join(name.split()).casefold()
    return key.removeprefix("the ") if key.startswith("the ") and len(key) > 4 else key


def _arc(a: Node, b: Node) -> str:
    """A curve between two report boxes, bulging out to the left."""
    bulge = min(140, 30 + abs(a.cy - b.cy) // 3)
    return f"M{a.x},{a.cy} C{a.x - bulge},{a.cy} {b.x - bulge},{b.cy} {b.x},{b.cy}"


def _link(a: Node, b: Node) -> str:
    mid = (a.x + a.w + b.x) // 2
    return f"M{a.x + a.w},{a.cy} C{mid},{a.cy} {mid},{b.cy} {b.x},{b.cy}"


def citation_graph(story: dict[str, Any], names: dict[str, ReportName]) -> Graph:
    """Lay out the story's reports, their primary sources and the links between them."""
    listed = [a for a in story["articles"] if a["id"] in names]
    articles = listed[:MAX_REPORTS]
    by_outlet: dict[str, str] = {}
    for a in articles:
        if a.get("duplicate_of") is None:
            by_outlet.setdefault(_key(names[a["id"]].outlet), a["id"])
    for a in articles:
        by_outlet.setdefault(_key(names[a["id"]].outlet), a["id"])

    cited: Counter[str] = Counter()
    first_name: dict[str, str] = {}
    for a in articles:
        keys = {_key(src): src for src in reversed(a.get("primary_sources", []))}
        for key, src in keys.items():
            if key and key not in by_outlet:
                cited[key] += 1
                first_name.setdefault(key, " ".join(src.split()))
    ranked = sorted(cited, key=lambda k: (-cited[k], first_name[k].casefold()))
    shown = ranked[:MAX_SOURCES]
    # The report column is centred beside the (usually taller) source column.
    tall = len(shown) * (SOURCE_H + SOURCE_GAP) - len(articles) * (REPORT_H + REPORT_GAP)
    top = TOP + max(0, tall // 2)
    reports: dict[str, Node] = {}
    for i, a in enumerate(articles):
        n = names[a["id"]]
        reports[a["id"]] = Node(
            key=a["id"],
            kind="report",
            label=_short(f"[{n.number}] {n.outlet}"),
            title=f"[{n.number}] {n.outlet}: {n.title}",
            x=REPORT_X,
            y=top + i * (REPORT_H + REPORT_GAP),
            w=REPORT_W,
            h=REPORT_H,
            href=f"/articles/{a['id']}",
        )
    sources = {
        k: Node(
            key=k,
            kind="source",
            label=_short(first_name[k], MAX_LABEL - (4 if cited[k] > 1 else 0)),
            title=f"{first_name[k]}: relied on by {cited[k]} report{'s' if cited[k] > 1 else ''}",
            x=SOURCE_X,
            y=TOP + i * (SOURCE_H + SOURCE_GAP),
            w=SOURCE_W,
            h=SOURCE_H,
            cited_by=cited[k],
        )
        for i, k in enumerate(shown)
    }

    edges: list[Edge] = []
    for a in articles:
        me = reports[a["id"]]
        name = names[a["id"]]
        joined: set[str] = set()  # one arc per pair of reports: the strongest link
        original = reports.get(a.get("duplicate_of") or "")
        if original is not None:
            kind = a.get("duplicate_kind") or "near"
            edges.append(Edge("copy", _arc(me, original), f"{me.title}: {kind} copy"))
            joined.add(original.key)
        reused = Counter(r["original_id"] for r in a.get("reused_paragraphs", []))
        for orig_id, count in reused.items():
            if orig_id in reports and orig_id not in joined:
                title = f"{name.outlet} reuses {count} paragraph{'s' if count > 1 else ''}"
                edges.append(Edge("reuse", _arc(me, reports[orig_id]), title))
                joined.add(orig_id)
        for key in dict.fromkeys(_key(src) for src in a.get("primary_sources", [])):
            target_id = by_outlet.get(key)
            if target_id is not None:
                if target_id != a["id"] and target_id not in joined:
                    title = f"{name.outlet} cites {names[target_id].outlet}"
                    edges.append(Edge("cites", _arc(me, reports[target_id]), title))
                    joined.add(target_id)
            elif key in sources:
                title = f"{name.outlet} relies on {first_name[key]}"
                edges.append(Edge("relies", _link(me, sources[key]), title))
    bottom = max(
        [n.y + n.h for n in reports.values()] + [n.y + n.h for n in sources.values()] + [TOP]
    )
    return Graph(
        width=WIDTH,
        height=bottom + 16,
        nodes=(*reports.values(), *sources.values()),
        edges=tuple(edges),
        hidden_sources=max(0, len(ranked) - len(shown)),
        hidden_reports=len(listed) - len(articles),
    )
