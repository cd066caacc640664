"""Small helpers shared by several stages (word sets, overlap, disjoint sets)."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    """a an the and or but of in on at to for from by with as is are was were be been being
    has have had it its this that these those he she they them his her their who whom which
    what when where how not no than then there here also into over after before about said
    says will would could should may might can do does did so such per""".split()
)


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` that are not stopwords or pure digits."""
    return frozenset(
        w
        for w in (m.group(0).lower() for m in WORD.finditer(text))
        if w not in STOPWORDS and not w.isdigit()
    )


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class UnionFind:
    """Disjoint sets over 0..n-1; a set's representative is its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)
