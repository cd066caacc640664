"""Seeing and overriding why cleaning removed a line: the library and the CLI options."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsdesk.clean import CleanConfig, Cleaner
from newsdesk.clean.explain import REASONS, describe, explain, explain_markdown, reclean
from newsdesk.cli import app
from newsdesk.records import Article, RawDocument, Removal
from newsdesk.store import Store

BODY = (
    "Ferries between Port Wenna and the Skerry Isles resumed on Friday after three days of "
    "cancellations, the operator said.\n\n"
    "By Ada Lindqvist\n\n"
    "About 1,200 passengers had been stranded on the islands, according to the harbour office.\n\n"
    "Skerry Isles ferry timetable\n\n"
    "Back to top"
)


def _doc(text: str = BODY, outlet: str | None = "Wenna Post") -> RawDocument:
    return RawDocument("f.txt", "txt", text, title="Ferries resume", outlet=outlet)


def test_every_rule_reason_is_described() -> None:
    from newsdesk.clean import INLINE_RULES, LINE_RULES

    reasons = {r.reason for r in (*LINE_RULES, *INLINE_RULES)}
    reasons |= {"template", "comment", "navigation", "page-furniture", "image-alt",
                "teaser-headline"}  # fmt: skip
    assert reasons <= set(REASONS)
    assert describe("no-such-reason") == "no such reason"


def test_explain_lists_removals_in_order_with_their_reason() -> None:
    removed = (Removal("Back to top", "interface-label", 40, 51), Removal("By X", "byline", 5, 9))
    found = explain(removed)
    assert [e.start for e in found] == [5, 40]
    assert found[0].why == REASONS["byline"] and found[0].keep_hint == "--keep byline"


def test_keep_a_reason() -> None:
    plain = Cleaner().clean(_doc())
    kept = Cleaner(CleanConfig(keep=frozenset({"byline"}))).clean(_doc())
    assert "By Ada Lindqvist" not in plain.text and "By Ada Lindqvist" in kept.text
    assert "Back to top" not in kept.text  # other reasons still apply
    assert all(r.reason != "byline" for r in kept.removed)


def test_keep_a_line_by_its_text() -> None:
    kept = Cleaner(CleanConfig(keep=frozenset({"  back TO top "}))).clean(_doc())
    assert "Back to top" in kept.text and "By Ada Lindqvist" not in kept.text


def test_reclean_applies_overrides_to_stored_articles() -> None:
    cleaned = Cleaner().clean(_doc())
    article = Article("a1", "f.txt", "txt", "Ferries resume", BODY, cleaned.text, cleaned.removed)
    (again,) = reclean([article], ["byline"])
    assert "By Ada Lindqvist" in again.text and again.raw_text == BODY
    assert "interface-label" in explain_markdown(again)


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _story_id(db: Path) -> str:
    code, out, _ = _run("stories", "--db", str(db), "--format", "json")
    assert code == 0
    return str(json.loads(out)["stories"][0]["id"])


def test_cli_keep_and_explain(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(f"Ferries resume\n\n{BODY}\n", encoding="utf-8")
    db = tmp_path / "nd.db"
    assert _run("ingest", str(src), "--db", str(db), "--keep", "interface-label")[0] == 0
    with Store(db) as store:
        (article,) = store.articles()
    assert "Back to top" in article.text and "By Ada Lindqvist" not in article.text
    assert _run("run", str(src), "--db", str(db), "--out", str(tmp_path / "out"))[0] == 0
    story = _story_id(db)
    code, out, _ = _run("show", story, "--db", str(db), "--explain")
    assert code == 0 and "`byline`" in out and REASONS["byline"] in out
    code, out, _ = _run("show", story, "--db", str(db), "--keep", "byline", "--explain")
    assert code == 0 and "`byline`" not in out


SCRAPED = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "scraped" / "report_04.txt"
"""A scraped page of the example corpus: its byline stands outside the article body, where
the line model would take it as page furniture once the byline rule is overruled."""


def _removed_lines(out: str) -> str:
    return out.split("## Removed by cleaning", 1)[1]


def test_a_kept_reason_keeps_its_lines_from_every_other_rule() -> None:
    from newsdesk.ingest import read_file

    (doc,) = read_file(SCRAPED).documents
    plain = Cleaner().clean(doc)
    byline = next(r for r in plain.removed if r.reason == "byline")
    kept = Cleaner(CleanConfig(keep=frozenset({"byline"}))).clean(doc)
    assert byline.text in kept.text
    assert all(r.text != byline.text for r in kept.removed)
    assert len(kept.removed) == len(plain.removed) - 1


def test_cli_keep_on_a_scraped_page_end_to_end(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / SCRAPED.name).write_bytes(SCRAPED.read_bytes())
    db = tmp_path / "nd.db"
    assert _run("run", str(src), "--db", str(db), "--out", str(tmp_path / "out"))[0] == 0
    story = _story_id(db)
    code, out, _ = _run("show", story, "--db", str(db), "--explain")
    assert code == 0 and "'By Maren Holt'" in _removed_lines(out)
    code, out, _ = _run("show", story, "--db", str(db), "--keep", "byline", "--explain")
    assert code == 0 and "By Maren Holt" not in _removed_lines(out)
    assert "`related-list`" in _removed_lines(out)  # other reasons still apply
