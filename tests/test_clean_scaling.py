"""Cleaning is near-linear in the length of a document, whatever its shape.

No timings: the work is counted. Every character handed to the line rules or to the comment
mark test, and every unit a context rule looks at, counts one; for inputs of growing size
(x1, x4, x16 lines) the work per input character must stay bounded and must not grow with
the size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdesk.clean.cleaner as cleaner_module
import newsdesk.clean.page as page_module
from newsdesk.clean import Cleaner
from newsdesk.records import RawDocument

WORDS = "harbour ferry union strike quay crew vote board island tide pier gate".split()


def _lower(i: int) -> str:
    return " ".join(WORDS[(i * k) % len(WORDS)] for k in range(1, 2 + i % 3))


def _title(i: int) -> str:
    return _lower(i).title()


def _caption_chain(i: int) -> str:
    return "Crews gather at the gate. (AP Photo/Odile Brand)" if i % 50 == 49 else _title(i)


def _related(i: int) -> str:
    return "Related" if i % 2 else _title(i)


def _prose(i: int) -> str:
    return f"The {_lower(i)} met on day {i} and agreed to talk again."


def _repeats(i: int) -> str:
    return "Share this story" if i % 3 else "Harbour Gate Closed Again"


def _page(i: int) -> str:
    """Long menus around short articles: the line model's span and furniture paths."""
    return _prose(i) if 80 <= i % 200 < 90 else ("Reply" if i % 7 == 0 else _title(i))


SHAPES: dict[str, Callable[[int], str]] = {
    "menus around short articles": _page,
    "short lowercase lines": _lower,
    "title-cased lines": _title,
    "labels before captions": _caption_chain,
    "related headers": _related,
    "prose": _prose,
    "repeated lines": _repeats,
}
SEPARATORS = ("\n", "\n\n")


@dataclass
class Work:
    units: int = 0


@contextmanager
def counting() -> Iterator[Work]:
    """Count the characters the line rules read and the units the context rules visit."""
    work = Work()
    judge = cleaner_module.line_reason

    def line_reason(text: str, ctx: Any) -> str | None:
        work.units += len(text) + 1
        return judge(text, ctx)

    def wrap(rule: Callable[[Any], dict[int, str]]) -> Callable[[Any], dict[int, str]]:
        def counted(frame: Any) -> dict[int, str]:
            work.units += len(frame.seq) + 1
            return rule(frame)

        return counted

    mark = page_module._mark

    def counted_mark(text: str) -> bool:
        work.units += len(text) + 1
        return mark(text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cleaner_module, "line_reason", line_reason)
        patch.setattr(page_module, "_mark", counted_mark)
        rules = tuple(map(wrap, cleaner_module.CONTEXT_RULES))
        patch.setattr(cleaner_module, "CONTEXT_RULES", rules)
        yield work


def _document(shape: Callable[[int], str], n: int, sep: str) -> RawDocument:
    return RawDocument("scale", "txt", sep.join(shape(i) for i in range(n)), outlet="Ledger")


def _work(doc: RawDocument) -> int:
    with counting() as work:
        Cleaner().clean(doc)
    return work.units


MAX_WORK_PER_CHAR = 60


@settings(max_examples=12, deadline=None)
@given(shape=st.sampled_from(sorted(SHAPES)), sep=st.sampled_from(SEPARATORS))
def test_work_grows_linearly(shape: str, sep: str) -> None:
    per_char = []
    for n in (100, 400, 1600):
        doc = _document(SHAPES[shape], n, sep)
        per_char.append(_work(doc) / len(doc.text))
    assert max(per_char) <= MAX_WORK_PER_CHAR, per_char
    assert per_char[-1] <= 1.25 * per_char[0] + 1, per_char


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_units_never_hold_more_text_than_the_input(shape: str) -> None:
    doc = _document(SHAPES[shape], 2000, "\n")
    prepared = cleaner_module._prepare(doc, cleaner_module.DocContext.of(doc))
    assert sum(len(u.text) for u in prepared.units) <= len(doc.text)
    assert max(len(u.text) for u in prepared.units) <= cleaner_module.MAX_UNIT_CHARS + 200


def test_counting_sees_quadratic_work() -> None:
    """The counter is not blind: re-judging a growing text at every line is caught."""
    judge = cleaner_module.line_reason

    def quadratic(doc: RawDocument) -> None:
        lines = doc.text.split("\n")
        for k in range(len(lines)):
            cleaner_module.line_reason(" ".join(lines[: k + 1]), cleaner_module.DocContext())

    per_char = []
    for n in (100, 400):
        doc = _document(_lower, n, "\n")
        with counting() as work:
            quadratic(doc)
        per_char.append(work.units / len(doc.text))
    assert judge is cleaner_module.line_reason
    assert per_char[-1] > 1.25 * per_char[0] + 1
