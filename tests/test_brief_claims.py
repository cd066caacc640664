"""Claim groups and attribution fields in every output format (JSON schema 1.2, Markdown,
HTML): labels, origins, who says it via which primary source, conflicts side by side,
group ids on brief sentences, and escaping of hostile text. Records are made by hand (the
claims are fictional), then go through the real brief builder and renderers."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from _factories import make_article
from newsdesk.brief import build_brief, render_html, render_json, render_markdown
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Attribution,
    Claim,
    ClaimGroup,
    Section,
    Story,
    StoryReport,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema/newsdesk-report.v1.schema.json").read_text())

AGREED_A = "The mayor of Lind said the bridge will reopen on Friday."
AGREED_B = "Lind's bridge reopens on Friday, the mayor said."
SAID_A = "The toll is *free* for <b>residents</b> | says the council."
SAID_B = "The toll stays at four crowns for residents, the council said."
LONE = "A ferry will run <script>x</script> until the bridge reopens."


@pytest.fixture(scope="module")
def report() -> StoryReport:
    a = make_article(f"{AGREED_A} {SAID_A} {LONE}", outlet="Lind <i>Post</i>", title="Bridge")
    b = make_article(f"{AGREED_B} {SAID_B}", outlet="Coast Wire", title="Bridge reopens")
    attribution = Attribution(
        source="Mayor Oda Venn",
        cue="said",
        content="the bridge will reopen on Friday",
        sentence_index=0,
        source_text="The mayor of Lind",
        recipient="Lind Radio",
        source_span=(0, 17),
        cue_span=(18, 22),
        content_span=(23, 56),
    )
    analyses = [
        ArticleAnalysis(a, attributions=[attribution], primary_sources=["Mayor Oda Venn"]),
        ArticleAnalysis(b),
    ]
    agreed = ClaimGroup(
        "cg-agreed",
        Agreement.CORROBORATED,
        [
            Claim("c1", a.id, 0, AGREED_A, ("bridge", "reopen"), ("Mayor Oda Venn",)),
            Claim("c2", b.id, 0, AGREED_B, ("bridge", "reopen"), ("Lind Radio",)),
        ],
        independent_origins=2,
        origins=["mayor oda venn", "lind radio"],
    )
    conflict = ClaimGroup(
        "cg-toll",
        Agreement.CONFLICTING,
        [
            Claim("c3", a.id, 1, SAID_A, ("toll", "residents"), ("council",)),
            Claim("c4", b.id, 1, SAID_B, ("toll", "residents"), ("council",)),
        ],
        independent_origins=1,
        origins=["council"],
    )
    lone = ClaimGroup("cg-lone", Agreement.SINGLE_SOURCE, [Claim("c5", a.id, 2, LONE, ("ferry",))])
    claims = [agreed, conflict, lone]
    story = Story("s-bridge", "Lind bridge", [a.id, b.id])
    brief = build_brief(story, analyses, [], (), claims)
    return StoryReport(story, analyses, [], [], brief, claims=claims)


def _by_section(report: StoryReport, section: Section) -> list[str | None]:
    return [s.group_id for s in report.brief.sentences if s.section is section]


def test_brief_sentences_carry_their_claim_group(report: StoryReport) -> None:
    assert _by_section(report, Section.AGREE) == ["cg-agreed"]
    assert set(_by_section(report, Section.DIFFER)) == {"cg-toll"}
    assert _by_section(report, Section.SINGLE) == ["cg-lone"]


def test_json_has_claim_groups_and_attribution_fields_and_validates(
    report: StoryReport,
) -> None:
    doc = render_json.report_document([report])
    jsonschema.validate(doc, SCHEMA)
    assert doc["schema_version"] == "1.2.0"
    [story] = doc["stories"]
    groups = {g["id"]: g for g in story["claim_groups"]}
    assert groups["cg-toll"]["label"] == "conflicting"
    assert [m["sentence"] for m in groups["cg-toll"]["mentions"]] == [SAID_A, SAID_B]
    voices = groups["cg-agreed"]["voices"]
    assert [(v["outlet"], v["primary_source"]) for v in voices] == [
        ("Lind <i>Post</i>", "Mayor Oda Venn"),
        ("Coast Wire", "Lind Radio"),
    ]
    assert groups["cg-agreed"]["independent_origins"] == 2
    [attr] = story["articles"][0]["attributions"]
    assert attr["source_text"] == "The mayor of Lind" and attr["recipient"] == "Lind Radio"
    assert (attr["source_span"], attr["cue_span"]) == ([0, 17], [18, 22])
    brief_ids = {s["group_id"] for s in story["brief"] if s["section"] == "differ"}
    assert brief_ids == {"cg-toll"}


def test_the_schema_rejects_a_malformed_claim_group(report: StoryReport) -> None:
    doc = render_json.report_document([report])
    del doc["stories"][0]["claim_groups"][0]["voices"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


def test_markdown_shows_labels_origins_and_conflicts_side_by_side(report: StoryReport) -> None:
    md = render_markdown.story_markdown(report)
    agree = md.split("## Where reports agree", 1)[1].split("##", 1)[0]
    assert "corroborated, 2 independent origins" in agree
    assert "Lind \\<i\\>Post\\</i\\>, citing Mayor Oda Venn" in agree
    assert "Coast Wire, citing Lind Radio" in agree
    differ = md.split("## Where they differ", 1)[1].split("## Only", 1)[0]
    assert "| report | who says it | wording |" in differ and "`cg-toll`" in differ
    assert "\\*free\\*" in differ and "\\<b\\>residents\\</b\\> \\| says" in differ
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md


def test_html_shows_labels_origins_and_escapes(report: StoryReport) -> None:
    html = render_html.story_html_body(report)
    assert "2 independent origins" in html and "citing Mayor Oda Venn" in html
    assert "Lind &lt;i&gt;Post&lt;/i&gt;" in html
    assert "<code>cg-toll</code>" in html and "&lt;b&gt;residents&lt;/b&gt;" in html
    assert "<script>" not in html and "<b>residents" not in html
