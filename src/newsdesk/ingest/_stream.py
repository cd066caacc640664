"""Bounded reading: every byte ingest takes from disk passes through here.

Needs: a path and the :class:`~newsdesk.limits.Limits`.
Produces: :func:`open_input`, a buffered binary stream of the file's content, gunzipped when
it starts with the gzip magic (any number of members, so a WARC compressed record by record
and one compressed as a whole read alike). The compressed size is checked before reading;
the inflated size and the inflation ratio are counted while reading, and past a limit the
read raises ``InputError("too large: ...")``. :func:`read_at_most` reads a whole document
only when it fits its limit, so no input is ever held in memory beyond a limit.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from newsdesk.errors import InputError
from newsdesk.limits import MIB, Limits

GZIP_MAGIC = b"\x1f\x8b"
BUFFER = 64 * 1024


class StreamError(InputError):
    """A problem with the stream itself (a limit passed, broken gzip): the rest of the
    file cannot be read, so no later record of it can be either."""


def _mib(n: int) -> str:
    return f"{n / MIB:g} MiB" if n >= MIB else f"{n} bytes"


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, once its type says it is a regular file (a FIFO or a
    device named ``.txt`` would block or never end)."""
    source = str(path)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            what = "is a directory" if stat.S_ISDIR(mode) else "not a regular file"
            raise InputError(source, f"unreadable: {what}")
        handle = path.open("rb")
    except FileNotFoundError as exc:
        problem = "broken symbolic link" if path.is_symlink() else "no such file"
        raise InputError(source, f"unreadable: {problem}") from exc
    except OSError as exc:
        raise InputError(source, f"unreadable: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # replaced since the check
        handle.close()
        raise InputError(source, "unreadable: not a regular file")
    return handle


class _Inflated(io.RawIOBase):
    """Gunzipped bytes of ``raw``, counted against the inflated-size and ratio limits."""

    def __init__(self, raw: BinaryIO, source: str, limits: Limits) -> None:
        super().__init__()
        self._raw = raw
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._source = source
        self._limits = limits
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            n = self._gzip.readinto(buffer)
        except (OSError, EOFError, zlib.error) as exc:
            raise StreamError(self._source, f"malformed: broken gzip data ({exc})") from exc
        self.inflated += n
        self._check()
        return n

    def _check(self) -> None:
        limits = self._limits
        if self.inflated > limits.max_inflated_bytes:
            raise StreamError(
                self._source,
                f"too large: gzip data inflates past {_mib(limits.max_inflated_bytes)}",
            )
        if self.inflated > limits.ratio_check_bytes:
            compressed = max(self._raw.tell(), 1)
            if self.inflated > limits.max_inflate_ratio * compressed:
                raise StreamError(
                    self._source,
                    f"too large: gzip data inflates more than {limits.max_inflate_ratio} "
                    "times its size (a decompression bomb)",
                )

    def close(self) -> None:
        self._gzip.close()
        super().close()


@contextmanager
def open_input(path: Path, limits: Limits) -> Iterator[BinaryIO]:
    """The content of ``path`` as a buffered stream, gunzipped when it is gzip data."""
    source = str(path)
    handle = _open_regular(path)
    try:
        try:
            magic = handle.read(2)
            handle.seek(0)
        except OSError as exc:
            raise InputError(source, f"unreadable: {exc.strerror or exc}") from exc
        if magic != GZIP_MAGIC:
            yield handle
            return
        size = os.fstat(handle.fileno()).st_size
        if size > limits.max_gzip_bytes:
            limit = _mib(limits.max_gzip_bytes)
            raise InputError(source, f"too large: gzip file of {_mib(size)} (limit {limit})")
        with io.BufferedReader(_Inflated(handle, source, limits), BUFFER) as stream:
            yield stream
    finally:
        handle.close()


def read_at_most(stream: BinaryIO, limit: int, source: str, what: str) -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes, else ``too large``."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(source, f"unreadable: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(source, f"too large: {what} over {_mib(limit)}")
    return data


def is_gzip(stream: BinaryIO) -> bool:
    """Does the (already gunzipped) content start with gzip data again?"""
    peek = getattr(stream, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    return bool(head == GZIP_MAGIC)
