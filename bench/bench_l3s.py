"""Cleaning and HTML ingest on L3S-GN1 Google News pages (fixed dev/test split, ``_l3s``).

Plain text: each annotated page rendered as scraped text, one block per line. A line counts as
removed when removals cover at least half of it. Reported per part, file by file (each page
cleaned alone) and as a batch (the cleaner fitted on every page of the part first; per-outlet
statistics need an outlet, here the site the page links to, when its links name one):

* body-line recall: headline and full-text lines kept;
* debris-line recall, overall and by label (boilerplate, supplemental = captions, bylines and
  datelines, related content, comments);
* removal precision: removed lines that are debris;

beside keeping everything and trafilatura on the same text (each line an HTML paragraph).

HTML: each original page through newsdesk's HTML ingest (then the clean stage) and through
``trafilatura.extract``; body F1 over 4-word shingles against the full-text lines (the Zyte
benchmark's metric), sentences glued without a space, and time per page as a ratio to
trafilatura measured in the same run (interleaved, page by page).

    python bench/bench_l3s.py                    # test part, plain text and HTML
    python bench/bench_l3s.py --part dev --losses 40   # dev only: body lines lost, by reason
    python bench/bench_l3s.py --gate             # test part vs the floors below, exit 1 if missed
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from _data import DATA
from _l3s import BODY_LABELS, DEBRIS_LABELS, LABELS, Page, load
from bench_zyte import Score, score
from newsdesk.clean import CleanConfig, Cleaner
from newsdesk.clean.linemodel import LineModel, load_model, shipped_model
from newsdesk.errors import InputError
from newsdesk.records import CleanedText, RawDocument

GATE = {
    "file": {"body_recall": 0.965, "debris_recall": 0.90, "precision": 0.99},
    "batch": {"body_recall": 0.965, "debris_recall": 0.90, "precision": 0.99},
    "html_f1_margin": 0.015,
}
"""Floors on the test part, a little under the figures in docs/benchmarks.md (file by file
and batch: body 0.969, debris 0.916, precision 0.995; HTML F1 +0.024 over trafilatura).
Issue 9's goals that are met are floors here (debris recall >= 0.90 batch and file by file,
precision >= 0.97); body-line recall (goal 0.985, not met) is held at its level. The HTML
floor is a margin over trafilatura measured in the same run, and no page may be rejected.
Raise, never lower."""
_GLUED = re.compile(r"[a-z0-9%)][.!?][\"”’)]?[A-Z][a-z]")


@dataclass
class Tally:
    total: Counter[int] = field(default_factory=Counter)
    removed: Counter[int] = field(default_factory=Counter)
    lost: list[tuple[str, str, str]] = field(default_factory=list)
    """(page, reason, line) of each body line removed."""
    copies: int = 0
    """Body lines removed whose exact text the page keeps elsewhere (a second copy of the
    article on the page): counted as lost above, nothing of the text is."""

    def add(self, label: int, removed: bool) -> None:
        self.total[label] += 1
        self.removed[label] += removed

    @property
    def body_recall(self) -> float:
        body = sum(self.total[b] for b in BODY_LABELS)
        return 1 - sum(self.removed[b] for b in BODY_LABELS) / body if body else 1.0

    @property
    def debris_recall(self) -> float:
        debris = sum(self.total[d] for d in DEBRIS_LABELS)
        return sum(self.removed[d] for d in DEBRIS_LABELS) / debris if debris else 1.0

    @property
    def precision(self) -> float:
        removed = sum(self.removed.values())
        return sum(self.removed[d] for d in DEBRIS_LABELS) / removed if removed else 1.0

    def by_label(self) -> dict[str, float]:
        """Debris-line recall by label."""
        return {LABELS[d]: self.removed[d] / self.total[d] for d in DEBRIS_LABELS if self.total[d]}

    def body_by_label(self) -> dict[str, float]:
        """Body-line recall by label (headline, full text)."""
        return {
            LABELS[b]: 1 - self.removed[b] / self.total[b] for b in sorted(BODY_LABELS)
            if self.total[b]
        }  # fmt: skip

    def line(self, name: str) -> str:
        labels = "  ".join(f"{k} {v:.3f}" for k, v in self.by_label().items())
        body = " ".join(f"{k[:4]} {v:.3f}" for k, v in self.body_by_label().items())
        return (
            f"  {name:<26} body {self.body_recall:.3f} ({body})  debris {self.debris_recall:.3f}  "
            f"precision {self.precision:.3f}   [{labels}]"
        )


def _offsets(page: Page) -> list[int]:
    starts, pos = [], 0
    for text, _ in page.lines:
        starts.append(pos)
        pos += len(text) + 1
    return starts


def removed_lines(page: Page, result: CleanedText) -> list[str | None]:
    """The removal reason of each line of ``page`` (``None`` if kept): a line is removed when
    removals cover at least half of its characters."""
    starts = _offsets(page)
    covered = [0] * len(page.lines)
    reason: list[str | None] = [None] * len(page.lines)
    k = 0
    for r in sorted(result.removed, key=lambda r: r.start):
        while k < len(starts) and starts[k] + len(page.lines[k][0]) <= r.start:
            k += 1
        j = k
        while j < len(starts) and starts[j] < r.end:
            end = starts[j] + len(page.lines[j][0])
            covered[j] += max(0, min(end, r.end) - max(starts[j], r.start))
            reason[j] = reason[j] or r.reason
            j += 1
    return [
        reason[i] if covered[i] * 2 >= len(text) else None for i, (text, _) in enumerate(page.lines)
    ]


def _document(page: Page) -> RawDocument:
    return RawDocument(page.name, "txt", page.text, outlet=page.site)


@dataclass
class Models:
    """Which line model cleans which page: the shipped one, or (``--folds DIR`` on the dev
    part) the cross-validation model that did not see the page."""

    default: LineModel | None = None
    by_page: dict[str, LineModel] = field(default_factory=dict)
    threshold: float | None = None
    statement_threshold: float | None = None

    def for_page(self, name: str) -> LineModel | None:
        model = self.by_page.get(name, self.default)
        if model is not None and self.threshold is not None:
            model = replace(model, threshold=self.threshold)
        if model is not None and self.statement_threshold is not None:
            model = replace(model, statement_threshold=self.statement_threshold)
        return model

    @classmethod
    def load(
        cls, folds: Path | None, threshold: float | None, statement: float | None = None
    ) -> Models:
        if folds is None:
            return cls(shipped_model(), {}, threshold, statement)
        by_page = {}
        for path in sorted(folds.glob("fold*.json.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                names = json.load(fh)["held_out"]
            model = load_model(path)
            by_page.update(dict.fromkeys(names, model))
        return cls(None, by_page, threshold, statement)


def run_cleaner(pages: Sequence[Page], batch: bool, models: Models) -> Tally:
    docs = [_document(p) for p in pages]
    stats = Cleaner(CleanConfig(line_model=False)).fit(docs).stats if batch else None
    tally = Tally()
    for page, doc in zip(pages, docs, strict=True):
        cleaner = Cleaner(stats=stats, model=models.for_page(page.name))
        reasons = removed_lines(page, cleaner.clean(doc))
        kept = {_norm(text) for (text, _), reason in zip(page.lines, reasons, strict=True)
                if reason is None}  # fmt: skip
        for (text, label), reason in zip(page.lines, reasons, strict=True):
            tally.add(label, reason is not None)
            if reason is not None and label in BODY_LABELS:
                tally.lost.append((page.name, reason, text))
                tally.copies += _norm(text) in kept
    return tally


def run_peer(pages: Sequence[Page], keeps: Callable[[Page], list[bool]]) -> Tally:
    tally = Tally()
    for page in pages:
        for (_, label), kept in zip(page.lines, keeps(page), strict=True):
            tally.add(label, not kept)
    return tally


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def trafilatura_keeps(page: Page) -> list[bool]:
    """Which lines trafilatura keeps when each line is an HTML paragraph of the page."""
    import trafilatura

    body = "".join(f"<p>{html_lib.escape(t)}</p>" for t, _ in page.lines)
    out = trafilatura.extract(f"<html><body>{body}</body></html>", include_comments=False) or ""
    lines = {_norm(line) for line in out.split("\n")}
    flat = _norm(out)
    return [_norm(t) in lines or (len(t) >= 30 and _norm(t) in flat) for t, _ in page.lines]


@dataclass
class HtmlRun:
    ours: list[tuple[str, str]] = field(default_factory=list)
    ingest_only: list[tuple[str, str]] = field(default_factory=list)
    theirs: list[tuple[str, str]] = field(default_factory=list)
    t_ours: float = 0.0
    t_theirs: float = 0.0
    t_clean: float = 0.0
    glued: Counter[str] = field(default_factory=Counter)
    failed: int = 0


def run_html(pages: Sequence[Page]) -> HtmlRun:
    import trafilatura

    from newsdesk.ingest._html import read_html

    run = HtmlRun()
    cleaner = Cleaner()
    for page in pages:
        data = page.original.read_bytes()
        t0 = time.perf_counter()
        theirs = trafilatura.extract(data, include_comments=False) or ""
        t1 = time.perf_counter()
        try:
            doc: RawDocument | None = read_html(data, page.name).documents[0]
        except InputError:
            doc = None
            run.failed += 1
        t2 = time.perf_counter()
        ours = cleaner.clean(doc).text if doc is not None else ""
        t3 = time.perf_counter()
        run.t_theirs += t1 - t0
        run.t_ours += t2 - t1
        run.t_clean += t3 - t2
        run.theirs.append((page.body, theirs))
        run.ingest_only.append((page.body, doc.text if doc is not None else ""))
        run.ours.append((page.body, ours))
        run.glued["trafilatura"] += len(_GLUED.findall(theirs))
        run.glued["newsdesk ingest"] += len(_GLUED.findall(doc.text if doc else ""))
    return run


def _f1(s: Score) -> str:
    return f"P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"


def print_losses(tally: Tally, n: int) -> None:
    reasons = Counter(reason for _, reason, _ in tally.lost)
    print(f"  body lines removed, by reason: {dict(reasons.most_common())}")
    for name, reason, text in tally.lost[:n]:
        print(f"    {name[:8]}  {reason:<16} {text[:90]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--part", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--no-html", action="store_true")
    ap.add_argument("--no-text", action="store_true")
    ap.add_argument("--losses", type=int, default=0, help="list N body lines removed (dev only)")
    ap.add_argument("--gate", action="store_true", help="test part against the floors")
    ap.add_argument(
        "--folds", type=Path, help="dev only: cross-validation models (train_line_model)"
    )
    ap.add_argument("--threshold", type=float, help="line model threshold (dev only)")
    ap.add_argument(
        "--statement-threshold", type=float, help="line model threshold for sentences (dev only)"
    )
    args = ap.parse_args(argv)
    part = "test" if args.gate else args.part
    tuning = args.losses or args.folds or args.threshold or args.statement_threshold
    if tuning and part != "dev":
        ap.error("--losses, --folds and the thresholds are for the dev part only")
    pages = load(part, args.data)
    print(f"L3S-GN1 {part} part: {len(pages)} pages, {sum(len(p.lines) for p in pages)} lines")
    ok = True
    if not args.no_text:
        print(" plain text (one block per line):")
        models = Models.load(args.folds, args.threshold, args.statement_threshold)
        file_tally = run_cleaner(pages, batch=False, models=models)
        batch_tally = run_cleaner(pages, batch=True, models=models)
        print(run_peer(pages, lambda p: [True] * len(p.lines)).line("keep everything"))
        print(run_peer(pages, trafilatura_keeps).line("trafilatura (same text)"))
        print(file_tally.line("newsdesk, file by file"))
        print(batch_tally.line("newsdesk, batch"))
        print(
            f"  body lines removed, file by file: {len(file_tally.lost)}, of which "
            f"{file_tally.copies} exact copies of lines the page keeps"
        )
        if args.losses:
            print_losses(file_tally, args.losses)
        for mode, tally in (("file", file_tally), ("batch", batch_tally)):
            floors = GATE[mode]
            assert isinstance(floors, dict)
            ok = ok and all(getattr(tally, k) >= v for k, v in floors.items())
    if not args.no_html:
        run = run_html(pages)
        traf, ingest, ours = score(run.theirs), score(run.ingest_only), score(run.ours)
        print(" HTML body (4-word shingles vs the full-text lines):")
        print(f"  trafilatura.extract        {_f1(traf)}")
        print(f"  newsdesk ingest            {_f1(ingest)}")
        print(f"  newsdesk ingest + clean    {_f1(ours)}")
        print(f"  glued sentence boundaries: {dict(run.glued)}; pages rejected: {run.failed}")
        ratio = run.t_ours / run.t_theirs if run.t_theirs else float("nan")
        clean_ratio = run.t_clean / run.t_theirs if run.t_theirs else float("nan")
        print(
            f"  time per page vs trafilatura.extract: ingest x{ratio:.2f}, clean x{clean_ratio:.2f}"
        )
        margin = GATE["html_f1_margin"]
        assert isinstance(margin, float)
        ok = ok and ours.f1 - traf.f1 >= margin and run.failed == 0
    if args.gate:
        print(f"  gate: {'pass' if ok else 'FAIL'} (floors {GATE})")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
