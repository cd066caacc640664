"""Cross-document line statistics: which lines are site template rather than article text.

A line counts as *template* of an outlet when its :func:`~newsdesk.clean.text.template_key`
recurs in at least ``outlet_min`` distinct articles of that outlet and it does not end a
sentence. Articles of other outlets never count: a generic heading ("Conclusion", "FAQs")
shared by many sites is not anybody's template. ``overall`` counts are kept for reporting.
Near-copies of one article (two documents sharing half of their long lines) count once, so a
story that is syndicated or re-scraped does not turn its own subheadings into "template".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsdesk._text import UnionFind


@dataclass(slots=True)
class TemplateStats:
    """How many distinct articles contain each candidate line, overall and per outlet.

    Only lines that could be template are counted (not a sentence, not already debris by a
    single-line rule, at most ``max_template_words`` words). Counts add up across batches
    with :meth:`merged`; :meth:`to_dict`/:meth:`from_dict` give a JSON-ready form.
    """

    by_outlet: dict[str, dict[str, int]] = field(default_factory=dict)
    overall: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    """Distinct articles (near-copy groups) counted."""

    def add_article(self, keys_by_outlet: Mapping[str | None, Iterable[str]]) -> None:
        """Count one article (or one group of near-copies) given its keys per outlet."""
        union: set[str] = set()
        for outlet, keys in keys_by_outlet.items():
            unique = set(keys)
            union |= unique
            if outlet is None:
                continue
            counts = self.by_outlet.setdefault(outlet, {})
            for key in unique:
                counts[key] = counts.get(key, 0) + 1
        for key in union:
            self.overall[key] = self.overall.get(key, 0) + 1
        self.articles += 1

    def merged(self, other: TemplateStats) -> TemplateStats:
        """A new ``TemplateStats`` holding the sums of both."""
        out = TemplateStats(articles=self.articles + other.articles)
        for src in (self, other):
            for key, n in src.overall.items():
                out.overall[key] = out.overall.get(key, 0) + n
            for outlet, counts in src.by_outlet.items():
                dst = out.by_outlet.setdefault(outlet, {})
                for key, n in counts.items():
                    dst[key] = dst.get(key, 0) + n
        return out

    def is_template(self, key: str, outlet: str | None, outlet_min: int) -> bool:
        """Is ``key`` template of ``outlet``: in at least ``outlet_min`` of its articles?
        Counts of other outlets never count (a line is not one site's template because
        other sites share it); without an outlet nothing is template."""
        if not key or outlet is None:
            return False
        return self.by_outlet.get(outlet, {}).get(key, 0) >= outlet_min

    def to_dict(self) -> dict[str, object]:
        return {"articles": self.articles, "overall": dict(self.overall), "by_outlet": {
            o: dict(c) for o, c in self.by_outlet.items()
        }}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TemplateStats:
        """Inverse of :meth:`to_dict`; raises ``ValueError`` on a malformed mapping."""
        articles, overall, by_outlet = (
            data.get("articles"),
            data.get("overall"),
            data.get("by_outlet"),
        )
        if not isinstance(articles, int) or not isinstance(overall, dict):
            raise ValueError("template stats need an int 'articles' and a dict 'overall'")
        if not isinstance(by_outlet, dict):
            raise ValueError("template stats need a dict 'by_outlet'")
        return cls(
            by_outlet={str(o): _counts(c) for o, c in by_outlet.items()},
            overall=_counts(overall),
            articles=articles,
        )


def _counts(data: object) -> dict[str, int]:
    if not isinstance(data, dict) or not all(isinstance(v, int) for v in data.values()):
        raise ValueError("template counts must map lines to ints")
    return {str(k): int(v) for k, v in data.items()}


def copy_groups(content: Sequence[frozenset[str]], min_shared: float, max_df: int) -> list[int]:
    """Group id per document: documents sharing ``min_shared`` of the smaller one's long
    lines (and at least two) are near-copies. Lines found in more than ``max_df``
    documents are boilerplate and ignored."""
    index: dict[str, list[int]] = defaultdict(list)
    for d, keys in enumerate(content):
        for key in keys:
            index[key].append(d)
    uf = UnionFind(len(content))
    for d, keys in enumerate(content):
        shared: dict[int, int] = defaultdict(int)
        for key in keys:
            docs = index[key]
            if len(docs) <= max_df:
                for other in docs:
                    if other < d:
                        shared[other] += 1
        for other, n in shared.items():
            smaller = min(len(keys), len(content[other]))
            if n >= 2 and n >= min_shared * smaller:
                uf.union(other, d)
    return [uf.find(d) for d in range(len(content))]
