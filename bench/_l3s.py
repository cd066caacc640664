"""L3S-GN1 pages for the clean and HTML benchmarks: the fixed split, and each annotated page
rendered as scraped plain text (one block per line) with the label of every line.

The annotated copy of a page wraps every text block in ``<span class="x-nc-selN">``:
1 headline, 2 full text, 3 supplemental (captions, bylines, datelines), 4 related content,
5 comments, 0 or no span: not content (navigation, footers, ads). A page is rendered the way
a scraper flattens it: block elements (``p``, ``div``, ``td``, ``li``, ``h1``...) and ``<br>``
end a line, inline elements (``a``, ``b``, ``span``...) do not; scripts, styles and blocks the
annotators marked invisible are dropped. A line takes the label that covers most of its
characters. Body lines are labels 1 and 2; debris lines are 0, 3, 4 and 5.

The split is fixed by a stable hash of the file name: about 60% of the pages are ``dev``
(rules, thresholds and the line model come from these only) and 40% ``test`` (measured,
gated in CI, never looked at line by line).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from _data import DATA

ROOT = DATA / "l3s-gn1-dev"
LABELS = {0: "boilerplate", 1: "headline", 2: "fulltext", 3: "supplemental", 4: "related",
          5: "comments"}  # fmt: skip
BODY_LABELS = frozenset({1, 2})
DEBRIS_LABELS = (0, 3, 4, 5)

_BLOCK = frozenset(
    """p div section article header footer aside nav blockquote pre h1 h2 h3 h4 h5 h6 ul ol li
    dl dt dd table tr td th tbody thead tfoot form fieldset figure figcaption hr br main address
    center caption title body html frameset frame iframe noframes label legend menu button
    option""".split()
)
_DROP = frozenset({"script", "style", "noscript", "head", "select", "textarea", "object", "embed"})
_SEL = re.compile(r"\bx-nc-sel(\d)\b")


def part(name: str) -> str:
    """``dev`` or ``test``, fixed by the SHA-256 of the file name (2 in 5 pages are test)."""
    h = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16)
    return "test" if h % 5 < 2 else "dev"


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    lines: tuple[tuple[str, int], ...]
    """Rendered lines and their labels."""
    original: Path
    """The page as crawled (for the HTML benchmark)."""
    site: str | None = None
    """:func:`site_of` the page (for per-outlet statistics in batch mode)."""

    @property
    def text(self) -> str:
        """The page as scraped text: one block per line."""
        return "\n".join(t for t, _ in self.lines)

    @property
    def body(self) -> str:
        """The annotated article text (full-text lines), paragraphs one per line."""
        return "\n".join(t for t, label in self.lines if label == 2)


def render(html: str) -> list[tuple[str, int]]:
    """The page's text blocks, one per line, with the label covering most of each line."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    out: list[tuple[str, int]] = []
    pending: list[tuple[str, int]] = []

    def flush() -> None:
        text = " ".join("".join(t for t, _ in pending).split())
        if text:
            weight: Counter[int] = Counter()
            for piece, label in pending:
                weight[label] += len("".join(piece.split()))
            out.append((text, weight.most_common(1)[0][0]))
        pending.clear()

    def walk(el: lxml.html.HtmlElement, label: int) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        cls = el.get("class") or "" if tag else ""
        if not tag or tag in _DROP or "x-nc-invisible" in cls:
            return
        m = _SEL.search(cls)
        own = int(m.group(1)) if m else label
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            pending.append((el.text, own))
        for child in el:
            walk(child, own)
            if child.tail:
                pending.append((child.tail, own))
        if block:
            flush()

    walk(root, 0)
    flush()
    return out


_NOT_A_SITE = re.compile(
    r"doubleclick|googlesyndication|google\.|adserver|adtech|^ads?\.|\.ads\.|facebook|twitter"
    r"|digg\.com|del\.icio\.us|reddit|stumbleupon|w3\.org|adobe|macromedia|feedburner"
)
_HREF = re.compile(r"""href\s*=\s*["']?(https?://[^"'\s>]+)""", re.I)


def site_of(html: str) -> str | None:
    """The site a page most links to (ad, social and aggregator hosts aside), as the last two
    labels of its host (three under a two-letter country second level: ``bbc.co.uk``).
    L3S-GN1 pages come without their URL; this stands in for the host a scraper knows."""
    from urllib.parse import urlsplit

    counts: Counter[str] = Counter()
    for m in _HREF.finditer(html):
        try:
            host = (urlsplit(m.group(1)).hostname or "").lower()
        except ValueError:
            continue
        if not host or _NOT_A_SITE.search(host):
            continue
        labels = host.split(".")
        keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
        counts[".".join(labels[-keep:])] += 1
    return counts.most_common(1)[0][0] if counts else None


def load(which: str = "all", data: Path = DATA) -> list[Page]:
    """The rendered pages of one part (``dev``, ``test`` or ``all``), sorted by name."""
    root = data / "l3s-gn1-dev"
    pages = []
    for path in sorted((root / "annotated").glob("*.html")):
        if which != "all" and part(path.name) != which:
            continue
        html = path.read_bytes().decode("utf-8", errors="replace")
        lines = tuple(render(html))
        if lines:
            pages.append(Page(path.name, lines, root / "original" / path.name, site_of(html)))
    return pages
