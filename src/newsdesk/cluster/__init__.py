"""Cluster: group articles that report the same event into stories.

Needs: cleaned :class:`~newsdesk.records.Article` records (``duplicate_of`` from dedupe).
Produces: :class:`~newsdesk.records.Story` records.

* :func:`cluster_articles` clusters a whole collection (batch).
* :class:`StreamClusterer` assigns articles one at a time, in time order (streaming); its
  state is plain data (:class:`StreamState`, ``state()`` / ``from_state()``), so a store
  can keep it and a story keeps its id as it grows.

Both use words (TF-IDF), names (capitalised phrases, or spaCy NER if configured) and
two guards that keep same-kind events apart: the *signature* (the dominant names of each
article's title and lead, :mod:`newsdesk.cluster.names`) and publication dates (a
penalty beyond a few days apart). Both find candidates through inverted indexes, so
the work grows near-linearly with the number of articles.
"""

from __future__ import annotations

from newsdesk.cluster.batch import cluster_articles
from newsdesk.cluster.config import ClusterConfig
from newsdesk.cluster.stream import StreamClusterer
from newsdesk.cluster.stream_state import StreamState

__all__ = ["ClusterConfig", "StreamClusterer", "StreamState", "cluster_articles"]
