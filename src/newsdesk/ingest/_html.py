"""HTML pages -> RawDocument via trafilatura; HTML fragments (feed content) -> text.

Needs decoded HTML (see ``_decode``); produces a :class:`~newsdesk.records.RawDocument` whose
text has one paragraph per block of trafilatura's extracted body (blank lines between), with
every block element and line break separating text: quotes, nested divs and layout-table
cells give paragraphs of their own, data-table rows ``a | b | c`` lines, lists ``- item`` lines
(the blocks of one item joined by `` · ``).
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.errors import InputError
from newsdesk.ingest._decode import decode_text, sniff_charset
from newsdesk.ingest._meta import clean_outlet, outlet_from_url, split_authors
from newsdesk.ingest._page_meta import page_meta
from newsdesk.ingest._types import ReadResult
from newsdesk.records import PAGE_TEXT, RawDocument

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "figure",
        "figcaption",
        "hr",
        "main",
        "address",
    }
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg")


def read_html(data: bytes, source: str) -> ReadResult:
    """A whole HTML file (already gunzipped): one document."""
    decoded = decode_text(data, source, declared=sniff_charset(data))
    doc = extract_article(decoded.text, source, fmt="html", repairs=decoded.repairs)
    return ReadResult((doc,))


def _strip_xml_declaration(html: str) -> str:
    # lxml refuses str input that carries an encoding declaration; the text is decoded.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)


_HOVER_WORDS = re.compile(r"rollover|tooltip|hovercard|popover", re.I)
_HIDDEN_CLASS = re.compile(r"(?:^|[\s_-])(?:rollover|tooltip|hovercard|popover)(?:$|[\s_-])", re.I)


def _drop_hover_cards(tree: Any) -> None:
    """Drop hover cards and tooltips, whose text would otherwise be glued into the
    paragraph that carries them ("Ann LeeAnn LeeSenator, ...: ...").

    Dropping every hidden/``aria-hidden``/``display:none`` element as well was measured on
    the Zyte benchmark: no F1 gain and lower recall, so only these classes go."""
    doomed = [
        el
        for el in tree.iter()
        if isinstance(el.tag, str)
        and el.tag not in ("html", "body", "head")
        and _HIDDEN_CLASS.search(el.get("class") or "")
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


UNCLOSED_TITLE = "unclosed <title> dropped: it swallowed the page"


def _swallowed_by_title(tree: Any) -> bool:
    """An unclosed ``<title>`` whose text is the rest of the page (markup included)."""
    if tree.find(".//body") is not None:
        return False
    title = tree.find(".//title")
    text: str = (title.text or "") if title is not None else ""
    return len(text) > 1000 and "<" in text


def _load(html: str, source: str) -> Any:
    import lxml.etree
    from trafilatura.utils import load_html

    try:
        tree = load_html(_strip_xml_declaration(html))
    except Exception as exc:  # third-party parser: any failure means unparseable input
        raise InputError(source, f"malformed: HTML could not be parsed ({exc})") from exc
    if tree is None:  # trafilatura judged it not quite HTML; lxml reads what a browser would
        import lxml.html

        try:
            tree = lxml.html.document_fromstring(_strip_xml_declaration(html))
        except (ValueError, lxml.etree.ParserError) as exc:
            raise InputError(source, f"malformed: not an HTML document ({exc})") from exc
    return tree


def _parse(html: str, source: str) -> tuple[Any, tuple[str, ...]]:
    """The page as parsed by trafilatura's own loader (so extraction sees what it expects),
    and what had to be repaired to parse it."""
    tree = _load(html, source)
    repairs: tuple[str, ...] = ()
    if _swallowed_by_title(tree):
        tree = _load(re.sub(r"<title\b[^>]*>", "", html, count=1, flags=re.I), source)
        repairs = (UNCLOSED_TITLE,)
    if _HOVER_WORDS.search(html):
        _drop_hover_cards(tree)
    return tree, repairs


class _HashOnce(tuple[str, ...]):
    """A tuple that computes its hash once (a plain tuple hashes every element each time)."""

    _hash: int | None = None

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = tuple.__hash__(self)
        return self._hash


def _stoplist_hashed_once() -> None:
    """trafilatura's justext fallback passes its stoplist, a tuple of ~150,000 words, to
    justext's ``lru_cache``d ``define_stoplist`` on every page, which hashes the whole tuple
    each time: ~2.3 ms a page, most of the cost of a small page. The same words in a tuple
    that hashes once give the same cache entry at no cost."""
    from trafilatura import external

    stoplist: Any = external.JT_STOPLIST
    if not isinstance(stoplist, _HashOnce):
        external.JT_STOPLIST = _HashOnce(stoplist or external.jt_stoplist_init())  # type: ignore[assignment]


def _bare_extraction(tree: Any, source: str, url: str | None) -> Any:
    import trafilatura

    _stoplist_hashed_once()
    try:
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=False, include_comments=False, include_tables=True
        )
    except Exception as exc:  # third-party extractor: any failure means unusable input
        raise InputError(source, f"malformed: HTML could not be parsed ({exc})") from exc


ITEM_PARTS = " · "
"""Joins the blocks of one list item (a teaser's headline and its summary) on its line."""
_BLOCK_ELEMENTS = frozenset(
    {"p", "head", "quote", "list", "item", "table", "row", "cell", "div", "section", "code",
     "pre", "figure", "note", "details", "summary", "blockquote", "graphic", "lb"}
)  # fmt: skip
"""Elements of trafilatura's output tree that never share a line with the text beside them."""


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(element: Any) -> bool:
    """An element of the extracted body that a reader never sees (``display:none``, the
    ``hidden`` attribute): structured data or a template, which trafilatura's own text skips."""
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _inline(element: Any, parts: list[str]) -> None:
    """Inline text of ``element`` (``<lb/>`` a line break), nested blocks on their own lines."""
    if element.text:
        parts.append(element.text)
    for child in element:
        if _hidden(child):
            parts.append(child.tail or "")
            continue
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag in _BLOCK_ELEMENTS:
            parts.append("\n")
            _inline(child, parts)
            parts.append("\n")
        else:
            _inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def _lines(element: Any) -> list[str]:
    parts: list[str] = []
    _inline(element, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def _is_layout_row(row: Any) -> bool:
    """A row used for page layout, not data: one cell with text, or a cell holding blocks."""
    cells = [c for c in row.iter("cell") if "".join(c.itertext()).strip()]
    return len(cells) <= 1 or any(
        child.tag in _BLOCK_ELEMENTS and child.tag != "lb" for c in cells for child in c
    )


def _table_blocks(table: Any) -> list[str]:
    """Data rows as ``a | b | c`` lines (one block); the cells of layout rows as paragraphs."""
    blocks: list[str] = []
    rows: list[str] = []
    for row in table.iter("row"):
        if _is_layout_row(row):
            if rows:
                blocks.append("\n".join(rows))
                rows = []
            for cell in row.iter("cell"):
                blocks.extend(_lines(cell))
        else:
            line = " | ".join(" ".join(_lines(cell)) for cell in row.iter("cell"))
            if line.strip(" |"):
                rows.append(line)
    if rows:
        blocks.append("\n".join(rows))
    return blocks


def _blocks(element: Any) -> list[str]:
    """The paragraphs of one top-level element of the extracted body: a list is one block of
    ``- item`` lines; every other block element ends a paragraph."""
    if element.tag == "list":
        items = (ITEM_PARTS.join(_lines(item)) for item in element.iter("item"))
        listed = "\n".join(f"- {item}" for item in items if item)
        return [listed] if listed else []
    if element.tag == "table":
        return _table_blocks(element)
    if element.tag in ("quote", "div", "section", "figure", "note", "details") and any(
        child.tag in _BLOCK_ELEMENTS and child.tag != "lb" for child in element
    ):
        out: list[str] = []
        if element.text and element.text.strip():
            out.append(" ".join(element.text.split()))
        for child in element:
            if not _hidden(child):
                out.extend(_blocks(child))
            if child.tail and child.tail.strip():
                out.append(" ".join(child.tail.split()))
        return out
    text = "\n".join(_lines(element))
    return [text] if text else []


def body_paragraphs(body: Any, title: str | None) -> list[str]:
    """The extracted body's blocks as paragraphs, minus a leading heading that repeats the title."""
    paragraphs = [text for child in body if not _hidden(child) for text in _blocks(child)]
    if paragraphs and title and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs.pop(0)
    return paragraphs


def _field(result: Any, name: str) -> Any:
    if isinstance(result, dict):
        return result.get(name)
    return getattr(result, name, None)


def extract_article(
    html: str,
    source: str,
    *,
    fmt: str,
    url: str | None = None,
    fallback_date: str | None = None,
    repairs: tuple[str, ...] = (),
) -> RawDocument:
    """Main text and metadata of one HTML page (``empty`` when nothing is left). The page is
    parsed once; metadata comes from that tree (:mod:`._page_meta`), the body from
    trafilatura's extraction of it."""
    tree, parse_repairs = _parse(html, source)
    repairs = (*repairs, *parse_repairs)
    meta = page_meta(tree, url)
    result = _bare_extraction(tree, source, url or meta.url)
    title = meta.title
    body = _field(result, "body") if result is not None else None
    paragraphs = body_paragraphs(body, title) if body is not None else []
    if not paragraphs and result is not None and _field(result, "text"):
        paragraphs = [p.strip() for p in str(_field(result, "text")).split("\n") if p.strip()]
    if not paragraphs:
        whole = page_text(tree)
        if not whole:
            raise InputError(source, "empty: no text found in the HTML")
        paragraphs, repairs = [whole], (*repairs, PAGE_TEXT)
    page_url = url or meta.url
    return RawDocument(
        source=source,
        format=fmt,
        text="\n\n".join(paragraphs),
        title=title,
        authors=split_authors(meta.authors or ""),
        published=meta.published or fallback_date,
        outlet=clean_outlet(meta.outlet) or outlet_from_url(page_url),
        url=page_url,
        repairs=repairs,
    )


# ---------------------------------------------------------------- fragments


def _walk(element: Any, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in _BLOCK_TAGS
    if block:
        out.append("\n\n")
    if tag.lower() == "br":
        out.append("\n")
    out.append(element.text or "")
    for child in element:
        _walk(child, out)
    if block:
        out.append("\n\n")
    out.append(element.tail or "")


_PAGE_DROP = frozenset({*_DROP_TAGS, "head", "select", "textarea", "button", "input"})


def page_text(tree: Any) -> str:
    """The visible text of a whole page, one block per line (block elements and ``<br>`` end
    a line; scripts, styles, forms and comments dropped): what a scraper would save."""
    lines: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        line = " ".join("".join(pending).split())
        if line:
            lines.append(line)
        pending.clear()

    def walk(element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _PAGE_DROP:
            return
        block = tag in _BLOCK_TAGS or tag in ("br", "td", "th", "tr", "title", "body", "li")
        if block:
            flush()
        pending.append(element.text or "")
        for child in element:
            walk(child)
            pending.append(child.tail or "")
        if block:
            flush()

    body = tree.find(".//body")
    if body is not None:
        walk(body)
    else:  # a broken page whose text the parser left in <head>
        for child in tree.iter("head"):
            child.tag = "div"
        walk(tree)
    flush()
    return "\n".join(lines)


def fragment_to_text(html: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs (blank lines),
    ``<br>`` a line break; scripts and styles are dropped."""
    import lxml.html
    from lxml import etree

    if "<" not in html:
        return _normalise_paragraphs(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _normalise_paragraphs(html)
    etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    out: list[str] = []
    _walk(root, out)
    return _normalise_paragraphs("".join(out))


def _normalise_paragraphs(text: str) -> str:
    blocks = re.split(r"\n\s*\n", text)
    paragraphs = []
    for block in blocks:
        lines = (" ".join(line.split()) for line in block.split("\n"))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)
