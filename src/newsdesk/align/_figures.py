"""Headline figures: the one figure a story presents for each event measure.

Needs: the story's :class:`~newsdesk.records.ArticleAnalysis` records (their
``events``: :class:`~newsdesk.records.EventMeasure` statements) and paragraph reuse (to
count independent origins). Produces: :class:`~newsdesk.records.HeadlineFigure` records,
killed and injured first, then the other measures any report states.

**Per report.** A report's figure for a measure is, by decreasing specificity (``rank``):

4. a number written for it ("four people were injured"; the value stated most often in
   the report, the first one on a tie);
3. a figure derived from written numbers of the same report: injured = shot - killed
   ("four people were shot, one fatally": 3 injured);
2. the people it counts one by one, written without a number (``implicit``): killed are
   as many as the most distinct names, ages or sexes the killed singletons give
   ("Charlotte, 16, died" and "the 15-year-old boy died": two deaths); a person shot or
   hurt is injured only if something tells them apart from everyone killed in the story
   (another name, age or sex; or a new "a ..." phrase after a killed one in the same
   sentence: "left his accomplice dead and a resident wounded"), since "a man was shot"
   on Monday and "he died" on Tuesday are one death;
1. zero (``implicit``): the report describes its victims and none has the status
   (everyone shot died: injured 0; "shot" as many as "injured": killed 0).

An explicit zero ("no one was injured") is a rank-4 zero, but gives way to any other
figure of the report ("no one else was injured" after a wounded woman is one injured).
Statements dated before the story (a shooting "last month") or that are only a part of a
larger figure (``subset``) are left out.

**Per story.** The presented figure comes from the most specific rank any report reaches;
within it, from the most recent day (unless later reports only give a bound the exact
figure meets: "at least one" after "three"), by most reports that day, the most specific
wording (exact over bounded). Singletons: the most people any report names. Its label:

* ``conflicting``: reports of that day disagree (their admissible ranges do not overlap);
  ``disputed`` holds the other statements;
* ``update``: earlier reports gave a figure the presented one does not admit; ``history``
  holds those figures, oldest first, and ``note`` says "rose from 1 to 2 on 12 Jan 2017,
  per ...";
* otherwise as fact groups: ``single-source``, ``single-origin``, ``corroborated``,
  ``compatible`` (figures that differ within their bounds, or singleton counts that
  differ: a report naming fewer people does not disagree).

When a later report raises the killed figure above what the injured figure's report
knew, and no report as recent counts the injured, the deaths came from the injured: the
injured figure drops by as many (an ``update``). When the reports count killed but never
injured (or the reverse), the other is presented as 0, ``implicit``, "none reported".

**Only the story's event.** A figure is presented only when the measure is what the
story tells of (:mod:`newsdesk.align._salience`): a story whose reports do not lead with an
incident (a decree, a court ruling) presents no toll from a side mention deep in a report,
nor the "none reported" zero that would follow from it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from newsdesk.align._origins import copy_roots, group_origins, origin_key
from newsdesk.align._quantities import Window, compatible, story_window
from newsdesk.align._salience import about_the_event, incident_story
from newsdesk.records import (
    Agreement,
    Article,
    ArticleAnalysis,
    Bound,
    EventMeasure,
    FigureStep,
    HeadlineFigure,
    ParagraphReuse,
    Quantity,
    SourceRef,
)

__all__ = ["HEADLINE_ORDER", "headline_figures", "report_figures"]

HEADLINE_ORDER = (
    "killed",
    "injured",
    "casualties",
    "missing",
    "evacuated",
    "displaced",
    "rescued",
    "arrested",
)
"""Measures a story presents, in this order. ``shot`` only feeds killed and injured."""

EXPLICIT, DERIVED, SINGLETONS, ZERO = 4, 3, 2, 1


@dataclass(slots=True)
class ReportFigure:
    """One report's figure for one measure."""

    measure: str
    value: float
    rank: int
    article: Article
    evidence: list[EventMeasure] = field(default_factory=list)
    bound: Bound = Bound.EQ
    text: str = ""

    @property
    def published(self) -> str:
        return (self.article.published or "")[:10]

    @property
    def implicit(self) -> bool:
        return self.rank in (SINGLETONS, ZERO)

    @property
    def quantity(self) -> Quantity:
        return Quantity(self.text, 0, 0, self.value, bound=self.bound)


