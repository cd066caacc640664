"""Features of an article for clustering: words, named entities and a date.

Words are TF-IDF weighted (sublinear tf, ``idf ** idf_power``); the title and the lead
are counted twice, as news puts the event (who, where, when) first. Entities (the
capitalised names of :mod:`newsdesk.cluster.names` by default, or spaCy NER, loaded
lazily and cached) form a second vector mixed in with weight ``entity_weight``. Dates
are day ordinals from ``Article.published`` (or, optionally, a dateline found in the
first lines of the text).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from newsdesk.cluster.config import ClusterConfig
from newsdesk.cluster.names import Names, article_names
from newsdesk.records import Article

if TYPE_CHECKING:
    from spacy.language import Language

K = TypeVar("K", bound=Hashable)
SparseVec = dict[K, float]

ENTITY_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "EVENT",
        "PRODUCT",
        "WORK_OF_ART",
        "LAW",
        "DATE",
    }
)

# ---------------------------------------------------------------- text


def lead_of(article: Article, config: ClusterConfig) -> str:
    """Title plus the first ``lead_lines`` non-empty lines of the body (capped)."""
    lines = [ln.strip() for ln in article.text.splitlines() if ln.strip()]
    lead = "\n".join(lines[: config.lead_lines])[: config.lead_chars]
    return f"{article.title}\n{lead}"


def weighted_text(article: Article, config: ClusterConfig) -> str:
    """The text that is vectorised: lead (title + first lines) once more, then everything."""
    full = f"{article.title}\n{article.text}"
    if config.lead_lines <= 0:
        return full
    return f"{lead_of(article, config)}\n{full}"


@lru_cache(maxsize=1)
def analyzer() -> Callable[[str], list[str]]:
    """sklearn's word analyzer: lowercase, ``\\w\\w+`` tokens, English stop words removed."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    fn: Callable[[str], list[str]] = TfidfVectorizer(stop_words="english").build_analyzer()
    return fn


# ---------------------------------------------------------------- entities


NER_BATCH = 64


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load a spaCy model once with only its ``ner`` pipe. The small English models give
    NER its own embedding layer, so the shared ``tok2vec`` is dropped too unless NER
    listens to it; tagger, parser and lemmatizer are never loaded."""
    import spacy
    from spacy.pipeline.tok2vec import Tok2VecListener

    nlp = spacy.load(model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    for name in nlp.pipe_names:
        if name not in ("ner", "tok2vec"):
            nlp.disable_pipe(name)
    ner: Any = nlp.get_pipe("ner")
    listens = any(isinstance(node, Tok2VecListener) for node in ner.model.walk())
    if "tok2vec" in nlp.pipe_names and not listens:
        nlp.disable_pipe("tok2vec")
    return nlp


_SPACES = re.compile(r"\s+")


def normalize_entity(text: str) -> str:
    t = _SPACES.sub(" ", text.strip().lower())
    t = t.removeprefix("the ")
    return t.removesuffix("'s").removesuffix(" 's").strip(" .,'\"")


def entity_text(article: Article, config: ClusterConfig) -> str:
    return f"{article.title}\n{article.text[: config.entity_chars]}"


_ENTITY_CACHE: dict[tuple[str, str], list[str]] = {}
_ENTITY_CACHE_MAX = 200_000


def extract_entities(
    articles: Sequence[Article], config: ClusterConfig, names: Sequence[Names] | None = None
) -> list[list[str]]:
    """Normalised named entities of each article (repeats kept: they count as tf).

    ``entity_source="names"`` takes the cheap capitalised-name phrases (``names`` if
    already computed); ``"spacy"`` runs NER on the title and first ``entity_chars`` of
    the body, cached by (model, text) so re-clustering a growing collection only runs NER
    on the new articles.
    """
    if config.entity_source == "names":
        found = names if names is not None else [article_names(a, config) for a in articles]
        return [list(n.phrases) for n in found]
    return _spacy_entities(articles, config)


def _spacy_entities(articles: Sequence[Article], config: ClusterConfig) -> list[list[str]]:
    keys = [(config.spacy_model, entity_text(a, config)) for a in articles]
    missing = list(dict.fromkeys(k for k in keys if k not in _ENTITY_CACHE))
    if missing:
        if len(_ENTITY_CACHE) + len(missing) > _ENTITY_CACHE_MAX:
            _ENTITY_CACHE.clear()
        nlp = load_nlp(config.spacy_model)
        docs = nlp.pipe((t for _, t in missing), batch_size=NER_BATCH)
        for key, doc in zip(missing, docs, strict=True):
            ents = [normalize_entity(e.text) for e in doc.ents if e.label_ in ENTITY_LABELS]
            _ENTITY_CACHE[key] = [e for e in ents if len(e) > 1]
    return [list(_ENTITY_CACHE[k]) for k in keys]


# ---------------------------------------------------------------- dates

_MON = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MDY = re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+((?:19|20)\d\d)\b", re.I)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\s*,?\s+((?:19|20)\d\d)\b", re.I)
_YMD = re.compile(r"\b((?:19|20)\d\d)\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def parse_iso(value: str | None) -> int | None:
    """Day ordinal of an ISO date or datetime string; ``None`` if absent or unreadable."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).toordinal()
    except ValueError:
        return None


