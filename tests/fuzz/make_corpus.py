"""Generate a corpus of nasty input files (and good ones) for the fuzz suite.

Usage::

    python tests/fuzz/make_corpus.py OUT_DIR [--per-kind N] [--good N] [--seed S]
        [--probe-port PORT] [--no-bombs]

Writes ``OUT_DIR/<kind>/<family>-<n>.<suffix>`` for every kind of input newsdesk reads
(:data:`KINDS`), cycling through the families of damage in :data:`FAMILIES` (truncated,
binary, wrong charsets, lone surrogates, NUL bytes, gzip bombs, deep nesting, many short
lines, XML entity expansion and external entities, malformed and whole-file-gzipped WARC,
crafted markup in every field, ...), plus ``OUT_DIR/good/`` files that must all be stored,
and ``OUT_DIR/manifest.json`` listing every file with its kind, family and whether it is
good. Same seed, same bytes. All text is generated here from word lists (fictional).

External entities point at ``file:///etc/passwd`` and at ``http://127.0.0.1:PORT/``; a test
listening on PORT sees any request newsdesk would make.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

MIB = 1024 * 1024

KINDS: dict[str, str] = {
    "txt": ".txt",
    "html": ".html",
    "html_gz": ".html.gz",
    "jsonl": ".jsonl",
    "feed": ".xml",
    "warc": ".warc",
    "warc_gz": ".warc.gz",
    "warc_whole_gz": ".warc.gz",
}
"""Kind -> file suffix. ``warc_gz`` is gzipped record by record, ``warc_whole_gz`` as one
gzip stream."""

WEIRD_CHARSETS = (
    "base64",
    "rot13",
    "rot_13",
    "punycode",
    "utf-7",
    "idna",
    "hex",
    "zlib",
    "bz2",
    "uu",
    "quopri",
    "unicode_escape",
    "raw_unicode_escape",
    "utf-16",
    "utf-32",
    "utf-16-be",
    "cp037",
    "cp1252",
    "iso-2022-jp",
    "shift_jis",
    "x-user-defined",
    "no-such-charset",
    "utf-8\x00",
    "",
    "../../etc/passwd",
    "a" * 300,
)

CRAFTED = (
    "# Injected heading",
    "[click me](javascript:alert(1))",
    "![x](javascript:alert(2))",
    "<img src=x onerror=alert(3)>",
    "<script>alert(4)</script>",
    "<a href='javascript:alert(5)'>link</a>",
    "`code` **bold** _em_ | table | cell",
    "[ref]: javascript:alert(6)",
    "<https://evil.example/autolink>",
    "- list item\n1. ordered\n> quote",
    "&lt;script&gt;entity&lt;/script&gt;",
    "\u202eRTL override\u202c",
    "\x1b[31mANSI red\x1b[0m",
    "javascript:alert(7)",
    "data:text/html,<script>alert(8)</script>",
    '"><svg onload=alert(9)>',
    "Title</title><script>alert(10)</script>",
    "line1\r\n\r\n## heading after blank",
    "| a | b |\n|---|---|\n| c | d |",
    "\\",
)

_WORDS = (
    "council harbour ferry bridge storm mayor budget river school hospital road police "
    "station market square valley island tunnel museum library railway airport festival "
    "reservoir district workers residents engineers officials volunteers inspectors"
).split()
_TOWNS = ("Port Wenna", "Ashvale", "Korvel", "Gullhaven", "Skerry Isles", "Brindle")
_NAMES = ("Ada Lindqvist", "Tomas Reyne", "Mira Osei", "Jon Halden", "Lea Brandt")
_OUTLETS = ("Coast Post", "Valley Ledger", "Harbour Times", "Island Wire", "Brindle Echo")


SCALE = 1.0
"""Sizes of the big-but-not-bomb families (many lines, many records, deep nesting) are
multiplied by this; ``generate(scale=...)`` sets it (the CI corpus uses a tenth)."""


def size(rnd: random.Random, choices: list[int]) -> int:
    """One of ``choices``, scaled by :data:`SCALE` (never below the family's point: the
    smallest deep nesting stays past the depth limit)."""
    return max(int(rnd.choice(choices) * SCALE), min(choices[0], 150))


@dataclass(frozen=True, slots=True)
class Case:
    path: str
    kind: str
    family: str
    good: bool = False


# ---------------------------------------------------------------- good content


def sentence(rnd: random.Random) -> str:
    words = " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(5, 14)))
    n = rnd.randint(2, 5000)
    town = rnd.choice(_TOWNS)
    return f"The {words} in {town} reported {n} {rnd.choice(_WORDS)} on Monday, officials said."


def paragraphs(rnd: random.Random, n: int | None = None) -> list[str]:
    count = n or rnd.randint(3, 7)
    return [" ".join(sentence(rnd) for _ in range(rnd.randint(1, 3))) for _ in range(count)]


def headline(rnd: random.Random) -> str:
    return f"{rnd.choice(_TOWNS)} {rnd.choice(_WORDS)} {rnd.choice(_WORDS)} reopens"


def good_txt(rnd: random.Random, title: str | None = None) -> bytes:
    body = "\n\n".join(paragraphs(rnd))
    return f"{title or headline(rnd)}\n\nBy {rnd.choice(_NAMES)}\n\n{body}\n".encode()


def page(title: str, paras: list[str], head: str = "", outlet: str = "Coast Post") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title>"
        f'<meta property="og:site_name" content="{outlet}"></head><body>'
        f"<nav>Home | News</nav><article><h1>{title}</h1>{body}</article></body></html>"
    )


def good_html(rnd: random.Random, title: str | None = None) -> bytes:
    head = '<meta charset="utf-8">'
    return page(title or headline(rnd), paragraphs(rnd), head, rnd.choice(_OUTLETS)).encode()


def jsonl_record(rnd: random.Random, **fields: object) -> dict[str, object]:
    site = rnd.choice(_OUTLETS).replace(" ", "").lower()
    record: dict[str, object] = {
        "url": f"https://{site}.example/{rnd.randint(1, 99999)}",
        "outlet": rnd.choice(_OUTLETS),
        "title": headline(rnd),
        "published": f"2024-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
        "author": rnd.choice(_NAMES),
        "text": "\n\n".join(paragraphs(rnd)),
    }
    record.update(fields)
    return record


def good_jsonl(rnd: random.Random, lines: int = 3) -> bytes:
    return "".join(json.dumps(jsonl_record(rnd)) + "\n" for _ in range(lines)).encode()


def feed_xml(items: list[str], decl: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return (
        f'{decl}\n<rss version="2.0"><channel><title>Coast Post</title>'
        f"<link>https://coastpost.example/</link>{''.join(items)}</channel></rss>"
    )


def feed_item(rnd: random.Random, title: str | None = None, body: str | None = None) -> str:
    text = body if body is not None else "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paragraphs(rnd))
    link = f"https://coastpost.example/{rnd.randint(1, 99999)}"
    return (
        f"<item><title>{title or headline(rnd)}</title><link>{link}</link>"
        f"<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>{text}</description></item>"
    )


def good_feed(rnd: random.Random) -> bytes:
    return feed_xml([feed_item(rnd) for _ in range(rnd.randint(1, 4))]).encode()


def warc_record(
    body: bytes,
    *,
    url: str = "https://coastpost.example/a",
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    extra_http: str = "",
    length: int | str | None = None,
    rec_type: str = "response",
) -> bytes:
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_http}\r\n"
    ).encode() + body
    declared = len(http) if length is None else length
    head = (
        f"WARC/1.0\r\nWARC-Type: {rec_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:{zlib.crc32(url.encode() + body):032x}>\r\n"
        f"WARC-Date: 2024-03-04T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {declared}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def warcinfo() -> bytes:
    info = b"software: newsdesk-fuzz\r\n"
    return (
        b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:0000>\r\n"
        b"WARC-Date: 2024-03-04T10:00:00Z\r\nContent-Type: application/warc-fields\r\n"
        + f"Content-Length: {len(info)}\r\n\r\n".encode()
        + info
        + b"\r\n\r\n"
    )


def good_warc_records(rnd: random.Random) -> list[bytes]:
    pages = [good_html(rnd) for _ in range(rnd.randint(1, 3))]
    url = "https://coastpost.example/"
    return [warcinfo()] + [warc_record(p, url=f"{url}{i}") for i, p in enumerate(pages)]


def pack_warc(records: list[bytes], mode: str) -> bytes:
    """``mode``: ``plain``, ``records`` (one gzip member each) or ``whole``."""
    if mode == "records":
        return b"".join(gzip.compress(r, mtime=0) for r in records)
    data = b"".join(records)
    return gzip.compress(data, mtime=0) if mode == "whole" else data


# ---------------------------------------------------------------- damage


def truncate(rnd: random.Random, data: bytes) -> bytes:
    return data[: rnd.randint(0, max(len(data) - 1, 0))]


def flip(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 1 + len(out) // 50)):
        if out:
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


def splice_binary(rnd: random.Random, data: bytes) -> bytes:
    at = rnd.randint(0, len(data))
    return data[:at] + rnd.randbytes(rnd.randint(1, 4096)) + data[at:]


def nul_bytes(rnd: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 20)):
        out.insert(rnd.randint(0, len(out)), 0)
    return bytes(out)


def binary(rnd: random.Random, _: bytes) -> bytes:
    return rnd.randbytes(rnd.randint(1, 20000))


def empty(rnd: random.Random, _: bytes) -> bytes:
    return rnd.choice([b"", b" \n\t\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n", b"\xff\xfe"])


_BOMB_CACHE: dict[int, bytes] = {}


def gzip_bomb(inflated: int) -> bytes:
    """A gzip stream of ``inflated`` zero bytes (about 1,000 times smaller), cached."""
    if inflated not in _BOMB_CACHE:
        comp = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = bytes(MIB)
        parts = [comp.compress(chunk) for _ in range(inflated // MIB)]
        parts.append(comp.flush())
        _BOMB_CACHE[inflated] = b"".join(parts)
    return _BOMB_CACHE[inflated]


# ---------------------------------------------------------------- families per kind


def _txt_families(bombs: bool) -> dict[str, Callable[[random.Random], bytes]]:
    def short_lines(rnd: random.Random) -> bytes:
        n = size(rnd, [2000, 5000, 10000, 20000])
        return (
            "Headline\n\n" + "\n".join(f"item {i} {rnd.choice(_WORDS)}" for i in range(n))
        ).encode()

    def long_line(rnd: random.Random) -> bytes:
        return b"Headline\n\n" + (
            rnd.choice([b"x", b"ab ", b"1,", b"!"]) * size(rnd, [10**5, 10**6])
        )

    def surrogates(rnd: random.Random) -> bytes:
        return good_txt(rnd).replace(b"The ", b"The \xed\xa0\x80 ", 2)

    def charset(rnd: random.Random) -> bytes:
        text = good_txt(rnd).decode() + " caf\u00e9 \u2014 \u00fc"
        codec = rnd.choice(
            ["latin-1", "cp1252", "utf-16-le", "utf-16", "utf-32", "cp037", "shift_jis"]
        )
        return text.encode(codec, errors="replace")

    def controls(rnd: random.Random) -> bytes:
        bad = "".join(
            chr(rnd.choice([1, 7, 8, 27, 127, 0x85, 0x9B, 0x202E, 0xFEFF])) for _ in range(40)
        )
        return (headline(rnd) + bad + "\n\n" + bad.join(paragraphs(rnd))).encode()

    def crafted(rnd: random.Random) -> bytes:
        return good_txt(rnd, title=rnd.choice(CRAFTED).replace("\n", " "))

    families: dict[str, Callable[[random.Random], bytes]] = {
        "truncated": lambda r: truncate(r, good_txt(r)),
        "flipped": lambda r: flip(r, good_txt(r)),
        "binary": lambda r: binary(r, b""),
        "spliced": lambda r: splice_binary(r, good_txt(r)),
        "nul": lambda r: nul_bytes(r, good_txt(r)),
        "empty": lambda r: empty(r, b""),
        "surrogates": surrogates,
        "charset": charset,
        "short_lines": short_lines,
        "long_line": long_line,
        "controls": controls,
        "crafted": crafted,
    }
    if bombs:
        families["oversize"] = lambda r: b"Headline\n\n" + b"word " * (2 * MIB + 100_000)
    return families


def _html_families() -> dict[str, Callable[[random.Random], bytes]]:
    def charset(rnd: random.Random) -> bytes:
        name = rnd.choice(WEIRD_CHARSETS)
        how = rnd.choice(
            [
                f'<meta charset="{name}">',
                f'<meta http-equiv="Content-Type" content="text/html; charset={name}">',
            ]
        )
        body = page(headline(rnd), paragraphs(rnd), how)
        return (
            f'<?xml version="1.0" encoding="{name}"?>' if rnd.random() < 0.3 else ""
        ).encode() + body.encode("utf-8")

    def deep(rnd: random.Random) -> bytes:
        n = size(rnd, [300, 3000, 30000, 100000])
        tag = rnd.choice(["div", "span", "b", "table", "ul"])
        inner = f"<{tag}>" * n + "Deep text, officials said." + f"</{tag}>" * rnd.choice([0, n])
        return (
            page(headline(rnd), paragraphs(rnd, 2), "")
            .replace("</article>", inner + "</article>")
            .encode()
        )

    def surrogates(rnd: random.Random) -> bytes:
        return page(
            "T &#xD800; t", [p + " &#55296; &#xDFFF; &#0; &#x110000;" for p in paragraphs(rnd)]
        ).encode()

    def short_lines(rnd: random.Random) -> bytes:
        n = size(rnd, [2000, 10000, 20000])
        return page(headline(rnd), ["<br>".join(f"line {i}" for i in range(n))]).encode()

    def crafted(rnd: random.Random) -> bytes:
        title = rnd.choice(CRAFTED).replace("<", "&lt;")
        paras = [f"{p} {rnd.choice(CRAFTED).replace('<', '&lt;')}" for p in paragraphs(rnd)]
        outlet = rnd.choice(CRAFTED).replace('"', "&quot;").replace("<", "&lt;")
        return page(title, paras, '<meta charset="utf-8">', outlet).encode()

    def unclosed(rnd: random.Random) -> bytes:
        return (
            rnd.choice([b"<!--", b"<script>", b"<![CDATA[", b"<title>", b"<style>"])
            + good_html(rnd) * 3
        )

    def attributes(rnd: random.Random) -> bytes:
        attrs = " ".join(f'a{i}="{"x" * 100}"' for i in range(size(rnd, [100, 5000])))
        return good_html(rnd).replace(b"<article>", f"<article {attrs}>".encode())

    return {
        "truncated": lambda r: truncate(r, good_html(r)),
        "flipped": lambda r: flip(r, good_html(r)),
        "binary": lambda r: binary(r, b""),
        "spliced": lambda r: splice_binary(r, good_html(r)),
        "nul": lambda r: nul_bytes(r, good_html(r)),
        "empty": lambda r: empty(r, b""),
        "charset": charset,
        "deep": deep,
        "surrogates": surrogates,
        "short_lines": short_lines,
        "crafted": crafted,
        "unclosed": unclosed,
        "attributes": attributes,
    }


def _gzipped(make: Callable[[random.Random], bytes]) -> Callable[[random.Random], bytes]:
    return lambda r: gzip.compress(make(r), mtime=0)


def _packed(
    make: Callable[[random.Random], list[bytes]], mode: str
) -> Callable[[random.Random], bytes]:
    return lambda r: pack_warc(make(r), mode)


def _gz_families(
    inner: dict[str, Callable[[random.Random], bytes]], bombs: bool
) -> dict[str, Callable[[random.Random], bytes]]:
    families = {name: _gzipped(f) for name, f in inner.items()}
    families["gz_truncated"] = lambda r: truncate(r, gzip.compress(good_html(r), mtime=0))
    families["gz_flipped"] = lambda r: flip(r, gzip.compress(good_html(r), mtime=0))
    families["gz_in_gz"] = lambda r: gzip.compress(gzip.compress(good_html(r), mtime=0), mtime=0)
    families["gz_members"] = lambda r: (
        gzip.compress(good_html(r)[:50], mtime=0) + gzip.compress(good_html(r)[50:], mtime=0)
    )
    families["gz_trailing"] = lambda r: (
        gzip.compress(good_html(r), mtime=0) + r.randbytes(r.randint(1, 100))
    )
    if bombs:
        families["bomb"] = lambda r: gzip_bomb(r.choice([64, 512]) * MIB)
        families["bomb_in_gz"] = lambda r: gzip.compress(gzip_bomb(256 * MIB), mtime=0)
    return families


def _jsonl_families(bombs: bool) -> dict[str, Callable[[random.Random], bytes]]:
    def surrogates(rnd: random.Random) -> bytes:
        field = rnd.choice(["title", "text", "outlet", "url", "author", "published"])
        record = json.dumps(jsonl_record(rnd))
        bad = rnd.choice(
            ["\\ud800", "\\udfff", "\\ud83d", "\\udc00\\ud800", "\\u0000", "\\u001b[31m"]
        )
        return (
            record.replace(f'"{field}": "', f'"{field}": "{bad}', 1) + "\n"
        ).encode() + good_jsonl(rnd, 1)

    def deep(rnd: random.Random) -> bytes:
        n = size(rnd, [50, 150, 1000, 100000])
        where = rnd.choice(["top", "field"])
        nested = "[" * n + "]" * n
        if where == "top":
            return nested.encode() + b"\n" + good_jsonl(rnd, 1)
        return f'{{"title": "x", "text": "Some body text here.", "extra": {nested}}}\n'.encode()

    def html_field(rnd: random.Random) -> bytes:
        name = rnd.choice(WEIRD_CHARSETS)
        html = page(headline(rnd), paragraphs(rnd), f'<meta charset="{name}">')
        return (json.dumps({"url": "https://x.example/1", "html": html}) + "\n").encode()

    def invalid(rnd: random.Random) -> bytes:
        lines = [
            rnd.choice(
                [
                    '{"text": "unterminated',
                    "[1, 2",
                    "NaN",
                    '{"text": NaN}',
                    "1e999999",
                    "9" * 5000,
                    "null",
                    '"just a string"',
                    "{}",
                    '{"text": 5}',
                    '{"text": ""}',
                    '{"html": ""}',
                    '{"text": "x", "text": "y"}',
                ]
            )
            for _ in range(rnd.randint(1, 6))
        ]
        return ("\n".join(lines) + "\n").encode()

    def many_lines(rnd: random.Random) -> bytes:
        return b"".join(
            json.dumps({"title": f"t{i}", "text": f"Line {i} body."}).encode() + b"\n"
            for i in range(size(rnd, [1000, 5000]))
        )

    def crafted(rnd: random.Random) -> bytes:
        fields = {k: rnd.choice(CRAFTED) for k in ("title", "outlet", "author")}
        fields["url"] = rnd.choice(
            [
                "javascript:alert(1)",
                "data:text/html,x",
                "https://ok.example/a b)",
                "ftp://x/y",
                "//evil.example",
            ]
        )
        fields["text"] = "\n\n".join(p + " " + rnd.choice(CRAFTED) for p in paragraphs(rnd))
        return (json.dumps(jsonl_record(rnd, **fields)) + "\n").encode()

    def wide(rnd: random.Random) -> bytes:
        return good_jsonl(rnd, 2).decode().encode(rnd.choice(["utf-16", "utf-32", "utf-16-le"]))

    families: dict[str, Callable[[random.Random], bytes]] = {
        "truncated": lambda r: truncate(r, good_jsonl(r)),
        "flipped": lambda r: flip(r, good_jsonl(r)),
        "binary": lambda r: binary(r, b""),
        "spliced": lambda r: splice_binary(r, good_jsonl(r)),
        "nul": lambda r: nul_bytes(r, good_jsonl(r)),
        "empty": lambda r: empty(r, b""),
        "surrogates": surrogates,
        "deep": deep,
        "html_field": html_field,
        "invalid": invalid,
        "many_lines": many_lines,
        "crafted": crafted,
        "wide": wide,
        "latin1": lambda r: good_jsonl(r).decode().replace("The", "Th\u00e9").encode("latin-1"),
    }
    if bombs:
        families["long_line"] = lambda r: (
            b'{"text": "' + b"a" * (41 * 1000 * 1000) + b'"}\n' + good_jsonl(r, 1)
        )
    return families


def _feed_families(probe: str) -> dict[str, Callable[[random.Random], bytes]]:
    def laughs(rnd: random.Random) -> bytes:
        ents = ['<!ENTITY lol0 "lol">'] + [
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
        ]
        dtd = f"<!DOCTYPE rss [{''.join(ents)}]>"
        item = feed_item(rnd, title="&lol9;", body="&lol9; &lol5;")
        return feed_xml([item], '<?xml version="1.0"?>' + dtd).encode()

    def quadratic(rnd: random.Random) -> bytes:
        dtd = f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50000}">]>'
        body = "&a;" * rnd.choice([100, 1000])
        return feed_xml([feed_item(rnd, body=body)], '<?xml version="1.0"?>' + dtd).encode()

    def external(rnd: random.Random) -> bytes:
        target = rnd.choice(
            ["file:///etc/passwd", f"{probe}/xxe", "file:///dev/zero", "file:///proc/self/environ"]
        )
        kind = rnd.choice(["entity", "param", "dtd", "xinclude", "stylesheet"])
        if kind == "entity":
            decl = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>'
            return feed_xml([feed_item(rnd, title="&xxe;", body="Leak: &xxe;")], decl).encode()
        if kind == "param":
            decl = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{target}"> %p;]>'
            return feed_xml([feed_item(rnd)], decl).encode()
        if kind == "dtd":
            decl = f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{target}">'
            return feed_xml([feed_item(rnd)], decl).encode()
        if kind == "xinclude":
            xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
            inc = f'<xi:include {xi} href="{target}" parse="text"/>'
            return feed_xml([feed_item(rnd, body=inc)]).encode()
        decl = f'<?xml version="1.0"?><?xml-stylesheet href="{target}"?>'
        return feed_xml([feed_item(rnd)], decl).encode()

    def deep(rnd: random.Random) -> bytes:
        n = size(rnd, [150, 1000, 100000])
        return feed_xml([feed_item(rnd, body="<b>" * n + "x" + "</b>" * n)]).encode()

    def charset(rnd: random.Random) -> bytes:
        name = rnd.choice(WEIRD_CHARSETS)
        return feed_xml([feed_item(rnd)], f'<?xml version="1.0" encoding="{name}"?>').encode()

    def surrogates(rnd: random.Random) -> bytes:
        return feed_xml(
            [feed_item(rnd, title="A &#xD800; B", body="x &#55296; &#0; &#x1b;[31m y" * 5)]
        ).encode()

    def crafted(rnd: random.Random) -> bytes:
        def escaped() -> str:
            return rnd.choice(CRAFTED).replace("&", "&amp;").replace("<", "&lt;")

        body = "".join(f"&lt;p&gt;{p} {escaped()}&lt;/p&gt;" for p in paragraphs(rnd))
        title = rnd.choice(CRAFTED).replace("&", "&amp;").replace("<", "&lt;")
        return feed_xml([feed_item(rnd, title=title, body=body)]).encode()

    def many(rnd: random.Random) -> bytes:
        return feed_xml(
            [feed_item(rnd, body=f"Entry {i} text.") for i in range(size(rnd, [500, 3000]))]
        ).encode()

    def cdata(rnd: random.Random) -> bytes:
        body = "<![CDATA[" + "<p>" * 2000 + "]]" + "<script>alert(1)</script>" + "]]>"
        return feed_xml([feed_item(rnd, body=body)]).encode()

    return {
        "truncated": lambda r: truncate(r, good_feed(r)),
        "flipped": lambda r: flip(r, good_feed(r)),
        "binary": lambda r: binary(r, b""),
        "spliced": lambda r: splice_binary(r, good_feed(r)),
        "nul": lambda r: nul_bytes(r, good_feed(r)),
        "empty": lambda r: empty(r, b""),
        "laughs": laughs,
        "quadratic": quadratic,
        "external": external,
        "deep": deep,
        "charset": charset,
        "surrogates": surrogates,
        "crafted": crafted,
        "many": many,
        "cdata": cdata,
    }


def _warc_families(bombs: bool) -> dict[str, Callable[[random.Random], list[bytes]]]:
    def records(rnd: random.Random) -> list[bytes]:
        return good_warc_records(rnd)

    def bad_length(rnd: random.Random) -> list[bytes]:
        length = rnd.choice(["-5", "abc", "99999999999999999999", "0", str(10**12), "1e3", ""])
        return [warcinfo(), warc_record(good_html(rnd), length=length), *good_warc_records(rnd)[1:]]

    def bad_header(rnd: random.Random) -> list[bytes]:
        rec = warc_record(good_html(rnd))
        broken = rnd.choice(
            [
                rec.replace(b"WARC/1.0", b"WARC/9.9"),
                rec.replace(b"\r\n", b"\n", 3),
                rec.replace(b"WARC-Type: response", b"WARC-Type: " + b"x" * 70000),
                rec.replace(b"Content-Length", b"Content-Lenght"),
                b"WARC/1.0\r\n" + b"X: y\r\n" * 20000 + b"\r\n",
            ]
        )
        return [warcinfo(), broken]

    def charset(rnd: random.Random) -> list[bytes]:
        name = rnd.choice(WEIRD_CHARSETS).replace("\x00", "")
        return [warcinfo(), warc_record(good_html(rnd), content_type=f"text/html; charset={name}")]

    def surrogates(rnd: random.Random) -> list[bytes]:
        html = page("A &#xD800; B", ["x &#55296; y"]).encode().replace(b" y", b" \xed\xa0\x80 y")
        record = warc_record(html, url="https://x.example/SURROGATE")
        return [warcinfo(), record.replace(b"SURROGATE", b"\xed\xa0\x80")]

    def chunked(rnd: random.Random) -> list[bytes]:
        body = rnd.choice([b"zz\r\nbroken", b"5\r\nhello\r\n", b"ffffffffff\r\nx", b"0\r\n\r\n"])
        return [warcinfo(), warc_record(body, extra_http="Transfer-Encoding: chunked\r\n")]

    def content_gzip(rnd: random.Random) -> list[bytes]:
        body = rnd.choice(
            [
                gzip.compress(good_html(rnd), mtime=0),
                b"\x1f\x8bnot gzip",
                truncate(rnd, gzip.compress(good_html(rnd), mtime=0)),
            ]
        )
        return [warcinfo(), warc_record(body, extra_http="Content-Encoding: gzip\r\n")]

    def not_html(rnd: random.Random) -> list[bytes]:
        return [
            warcinfo(),
            warc_record(rnd.randbytes(500), content_type="image/png"),
            warc_record(b"", status="301 Moved"),
        ]

    def crafted(rnd: random.Random) -> list[bytes]:
        title = rnd.choice(CRAFTED).replace("<", "&lt;")
        html = page(
            title, [p + " " + rnd.choice(CRAFTED).replace("<", "&lt;") for p in paragraphs(rnd)]
        )
        url = rnd.choice(["javascript:alert(1)", "https://x.example/<script>", "data:,x"])
        return [warcinfo(), warc_record(html.encode(), url=url)]

    def many(rnd: random.Random) -> list[bytes]:
        return [warcinfo()] + [
            warc_record(
                page(f"P{i}", [f"Page {i} text, officials said."]).encode(),
                url=f"https://x.example/{i}",
            )
            for i in range(size(rnd, [200, 1000]))
        ]

    def deep(rnd: random.Random) -> list[bytes]:
        html = page("Deep", ["<div>" * size(rnd, [50000]) + "x"])
        return [warcinfo(), warc_record(html.encode())]

    families: dict[str, Callable[[random.Random], list[bytes]]] = {
        "truncated": lambda r: [truncate(r, b"".join(records(r)))],
        "flipped": lambda r: [flip(r, b"".join(records(r)))],
        "binary": lambda r: [binary(r, b"")],
        "spliced": lambda r: [splice_binary(r, b"".join(records(r)))],
        "nul": lambda r: [nul_bytes(r, b"".join(records(r)))],
        "empty": lambda r: [empty(r, b"")],
        "bad_length": bad_length,
        "bad_header": bad_header,
        "charset": charset,
        "surrogates": surrogates,
        "chunked": chunked,
        "content_gzip": content_gzip,
        "not_html": not_html,
        "crafted": crafted,
        "many": many,
        "deep": deep,
    }
    if bombs:
        families["payload_bomb"] = lambda r: [warcinfo(), warc_record(bytes(64 * MIB))]
        families["http_gzip_bomb"] = lambda r: [
            warcinfo(),
            warc_record(gzip_bomb(512 * MIB), extra_http="Content-Encoding: gzip\r\n"),
        ]
    return families


# ---------------------------------------------------------------- corpus


def _bytes_families(
    kind: str, bombs: bool, probe: str
) -> dict[str, Callable[[random.Random], bytes]]:
    if kind == "txt":
        return _txt_families(bombs)
    if kind == "html":
        return _html_families()
    if kind == "html_gz":
        return _gz_families(_html_families(), bombs)
    if kind == "jsonl":
        return _jsonl_families(bombs)
    if kind == "feed":
        return _feed_families(probe)
    mode = {"warc": "plain", "warc_gz": "records", "warc_whole_gz": "whole"}[kind]
    warc = _warc_families(bombs)
    out = {name: _packed(f, mode) for name, f in warc.items()}
    if bombs and mode == "whole":
        out["gzip_bomb"] = lambda r: gzip_bomb(1024 * MIB)
    elif bombs and mode == "records":
        out["gzip_bomb"] = lambda r: pack_warc([warcinfo()], "records") + gzip_bomb(1024 * MIB)
    return out


CAPS = {
    "bomb": 4,
    "bomb_in_gz": 2,
    "gzip_bomb": 4,
    "payload_bomb": 2,
    "http_gzip_bomb": 3,
    "oversize": 3,
    "long_line": 2,
}
"""Families of big files (bombs, oversize) get at most this many files per kind."""


def schedule(names: list[str], count: int, seed: str) -> list[str]:
    """Which family each of ``count`` files gets: the capped ones their quota, the rest in
    turn, in a shuffled (seeded) order."""
    plan = [name for name in names if name in CAPS for _ in range(CAPS[name])][:count]
    free = [name for name in names if name not in CAPS]
    plan += [free[i % len(free)] for i in range(count - len(plan))]
    random.Random(seed).shuffle(plan)
    return plan


FAMILIES = {kind: sorted(_bytes_families(kind, True, "http://127.0.0.1:9")) for kind in KINDS}
"""Every family of damage, per kind."""


def _good(out: Path, count: int, seed: int) -> list[Case]:
    rnd = random.Random(f"good-{seed}")
    makers: list[tuple[str, Callable[[random.Random], bytes]]] = [
        ("txt", good_txt),
        ("html", good_html),
        ("html_gz", lambda r: gzip.compress(good_html(r), mtime=0)),
        ("jsonl", lambda r: good_jsonl(r, 2)),
        ("feed", good_feed),
        ("warc", lambda r: pack_warc(good_warc_records(r), "plain")),
        ("warc_gz", lambda r: pack_warc(good_warc_records(r), "records")),
        ("warc_whole_gz", lambda r: pack_warc(good_warc_records(r), "whole")),
    ]
    folder = out / "good"
    folder.mkdir(parents=True, exist_ok=True)
    cases = []
    for i in range(count):
        kind, make = makers[i % len(makers)]
        path = folder / f"good-{i:04}{KINDS[kind]}"
        path.write_bytes(make(rnd))
        cases.append(Case(str(path), kind, "good", good=True))
    return cases


def generate(
    out: Path,
    per_kind: int,
    *,
    good: int = 0,
    seed: int = 0,
    probe_port: int = 9,
    bombs: bool = True,
    kinds: tuple[str, ...] = tuple(KINDS),
    scale: float = 1.0,
) -> list[Case]:
    """Write the corpus under ``out`` and return its cases (also in ``manifest.json``)."""
    global SCALE
    SCALE = scale
    probe = f"http://127.0.0.1:{probe_port}"
    cases: list[Case] = []
    for kind in kinds:
        families = _bytes_families(kind, bombs, probe)
        plan = schedule(sorted(families), per_kind, f"{seed}-{kind}")
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for i, family in enumerate(plan):
            rnd = random.Random(f"{seed}-{kind}-{i}")
            path = folder / f"{family}-{i:04}{KINDS[kind]}"
            path.write_bytes(families[family](rnd))
            cases.append(Case(str(path), kind, family))
    cases += _good(out, good, seed)
    manifest = out / "manifest.json"
    manifest.write_text(json.dumps([asdict(c) for c in cases], indent=0), encoding="utf-8")
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-kind", type=int, default=1000)
    parser.add_argument("--good", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--probe-port", type=int, default=9)
    parser.add_argument("--no-bombs", action="store_true")
    args = parser.parse_args()
    cases = generate(
        args.out,
        args.per_kind,
        good=args.good,
        seed=args.seed,
        probe_port=args.probe_port,
        bombs=not args.no_bombs,
    )
    print(f"{len(cases)} files in {args.out}")


if __name__ == "__main__":
    main()