# ------------------------------------------------------------------ one report


def _usable(ev: EventMeasure, window: Window) -> bool:
    if ev.role != "count":
        return False
    if window is not None and ev.time is not None and ev.time.end:
        return ev.time.end >= window[0]  # a figure of an earlier event
    return True


def _facets(events: Sequence[EventMeasure]) -> dict[str, set[str]]:
    """The distinct names, ages and sexes of the people some singletons describe."""
    out: dict[str, set[str]] = {}
    for e in events:
        for w in e.who:
            kind, _, value = w.partition(":")
            if kind in ("name", "age", "sex", "other"):
                out.setdefault(kind, set()).add(value.lower())
    if "name" in out:
        out["name"] = _distinct_names(out["name"])
    return out


def _distinct_names(names: set[str]) -> set[str]:
    """Names not contained in a longer one ("Charlotte" is "Charlotte Zaremba")."""
    words = {n: set(n.split()) for n in names}
    return {n for n in names if not any(m != n and words[n] < words[m] for m in names)}


def _people(facets: dict[str, set[str]]) -> int:
    return max((len(v) for v in facets.values()), default=0)


def _new_people(facets: dict[str, set[str]], known: dict[str, set[str]]) -> int:
    """People ``facets`` describe that ``known`` does not (another name, age or sex)."""
    best = 0
    for kind, values in facets.items():
        seen = known.get(kind, set())
        if not seen and kind != "other":
            continue  # the known people have no name (age, sex): it may be one of them
        if kind == "name":
            fresh = {
                v
                for v in values
                if not any(
                    set(v.split()) <= set(k.split()) or set(k.split()) <= set(v.split())
                    for k in seen
                )
            }
        else:
            fresh = values - seen
        best = max(best, len(fresh))
    return best


_PRONOUNS = frozenset("he she him her himself herself they them who whom which that one it".split())


def _apart(hurt: Sequence[EventMeasure], killed: Sequence[EventMeasure]) -> int:
    """Hurt people a sentence tells apart from the killed one(s) it names: a new
    indefinite phrase after a killed one ("left his accomplice dead and a resident
    wounded"), or two phrases of the same sentence, neither a pronoun, that do not
    overlap ("shot and wounded Frank Doe, whose father returned fire, killing the
    teen"). Sentences are not added up: each may tell of the same hurt person again."""
    by_sentence: dict[tuple[str, int], list[EventMeasure]] = {}
    for k in killed:
        by_sentence.setdefault((k.article_id, k.sentence_index), []).append(k)
    apart: dict[tuple[str, int], set[int]] = {}
    for e in hurt:
        dead = by_sentence.get((e.article_id, e.sentence_index), [])
        if not dead:
            continue
        first = min(k.start for k in dead)
        new_after = e.start > first and e.text.lower().startswith(("a ", "an ", "another "))
        disjoint = _distinct(e.text) and all(
            not _pronoun(k.text) and "victim" not in k.text.lower() and not _overlap(e, k)
            for k in dead
        )
        if new_after or disjoint:
            apart.setdefault((e.article_id, e.sentence_index), set()).add(e.start)
    return max((len(starts) for starts in apart.values()), default=0)


def _pronoun(text: str) -> bool:
    return text.lower().strip() in _PRONOUNS


def _distinct(text: str) -> bool:
    """A phrase that may name someone of its own: not a pronoun, not "the ..." (which
    may be someone the sentence already named)."""
    return not _pronoun(text) and not text.lower().strip().startswith("the ")


def _overlap(a: EventMeasure, b: EventMeasure) -> bool:
    return a.start < b.end and b.start < a.end


