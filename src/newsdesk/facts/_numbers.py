"""Number cores: the bare numeric part of a quantity, found left to right.

A core is digits with an optional scale ("1.5 million", "35m", "$2.8bn"), a run of number
words ("four thousand", "twenty-five", "a dozen", "a hundred and two"), a vague magnitude
("dozens", "hundreds of thousands": an interval, one order of magnitude wide, as in CQE), a
fraction ("two-thirds", "one in five", "1/16 of") or a multiplier ("sixfold").

Written fractions are values like any other: mixed numbers ("2 1/2", "3-1/4"), vulgar
fraction characters ("½", "1¾", "2 ½"), a bare slash fraction before a unit ("3/4 mile")
and halves ("two and a half", "1 and a half million", "half a million", "half a dozen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Core", "scan_cores"]


@dataclass(frozen=True, slots=True)
class Core:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    kind: str = "digits"
    """``digits``, ``words``, ``vague``, ``fraction`` or ``fold``."""
    scale: float = 1.0
    """The multiplier written after the number (1 if none)."""
    plain_int: bool = False
    """Digits only: no comma, decimal point or scale ("2022", "62")."""
    raw: float = 0.0
    """The value before the scale."""
    suffix: str = ""
    """A scale letter glued to the digits ("m" in "35m"), which may instead be a unit."""


_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "mio": 1e6,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
_ATTACHED = {"k": 1e3, "K": 1e3, "M": 1e6, "m": 1e6, "B": 1e9, "b": 1e9}
_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

_WORD = "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True))
_WORD_NUM = rf"(?:{'|'.join(_TENS)})-(?:{'|'.join(k for k in _ONES if _ONES[k] < 10)})|{_WORD}"
_SCALE_WORD = r"hundred|thousand|million|billion|trillion|lakh|crore"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"

_DIGIT_RE = re.compile(
    r"(?:(?<![A-Za-z0-9_.,])|(?<=RM|Rs|US|HK|NZ|AU|CA|PS|\$A|\$C)"
    r"|(?<=USD|EUR|AUD|GBP|INR|CAD|JPY|CNY|RMB|HKD|SGD|NZD|CHF|RUB|UAH|KRW|BRL|MYR|NIS))(?P<num>"
    + _DIGITS
    + r")"
    r"(?:(?P<att>mln|bln|mil|mn|bn|tn|[kKmMbB])(?![A-Za-z])"
    r"|\s?-?(?P<sw>(?:hundred\s+)?(?:" + _SCALE_WORD + r")|mln|bln|mn|bn|tn|trn)s?(?![A-Za-z]))?"
)
_WORDS_RE = re.compile(
    r"(?<![\w-])(?:(?P<a>an?)\s+(?=(?:" + _SCALE_WORD + r"|dozen)\b))?"
    r"(?P<seq>(?:(?:" + _WORD_NUM + r"|" + _SCALE_WORD + r"|dozen)\b(?:\s+(?:and\s+)?|-)?)+)",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(
    r"\b(?:(?P<mult>tens|hundreds)\s+of\s+(?P<base>thousands|millions|billions)"
    r"|(?P<single>dozens|hundreds|thousands|millions|billions|trillions))\b",
    re.IGNORECASE,
)
_FRACTION_RE = re.compile(
    r"\b(?:(?P<num>a|an|one)[\s-](?P<den>half|third|quarter|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth)(?=\s+of\b)"
    r"|(?P<num2>two|three|four|five|six|seven|eight|nine)[\s-](?P<den2>thirds|quarters|fourths|"
    r"fifths|sixths|sevenths|eighths|ninths|tenths)\b"
    r"|(?P<half>half)(?=\s+(?:of|the|its|their)\b)"
    r"|(?P<n1>one|two|three|\d)\s+(?:in|out\s+of)\s+(?P<n2>two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,3})\b"
    r"|(?P<sn>\d{1,3})\s?[/⁄]\s?(?P<sd>\d{1,3})(?=\s+(?:of|an?)\b))",
    re.IGNORECASE,
)
_ORDINAL_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|final|last|other|latter|former|back|front|top|bottom)\s+$",
    re.IGNORECASE,
)
_FOLD_RE = re.compile(r"\b(?P<n>" + _WORD_NUM + r"|\d+)-?fold\b", re.IGNORECASE)


def _word_value(word: str) -> float | None:
    w = word.lower()
    if w in _ONES:
        return float(_ONES[w])
    if w in _TENS:
        return float(_TENS[w])
    if "-" in w:
        tens, _, ones = w.partition("-")
        if tens in _TENS and ones in _ONES:
            return float(_TENS[tens] + _ONES[ones])
    return None


def _words_to_number(words: list[str]) -> float | None:
    """``["four", "thousand"]`` -> 4000; ``["a", "dozen"]`` -> 12."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        w = word.lower()
        if w in ("a", "an"):
            current = 1.0
            continue
        if w == "dozen":
            current = (current or 1.0) * 12
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in ("thousand", "million", "billion", "trillion", "lakh", "crore"):
            total += (current or 1.0) * _SCALES[w]
            current = 0.0
        else:
            v = _word_value(w)
            if v is None:
                return None
            current += v
        seen = True
    return total + current if seen else None


