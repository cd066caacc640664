"""What the story page is built from: timelines of figures, the citation graph, refs."""

from __future__ import annotations

from typing import Any

from newsdesk.web.graph import ReportName, citation_graph
from newsdesk.web.story_view import story_view
from newsdesk.web.timeline import Reading, admitted, points, timelines


def _q(text: str, value: float, bound: str = "=") -> dict[str, Any]:
    return {"text": text, "value": value, "low": None, "high": None, "unit": None, "bound": bound}


def _article(aid: str, outlet: str, published: str, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": aid,
        "outlet": outlet,
        "url": None,
        "title": f"Report {aid}",
        "authors": [],
        "published": published,
        "text": "First sentence here. The toll rose to 9 people. Last sentence here.",
        "removed": [],
        "duplicate_of": None,
        "duplicate_kind": None,
        "primary_sources": [],
        "reused_paragraphs": [],
    }
    return base | extra


def _mention(aid: str, q: dict[str, Any]) -> dict[str, Any]:
    return {
        "fact_id": f"f{aid}",
        "article_id": aid,
        "outlet": None,
        "sentence_index": 1,
        "sentence": f"The toll rose to {q['text']}.",
        "quantity": q,
        "attributed_to": [],
    }


def _story(groups: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": "s-test",
        "title": "A test story",
        "first_published": "2025-01-01",
        "last_published": "2025-01-03",
        "articles": [
            _article("a", "North Post", "2025-01-01"),
            _article("b", "South Herald", "2025-01-02"),
            _article("c", "East Daily", "2025-01-02"),
            _article("d", None, "2025-01-03", url="https://west.example/x"),
        ],
        "facts": [],
        "fact_groups": groups,
        "brief": [],
    } | extra


def _group(gid: str, label: str, *mentions: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": gid,
        "subject": "people",
        "predicate": "killed",
        "label": label,
        "independent_origins": 2,
        "origins": [],
        "mentions": list(mentions),
    }


def _ref(aid: str, sentence: int | None) -> str:
    return aid


def test_a_figure_that_grows_day_by_day_is_an_update() -> None:
    story = _story(
        [_group("g", "conflicting", _mention("a", _q("5", 5)), _mention("b", _q("9", 9)))]
    )
    (t,) = timelines(story, _ref)
    assert t.origin == "derived"
    assert [(p.date, p.figure, p.change) for p in t.points] == [
        ("2025-01-01", "5", "first"),
        ("2025-01-02", "9", "rose"),
    ]
    assert t.changed and not t.steady


def test_a_same_day_disagreement_is_not_an_update() -> None:
    story = _story(
        [
            _group(
                "g",
                "conflicting",
                _mention("a", _q("5", 5)),
                _mention("b", _q("5", 5)),
                _mention("c", _q("3", 3)),
            )
        ]
    )
    (t,) = timelines(story, _ref)
    assert [p.change for p in t.points] == ["first", "differs", "same"]
    assert not t.changed


def test_a_bounded_figure_made_precise_is_refined() -> None:
    story = _story(
        [
            _group(
                "g",
                "compatible",
                _mention("a", _q("more than 40", 40, ">")),
                _mention("b", _q("43", 43)),
            )
        ]
    )
    (t,) = timelines(story, _ref)
    assert [p.change for p in t.points] == ["first", "refined"]
    assert admitted(40, ">") == (40.0, float("inf"))
    assert admitted(100, "~") == (90.0, 110.0)


def test_figures_of_one_day_only_make_no_timeline() -> None:
    story = _story(
        [_group("g", "corroborated", _mention("b", _q("5", 5)), _mention("c", _q("5", 5)))]
    )
    assert timelines(story, _ref) == []


def test_presented_figures_history_is_used_when_the_document_has_it() -> None:
    """The place for the align stage's figure history: a ``figures`` list wins."""
    figures = [
        {
            "measure": "killed",
            "text": "2",
            "value": 2,
            "as_of": "2025-01-03",
            "label": "update",
            "note": "rose from 1 to 2 on 3 Jan, per West",
            "evidence": [{"article_id": "d", "sentence_index": 1}],
            "history": [
                {
                    "value": 1,
                    "text": "1",
                    "bound": "=",
                    "date": "2025-01-01",
                    "sources": [{"article_id": "a", "sentence_index": 0}],
                },
            ],
        }
    ]
    story = _story(
        [_group("g", "conflicting", _mention("a", _q("5", 5)), _mention("b", _q("9", 9)))],
        figures=figures,
    )
    (t,) = timelines(story, _ref)
    assert t.origin == "presented" and t.label == "update" and "rose from 1 to 2" in t.note
    assert [(p.date, p.figure, p.change, p.refs) for p in t.points] == [
        ("2025-01-01", "1", "first", ("a",)),
        ("2025-01-03", "2", "rose", ("d",)),
    ]
    assert timelines(_story([], figures=[]), _ref) == []  # no figures: no derived fallback
    view = story_view(story)
    (h,) = view.headlines
    assert (h.measure, h.figure, h.label, h.as_of) == ("killed", "2", "update", "2025-01-03")
    assert [r.href for r in h.refs] == ["/articles/d#s1"]
    assert view.timelines[0].origin == "presented"