def _singleton_counts(
    events: Sequence[EventMeasure], story_killed: Sequence[EventMeasure] = ()
) -> dict[str, tuple[int, list[EventMeasure]]]:
    """Killed and injured people a report counts one by one (see the module docstring).
    A hurt person is injured only if nothing says it is one of the killed, in this report
    or in another report of the story (``story_killed``: "shot" on Monday, "died" on
    Tuesday)."""
    singles = [e for e in events if e.implicit and e.value == 1]
    killed = [e for e in singles if e.measure == "killed"]
    hurt = [e for e in singles if e.measure in ("injured", "shot")]
    groups = [e for e in events if e.implicit and e.value > 1]  # "a man and a boy"
    killed_group = [e for e in groups if e.measure == "killed"]
    hurt_group = [e for e in groups if e.measure == "injured"]
    out: dict[str, tuple[int, list[EventMeasure]]] = {}
    if killed or killed_group:
        most = max((int(e.value) for e in killed_group), default=1)
        out["killed"] = (max(most, _people(_facets(killed))), [*killed, *killed_group])
    if hurt or hurt_group:
        dead = [*killed, *killed_group, *story_killed]
        fresh = (
            (
                max(_new_people(_facets(hurt), _facets(dead)), _apart(hurt, killed))
                if dead
                else max(1, _people(_facets(hurt)))
            )
            if hurt
            else 0
        )
        fresh = max(fresh, *(int(e.value) for e in hurt_group)) if hurt_group else fresh
        out["injured"] = (fresh, [*hurt, *hurt_group])
    return out


def _explicit(
    measure: str, events: Sequence[EventMeasure], article: Article
) -> ReportFigure | None:
    stated = [e for e in events if e.measure == measure and not e.implicit]
    nonzero = [e for e in stated if e.value > 0]
    if not nonzero:
        return None
    counts = Counter(e.value for e in nonzero)
    best = max(counts.values())
    value = next(e.value for e in nonzero if counts[e.value] == best)
    evidence = [e for e in nonzero if e.value == value]
    return ReportFigure(
        measure, value, EXPLICIT, article, evidence, evidence[0].bound, evidence[0].text
    )


_OTHERS = re.compile(r"\b(?:others?|more|additional)\b", re.IGNORECASE)


def _others_shot(events: Sequence[EventMeasure], article: Article) -> ReportFigure | None:
    """Injured = the people shot "besides" the killed ("one man died; three other victims
    were shot"): a written number of shot people marked as others, in a report that
    counts deaths."""
    others = [
        e
        for e in events
        if e.measure == "shot" and not e.implicit and e.value > 0 and _OTHERS.search(e.text)
    ]
    if not others or any(e.bound is not Bound.EQ for e in others):
        return None
    best = max(others, key=lambda e: e.value)
    return ReportFigure("injured", best.value, DERIVED, article, [best], Bound.EQ, best.text)


def report_figures(
    analysis: ArticleAnalysis,
    window: Window = None,
    story_killed: Sequence[EventMeasure] = (),
) -> dict[str, ReportFigure]:
    """Each measure's figure in one report (see the module docstring); ``story_killed``:
    the killed singletons of the story's other reports."""
    article = analysis.article
    events = [e for e in analysis.events if _usable(e, window)]
    measures = dict.fromkeys(e.measure for e in events)
    out: dict[str, ReportFigure] = {}
    for m in measures:
        fig = _explicit(m, events, article)
        if fig is not None:
            out[m] = fig
    people = _singleton_counts(events, story_killed)
    for m in ("killed", "injured"):
        if m in out:
            continue
        other = "injured" if m == "killed" else "killed"
        if m == "injured" and ("killed" in out or "killed" in people):
            fig = _others_shot(events, article)
            if fig is not None:
                out[m] = fig
                continue
        shot, known = out.get("shot"), out.get(other)
        if shot is not None and (known is not None or other not in measures):
            value = shot.value - (known.value if known is not None else 0)
            if m == "killed" and value != 0:
                value = -1  # killed = shot - injured only when all the shot were injured
            if value >= 0 and shot.bound is Bound.EQ:
                ev = shot.evidence + (known.evidence if known else [])
                rank = DERIVED if value > 0 else ZERO  # a zero gives way to anyone named
                out[m] = ReportFigure(m, value, rank, article, ev, Bound.EQ, f"{value:g}")
                continue
        count, ev = people.get(m, (0, []))
        if count:
            text = ev[0].text if count == 1 else f"{count} people"
            out[m] = ReportFigure(m, float(count), SINGLETONS, article, ev, Bound.EQ, text)
        elif people:
            ev = [e for _, found in people.values() for e in found]
            out[m] = ReportFigure(m, 0.0, ZERO, article, ev, Bound.EQ, "0")
    for m in measures:
        if m in out:
            continue
        zeros = [e for e in events if e.measure == m and not e.implicit and e.value == 0]
        if zeros:
            out[m] = ReportFigure(m, 0.0, EXPLICIT, article, zeros, Bound.EQ, zeros[0].text)
        else:
            singles = [e for e in events if e.measure == m and e.implicit]
            if singles:
                out[m] = ReportFigure(
                    m, 1.0, SINGLETONS, article, singles, Bound.EQ, singles[0].text
                )
    return out


