"""No crafted field becomes active in any output: Markdown rendered with markdown-it-py,
the HTML report parsed, citation anchors unique per story."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from make_corpus import CRAFTED, jsonl_record
from markdown_it import MarkdownIt
from output_checks import check_folder, html_problems, markdown_problems

from newsdesk import pipeline
from newsdesk._unicode import valid_text
from newsdesk.brief.escape import md_code, md_link, md_text, safe_url
from newsdesk.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
MD = MarkdownIt("commonmark").enable("table")


def _crafted_corpus(folder: Path) -> Path:
    """JSONL reports whose every field carries markup: two stories of two reports each."""
    rnd = random.Random(8)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for n, crafted in enumerate(CRAFTED):
        story = "Ashvale river flood" if n % 2 else "Korvel tunnel fire"
        body = (
            f"The {story} forced {100 + n} residents from their homes on Monday, officials said. "
            f"{crafted} Rescue teams worked through the night."
        )
        lines.append(
            jsonl_record(
                rnd,
                title=f"{crafted} {story}",
                outlet=crafted,
                author=crafted,
                url=rnd.choice(
                    ["javascript:alert(1)", "data:text/html,x", f"https://ok.example/{n}"]
                ),
                text=body,
                published=f"2024-03-0{1 + n % 2}",
            )
        )
    path = folder / "crafted.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    crafted = _crafted_corpus(root / "in")
    with Store(root / "nd.db") as store:
        result = pipeline.run(store, [EXAMPLES, crafted], root / "out")
    assert not result.ingest.errors
    assert len(result.stories) >= 4
    return root / "out"


def test_demo_outputs_hold_no_active_content(demo_out: Path) -> None:
    assert check_folder(demo_out) == []


def test_every_crafted_field_is_shown_as_text(demo_out: Path) -> None:
    texts = []
    for path in sorted((demo_out / "stories").glob("*.md")):
        tokens = MD.parse(path.read_text("utf-8"))
        texts += [
            t.content for tok in tokens if tok.children for t in tok.children if t.type == "text"
        ]
    shown = " ".join(texts)
    for crafted in ("<img src=x onerror=alert(3)>", "[click me](javascript:alert(1))"):
        assert crafted in shown


def test_index_links_only_to_story_files(demo_out: Path) -> None:
    index = (demo_out / "index.md").read_text("utf-8")
    links = [
        t.attrGet("href")
        for tok in MD.parse(index)
        if tok.children
        for t in tok.children
        if t.type == "link_open"
    ]
    stories = {f"stories/{p.name}" for p in (demo_out / "stories").glob("*.md")}
    assert set(links) == stories


def test_html_anchors_are_unique_and_stay_in_their_story(demo_out: Path) -> None:
    html = (demo_out / "briefs.html").read_text("utf-8")
    assert html_problems(html) == []
    for article in html.split("<article ")[1:]:
        story = article.split('"', 2)[1]
        for href in article.split('href="#')[1:]:
            assert href.startswith(story + "-a"), "a citation jumps out of its story"


def test_a_break_in_the_markdown_checker_would_be_seen() -> None:
    assert markdown_problems("[x](javascript:alert(1)) <b>hi</b> ![i](y.png)")


TEXT = st.text(st.characters(codec="utf-8"), max_size=80).map(valid_text)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_md_text_renders_as_exactly_its_text(text: str) -> None:
    expected = " ".join(text.split())
    tokens = MD.parse(md_text(text))
    if not expected:
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert all(c.type == "text" for c in children), [c.type for c in children]
    assert "".join(c.content for c in children) == expected


@settings(max_examples=200, deadline=None)
@given(TEXT.filter(str.strip))
def test_md_code_renders_as_a_literal_code_span(text: str) -> None:
    (inline,) = [t for t in MD.parse("x " + md_code(text)) if t.type == "inline"]
    spans = [c for c in inline.children or [] if c.type == "code_inline"]
    assert [c.content for c in spans] == [" ".join(text.split())]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "//evil.example/x",
        "https://",
        "https://ok.example/\nx",
        'https://ok.example/"onmouseover=x',
        "file:///etc/passwd",
    ],
)
def test_unsafe_urls_never_become_links(url: str) -> None:
    assert safe_url(url) is None
    assert markdown_problems(md_link("label", url)) == []


def test_safe_urls_are_percent_encoded_links() -> None:
    link = md_link("A [report]", "https://ok.example/a)(c")
    (inline,) = [t for t in MD.parse(link) if t.type == "inline"]
    opened = [c for c in inline.children or [] if c.type == "link_open"]
    assert [c.attrGet("href") for c in opened] == ["https://ok.example/a%29%28c"]
