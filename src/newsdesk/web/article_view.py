"""The article page's content: cleaned text, removed debris, copies and reused paragraphs.

Needs: an :class:`~newsdesk.records.Article` from the store and the web queries for its
story, its copies and paragraph reuse in both directions. Produces: :class:`ArticleView`:
the cleaned text as numbered paragraphs of numbered sentences (the anchors ``#p<n>`` and
``#s<n>`` that story-page citations and reuse links point at; sentence numbers are the
facts stage's, :func:`newsdesk.sentences.split_sentences`), each paragraph with links to the
paragraph it reuses and to the reports that reused it, and the original text with every
removed span struck through beside the cleaner's reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.records import Article, Removal
from newsdesk.sentences import split_sentences
from newsdesk.store import Store
from newsdesk.web import queries
from newsdesk.web.names import http_url, outlet_name


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of a paragraph; ``sentence`` is its sentence number, ``None`` between them."""

    text: str
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class ReuseLink:
    article_id: str
    paragraph_index: int
    outlet: str
    title: str
    similarity: float

    @property
    def href(self) -> str:
        return f"/articles/{self.article_id}#p{self.paragraph_index}"


@dataclass(slots=True)
class Paragraph:
    index: int
    text: str
    pieces: list[Piece]
    reused_from: list[ReuseLink] = field(default_factory=list)
    reused_by: list[ReuseLink] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RawPiece:
    """A piece of the original text; ``reason`` is set when the cleaner removed it."""

    text: str
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Original:
    id: str
    outlet: str
    title: str


@dataclass(slots=True)
class ArticleView:
    article: Article
    outlet: str
    url: str | None
    """The article URL when it is safe to link (http/https), else ``None``."""
    story: tuple[str, str] | None
    original: Original | None
    copies: list[queries.CopyRow]
    paragraphs: list[Paragraph]
    raw: list[RawPiece]
    """The original text with removed spans marked; empty when offsets do not fit."""
    removed: tuple[Removal, ...]


def _pieces(text: str, start: int, end: int, sentences: list[tuple[int, int, int]]) -> list[Piece]:
    pieces: list[Piece] = []
    cursor = start
    for index, s_start, s_end in sentences:
        if s_end <= start or s_start >= end:
            continue
        s_start, s_end = max(s_start, start), min(s_end, end)
        if s_start > cursor:
            pieces.append(Piece(text[cursor:s_start]))
        if s_start >= cursor:
            pieces.append(Piece(text[s_start:s_end], index))
            cursor = s_end
    if cursor < end:
        pieces.append(Piece(text[cursor:end]))
    return pieces


def paragraphs(article: Article) -> list[Paragraph]:
    """The cleaned text cut into :attr:`Article.paragraphs` (dedupe's numbering), each cut
    into the facts stage's sentences."""
    text = article.text
    spans = [(s.index, s.start, s.end) for s in split_sentences(text)]
    out: list[Paragraph] = []
    pos = 0
    for i, para in enumerate(article.paragraphs):
        start = text.find(para, pos)
        if start < 0:
            out.append(Paragraph(i, para, [Piece(para)]))
            continue
        end = start + len(para)
        out.append(Paragraph(i, para, _pieces(text, start, end, spans)))
        pos = end
    return out


def raw_pieces(raw: str, removed: tuple[Removal, ...]) -> list[RawPiece]:
    """``raw`` with each removed span cut out as a piece carrying its reason. Spans whose
    offsets do not match their text, or overlap an earlier one, stay in the list only."""
    pieces: list[RawPiece] = []
    cursor = 0
    for r in sorted(removed, key=lambda r: (r.start, r.end)):
        if r.start < cursor or raw[r.start : r.end] != r.text or r.end <= r.start:
            continue
        if r.start > cursor:
            pieces.append(RawPiece(raw[cursor : r.start]))
        pieces.append(RawPiece(r.text, r.reason))
        cursor = r.end
    if not any(p.reason for p in pieces):
        return []
    if cursor < len(raw):
        pieces.append(RawPiece(raw[cursor:]))
    return pieces


def article_view(store: Store, article_id: str) -> ArticleView:
    """Everything the article page shows (raises NotFoundError)."""
    article = store.article(article_id)
    paras = paragraphs(article)
    mine, theirs = store.reuse_of(article.id)
    others = [r.original_id for r in mine] + [r.article_id for r in theirs]
    if article.duplicate_of:
        others.append(article.duplicate_of)
    names = store.labels(others)

    def link(aid: str, index: int, similarity: float) -> ReuseLink:
        outlet, title = names.get(aid, ("unknown outlet", ""))
        return ReuseLink(aid, index, outlet, title, similarity)

    by_index = {p.index: p for p in paras}
    for r in mine:
        if r.paragraph_index in by_index:
            by_index[r.paragraph_index].reused_from.append(
                link(r.original_id, r.original_paragraph_index, r.similarity)
            )
    for r in theirs:
        if r.original_paragraph_index in by_index:
            by_index[r.original_paragraph_index].reused_by.append(
                link(r.article_id, r.paragraph_index, r.similarity)
            )
    original = None
    if article.duplicate_of:
        outlet, title = names.get(article.duplicate_of, ("unknown outlet", ""))
        original = Original(article.duplicate_of, outlet, title)
    return ArticleView(
        article=article,
        outlet=outlet_name(article.outlet, article.url),
        url=http_url(article.url),
        story=store.article_story(article.id),
        original=original,
        copies=store.copies_of(article.id),
        paragraphs=paras,
        raw=raw_pieces(article.raw_text, article.removed),
        removed=article.removed,
    )