# ------------------------------------------------------------------ one story


def _fmt_date(iso: str) -> str:
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%b')} {d.year}"


def _name(article: Article) -> str:
    return article.outlet or (f"“{article.title}”" if article.title else article.id[:12])


def _refs(figs: Sequence[ReportFigure]) -> tuple[SourceRef, ...]:
    refs = [
        SourceRef(e.article_id, f.article.outlet, e.sentence_index)
        for f in figs
        for e in f.evidence[:1]
    ]
    return tuple(dict.fromkeys(refs))


def _value_text(value: float, bound: Bound) -> str:
    prefix = {
        Bound.GE: "at least ",
        Bound.GT: "more than ",
        Bound.APPROX: "about ",
        Bound.LE: "at most ",
        Bound.LT: "fewer than ",
    }.get(bound, "")
    return f"{prefix}{value:g}"


def _history(earlier: Sequence[ReportFigure]) -> list[FigureStep]:
    """Earlier figures, oldest first, one step per change of value."""
    steps: list[FigureStep] = []
    by_date = sorted(earlier, key=lambda f: f.published)
    for f in by_date:
        if steps and steps[-1].value == f.value and steps[-1].bound is f.bound:
            continue
        same = [g for g in by_date if g.published == f.published and g.value == f.value]
        steps.append(FigureStep(f.value, f.text, f.bound, f.published or None, _refs(same)))
    return steps


def _day(figs: Sequence[ReportFigure]) -> str:
    """The day whose reports give the presented figure: the latest, unless later reports
    only give a bound an earlier exact figure meets ("at least one" after "three")."""
    latest = max(f.published for f in figs)
    exact = [f for f in figs if f.bound is Bound.EQ]
    if exact:
        last_exact = max(f.published for f in exact)
        later = [f for f in figs if f.published > last_exact]
        if all(any(compatible(f.quantity, e.quantity) for e in exact) for f in later):
            return last_exact
    return latest


def _outvoted(figs: Sequence[ReportFigure], day: str) -> str:
    """The day to present: ``day``, unless every figure from it on is lower than an exact
    earlier one that at least twice as many reports state (one late report writing "three
    others" after five wrote "four others"): a count of people shrinks when some of them
    die, which the killed figure shows, not when one report words it otherwise."""
    later = [f for f in figs if f.published >= day]
    earlier = [f for f in figs if f.published < day and f.bound is Bound.EQ]
    if not earlier or any(f.bound is not Bound.EQ for f in later):
        return day
    top = max(f.value for f in later)
    higher = [f for f in earlier if f.value > top]
    if not higher:
        return day
    votes = Counter(f.value for f in higher)
    value, n = votes.most_common(1)[0]
    if n < 2 or n < 2 * len({f.article.id for f in later}):
        return day
    return max(f.published for f in higher if f.value == value)


@dataclass(frozen=True, slots=True)
class _Choice:
    best: ReportFigure
    support: list[ReportFigure]
    """Report figures that admit the presented one (any day)."""
    disputed: list[ReportFigure]
    """Figures of the presented day that do not."""
    earlier: list[ReportFigure]
    """Figures of earlier days that do not (the figure was revised)."""