def test_points_merge_reports_of_one_day_and_figure() -> None:
    r = [Reading("2025-01-01", "5", 5.0, 5.0, 5.0, x) for x in ("a", "b", "a")]
    (p,) = points(r)
    assert p.refs == ("a", "b")


def test_story_view_marks_figures_and_names_outlets() -> None:
    group = _group("g", "conflicting", _mention("a", _q("5", 5)), _mention("d", _q("9", 9)))
    brief = [
        {
            "text": "The toll rose to 5.",
            "section": "differ",
            "group_id": "g",
            "sources": [{"article_id": "a", "outlet": "North Post", "sentence_index": 1}],
        },
        {
            "text": "Summary line.",
            "section": "summary",
            "group_id": None,
            "sources": [
                {"article_id": "a", "outlet": "North Post", "sentence_index": 0},
                {"article_id": "a", "outlet": "North Post", "sentence_index": 2},
            ],
        },
        {"text": "A new kind of line.", "section": "claims", "group_id": None, "sources": []},
    ]
    view = story_view(_story([group], brief=brief))
    (diff,) = view.differences
    first, second = diff.wordings
    assert (first.before, first.marked, first.after) == ("The toll rose to ", "5", ".")
    assert first.context_before == "First sentence here."
    assert first.context_after == "Last sentence here."
    assert second.ref.outlet == "west.example"  # no outlet stated: the URL's host
    (line,) = view.section("summary")
    assert [r.href for r in line.refs] == ["/articles/a#s0"]  # one ref per report
    assert [name for name, _ in view.other_sections] == ["claims"]


def test_citation_graph_joins_copies_citations_and_sources() -> None:
    articles = [
        _article("a", "Wire", "2025-01-01", primary_sources=["Police", "the Police"]),
        _article(
            "b",
            "Daily",
            "2025-01-01",
            duplicate_of="a",
            duplicate_kind="exact",
            primary_sources=["Wire", "Police"],
        ),
        _article(
            "c",
            "Post",
            "2025-01-01",
            primary_sources=["Wire", "Mayor Ames"],
            reused_paragraphs=[
                {
                    "paragraph_index": 0,
                    "original_id": "a",
                    "original_paragraph_index": 2,
                    "similarity": 0.9,
                }
            ],
        ),
    ]
    names = {a["id"]: ReportName(i + 1, a["outlet"], a["title"]) for i, a in enumerate(articles)}
    g = citation_graph({"articles": articles}, names)
    kinds = sorted(e.kind for e in g.edges)
    # b copies a and c reuses a (those arcs stand for their citations of Wire); "Police" and
    # "the Police" are one source
    assert kinds == ["copy", "relies", "relies", "relies", "reuse"]
    sources = {n.label: n.cited_by for n in g.nodes if n.kind == "source"}
    assert sources == {"Police": 2, "Mayor Ames": 1}
    assert all(n.y + n.h <= g.height for n in g.nodes)
    assert {n.href for n in g.nodes if n.kind == "report"} == {
        "/articles/a",
        "/articles/b",
        "/articles/c",
    }


def test_citation_graph_of_a_large_story_stays_bounded() -> None:
    articles = [
        _article(f"r{i}", f"Outlet {i}", "2025-01-01", primary_sources=[f"Source {i}"])
        for i in range(60)
    ]
    names = {a["id"]: ReportName(i + 1, a["outlet"], a["title"]) for i, a in enumerate(articles)}
    g = citation_graph({"articles": articles}, names)
    assert sum(n.kind == "report" for n in g.nodes) == 40 and g.hidden_reports == 20
    assert sum(n.kind == "source" for n in g.nodes) == 40
    assert len(g.edges) == 40


def test_the_story_template_shows_presented_figures() -> None:
    from newsdesk.web.app import _environment
    from newsdesk.web.queries import StoreStatus

    figures = [
        {
            "measure": "killed <b>",
            "text": "2",
            "value": 2,
            "as_of": "2025-01-03",
            "label": "update",
            "note": "rose from 1 to 2",
            "evidence": [{"article_id": "d", "sentence_index": 1}],
            "history": [],
        }
    ]
    view = story_view(_story([], figures=figures))
    html = (
        _environment()
        .get_template("story.html")
        .render(
            story=view,
            status=StoreStatus(4, 1, 0, None, "f"),
            editable=False,
            path="/stories/s-test",
            here="/stories/s-test",
            poll_ms=0,
        )
    )
    assert '<section id="figures"' in html and "killed &lt;b&gt;" in html
    assert 'class="label label-update"' in html and "rose from 1 to 2" in html
