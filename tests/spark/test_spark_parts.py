"""The Spark job's parts that run without Spark: inputs, WARC records, components,
window boundaries and the boundary join; plus the Spark components path and the CLI."""

from __future__ import annotations

import gzip
import random
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.errors import InputError
from newsdesk.ingest import iter_documents, read_file
from newsdesk.pipeline import article_id
from newsdesk.spark._cluster import WindowConfig, WindowStory, boundaries, join_boundary
from newsdesk.spark._components import components_of, connected_components
from newsdesk.spark._inputs import resolve_inputs
from newsdesk.spark._records import Problem, WarcRecord, record_document, split_bytes, split_file
from newsdesk.spark._rows import rank_key
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE = ROOT / "examples" / "corpus" / "archive" / "kessen_tribune.warc.gz"
EXAMPLES = ROOT / "examples" / "corpus"

# ---------------------------------------------------------------- inputs


def _tree(tmp_path: Path) -> list[Path]:
    month = tmp_path / "crawl-data" / "CC-NEWS" / "2025" / "03"
    month.mkdir(parents=True)
    files = [month / f"CC-NEWS-20250301000000-0000{i}.warc.gz" for i in range(2)]
    for f in files:
        shutil.copy(ARCHIVE, f)
    (month / "notes.txt").write_text("not an archive", encoding="utf-8")
    return files


def test_folders_and_globs_give_warc_files_in_order(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    assert resolve_inputs([str(tmp_path)]).paths == [str(f) for f in files]
    globbed = resolve_inputs([str(tmp_path / "crawl-data" / "CC-NEWS" / "*" / "*" / "*.warc.gz")])
    assert globbed.paths == [str(f) for f in files] and not globbed.problems


def test_listing_entries_resolve_against_base(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    listing = tmp_path / "warc.paths.gz"
    entries = [str(f.relative_to(tmp_path)) for f in reversed(files)]
    with gzip.open(listing, "wt", encoding="utf-8") as fh:
        fh.write("# two archives\n\n" + "\n".join(entries) + "\n")
    local = resolve_inputs([str(listing)])
    assert local.paths == [str(f) for f in reversed(files)]
    remote = resolve_inputs([str(listing)], base="s3a://commoncrawl/")
    assert remote.paths == [f"s3a://commoncrawl/{e}" for e in entries]


def test_arguments_that_name_nothing_are_problems(tmp_path: Path) -> None:
    _tree(tmp_path)
    listing = tmp_path / "list.txt"
    listing.write_text("nowhere/CC-NEWS-1.warc.gz\nlist.txt\n", encoding="utf-8")
    got = resolve_inputs([str(tmp_path / "absent"), str(listing), "hdfs://nn/news/*.warc.gz"])
    assert got.paths == ["hdfs://nn/news/*.warc.gz"]
    assert [Path(p.source).name for p in got.problems] == [
        "absent",
        "CC-NEWS-1.warc.gz",
        "list.txt",
    ]


# ---------------------------------------------------------------- records


def test_records_read_as_ingest_reads_the_file() -> None:
    items = list(split_file(str(ARCHIVE), 3))
    assert all(isinstance(i, WarcRecord) and i.file_index == 3 for i in items)
    records = [i for i in items if isinstance(i, WarcRecord)]
    assert [record_document(r) for r in records] == list(read_file(ARCHIVE).documents)


def _as_ingest_reads(data: bytes, source: str) -> tuple[list[Any], list[str]]:
    docs: list[Any] = []
    errors: list[str] = []
    for item in split_bytes(data, source, 0):
        if isinstance(item, Problem):
            errors.append(f"{item.source}: {item.message}")
            continue
        try:
            docs.append(record_document(item))
        except InputError as exc:
            errors.append(str(exc))
    return docs, errors


def test_a_damaged_archive_reads_as_ingest_reads_it(tmp_path: Path) -> None:
    from make_warcs import example_pages, write_warcs
    from newsdesk.ingest import iter_documents

    (path,) = write_warcs(example_pages()[:4], tmp_path, files=1)
    data = path.read_bytes()
    third = data.index(b"\x1f\x8b", data.index(b"\x1f\x8b", 1) + 1)  # the third gzip member
    damaged = {
        "spliced": data[:third] + b"garbage, not a record" + data[third:],
        "truncated": data[: len(data) // 2],
        "cut short": data[:-200],
    }
    for name, variant in damaged.items():
        file = tmp_path / f"{name.replace(' ', '-')}.warc.gz"
        file.write_bytes(variant)
        docs, errors = _as_ingest_reads(variant, str(file))
        problems: list[InputError] = []
        expected = list(iter_documents([file], on_error=problems.append))
        assert docs == expected, name  # every record before the damage, read alike
        assert errors and problems, name  # and both say the archive is damaged
        assert all(str(p).startswith(str(file)) for p in problems), name
    assert _as_ingest_reads(damaged["spliced"], "s")[1][0].startswith("s#record3: malformed")
    assert list(split_bytes(b"", "e.warc", 0)) == [Problem("e.warc", "empty: file is empty")]
    assert next(iter(split_bytes(b"plain words\n", "p.warc", 0))).message.startswith("malformed")


# ---------------------------------------------------------------- order and components


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "2025-03-01", "2025-03-19", "2025-12-31"]),
            st.integers(0, 20),
            st.integers(1, 50),
        ),
        min_size=2,
        max_size=30,
    )
)
def test_rank_key_sorts_like_the_dedupe_order(items: list[tuple[str | None, int, int]]) -> None:
    by_key = sorted(items, key=lambda i: rank_key(*i))
    assert by_key == sorted(items, key=lambda i: (i[0] or "9999", i[1], i[2]))


