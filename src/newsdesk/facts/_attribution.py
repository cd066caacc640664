"""Attributions: who a sentence says something on the authority of.

Patterns (``Attribution.kind``):

* ``according_to``: "according to Reuters", "according to the decree";
* ``translation``: "according to a translation from the Moscow Times" (also "according to a
  report by X");
* ``reports``: "TASS reports that ...", "Reuters has reported previously on ...";
* ``said``: "X said/says/claimed/announced ...", "..., X said.", "said X";
* ``told``: "a source familiar with the intelligence told Reuters": the source is the
  anonymous speaker and ``via`` is the outlet that relayed it;
* ``citing``: "..., according to Reuters, citing the source": the source is cited ``via``
  the outlet of the same sentence;
* ``wire``: datelines and wire credits, "MOSCOW (Reuters) -", "(AP) —", "Authored by ...
  via FoxNews". Photo credits ("Photo/Reuters", "(AP Photo/...)", "... via Getty Images")
  attribute no content and are ignored.

Source names are normalised: known outlets get their usual name ("The Moscow Times",
"Reuters", "AP", "Fox News"); a named source keeps its proper-noun core ("Russian state media
outlet TASS" -> "TASS", "Ukrainian President Volodymyr Zelenskiy" -> "Volodymyr
Zelenskiy"); an unnamed one stays a lower-case description ("a source familiar with the
intelligence", "the decree"). :func:`is_named` tells the two apart.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.facts._nlp import parse
from newsdesk.records import Attribution

__all__ = [
    "canonical_source",
    "is_media",
    "is_named",
    "is_outlet",
    "mentions_cue",
    "sentence_attributions",
]

_OUTLETS: tuple[tuple[str, str], ...] = (
    (r"Reuters", "Reuters"),
    (r"(?:the\s+)?Associated\s+Press|\bAP\b", "AP"),
    (r"Agence\s+France[- ]Presse|\bAFP\b", "AFP"),
    (r"\bTASS\b|\bTass\b", "TASS"),
    (r"RIA(?:\s+Novosti)?", "RIA Novosti"),
    (r"Interfax(?:-Ukraine)?", "Interfax"),
    (r"Sputnik", "Sputnik"),
    (r"Xinhua", "Xinhua"),
    (r"Bloomberg(?:\s+News)?", "Bloomberg"),
    (r"\bBBC(?:\s+News)?\b", "BBC"),
    (r"\bCNN\b", "CNN"),
    (r"\bCNBC\b", "CNBC"),
    (r"Fox\s?News(?:\s+Digital)?", "Fox News"),
    (r"(?:the\s+)?Moscow\s+Times", "The Moscow Times"),
    (r"(?:the\s+)?New\s+York\s+Times", "The New York Times"),
    (r"(?:the\s+)?Washington\s+Post", "The Washington Post"),
    (r"(?:the\s+)?Wall\s+Street\s+Journal|\bWSJ\b", "The Wall Street Journal"),
    (r"(?:the\s+)?Financial\s+Times|\bFT\b", "Financial Times"),
    (r"(?:the\s+)?Guardian", "The Guardian"),
    (r"(?:the\s+)?Kyiv\s+Independent", "The Kyiv Independent"),
    (r"(?:the\s+)?Kyiv\s+Post", "Kyiv Post"),
    (r"Ukrainska\s+Pravda", "Ukrainska Pravda"),
    (r"Ukrinform", "Ukrinform"),
    (r"Meduza", "Meduza"),
    (r"Novaya\s+Gazeta", "Novaya Gazeta"),
    (r"Kommersant", "Kommersant"),
    (r"Izvestia", "Izvestia"),
    (r"Vedomosti", "Vedomosti"),
    (r"Al\s+Jazeera", "Al Jazeera"),
    (r"Euronews", "Euronews"),
    (r"\bNPR\b", "NPR"),
    (r"CBS\s+News", "CBS News"),
    (r"NBC\s+News", "NBC News"),
    (r"ABC\s+News", "ABC News"),
    (r"Sky\s+News", "Sky News"),
    (r"Axios", "Axios"),
    (r"Politico", "Politico"),
    (r"Deutsche\s+Welle|\bDW\b", "Deutsche Welle"),
    (r"\bdpa\b", "dpa"),
    (r"Kyodo(?:\s+News)?", "Kyodo"),
    (r"Yonhap", "Yonhap"),
    (r"Anadolu(?:\s+Agency)?", "Anadolu"),
    (r"Radio\s+Free\s+Europe(?:/Radio\s+Liberty)?|\bRFE/RL\b", "RFE/RL"),
    (r"Voice\s+of\s+America|\bVOA\b", "Voice of America"),
    (r"(?:the\s+)?Economist", "The Economist"),
    (r"(?:the\s+)?Telegraph", "The Telegraph"),
    (r"(?:the\s+)?Daily\s+Mail", "Daily Mail"),
    (r"USA\s+TODAY|USA\s+Today", "USA Today"),
    (r"Newsweek", "Newsweek"),
    (r"(?:the\s+)?Kyiv\s+Independent", "The Kyiv Independent"),
)
_OUTLET_RES = tuple((re.compile(p), name) for p, name in _OUTLETS)
_OUTLET_NAMES = frozenset(name for _, name in _OUTLETS)

_TITLES = frozenset(
    """president prime minister foreign defence defense interior secretary spokesman
    spokeswoman spokesperson chancellor general gen gen. gov gov. governor senator sen sen.
    rep rep. mr mr. mrs mrs. ms ms. dr dr. chief commander head leader ceo chairman chairwoman
    director deputy ambassador mayor king queen pope judge official analyst adviser advisor
    colonel col col. lieutenant lt lt. sergeant sgt major maj admiral captain capt vice state
    media outlet agency news newspaper broadcaster channel website daily tabloid wire service
    state-run state-owned former acting top senior russian ukrainian american u.s. us british
    kremlin-backed pro-kremlin""".split()
)
_PRONOUNS = frozenset(
    "he she it they we i you this that these those who which one someone everyone".split()
)

_SAY_ALWAYS = {
    "say": "said",
    "tell": "told",
    "report": "reports",
    "state": "said",
    "announce": "said",
    "declare": "said",
    "write": "said",
    "tweet": "said",
    "testify": "said",
}
_SAY_WITH_CLAUSE = {
    "claim": "said",
    "add": "said",
    "note": "said",
    "warn": "said",
    "confirm": "said",
    "estimate": "said",
    "assess": "said",
    "insist": "said",
    "deny": "said",
    "allege": "said",
    "acknowledge": "said",
    "explain": "said",
    "argue": "said",
    "predict": "said",
    "disclose": "said",
    "reveal": "said",
    "conclude": "said",
    "find": "said",
    "stress": "said",
}

_NP_END = (
    r"(?=\s*(?:[,.;:!?)\]\"”]|$|\s(?:citing|that|which|who|as|on|at|in|and|but|published|"
    r"released|issued|seen|obtained|last|this|on)\b))"
)
_NP = r"(?P<src>[^,.;:!?()\"“”]{2,80}?)" + _NP_END
_ACCORDING_VIA = re.compile(
    r"\baccording\s+to\s+(?:an?\s+|the\s+)?(?P<what>translation|report|reporting|statement|"
    r"transcript|readout|summary|article|story|tally|count)\s+(?:from|by|of|in|on)\s+" + _NP,
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+" + _NP, re.IGNORECASE)
_CITING = re.compile(r"\bciting\s+" + _NP, re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z. ]{1,30}?)?\s*)?"
    r"\((?P<src>[A-Z][A-Za-z&. ]{1,30}?)\)\s*[-–—:]\s*"
)
_SYNDICATED = re.compile(
    r"\b(?:(?:Authored|Written|Reported|Posted)\s+by\s+.{1,60}?\s+via|"
    r"(?:originally\s+(?:appeared|published)\s+(?:on|in|by)))\s+(?P<src>[A-Z][\w&'’. -]{1,40}?)"
    r"(?=\s+(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|\s*[,.;]|"
    r"\s*$|\s+\d)"
)
_PHOTO = re.compile(r"\bPhoto\b|Getty|Images|Copyright|©|/", re.IGNORECASE)


def is_outlet(name: str) -> bool:
    """Is ``name`` (as returned by :func:`canonical_source`) a known news outlet or agency?"""
    return name in _OUTLET_NAMES


_MEDIA_WORD = re.compile(
    r"\b(?:News|Times|Post|Herald|Journal|Tribune|Gazette|Telegraph|Magazine|Radio|TV|"
    r"Television|Agency|Press|Daily|Channel|Network|Review|Observer|Standard|Chronicle|Mail|"
    r"Express|Star|Sun|Independent|Guardian|Wire|Online|Media|Broadcasting|Dispatch|Courier|"
    r"Bulletin|Inquirer|Monitor|Register|Reporter|Examiner)\b|\.com\b"
)


def is_media(name: str) -> bool:
    """Does ``name`` look like a news outlet ("Reuters", "the Korvel Herald", "CNN")?"""
    return (
        is_outlet(name) or bool(_MEDIA_WORD.search(name)) or bool(re.fullmatch(r"[A-Z]{2,6}", name))
    )


def is_named(name: str) -> bool:
    """A proper name ("Reuters", "Kremlin"), not a description ("a source", "the decree")."""
    return bool(name) and name[0].isupper()


def canonical_source(text: str) -> str:
    """A normalised source name for a noun phrase (see module docstring)."""
    phrase = re.sub(r"\s+", " ", text).strip(" ,.;:'\"“”‘’")
    phrase = re.sub(r"['’]s$", "", phrase)
    for rx, name in _OUTLET_RES:
        if rx.search(phrase):
            return name
    words = phrase.split(" ")
    if words and words[0].lower() in ("the", "a", "an"):
        rest = words[1:]
        if rest and rest[0][:1].isupper() and all(w[:1].isupper() or w in _SMALL for w in rest):
            return " ".join(rest)
        return " ".join([words[0].lower(), *rest])
    return phrase


_SMALL = frozenset({"of", "for", "and", "the", "on", "in", "de"})


def sentence_attributions(index: int, sentence: str) -> list[Attribution]:
    """Every attribution in one sentence, in order of appearance."""
    found: list[tuple[int, Attribution]] = []
    found += _wire(index, sentence)
    found += _according(index, sentence)
    found += _verbal(index, sentence)
    found += _citing(index, sentence, [a for _, a in found])
    found.sort(key=lambda pair: pair[0])
    return [a for _, a in found]


def _wire(index: int, s: str) -> list[tuple[int, Attribution]]:
    out: list[tuple[int, Attribution]] = []
    m = _DATELINE.match(s)
    if m and not _PHOTO.search(m.group("src")):
        content = s[m.end() :].strip()
        out.append(
            (
                m.start(),
                Attribution(
                    canonical_source(m.group("src")), m.group().strip(), content, index, kind="wire"
                ),
            )
        )
    m2 = _SYNDICATED.search(s)
    if m2:
        src = canonical_source(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", m2.group("src")))
        out.append((m2.start(), Attribution(src, m2.group().strip(), s, index, kind="wire")))
    return out


def _without(s: str, start: int, end: int) -> str:
    text = (s[:start].rstrip(" ,") + " " + s[end:].lstrip(" ,")).strip()
    return re.sub(r"\s+([,.;:])", r"\1", text)


def _according(index: int, s: str) -> list[tuple[int, Attribution]]:
    out: list[tuple[int, Attribution]] = []
    taken: list[tuple[int, int]] = []
    for m in _ACCORDING_VIA.finditer(s):
        kind = "translation" if m.group("what").lower() == "translation" else "according_to"
        src = canonical_source(m.group("src"))
        out.append(
            (
                m.start(),
                Attribution(
                    src, m.group().strip(), _without(s, m.start(), m.end()), index, kind=kind
                ),
            )
        )
        taken.append((m.start(), m.end()))
    for m in _ACCORDING.finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        src = canonical_source(m.group("src"))
        out.append(
            (
                m.start(),
                Attribution(
                    src,
                    m.group().strip(),
                    _without(s, m.start(), m.end()),
                    index,
                    kind="according_to",
                ),
            )
        )
    return out


def _citing(index: int, s: str, others: list[Attribution]) -> list[tuple[int, Attribution]]:
    out: list[tuple[int, Attribution]] = []
    relays = [a.source for a in others if is_named(a.source)]
    for m in _CITING.finditer(s):
        src = canonical_source(m.group("src"))
        via = relays[-1] if relays else None
        out.append(
            (
                m.start(),
                Attribution(
                    src,
                    m.group().strip(),
                    _without(s, m.start(), m.end()),
                    index,
                    kind="citing",
                    via=via,
                ),
            )
        )
    return out


_CUE_WORD = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|report\w*|stat(?:e|es|ed|ing)|"
    r"announc\w*|declar\w*|wr(?:ite|ites|ote|itten)|tweet\w*|testif\w*|claim\w*|add(?:s|ed)|"
    r"not(?:e|es|ed)|warn\w*|confirm\w*|estimat\w*|assess\w*|insist\w*|den(?:y|ies|ied)|"
    r"alleg\w*|acknowledg\w*|explain\w*|argu\w*|predict\w*|disclos\w*|reveal\w*|"
    r"conclud\w*|f(?:ind|inds|ound)|stress\w*)\b",
    re.IGNORECASE,
)


def mentions_cue(sentence: str) -> bool:
    """Could the sentence hold a reporting verb (so that it needs a parse)?"""
    return _CUE_WORD.search(sentence) is not None


def _verbal(index: int, s: str) -> list[tuple[int, Attribution]]:
    if not mentions_cue(s):
        return []
    doc = parse(s)
    out: list[tuple[int, Attribution]] = []
    for tok in doc:
        kind = _cue_kind(tok)
        if kind is None:
            continue
        span = _subject(tok)
        if not span:
            continue
        source = _source_name(span)
        if source is None:
            continue
        via = _told_whom(tok) if kind == "told" else None
        content = _content(doc, tok, span, s)
        cue = " ".join(t.text for t in tok.children if t.dep_ in ("aux", "neg") and t.i < tok.i)
        cue = f"{cue} {tok.text}".strip()
        out.append((span[0].idx, Attribution(source, cue, content, index, kind=kind, via=via)))
    return out


def _cue_kind(tok: Any) -> str | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lemma = tok.lemma_.lower()
    if lemma in _SAY_ALWAYS:
        return _SAY_ALWAYS[lemma]
    if lemma in _SAY_WITH_CLAUSE and any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return _SAY_WITH_CLAUSE[lemma]
    return None


_SKIP_BEFORE_VERB = frozenset({"AUX", "ADV", "PART"})
_SEGMENT_BREAK = frozenset({",", ";", "—", "–", "(", "“", '"', ":"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _subject(verb: Any) -> list[Any] | None:
    """The speaker's tokens: the noun phrase right before the cue (", a source familiar
    with the document told Reuters"; "The Kremlin has repeatedly said"), else the
    dependency subject."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        return list(obj.subtree) if obj is not None else None  # "was reported by X"
    left = _left_segment(verb)
    if left:
        return left
    inverted = _inverted_subject(verb)
    if inverted:
        return inverted
    dep = _dep_subject(verb)
    if dep is None:
        return None
    sub = list(dep.subtree)
    cut = next((i for i, t in enumerate(sub) if t.i > dep.i and t.text in (",", "(")), None)
    return sub[:cut] if cut is not None else sub


