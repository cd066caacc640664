"""The state of a :class:`~newsdesk.cluster.StreamClusterer`, as plain dataclasses.

Needs: nothing (records only). Produces: :class:`StreamState`, which
:meth:`StreamClusterer.state` returns and :meth:`StreamClusterer.from_state` takes, and
which :meth:`StreamState.to_dict` / :meth:`StreamState.from_dict` turn into JSON-ready
dicts and back (a store can persist it so a story keeps its id as it grows).

What is kept, and why each part is bounded:

* per story (:class:`StoryState`): a *capped* centroid (the sum of the members' vectors,
  at most ``stream_centroid_terms`` terms), its size, the summed lead signatures and the
  name words of its members (at most ``stream_signature_names`` and
  ``stream_story_names``), first and last publication day, the stream's day at its last
  update, a pool of at most four title candidates, and its members (read only for
  output, never while scoring). A retired or merged story keeps only its members, its
  title and its alias (``merged_into``);
* per stream: document frequencies of words, entities and names (for IDF), the article
  -> story map, the active stories (least recently updated first) and the stories due
  for review.

The inverted index from terms to active stories is derived data: it is rebuilt from the
active stories' centroids by :meth:`StreamClusterer.from_state`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Vec = dict[str, float]


@dataclass(slots=True)
class Member:
    """One article of a story: its order key (published, id) and id."""

    published: str
    id: str


@dataclass(slots=True)
class TitleCandidate:
    """A member whose title may name the story (a few per story, see ``title_pool``)."""

    id: str
    published: str
    title: str
    vector: Vec
    """The member's heaviest terms (enough to compare it with the centroid)."""


@dataclass(slots=True)
class StoryState:
    """One story (see the module docstring for what is bounded)."""

    id: str
    founder: tuple[str, str]
    """Order key (published, id) of the article that started it."""
    size: int = 0
    """Members, merged stories' included (duplicates are not counted: they add nothing)."""
    centroid: Vec = field(default_factory=dict)
    """Sum of the members' vectors, capped to its heaviest terms."""
    sq_norm: float = 0.0
    """Squared length of ``centroid``."""
    signature: Vec = field(default_factory=dict)
    """Sum of the members' lead signatures (name -> weight), capped."""
    names: Vec = field(default_factory=dict)
    """How many members name each name word (title and lead window), capped."""
    first_day: int | None = None
    last_day: int | None = None
    touched_day: int | None = None
    """The stream's latest publication day when the story was last updated."""
    members: list[Member] = field(default_factory=list)
    title_pool: list[TitleCandidate] = field(default_factory=list)
    title: str | None = None
    """Frozen when the story retires."""
    merged_into: str | None = None


@dataclass(slots=True)
class StreamState:
    """Everything a :class:`StreamClusterer` needs to go on where it stopped."""

    df: dict[str, int] = field(default_factory=dict)
    """Document frequency of each word (``w:``), entity (``e:``) and lead name (``n:``)."""
    docs: int = 0
    seen: int = 0
    """Articles added so far (duplicates included): the clock of undated streams."""
    day: int | None = None
    """Latest publication day seen (``None`` until a dated article arrives)."""
    stories: dict[str, StoryState] = field(default_factory=dict)
    article_story: dict[str, str] = field(default_factory=dict)
    """Article id -> the story it joined (follow ``merged_into`` for the current one)."""
    active: list[str] = field(default_factory=list)
    """Active story ids, least recently updated first."""
    pending: list[tuple[int, str]] = field(default_factory=list)
    """(due article count, story id): new stories to review once the stream has moved on."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StreamState:
        """The inverse of :meth:`to_dict`."""
        stories = {sid: _story(s) for sid, s in data["stories"].items()}
        return cls(
            df=dict(data["df"]),
            docs=int(data["docs"]),
            seen=int(data["seen"]),
            day=data["day"],
            stories=stories,
            article_story=dict(data["article_story"]),
            active=list(data["active"]),
            pending=[(int(due), str(sid)) for due, sid in data["pending"]],
        )


def _story(d: dict[str, Any]) -> StoryState:
    founder = d["founder"]
    return StoryState(
        id=d["id"],
        founder=(str(founder[0]), str(founder[1])),
        size=int(d["size"]),
        centroid=dict(d["centroid"]),
        sq_norm=float(d["sq_norm"]),
        signature=dict(d["signature"]),
        names=dict(d["names"]),
        first_day=d["first_day"],
        last_day=d["last_day"],
        touched_day=d["touched_day"],
        members=[Member(**m) for m in d["members"]],
        title_pool=[TitleCandidate(**t) for t in d["title_pool"]],
        title=d["title"],
        merged_into=d["merged_into"],
    )