def _choose(figs: Sequence[ReportFigure]) -> _Choice:
    """The presented figure (see the module docstring)."""
    if figs[0].rank == SINGLETONS:
        best = max(figs, key=lambda f: (f.value, f.published))
        return _Choice(best, [f for f in figs if f.value == best.value], [], [])
    day = _outvoted(figs, _day(figs))
    today = [f for f in figs if f.published == day]
    votes = Counter(f.value for f in today)
    top = max(votes.values())
    winner = next(f for f in reversed(today) if votes[f.value] == top)
    fits = [f for f in today if compatible(f.quantity, winner.quantity)]
    best = min(fits, key=lambda f: (f.bound is not Bound.EQ, -fits.index(f)))  # most specific
    admits = [f for f in figs if f.published <= day and compatible(f.quantity, best.quantity)]
    return _Choice(
        best,
        admits,
        [f for f in today if not compatible(f.quantity, best.quantity)],
        [f for f in figs if f.published < day and not compatible(f.quantity, best.quantity)],
    )


def _figure(
    measure: str,
    figs: list[ReportFigure],
    copied_from: dict[tuple[str, int], str],
    articles: dict[str, Article],
) -> HeadlineFigure:
    rank = max(f.rank for f in figs)
    figs = [f for f in figs if f.rank == rank]
    choice = _choose(figs)
    best = choice.best
    evidence = [e for f in choice.support for e in f.evidence]
    origins = group_origins(evidence, copied_from, articles) if evidence else []
    history = _history(choice.earlier)
    label, note = _label(choice, figs, history, origins)
    return HeadlineFigure(
        measure=measure,
        value=best.value,
        text=best.text,
        label=label,
        evidence=tuple(evidence),
        bound=best.bound,
        implicit=best.implicit,
        derived=rank == DERIVED,
        as_of=max(f.published for f in choice.support) or None,
        history=tuple(history),
        disputed=tuple(e for f in choice.disputed for e in f.evidence),
        independent_origins=max(1, len(origins)),
        origins=tuple(origins),
        note=note,
    )


def _label(
    choice: _Choice,
    figs: list[ReportFigure],
    history: list[FigureStep],
    origins: list[str],
) -> tuple[Agreement, str]:
    best = choice.best
    per = ", ".join(dict.fromkeys(_name(f.article) for f in choice.support))
    shown = _value_text(best.value, best.bound)
    if choice.disputed:
        others = "; ".join(
            f"{_value_text(f.value, f.bound)} ({_name(f.article)})" for f in choice.disputed
        )
        day = _fmt_date(best.published) if best.published else "the same day"
        return Agreement.CONFLICTING, f"reports of {day} disagree: {shown} ({per}) vs {others}"
    if history:
        prev = history[-1]
        verb = "rose" if best.value > prev.value else "fell"
        since = sorted(f.published for f in choice.support if f.published > (prev.date or ""))
        when = f" on {_fmt_date(since[0])}" if since and since[0] else ""
        return (
            Agreement.UPDATE,
            f"{verb} from {_value_text(prev.value, prev.bound)} to {shown}{when}, per {per}",
        )
    if len({f.article.id for f in figs}) == 1:
        return Agreement.SINGLE_SOURCE, f"{shown}, per {per}"
    if any(f.value != best.value or f.bound is not best.bound for f in figs):
        fewer = "; reports naming fewer people" if best.rank == SINGLETONS else ""
        return Agreement.COMPATIBLE, f"{shown}, per {per}{fewer}"
    if len({origin_key(o) for o in origins}) <= 1:
        return Agreement.SINGLE_ORIGIN, f"{shown}, per {per} (one origin)"
    return Agreement.CORROBORATED, f"{shown}, per {per}"


