"""Input arguments of the Spark job -> the WARC archives to read, in a fixed order.

Needs: path arguments as given on the command line.
Produces: :class:`Inputs`: local archive paths (read by executors directly) and URIs
(``s3a://``, ``hdfs://``, ``file://``..., globs allowed) read through Spark's Hadoop file
systems, plus the arguments that named nothing.

An argument is

* a URI (``scheme://...``): kept as is (Hadoop expands globs when the job lists them);
* a local ``.warc`` / ``.warc.gz`` file, a folder (walked like ``newsdesk ingest`` walks
  it, in sorted order, WARC files only) or a glob such as ``'crawl-data/CC-NEWS/2024/*/*'``;
* any other local file: a *listing*, one path or URI a line (``#`` comments and blank lines
  skipped; gzipped if it ends in ``.gz``), such as CC-NEWS's ``warc.paths.gz``. Relative
  entries are taken relative to ``base`` (e.g. ``s3a://commoncrawl/``) or, without one, to
  the listing's folder.

The order (arguments in order, files of a folder sorted, listings in their own order) is
the order in which articles are numbered, as in ``newsdesk ingest``.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.spark._records import Problem

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/")
"""``scheme://...``, or ``scheme:/...`` as Hadoop writes a qualified local path."""
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(slots=True)
class Inputs:
    """What the job reads: each entry is a local path or a URI (pattern)."""

    paths: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str) -> None:
        if path not in self.paths:
            self.paths.append(path)


def is_uri(text: str) -> bool:
    return bool(_URI.match(text))


def is_warc_name(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _listing(path: Path, base: str | None) -> list[str]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [line.strip() for line in fh]
    root = base if base is not None else str(path.parent)
    out = []
    for line in lines:
        if not line or line.startswith("#"):
            continue
        if is_uri(line) or line.startswith("/"):
            out.append(line)
        elif is_uri(root):
            out.append(root.rstrip("/") + "/" + line)
        else:
            out.append(str(Path(root) / line))
    return out


def _local(argument: str, base: str | None, inputs: Inputs, *, nested: bool) -> None:
    from newsdesk.ingest import discover

    path = Path(argument)
    if path.is_file() and not is_warc_name(path.name) and not nested:
        try:
            entries = _listing(path, base)
        except (OSError, UnicodeDecodeError, EOFError) as exc:
            inputs.problems.append(Problem(argument, f"unreadable: not a listing of paths ({exc})"))
            return
        for entry in entries:
            _argument(entry, None, inputs, nested=True)
        return
    try:
        found = [str(p) for p in discover([argument]) if is_warc_name(p.name)]
    except InputError as exc:
        inputs.problems.append(Problem.of(exc))
        return
    if not found:
        inputs.problems.append(Problem(argument, "no WARC files (.warc, .warc.gz) here"))
    for p in found:
        inputs.add(p)


def _argument(argument: str, base: str | None, inputs: Inputs, *, nested: bool = False) -> None:
    """One argument; the entries of a listing (``nested``) are never listings themselves."""
    if is_uri(argument):
        inputs.add(argument)
    else:
        _local(argument, base, inputs, nested=nested)


def resolve_inputs(arguments: Iterable[str], base: str | None = None) -> Inputs:
    """The archives named by ``arguments`` (see the module docstring)."""
    inputs = Inputs()
    for argument in arguments:
        _argument(str(argument), base, inputs)
    return inputs
