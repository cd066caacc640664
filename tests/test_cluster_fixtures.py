"""Fictional news reports used by the cluster tests (all names and events are invented)."""

from __future__ import annotations

from newsdesk.cluster import ClusterConfig
from newsdesk.records import Article

FAST = ClusterConfig(use_entities=False)


def art(
    aid: str,
    title: str,
    text: str,
    published: str | None = None,
    outlet: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    return Article(
        id=aid,
        source=f"fixture/{aid}.txt",
        format="txt",
        title=title,
        raw_text=text,
        text=text,
        published=published,
        outlet=outlet,
        duplicate_of=duplicate_of,
    )


def quake_velmora() -> list[Article]:
    """One earthquake in the fictional town of Velmora, 4 March 2031, three outlets."""
    return [
        art(
            "vel-courier",
            "Strong earthquake strikes Velmora, twelve dead",
            "A magnitude 6.1 earthquake struck the hill town of Velmora early on Tuesday, "
            "killing twelve people and collapsing the old granary.\n\n"
            "Rescue teams led by Lieutenant Oskar Brelin searched the rubble overnight. "
            "Seismologists in Tarnholt said aftershocks could continue for days.",
            "2031-03-04",
            "Daily Courier",
        ),
        art(
            "vel-harbor",
            "Velmora quake: twelve killed as granary collapses",
            "Twelve people died when a 6.1-magnitude earthquake shook Velmora on Tuesday. "
            "The town's old granary collapsed and residents slept outdoors.\n\n"
            "Lieutenant Oskar Brelin, who leads the rescue, said teams were still searching "
            "the rubble. Tarnholt seismologists warned of aftershocks.",
            "2031-03-04",
            "Harbor Times",
        ),
        art(
            "vel-wire",
            "Death toll in Velmora earthquake rises to twelve",
            "The toll from the earthquake that hit Velmora rose to twelve on Wednesday, "
            "rescuers under Lieutenant Oskar Brelin said, after the granary collapse.\n\n"
            "The magnitude 6.1 quake was felt as far as Tarnholt, where seismologists "
            "recorded dozens of aftershocks.",
            "2031-03-05",
            "Northern Wire",
        ),
    ]


def quake_quillane() -> list[Article]:
    """A second, different earthquake: Quillane, 18 June 2031, three outlets."""
    return [
        art(
            "qui-courier",
            "Earthquake rattles Quillane, three injured",
            "A magnitude 5.4 earthquake rattled the port of Quillane on Saturday, injuring "
            "three people and cracking the lighthouse.\n\n"
            "Mayor Ines Talvary said rescue teams checked every building on the harbour "
            "front. Seismologists said aftershocks were likely.",
            "2031-06-18",
            "Daily Courier",
        ),
        art(
            "qui-harbor",
            "Quillane lighthouse cracked by 5.4 quake",
            "Three people were injured when a 5.4-magnitude earthquake shook Quillane on "
            "Saturday. The harbour lighthouse was cracked.\n\n"
            "Mayor Ines Talvary thanked rescue teams and asked residents to stay away from "
            "the harbour front while seismologists assess aftershocks.",
            "2031-06-18",
            "Harbor Times",
        ),
        art(
            "qui-wire",
            "Quillane earthquake: mayor Talvary inspects harbour",
            "Mayor Ines Talvary inspected the cracked lighthouse in Quillane a day after a "
            "magnitude 5.4 earthquake injured three people.\n\n"
            "Rescue teams finished checking buildings on the harbour front; seismologists "
            "recorded small aftershocks.",
            "2031-06-19",
            "Northern Wire",
        ),
    ]


def mayor_resigns() -> list[Article]:
    """One event (a resignation) told in quite different words by three outlets."""
    return [
        art(
            "ost-a",
            "Ostrevik mayor Petra Lindqvar resigns after audit",
            "Petra Lindqvar stepped down as mayor of Ostrevik on Monday, days after an audit "
            "found missing funds in the ferry budget.",
            "2031-04-07",
            "Daily Courier",
        ),
        art(
            "ost-b",
            "Lindqvar quits as Ostrevik city hall reels from ferry audit",
            "The mayor of Ostrevik, Petra Lindqvar, quit on Monday. Auditors had flagged "
            "gaps in the ferry accounts of the city.",
            "2031-04-07",
            "Harbor Times",
        ),
        art(
            "ost-c",
            "Resignation in Ostrevik: Lindqvar leaves over ferry funds",
            "Ostrevik's city hall is looking for a new leader after Petra Lindqvar resigned "
            "over the ferry funds uncovered by the audit.",
            "2031-04-08",
            "Northern Wire",
        ),
    ]


def port_strike() -> list[Article]:
    """An unrelated story, to give the corpus some background vocabulary."""
    return [
        art(
            "strike-a",
            "Dockers strike at Brannoch container terminal",
            "Dock workers at the Brannoch container terminal walked out on Thursday over "
            "night-shift pay, halting cranes and stranding four cargo ships.",
            "2031-05-02",
            "Daily Courier",
        ),
        art(
            "strike-b",
            "Brannoch terminal halted as dockers walk out over pay",
            "Cranes stood idle at Brannoch after dock workers began a strike about night-shift "
            "pay; four cargo ships waited offshore.",
            "2031-05-02",
            "Harbor Times",
        ),
    ]


def corpus() -> list[Article]:
    return quake_velmora() + quake_quillane() + mayor_resigns() + port_strike()


def test_fixture_ids_are_unique() -> None:
    ids = [a.id for a in corpus()]
    assert len(ids) == len(set(ids))
