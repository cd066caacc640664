"""Briefs of real shooting reports (gva-dev): does the summary lead with what happened, and
do the brief's sections stay free of boilerplate?

Data: ``<shared>/data/gva-dev`` (bench/_data.py): real news reports of US shooting
incidents (Gun Violence Archive), ``articles.jsonl`` and ``gold.json`` (incident ->
urls, city, date, killed, injured). Each incident's reports are briefed as one story (the
gold grouping, so that clustering errors do not blur the brief's own), through the real
ingest, dedupe, facts, align and brief stages.

Split: the one of ``bench_gva`` (:func:`bench_gva.part`, a stable hash of the incident
id, about 60% dev), so that every gva-dev benchmark looks at the same development
incidents. (Until December 2026 this file split by the parity of the id's SHA-256; the
summary and boilerplate rules were written looking at that development part.)

Per part, over incidents:

* **lead event**: the summary's first sentence tells of the shooting (a word such as
  shot, shooting, killed, wounded, died, gunfire, homicide; a check of this benchmark, not
  a rule of newsdesk);
* **lead place**: the first sentence names the incident's city (gold ``city_or_county``);
* **boilerplate shown**: brief sentences (summary, agree, differ, single) holding a phone
  number, a call for information or a byline (an independent check, not newsdesk's filter);
* **agreed claims**: incidents with two or more outlets whose brief shows at least one
  agreed item, and agreed claim groups per incident;
* **claim conflicts**: claim groups labelled conflicting per 100 incidents (each one a
  candidate false conflict, listed with ``--show-conflicts``).

Usage::

    python bench/bench_brief_gva.py                    # development part
    python bench/bench_brief_gva.py --part test        # test part
    python bench/bench_brief_gva.py --show 739451      # one incident's brief (Markdown)
    python bench/bench_brief_gva.py --gate             # test-part subset, exit 1 below floors
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from _data import DATA
from bench_gva import part as gva_part
from newsdesk import pipeline
from newsdesk.brief.render_markdown import story_markdown
from newsdesk.records import Agreement, Section, Story, StoryReport
from newsdesk.store import Store

ROOT = DATA / "gva-dev"

_EVENT = re.compile(
    r"\b(?:shot|shoot\w*|kill\w*|wound\w*|injur\w*|died|dead|death|gun\w*|homicide|murder\w*|"
    r"fired|slain|stabb\w*)\b",
    re.IGNORECASE,
)
_JUNK = re.compile(
    r"\d{3}[\s.-]\d{4}\b|\banyone with information\b|\basked to call\b|crime ?stoppers|"
    r"contributed to this report|\bcopyright\b",
    re.IGNORECASE,
)


def part_of(incident_id: str) -> str:
    """The fixed split of every gva-dev benchmark (:func:`bench_gva.part`)."""
    return gva_part(incident_id)


@dataclass(slots=True)
class Tally:
    incidents: int = 0
    lead_event: int = 0
    lead_place: int = 0
    boilerplate: int = 0
    shown: int = 0
    multi_outlet: int = 0
    with_agreed: int = 0
    agreed_claims: int = 0
    claim_conflicts: int = 0

    def lines(self, part: str) -> list[str]:
        n = max(1, self.incidents)
        m = max(1, self.multi_outlet)
        return [
            f"gva {part}: {self.incidents} incidents",
            f"  summary lead tells the event   {self.lead_event / n:.1%}",
            f"  summary lead names the city    {self.lead_place / n:.1%}",
            f"  boilerplate sentences shown    {self.boilerplate} of {self.shown}",
            f"  multi-outlet incidents with an agreed item  {self.with_agreed / m:.1%} "
            f"({self.with_agreed}/{self.multi_outlet})",
            f"  agreed claim groups per incident  {self.agreed_claims / n:.2f}",
            f"  claim conflicts per 100 incidents {100 * self.claim_conflicts / n:.1f}",
        ]


def load(root: Path = ROOT) -> tuple[dict[str, dict[str, object]], list[dict[str, str]]]:
    gold = json.loads((root / "gold.json").read_text("utf-8"))["incidents"]
    articles = [json.loads(line) for line in (root / "articles.jsonl").open(encoding="utf-8")]
    return gold, articles


def reports(
    store: Store, gold: dict[str, dict[str, object]], ids: list[str], matcher: str
) -> dict[str, StoryReport]:
    by_url = {a.url: a.id for a in store.articles()}
    out: dict[str, StoryReport] = {}
    chosen = pipeline.make_matcher(matcher)
    for incident in ids:
        urls = gold[incident]["urls"]
        assert isinstance(urls, list)
        article_ids = [by_url[u] for u in urls if u in by_url]
        story = Story(f"gva-{incident}", incident, article_ids)
        out[incident] = pipeline.story_report(store, story, matcher=chosen)
    return out


def tally(report: StoryReport, city: str, tally: Tally) -> None:
    tally.incidents += 1
    summary = [s for s in report.brief.sentences if s.section is Section.SUMMARY]
    lead = summary[0].text if summary else ""
    tally.lead_event += bool(_EVENT.search(lead))
    tally.lead_place += bool(city) and city.lower() in lead.lower()
    shown = [s for s in report.brief.sentences if s.section is not Section.CITATIONS]
    tally.shown += len(shown)
    tally.boilerplate += sum(bool(_JUNK.search(s.text)) for s in shown)
    if len({a.outlet or a.id for a in report.articles}) >= 2:
        tally.multi_outlet += 1
        tally.with_agreed += any(s.section is Section.AGREE for s in report.brief.sentences)
    agreed = {Agreement.CORROBORATED, Agreement.COMPATIBLE, Agreement.SINGLE_ORIGIN}
    tally.agreed_claims += sum(c.label in agreed for c in report.claims)
    tally.claim_conflicts += sum(c.label is Agreement.CONFLICTING for c in report.claims)


GATE = {"lead_event": 0.75, "boilerplate": 0}
"""Gate (``--gate``: the first GATE_LIMIT incidents of the test part)."""
GATE_LIMIT = 8


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="dev", choices=["dev", "test"])
    ap.add_argument("--matcher", default="rules", choices=list(pipeline.MATCHERS))
    ap.add_argument("--limit", type=int, default=0, help="first N incidents of the part")
    ap.add_argument("--show", help="print one incident's brief (must be in the part)")
    ap.add_argument("--show-conflicts", action="store_true")
    ap.add_argument("--data", type=Path, default=ROOT)
    ap.add_argument("--gate", action="store_true", help="test-part subset against the floors")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no gva-dev data at {args.data}")
        return 0 if args.gate else 1
    if args.gate:
        args.part, args.limit = "test", GATE_LIMIT
    gold, articles = load(args.data)
    ids = sorted(i for i in gold if part_of(i) == args.part)
    if args.show:
        ids = [args.show] if args.show in ids else []
    elif args.limit:
        ids = ids[: args.limit]
    wanted = {u for i in ids for u in gold[i]["urls"]}  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gva.jsonl"
        path.write_text(
            "".join(json.dumps(a) + "\n" for a in articles if a["url"] in wanted), "utf-8"
        )
        store = Store(Path(tmp) / "gva.db")
        pipeline.ingest_paths(store, [path])
        pipeline.dedupe_store(store)
        result = reports(store, gold, ids, args.matcher)
        store.close()
    total = Tally()
    for incident, report in result.items():
        city = str(gold[incident].get("city_or_county") or "")
        tally(report, city.split(" (")[0], total)
        if args.show:
            print(story_markdown(report))
        if args.show_conflicts:
            for c in report.claims:
                if c.label is Agreement.CONFLICTING:
                    print(f"{incident}: " + " || ".join(m.sentence for m in c.mentions))
    print("\n".join(total.lines(args.part)))
    if args.gate and (
        total.lead_event < GATE["lead_event"] * total.incidents
        or total.boilerplate > GATE["boilerplate"]
    ):
        print(f"FAIL: below the gate {GATE}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
