"""Quantities in one sentence: number cores joined into ranges, with unit and bound.

Steps, left to right over the cores of :mod:`._numbers`:

1. drop numbers inside calendar dates and clock times (:func:`._time.find_times`), numbers
   that name rather than count (:func:`identifier_spans`: phone numbers and "911", block
   numbers of an address, ZIP codes), model names and other identifiers ("T-62", "iPhone
   11", "Section 427", "a category 4 storm", "49ers", "(4)"), ordinals ("22nd") and scores
   ("2-1");
2. join ranges: "450,000-500,000", "between 10 and 20", "$3 billion to $5 billion",
   "four to five thousand" (a scale written once applies to both ends);
3. read the unit after the number (``%``, ``km``, ``years old``, money words, rates such as
   ``$/barrel``) or the currency before it, then the bound words around it; "pounds" is
   sterling or mass by the words around it (:func:`._units.pounds_are_money`), and a bare
   integer set off by commas after a name is an age ("Ann Lee, 15, ...");
4. for a bare count, take the counted noun from the dependency parse ("3,100 tanks",
   "315,000 Russian troops" -> ``troops``, "dozens of people" -> ``people``).

Bounds: ``~`` about, around, approximately, roughly, some, an estimated, nearly, almost,
close to, "-odd", "or so"; ``>`` more than, over, above, upwards of; ``<`` less than, under,
below, fewer than, "sub-"; ``>=`` at least, "or more"; ``<=`` up to, at most, as many as,
"or less". "nearly 90%" is ``~`` (the NewsQuant convention), not ``<``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from newsdesk.facts._nlp import parse
from newsdesk.facts._numbers import Core, scan_cores
from newsdesk.facts._time import find_times
from newsdesk.facts._units import (
    UnitMatch,
    currency_before,
    pounds_are_money,
    unit_after,
    with_rate,
)
from newsdesk.records import Bound, Quantity

__all__ = ["extract_quantities", "identifier_spans"]


@dataclass(frozen=True, slots=True)
class _Draft:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    bound: Bound
    core: Core
    number_end: int
    """End of the number itself (before any unit)."""
    needs_noun: bool = False
    """Kept only if a counted noun follows ("in Korvel 200 soldiers", not "in Section 4")."""


_BOUND_RE = re.compile(
    r"(?:^|(?<=[^\w]))(?:"
    r"(?P<ge>at\s+least|no\s+(?:fewer|less)\s+than|not\s+less\s+than|a\s+minimum\s+of|"
    r"minimum\s+of|at\s+a\s+minimum)"
    r"|(?P<le>up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|"
    r"as\s+(?:many|much|high|long|few|little)\s+as|an?\s+maximum\s+of|maximum\s+of|"
    r"not\s+exceeding|max\.?)"
    r"|(?P<lt>(?:less|fewer|lower|smaller)\s+than|(?:just|slightly|well)\s+(?:under|below)|"
    r"under|below|(?:just\s+)?(?:shy|short)\s+of|sub-|<)"
    r"|(?P<gt>(?:more|over|greater|higher|larger|bigger)\s+than|"
    r"(?:well|just|slightly|far)\s+(?:over|above)|over|above|in\s+excess\s+of|upwards?\s+of|"
    r"exceeding|surpassing|north\s+of|>)"
    r"|(?P<approx>about|around|approximately|approx\.?|roughly|some|an?\s+estimated|estimated|"
    r"nearly|almost|close\s+to|circa|ca\.|c\.|~|barely|just\s+about|in\s+the\s+region\s+of|"
    r"on\s+the\s+order\s+of|an?\s+approximate)"
    r")\s*$",
    re.IGNORECASE,
)
_BOUND_GROUPS = {
    "ge": Bound.GE,
    "le": Bound.LE,
    "lt": Bound.LT,
    "gt": Bound.GT,
    "approx": Bound.APPROX,
}
_INNER_SUFFIX = re.compile(r"(?:-|\s)?(?P<w>odd|plus|ish)\b|\+", re.IGNORECASE)
_OUTER_SUFFIX = re.compile(
    r",?\s+or\s+(?:(?P<approx>so|thereabouts)|(?P<ge>more|above|greater|higher|over)|"
    r"(?P<le>less|fewer|below|under|lower))\b",
    re.IGNORECASE,
)
_COMMON_CAPS = frozenset(
    """a an the in on at of for by from to with and or but as about around some over under
    nearly almost roughly approximately more less fewer than at least just only up all those
    these another its their his her our my your each every estimated no yes until since
    after before during between among per while when where some top last next this that
    it he she they we i you there here then now also just even still already about
    jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december monday tuesday wednesday thursday
    friday saturday sunday us usd eur gbp rm rs nis chf cad aud hkd sgd jpy cny inr""".split()
)
_ONE_PRONOUN = frozenset(
    "the this that which any every each no same another other someone anyone only".split()
)
_ADDRESS = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:[A-Z][a-z]+\s+){0,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Square|Court)\b"
)


_LOWER_ADDRESS = re.compile(
    r"\s+(?:[nsew]\.?\s+)?[a-z]+(?:\s+[a-z]+)?\s+"
    r"(?:street|st\.|avenue|ave\.|road|rd\.|boulevard|blvd\.|lane|ln\.|drive|dr\.)(?![\w-])"
)
"""A street address in lower-cased text: "1200 main st.", "40 n. oak avenue"."""


def extract_quantities(sentence: str) -> list[Quantity]:
    """Every quantity stated in ``sentence``, in order of appearance."""
    times = find_times(sentence, None)
    blocked = [(t.start, t.end) for t in times if t.blocks_numbers]
    blocked += identifier_spans(sentence)
    cores = [c for c in scan_cores(sentence) if not _overlaps(c, blocked)]
    drafts = _converted_bounds(sentence, _assemble(sentence, cores))
    if any(d.unit is None for d in drafts):
        drafts = _add_counted_nouns(sentence, drafts, [(t.start, t.end) for t in times])
    return [_to_quantity(sentence, d) for d in drafts]


def _converted_bounds(s: str, drafts: list[_Draft]) -> list[_Draft]:
    """A conversion in brackets keeps the bound: "more than 100 km (60 miles)"."""
    out: list[_Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and d.bound is Bound.EQ
            and prev.bound is not Bound.EQ
            and re.fullmatch(r"\s*[(/]\s*", s[prev.end : d.start])
        ):
            d = replace(d, bound=prev.bound)
        out.append(d)
    return out


def _overlaps(core: Core, spans: list[tuple[int, int]]) -> bool:
    return any(core.start < e and s < core.end for s, e in spans)


def _to_quantity(sentence: str, d: _Draft) -> Quantity:
    return Quantity(
        text=sentence[d.start : d.end],
        start=d.start,
        end=d.end,
        value=d.value,
        low=d.low,
        high=d.high,
        unit=d.unit,
        bound=d.bound,
    )


# ------------------------------------------------------------------ assembling


def _assemble(s: str, cores: list[Core]) -> list[_Draft]:
    drafts: list[_Draft] = []
    i = 0
    while i < len(cores):
        core = cores[i]
        joined = _join_range(s, cores, i)
        if joined == "score":
            i += 2
            continue
        if isinstance(joined, _Draft):
            drafts.append(joined)
            i += 2
            continue
        if not _is_identifier(s, core):
            draft = _single(s, core)
            if draft.unit is None and core.plain_int and _after_place(s[: core.start]):
                draft = replace(draft, needs_noun=True)
            drafts.append(draft)
        i += 1
    return drafts


def _money_m(s: str, core: Core, currency: UnitMatch | None) -> Core:
    """ "35m": million after a currency or before "of"/a plural noun, else metres."""
    if core.suffix != "m" or currency is not None:
        return core
    if re.match(r"\s+(?:of|people|men|women|children|[a-z]+(?:s|ed))\b", s[core.end :]):
        return core
    return replace(core, value=core.raw, scale=1.0, end=core.end - 1, suffix="")


def _single(s: str, core: Core) -> _Draft:
    currency = currency_before(s, core.start) if core.kind == "digits" else None
    core = _money_m(s, core, currency)
    start = currency.start if currency else core.start
    value = core.value
    if value is not None and _negative(s, start, currency):
        value = -value
    end, inner = _inner_suffix(s, core.end)
    unit, end = _unit(s, core, currency, end)
    bound, end = _bounds(s, start, end, inner)
    if core.kind == "fold" and unit is None:
        unit = "times"
    if unit is None and _PREFIX_UNIT.search(s, 0, start):
        unit = "magnitude"  # "magnitude 5.6", "a magnitude of 6.1", "put the magnitude at 5.4"
    if unit is None and _is_appositive_age(s, core):
        unit = "years old"  # "Ann Lee, 15, was hurt"
    return _Draft(start, end, value, core.low, core.high, unit, bound, core, core.end)


_APPOSITIVE_BEFORE = re.compile(r"\b([A-Z][\w'’.-]*),\s*$")
_APPOSITIVE_AFTER = re.compile(r"\s*(?:,|\)|;|\s+and\b|\.?$)")


def _is_appositive_age(s: str, core: Core) -> bool:
    """A small bare integer set off by commas after a name is an age ("Ann Lee, 15, ...")."""
    if not core.plain_int or not 0 < (core.value or 0) <= 120:
        return False
    m = _APPOSITIVE_BEFORE.search(s, 0, core.start)
    if m is None or m.group(1).lower().rstrip(".") in _COMMON_CAPS:
        return False
    return _APPOSITIVE_AFTER.match(s, core.end) is not None


_PREFIX_UNIT = re.compile(r"\bmagnitude(?:\s+(?:of|at))?\s*[-–]?\s*$", re.IGNORECASE)


def _negative(s: str, start: int, currency: UnitMatch | None) -> bool:
    if currency is not None and "-" in s[currency.start : currency.end]:
        return True
    before = s[:start]
    if re.search(r"\bminus[\s-]*$", before, re.IGNORECASE):
        return True
    return bool(re.search(r"(?:^|[\s(])[-−]$", before))


def _inner_suffix(s: str, pos: int) -> tuple[int, Bound | None]:
    m = _INNER_SUFFIX.match(s, pos)
    if m is None:
        return pos, None
    word = (m.group("w") or "+").lower()
    return m.end(), Bound.APPROX if word in ("odd", "ish") else Bound.GT


def _unit(s: str, core: Core, currency: UnitMatch | None, pos: int) -> tuple[str | None, int]:
    if core.kind == "fraction":
        return None, pos
    if currency is not None:
        rate = with_rate(s, UnitMatch(currency.symbol, pos, pos))
        after = unit_after(s, pos)
        if after is not None and after.symbol == currency.symbol:
            return after.symbol, after.end
        return rate.symbol, rate.end
    after = unit_after(s, pos)
    if after is None:
        return None, pos
    if (
        after.symbol.partition("/")[0] == "lb"
        and s[after.start : after.start + 5].lower() == "pound"
        and pounds_are_money(s, core.start, after.end)
    ):
        return "£" + after.symbol[2:], after.end  # "361 million pounds" paid for a player
    return after.symbol, after.end


def _bounds(s: str, start: int, end: int, inner: Bound | None) -> tuple[Bound, int]:
    bound = Bound.EQ
    sign = re.search(r"(?:\bminus[\s-]*|(?:^|(?<=[\s(]))[-−])$", s[:start], re.IGNORECASE)
    if sign is not None:
        start = sign.start()
    m = _BOUND_RE.search(s, max(0, start - 40), start)
    if m is not None:
        group = next(k for k, v in m.groupdict().items() if v is not None)
        bound = _BOUND_GROUPS[group]
    outer = _OUTER_SUFFIX.match(s, end)
    if outer is not None and bound is Bound.EQ and inner is None:
        group = next(k for k, v in outer.groupdict().items() if v is not None)
        return _BOUND_GROUPS[group], outer.end()
    if bound is Bound.EQ and inner is not None:
        bound = inner
    return bound, end


# ------------------------------------------------------------------ identifiers

_STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
_IDENTIFIER_RES = tuple(
    re.compile(rx)
    for rx in (
        # telephone numbers: "214-671-3682", "(214) 671-3682", "1-800-222-1222", "214.671.3682"
        r"(?<![\w.$-])(?P<id>(?:\+?1[-.\s])?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.]\d{4})"
        r"(?![\w-])",
        r"(?<![\w$-])(?P<id>(?:1-)?8[0-8]{2}-[A-Z0-9]{3}-[A-Z0-9]{4})\b",
        # seven digits after a calling word: "call 671-3682", "tips line at 555-0199"
        r"\b(?i:call|dial|phone|text|contact|reach|number|line|hotline|tips|at)"
        r"(?:\s+(?i:at|on))?\s+(?P<id>\d{3}-\d{4})(?![\w-])",
        # emergency numbers: "called 911", "a 911 call"; "999", "311" after a calling verb
        r"(?<![\w$£€.,-])(?P<id>9-?1-?1)(?![\w-])",
        r"\b(?i:call|called|calling|dial|dialled|dialed|ring|rang|phoned)\s+"
        r"(?P<id>999|311|112|211)\b",
        # block numbers of an address: "the 4800 block of Knoll Road" (not "3 blocks away")
        r"(?<![\w.,-])(?P<id>\d{2,6})\s+(?i:block)\b(?!s)",
        # ZIP codes after a state: "Dallas, TX 75201", "Texas 75201-1234", "ZIP code 62704"
        r"\b[A-Z]{2}\s(?P<id>\d{5}(?:-\d{4})?)\b(?![,.]\d|\s+[a-z])",
        r"[a-z],\s[A-Z]{2}\s(?P<id>\d{5}(?:-\d{4})?)\b(?![,.]\d)",
        r"\b(?:" + _STATES.replace(" ", r"\s") + r"),?\s"
        r"(?P<id>\d{5}(?:-\d{4})?)\b(?![,.]\d|\s+[a-z])",
        r"\b(?i:zip|zip\s+code|postcode|postal\s+code)\s+(?P<id>\d{5}(?:-\d{4})?)\b",
    )
)


def identifier_spans(sentence: str) -> list[tuple[int, int]]:
    """Numbers that name rather than count: phone numbers (and 911), block numbers of an
    address ("the 4800 block of"), ZIP codes. Their digits are never quantities."""
    if not any(ch.isdigit() for ch in sentence):
        return []
    return [m.span("id") for rx in _IDENTIFIER_RES for m in rx.finditer(sentence)]


def _is_identifier(s: str, core: Core) -> bool:
    if core.kind == "words":
        return _word_is_not_number(s, core)
    if core.kind != "digits":
        return False
    before = s[: core.start]
    after_unit = unit_after(s, core.end)
    has_unit = after_unit is not None and after_unit.start <= core.end + 1
    if core.end < len(s) and s[core.end].isalpha() and not has_unit:
        return True  # "49ers", "22nd", "5G"
    m = re.search(r"(?<![\w-])([A-Za-z][A-Za-z0-9]*)-$", before)
    if m and not m.group(1).islower():
        return True  # "T-62", "COVID-19", "TA-125" (but not "sub-7", "now-18")
    if re.search(r"(?:[#№]|\b[Nn]os?\.)\s*$", before):
        return True  # "#3", "No. 5"
    if (
        before.endswith("(")
        and s[core.end : core.end + 1] == ")"
        and not currency_before(s, core.start)
    ):
        return True  # "(4)"
    if _ADDRESS.match(s, core.end) or (core.plain_int and _LOWER_ADDRESS.match(s, core.end)):
        return True
    if core.plain_int and not has_unit and not currency_before(s, core.start):
        return _after_name(before)
    return False


_PLACE_BEFORE = re.compile(
    r"\b(?i:in|at|near|from|across|around|outside|inside|into|on|for|of|to)\s+"
    r"[A-Z][a-z]+(?:[-\s][A-Z][a-z]+)?\s+$"
)


def _after_place(before: str) -> bool:
    """ "in Korvel 200 ...": a place name, then a number that may well count something."""
    return _PLACE_BEFORE.search(before) is not None


_ID_WORDS = frozenset(
    """Route Highway Interstate Flight Gate Terminal Platform Pier Berth Section Article
    Chapter Room Ward Block Exit Junction Lot Track Runway Bus Tram""".split()
)


_CLASS_WORDS = frozenset(
    """category level stage phase grade class tier type size channel version episode season
    round row seat gate exit platform route game week""".split()
)
"""Lower-case words that turn the integer after them into a name ("a category 4 storm")."""


def _after_name(before: str) -> bool:
    """Does a bare integer follow a name ("iPhone 11", "Section 427", "Euro 2020")?

    Not after "in/at/near <Place>": that number is kept if a counted noun follows it.
    """
    m = re.search(r"([A-Za-z][\w'’&.-]*)\s+$", before)
    if m is None or _after_place(before):
        return False
    word = m.group(1)
    if word in _ID_WORDS or word.lower() in _CLASS_WORDS:
        return True  # "Route 9 was closed", "a category 4 storm", "stage 3 cancer"
    if not any(ch.isupper() for ch in word) or not before[: m.start()].strip():
        return False  # lower case, or capitalised only because it opens the sentence
    if _BOUND_RE.search(before, max(0, len(before) - 40)):
        return False
    return word.lower().rstrip(".") not in _COMMON_CAPS


def _word_is_not_number(s: str, core: Core) -> bool:
    text = s[core.start : core.end].lower()
    if text != "one":
        return bool(s[core.start].isupper() and _after_name(s[: core.start]))
    prev = re.search(r"(\w+)\W*$", s[: core.start])
    nxt = re.match(r"\W*(\w+)", s[core.end :])
    if nxt and nxt.group(1).lower() in ("another", "by", "day"):
        return True
    if prev and prev.group(1).lower() in _ONE_PRONOUN:
        return not (nxt and nxt.group(1).lower() == "of") and unit_after(s, core.end) is None
    return bool(s[core.start].isupper() and _after_name(s[: core.start]))


# ------------------------------------------------------------------ ranges


def _join_range(s: str, cores: list[Core], i: int) -> _Draft | str | None:
    if i + 1 >= len(cores):
        return None
    a, b = cores[i], cores[i + 1]
    if a.kind not in ("digits", "words") or b.kind not in ("digits", "words"):
        return None
    a_cur = currency_before(s, a.start) if a.kind == "digits" else None
    b_cur = currency_before(s, b.start) if b.kind == "digits" else None
    a_unit = unit_after(s, a.end, allow_per=False)
    mid_start = a_unit.end if a_unit is not None and a_unit.start <= a.end + 1 else a.end
    mid = s[mid_start : b_cur.start if b_cur else b.start]
    conn = re.fullmatch(r"\s*(-|–|—|to-?|-\s?to-?|through|and)\s*", mid, re.IGNORECASE)
    if conn is None:
        return None
    word = conn.group(1).lower().replace(" ", "").strip("-") or "-"
    if _ADDRESS.match(s, b.end):
        return "score"  # "16-18 Industrial Avenue"
    if word == "and" and not re.search(
        r"\bbetween\s*(?:\S{0,4})?$", s[: a_cur.start if a_cur else a.start], re.IGNORECASE
    ):
        return None
    if _is_identifier(s, a) and word not in ("-", "–"):
        return None
    lo = _scaled_low(a, b)
    hi = b.value
    if lo is None or hi is None:
        return None
    if word in ("-", "–", "—") and a.plain_int and b.plain_int and lo >= hi:
        return "score"
    if lo >= hi:
        return None
    if word != "and" and (a_unit or a_cur) and _after_by(s, a_cur.start if a_cur else a.start):
        return None
    if not _same_units(s, a_unit, a_cur, b, b_cur):
        return None
    return _range_draft(s, a, b, a_cur, b_cur, lo, hi)


def _same_units(
    s: str, a_unit: UnitMatch | None, a_cur: UnitMatch | None, b: Core, b_cur: UnitMatch | None
) -> bool:
    """Both ends in one unit: "5 to 7 per cent", "$3bn to $5bn"; not "6% to $84"."""
    a_sym = a_cur.symbol if a_cur else (a_unit.symbol if a_unit else None)
    if a_sym is None:
        return True
    b_after = unit_after(s, b.end, allow_per=False)
    b_sym = b_cur.symbol if b_cur else (b_after.symbol if b_after else None)
    return b_sym == a_sym


def _scaled_low(a: Core, b: Core) -> float | None:
    if a.value is None:
        return None
    if b.scale > 1 and a.scale == 1 and a.raw < b.raw and a.kind == b.kind:
        return a.raw * b.scale
    return a.value


def _after_by(s: str, start: int) -> bool:
    """ "increased by $43.6bn to $419.2bn" states a change and a level, not a range."""
    return re.search(r"\bby\s*$", s[:start], re.IGNORECASE) is not None


def _range_draft(
    s: str,
    a: Core,
    b: Core,
    a_cur: UnitMatch | None,
    b_cur: UnitMatch | None,
    lo: float,
    hi: float,
) -> _Draft:
    start = a_cur.start if a_cur else a.start
    currency = b_cur or a_cur
    end, inner = _inner_suffix(s, b.end)
    unit, end = _unit(s, b, currency, end)
    bound, end = _bounds(s, start, end, inner)
    core = Core(start, b.end, None, lo, hi, kind="range")
    return _Draft(start, end, None, lo, hi, unit, bound, core, b.end)


# ------------------------------------------------------------------ counted nouns

_NOUN_POS = frozenset({"NOUN", "PROPN"})
_BETWEEN_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "ADV", "VERB", "CCONJ"})
_NOT_COUNTED = frozenset({"%", "percent", "cent", "time", "times"})


def _add_counted_nouns(s: str, drafts: list[_Draft], times: list[tuple[int, int]]) -> list[_Draft]:
    doc = parse(s)
    out: list[_Draft] = []
    for d in drafts:
        if d.unit is not None or d.core.kind == "fold":
            out.append(d)
            continue
        found = _counted_noun(doc, d)
        if isinstance(found, tuple) and any(a < found[1] <= b for a, b in times):
            found = None  # "2.1 last year": the noun belongs to a time expression
        if found == "PRON" and d.core.kind == "fraction":
            found = None
        if found == "PRON":
            prev_units = [p.unit for p in out if p.unit]
            found = (prev_units[-1], d.end) if prev_units else None
        if isinstance(found, tuple) and _name_like(d, found[0]):
            found = None
        if d.needs_noun and (not isinstance(found, tuple) or re.match(r"\s+of\b", s[d.end :])):
            continue
        if isinstance(found, tuple):
            noun_end = max(d.end, found[1])
            bound, end = (
                _bounds(s, d.start, noun_end, None) if d.bound is Bound.EQ else (d.bound, noun_end)
            )
            out.append(replace(d, unit=_as_unit(found[0]), end=end, bound=bound))
        elif not _drop_bare(doc, d):
            out.append(d)
    return [_inherit_unit(d, out) for d in out]


def _name_like(d: _Draft, noun: str) -> bool:
    """ "11 Pro Max", "787 Dreamliner": a small bare integer before a proper name."""
    return d.core.plain_int and (d.value or 0) < 1000 and noun[:1].isupper()


def _drop_bare(doc: Any, d: _Draft) -> bool:
    """A unitless number word ("the bottom three") or a name-like "11 Pro" is no quantity."""
    if d.core.kind == "words":
        return True
    if not d.core.plain_int or (d.value or 0) >= 1000:
        return False
    nxt = _token_after(doc, d.end)
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()


def _inherit_unit(d: _Draft, drafts: list[_Draft]) -> _Draft:
    """A bare figure next to figures of the same size shares their unit.

    "435 homes by open sale and 187 by tender", "84.75 cents, while the lowest is 74.07".
    """
    if d.unit is not None or d.value is None or d.value <= 0 or d.core.kind != "digits":
        return d
    best: _Draft | None = None
    for other in drafts:
        if other.start >= d.start or other.unit is None or other.value is None:
            continue
        if other.value <= 0:
            continue
        ratio = d.value / other.value
        if 0.1 <= ratio <= 10 and (
            best is None or abs(other.start - d.start) < abs(best.start - d.start)
        ):
            best = other
    return replace(d, unit=best.unit) if best is not None else d


def _as_unit(phrase: str) -> str:
    """A counted noun that is really a unit word ("dollars", "miles") becomes its symbol."""
    m = unit_after(phrase, 0, allow_per=False)
    return m.symbol if m is not None and m.end == len(phrase) else phrase


def _token_after(doc: Any, pos: int) -> Any:
    for tok in doc:
        if tok.idx >= pos:
            return tok
    return None


def _counted_noun(doc: Any, d: _Draft) -> tuple[str, int] | str | None:
    first = _token_after(doc, d.end)
    if first is None:
        return None
    if first.lower_ == "of":
        return _of_object(doc, first)
    nums = [t for t in doc if t.idx < d.number_end and t.idx + len(t) > d.core.start]
    if not nums:
        return None
    root = _noun_head(doc, nums[-1], first)
    if root is None:
        return None
    return _noun_phrase(doc, first.i, root)


def _noun_head(doc: Any, num: Any, first: Any) -> Any:
    """The noun counted by ``num``, if it follows the number closely."""
    candidates = []
    if num.dep_ in ("nummod", "quantmod", "compound", "amod") and num.head.i > num.i:
        candidates.append(num.head)
    for chunk in doc.noun_chunks:
        if chunk.start <= num.i < chunk.end and chunk.root.i > num.i:
            candidates.append(chunk.root)
    if first.pos_ in _NOUN_POS and first.i == num.i + 1:
        candidates.append(first)
    for root in candidates:
        if root.pos_ not in _NOUN_POS or root.lemma_.lower() in _NOT_COUNTED:
            continue
        if root.i < first.i or root.i - first.i > 4:
            continue
        between = doc[first.i : root.i]
        if all(t.pos_ in _BETWEEN_POS and t.dep_ != "ROOT" for t in between):
            return root
    return None


def _noun_phrase(doc: Any, first_i: int, root: Any) -> tuple[str, int]:
    """Compound nouns right before ``root`` plus the root: "job cuts", "troops"."""
    i = root.i
    while (
        i - 1 >= first_i
        and doc[i - 1].pos_ in _NOUN_POS
        and doc[i - 1].dep_ == "compound"
        and doc[i - 1].is_alpha
    ):
        i -= 1
    words = [t.text if t.pos_ == "PROPN" else t.text.lower() for t in doc[i : root.i + 1]]
    return " ".join(words), root.idx + len(root.text)


def _of_object(doc: Any, of_tok: Any) -> tuple[str, int] | str | None:
    """ "dozens of people" -> people; "2,200 of them" -> PRON (use the previous unit);
    "23 of the train's 38 cars" -> cars (the noun the second figure counts)."""
    window = doc[of_tok.i + 1 : of_tok.i + 7]
    for tok in window:
        if tok.like_num and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in _NOUN_POS:
            nxt = doc[tok.i + 1]
            if nxt.dep_ != "compound" and nxt.lemma_.lower() not in _NOT_COUNTED:
                return _noun_phrase(doc, tok.i + 1, nxt)
        if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ";"):
            break
    for tok in window:
        if tok.dep_ in ("poss", "case"):
            continue  # "of its Echo devices", "of Johnson's deputies"
        if tok.pos_ == "PRON":
            return "PRON"
        if tok.pos_ in _NOUN_POS and tok.dep_ != "compound":
            return _noun_phrase(doc, of_tok.i + 1, tok)
        if tok.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV", "PUNCT", "PART"):
            return None
    return None
