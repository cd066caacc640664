"""Whole fictional articles in tests/fixtures/clean/, each with an ``.expected.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsdesk.clean import Cleaner
from newsdesk.records import CleanedText, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
CASES = sorted(p.stem for p in FIXTURES.glob("*.txt"))


def _load(name: str) -> tuple[RawDocument, dict[str, Any]]:
    expected: dict[str, Any] = json.loads((FIXTURES / f"{name}.expected.json").read_text())
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    doc = RawDocument(
        source=name,
        format="txt",
        text=text,
        title=expected["title"],
        outlet=expected["outlet"],
        authors=tuple(expected.get("authors", ())),
    )
    return doc, expected


def _run(name: str) -> tuple[RawDocument, CleanedText, dict[str, Any]]:
    doc, expected = _load(name)
    return doc, Cleaner().clean(doc), expected


def test_fixtures_exist() -> None:
    assert len(CASES) >= 3


@pytest.mark.parametrize("name", CASES)
def test_fixture_reasons(name: str) -> None:
    _, result, expected = _run(name)
    assert sorted({r.reason for r in result.removed}) == sorted(expected["reasons"])


@pytest.mark.parametrize("name", CASES)
def test_fixture_debris_gone(name: str) -> None:
    _, result, expected = _run(name)
    for snippet in expected["gone"]:
        assert snippet not in result.text, snippet


@pytest.mark.parametrize("name", CASES)
def test_fixture_body_kept(name: str) -> None:
    _, result, expected = _run(name)
    for snippet in expected["kept"]:
        assert snippet in result.text, snippet
    assert result.text.startswith(expected["first_paragraph"])


@pytest.mark.parametrize("name", CASES)
def test_fixture_offsets(name: str) -> None:
    doc, result, _ = _run(name)
    for r in result.removed:
        assert doc.text[r.start : r.end] == r.text