def _ordinal(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).toordinal()
    except ValueError:
        return None


def dateline(text: str, head: int = 400) -> int | None:
    """The first full date (``May 3, 2013``, ``3 May 2013``, ``2013-05-03``) in the head."""
    t = text[:head]
    found: list[tuple[int, int | None]] = []
    if m := _YMD.search(t):
        found.append((m.start(), _ordinal(int(m[1]), int(m[2]), int(m[3]))))
    if m := _MDY.search(t):
        found.append(
            (m.start(), _ordinal(int(m[3]), _MONTHS.index(m[1][:3].lower()) + 1, int(m[2])))
        )
    if m := _DMY.search(t):
        found.append(
            (m.start(), _ordinal(int(m[3]), _MONTHS.index(m[2][:3].lower()) + 1, int(m[1])))
        )
    for _, value in sorted(found, key=lambda f: f[0]):
        if value is not None:
            return value
    return None


def article_day(article: Article, config: ClusterConfig) -> int | None:
    day = parse_iso(article.published)
    if day is None and config.dates_from_text:
        day = dateline(f"{article.title}\n{article.text}")
    return day


DayRange = tuple[int, int] | None


def span(a: DayRange, b: DayRange) -> DayRange:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def date_factor(a: DayRange, b: DayRange, config: ClusterConfig) -> float:
    """1 when either side is undated or the ranges are within the grace period, else less."""
    if a is None or b is None:
        return 1.0
    gap = max(b[0] - a[1], a[0] - b[1], 0)
    extra = gap - config.date_grace_days
    if extra <= 0:
        return 1.0
    return max(config.date_floor, math.exp(-extra / max(config.date_decay_days, 1e-9)))


# ---------------------------------------------------------------- sparse vectors


def dot(a: Mapping[K, float], b: Mapping[K, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items())


def add_into(target: dict[K, float], vec: Mapping[K, float], scale: float = 1.0) -> None:
    for t, w in vec.items():
        target[t] = target.get(t, 0.0) + scale * w


def norm(vec: Mapping[Any, float]) -> float:
    return math.sqrt(sum(w * w for w in vec.values()))


def normalized(vec: Mapping[K, float]) -> dict[K, float]:
    n = norm(vec)
    return {t: w / n for t, w in vec.items()} if n > 0 else {}


def top_items(vec: Mapping[K, float], n: int) -> list[K]:
    """Keys of the ``n`` heaviest entries (ties by key order of insertion)."""
    return [t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:n]]


def combine(text: Mapping[K, float], ents: Mapping[K, float], weight: float) -> dict[K, float]:
    """Mix two unit vectors (disjoint keys) so that cosine = (1-w)·text + w·entities."""
    if not ents or weight <= 0:
        return dict(text)
    out = {t: w * math.sqrt(1.0 - weight) for t, w in text.items()}
    out.update({t: w * math.sqrt(weight) for t, w in ents.items()})
    return normalized(out)


def sublinear_tf(tokens: Iterable[str]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for t in tokens:
        counts[t] = counts.get(t, 0) + 1
    return {t: 1.0 + math.log(c) for t, c in counts.items()}
