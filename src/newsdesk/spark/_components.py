"""Connected components of an edge list, as Spark operations (no graph on the driver).

Needs: a DataFrame of edges ``(src, dst)`` (string node ids, any direction).
Produces: ``(node, root)`` for every node that has an edge, ``root`` being the smallest
node id of its component. Nodes are chosen so that "smallest" means something: the job
names articles by their order key, so a duplicate group's root is its earliest article.

Min-label propagation with pointer jumping: each round a node takes the smallest label
among itself and its neighbours, then the label of its label. Rounds stop when no label
changes; the count of rounds grows with the log of the component diameter. Each round's
labels are checkpointed locally, so the query plan stays short.

The edges are confirmed links (copies, joined stories), not candidate pairs; when there
are at most ``local_limit`` of them, they are gathered and joined with a union-find on
the driver instead, which gives the same components without a dozen small Spark jobs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

MAX_ROUNDS = 64
LOCAL_LIMIT = 200_000


def components_of(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Node -> smallest node of its component, for an edge list held in memory."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in pairs:
        if a == b:
            continue
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def connected_components(
    edges: DataFrame, max_rounds: int = MAX_ROUNDS, local_limit: int = LOCAL_LIMIT
) -> DataFrame:
    """``(node, root)`` per node of ``edges`` (see the module docstring)."""
    from pyspark.sql import functions as F

    if local_limit > 0:
        few = edges.select("src", "dst").limit(local_limit + 1).collect()
        if len(few) <= local_limit:
            roots = components_of((r["src"], r["dst"]) for r in few)
            return edges.sparkSession.createDataFrame(
                sorted(roots.items()), "node string, root string"
            )

    links = (
        edges.select(F.col("src").alias("node"), F.col("dst").alias("nbr"))
        .union(edges.select(F.col("dst").alias("node"), F.col("src").alias("nbr")))
        .filter(F.col("node") != F.col("nbr"))
        .distinct()
        .localCheckpoint()
    )
    labels = (
        links.groupBy("node")
        .agg(F.min("nbr").alias("m"))
        .select("node", F.least("node", "m").alias("label"))
        .localCheckpoint()
    )
    for _ in range(max_rounds):
        near = (
            links.join(labels.select(F.col("node").alias("nbr"), F.col("label").alias("nl")), "nbr")
            .groupBy("node")
            .agg(F.min("nl").alias("nl"))
        )
        stepped = labels.join(near, "node").select("node", F.least("label", "nl").alias("label"))
        jumped = (
            stepped.alias("s")
            .join(stepped.alias("t"), F.col("s.label") == F.col("t.node"), "left")
            .select(
                F.col("s.node").alias("node"),
                F.least(F.col("s.label"), F.coalesce(F.col("t.label"), F.col("s.label"))).alias(
                    "label"
                ),
            )
            .localCheckpoint()
        )
        changed = (
            jumped.join(labels.withColumnRenamed("label", "old"), "node")
            .filter(F.col("label") != F.col("old"))
            .count()
        )
        labels = jumped
        if changed == 0:
            break
    else:
        raise RuntimeError(f"connected components did not settle in {max_rounds} rounds")
    return labels.withColumnRenamed("label", "root")
