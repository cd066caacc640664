"""Fictional news streams for the streaming-clustering tests (all names and events invented).

* :func:`harbour_board` - a long-running subject: the harbour board of Velmora decides
  something new every few days; each decision is one story, told by three outlets the
  same day, and every report also speaks of the board, its chair and the harbour.
* :func:`shootings` - two shootings of the same kind in two towns; the first one has a
  follow-up a week later (charges) that names its victim and its street.
* :func:`long_story` - one event reported over and over (a growing story) between other
  events, to check that the work per article stays bounded.
"""

from __future__ import annotations

import datetime as dt
import random

from newsdesk.records import Article
from test_cluster_fixtures import art

OUTLETS = ("Daily Courier", "Harbor Times", "Northern Wire")

_BOARD_OPENINGS = (
    "The Velmora harbour board, chaired by Mira Oskarsen, met on {day}.",
    "Members of the harbour board in Velmora voted on {day} at their weekly session.",
    "At a session on {day}, chair Mira Oskarsen put a new measure to the Velmora harbour board.",
)
_BOARD_CLOSINGS = (
    "Oskarsen said the board would keep the harbour open to every trade.",
    "The board meets again next week, a spokesperson said.",
    "Fishermen and ferry crews followed the vote from the public gallery.",
)
_BOARD_DECISIONS = (
    (
        "The board approved a ferry route to the island of Tessmark, served twice daily.",
        "A twice-daily ferry will link the harbour with Tessmark island from the spring.",
        "Ferry crossings to Tessmark island were approved, with two sailings every day.",
    ),
    (
        "It raised the mooring fee for yachts to forty crowns a night.",
        "Yacht owners will pay forty crowns a night to moor, up from twenty-five.",
        "Mooring fees for pleasure yachts rise to forty crowns per night.",
    ),
    (
        "The old Brennick pier will close for repairs after divers found rotten piles.",
        "Divers found rotten piles under the Brennick pier, which is now closed for repairs.",
        "Repairs will shut the Brennick pier, where divers reported rotten timber piles.",
    ),
    (
        "A dredger will deepen the northern channel so that grain ships can call.",
        "Grain ships will be able to call once a dredger deepens the northern channel.",
        "The northern channel is to be dredged to let larger grain carriers in.",
    ),
    (
        "The board hired Jonas Fellgren, a former navy pilot, as harbour master.",
        "Jonas Fellgren, who flew for the navy, becomes the new harbour master.",
        "Former navy pilot Jonas Fellgren was named harbour master.",
    ),
    (
        "Fish auctions move to the new cold hall on Saltmarket quay next month.",
        "From next month the fish auction will be held in the cold hall on Saltmarket quay.",
        "The new cold hall on Saltmarket quay will host the fish auctions.",
    ),
    (
        "A lightship, the Morwen, will be restored as a museum by volunteers.",
        "Volunteers will turn the lightship Morwen into a floating museum.",
        "The retired lightship Morwen is to become a museum run by volunteers.",
    ),
    (
        "Solar panels will cover the roofs of the customs sheds by autumn.",
        "The customs sheds will get solar panels on their roofs before autumn.",
        "By autumn the roofs of the customs sheds will carry solar panels.",
    ),
)


def _day(start: dt.date, offset: int) -> tuple[str, str]:
    day = start + dt.timedelta(days=offset)
    return day.isoformat(), day.strftime("%A")


def harbour_board(start: dt.date = dt.date(2031, 5, 1)) -> tuple[list[Article], dict[str, int]]:
    """Eight decisions of one board over seven weeks: (articles, article id -> decision)."""
    out: list[Article] = []
    event: dict[str, int] = {}
    for e, variants in enumerate(_BOARD_DECISIONS):
        published, weekday = _day(start, 6 * e)
        for i, (outlet, decision) in enumerate(zip(OUTLETS, variants, strict=True)):
            opening = _BOARD_OPENINGS[(e + i) % 3].format(day=weekday)
            closing = _BOARD_CLOSINGS[(2 * e + i) % 3]
            title = decision.split(",")[0].rstrip(".")
            aid = f"board-{e}-{i}"
            out.append(art(aid, title, f"{opening} {decision}\n\n{closing}", published, outlet))
            event[aid] = e
    return out, event


