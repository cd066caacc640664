"""Charset of a fetched body, from the HTTP header and the content, as UTF-8 bytes.

Needs: the body bytes and the Content-Type header's ``charset`` (if any).
Produces: the same text as UTF-8 behind a byte-order mark. The ingest readers let a BOM
win over whatever the document declares, so a page whose ``<meta charset>`` or XML
declaration is wrong is still read right, and the readers stay byte-based.

Order, first that fits: a BOM in the body; valid UTF-8 with non-ASCII bytes (a Latin-1
label on UTF-8 text is the commonest lie on the web, and Latin-1 text almost never
passes as UTF-8); the header charset; the charset the document declares; the best guess
of charset-normalizer, windows-1252 on a tie (the web's default for unlabelled pages).
Latin-1 and ASCII labels are read as windows-1252, as browsers do.
"""

from __future__ import annotations

import codecs
import re

from newsdesk.fetch._types import FetchError

BOM = codecs.BOM_UTF8
_WIDE_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LATIN1_NAMES = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
_META_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if name in _LATIN1_NAMES else name


def _decode(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return data.decode("latin-1") if codec == "cp1252" else None  # cp1252's 5 holes


def _declared(data: bytes) -> str | None:
    """The charset an XML declaration or an HTML ``<meta>`` states in the first 4 KiB."""
    head = data[:4096]
    match = _XML_RE.match(head) or _META_RE.search(head)
    return match.group(1).decode("ascii") if match else None


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best guess; windows-1252 (the web's default for unlabelled
    pages) when it reads the bytes as cleanly as the best."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data[:262144])
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.01:
            return "cp1252"
    return str(best.encoding)


def as_utf8(data: bytes, header_charset: str | None, url: str) -> bytes:
    """``data`` re-encoded as BOM + UTF-8 (see the module docstring for the order)."""
    if data.startswith(BOM):
        if _decode(data, "utf-8") is None:
            raise FetchError(url, "undecodable: a UTF-8 byte-order mark on bytes that are not")
        return data
    for bom, bom_codec in _WIDE_BOMS:
        if data.startswith(bom):
            marked = _decode(data, bom_codec)
            if marked is None:
                raise FetchError(url, f"undecodable: a {bom_codec} byte-order mark on bad bytes")
            return BOM + marked.encode("utf-8")
    header = _codec(header_charset)
    if header and header.startswith(("utf-16", "utf-32")):
        wide = _decode(data, header)  # no BOM: only the header can say so
        if wide is not None:
            return BOM + wide.encode("utf-8")
    if data.isascii():
        return data  # every ASCII-compatible label reads it alike; keep it byte for byte
    text = _decode(data, "utf-8")
    for codec in (header, _codec(_declared(data))):
        if text is not None:
            break
        text = _decode(data, codec)
    if text is None:
        text = _decode(data, _codec(_guess(data)))
    if text is None:
        raise FetchError(url, "undecodable: neither the header, the document nor a guess fit")
    return BOM + text.encode("utf-8")