def _died_later(
    injured: HeadlineFigure, killed: HeadlineFigure, figures: dict[str, dict[str, ReportFigure]]
) -> HeadlineFigure:
    """Deaths a later report adds came from the injured an earlier report counted, unless
    a report as recent as the deaths counts as many injured itself (one that names fewer
    hurt people, "a second victim was hit in the leg", does not keep the earlier count)."""
    if not injured.evidence or not killed.as_of or not injured.as_of:
        return injured
    if killed.as_of <= injured.as_of:
        return injured
    for per in figures.values():
        later = per.get("injured")
        if (
            later is not None
            and later.rank >= SINGLETONS
            and later.published >= killed.as_of
            and later.value >= injured.value
        ):
            return injured
    source = injured.evidence[-1].article_id
    known = figures.get(source, {}).get("killed")
    died = killed.value - (known.value if known is not None else 0)
    if died <= 0 or injured.value <= 0:
        return injured
    value = max(0.0, injured.value - died)
    step = FigureStep(
        injured.value,
        injured.text,
        injured.bound,
        injured.as_of,
        tuple(SourceRef(e.article_id, None, e.sentence_index) for e in injured.evidence[:1]),
    )
    return HeadlineFigure(
        measure=injured.measure,
        value=value,
        text=f"{value:g}",
        label=Agreement.UPDATE,
        evidence=injured.evidence + killed.evidence,
        bound=Bound.EQ,
        implicit=injured.implicit,
        derived=True,
        as_of=killed.as_of,
        history=(*injured.history, step),
        independent_origins=injured.independent_origins,
        origins=injured.origins,
        note=f"fell from {injured.value:g} to {value:g} on {_fmt_date(killed.as_of)}: "
        f"{died:g} of the injured died",
    )


def headline_figures(
    analyses: Sequence[ArticleAnalysis], reuse: Sequence[ParagraphReuse] = ()
) -> list[HeadlineFigure]:
    """One figure per event measure the story's reports state (see the module docstring)."""
    window = story_window(analyses)
    killed = [
        e
        for an in analyses
        for e in an.events
        if e.measure == "killed" and e.implicit and e.value == 1 and _usable(e, window)
    ]
    per_report = {
        an.article.id: report_figures(
            an, window, [e for e in killed if e.article_id != an.article.id]
        )
        for an in analyses
    }
    articles = {an.article.id: an.article for an in analyses}
    copied_from = copy_roots(reuse)
    by_measure: dict[str, list[ReportFigure]] = {}
    for an in analyses:
        for m, fig in per_report[an.article.id].items():
            by_measure.setdefault(m, []).append(fig)
    incident = incident_story(analyses)
    out: dict[str, HeadlineFigure] = {}
    for m in HEADLINE_ORDER:
        if m in by_measure:
            shown = _figure(m, by_measure[m], copied_from, articles)
            if about_the_event(shown.evidence, incident=incident):
                out[m] = shown
    if "killed" in out and "injured" in out:
        out["injured"] = _died_later(out["injured"], out["killed"], per_report)
    for m, other in (("killed", "injured"), ("injured", "killed")):
        if m not in out and other in out:
            out[m] = _none_reported(m, out[other], copied_from, articles)
    return [out[m] for m in HEADLINE_ORDER if m in out]


def _none_reported(
    measure: str,
    other: HeadlineFigure,
    copied_from: dict[tuple[str, int], str],
    articles: dict[str, Article],
) -> HeadlineFigure:
    """Zero of ``measure`` when the reports count the other one and none states this one
    ("two people are dead" and no word of anyone hurt: injured 0, implicit)."""
    evidence = other.evidence
    origins = group_origins(evidence, copied_from, articles) if evidence else []
    reports = {e.article_id for e in evidence}
    if len(reports) <= 1:
        label = Agreement.SINGLE_SOURCE
    elif len(origins) <= 1:
        label = Agreement.SINGLE_ORIGIN
    else:
        label = Agreement.CORROBORATED
    names = ", ".join(dict.fromkeys(_name(articles[r]) for r in reports if r in articles))
    return HeadlineFigure(
        measure=measure,
        value=0.0,
        text="none reported",
        label=label,
        evidence=evidence,
        implicit=True,
        as_of=other.as_of,
        independent_origins=max(1, len(origins)),
        origins=tuple(origins),
        note=f"none reported: {names} count{'s' if len(reports) == 1 else ''} "
        f"{other.measure} but no one {measure}",
    )
