"""Metadata recovered from scraped plain text (general rules, nothing site-specific).

Title
    The first non-empty line among the first few that is not a metadata line (a
    date line such as ``date 2024-01-05 …`` / ``Published 5 Jan 2024``, a bare date,
    or a ``By NAME`` byline). A trailing photo credit (``… Photo/Agency``,
    ``(AP Photo: Jane Doe)``) is stripped from it. Only the title line leaves the
    body: every other line stays for the clean stage to judge and audit.
Authors
    ``By NAME[, NAME][ and NAME]`` bylines, ``Authored by NAME via OUTLET [DATE]``
    sign-offs, and bios ``NAME is a writer/reporter/… for OUTLET``.
Outlet
    The sign-off's ``via OUTLET``, else the bio's outlet, else ``OUTLET's NAME
    contributed``. See :func:`clean_outlet` for how names are tidied.
Published
    A leading date line, else a ``Published <date>`` line, else the sign-off date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsdesk.ingest._dates import find_date

HEADER_LINES = 5
"""How many leading non-empty lines may be searched for the title."""
MAX_TITLE_CHARS = 300
"""A longer first line is body text, not a headline: it stays in the body."""
MAX_META_LINE_CHARS = 120

_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "der",
        "den",
        "di",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "al",
        "bin",
        "ibn",
        "el",
        "ter",
        "y",
    }
)
_NAME_PUNCT = frozenset(".'’-")
_ROLES = (
    "writer|reporter|correspondent|journalist|editor|columnist|producer"
    "|contributor|analyst|author|photographer"
)
_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "on", "de"})

_BYLINE_RE = re.compile(r"^\s*(?:by|written by|words by)\s*:?\s+(?P<names>\S.*)$", re.I)
_SIGNOFF_RE = re.compile(r"^\s*authored\s+by\s+(?P<names>.+?)\s+via\s+(?P<rest>\S.*?)\s*$", re.I)
_BIO_RE = re.compile(
    rf"^\s*(?P<name>[^.,;:!?()]{{3,60}}?)\s+is\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?"
    rf"(?:{_ROLES})s?\s+(?:for|at|with)\s+(?P<outlet>[^.,;:!?()|]+)"
)
_CONTRIB_RE = re.compile(
    r"^\s*(?P<outlet>[^.,;:!?()]{2,60}?)(?:['’]s|(?<=s)['’])\s+\S.*?\s+contributed\b"
)
_DATE_LINE_RE = re.compile(
    r"^\s*(?P<kind>date|dated|published|posted|updated|last updated)(?:\s+on)?\s*:?\s*",
    re.I,
)
_PHOTO_CREDIT_RE = re.compile(
    r"""[\s.,;:–—-]*[(\[]?(?:[A-Z]{2,}\s+)?(?:photo(?:graph)?|foto|picture|image|pic)s?\s*
        (?:/|:|by\b)\s*(?P<credit>[^()\[\]]{1,80}?)[)\]]?\s*$""",
    re.I | re.X,
)
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.I)

_NEWS_WORDS = frozenset(
    {
        "News",
        "Post",
        "Times",
        "Journal",
        "Herald",
        "Tribune",
        "Mail",
        "Telegraph",
        "Guardian",
        "Express",
        "Independent",
        "Mirror",
        "Wire",
        "Press",
        "Report",
        "Today",
        "Insider",
        "Daily",
        "Observer",
        "Chronicle",
        "Gazette",
        "Examiner",
        "Monitor",
        "Standard",
        "Beacon",
        "Caller",
        "Street",
        "Beast",
        "Hill",
        "Register",
        "Sun",
        "Star",
        "Digital",
        "Radio",
        "Media",
    }
)
_JOINED_BRANDS = frozenset(
    {
        "HuffPost",
        "BuzzFeed",
        "YouTube",
        "MarketWatch",
        "TechCrunch",
        "PolitiFact",
        "ZeroHedge",
        "NewsMax",
        "TheStreet",
        "FactCheck",
    }
)


@dataclass(frozen=True, slots=True)
class TextMeta:
    """Plain text split into title and body, with what the text says about itself."""

    title: str | None
    body: str
    authors: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None


# ---------------------------------------------------------------- names and outlets


def _is_name_token(token: str) -> bool:
    return token[0].isupper() and all(c.isalpha() or c in _NAME_PUNCT for c in token)


def is_person_name(text: str) -> bool:
    """Two to five capitalised words (particles such as ``de``/``van`` allowed inside)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or tokens[-1].lower() in _PARTICLES:
        return False
    if not _is_name_token(tokens[0]):
        return False
    return all(_is_name_token(t) or t.lower() in _PARTICLES for t in tokens[1:])


