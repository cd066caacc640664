"""Blocks of figures that continue the body (schedules, tables, numbered lists) are given back;
menus, teaser lists and code after the body are not. Also: the line model's stricter threshold
for sentences. Frames are built by hand (fictional pages), so the line model's judgement is
fixed by the test."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.clean.blocks import body_tables
from newsdesk.clean.features import Span
from newsdesk.clean.frame import Frame
from newsdesk.clean.linemodel import Judgement
from newsdesk.clean.rules import DocContext
from newsdesk.clean.text import Unit

BODY = [
    "The harbour board met on Monday to agree the winter timetable for the island ferries.",
    "Crossings will run twice a day from November, with an extra sailing on market days.",
    "The board said the new times were set after a survey of more than 400 islanders.",
]


def _frame(texts: list[str], removed: dict[int, str], p_out: float = 0.999) -> Frame:
    units, pos = [], 0
    for text in texts:
        units.append(Unit(pos, pos + len(text), 0, text))
        pos += len(text) + 1
    p = np.full(len(texts), p_out)
    p[: len(BODY)] = 0.0
    judgement = Judgement(p, Span((0, len(BODY) - 1)), p)
    return Frame(
        units, list(range(len(texts))), dict(removed), DocContext(), None, lambda key: False,
        judgement, 0.995,
    )  # fmt: skip


def _furniture(texts: list[str]) -> dict[int, str]:
    return {i: "page-furniture" for i in range(len(BODY), len(texts))}


def test_a_schedule_after_the_body_is_given_back_without_its_trailing_label() -> None:
    texts = [
        *BODY,
        "Winter timetable",
        "Weekdays",
        "7:15 a.m. Port Averley to Skerry",
        "9:00 a.m. Skerry to Port Averley",
        "4:40 p.m. Port Averley to Skerry",
        "Market days",
        "12:30 p.m. extra sailing from Port Averley",
        "Story tools",
    ]
    kept = body_tables(_frame(texts, _furniture(texts)))
    assert kept == set(range(len(BODY), len(texts) - 1))


def test_a_numbered_list_continuing_the_body_is_given_back() -> None:
    texts = [*BODY, "4. The old pier", "Closed for now.", "5. The north slipway"]
    assert body_tables(_frame(texts, _furniture(texts))) == {3, 4, 5}


def test_teaser_headlines_with_figures_stay_removed() -> None:
    texts = [
        *BODY,
        "Ferry fares to rise by 5% in spring",
        "Island school wins 2 national prizes",
        "Storm closes 3 roads on the north coast",
    ]
    assert body_tables(_frame(texts, _furniture(texts))) == set()


def test_a_menu_and_code_after_the_body_stay_removed() -> None:
    menu = [*BODY, "News", "Sport", "Weather", "Harbour", "Opinion"]
    assert body_tables(_frame(menu, _furniture(menu))) == set()
    code = [*BODY, "var slot = 3;", "ads.push({id: 42});", "&lt;div id=7&gt;"]
    assert body_tables(_frame(code, _furniture(code))) == set()


def test_a_hard_rule_ends_the_block() -> None:
    texts = [*BODY, "Copyright 2024 Harbour Post", "12 (4)", "9 (2)"]
    removed = {**_furniture(texts), len(BODY): "rights-notice"}
    assert body_tables(_frame(texts, removed)) == set()


@given(st.lists(st.text(min_size=1, max_size=40), max_size=12))
def test_only_soft_removals_are_ever_given_back(extra: list[str]) -> None:
    texts = [*BODY, *(t.strip() or "x" for t in extra)]
    removed = {i: ("navigation" if i % 2 else "byline") for i in range(len(BODY), len(texts))}
    kept = body_tables(_frame(texts, removed))
    assert all(removed[i] == "navigation" for i in kept)


def test_a_sentence_needs_the_stricter_threshold() -> None:
    texts = [*BODY, "Subscribe to our harbour newsletter for weekly updates.", "Harbour news"]
    sure = _frame(texts, {}, p_out=0.9995)
    unsure = _frame(texts, {}, p_out=0.997)
    for frame, sentence in ((sure, True), (unsure, False)):
        frame = replace(frame, statement_threshold=0.999)
        assert frame.furniture(len(BODY)) is sentence
        assert frame.furniture(len(BODY) + 1)  # not a sentence: the main threshold
