"""discover(): files, folders, globs, hidden entries, unknown suffixes, missing paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.errors import InputError
from newsdesk.ingest import discover


def _touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some headline\n\nSome body text.\n", encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    _touch(
        tmp_path,
        "b.txt",
        "a.html",
        "notes.md",
        "sub/c.jsonl",
        "sub/deeper/d.warc.gz",
        "sub/e.html.gz",
        ".hidden.txt",
        ".git/f.txt",
        "feeds/g.rss",
    )
    return tmp_path


def test_folder_is_walked_recursively_in_sorted_order(tree: Path) -> None:
    found = [p.relative_to(tree).as_posix() for p in discover([tree])]
    assert found == [
        "a.html",
        "b.txt",
        "feeds/g.rss",
        "sub/c.jsonl",
        "sub/deeper/d.warc.gz",
        "sub/e.html.gz",
    ]


def test_folder_skips_hidden_and_unsupported(tree: Path) -> None:
    names = {p.name for p in discover([tree])}
    assert not names & {".hidden.txt", "f.txt", "notes.md"}


def test_explicit_file_with_unknown_suffix_is_an_error(tree: Path) -> None:
    with pytest.raises(InputError, match="unsupported") as caught:
        discover([tree / "notes.md"])
    assert caught.value.path == str(tree / "notes.md")


def test_glob_with_double_star(tree: Path) -> None:
    found = discover([str(tree / "**" / "*.html*")])
    assert [p.name for p in found] == ["a.html", "e.html.gz"]


def test_paths_keep_the_form_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert str(discover(["sub"])[0]) == "sub/c.jsonl"


def test_a_file_named_twice_is_listed_once(tree: Path) -> None:
    assert discover([tree / "b.txt", tree, tree / "b.txt"]).count(tree / "b.txt") == 1


def test_nonexistent_path_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing.txt"])


def test_glob_matching_nothing_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no files match"):
        discover([str(tmp_path / "*.jsonl")])


def test_glob_matching_only_unsupported_files_raises(tree: Path) -> None:
    with pytest.raises(InputError, match="no files of a supported format"):
        discover([str(tree / "*.md")])


def test_broken_symlink_named_explicitly_is_returned(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert discover([link]) == [link]
