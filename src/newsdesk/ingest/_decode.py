"""Bytes on disk -> text: read, gunzip, reject binary, decode, reject empty.

Needs the raw bytes of a file or record (and the charset its headers declare, if any);
produces :class:`Decoded`: the text and the list of repairs made to read it.

Decoding policy: a page with a readable majority is never rejected.

1. A BOM wins (UTF-8, UTF-16, UTF-32).
2. Otherwise the declared charset (HTML ``<meta charset>``, an XML declaration, an HTTP
   header), if it names a text encoding a browser would use (``base64``, ``rot13``,
   ``punycode`` and other non-web codecs are ignored, and said so) and the bytes fit it.
   As browsers do, ``latin-1``/``ascii`` read as windows-1252 and a declared UTF-16/32
   without a BOM as UTF-8.
3. Otherwise UTF-8, if the bytes are valid UTF-8.
4. Otherwise: bytes that are mostly valid UTF-8 with a few broken sequences are read as
   UTF-8 with U+FFFD for each bad byte; bytes with no UTF-8 structure are a legacy
   charset, sniffed by charset-normalizer (windows-1252 if it has no better idea).

Stray NUL bytes (under 10% of the bytes) are dropped; UTF-16 without a BOM is recognised by
its NUL bytes in every other position. Every step beyond 1-3 is a *repair*, named in
:attr:`Decoded.repairs` (and so in the article's record). Rejected: binary data (NUL or
control bytes above 10% that are not UTF-16) and text that is still mostly unreadable.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import InputError

GZIP_MAGIC = b"\x1f\x8b"
MAX_DECOMPRESSED = 512 * 1024 * 1024
"""Refuse gzip members that inflate past this (a decompression bomb)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BINARY_SHARE = 0.10
"""More than this share of control bytes (or of NUL bytes, unless UTF-16) is binary."""
_UNREADABLE_SHARE = 0.5
"""Decoded text with more than this share of U+FFFD/control characters is rejected."""
_SNIFF_BYTES = 64 * 1024
"""charset-normalizer looks at this much of a legacy-charset page."""

_WEB_CODECS = frozenset(
    """utf-8 cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp866 cp874
    iso8859-2 iso8859-3 iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-10
    iso8859-13 iso8859-14 iso8859-15 iso8859-16 koi8-r koi8-u mac-roman mac-cyrillic gbk
    gb18030 big5 big5hkscs euc_jp iso2022_jp shift_jis cp932 euc_kr cp949""".split()
)
"""Python names of the encodings of the WHATWG Encoding Standard (what browsers decode)."""
_AS_BROWSERS_READ = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "utf-8-sig": "utf-8",
}
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with what had to be repaired to read it."""

    text: str
    repairs: tuple[str, ...] = ()


def read_bytes(path: Path) -> bytes:
    """The raw bytes of ``path``, or an ``unreadable`` :class:`InputError`."""
    source = str(path)
    if path.is_symlink() and not path.exists():
        raise InputError(source, "unreadable: broken symbolic link")
    if path.is_dir():
        raise InputError(source, "unreadable: is a directory")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(source, f"unreadable: {exc.strerror or exc}") from exc


def gunzip(data: bytes, source: str) -> bytes:
    """Inflate gzip data (by its magic bytes); anything else is returned as is."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_DECOMPRESSED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source, f"malformed: broken gzip data ({exc})") from exc
    if len(out) > MAX_DECOMPRESSED:
        raise InputError(source, f"unreadable: inflates past {MAX_DECOMPRESSED} bytes")
    return out


def require_content(data: bytes | str, source: str) -> None:
    """Raise ``empty`` when there is no text at all (nothing but whitespace)."""
    if not data.strip():
        raise InputError(source, "empty: no text at all")


def _bom_codec(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes fill most odd/even positions (ASCII-range text)."""
    if len(data) < 4:
        return None
    half = len(data) // 2
    odd, even = data[1::2].count(0), data[0::2].count(0)
    if odd > 0.8 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.8 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def check_not_binary(data: bytes, source: str) -> None:
    """Raise ``binary`` for a large share of NUL or control bytes (UTF-16/32 pass)."""
    if _bom_codec(data) in ("utf-16", "utf-32") or _utf16_without_bom(data):
        return
    if data.count(0) > _BINARY_SHARE * len(data):
        raise InputError(source, "binary: contains NUL bytes, not a text file")
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control > _BINARY_SHARE * len(data):
        raise InputError(source, "binary: mostly control bytes, not a text file")


def sniff_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first few KiB, if any."""
    head = data[:4096]
    match = _XML_ENCODING_RE.match(head) or _CHARSET_RE.search(head)
    return match.group(1).decode("ascii") if match else None


_LABELS = {
    "windows-874": "cp874", "x-sjis": "shift_jis", "macintosh": "mac-roman",
    "x-mac-roman": "mac-roman", "x-mac-cyrillic": "mac-cyrillic", "iso-8859-8-i": "iso8859-8",
    "ks_c_5601-1987": "cp949", "unicode-1-1-utf-8": "utf-8", "x-cp1250": "cp1250",
    "x-cp1251": "cp1251", "x-gbk": "gbk", "x-euc-jp": "euc_jp",
}  # fmt: skip
"""WHATWG labels Python's codec registry does not know."""


def web_codec(declared: str | None) -> str | None:
    """The Python codec a browser would use for a declared charset label, or ``None`` when
    the label names no text encoding a browser knows (``base64``, ``rot13``, ``punycode``)."""
    if not declared:
        return None
    label = declared.strip().lower()
    try:
        info = codecs.lookup(_LABELS.get(label, label))
    except (LookupError, ValueError):
        return None
    name = info.name
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a declared UTF-16/32 without a BOM is a known lie of ASCII pages
    name = _AS_BROWSERS_READ.get(name, name)
    return name if name in _WEB_CODECS else None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError):
        return None


