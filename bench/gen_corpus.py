"""Generate a synthetic news corpus for throughput benchmarks.

Events of a few kinds (earthquakes, floods, arrests, strikes, fires) happen in invented
places on invented dates; each is reported by 2-6 invented outlets in varied wording,
with figures, attributions and scraping debris. Output: one JSONL file (the format
``newsdesk ingest`` reads), deterministic for a given seed.

    python bench/gen_corpus.py --articles 10000 --out /tmp/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SYLLABLES = (
    "ka ri mo ten vel ash bar dun fen gor hal ist jor kel lun mar nor ost pel quen ros sal "
    "tor ulm var wen yor zan"
).split()
OUTLETS = [
    f"The {a} {b}"
    for a in (
        "Harbor",
        "Valley",
        "Northfield",
        "Coastline",
        "Riverside",
        "Summit",
        "Lakeshore",
        "Prairie",
        "Granite",
        "Ember",
    )
    for b in ("Ledger", "Post", "Courier", "Daily", "Tribune", "Herald")
]
WIRES = ["Meridian Wire", "Compass Press", "Atlas News Agency"]
DEBRIS = [
    "Share this article",
    "ADVERTISEMENT",
    "loading…",
    "Photo: Staff/Archive",
    "You might also like",
    "Sign up for our newsletter",
]

KINDS = {
    "earthquake": (
        "A magnitude {mag} earthquake struck near {place} on {day}, damaging {n1} homes.",
        "At least {n2} people were killed and {n3} injured, according to the {agency}.",
        "Rescuers searched collapsed buildings in {place} through the night, {person} said.",
        "The quake was felt across the {region} region, the {agency} reported.",
    ),
    "flood": (
        "Floodwaters rose across {place} on {day}, forcing {n1} people from their homes.",
        "The {agency} said {n2} shelters had opened and {n3} roads were closed.",
        "{person}, the mayor of {place}, said crews worked through the night.",
        "Forecasters expect the river in the {region} valley to crest within days.",
    ),
    "arrest": (
        "Police in {place} arrested {person} on {day} in connection with a fraud inquiry.",
        "Investigators said the scheme cost investors about {n1} thousand dollars.",
        "{n2} officers took part in raids on {n3} addresses, according to the {agency}.",
        "A lawyer for {person} said the charges would be contested in court in {region}.",
    ),
    "strike": (
        "Workers at the {place} port walked out on {day} in a dispute over pay.",
        "The union said {n1} members joined the strike and {n2} ships were idle.",
        "{person}, a union spokesperson, told reporters the walkout would last {n3} hours.",
        "The {agency} urged both sides to return to talks in {region}.",
    ),
    "fire": (
        "A fire tore through a warehouse in {place} on {day}, the {agency} said.",
        "More than {n1} firefighters battled the blaze, which destroyed {n2} buildings.",
        "{person} said {n3} residents were evacuated as a precaution.",
        "Smoke could be seen across the {region} district for hours.",
    ),
}


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


@dataclass(frozen=True)
class Event:
    kind: str
    place: str
    region: str
    person: str
    agency: str
    day: date
    figures: dict[str, int]


def _event(rng: random.Random, start: date, span_days: int) -> Event:
    return Event(
        kind=rng.choice(sorted(KINDS)),
        place=_name(rng, 2) + rng.choice(["", " Bay", " Falls", "ford", " Heights"]),
        region=_name(rng, 3),
        person=f"{_name(rng, 2)} {_name(rng, 3)}",
        agency=rng.choice(
            [
                "emergency ministry",
                "regional police",
                "civil defence office",
                "harbour authority",
                "fire service",
            ]
        ),
        day=start + timedelta(days=rng.randrange(span_days)),
        figures={
            "n1": rng.randrange(10, 5000),
            "n2": rng.randrange(2, 400),
            "n3": rng.randrange(2, 90),
            "mag": rng.randrange(40, 79),
        },
    )


def _article(rng: random.Random, ev: Event, outlet: str) -> dict[str, str]:
    lines = list(KINDS[ev.kind])
    rng.shuffle(lines[1:])
    f = dict(ev.figures)
    if rng.random() < 0.2:  # a conflicting or rounded figure
        f["n2"] = f["n2"] + rng.choice([-3, 5, 11])
    fields = {
        "place": ev.place,
        "region": ev.region,
        "person": ev.person,
        "agency": ev.agency,
        "day": ev.day.strftime("%A"),
        "mag": f"{f['mag'] / 10:.1f}",
        "n1": f"{f['n1']:,}",
        "n2": str(f["n2"]),
        "n3": str(f["n3"]),
    }
    body = [line.format(**fields) for line in lines]
    filler = [
        f"Officials in {ev.place} said more details would follow.",
        f"Residents of {ev.region} described a tense night.",
        f"{rng.choice(WIRES)} contributed reporting.",
    ]
    body.extend(rng.sample(filler, k=rng.randint(1, 3)))
    for _ in range(rng.randint(0, 3)):
        body.insert(rng.randrange(len(body) + 1), rng.choice(DEBRIS))
    published = ev.day + timedelta(days=rng.randint(0, 2))
    angle = rng.choice(["latest", "what we know", "update", "live"])
    title = f"{ev.kind.capitalize()} in {ev.place}: {angle}"
    site = outlet.lower().replace(" ", "")
    return {
        "event": f"{ev.kind}:{ev.place}:{ev.day.isoformat()}",
        "outlet": outlet,
        "title": title,
        "published": published.isoformat(),
        "url": f"https://{site}.example/{ev.place.lower()}-{rng.randrange(10**6)}",
        "text": "\n\n".join(body),
    }


def generate(n_articles: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    span = max(30, n_articles // 20)
    out: list[dict[str, str]] = []
    while len(out) < n_articles:
        ev = _event(rng, start, span)
        for outlet in rng.sample(OUTLETS, k=rng.randint(2, 6)):
            out.append(_article(rng, ev, outlet))
    out = out[:n_articles]
    out.sort(key=lambda a: a["published"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    with args.out.open("w", encoding="utf-8") as fh:
        for art in generate(args.articles, args.seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