def _shooting(
    key: str, town: str, street: str, victim: str, age: int, published: str
) -> list[Article]:
    first, last = victim.split()
    return [
        art(
            f"{key}-a",
            f"Man shot dead on {street} in {town}",
            f"{victim}, {age}, was shot dead on {street} in {town} late on Friday, "
            f"police said.\n\nOfficers found {first} {last} wounded near a parked van. "
            "No arrest has been made.",
            published,
            OUTLETS[0],
        ),
        art(
            f"{key}-b",
            f"{town} police investigate fatal shooting",
            f"Police in {town} are investigating the killing of a {age}-year-old man on "
            f"{street}. The victim, {victim}, died at the scene.\n\nNeighbours heard "
            "several shots around midnight.",
            published,
            OUTLETS[1],
        ),
        art(
            f"{key}-c",
            f"Victim of {street} shooting named as {victim}",
            f"The man killed in a shooting on {street} in {town} was named as {victim}. "
            f"{last} was {age}.\n\nDetectives asked witnesses to come forward.",
            published,
            OUTLETS[2],
        ),
    ]


def follow_up(published: str = "2031-09-12") -> Article:
    """A week after the Harlow Creek shooting: charges, in other words."""
    return art(
        "harlow-charged",
        "Suspect charged with murder of Dario Menks",
        "A 24-year-old man was charged with murder on Friday over the death of Dario Menks "
        "on Quarry Lane in Harlow Creek.\n\nProsecutors told a court that the suspect fled "
        "in a borrowed car and was arrested at a relative's home. He will be held until "
        "trial.",
        published,
        OUTLETS[2],
    )


def shootings(later: str = "2031-09-12") -> tuple[list[Article], dict[str, str]]:
    """Harlow Creek (5 Sept) with its follow-up (``later``), Pellam Ridge (``later``), and
    unrelated reports between: (articles, article id -> incident)."""
    harlow = _shooting("harlow", "Harlow Creek", "Quarry Lane", "Dario Menks", 31, "2031-09-05")
    pellam = _shooting("pellam", "Pellam Ridge", "Orchard Row", "Corin Vale", 27, later)
    board, _ = harbour_board(dt.date(2031, 9, 6))
    background = [a for a in board if a.published and a.published <= later]
    incident = {a.id: "harlow" for a in harlow} | {a.id: "pellam" for a in pellam}
    incident |= {a.id: f"board-{a.id.split('-')[1]}" for a in background}
    incident["harlow-charged"] = "harlow"
    articles = [*harlow, *background, follow_up(later), *pellam]
    return sorted(articles, key=lambda a: (a.published or "", a.id)), incident


_SIEGE = (
    "Police kept a cordon around the Ostrevik grain silo where a man has held out since Monday.",
    "Negotiators spoke to the man in the Ostrevik silo by phone through the night.",
    "Residents near the silo in Ostrevik were told to keep their windows shut.",
    "The man in the silo asked for food and water, police in Ostrevik said.",
    "Trains through Ostrevik were stopped while the standoff at the silo went on.",
    "A police spokesperson in Ostrevik said nobody had been hurt at the silo so far.",
)
_FILLER = (
    "wharf lantern copper meadow quarry thimble saddle orchard lattice kiln spindle barley "
    "cobble hazel pewter ledger furnace willow bracken tinder marrow gravel heron plover"
).split()


def long_story(n: int, seed: int = 3) -> list[Article]:
    """``n`` reports of one standoff (each a few sentences of the same pool and a few
    random words), undated, one in five an unrelated board report."""
    rng = random.Random(seed)
    board, _ = harbour_board()
    out: list[Article] = []
    for i in range(n):
        if i % 5 == 4:
            b = board[(i // 5) % len(board)]
            out.append(art(f"bg-{i}", b.title, b.text + f" {rng.choice(_FILLER)}."))
            continue
        body = " ".join(rng.sample(_SIEGE, 3))
        extra = " ".join(rng.sample(_FILLER, 4))
        out.append(art(f"siege-{i}", "Standoff at Ostrevik silo", f"{body}\n\nAlso: {extra}."))
    return out