def _legacy_codec(data: bytes) -> str | None:
    """The legacy charset charset-normalizer finds most plausible; windows-1252 when it
    finds none but most bytes are ASCII; ``None`` for bytes that read as no text at all."""
    from charset_normalizer import from_bytes

    sample = data[:_SNIFF_BYTES]
    best = from_bytes(sample).best()
    codec = web_codec(best.encoding) if best is not None else None
    if codec and codec != "utf-8":
        return codec
    ascii_share = sum(1 for b in sample if b < 0x80) / max(1, len(sample))
    return "cp1252" if ascii_share >= 1 - _UNREADABLE_SHARE else None


_UNREADABLE = dict.fromkeys([0xFFFD, 0x7F, *(c for c in range(32) if c not in (9, 10, 12, 13))])


def _unreadable(text: str) -> int:
    """How many characters are U+FFFD or control characters."""
    return len(text) - len(text.translate(_UNREADABLE))


def _fallback(data: bytes, reason: str) -> Decoded | None:
    """Bytes that fit neither the declared charset nor UTF-8 (``None``: no text at all)."""
    as_utf8 = data.decode("utf-8", errors="replace")
    bad = as_utf8.count("\ufffd")
    multibyte = sum(1 for c in as_utf8 if c > "\x7f" and c != "\ufffd")
    if multibyte >= bad:
        return Decoded(as_utf8, (f"{reason}; read as UTF-8, {bad} bad bytes replaced by U+FFFD",))
    codec = _legacy_codec(data)
    if codec is None:
        return None
    text = data.decode(codec, errors="replace")
    return Decoded(text, (f"{reason}; decoded as {codec} (sniffed)",))


def _decode(data: bytes, declared: str | None) -> Decoded | None:
    bom = _bom_codec(data)
    if bom is not None:
        wide_text = data.decode(bom, errors="replace")
        bad = wide_text.count("\ufffd")
        notes = (f"{bad} bytes not valid {bom} replaced by U+FFFD",) if bad else ()
        return Decoded(wide_text.removeprefix("\ufeff"), notes)
    wide = _utf16_without_bom(data) if 0 in data else None
    if wide is not None:
        return Decoded(data.decode(wide, errors="replace"), (f"read as {wide} without a BOM",))
    repairs: list[str] = []
    nul = data.count(0)
    if nul:
        data = data.replace(b"\x00", b"")
        repairs.append(f"dropped {nul} NUL bytes")
    codec = web_codec(declared)
    if declared and codec is None:
        repairs.append(f"ignored declared charset {declared!r} (not a web text encoding)")
    as_declared = _try(data, codec) if codec is not None else None
    if as_declared is not None:
        return Decoded(as_declared, tuple(repairs))
    as_utf8 = _try(data, "utf-8")
    if as_utf8 is not None:
        if codec is not None:
            repairs.append(f"declared charset {declared!r} did not fit; read as UTF-8")
        return Decoded(as_utf8, tuple(repairs))
    if codec is None or codec == "utf-8":
        reason = f"not valid UTF-8 (declared {declared!r})" if codec else "not valid UTF-8"
    else:
        reason = f"not valid {declared!r} (declared) nor UTF-8"
    found = _fallback(data, reason)
    return None if found is None else Decoded(found.text, (*repairs, *found.repairs))


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode by the policy in the module docstring; ``undecodable`` only when the result
    is still mostly unreadable."""
    found = _decode(data, declared)
    if found is None or _unreadable(found.text) > _UNREADABLE_SHARE * len(found.text):
        raise InputError(source, "undecodable: mostly unreadable bytes in any text encoding")
    return found


def decode_text(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Binary check, decode, newline normalisation and empty check in one step."""
    require_content(data, source)
    check_not_binary(data, source)
    found = decode_bytes(data, source, declared)
    text = found.text.replace("\r\n", "\n").replace("\r", "\n")
    require_content(text, source)
    return Decoded(text, found.repairs)


def load_text(data: bytes, source: str, declared: str | None = None) -> str:
    """:func:`decode_text` without the repair notes (for readers that do not record them)."""
    return decode_text(data, source, declared).text
