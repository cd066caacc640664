"""Time expressions in a sentence, resolved against the publication date.

Absolute dates ("September 2022", "Jan. 24, 2023", "2014", "the 1970s") resolve on their
own; relative ones ("last month", "on Thursday", "a year ago", "in March") need the
publication date and stay unresolved without it. "N days/weeks/months/years ago" resolves
at the granularity written: a day, a Monday-to-Sunday week, a calendar month, a calendar
year. A weekday, a month or a month and day without a year is the most recent past
occurrence (the publication day or month included) when its clause is in the past tense,
the next one when it is in the future tense (:func:`._tense.clause_tense`: "will meet on
Tuesday"), and otherwise the nearest (a weekday: the most recent). "last Saturday" is the
Saturday of the previous week. Calendar numbers (years, days of the month, clock times) are
*dates*, never quantities: :func:`date_spans` tells the quantity scanner to skip them.
Counts inside durations ("the past two years", "three days ago") stay quantities.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from newsdesk.facts._numbers import _ONES
from newsdesk.facts._tense import clause_tense
from newsdesk.facts._units import currency_before, unit_after
from newsdesk.records import TimeRef

__all__ = ["TimeMatch", "date_spans", "find_times", "parse_published"]

Period = tuple[date | None, date | None]


@dataclass(frozen=True, slots=True)
class TimeMatch:
    start: int
    end: int
    text: str
    period: Period
    blocks_numbers: bool
    is_ref: bool = True
    """``False`` for clock times and lap times: they block numbers but are not returned."""

    def to_ref(self) -> TimeRef:
        lo, hi = self.period
        return TimeRef(self.text, lo.isoformat() if lo else None, hi.isoformat() if hi else None)


_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (  # any case ("nov. 6" in lower-cased text) but "May" and "March", also verbs
    r"(?:May|March|Mar|(?i:January|February|April|June|July|August|September|October|"
    r"November|December|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PREP = r"(?:(?:in|on|since|until|till|by|before|after|during|from|through|as\s+of|of)\s+)?"
_NUMWORDS = {"a": 1, "an": 1, **{w: n for w, n in _ONES.items() if 1 <= n <= 12}}
_COUNT = (
    r"(?:\d{1,3}|a\s+couple\s+of|a\s+few|several|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)"
)
_VAGUE_COUNTS = {"a few": (2, 4), "several": (3, 7)}
"""Vague counts before "ago" as (nearest, farthest): "a few days ago" is 2 to 4 days back."""
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


def parse_published(published: str | None) -> date | None:
    """The publication date of an ISO date or datetime string, else ``None``."""
    if not published:
        return None
    text = published.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        return _safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_period(y: int, m: int) -> Period:
    return (date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))


def _year_period(y: int) -> Period:
    return (date(y, 1, 1), date(y, 12, 31))


def _month_num(text: str) -> int:
    return _MONTHS[text.lower()[:3]]


def _day_num(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _year_for(month: int, day: int, pub: date | None, m: re.Match[str], s: str) -> int | None:
    """The year of ``month``/``day`` written without one: the most recent past occurrence in
    past-tense text, the next one in future-tense text, else the nearest to ``pub``."""
    if pub is None:
        return None
    tense = clause_tense(s, m.start(), m.end())
    this = _safe_date(pub.year, month, min(day, 28)) or pub
    if tense == "past":
        return pub.year if this <= pub else pub.year - 1
    if tense == "future":
        return pub.year if this >= pub else pub.year + 1
    return _nearest_year(month, day, pub)


def _nearest_year(month: int, day: int, pub: date | None) -> int | None:
    """The year that puts ``month``/``day`` nearest to ``pub``."""
    if pub is None:
        return None
    best = min(
        (pub.year - 1, pub.year, pub.year + 1),
        key=lambda y: abs(((_safe_date(y, month, min(day, 28)) or pub) - pub).days),
    )
    return best


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


# ------------------------------------------------------------------ rule handlers

Handler = Callable[[re.Match[str], date | None, str], Period | None]


def _h_iso(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (d, d) if d else None


def _h_slash(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    year = int(m["y"])
    year = year + 2000 if year < 100 else year
    d = _safe_date(year, int(m["m"]), int(m["d"]))
    return (d, d) if d else None


def _h_month_day_range(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    month = _month_num(m["mon"])
    year = int(m["y"]) if m["y"] else _year_for(month, _day_num(m["d1"]), pub, m, s)
    if year is None:
        return None
    return (_safe_date(year, month, _day_num(m["d1"])), _safe_date(year, month, _day_num(m["d2"])))


def _h_month_day(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    month, day = _month_num(m["mon"]), _day_num(m["d"])
    year = int(m["y"]) if m["y"] else _year_for(month, day, pub, m, s)
    if year is None:
        return None
    d = _safe_date(year, month, day)
    return (d, d) if d else None


def _h_month_year(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    return _with_prep(m, _month_period(int(m["y"]), _month_num(m["mon"])), pub)


def _h_month(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    month = _month_num(m["mon"])
    mod = (m["mod"] or "").lower()
    if pub is None:
        return None
    if mod == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif mod == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif mod == "this":
        year = pub.year
    else:  # the month itself counts as past ("in January", written in January)
        tense = clause_tense(s, m.start(), m.end())
        if tense == "past":
            year = pub.year if month <= pub.month else pub.year - 1
        elif tense == "future":
            year = pub.year if month >= pub.month else pub.year + 1
        else:
            year = _nearest_year(month, 15, pub) or pub.year
    return _with_prep(m, _month_period(year, month), pub)


def _h_decade(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    start = int(m["dec"])
    return (date(start, 1, 1), date(start + 9, 12, 31))


def _h_year_range(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"])
    if y2 < 100:
        y2 = (y1 // 100) * 100 + y2
    if y2 <= y1:
        return None
    return (date(y1, 1, 1), date(y2, 12, 31))


def _h_year(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    return _with_prep(m, _year_period(int(m["y"])), pub)


def _with_prep(m: re.Match[str], period: Period, pub: date | None) -> Period:
    prep = (m.groupdict().get("prep") or "").strip().lower()
    lo, hi = period
    if prep == "since":
        return (lo, pub)
    if prep in ("until", "till", "by"):
        return (None, hi)
    if prep == "before":
        return (None, lo - timedelta(days=1) if lo else None)
    if prep == "after":
        return (hi + timedelta(days=1) if hi else None, None)
    return period


def _h_relative_day(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    if pub is None:
        return None
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(rel, 0)
    d = pub + timedelta(days=offset)
    return (d, d)


def _h_relative_period(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    if pub is None:
        return None
    which = m["which"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1}[which]
    unit = m["unit"].lower()
    if unit == "weekend" and step == 0:
        return _weekend(pub, clause_tense(s, m.start(), m.end()))
    period = _calendar_period(unit, step, pub)
    if period is None:
        return None
    lo, hi = period
    edge = (m["edge"] or "").lower()
    if edge in ("earlier", "so far") and step == 0:
        return (lo, pub)
    if edge == "later" and step == 0:
        return (pub, hi)
    return period


def _weekend(pub: date, tense: str | None) -> Period:
    """ "this weekend", "over the weekend": the coming one in future-tense text, else the
    most recent (the current one when published on a Saturday or Sunday)."""
    saturday = pub - timedelta(days=pub.weekday()) + timedelta(days=5)
    if tense != "future" and saturday > pub:
        saturday -= timedelta(days=7)
    return (saturday, saturday + timedelta(days=1))


def _h_the_weekend(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    return _weekend(pub, clause_tense(s, m.start(), m.end())) if pub is not None else None


def _calendar_period(unit: str, step: int, pub: date) -> Period | None:
    if unit == "year":
        return _year_period(pub.year + step)
    if unit == "month":
        return _month_period(*_shift_month(pub.year, pub.month, step))
    if unit == "quarter":
        q = (pub.month - 1) // 3 + step
        y = pub.year + q // 4
        first = (q % 4) * 3 + 1
        return (date(y, first, 1), _month_period(y, first + 2)[1])
    if unit in ("week", "weekend"):
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return (monday + timedelta(days=5), monday + timedelta(days=6))
        return (monday, monday + timedelta(days=6))
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        start = (pub.year // size + step) * size
        return (date(start, 1, 1), date(start + size - 1, 12, 31))
    if unit in _SEASONS:
        return _season(unit, step, pub)
    return None


def _season(name: str, step: int, pub: date) -> Period:
    first, last = _SEASONS[name]

    def occurrence(y: int) -> Period:
        end_year = y + 1 if last < first else y
        return (date(y, first, 1), _month_period(end_year, last)[1])

    if step < 0:
        y = pub.year
        while (occurrence(y)[1] or pub) >= pub:
            y -= 1
        return occurrence(y)
    if step > 0:
        y = pub.year - 1
        while (occurrence(y)[0] or pub) <= pub:
            y += 1
        return occurrence(y)
    for y in (pub.year - 1, pub.year):
        lo, hi = occurrence(y)
        if lo is not None and hi is not None and lo <= pub <= hi:
            return (lo, hi)
    return occurrence(pub.year)


def _count(raw: str) -> int:
    raw = re.sub(r"\s+", " ", raw.lower())
    if raw == "a couple of":
        return 2
    return int(raw) if raw.isdigit() else _NUMWORDS.get(raw, 1)


def _days_back(unit: str, n: int, pub: date) -> date:
    """The day ``n`` units before ``pub`` ("two years ago" -> the same day, two years back)."""
    if unit == "day":
        return pub - timedelta(days=n)
    if unit == "week":
        return pub - timedelta(weeks=n)
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return date(y, mo, min(pub.day, calendar.monthrange(y, mo)[1]))
    return _safe_date(pub.year - n, pub.month, min(pub.day, 28)) or pub


def _h_ago(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    """ "N days/weeks/months/years ago" at the granularity written: the day, the (Monday to
    Sunday) week, the calendar month or the calendar year N units back."""
    if pub is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    vague = _VAGUE_COUNTS.get(re.sub(r"\s+", " ", m["n"].lower()))
    if vague is not None:  # "a few days ago": from the farthest to the nearest
        near, far = (_ago_period(unit, _days_back(unit, n, pub)) for n in vague)
        return (far[0], near[1])
    return _ago_period(unit, _days_back(unit, _count(m["n"]), pub))


def _ago_period(unit: str, d: date) -> Period:
    if unit == "day":
        return (d, d)
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return (monday, monday + timedelta(days=6))
    if unit == "month":
        return _month_period(d.year, d.month)
    return _year_period(d.year)


def _h_past_n(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    if pub is None:
        return None
    vague = _VAGUE_COUNTS.get(re.sub(r"\s+", " ", m["n"].lower()))
    n = vague[1] if vague is not None else _count(m["n"])
    return (_days_back(m["unit"].lower().rstrip("s"), n, pub), pub)


def _h_weekday(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    if pub is None:
        return None
    target = _WEEKDAYS.index(m["wd"].lower())
    week = (m.groupdict().get("wk") or "").lower()
    if week:  # "on Tuesday last week": that weekday of the previous (next, this) week
        shift = {"last": -7, "next": 7, "this": 0}[week]
        d = pub - timedelta(days=pub.weekday()) + timedelta(days=shift + target)
        return (d, d)
    mod = (m["mod"] or "").lower()
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if mod == "last":  # that weekday of the previous (Monday to Sunday) week
        d = pub - timedelta(days=pub.weekday() + 7) + timedelta(days=target)
    elif mod == "next":
        d = pub + timedelta(days=ahead or 7)
    elif clause_tense(s, m.start(), m.end()) == "future":
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    return (d, d)


def _h_clock(m: re.Match[str], pub: date | None, s: str) -> Period | None:
    return None


_RULES: tuple[tuple[re.Pattern[str], Handler, bool, bool], ...] = tuple(
    (re.compile(pattern, flags), handler, blocks, is_ref)
    for pattern, handler, blocks, is_ref, flags in (
        (
            r"\b(?:(?P<mod>(?i:on))\s+)?(?P<wd>"
            + _WEEKDAY
            + r")\s+(?P<wk>(?i:last|next|this))\s+(?i:week)\b",
            _h_weekday,
            False,
            True,
            0,
        ),
        (
            r"\b(?P<y>"
            + _YEAR
            + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?",
            _h_iso,
            True,
            True,
            0,
        ),
        (r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})\b", _h_slash, True, True, 0),
        (
            r"\b\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s*(?:[ap]\.?m\.?|[AP]M)(?![a-z]))?"
            r"(?:\s*(?:GMT|UTC|[ECMP][SD]?T|BST|CET|CEST|MSK)\b)?",
            _h_clock,
            True,
            False,
            0,
        ),
        (
            r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|[AP]M\b|[ap]\.m\b)"
            r"(?:\s*(?:GMT|UTC|[ECMP][SD]?T|BST|CET|MSK)\b)?",
            _h_clock,
            True,
            False,
            0,
        ),
        (r"\b\d{4}\s*(?:GMT|UTC)\b", _h_clock, True, False, 0),
        (r"\b\d{1,2}\s+o['’]clock\b", _h_clock, True, False, re.I),
        (
            _PREP
            + r"(?:"
            + _WEEKDAY
            + r",?\s+)?(?P<mon>"
            + _MONTH
            + r")\s+(?P<d1>"
            + _DAY
            + r")\s*[-–]\s*(?P<d2>"
            + _DAY
            + r")(?:,?\s+(?P<y>"
            + _YEAR
            + r"))?\b",
            _h_month_day_range,
            True,
            True,
            0,
        ),
        (
            _PREP
            + r"(?:"
            + _WEEKDAY
            + r",?\s+)?(?P<mon>"
            + _MONTH
            + r")\s+(?P<d>"
            + _DAY
            + r")(?![\d,.]\d)(?:,?\s+(?P<y>"
            + _YEAR
            + r"))?\b",
            _h_month_day,
            True,
            True,
            0,
        ),
        (
            _PREP + r"(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?(?P<d>" + _DAY + r")\s+(?:of\s+)?"
            r"(?P<mon>" + _MONTH + r")(?:,?\s+(?P<y>" + _YEAR + r"))?\b",
            _h_month_day,
            True,
            True,
            0,
        ),
        (
            r"(?i:(?P<prep>in|since|until|till|by|before|after|during|from|through|of)\s+)?"
            r"(?:(?i:early|late|mid|end\s+of|the\s+end\s+of)[\s-]+)?"
            r"(?P<mon>" + _MONTH + r"),?\s+(?:of\s+)?(?P<y>" + _YEAR + r")\b",
            _h_month_year,
            True,
            True,
            0,
        ),
        (
            r"(?:(?i:(?P<prep>in|since|until|till|by|before|after|during|from|through)"
            r"|(?P<mod>last|next|this|early|late|mid|until))[\s-]+)"
            r"(?P<mon>" + _MONTH.replace("May|", "May(?=\\s*[,.;]|\\s+(?:and|to)\\b)|") + r")\b",
            _h_month,
            False,
            True,
            0,
        ),
        (
            r"\b(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<dec>1[89]\d0|20\d0)['’]?s\b",
            _h_decade,
            True,
            True,
            re.I,
        ),
        (
            r"(?:(?i:between|from)\s+)?\b(?P<y1>"
            + _YEAR
            + r")\s*(?:[-–/]|to|and)\s*(?P<y2>"
            + _YEAR
            + r"|\d\d)\b(?![-–]\d|,\d)",
            _h_year_range,
            True,
            True,
            0,
        ),
        (
            r"(?:(?i:(?P<prep>in|since|until|till|by|before|after|during|from|through|of|as\s+of)"
            r")\s+)?(?:(?i:early|late|mid|the\s+end\s+of|end)[\s-]+)?"
            r"(?<![\d,.$£€¥])\b(?P<y>" + _YEAR + r")\b(?![,.]\d|%|['’]?s\b)",
            _h_year,
            True,
            True,
            0,
        ),
        (
            r"\b(?P<rel>yesterday|today|tonight|tomorrow|last\s+night|"
            r"this\s+(?:morning|afternoon|evening))\b",
            _h_relative_day,
            False,
            True,
            re.I,
        ),
        (
            r"\b(?:(?P<edge>earlier|later|early|late|so\s+far)\s+)?(?:in\s+)?"
            r"(?P<which>last|this|next|past|previous)\s+"
            r"(?P<unit>year|month|quarter|week|weekend|decade|century|spring|summer|autumn|fall|"
            r"winter)\b",
            _h_relative_period,
            False,
            True,
            re.I,
        ),
        (
            r"\b(?:over|during|on|at|for)\s+the\s+weekend\b",
            _h_the_weekend,
            False,
            True,
            re.I,
        ),
        (
            r"\b(?P<n>" + _COUNT + r")\s+(?P<unit>days?|weeks?|months?|years?)\s+"
            r"(?:ago|earlier)\b",
            _h_ago,
            False,
            True,
            re.I,
        ),
        (
            r"\b(?:in\s+|over\s+|during\s+)?the\s+(?:past|last|previous)\s+(?P<n>"
            + _COUNT
            + r")\s+(?P<unit>days|weeks|months|years)\b",
            _h_past_n,
            False,
            True,
            re.I,
        ),
        (
            r"\b(?:(?P<mod>(?i:on|last|next|this|since|by|until))\s+)?(?P<wd>"
            + _WEEKDAY
            + r")s?\b",
            _h_weekday,
            False,
            True,
            0,
        ),
    )
)


def _year_is_quantity(s: str, m: re.Match[str]) -> bool:
    """ "about 2000 Calories", "$2019", "2019 km": a number that looks like a year."""
    start, end = m.start("y"), m.end("y")
    if unit_after(s, end, allow_per=False) is not None or currency_before(s, start):
        return True
    before = s[max(0, start - 16) : start].lower()
    prev = re.search(r"(?<![\d,.])(\d[\d,.]*)\s*(?:-|–|to|and)\s*$", before)
    if prev is not None and not re.fullmatch(_YEAR, prev.group(1)):
        return True  # "from 1000 to 2000 hires"
    return (
        re.search(
            r"(?:about|around|some|over|than|least|nearly|almost|roughly|approximately|up\s+to|"
            r"under|top|no\.|number|#)\s*$",
            before,
        )
        is not None
    )


_NEEDS: dict[Handler, str] = {
    _h_month_day_range: "month",
    _h_month_day: "month",
    _h_month_year: "month",
    _h_month: "month",
    _h_weekday: "weekday",
    _h_iso: "digit",
    _h_slash: "digit",
    _h_clock: "digit",
    _h_decade: "digit",
    _h_year_range: "digit",
    _h_year: "digit",
}
"""What a rule's matches always contain: a cheap test skips the rule when it is absent."""
_MONTH_CUE = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_WEEKDAY_CUE = re.compile(r"(?i:day)")


