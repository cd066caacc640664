"""The app reads the store on every request: another writer's reports show on the next
load, and story reports are recomputed exactly when their articles change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from newsdesk import pipeline
from newsdesk.records import DuplicateLink, ParagraphReuse
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.app import WebState
from newsdesk.web.queries import StoryFilter, fts_query

FERRY = (
    "Ferry service to the Skerry Isles resumes\n\n"
    "Ferries between Port Wenna and the Skerry Isles resumed on Friday after three days of "
    "storms, the operator said. About 1,200 passengers had been stranded.\n"
)


def _state(app: object) -> WebState:
    state: WebState = app.app.state.web  # type: ignore[attr-defined]
    return state


def test_reports_ingested_by_another_process_show_on_the_next_load(
    fresh_db: Path, tmp_path: Path
) -> None:
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    app = create_app(fresh_db, token="tok")
    with TestClient(app, base_url="http://127.0.0.1") as c:
        before = c.get("/api/status").json()
        assert "Skerry" not in c.get("/").text
        with Store(fresh_db) as other:  # a second connection, as `newsdesk ingest` has
            pipeline.ingest_paths(other, [tmp_path / "ferry.txt"])
        after = c.get("/api/status").json()
        assert after["articles"] == before["articles"] + 1
        assert after["unclustered"] == 1 and after["fingerprint"] != before["fingerprint"]
        assert after["last_updated"] >= before["last_updated"]
        page = c.get("/", params={"q": "skerry"})
        assert "Reports not yet in a story" in page.text and "Ferry service" in page.text
        # re-running clustering (the editor's action) folds it into a story of its own
        c.post("/actions/recluster", data={"token": "tok"})
        listing = c.get("/api/stories", params={"q": "skerry"}).json()
        assert [s["title"] for s in listing["stories"]] == [
            "Ferry service to the Skerry Isles resumes"
        ]
        assert listing["unclustered"] == []


def test_story_reports_are_cached_by_their_article_set(fresh_db: Path) -> None:
    app = create_app(fresh_db)
    cache = _state(app).cache
    with Store(fresh_db) as store:
        sid = store.story_summaries()[0].id
        first = store.story(sid).article_ids[0]
    with TestClient(app, base_url="http://127.0.0.1") as c:
        c.get(f"/stories/{sid}")
        c.get(f"/api/stories/{sid}")
        assert cache.computed == 1
        with Store(fresh_db) as other:  # dedupe marks change under the app
            links = [a for a in other.articles() if a.duplicate_of and a.id != first]
            reuse = [r for r in other.paragraph_reuse() if r.article_id != first]
            other.set_duplicates(
                [
                    DuplicateLink(a.id, a.duplicate_of or "", a.duplicate_kind or "", 1.0)
                    for a in links
                ],
                [*reuse, ParagraphReuse(first, 0, first, 0, 0.99)],
            )
        c.get(f"/stories/{sid}")
        assert cache.computed == 2


def test_story_filter_parsing_keeps_only_what_is_valid() -> None:
    f = StoryFilter.parse({"q": " quake ", "from": "2025-03-01", "to": "soon", "page": "-4"})
    assert (f.q, f.date_from, f.date_to, f.page) == ("quake", "2025-03-01", "", 1)
    assert f.params(page=2) == {"q": "quake", "from": "2025-03-01", "page": "2"}
    assert StoryFilter.parse({"q": "x" * 500}).q == "x" * 200
    assert StoryFilter.parse({"page": "many"}).page == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_typed_text_makes_a_query_fts5_accepts(text: str) -> None:
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    con.execute("INSERT INTO t VALUES ('the harbour wall gave way')")
    for op in (" ", " OR "):
        query = fts_query(text, op)
        if query is not None:
            con.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()
