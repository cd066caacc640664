"""Find and normalise publication dates to ISO ``YYYY-MM-DD``.

Only unambiguous forms are recognised: ISO (``2024-01-05``, ``2024/01/05``, ISO
datetimes), ``January 4th 2024`` / ``Jan. 4, 2024`` and ``4 January 2024``. Purely
numeric day/month forms (``01/05/2024``) are skipped: their order is not knowable.
"""

from __future__ import annotations

import re
import time
from datetime import date

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
_ISO = rf"(?P<y>{_YEAR})[-/](?P<m>0?[1-9]|1[0-2])[-/](?P<d>[12]\d|3[01]|0?[1-9])(?!\d)"
_MDY = rf"(?P<mon1>{_MONTHS})\.?\s+(?P<day1>{_DAY}),?\s+(?P<year1>{_YEAR})(?!\w)"
_DMY = rf"(?P<day2>{_DAY})(?:\s+of)?\s+(?P<mon2>{_MONTHS})\.?,?\s+(?P<year2>{_YEAR})(?!\w)"
DATE_RE = re.compile(rf"(?<![\w-])(?:{_ISO}|{_MDY}|{_DMY})", re.IGNORECASE)
"""One date in running text; see :func:`date_from_match`."""

_MONTH_INDEX = {
    m[:3]: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def date_from_match(match: re.Match[str]) -> str | None:
    """The ISO date a :data:`DATE_RE` match stands for (``None`` if it is no real date)."""
    g = match.groupdict()
    if g["y"]:
        return _iso(int(g["y"]), int(g["m"]), int(g["d"]))
    if g["mon1"]:
        return _iso(int(g["year1"]), _MONTH_INDEX[g["mon1"][:3].lower()], _day(g["day1"]))
    return _iso(int(g["year2"]), _MONTH_INDEX[g["mon2"][:3].lower()], _day(g["day2"]))


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as ``(iso, start, end)``, or ``None``."""
    for match in DATE_RE.finditer(text):
        iso = date_from_match(match)
        if iso is not None:
            return iso, match.start(), match.end()
    return None


def normalise_date(value: object) -> str | None:
    """A date-like value (string, ``time.struct_time``) as ``YYYY-MM-DD``, else ``None``."""
    if isinstance(value, time.struct_time):
        return _iso(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    found = find_date(value)
    if found is not None:
        return found[0]
    return _parse_loose(value)


def _parse_loose(value: str) -> str | None:
    """RFC 822 and other stamps with a weekday/time (``Thu, 04 Jan 2024 10:00:00 GMT``)."""
    from email.utils import parsedate_tz

    parsed = parsedate_tz(value.strip())
    if parsed is None:
        return None
    return _iso(parsed[0], parsed[1], parsed[2])
