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
  attribute no content and are ignored;
* ``stance``: a position or belief found by the learned cue model of :mod:`._cue_model`
  ("X criticized the plan", "Y called for a recount"); it attributes no fact.

Which verbs are cues and which uses of them state nothing ("did not say", "Did he say?",
"will say", "declined to comment") is in :mod:`._cues`. The speaker is the noun phrase right
before the cue, else the cue's subject with its apposition ("X, an aide, told NBC": source
X, ``recipient`` NBC), else a name after a clause-final cue; a participial cue (", saying
...", "..., adding that ...") takes the speaker of its clause. Pronoun speakers ("he said")
are kept as written in ``source_text`` and resolved across sentences by
:func:`._sources.resolve_pronouns`; a relative pronoun ("officials, who said") is named by
its noun. ``source_span``, ``cue_span`` and ``content_span`` give the offsets in the
sentence.

Source names are normalised: known outlets get their usual name ("The Moscow Times",
"Reuters", "AP", "Fox News"); a named source keeps its proper-noun core ("Russian state media
outlet TASS" -> "TASS", "Ukrainian President Volodymyr Zelenskiy" -> "Volodymyr
Zelenskiy"); an unnamed one stays a lower-case description ("a source familiar with the
intelligence", "the decree"). :func:`is_named` tells the two apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsdesk.facts._cue_model import load_model, may_hold_cue, stance_score
from newsdesk.facts._cues import cue_kind, cue_tokens, governing_verb, is_statement
from newsdesk.facts._nlp import head_of, parse
from newsdesk.records import Attribution

__all__ = [
    "Sourced",
    "canonical_source",
    "is_media",
    "is_named",
    "is_outlet",
    "is_shouted",
    "mentions_cue",
    "role_of_name",
    "same_outlet",
    "sentence_attributions",
    "sentence_sources",
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
_SPEAKING_PRONOUNS = frozenset("he she it they".split())
_QUOTED_SELF = frozenset("i we you me us".split())
"""Pronouns that stand for a speaker ("he said"); "this shows", "one says" do not."""

_NP_END = (
    r"(?=\s*(?:[,.;:!?)\]\"”]|$|\s(?:citing|that|which|who|as|on|at|in|and|but|published|"
    r"released|issued|seen|obtained|last|this|on)\b))"
)
_NP = r"(?P<src>[^,.;:!?()\"“”]{2,80}?)" + _NP_END
_ACCORDING_VIA = re.compile(
    r"\baccording\s+to\s+(?:an?\s+|the\s+)?(?P<what>translation|report|reporting|statement|"
    r"transcript|readout|summary|article|story|tally|count|ruling|decision|estimate|"
    r"assessment|survey|study|analysis|audit|figures|data|statistics)\s+"
    r"(?:from|by|of|in|on)\s+" + _NP,
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+" + _NP, re.IGNORECASE)
_CITING = re.compile(
    r"\b(?:citing|(?:which|who)\s+cit(?:ed|es))\s+(?:(?:an?|the)\s+(?:estimate|report|statement|"
    r"figures|data|survey|study|analysis|assessment)\s+(?:by|from|of)\s+)?" + _NP,
    re.IGNORECASE,
)
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


# ------------------------------------------------------------------ roles

ORG_WORDS = frozenset(
    """ministry department office agency authority authorities police council government
    centre center observatory institute hospital union federation association chamber
    company operator regulator court commission committee service bureau army military navy
    county municipality administration inspectorate board parliament cabinet embassy
    foundation university firm bank utility brigade prosecutor prosecutors kremlin pentagon
    secretariat directorate coastguard command headquarters survey""".split()
)
"""Head nouns of institutions: "the ministry said", "Kessen police said"."""
_AFFILIATION = ORG_WORDS - {"operator", "company", "firm", "service"}
"""Institution words that make a person an official ("a ministry spokesperson")."""
_ANONYMOUS = frozenset(
    """source sources insider insiders person people someone anyone official officials
    witness witnesses resident residents observer observers diplomat diplomats""".split()
)
_SPOKES = frozenset(
    """spokesman spokeswoman spokesperson spokespeople official officials representative
    representatives""".split()
)
_OFFICIAL = frozenset(
    """president minister secretary spokesman spokeswoman spokesperson chancellor general
    governor senator chief commander ceo chairman chairwoman chair director ambassador mayor
    king queen judge colonel lieutenant sergeant admiral captain prosecutor lawmaker official
    analyst adviser advisor economist engineer nurse doctor dr dr. investigator inspector
    seismologist scientist researcher professor coordinator manager officer superintendent
    commissioner councillor councilor head leader deputy harbourmaster harbormaster
    physician surgeon auditor aide""".split()
)
"""Role words of people who speak for an institution (not passers-by)."""
_ROLE_VERBS = frozenset(
    "chair head lead run coordinate direct represent manage oversee serve work".split()
)
_STOP_DESC = frozenset(
    "of with familiar close in at for from who that which on to by about".split()
)


@dataclass(frozen=True, slots=True)
class Sourced:
    """An attribution and the role of its source.

    ``role`` is ``outlet`` (a news outlet or agency), ``source`` (an institution or a person
    speaking for one), ``private`` (a named passer-by: "Ilse Marwin, a teacher") or
    ``anonymous`` ("a source familiar with ...", "officials", "the decree").
    """

    att: Attribution
    role: str
    org: str | None = None
    """The institution a person speaks for ("ministry spokesperson X" -> "the ministry")."""


def same_outlet(name: str, outlet: str | None) -> bool:
    """Is ``name`` the article's own outlet ("Courier" in the Northfield Courier)?"""
    if not outlet or not name:
        return False
    words = {w for w in re.findall(r"[\w&']+", name.casefold()) if w != "the"}
    mine = set(re.findall(r"[\w&']+", canonical_source(outlet).casefold()))
    mine |= set(re.findall(r"[\w&']+", outlet.casefold()))
    return bool(words) and words <= mine


def role_of_name(name: str) -> str:
    """The role of a source known only by its (canonical) name."""
    if not name:
        return "anonymous"
    if is_outlet(name) or (is_named(name) and is_media(name)):
        return "outlet"
    if is_named(name):
        return "source"
    return _description_role(name)


def _description_role(name: str) -> str:
    words = re.findall(r"[\w'’]+", name.lower())
    det = words[0] if words else ""
    if det in ("the", "a", "an", "its", "their", "his", "her", "our", "one", "two", "several"):
        words = words[1:]
    core: list[str] = []
    for w in words:
        if w in _STOP_DESC:
            break
        core.append(w)
    if not core:
        return "anonymous"
    head = core[-1]
    mods = set(core[:-1])
    if head in _SPOKES or head in _ANONYMOUS:
        return "source" if mods & _AFFILIATION else "anonymous"
    if head in ORG_WORDS and (det in ("the", "its", "their", "our") or head == "police"):
        return "source"
    if det == "" and head == "police":
        return "source"
    if head in _OFFICIAL and (det in ("the", "its", "their") or mods & _AFFILIATION):
        return "source"  # "the director of the town's hospital", "a hospital director"
    return "anonymous"


def _affiliation(head: Any, span: list[Any]) -> str | None:
    """The institution a named official speaks for, from the words around the name:
    "ministry spokesperson Dalia Orsen" -> "the ministry"; "X, director of Tarrow Bay General
    Hospital" -> "Tarrow Bay General Hospital"; "X, who chairs the Y Association" -> Y."""
    ids = {t.i for t in span}
    for child in head.children:
        if child.dep_ not in ("appos", "relcl", "acl", "prep") or child.i in ids:
            continue
        for tok in child.subtree:
            named = tok.dep_ == "pobj" and tok.head.lower_ in ("of", "at", "for", "with")
            chaired = (
                tok.dep_ == "dobj"
                and tok.head.lemma_.lower() in _ROLE_VERBS
                and tok.head.i > head.i
            )
            if (named or chaired) and (tok.pos_ == "PROPN" or tok.lower_ in ORG_WORDS):
                return _org_phrase(tok)
    before = [t for t in span if t.i < head.i and t.pos_ != "DET"]
    orgs = [
        t
        for t in before
        if t.lower_ in ORG_WORDS and any(o.lower_ in _OFFICIAL for o in before if o.i > t.i)
    ]  # "ministry spokesperson X", not "operator X" (X is the operator)
    if orgs:
        last = orgs[-1]
        words = [t.lower_ for t in before if t.i <= last.i and t.lower_ not in _OFFICIAL]
        return "the " + " ".join(words)
    return None


def _org_phrase(tok: Any) -> str:
    """ "the chamber", "Sarnhold Red Cross": a noun with its compound modifiers."""
    start = tok.i
    doc = tok.doc
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod", "poss", "case"):
        start -= 1
    words = str(doc[start : tok.i + 1].text)
    if tok.pos_ == "PROPN":
        return canonical_source(words)
    return "the " + words.lower()


def _person_role(head: Any, span: list[Any], source: str) -> str:
    """``source`` for an official or an institution, ``private`` for a described passer-by."""
    if any(w.lower() in ORG_WORDS for w in re.findall(r"[\w'’]+", source)):
        return "source"
    ids = {t.i for t in span}
    desc = [t for t in span if t.pos_ != "PROPN"]
    for child in head.children:
        if child.dep_ in ("appos", "relcl", "acl", "prep") and child.i not in ids:
            desc.extend(child.subtree)
    if not [t for t in desc if t.pos_ in ("NOUN", "VERB") or t.lower_ in _OFFICIAL]:
        return "source"  # a bare name: nothing says who it is
    if any(t.lower_ == "which" for t in desc):
        return "source"  # "Tessaly Freight, which operates the train": an organisation
    for tok in desc:
        word = tok.lower_
        if word in _OFFICIAL or word in _AFFILIATION:
            return "source"
        if word in ORG_WORDS and not any(c.dep_ == "compound" for c in tok.children):
            return "source"  # "operator Tessaly Freight" (but not "crane operator X")
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _ROLE_VERBS:
            return "source"
        if tok.dep_ == "pobj" and tok.pos_ == "PROPN" and tok.head.lower_ in ("of", "at", "for"):
            return "source"
    return "private"


_DATA_NOUNS = re.compile(
    r"\s+(?:figures|data|statistics|numbers|records|estimates?|tally|count)$", re.IGNORECASE
)
_NAMED_TAIL = re.compile(
    r"^(?P<desc>(?:the|a|an)\s+[a-z][a-z' -]*?)\s+(?P<name>(?:[A-Z][\w'’&.-]*\s?)+)$"
)
_APPOSED_NAME = re.compile(r"^(?:the|a|an)\s+[a-z][\w' -]*,\s+(?P<name>[A-Z][\w'’&. -]+)$")


def canonical_source(text: str) -> str:
    """A normalised source name for a noun phrase (see module docstring)."""
    phrase = re.sub(r"\s+", " ", text).strip(" ,.;:'\"“”‘’")
    phrase = re.sub(r"['’]s$", "", phrase)
    apposed = _APPOSED_NAME.match(phrase)
    if apposed:
        phrase = apposed.group("name").strip()  # "the operator, Tessaly Freight"
    tail = _NAMED_TAIL.match(phrase)
    if tail and tail.group("desc").split()[-1].lower() not in _SMALL:
        phrase = tail.group("name")  # "the grid operator Sarnhold Power" -> "Sarnhold Power"
    stripped = _DATA_NOUNS.sub("", phrase)  # "port authority figures" -> "port authority"
    if stripped != phrase and set(stripped.lower().split()) & ORG_WORDS:
        phrase = stripped
    for rx, name in _OUTLET_RES:
        if rx.search(phrase):
            return name
    words = phrase.split(" ")
    if words and words[0].lower() in ("the", "a", "an"):
        rest = words[1:]
        named = all(w[:1].isupper() or w in _SMALL for w in rest)
        if rest and rest[0][:1].isupper() and (named or rest[-1].lower() in ORG_WORDS):
            return " ".join(rest)  # "the Holm County emergency management office"
        return " ".join([words[0].lower(), *rest])
    return phrase


_SMALL = frozenset({"of", "for", "and", "the", "on", "in", "de"})


def sentence_attributions(index: int, sentence: str) -> list[Attribution]:
    """Every attribution in one sentence, in order of appearance."""
    return [s.att for s in sentence_sources(index, sentence)]


def is_shouted(sentence: str) -> bool:
    """Is the sentence in capitals (a headline or promo line, not body prose)?"""
    letters = "".join(filter(str.isalpha, sentence))
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


def sentence_sources(index: int, sentence: str) -> list[Sourced]:
    """Every attribution in one sentence with the role of its source, in order.

    A sentence in capitals (a headline or promo line left in the body) attributes nothing.
    """
    if is_shouted(sentence):
        return []
    found: list[tuple[int, Attribution, str, str | None]] = []
    found += [(p, a, role_of_name(a.source), None) for p, a in _wire(index, sentence)]
    found += [(p, a, role_of_name(a.source), None) for p, a in _according(index, sentence)]
    found += _verbal(index, sentence)
    others = [item[1] for item in found]
    found += [(p, a, role_of_name(a.source), None) for p, a in _citing(index, sentence, others)]
    found.sort(key=lambda item: item[0])
    return [Sourced(a, role, org) for _, a, role, org in found]


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


_CUE_HEAD = re.compile(r"according\s+to|citing|(?:which|who)\s+cit(?:ed|es)", re.IGNORECASE)


def _matched(
    index: int, s: str, m: re.Match[str], source: str, kind: str, via: str | None = None
) -> tuple[int, Attribution]:
    """An attribution found by a pattern with a ``src`` group, with its spans: the content is
    the longer side of the sentence around the match."""
    head = _CUE_HEAD.match(s, m.start())
    cue_end = head.end() if head else m.start("src")
    before = _stretch(s, (0, m.start()))
    after = _stretch(s, (m.end(), len(s)))
    content_span = before[1] if len(before[0]) > len(after[0]) else after[1]
    src_text = m.group("src").strip()
    src_start = m.start("src") + m.group("src").index(src_text) if src_text else m.start("src")
    att = Attribution(
        source,
        m.group().strip(),
        _without(s, m.start(), m.end()),
        index,
        kind=kind,
        via=via,
        source_text=src_text,
        source_span=(src_start, src_start + len(src_text)),
        cue_span=(m.start(), cue_end),
        content_span=content_span,
    )
    return m.start(), att


def _according(index: int, s: str) -> list[tuple[int, Attribution]]:
    out: list[tuple[int, Attribution]] = []
    taken: list[tuple[int, int]] = []
    for m in _ACCORDING_VIA.finditer(s):
        kind = "translation" if m.group("what").lower() == "translation" else "according_to"
        out.append(_matched(index, s, m, canonical_source(m.group("src")), kind))
        taken.append((m.start(), m.end()))
    for m in _ACCORDING.finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append(_matched(index, s, m, canonical_source(_apposed(s, m)), "according_to"))
    return out


_APPOSITION = re.compile(r",\s+(?P<name>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*)\s*(?:[,.;)]|$)")


def _apposed(s: str, m: re.Match[str]) -> str:
    """ "citing the operator, Tessaly Freight." -> "Tessaly Freight"."""
    src = m.group("src")
    after = _APPOSITION.match(s, m.end())
    if after and not is_named(src.strip()):
        return after.group("name")
    return src


def _citing(index: int, s: str, others: list[Attribution]) -> list[tuple[int, Attribution]]:
    out: list[tuple[int, Attribution]] = []
    relays = [a.source for a in others if is_named(a.source)]
    for m in _CITING.finditer(s):
        src = canonical_source(_apposed(s, m))
        out.append(_matched(index, s, m, src, "citing", relays[-1] if relays else None))
    return out


_CUE_WORD = re.compile(
    r"\b(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|report\w*|stat(?:e|es|ed|ing)|"
    r"announc\w*|declar\w*|wr(?:ite|ites|ote|itten)|tweet\w*|testif\w*|claim\w*|"
    r"add(?:s|ed|ing)|not(?:e|es|ed|ing)|warn\w*|confirm\w*|estimat\w*|assess\w*|insist\w*|"
    r"den(?:y|ies|ied)|alleg\w*|acknowledg\w*|explain\w*|argu\w*|predict\w*|disclos\w*|"
    r"reveal\w*|conclud\w*|f(?:ind|inds|ound)|stress\w*|measur\w*|record\w*|count\w*|"
    r"tall(?:y|ied|ies)|put)\b",
    re.IGNORECASE,
)
"""Words of the hand-listed cues; the learned model adds the words it has seen as cues
(:func:`._cue_model.may_hold_cue`)."""


def mentions_cue(sentence: str) -> bool:
    """Could the sentence hold a reporting verb or a learned cue (so that it needs a parse)?"""
    return _CUE_WORD.search(sentence) is not None or may_hold_cue(sentence)


def _stance(tok: Any) -> str | None:
    """``stance`` for a verb the learned model takes for a cue ("criticized", "called for")."""
    model = load_model()
    if model is None or tok.pos_ != "VERB" or stance_score(tok) < model.threshold:
        return None
    return "stance"


def _offsets(tokens: list[Any]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _verbal(index: int, s: str) -> list[tuple[int, Attribution, str, str | None]]:
    if not mentions_cue(s):
        return []
    doc = parse(s)
    out: list[tuple[int, Attribution, str, str | None]] = []
    for tok in doc:
        kind = cue_kind(tok) or _stance(tok)
        if kind is None or not is_statement(tok):
            continue
        speaker = _speaker(governing_verb(tok))
        if speaker is None:
            continue
        written, naming = speaker
        if written[0].lower_ in _QUOTED_SELF:
            continue  # "I think", "we believe": a quotation's own words, its speaker is outside
        source = _source_name(naming)
        if source is None:
            continue
        role = _role(naming, source)
        if kind == "figure":
            if role not in ("source", "outlet"):
                continue  # "Temperatures recorded 40C" names no source
            kind = "said"
        recipient = _told_whom(tok) if kind == "told" else None
        via = recipient if recipient and is_named(recipient) and is_media(recipient) else None
        content, content_span = _content(doc, tok, written, s)
        cue = cue_tokens(tok)
        att = Attribution(
            source,
            _span_text(cue),
            content,
            index,
            kind=kind,
            via=via,
            source_text=_span_text(written),
            recipient=recipient,
            source_span=_offsets(written),
            cue_span=_offsets(cue),
            content_span=content_span,
        )
        org = (
            _affiliation(head_of(naming), naming) if role == "source" and is_named(source) else None
        )
        out.append((written[0].idx, att, role, org))
    return out


def _role(span: list[Any], source: str) -> str:
    role = role_of_name(source)
    if role != "source" or not is_named(source):
        return role
    return _person_role(head_of(span), span, source)


_SKIP_BEFORE_VERB = frozenset({"AUX", "ADV", "PART"})
_SEGMENT_BREAK = frozenset({",", ";", "—", "–", "(", ")", "“", "”", '"', ":"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_LEADING = frozenset({"SCONJ", "ADP", "ADV", "CCONJ", "PUNCT", "SYM", "X"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})

Speaker = tuple[list[Any], list[Any]]
"""The speaker's tokens as written ("Ola Brenn, an aide,"; "he"; "who") and the tokens
that name it ("Ola Brenn"; "he"; the noun phrase a relative pronoun stands for)."""


def _speaker(verb: Any) -> Speaker | None:
    """Who speaks through ``verb``: the agent of a passive cue ("was reported by X"), the
    noun phrase right before the cue (", a source familiar with the document told Reuters"),
    the dependency subject with its apposition ("X, an aide, told NBC" -> X), or a name
    right after a clause-final cue ("..., said Ola Brenn.")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        return (list(obj.subtree), list(obj.subtree)) if obj is not None else None
    left = _left_segment(verb)
    if left:
        return left, left
    dep = _dep_subject(verb)
    if dep is not None:
        return _subject_tokens(dep)
    inverted = _inverted_subject(verb)
    return (inverted, inverted) if inverted else None


def _subject_tokens(dep: Any) -> Speaker:
    doc = dep.doc
    if dep.lower_ in _RELATIVE and dep.head.dep_ == "relcl":
        noun = dep.head.head  # "officials, who said ..." -> "officials"
        start = noun.left_edge.i
        return [dep], [t for t in doc[start : noun.i + 1] if t.i < dep.i]
    if dep.pos_ == "PRON":
        return [dep], [dep]
    written = list(doc[dep.left_edge.i : dep.right_edge.i + 1])
    clause = next(
        (c for c in dep.children if c.i > dep.i and c.dep_ in ("relcl", "acl", "advcl")), None
    )
    if clause is not None and (dep.i > dep.head.i or _holds_cue(clause)):
        # "..., said X, who spoke on condition of anonymity" (a subject before its cue keeps
        # its clause: "X, who grew up here, said"), "X, who said ..., told" (its own cue)
        written = [t for t in written if t.i < clause.left_edge.i]
        while len(written) > 1 and written[-1].is_punct:
            written.pop()
    sub = list(dep.subtree)
    cut = next((i for i, t in enumerate(sub) if t.i > dep.i and t.text in (",", "(")), None)
    return written, (sub[:cut] if cut is not None else sub)


def _holds_cue(clause: Any) -> bool:
    return any(cue_kind(t) is not None for t in clause.subtree)


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
    while len(segment) > 1 and segment[0].pos_ in _LEADING:
        segment = segment[1:]  # "When Trump", "after BuzzFeed", "even Graham"
    return segment


def _dep_subject(verb: Any) -> Any:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    named = [c for c in subjects if c.pos_ in ("NOUN", "PROPN", "PRON")]
    if named or subjects:
        return (named or subjects)[-1]  # "harbourmaster/VB Signe Tolland/nsubj told"
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return _dep_subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    return None


def _span_text(tokens: list[Any]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


def _source_name(span: list[Any]) -> str | None:
    head = head_of(span)
    if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
        # a pronoun is kept as written, resolved across sentences (see ._sources)
        return head.lower_ if head.lower_ in _SPEAKING_PRONOUNS else None
    text = _span_text(span)
    canonical = canonical_source(text)
    if is_outlet(canonical):
        return canonical
    if "&" in text and all(t.pos_ == "PROPN" or t.text == "&" for t in span if t.pos_ != "DET"):
        return canonical  # "Hale & Dorne Machine Works"
    if head.pos_ == "NOUN" and head.lower_ in ORG_WORDS and span[0].pos_ == "PROPN":
        return canonical  # "Kessen police"
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
    lt. sergeant admiral captain prosecutor lawmaker official analyst adviser advisor
    councillor councilor commissioner inspector superintendent""".split()
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
    while start < len(run) and (
        run[start].pos_ != "PROPN"
        or run[start].lower_ in _TITLES
        or not run[start].text[:1].isupper()
    ):
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
    """Whom a source spoke to ("told Reuters" -> Reuters, "told reporters" -> reporters)."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj", "npadvmod", "obj") and child.pos_ in (
            "PROPN",
            "NOUN",
            "PRON",
        ):
            return canonical_source(_span_text(list(child.subtree)))
    return None


def _content(doc: Any, verb: Any, written: list[Any], s: str) -> tuple[str, tuple[int, int]]:
    """What the source says and where: the reported clause, else the rest of the sentence
    after the cue, else the part before the speaker."""
    ids = {t.i for t in written}
    comp = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is not None and not ids & {t.i for t in comp.subtree}:
        tokens = list(doc[comp.left_edge.i : comp.right_edge.i + 1])
        return _stretch(s, _offsets(tokens))
    last = max(verb.i, *(t.i for t in written))
    if len(doc) - last > 4:
        return _stretch(s, (doc[last + 1].idx, len(s)))
    first = min(verb.i, written[0].i)
    if first > 0:
        return _stretch(s, (0, doc[first].idx))
    return _stretch(s, (0, len(s)))


_EDGE = " ,.;:—–-"


def _stretch(s: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """``s[start:end]`` without the commas and spaces at its edges, with its offsets."""
    start, end = span
    while start < end and s[start] in _EDGE:
        start += 1
    while end > start and s[end - 1] in _EDGE:
        end -= 1
    return s[start:end], (start, end)
