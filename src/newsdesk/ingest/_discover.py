"""Turn path arguments (files, folders, glob patterns) into the files to read.

Only files of a known format are read: folders and globs skip the others, and a file with
an unknown suffix named on its own is an ``unsupported`` error.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path

from newsdesk.errors import InputError

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
"""Known suffixes; each may also carry a trailing ``.gz``."""

_GLOB_CHARS = frozenset("*?[")


def format_for_name(name: str) -> str | None:
    """The format a file name's suffix announces (``None`` when unknown)."""
    lower = name.lower().removesuffix(".gz")
    return FORMAT_BY_SUFFIX.get(os.path.splitext(lower)[1])


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path) -> list[Path]:
    """Supported, non-hidden files under ``folder``, sorted by path (symlinked folders
    are not followed)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in files
            if not name.startswith(".") and format_for_name(name) is not None
        )
    return sorted(found, key=lambda path: path.parts)


def _expand_glob(pattern: str) -> list[Path]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise InputError(pattern, "no files match this pattern")
    found: list[Path] = []
    for match in map(Path, matches):
        if match.is_dir():
            found.extend(_walk(match))
        elif not _hidden(match) and format_for_name(match.name) is not None:
            found.append(match)
    if not found:
        raise InputError(pattern, "the pattern matches no files of a supported format")
    return found


def unsupported(path: Path) -> InputError:
    known = ", ".join(sorted(FORMAT_BY_SUFFIX))
    return InputError(
        str(path),
        f"unsupported: not a known input format by its name (known: {known}, each optionally .gz)",
    )


def expand(argument: str | Path) -> list[Path]:
    """The files one argument names (raises :class:`InputError` when it names none, or
    names one file of an unknown format)."""
    text = str(argument)
    path = Path(argument)
    if path.is_dir():
        return _walk(path)
    if path.exists() or path.is_symlink():
        if format_for_name(path.name) is None:
            raise unsupported(path)
        return [path]
    if _GLOB_CHARS & set(text):
        return _expand_glob(text)
    raise InputError(text, "no such file or directory")


def discover_paths(arguments: Iterable[str | Path]) -> list[Path]:
    """Every file named, in argument order, each once."""
    seen: dict[Path, None] = {}
    for argument in arguments:
        for path in expand(argument):
            seen.setdefault(path, None)
    return list(seen)
