"""Escaping for every renderer: untrusted text in, inert Markdown or HTML out.

Needs: any string that came from an input (title, outlet, author, article text, file name,
URL) or was derived from one (a fact's subject, a brief sentence).
Produces: Markdown and HTML fragments in which that text is only text: never a heading,
list, table cell break, emphasis, code span, raw HTML, image or link, and never a link to
anything but an ``http(s)`` URL. Every renderer (and every new brief section) builds its
output from these helpers instead of escaping on its own.

Markdown (CommonMark, plus GitHub tables): :func:`md_text` collapses whitespace (so a field
stays on its line), backslash-escapes the punctuation that can open markup anywhere on a
line, and the characters that open a block at its start; :func:`md_code` is a code span
whose fence outgrows any backtick run inside; :func:`md_link` writes a link only for a safe
URL and percent-encodes it, else the bare escaped label.
HTML: :func:`html_text` escapes ``& < > " '``; :func:`html_link` gives an ``<a>`` only for
a safe URL; :func:`anchor` makes an element id that is unique per story and safe.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlsplit

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
"""Punctuation that opens markup anywhere: emphasis, code, links and images (``!`` is
harmless once ``[`` is escaped), raw HTML and autolinks, tables, strike-through, entity
references, headings' closing hashes."""
_MD_BLOCK_START = re.compile(r"^([-+=>:]|\d{1,9}(?=[.)]))")
"""What opens a block when it starts a line: list and quote markers, setext underlines,
definition lists, ordered-list numbers (their ``.``/``)`` is escaped)."""
_SAFE_SCHEMES = ("http", "https")
_URL_SAFE = "/:?#[]@!$&'*+,;=%-._~"


def md_text(text: str) -> str:
    """``text`` as inert inline Markdown on one line."""
    text = _MD_INLINE.sub(r"\\\1", " ".join(text.split()))
    match = _MD_BLOCK_START.match(text)
    if match is None:
        return text
    if match.group(1)[0].isdigit():
        end = match.end()
        return f"{text[:end]}\\{text[end:]}"
    return "\\" + text


def md_code(text: str) -> str:
    """``text`` as an inline code span (shown literally, never markup)."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def safe_url(url: str | None) -> str | None:
    """``url`` percent-encoded when it is an ``http(s)`` URL with a host, else ``None``."""
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() or ord(ch) < 32 or ch in '<>\\"`' for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.hostname:
        return None
    return quote(url, safe=_URL_SAFE).replace("(", "%28").replace(")", "%29")


def md_link(label: str, url: str | None) -> str:
    """A Markdown link to ``url`` when it is safe, else only the escaped label."""
    target = safe_url(url)
    return f"[{md_text(label)}]({target})" if target else md_text(label)


def md_relative_link(label: str, path: str) -> str:
    """A link to one of newsdesk's own files (``path`` relative, percent-encoded)."""
    return f"[{md_text(label)}]({quote(path, safe='/-._~')})"


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content and quoted attribute values."""
    return escape(text, quote=True)


def html_link(label: str, url: str | None) -> str:
    """An ``<a>`` to ``url`` when it is safe, else the escaped label."""
    target = safe_url(url)
    if target is None:
        return html_text(label)
    return f'<a href="{html_text(target)}" rel="noopener noreferrer">{html_text(label)}</a>'


def anchor(*parts: str | int) -> str:
    """An element id from ``parts`` (e.g. a story id and a report number): letters,
    digits and ``-`` only, so it needs no escaping and two stories never share one."""
    return "-".join(re.sub(r"[^A-Za-z0-9]+", "-", str(p)).strip("-") or "x" for p in parts)
