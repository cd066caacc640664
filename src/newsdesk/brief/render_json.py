"""JSON rendering of story reports, following ``schema/newsdesk-report.v1.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsdesk.brief._voices import voices
from newsdesk.records import (
    ArticleAnalysis,
    Attribution,
    BriefSentence,
    ClaimGroup,
    EventMeasure,
    Fact,
    FactGroup,
    FigureStep,
    HeadlineFigure,
    ParagraphReuse,
    Quantity,
    SourceRef,
    StoryReport,
    StorySummary,
)

SCHEMA_VERSION = "1.2.0"
"""1.1.0 added ``headline_figures`` per story, the ``update`` label and the ``updates``
brief section; 1.2.0 added ``claim_groups`` per story (label, sentences, outlets, primary
sources, origins), the attribution fields ``source_text``, ``recipient`` and the spans, and
claim group ids in ``brief[].group_id``."""
STORY_LIST_SCHEMA_VERSION = "1.0.0"

JSONObject = dict[str, Any]


def _version() -> str:
    from newsdesk import __version__

    return __version__


def quantity_json(q: Quantity) -> JSONObject:
    return {
        "text": q.text,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "unit": q.unit,
        "bound": str(q.bound),
    }


def fact_json(f: Fact) -> JSONObject:
    return {
        "id": f.id,
        "article_id": f.article_id,
        "sentence_index": f.sentence_index,
        "sentence": f.sentence,
        "quantity": quantity_json(f.quantity),
        "subject": f.subject,
        "predicate": f.predicate,
        "time": (
            None
            if f.time is None
            else {"text": f.time.text, "start": f.time.start, "end": f.time.end}
        ),
        "attributed_to": list(f.attributed_to),
    }


def attribution_json(a: Attribution) -> JSONObject:
    return {
        "source": a.source,
        "cue": a.cue,
        "content": a.content,
        "sentence_index": a.sentence_index,
        "kind": a.kind,
        "via": a.via,
        "source_text": a.source_text,
        "recipient": a.recipient,
        "source_span": _span(a.source_span),
        "cue_span": _span(a.cue_span),
        "content_span": _span(a.content_span),
    }


def _span(span: tuple[int, int] | None) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def claim_group_json(c: ClaimGroup, outlets: dict[str, str | None]) -> JSONObject:
    """A claim group: its label and origins, who states it (outlet, primary source) and
    each sentence."""
    return {
        "id": c.id,
        "label": str(c.label),
        "independent_origins": c.independent_origins,
        "origins": list(c.origins),
        "terms": list(c.terms),
        "voices": [
            {"article_id": v.article_id, "outlet": v.outlet, "primary_source": v.source}
            for v in voices(c, outlets)
        ],
        "mentions": [
            {
                "claim_id": m.id,
                "article_id": m.article_id,
                "outlet": outlets.get(m.article_id),
                "sentence_index": m.sentence_index,
                "sentence": m.sentence,
                "attributed_to": list(m.attributed_to),
            }
            for m in c.mentions
        ],
    }


def _reuse_json(r: ParagraphReuse) -> JSONObject:
    return {
        "paragraph_index": r.paragraph_index,
        "original_id": r.original_id,
        "original_paragraph_index": r.original_paragraph_index,
        "similarity": r.similarity,
    }


def _article_json(an: ArticleAnalysis, reuse: Sequence[ParagraphReuse]) -> JSONObject:
    a = an.article
    return {
        "id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "authors": list(a.authors),
        "published": a.published,
        "source": a.source,
        "url": a.url,
        "format": a.format,
        "text": a.text,
        "removed": [
            {"text": r.text, "reason": r.reason, "start": r.start, "end": r.end} for r in a.removed
        ],
        "duplicate_of": a.duplicate_of,
        "duplicate_kind": a.duplicate_kind,
        "primary_sources": list(an.primary_sources),
        "attributions": [attribution_json(x) for x in an.attributions],
        "reused_paragraphs": [_reuse_json(r) for r in reuse if r.article_id == a.id],
    }


def _group_json(g: FactGroup, outlets: dict[str, str | None]) -> JSONObject:
    return {
        "id": g.id,
        "subject": g.subject,
        "predicate": g.predicate,
        "label": str(g.label),
        "independent_origins": g.independent_origins,
        "origins": list(g.origins),
        "mentions": [
            {
                "fact_id": f.id,
                "article_id": f.article_id,
                "outlet": outlets.get(f.article_id),
                "sentence_index": f.sentence_index,
                "sentence": f.sentence,
                "quantity": quantity_json(f.quantity),
                "attributed_to": list(f.attributed_to),
            }
            for f in g.mentions
        ],
    }


def _source_json(r: SourceRef) -> JSONObject:
    return {"article_id": r.article_id, "outlet": r.outlet, "sentence_index": r.sentence_index}


def _brief_json(s: BriefSentence) -> JSONObject:
    return {
        "text": s.text,
        "section": str(s.section),
        "group_id": s.group_id,
        "sources": [_source_json(r) for r in s.sources],
    }


def _statement_json(e: EventMeasure, outlets: dict[str, str | None]) -> JSONObject:
    return {
        "article_id": e.article_id,
        "outlet": outlets.get(e.article_id),
        "published": e.published,
        "sentence_index": e.sentence_index,
        "sentence": e.sentence,
        "text": e.text,
        "measure": e.measure,
        "value": e.value,
        "bound": str(e.bound),
        "implicit": e.implicit,
        "role": e.role,
        "attributed_to": list(e.attributed_to),
    }


def _step_json(step: FigureStep) -> JSONObject:
    return {
        "value": step.value,
        "text": step.text,
        "bound": str(step.bound),
        "date": step.date,
        "sources": [_source_json(r) for r in step.sources],
    }


def figure_json(f: HeadlineFigure, outlets: dict[str, str | None]) -> JSONObject:
    return {
        "measure": f.measure,
        "value": f.value,
        "text": f.text,
        "bound": str(f.bound),
        "label": str(f.label),
        "implicit": f.implicit,
        "derived": f.derived,
        "as_of": f.as_of,
        "note": f.note,
        "independent_origins": f.independent_origins,
        "origins": list(f.origins),
        "evidence": [_statement_json(e, outlets) for e in f.evidence],
        "history": [_step_json(s) for s in f.history],
        "disputed": [_statement_json(e, outlets) for e in f.disputed],
    }


def outlets_of(report: StoryReport) -> list[str]:
    seen: dict[str, None] = {}
    for a in report.articles:
        if a.outlet:
            seen.setdefault(a.outlet, None)
    return list(seen)


def story_json(report: StoryReport) -> JSONObject:
    dates = sorted(a.published for a in report.articles if a.published)
    outlets = {a.id: a.outlet for a in report.articles}
    return {
        "id": report.story.id,
        "title": report.story.title,
        "first_published": dates[0] if dates else None,
        "last_published": dates[-1] if dates else None,
        "outlets": outlets_of(report),
        "articles": [_article_json(an, report.reuse) for an in report.analyses],
        "facts": [fact_json(f) for an in report.analyses for f in an.facts],
        "fact_groups": [_group_json(g, outlets) for g in report.groups],
        "headline_figures": [figure_json(f, outlets) for f in report.figures],
        "claim_groups": [claim_group_json(c, outlets) for c in report.claims],
        "brief": [_brief_json(s) for s in report.brief.sentences],
    }


def report_document(reports: Sequence[StoryReport]) -> JSONObject:
    return {
        "schema_version": SCHEMA_VERSION,
        "newsdesk_version": _version(),
        "stories": [story_json(r) for r in reports],
    }


def story_list_document(summaries: Sequence[StorySummary]) -> JSONObject:
    return {
        "schema_version": STORY_LIST_SCHEMA_VERSION,
        "newsdesk_version": _version(),
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "article_count": s.article_count,
                "outlets": list(s.outlets),
                "first_published": s.first_published,
            }
            for s in summaries
        ],
    }


def dumps(document: JSONObject) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
