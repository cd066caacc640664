"""Headline figures in every output format: Markdown, JSON (schema 1.1 and later) and HTML.

Fictional reports go through the real pipeline (JSONL ingest into a temporary store,
dedupe, cluster, facts, align, brief)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _factories import make_article
from newsdesk import pipeline
from newsdesk.brief import build_brief, render_html, render_json, render_markdown
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Bound,
    EventMeasure,
    FigureStep,
    HeadlineFigure,
    Section,
    SourceRef,
    Story,
    StoryReport,
)
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema/newsdesk-report.v1.schema.json").read_text())

REPORTS = [
    {
        "url": "https://osk-herald.example/fire-1",
        "outlet": "Osk Herald",
        "title": "Fire at Osk grain depot",
        "published": "2024-05-01",
        "text": "Two people were killed in a fire at the Osk grain depot on Tuesday night. "
        "Firefighters from three towns fought the blaze at the Osk grain depot until dawn.",
    },
    {
        "url": "https://valley-post.example/osk-fire",
        "outlet": "Valley <b>Post</b>",
        "title": "Osk grain depot fire toll rises",
        "published": "2024-05-02",
        "text": "Three people were killed in the fire at the Osk grain depot, officials said. "
        "Firefighters from three towns fought the blaze at the Osk grain depot until dawn. "
        "A *fourth* worker <script>x</script> was treated for burns.",
    },
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> StoryReport:
    tmp = tmp_path_factory.mktemp("figures")
    path = tmp / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    with Store(tmp / "nd.db") as store:
        pipeline.ingest_paths(store, [path])
        pipeline.dedupe_store(store)
        [story] = pipeline.cluster_store(store)
        return pipeline.story_report(store, story)


def test_the_story_presents_the_revised_toll(report: StoryReport) -> None:
    killed = next(f for f in report.figures if f.measure == "killed")
    assert (killed.value, killed.label) == (3, Agreement.UPDATE)
    assert report.brief.figures == report.figures


def test_markdown_shows_the_figure_its_label_and_history(report: StoryReport) -> None:
    md = render_markdown.story_markdown(report)
    assert "## Headline figures" in md
    assert "**killed: 3** (*update*" in md and "rose from 2 to 3" in md
    assert "earlier: 2 (2024-05-01)" in md
    assert "<b>" not in md and "Valley \\<b\\>Post" in md


def test_json_carries_the_figure_and_validates(report: StoryReport) -> None:
    doc = render_json.report_document([report])
    jsonschema.validate(doc, SCHEMA)
    major, minor, _ = (int(x) for x in doc["schema_version"].split("."))
    assert (major, minor) >= (1, 1)  # headline figures since 1.1.0
    [killed] = [f for f in doc["stories"][0]["headline_figures"] if f["measure"] == "killed"]
    assert (killed["value"], killed["label"]) == (3, "update")
    assert killed["history"][0]["date"] == "2024-05-01"
    assert killed["evidence"] and killed["evidence"][0]["sentence"].startswith("Three people")


def test_the_update_label_is_in_the_schema() -> None:
    labels = SCHEMA["$defs"]["label"]["enum"]
    assert "update" in labels and "conflicting" in labels
    sections = SCHEMA["$defs"]["brief_sentence"]["properties"]["section"]["enum"]
    assert str(Section.UPDATES) in sections


def test_html_shows_the_figure_escaped(report: StoryReport) -> None:
    page = render_html.report_html([report])
    assert "Headline figures" in page and 'class="label update"' in page
    assert "rose from 2 to 3" in page
    assert "<script>" not in page and "<b>Post" not in page
    assert "Valley &lt;b&gt;Post" in page


def test_revised_fact_groups_have_their_own_section(report: StoryReport) -> None:
    updates = [s for s in report.brief.sentences if s.section is Section.UPDATES]
    assert updates and all(s.group_id for s in updates)
    assert "How figures changed" in render_markdown.story_markdown(report)


_HOSTILE = st.text(alphabet=st.sampled_from(list("<>&\"'*_|[]`ab ")), max_size=8).map(
    lambda t: f"<script>{t}</script>"
)


@settings(max_examples=25, deadline=None)
@given(outlet=_HOSTILE, sentence=_HOSTILE, note=_HOSTILE)
def test_figures_render_escaped_whatever_the_text(outlet: str, sentence: str, note: str) -> None:
    article = make_article(f"Two people were hurt. {sentence}", outlet=outlet)
    statement = EventMeasure(
        "e1", article.id, 0, sentence, "injured", 2.0, "Two people", 0, 10, published="2024-05-02"
    )
    figure = HeadlineFigure(
        "injured",
        2.0,
        "Two people",
        Agreement.UPDATE,
        (statement,),
        note=f"rose to 2, per {note}",
        history=(FigureStep(1.0, "one", Bound.EQ, "2024-05-01", (SourceRef(article.id, outlet),)),),
        disputed=(statement,),
    )
    story = Story("s-x", "A headline", [article.id])
    analyses = [ArticleAnalysis(article)]
    brief = build_brief(story, analyses, [], figures=[figure])
    report = StoryReport(story, analyses, [], [], brief, figures=[figure])
    page = render_html.report_html([report])
    assert "<script>" not in page and "&lt;script&gt;" in page
    md = render_markdown.story_markdown(report)
    assert "<script>" not in md and "\\<script\\>" in md
    jsonschema.validate(render_json.report_document([report]), SCHEMA)
