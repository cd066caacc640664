"""Make any ``str`` safe to hash, store and render.

Needs: a string from anywhere (a decoded file, a JSON field, a feed entry, a WARC header).
Produces: the same string with every lone surrogate (``"\\ud800"``, which JSON escapes and
some codecs produce and which cannot be encoded as UTF-8) replaced by U+FFFD, and the
control characters that no text needs removed: C0 controls other than tab and the line
breaks (``\\n \\v \\f \\r``), DEL and the C1 controls (they include terminal escapes such as
ESC and CSI, and XML cannot hold them).
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ANY_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` with lone surrogates replaced and stray control characters removed."""
    if _ANY_BAD.search(text) is None:
        return text
    return _CONTROL.sub("", _SURROGATE.sub(REPLACEMENT, text))


def valid_optional(text: str | None) -> str | None:
    return None if text is None else valid_text(text)


def utf8(text: str) -> bytes:
    """UTF-8 bytes of ``text``, lone surrogates encoded as U+FFFD (never raises)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(REPLACEMENT, text).encode("utf-8")
