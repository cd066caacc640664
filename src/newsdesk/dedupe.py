"""Dedupe: exact and near-duplicate articles, and paragraph-level reuse.

Needs: cleaned :class:`Article` records (``text``, ``published``).
Produces: :class:`DuplicateLink` (copy -> original) and :class:`ParagraphReuse`.

Every copy is kept as evidence: a duplicate is *marked* with the article it copies,
never dropped. The original of a group is the earliest published article (ties:
input order), so "who copied whom" follows publication time.

Exact duplicates share a normalised-text hash. Near duplicates are found with
MinHash LSH (datasketch) over word 5-shingles and confirmed by the estimated
Jaccard similarity, so no all-pairs comparison is made.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk._text import UnionFind
from newsdesk.records import Article, DuplicateLink, ParagraphReuse

if TYPE_CHECKING:
    from datasketch import MinHash

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DedupeConfig:
    near_threshold: float = 0.8
    """Estimated Jaccard similarity of word shingles at or above which two articles are copies."""
    candidate_threshold: float = 0.5
    """LSH banding threshold for *finding* candidates; set well below ``near_threshold`` so a
    pair just above the cut-off is (almost) never missed, then confirmed by its estimate."""
    paragraph_threshold: float = 0.7
    paragraph_candidate_threshold: float = 0.6
    paragraph_num_perm: int = 64
    reuse_window_days: int = 30
    """Paragraph reuse is looked for among articles published up to this many days
    earlier (copying follows publication closely); this keeps the index, and the work per
    article, bounded as the corpus grows."""
    shingle_size: int = 5
    num_perm: int = 128
    min_paragraph_words: int = 8


@dataclass(frozen=True, slots=True)
class DedupeResult:
    links: list[DuplicateLink]
    reuse: list[ParagraphReuse]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def normalized_hash(text: str) -> str:
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def shingles(tokens: Sequence[str], size: int) -> set[bytes]:
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


@lru_cache(maxsize=4)
def _template(num_perm: int) -> MinHash:
    """datasketch derives the permutations from a seeded RNG on every MinHash; do it once."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm)


def _minhash(items: set[bytes], num_perm: int) -> MinHash:
    """A MinHash of ``items`` (crc32 item hashes: fast and the same in every process)."""
    from datasketch import MinHash

    t = _template(num_perm)
    m = MinHash(
        num_perm=num_perm, hashfunc=zlib.crc32, permutations=t.permutations, scheme=t.scheme
    )
    m.update_batch(list(items))
    return m


def _similarities(sig: MinHash, others: Sequence[MinHash]) -> list[float]:
    """Estimated Jaccard of ``sig`` with each of ``others``, in one vectorised step."""
    import numpy as np

    if not others:
        return []
    stacked = np.vstack([o.hashvalues for o in others])
    return [float(x) for x in (stacked == sig.hashvalues).mean(axis=1)]


def _order_key(article: Article, position: int) -> tuple[str, int]:
    # Undated articles sort after dated ones; ties keep input order.
    return (article.published or "9999", position)


def find_duplicates(
    articles: Sequence[Article], config: DedupeConfig | None = None
) -> list[DuplicateLink]:
    """Link every exact or near copy to the earliest article of its duplicate group."""
    from datasketch import MinHashLSH

    cfg = config or DedupeConfig()
    order = sorted(range(len(articles)), key=lambda i: _order_key(articles[i], i))
    ranked = [articles[i] for i in order]  # earliest first
    uf = UnionFind(len(ranked))
    kind: dict[tuple[int, int], tuple[str, float]] = {}

    first_by_hash: dict[str, int] = {}
    for i, a in enumerate(ranked):
        h = normalized_hash(a.text)
        if h in first_by_hash:
            uf.union(first_by_hash[h], i)
            kind[(first_by_hash[h], i)] = ("exact", 1.0)
        else:
            first_by_hash[h] = i

    lsh = MinHashLSH(threshold=cfg.candidate_threshold, num_perm=cfg.num_perm)
    sigs: dict[int, MinHash] = {}
    for i in first_by_hash.values():
        sh = shingles(words(ranked[i].text), cfg.shingle_size)
        if not sh:
            continue
        sig = _minhash(sh, cfg.num_perm)
        candidates = [int(other) for other in lsh.query(sig)]
        sims = _similarities(sig, [sigs[j] for j in candidates])
        for j, sim in zip(candidates, sims, strict=True):
            if sim >= cfg.near_threshold:
                uf.union(j, i)
                kind.setdefault((min(i, j), max(i, j)), ("near", sim))
        lsh.insert(str(i), sig)
        sigs[i] = sig

    links: list[DuplicateLink] = []
    for i, a in enumerate(ranked):
        root = uf.find(i)
        if root == i:
            continue
        k, sim = kind.get((root, i), ("near", 0.0))
        if k == "near" and sim == 0.0 and root in sigs and i in sigs:
            sim = sigs[root].jaccard(sigs[i])
        links.append(DuplicateLink(a.id, ranked[root].id, k, round(sim, 4)))
    return links


def find_paragraph_reuse(
    articles: Sequence[Article], config: DedupeConfig | None = None
) -> list[ParagraphReuse]:
    """Paragraphs that reappear (near-verbatim) in a later article: who copied whom."""
    from datasketch import MinHashLSH

    cfg = config or DedupeConfig()
    order = sorted(range(len(articles)), key=lambda i: _order_key(articles[i], i))
    lsh = MinHashLSH(threshold=cfg.paragraph_candidate_threshold, num_perm=cfg.paragraph_num_perm)
    sigs: dict[str, tuple[int, str, int, MinHash]] = {}
    window: deque[tuple[date, list[str]]] = deque()
    out: list[ParagraphReuse] = []
    for rank, i in enumerate(order):
        a = articles[i]
        day = _day(a.published)
        while day is not None and window and (day - window[0][0]).days > cfg.reuse_window_days:
            for key in window.popleft()[1]:
                lsh.remove(key)
                del sigs[key]
        keys: list[str] = []
        for p_index, para in enumerate(a.paragraphs):
            tokens = words(para)
            if len(tokens) < cfg.min_paragraph_words:
                continue
            sig = _minhash(shingles(tokens, 3), cfg.paragraph_num_perm)
            # Best match wins; among equals, the earliest paragraph (the likely original).
            best: tuple[float, int, str, int] | None = None
            found = [sigs[key] for key in lsh.query(sig) if sigs[key][1] != a.id]
            sims = _similarities(sig, [f[3] for f in found])
            for (orig_rank, orig_id, orig_p, _), sim in zip(found, sims, strict=True):
                if sim >= cfg.paragraph_threshold and (
                    best is None or (sim, -orig_rank) > best[:2]
                ):
                    best = (sim, -orig_rank, orig_id, orig_p)
            if best is not None:
                out.append(ParagraphReuse(a.id, p_index, best[2], best[3], round(best[0], 4)))
            key = f"{a.id}:{p_index}"
            lsh.insert(key, sig)
            sigs[key] = (rank, a.id, p_index, sig)
            keys.append(key)
        if day is not None:
            window.append((day, keys))
    return out


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def dedupe(articles: Sequence[Article], config: DedupeConfig | None = None) -> DedupeResult:
    return DedupeResult(
        links=find_duplicates(articles, config), reuse=find_paragraph_reuse(articles, config)
    )