def _digits_core(m: re.Match[str]) -> Core:
    num = m.group("num")
    raw = float(num.replace(",", ""))
    att, sw = m.group("att"), m.group("sw")
    scale = 1.0
    if att:
        scale = _ATTACHED.get(att, _SCALES.get(att.lower(), 1.0))
    elif sw:
        scale = 1.0
        for word in sw.lower().split():
            scale *= _SCALES[word]
    plain = not att and not sw and num.isdigit()
    return Core(
        m.start("num"),
        m.end(),
        raw * scale,
        kind="digits",
        scale=scale,
        plain_int=plain,
        raw=raw,
        suffix=att or "",
    )


def _words_cores(text: str) -> list[Core]:
    out: list[Core] = []
    for m in _WORDS_RE.finditer(text):
        spans = [
            t for t in _TOKEN_RE.finditer(text, m.start("seq"), m.end("seq")) if t.group() != "and"
        ]
        kept = _split_tokens([t.group() for t in spans])
        if not kept:
            continue
        tokens = [m.group("a"), *kept] if m.group("a") else kept
        value = _words_to_number(tokens)
        if value is None or (len(tokens) == 1 and tokens[0].lower() in _SCALES):
            continue
        if kept[0].lower() == "dozen" and not m.group("a"):
            continue  # "a baker's dozen"
        start = m.start("a") if m.group("a") else m.start("seq")
        last = kept[-1].lower()
        scale = _SCALES.get(last, 12.0 if last == "dozen" else 1.0)
        end = spans[len(kept) - 1].end()
        out.append(Core(start, end, value, kind="words", scale=scale, raw=value / scale))
    return out


_TOKEN_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?", re.IGNORECASE)


def _split_tokens(tokens: list[str]) -> list[str]:
    """Keep the leading run that forms one number ("two three" stops after "two")."""
    kept: list[str] = []
    for tok in tokens:
        value = _word_value(tok)
        if kept and value is not None:
            prev = kept[-1].lower()
            if _word_value(prev) is not None and not (prev in _TENS and value < 10):
                break
        kept.append(tok)
    return kept


def _vague_cores(text: str) -> list[Core]:
    out: list[Core] = []
    for m in _VAGUE_RE.finditer(text):
        if m.group("single"):
            word = m.group("single").lower()
            base = 12.0 if word == "dozens" else _SCALES[word[:-1]]
            low = base
        else:
            base = _SCALES[m.group("base").lower()[:-1]]
            low = base * (10 if m.group("mult").lower() == "tens" else 100)
        out.append(Core(m.start(), m.end(), None, low, low * 10, kind="vague", scale=low))
    return out