def _inverted_subject(verb: Any) -> list[Any] | None:
    """ "..., reports AP." / "..., said Ola Brenn.": a name right after a clause-final cue."""
    doc = verb.doc
    if verb.i == 0 or not doc[verb.i - 1].is_punct:
        return None
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    run = []
    while j < len(doc) and doc[j].pos_ == "PROPN":
        run.append(doc[j])
        j += 1
    if run and (j == len(doc) or doc[j].is_punct):
        return run
    return None


def _left_segment(verb: Any) -> list[Any] | None:
    doc = verb.doc
    end = verb.i - 1
    while end >= 0 and doc[end].pos_ in _SKIP_BEFORE_VERB:
        end -= 1
    if end < 0 or doc[end].pos_ not in ("NOUN", "PROPN"):
        return None
    start = end
    while start - 1 >= 0 and doc[start - 1].text not in _SEGMENT_BREAK:
        start -= 1
    segment = list(doc[start : end + 1])
    if len(segment) > 12 or any(
        t.tag_ in _FINITE and t.lower_ not in ("'s", "’s") for t in segment
    ):
        return None
    if segment[0].lower_ in ("and", "but", "while", "as", "that", "which", "who"):
        return None
    return segment


def _dep_subject(verb: Any) -> Any:
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            return child
    if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        return _dep_subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def _span_text(tokens: list[Any]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


def _head_of(span: list[Any]) -> Any:
    """The token of ``span`` whose head lies outside it."""
    ids = {t.i for t in span}
    for tok in span:
        if tok.head.i not in ids or tok.head is tok:
            return tok
    return span[-1]


def _source_name(span: list[Any]) -> str | None:
    head = _head_of(span)
    if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
        return None
    text = _span_text(span)
    canonical = canonical_source(text)
    if is_outlet(canonical):
        return canonical
    core = _proper_core(head, span)
    if core:
        return canonical_source(core)
    if span[0].pos_ == "DET" or span[0].tag_ == "PRP$":
        return canonical_source(text)
    return text[:1].lower() + text[1:] if head.pos_ != "PROPN" else text


_PERSON_TITLES = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson chancellor general
    gen gen. governor gov. senator sen. mr mr. mrs mrs. ms ms. dr dr. chief commander ceo
    chairman chairwoman director ambassador mayor king queen judge colonel col. lieutenant
    lt. sergeant admiral captain prosecutor lawmaker official analyst adviser advisor""".split()
)


def _proper_core(head: Any, span: list[Any]) -> str | None:
    """ "Russian state media outlet TASS" -> "TASS"; "President Volodymyr Zelenskiy" -> name."""
    if head.pos_ != "PROPN":
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is None:
            return None
        head = appos
        span = [t for t in appos.subtree if t.text not in (",", "(")]
    ids = {t.i for t in span}
    run = [t for t in span if t.i <= head.i]
    titles = [i for i, t in enumerate(run) if t.lower_ in _PERSON_TITLES]
    start = titles[-1] + 1 if titles and titles[-1] + 1 < len(run) else 0
    while start < len(run) and (run[start].pos_ != "PROPN" or run[start].lower_ in _TITLES):
        start += 1
    core = run[start:]
    if not core:
        return None
    nxt = head.i + 1
    doc = head.doc
    if nxt in ids and doc[nxt].lower_ == "of":
        tail = [doc[nxt]]
        j = nxt + 1
        while j in ids and doc[j].pos_ in ("PROPN", "CCONJ"):
            tail.append(doc[j])
            j += 1
        if len(tail) > 1:
            core += tail
    while core and core[-1].pos_ in ("ADP", "CCONJ"):
        core.pop()
    return _span_text(core) if core else None


def _told_whom(verb: Any) -> str | None:
    """The outlet a source spoke to ("told Reuters"); a judge or a crowd relays nothing."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj", "npadvmod", "obj") and child.pos_ in (
            "PROPN",
            "NOUN",
        ):
            name = canonical_source(_span_text(list(child.subtree)))
            return name if is_named(name) and is_media(name) else None
    return None


def _content(doc: Any, verb: Any, span: list[Any], s: str) -> str:
    """What the source says: the reported clause, else the rest of the sentence."""
    ids = {t.i for t in span}
    comp = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is not None and not ids & {t.i for t in comp.subtree}:
        return str(doc[comp.left_edge.i : comp.right_edge.i + 1].text)
    after = str(doc[verb.i + 1 :].text).strip(" ,.")
    if len(after.split()) >= 4:
        return after
    before = str(doc[: span[0].i].text).strip(" ,;")
    return before or after or s
