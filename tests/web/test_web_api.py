"""The JSON API: every document validates against its schema in schema/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from starlette.testclient import TestClient

from conftest import schema
from newsdesk.store import Store
from newsdesk.web import create_app
from newsdesk.web.api import SCHEMAS


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db, page_size=3), base_url="http://127.0.0.1") as c:
        yield c


def test_schemas_named_by_the_api_exist() -> None:
    for name in SCHEMAS.values():
        jsonschema.Draft202012Validator.check_schema(schema(name))


def test_story_list_document(client: TestClient) -> None:
    doc = client.get("/api/stories").json()
    jsonschema.validate(doc, schema(SCHEMAS["stories"]))
    assert doc["total"] == 5 and doc["pages"] == 2 and len(doc["stories"]) == 3
    assert doc["status"]["articles"] == 19 and doc["status"]["last_updated"]
    searched = client.get("/api/stories", params={"q": "ammonia", "page": "1"}).json()
    jsonschema.validate(searched, schema(SCHEMAS["stories"]))
    assert searched["query"]["q"] == "ammonia"
    assert all(s["snippet"] for s in searched["stories"])
    assert any(part["match"] for s in searched["stories"] for part in s["snippet"])


def test_story_document_is_the_report_document(client: TestClient, demo_db: Path) -> None:
    with Store(demo_db) as store:
        ids = [s.id for s in store.story_summaries()]
    for sid in ids:
        doc = client.get(f"/api/stories/{sid}").json()
        jsonschema.validate(doc, schema(SCHEMAS["story"]))
        assert [s["id"] for s in doc["stories"]] == [sid]
    missing = client.get("/api/stories/s-000000000000")
    assert missing.status_code == 404 and "error" in missing.json()


def test_article_document(client: TestClient, demo_db: Path) -> None:
    with Store(demo_db) as store:
        reuse = store.paragraph_reuse()[0]
        articles = store.articles()
    for a in articles:
        doc = client.get(f"/api/articles/{a.id}").json()
        jsonschema.validate(doc, schema(SCHEMAS["article"]))
        assert doc["article"]["text"] == a.text
    doc = client.get(f"/api/articles/{reuse.article_id}").json()["article"]
    para = doc["paragraphs"][reuse.paragraph_index]
    assert para["reused_from"][0]["article_id"] == reuse.original_id
    original = client.get(f"/api/articles/{reuse.original_id}").json()["article"]
    assert original["copies"], "the wire story has copies"
    assert original["outlet_name"] == "Meridian Wire"
    assert client.get("/api/articles/ffff").status_code == 404


def test_status_document(client: TestClient) -> None:
    doc = client.get("/api/status").json()
    jsonschema.validate(doc, schema(SCHEMAS["status"]))
    assert doc["stories"] == 5 and doc["unclustered"] == 0


def test_api_index_lists_endpoints(client: TestClient) -> None:
    doc = client.get("/api").json()
    assert set(doc["endpoints"]) == {
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles/{id}",
        "/api/status",
    }
