"""Find active content in newsdesk's outputs: what a crafted field must never become.

Markdown is parsed with markdown-it-py (CommonMark plus tables, no linkify): no raw HTML,
no image, and no link but the index's links to ``stories/*.md``. The HTML report is parsed
with the standard library's HTMLParser: no element outside the fixed set the renderer
writes, no event-handler attribute, no link leaving the page, every ``#anchor`` present
once. The JSON must parse.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HTML_TAGS = frozenset(
    "html head meta title style body nav ol ul li a article h1 h2 p span b br table tr td th "
    "sup code div details summary pre hr".split()
)
"""Every element render_html writes."""
_STORY_LINK = re.compile(r"stories/s-[0-9a-f]+(?:-\d+)?\.md")


def _tokens(tokens: list[Any]) -> list[Any]:
    out = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_tokens(token.children))
    return out


def markdown_problems(text: str, *, index: bool = False) -> list[str]:
    """What in ``text`` renders as HTML, an image or a link (index: story links allowed)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    problems = []
    for token in _tokens(md.parse(text)):
        if token.type in ("html_block", "html_inline"):
            problems.append(f"raw HTML: {token.content[:60]!r}")
        elif token.type == "image":
            problems.append(f"image: {token.attrGet('src')!r}")
        elif token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not (index and _STORY_LINK.fullmatch(href)):
                problems.append(f"link: {href[:60]!r}")
    return problems


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.ids: Counter[str] = Counter()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            self.problems.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("src", "srcdoc", "formaction", "style"):
                self.problems.append(f"attribute {name}= on <{tag}>")
            if name == "id" and value is not None:
                self.ids[value] += 1
            if name == "href" and value is not None:
                self.hrefs.append(value)
                if not value.startswith("#"):
                    self.problems.append(f"link leaving the page: {value[:60]!r}")


def html_problems(text: str) -> list[str]:
    parser = _Collector()
    parser.feed(text)
    parser.close()
    problems = parser.problems
    problems += [f"id used {n} times: {i}" for i, n in parser.ids.items() if n > 1]
    problems += [
        f"dangling anchor {h}"
        for h in parser.hrefs
        if h.startswith("#") and h[1:] not in parser.ids
    ]
    return problems


def check_folder(out: Path) -> list[str]:
    """Problems in a ``newsdesk run --out`` folder (``[]`` when every output is inert)."""
    problems: list[str] = []
    if not out.is_dir():
        return [f"no output folder {out}"]
    for path in sorted(out.rglob("*.md")):
        index = path.name == "index.md"
        problems += [
            f"{path.name}: {p}" for p in markdown_problems(path.read_text("utf-8"), index=index)
        ]
    html = out / "briefs.html"
    if html.exists():
        problems += [f"briefs.html: {p}" for p in html_problems(html.read_text("utf-8"))]
    data = out / "briefs.json"
    if data.exists():
        try:
            json.loads(data.read_text("utf-8"))
        except ValueError as exc:
            problems.append(f"briefs.json: {exc}")
    return problems