def _cues(sentence: str) -> set[str]:
    cues = set()
    if any(ch.isdigit() for ch in sentence):
        cues.add("digit")
    if _MONTH_CUE.search(sentence):
        cues.add("month")
    if _WEEKDAY_CUE.search(sentence):
        cues.add("weekday")
    return cues


def find_times(sentence: str, published: str | date | None) -> list[TimeMatch]:
    """Every time expression in ``sentence``, left to right, without overlap."""
    pub = published if isinstance(published, date) else parse_published(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeMatch] = []
    present = _cues(sentence)
    for rx, handler, blocks, is_ref in _RULES:
        need = _NEEDS.get(handler)
        if need is not None and need not in present:
            continue  # a rule for month names in a sentence without one, ...
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if handler is _h_year and _year_is_quantity(sentence, m):
                continue
            if handler is _h_relative_day and m.group().isupper() and not sentence.isupper():
                continue  # "USA TODAY", "TODAY's TMJ4": a name in capitals
            text = m.group().strip()
            if not text:
                continue
            lead = len(m.group()) - len(m.group().lstrip())
            period = handler(m, pub, sentence) or (None, None)
            found.append(
                TimeMatch(
                    m.start() + lead, m.start() + lead + len(text), text, period, blocks, is_ref
                )
            )
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda t: t.start)


def date_spans(sentence: str) -> Iterator[tuple[int, int]]:
    """Spans of calendar dates and clock times: numbers in them are not quantities."""
    for t in find_times(sentence, None):
        if t.blocks_numbers:
            yield (t.start, t.end)
