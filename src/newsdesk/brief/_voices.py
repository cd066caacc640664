"""Who says a claim, and via which primary source: what the renderers show beside a claim
group's label.

Needs: a :class:`~newsdesk.records.ClaimGroup` (its mentions' ``attributed_to``, primary
source first) and the story's report names by article id (:func:`report_names`: the
outlet, else the title in quotes, else the article id). Produces: one :class:`Voice` per
report of the group, and the plain-text phrases the renderers escape and show ("Fox News,
citing Reuters"; "corroborated, 2 independent origins"). Plain text only: every renderer
escapes it with :mod:`newsdesk.brief.escape`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsdesk.records import Agreement, Article, ClaimGroup

__all__ = [
    "Voice",
    "group_note",
    "origins_note",
    "report_names",
    "voice_text",
    "voices",
    "voices_text",
]


def report_names(articles: Sequence[Article]) -> dict[str, str]:
    """How each report is named to a reader: its outlet, else its title, else its id."""
    return {
        a.id: a.outlet or (f"“{a.title}”" if a.title else f"article {a.id[:12]}") for a in articles
    }


@dataclass(frozen=True, slots=True)
class Voice:
    """One report stating a claim: its outlet and the primary source it relies on."""

    article_id: str
    outlet: str | None
    source: str | None
    """The claim's primary source in that report (the first of ``attributed_to``)."""


def voices(group: ClaimGroup, outlets: Mapping[str, str | None]) -> list[Voice]:
    """One voice per report of the group, in the order of its mentions; a report that
    states the claim twice counts once (its first attributed mention wins)."""
    out: dict[str, Voice] = {}
    for m in group.mentions:
        source = m.attributed_to[0] if m.attributed_to else None
        known = out.get(m.article_id)
        if known is None or (known.source is None and source is not None):
            out[m.article_id] = Voice(m.article_id, outlets.get(m.article_id), source)
    return list(out.values())


def voice_text(v: Voice) -> str:
    """ "Fox News, citing Reuters" or "Fox News"."""
    who = v.outlet or f"article {v.article_id[:12]}"
    if v.source and v.source.lower() != (v.outlet or "").lower():
        return f"{who}, citing {v.source}"
    return who


def voices_text(vs: Sequence[Voice]) -> str:
    return "; ".join(dict.fromkeys(voice_text(v) for v in vs))


def origins_note(
    independent_origins: int, origins: Sequence[str] = (), names: Mapping[str, str] | None = None
) -> str:
    """ "2 independent origins (reuters, Fox News)": an ``article:<id>`` origin (a report
    with no outlet or source named) is shown by the report's name."""
    n = independent_origins
    note = f"{n} independent origin{'s' if n != 1 else ''}"
    if origins:
        names = names or {}
        shown = [
            names.get(o.removeprefix("article:"), o) if o.startswith("article:") else o
            for o in origins
        ]
        note += f" ({', '.join(dict.fromkeys(shown))})"
    return note


def group_note(
    label: Agreement,
    independent_origins: int,
    origins: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> str:
    """ "corroborated, 2 independent origins (reuters, moscow times)"."""
    if label is Agreement.SINGLE_SOURCE:
        origins = ()
    return f"{label}, {origins_note(independent_origins, origins, names)}"
