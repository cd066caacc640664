"""Bytes on disk -> text: read, gunzip, reject binary, decode, reject empty.

Decoding policy (no guessing): a BOM wins (UTF-8, UTF-16, UTF-32); otherwise the
charset the document declares (HTML ``<meta charset>``, an XML declaration, an HTTP
header) when Python knows it; otherwise strict UTF-8. Anything else is an
``undecodable`` :class:`InputError` that names the first bad byte offset.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
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
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BINARY_SHARE = 0.10
"""A text with more than this share of control bytes is binary."""

_LATIN1_NAMES = frozenset({"iso8859-1", "ascii", "cp1252"})
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


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


def check_not_binary(data: bytes, source: str) -> None:
    """Raise ``binary`` for NUL bytes or a large share of control bytes (BOM'd UTF-16/32 pass)."""
    if _bom_codec(data) in ("utf-16", "utf-32"):
        return
    if b"\x00" in data:
        raise InputError(source, "binary: contains NUL bytes, not a text file")
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control > _BINARY_SHARE * len(data):
        raise InputError(source, "binary: mostly control bytes, not a text file")


def sniff_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first few KiB, if any."""
    head = data[:4096]
    match = _XML_ENCODING_RE.match(head) or _CHARSET_RE.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec_name(declared: str | None) -> str:
    if not declared:
        return "utf-8"
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return "utf-8"
    # A declared UTF-16/32 without a BOM is a known lie of ASCII pages (WHATWG reads UTF-8).
    return "utf-8" if name.startswith(("utf-16", "utf-32")) else name


def _undecodable(source: str, codec: str, exc: UnicodeDecodeError) -> InputError:
    label = "UTF-8" if codec.startswith("utf-8") else f"{codec} (declared)"
    return InputError(
        source,
        f"undecodable: not valid {label} at byte offset {exc.start}; convert the file to UTF-8",
    )


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode by the policy in the module docstring; never guesses."""
    codec = _bom_codec(data) or _codec_name(declared)
    if codec in _LATIN1_NAMES:
        # Browsers read latin-1/ascii labels as windows-1252; fall back for its 5 holes.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _undecodable(source, codec, exc) from exc
    if "\x00" in text:
        raise InputError(source, "binary: contains NUL characters, not a text file")
    return text.removeprefix("\ufeff")


def load_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Binary check, decode, newline normalisation and empty check in one step."""
    require_content(data, source)
    check_not_binary(data, source)
    text = decode_bytes(data, source, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    require_content(text, source)
    return text