def _bfs_components(edges: list[tuple[str, str]]) -> dict[str, str]:
    nbrs: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a != b:
            nbrs[a].add(b)
            nbrs[b].add(a)
    out: dict[str, str] = {}
    for start in nbrs:
        if start in out:
            continue
        seen, todo = {start}, [start]
        while todo:
            for n in nbrs[todo.pop()] - seen:
                seen.add(n)
                todo.append(n)
        for n in seen:
            out[n] = min(seen)
    return out


@given(
    st.lists(st.tuples(st.sampled_from("abcdefghij"), st.sampled_from("abcdefghij")), max_size=25)
)
def test_components_are_those_of_a_graph_search(edges: list[tuple[str, str]]) -> None:
    assert components_of(edges) == _bfs_components(edges)


def test_spark_components_equal_the_local_ones(spark: Any) -> None:
    rng = random.Random(5)
    edges = [(f"n{rng.randrange(60):02d}", f"n{rng.randrange(60):02d}") for _ in range(45)]
    chain = [(f"c{i:02d}", f"c{i + 1:02d}") for i in range(12)]  # a long path: several rounds
    frame = spark.createDataFrame(edges + chain, "src string, dst string")
    got = {r["node"]: r["root"] for r in connected_components(frame, local_limit=0).collect()}
    assert got == _bfs_components(edges + chain)


# ---------------------------------------------------------------- windows and the boundary join


def _story(key: str, window: int, first: int, last: int, ids: tuple[str, ...] = ()) -> WindowStory:
    return WindowStory(key, window, "t", ids, first, last)


def test_boundaries_are_the_ones_a_story_comes_near() -> None:
    cfg = WindowConfig(window_days=7, join_margin_days=2)
    assert boundaries(_story("a", 10, 70, 71), cfg) == [10]  # starts a window
    assert boundaries(_story("b", 10, 73, 74), cfg) == []  # mid-window
    assert boundaries(_story("c", 10, 75, 76), cfg) == [11]  # ends a window
    assert boundaries(_story("d", 10, 70, 76), cfg) == [10, 11]
    assert boundaries(_story("e", -1, 70, 76), cfg) == []  # undated window: never joined


@pytest.fixture(scope="module")
def quake_stories() -> tuple[dict[str, Any], list[Any]]:
    """The example corpus's cleaned articles, and its two earthquake stories (8 days apart)."""
    from newsdesk.cluster import cluster_articles
    from newsdesk.dedupe import find_duplicates
    from newsdesk.pipeline import clean_articles

    articles, _ = clean_articles(list(iter_documents([EXAMPLES], on_error=print)))
    copies = {d.article_id for d in find_duplicates(articles)}
    primaries = [a for a in articles if a.id not in copies]
    stories = [s for s in cluster_articles(primaries) if "quake" in s.title.lower()]
    assert len(stories) == 2
    return {a.id: a for a in primaries}, stories


def test_a_story_split_by_a_boundary_is_joined(
    quake_stories: tuple[dict[str, Any], list[Any]],
) -> None:
    articles, stories = quake_stories
    big = max(stories, key=lambda s: len(s.article_ids))
    ids = sorted(big.article_ids, key=lambda a: (articles[a].published or "", a))
    left, right = tuple(ids[:2]), tuple(ids[2:])
    parts = [_story("w1:a", 1, 0, 0, left), _story("w2:b", 2, 0, 0, right)]
    assert join_boundary(parts, articles, WindowConfig().cluster) == [("w1:a", "w2:b")]


def test_two_events_across_a_boundary_stay_apart(
    quake_stories: tuple[dict[str, Any], list[Any]],
) -> None:
    articles, stories = quake_stories
    parts = [_story(f"w{i}:s", i, 0, 0, tuple(s.article_ids)) for i, s in enumerate(stories)]
    assert join_boundary(parts, articles, WindowConfig().cluster) == []
    # Two stories of one window are never joined by a boundary pass.
    same = [
        _story("w1:a", 1, 0, 0, parts[0].article_ids[:1]),
        _story("w1:b", 1, 0, 0, parts[0].article_ids[1:]),
    ]
    assert join_boundary(same, articles, WindowConfig().cluster) == []


# ---------------------------------------------------------------- command line


def test_cli_rejects_a_bad_conf(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["spark", str(ARCHIVE), "--out", str(tmp_path), "--conf", "x"])
    assert result.exit_code == 2 and "KEY=VALUE" in result.output


def test_cli_runs_the_job_and_loads_the_store(spark: Any, tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    # A URI: listed through Hadoop and read with Spark's binaryFile source, as s3a:// would be.
    uri = ARCHIVE.as_uri()
    args = ["spark", uri, "--out", str(tmp_path / "out"), "--into-db", "--db", str(db)]
    result = CliRunner().invoke(app, [*args, "--partitions", "2"])
    assert result.exit_code == 0, result.output
    assert "1 archives: 1 articles" in result.output and "dedupe: " in result.output
    with Store(db) as store:
        assert store.count_articles() == 1 and len(store.stories()) == 1
        (article,) = store.articles()
        assert article.source.endswith("kessen_tribune.warc.gz#record3")
        assert article.id == article_id(next(iter(read_file(ARCHIVE).documents)))
