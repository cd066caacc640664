from __future__ import annotations

from _factories import make_article
from newsdesk.brief import build_brief, summarize
from newsdesk.brief.render_html import report_html
from newsdesk.records import (
    Agreement,
    ArticleAnalysis,
    Bound,
    Fact,
    FactGroup,
    Quantity,
    Section,
    Story,
    StoryReport,
)

LEAD = "Floodwaters forced {n} families from riverside homes in Ashvale on Monday, officials said."
EXTRA = [
    "The regional emergency office opened two shelters in school gymnasiums on higher ground.",
    "Forecasters expect the river to crest late on Tuesday before slowly receding again.",
    "Local shops along the embankment stacked sandbags at dawn to keep the water out.",
]


def _articles() -> list:  # type: ignore[type-arg]
    a = make_article(" ".join([LEAD.format(n=120), *EXTRA]), outlet="Harbor Ledger", source="a")
    b = make_article(
        LEAD.format(n=118) + " Residents were told to stay away.", outlet="Valley Post", source="b"
    )
    return [a, b]


def test_summary_sentences_cite_every_report_that_says_them() -> None:
    a, b = _articles()
    top = summarize([a, b])[0]
    assert "Floodwaters forced" in top.text
    assert {r.article_id for r in top.sources} == {a.id, b.id}


def test_one_report_cannot_fill_the_summary() -> None:
    a, b = _articles()
    picked = summarize([a, b], max_sentences=4, per_article=2)
    assert sum(any(r.article_id == a.id for r in s.sources[:1]) for s in picked) <= 2


def test_single_report_section_does_not_repeat_agreeing_sentences() -> None:
    a, b = _articles()
    sentence = a.text.split(". ")[0] + "."
    q = Quantity("120", 0, 3, value=120.0, unit="families")
    f1 = Fact("f1", a.id, 0, sentence, q, "families", "evacuated")
    f2 = Fact("f2", b.id, 0, sentence, q, "families", "evacuated")
    f3 = Fact("f3", a.id, 0, sentence, Quantity("two", 0, 3, 2.0, unit="shelters"), "x", "y")
    agree = FactGroup("g1", "families", "evacuated", Agreement.CORROBORATED, [f1, f2], 2)
    single = FactGroup("g2", "x", "y", Agreement.SINGLE_SOURCE, [f3], 1)
    story = Story("s-1", "Flood", [a.id, b.id])
    brief = build_brief(story, [ArticleAnalysis(a), ArticleAnalysis(b)], [agree, single])
    sections = [s.section for s in brief.sentences if s.text == sentence]
    assert sections.count(Section.AGREE) == 1
    assert Section.SINGLE not in sections


def test_html_escapes_article_text() -> None:
    evil = make_article(
        "<script>alert(1)</script> Officials said <b>12</b> were hurt.",
        title="<img src=x onerror=alert(1)>",
        outlet="<i>Post</i>",
    )
    story = Story("s-2", evil.title, [evil.id])
    analyses = [ArticleAnalysis(evil)]
    q = Quantity("12", 0, 2, 12.0, bound=Bound.EQ)
    fact = Fact("f", evil.id, 0, evil.text, q, "people", "hurt")
    groups = [FactGroup("g", "people", "hurt", Agreement.SINGLE_SOURCE, [fact], 1)]
    report = StoryReport(story, analyses, [], groups, build_brief(story, analyses, groups))
    page = report_html([report])
    assert "<script>" not in page and "<img" not in page and "<i>Post" not in page
    assert "&lt;script&gt;" in page