def _tidy_name(name: str) -> str:
    name = " ".join(name.split()).strip(" .,;:")
    return name.title() if name.isupper() else name


def split_authors(value: str) -> tuple[str, ...]:
    """``"Jane Doe and John Roe"`` -> both; pieces that are not person names are dropped."""
    value = re.split(r"\s+[|–—]\s+|\s+-\s+", value, maxsplit=1)[0]
    names = [_tidy_name(p) for p in _NAME_SPLIT_RE.split(value)]
    return tuple(dict.fromkeys(n for n in names if is_person_name(n)))


def _split_camel(token: str) -> str:
    if not re.fullmatch(r"(?:[A-Z][a-z]{2,}){2,}", token):
        return token
    parts = re.findall(r"[A-Z][a-z]+", token)
    if not any(p in _NEWS_WORDS for p in parts):
        return token
    words: list[str] = []
    for part in parts:
        if words and words[-1] + part in _JOINED_BRANDS:
            words[-1] += part
        else:
            words.append(part)
    return " ".join(words)


def clean_outlet(name: str | None) -> str | None:
    """Tidy an outlet name: collapse spaces, trim punctuation, and split a joined
    CamelCase token into words (``FoxNews`` -> ``Fox News``) only when it is made of
    capitalised words of 3+ letters one of which is a news word (News, Post, Times,
    ...). Brands written joined (``HuffPost``, ``ZeroHedge``) are kept together."""
    if name is None:
        return None
    name = _strip_section(" ".join(name.split())).strip(" .,;:|–—-")
    if not name:
        return None
    return " ".join(_split_camel(token) for token in name.split(" "))


_SECTION = re.compile(
    r"^(?P<outlet>.+?)\s*(?:[|:–—]|\s-)\s*(?:(?:top|latest|breaking|world|national|local|"
    r"business|politics|all|main|home|front page|most read)\s*)*(?:stories|news|headlines|"
    r"articles|updates|feed|rss|home|page|section|world|politics|business)\b.*$",
    re.IGNORECASE,
)


def _strip_section(name: str) -> str:
    """Drop a feed or page section suffix: ``Meridian Wire — Top Stories`` -> ``Meridian Wire``."""
    m = _SECTION.match(name)
    return m.group("outlet") if m else name