def _fraction_cores(text: str) -> list[Core]:
    out: list[Core] = []
    for m in _FRACTION_RE.finditer(text):
        if m.group("half"):
            if _ORDINAL_BEFORE.search(text, 0, m.start()):
                continue
            value = 0.5
        elif m.group("den"):
            value = 1.0 / _DENOMINATORS[m.group("den").lower()]
        elif m.group("den2"):
            num = _word_value(m.group("num2")) or 1.0
            value = num / _DENOMINATORS[m.group("den2").lower()[:-1]]
        elif m.group("n1"):
            n1 = _num_token(m.group("n1"))
            n2 = _num_token(m.group("n2"))
            if not n1 or not n2 or n1 >= n2:
                continue
            value = n1 / n2
        else:
            sn, sd = float(m.group("sn")), float(m.group("sd"))
            if not sd or sn >= sd:
                continue
            value = sn / sd
        out.append(Core(m.start(), m.end(), value, kind="fraction", raw=value))
    return out


def _num_token(tok: str) -> float | None:
    return float(tok) if tok.isdigit() else _word_value(tok)


def _fold_cores(text: str) -> list[Core]:
    out: list[Core] = []
    for m in _FOLD_RE.finditer(text):
        value = _num_token(m.group("n"))
        if value:
            out.append(Core(m.start(), m.end(), value, kind="fold", raw=value))
    return out


_VULGAR = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
_SLASH_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64})
_WRITTEN_FRACTION_RE = re.compile(
    r"(?<![\w.,/⁄-])(?:(?P<whole>\d{1,4})(?:[\s-](?=\d)|\s?(?=[" + "".join(_VULGAR) + r"])))?"
    r"(?:(?P<vf>[" + "".join(_VULGAR) + r"])"
    r"|(?P<num>\d{1,2})\s?[/⁄]\s?(?P<den>\d{1,2})(?![\d/⁄]|\.\d))"
)
_HALF_RE = re.compile(
    r"(?<![\w-])(?:(?P<n>" + _WORD_NUM + r"|\d{1,4})\s+and\s+a\s+half"
    r"|half\s+an?)(?:\s+(?P<sc>dozen|hundred|thousand|million|billion|trillion)s?)?\b",
    re.IGNORECASE,
)


def _written_fraction_cores(text: str) -> list[Core]:
    """ "2 1/2", "3-1/4", "½", "1¾", "3/4 mile" (a slash fraction before "of" is a share)."""
    out: list[Core] = []
    for m in _WRITTEN_FRACTION_RE.finditer(text):
        whole = m.group("whole")
        if m.group("vf"):
            part = _VULGAR[m.group("vf")]
        else:
            num, den = int(m.group("num")), int(m.group("den"))
            if den not in _SLASH_DENOMINATORS or not 0 < num < den:
                continue
            if whole is None and re.match(r"\s+of\b", text[m.end() :]):
                continue  # "1/16 of the land": a share, read by the fraction rules
            part = num / den
        value = (int(whole) if whole else 0) + part
        out.append(Core(m.start(), m.end(), value, kind="digits", raw=value))
    return out


def _half_cores(text: str) -> list[Core]:
    """ "two and a half", "1 and a half million", "half a million", "half a dozen"."""
    out: list[Core] = []
    for m in _HALF_RE.finditer(text):
        n = m.group("n")
        base = 0.0 if n is None else _num_token(n.lower())
        if base is None:
            continue
        sc = (m.group("sc") or "").lower()
        scale = 12.0 if sc == "dozen" else _SCALES.get(sc, 1.0)
        if n is None and not sc:
            continue  # "half an hour": the unit is a noun, read elsewhere
        value = (base + 0.5) * scale
        kind = "digits" if n is not None and n.isdigit() else "words"
        out.append(Core(m.start(), m.end(), value, kind=kind, scale=scale, raw=value / scale))
    return out


def scan_cores(text: str) -> list[Core]:
    """All number cores in ``text``, left to right, the longer one winning an overlap."""
    candidates = (
        _written_fraction_cores(text)
        + _half_cores(text)
        + _fold_cores(text)
        + _fraction_cores(text)
        + _vague_cores(text)
        + [_digits_core(m) for m in _DIGIT_RE.finditer(text)]
        + _words_cores(text)
    )
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Core] = []
    for core in candidates:
        if out and core.start < out[-1].end:
            continue
        out.append(core)
    return out
