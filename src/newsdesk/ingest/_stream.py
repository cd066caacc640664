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
    """Gunzipped bytes of ``raw`` (any number of gzip members, zero padding between them
    allowed), counted against the inflated-size and ratio limits.

    Members are inflated with :mod:`zlib` a bounded piece at a time, so every byte before
    a damage is handed on. A broken stream or a limit passed ends the data there (the reader
    sees the end of the file) and is kept in :attr:`error`, which :func:`open_input` raises
    once the reader is done: the records of a truncated archive before the damage go in."""

    def __init__(self, raw: BinaryIO, source: str, limits: Limits) -> None:
        super().__init__()
        self._raw = raw
        self._source = source
        self._limits = limits
        self._inflater = zlib.decompressobj(wbits=31)
        self._input = b""
        self._in_member = False
        self._ended = False
        self.inflated = 0
        self.error: StreamError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        while not self._ended:
            try:
                data = self._inflate(len(view))
                if data is None:
                    self._ended = True
                    break
                self.inflated += len(data)
                self._check()
            except StreamError as exc:
                self.error, self._ended = exc, True
                break
            if data:
                view[: len(data)] = data
                return len(data)
        return 0

    def _broken(self, problem: str) -> StreamError:
        return StreamError(self._source, f"malformed: broken gzip data ({problem})")

    def _inflate(self, size: int) -> bytes | None:
        """Up to ``size`` inflated bytes (``b""`` when more input is needed), ``None`` at
        the clean end of the last member."""
        if not self._in_member:
            self._input = self._input.lstrip(b"\x00")  # padding between members
        if not self._input:
            self._input = self._raw.read(BUFFER)
            if not self._input:
                if self._in_member:
                    raise self._broken("the file ends inside a gzip member")
                return None
            return b""
        if not self._in_member:
            if len(self._input) < 2 and not self._more_input():
                raise self._broken("not a gzip member")
            if self._input[:2] != GZIP_MAGIC:
                raise self._broken("not a gzip member")
            self._in_member = True
        try:
            out = self._inflater.decompress(self._input, size)
        except zlib.error as exc:
            raise self._broken(str(exc)) from exc
        if self._inflater.eof:
            self._input = self._inflater.unused_data
            self._inflater = zlib.decompressobj(wbits=31)
            self._in_member = False
        else:
            self._input = self._inflater.unconsumed_tail
        return out

    def _more_input(self) -> bool:
        more = self._raw.read(BUFFER)
        self._input += more
        return bool(more)

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
        inflated = _Inflated(handle, source, limits)
        try:
            with io.BufferedReader(inflated, BUFFER) as stream:
                yield stream
        except InputError:
            if inflated.error is not None:  # the reader's problem is the stream's damage
                raise inflated.error from None
            raise
        if inflated.error is not None:  # the reader saw the data end where the damage is
            raise inflated.error
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