def outlet_from_url(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (``https://www.example.com/a`` -> ``example.com``)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def _capitalised_run(text: str) -> str | None:
    """The leading run of capitalised words (connectors like ``of``/``the`` inside)."""
    taken: list[str] = []
    for token in text.split():
        if token[0].isupper() or token[0].isdigit() or (token.lower() in _CONNECTORS and taken):
            taken.append(token)
        else:
            break
    while taken and taken[-1].lower() in _CONNECTORS:
        taken.pop()
    return " ".join(taken) or None


# ---------------------------------------------------------------- line rules


def date_line(line: str) -> tuple[str, str] | None:
    """``(kind, iso)`` for a metadata date line (``date 2024-01-05 loading…``,
    ``Published: Jan 5, 2024``, or a bare date), else ``None``."""
    if len(line) > MAX_META_LINE_CHARS:
        return None
    match = _DATE_LINE_RE.match(line)
    kind = match.group("kind").lower() if match else "bare"
    rest = line[match.end() :] if match else line.strip()
    found = find_date(rest)
    if found is None or found[1] != 0:
        return None
    if kind == "bare" and len(rest) - found[2] > 20:
        return None
    return ("published" if kind in ("date", "dated", "posted", "bare") else kind), found[0]


def byline_authors(line: str) -> tuple[str, ...]:
    """Names of a ``By NAME and NAME`` line (empty when the line is not a byline)."""
    if len(line) > MAX_META_LINE_CHARS:
        return ()
    match = _BYLINE_RE.match(line)
    return split_authors(match.group("names")) if match else ()


@dataclass(frozen=True, slots=True)
class SignOff:
    authors: tuple[str, ...]
    outlet: str | None
    published: str | None


def sign_off(line: str) -> SignOff | None:
    """An ``Authored by NAME via OUTLET [DATE]`` line."""
    match = _SIGNOFF_RE.match(line)
    if match is None or len(line) > 2 * MAX_META_LINE_CHARS:
        return None
    rest = match.group("rest")
    found = find_date(rest)
    outlet = rest[: found[1]] if found else rest
    return SignOff(
        authors=split_authors(match.group("names")),
        outlet=clean_outlet(outlet),
        published=found[0] if found else None,
    )


def bio(line: str) -> tuple[str, str | None] | None:
    """``(name, outlet)`` for a ``NAME is a writer for OUTLET`` bio line."""
    match = _BIO_RE.match(line)
    if match is None:
        return None
    name = _tidy_name(match.group("name"))
    if not is_person_name(name):
        return None
    return name, clean_outlet(_capitalised_run(match.group("outlet")))


def contributed_outlet(line: str) -> str | None:
    """The outlet of an ``OUTLET's NAME contributed`` line."""
    match = _CONTRIB_RE.match(line)
    if match is None:
        return None
    outlet = match.group("outlet").strip()
    return clean_outlet(outlet) if _capitalised_run(outlet) == outlet else None


def strip_photo_credit(title: str) -> str:
    """Drop a trailing photo credit (``… Photo/Reuters``) whose credit is capitalised."""
    match = _PHOTO_CREDIT_RE.search(title)
    if match is None:
        return title
    credit = match.group("credit").replace("/", " ").split()
    if not credit or len(credit) > 8 or not all(t[0].isupper() for t in credit):
        return title
    stripped = title[: match.start()].rstrip()
    return stripped or title


# ---------------------------------------------------------------- whole texts


def _is_metadata_line(line: str) -> bool:
    return date_line(line) is not None or bool(byline_authors(line))


def _title_index(lines: list[str]) -> int | None:
    """Index of the title line: the first non-empty, non-metadata line of the header."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > HEADER_LINES:
            return None
        if not _is_metadata_line(line):
            return index if len(line.strip()) <= MAX_TITLE_CHARS else None
    return None


def _header_date(lines: list[str]) -> str | None:
    header = [line for line in lines if line.strip()][:HEADER_LINES]
    for line in header:
        found = date_line(line)
        if found is not None and found[0] == "published":
            return found[1]
    return None


def _published_line_date(lines: list[str]) -> str | None:
    for line in lines:
        if line.lstrip()[:9].lower() == "published":
            found = date_line(line)
            if found is not None:
                return found[1]
    return None


@dataclass(frozen=True, slots=True)
class _Found:
    authors: tuple[str, ...]
    outlets: dict[str, str]
    """Outlet by the rule that found it: ``via``, ``bio``, ``contributed``."""
    signoff_date: str | None = None


def _scan(lines: list[str]) -> _Found:
    authors: list[str] = []
    outlets: dict[str, str] = {}
    signoff_date: str | None = None
    for line in lines:
        authors.extend(byline_authors(line))
        signed = sign_off(line)
        if signed is not None:
            authors.extend(signed.authors)
            if signed.outlet:
                outlets.setdefault("via", signed.outlet)
            signoff_date = signoff_date or signed.published
        described = bio(line)
        if described is not None:
            authors.append(described[0])
            if described[1]:
                outlets.setdefault("bio", described[1])
        contributed = contributed_outlet(line)
        if contributed:
            outlets.setdefault("contributed", contributed)
    return _Found(tuple(dict.fromkeys(authors)), outlets, signoff_date)


def recover_meta(text: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """``(authors, published, outlet)`` stated in ``text`` by the module's rules."""
    lines = text.split("\n")
    found = _scan(lines)
    published = _header_date(lines) or _published_line_date(lines) or found.signoff_date
    outlet = next(
        (found.outlets[k] for k in ("via", "bio", "contributed") if k in found.outlets), None
    )
    return found.authors, published, outlet


def _tidy_body(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def parse_plain_text(text: str) -> TextMeta:
    """Split scraped plain text into title and body and recover its metadata."""
    lines = text.split("\n")
    index = _title_index(lines)
    title: str | None = None
    if index is not None:
        title = strip_photo_credit(" ".join(lines[index].split()))
        del lines[index]
    body = _tidy_body("\n".join(lines))
    authors, published, outlet = recover_meta(body)
    return TextMeta(title=title, body=body, authors=authors, published=published, outlet=outlet)
