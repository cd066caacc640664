"""Who each sentence of an article relies on, read across sentences.

Per sentence, :func:`._attribution.sentence_sources` finds the attributions. This module
turns them into the ordered source chain of every sentence (``Fact.attributed_to``) and the
article's primary sources, using what one sentence cannot see:

* **order**: the speaker comes first ("..., the ministry said" in a wire story credited
  "(Wire) -" gives ``("the ministry", "Wire")``); an anonymous speaker is replaced by the
  outlet it spoke to ("a source ... told Reuters" -> ``Reuters``); relaying outlets ("according
  to Wire, citing the ministry") follow the source they relay;
* **own outlet**: an article's own outlet ("told the Valley Post" in the Valley Post) is no
  source of its own; a wire credit still dates from the wire, so it is kept;
* **coreference**: "Maddox" after "Fire chief Ruth Maddox" is Ruth Maddox; "the ministry"
  or "the regional emergency ministry" after "the Sarnhold regional emergency ministry" is
  that ministry (same head noun, modifiers contained in the full name);
* **quotes over several sentences**: every sentence of a quotation gets its speaker
  ("“We lived here 40 years. Now we have two bags,” said X"); a quotation that follows a
  quoted speaker without naming one continues that speaker;
* **anaphora**: a sentence that opens with "The statistic/figure/estimate/number/tally/
  toll/count ..." or "That figure", "Those numbers" attributes the previous sentence's figures
  too ("The statistic was highlighted in a ... report, a source told Reuters");
* **wire credit**: "CITY (Wire) -" attributes every otherwise unattributed sentence;
* **pronouns** (:func:`resolve_pronouns`): "he said" is the latest person named in the last
  three sentences, "it/they said" the latest institution; ``stance`` attributions make no
  chain and no primary source.

Primary sources are the outlets relied on (other than the article's own) and the sources
that are institutions or people speaking for one; passers-by ("Ilse Marwin, a teacher")
and anonymous sources are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from newsdesk.facts._attribution import (
    ORG_WORDS,
    Sourced,
    canonical_source,
    is_media,
    is_named,
    same_outlet,
)

__all__ = ["ArticleSources", "article_sources", "resolve_pronouns"]

Chain = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleSources:
    chains: dict[int, Chain]
    """Sentence index -> named sources of its facts, the primary one first."""
    primary: list[str]
    """The article's primary sources, in order of first appearance."""


_ANAPHOR = re.compile(
    r"^\W*(?:the|that|this|those|these|such|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:statistics?|figures?|estimates?|numbers?|tall(?:y|ies)|tolls?|counts?|totals?|data|"
    r"assessments?|projections?)\b",
    re.IGNORECASE,
)
_QUOTE_SPEECH = frozenset({"said", "told"})


def article_sources(
    texts: Sequence[str], per_sentence: Sequence[list[Sourced]], outlet: str | None
) -> ArticleSources:
    """Source chains and primary sources of an article's sentences (``texts`` in order)."""
    resolve, roles = _resolver(texts, per_sentence)
    own = [_own_chain(found, outlet, resolve) for found in per_sentence]
    chains = _with_quotes(texts, per_sentence, own)
    chains = _with_anaphora(texts, chains)
    wire = _wire_credit(per_sentence)
    out = {i: chain or wire for i, chain in enumerate(chains)}
    return ArticleSources(out, _primary(per_sentence, outlet, resolve, roles))


def _dedupe(names: Sequence[str]) -> Chain:
    return tuple(dict.fromkeys(n for n in names if n))


def _own_chain(found: list[Sourced], outlet: str | None, resolve: Callable[[str], str]) -> Chain:
    first: list[str] = []
    speakers: list[str] = []
    relays: list[str] = []
    wires: list[str] = []
    for item in found:
        att = item.att
        if att.kind == "stance":
            continue  # a position taken, not a statement the sentence relies on
        if att.kind == "wire":
            wires.append(att.source)
            continue
        via = (
            att.via if att.via and is_media(att.via) and not same_outlet(att.via, outlet) else None
        )
        if item.role == "anonymous":
            first.extend([via] if via else [])
        elif item.role == "outlet":
            relays.extend([] if same_outlet(att.source, outlet) else [att.source])
        else:
            if item.org:
                speakers.append(resolve(item.org))
            speakers.append(resolve(att.source))
            relays.extend([via] if via else [])
    return _dedupe(first + speakers + relays + wires)


def _wire_credit(per_sentence: Sequence[list[Sourced]]) -> Chain:
    return _dedupe([s.att.source for found in per_sentence for s in found if s.att.kind == "wire"])


# ------------------------------------------------------------------ coreference


_STOP = frozenset("of with in at for from who that which on to by".split())
_DETS = frozenset("the a an its their his her our".split())


_ORG_NAME = re.compile(r"\b(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|&)\s+(?:the\s+)?)?)+[A-Z][\w'’.-]*")


_PLACES = frozenset({"county", "municipality"})


def _name_head(name: str) -> str:
    """The head word of a name: "Chamber" in "Calvane Chamber of Commerce"."""
    words = name.lower().split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1] if words else ""


def _org_names(texts: Sequence[str]) -> list[str]:
    """Capitalised names that end in an institution word ("Calvane Terminal Operators'
    Association", "Port of Calvane Authority")."""
    out: list[str] = []
    for text in texts:
        for m in _ORG_NAME.finditer(text):
            name = canonical_source(m.group())
            head = _name_head(name)
            if head in ORG_WORDS and head not in _PLACES and name not in out:
                out.append(name)
    return out


def _resolver(
    texts: Sequence[str], per_sentence: Sequence[list[Sourced]]
) -> tuple[Callable[[str], str], dict[str, str]]:
    """Map short mentions to the full names of the article, and remember their roles."""
    roles: dict[str, str] = {}
    for found in per_sentence:
        for s in found:
            roles.setdefault(s.att.source, s.role)
    full = [n for n in roles if is_named(n) and len(n.split()) >= 2]
    full += [n for n in _org_names(texts) if n not in full]

    def resolve(name: str) -> str:
        if is_named(name) and " " not in name:
            return next((f for f in full if f.split()[-1] == name), name)
        if is_named(name):
            return name
        head, mods = _description(name)
        if not head:
            return name
        for f in full:
            words = {w.lower() for w in re.findall(r"[\w'’]+", f)}
            if _name_head(f) == head and mods <= words:
                return f
        return name

    return resolve, roles


def _description(name: str) -> tuple[str, set[str]]:
    """Head noun and modifiers of a definite description ("the regional emergency ministry");
    none for an indefinite one or one with its own qualifier ("the ministry in Lenholm")."""
    words = [w.lower() for w in re.findall(r"[\w'’]+", name)]
    if not words or words[0] not in _DETS or words[0] in ("a", "an"):
        return "", set()
    core = words[1:]
    if not core or any(w in _STOP for w in core):
        return "", set()
    mods = {w for w in core[:-1] if not w.endswith(("'", "’", "'s", "’s"))}
    return core[-1], mods


# ------------------------------------------------------------------ across sentences


def _quote_marks(texts: Sequence[str]) -> list[tuple[bool, bool]]:
    """For each sentence: does it start inside a quotation, does it end inside one?"""
    out: list[tuple[bool, bool]] = []
    inside = False
    for text in texts:
        start = inside
        for ch in text:
            if ch == "“":
                inside = True
            elif ch == "”":
                inside = False
            elif ch == '"':
                inside = not inside
        out.append((start, inside))
    return out


def _speaks(found: list[Sourced]) -> bool:
    return any(s.att.kind in _QUOTE_SPEECH and s.role != "anonymous" for s in found)


def _with_quotes(
    texts: Sequence[str], per_sentence: Sequence[list[Sourced]], chains: list[Chain]
) -> list[Chain]:
    out = list(chains)
    marks = _quote_marks(texts)
    runs: list[list[int]] = []
    for i, (start, _) in enumerate(marks):
        if start and runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        speaker = next((chains[i] for i in run if chains[i] and _speaks(per_sentence[i])), None)
        if speaker is not None:
            for i in run:
                out[i] = out[i] or speaker
    for i in range(1, len(texts)):
        opens_quote = texts[i].lstrip()[:1] in ("“", '"')
        if opens_quote and not out[i] and _speaks(per_sentence[i - 1]) and "”" in texts[i - 1]:
            out[i] = out[i - 1]  # "“...,” Orsen said. “We cannot rule out ...”"
    return out


def _with_anaphora(texts: Sequence[str], chains: list[Chain]) -> list[Chain]:
    out = list(chains)
    for i in range(1, len(texts)):
        if chains[i] and not chains[i - 1] and _ANAPHOR.match(texts[i]):
            out[i - 1] = chains[i]
    return out


# ------------------------------------------------------------------ primary sources


def _primary(
    per_sentence: Sequence[list[Sourced]],
    outlet: str | None,
    resolve: Callable[[str], str],
    roles: dict[str, str],
) -> list[str]:
    seen: list[str] = []
    for found in per_sentence:
        for s in found:
            for name in _relied_on(s, outlet, resolve, roles):
                if name not in seen:
                    seen.append(name)
    return seen


def _relied_on(
    s: Sourced, outlet: str | None, resolve: Callable[[str], str], roles: dict[str, str]
) -> list[str]:
    att = s.att
    names: list[str] = []
    if att.kind == "stance":
        return names
    if att.kind == "wire" or s.role == "outlet":
        if is_named(att.source) and not same_outlet(att.source, outlet):
            names.append(att.source)
    elif s.role == "source":
        full = resolve(att.source)
        if s.org:
            names.append(resolve(s.org))
        if roles.get(full, "source") == "source":
            names.append(full)
    if att.via and is_media(att.via) and not same_outlet(att.via, outlet):
        names.append(att.via)
    return names


# ------------------------------------------------------------------ pronouns


_HE_SHE = frozenset({"he", "she"})
_BODY = frozenset({"it", "they"})
_LOOKBACK = 3
"""How many sentences back a pronoun's referent may be."""
_NAME = re.compile(
    r"\b(?:(?P<title>Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.?\s+)?"
    r"(?P<name>[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){0,2})"
)
_FEMALE = frozenset({"mrs", "ms"})
_MALE = frozenset({"mr"})


@dataclass(frozen=True, slots=True)
class _Referent:
    name: str
    role: str
    org: str | None
    sentence: int
    gender: str | None = None
    person: bool = True


def resolve_pronouns(
    texts: Sequence[str], per_sentence: Sequence[list[Sourced]]
) -> list[list[Sourced]]:
    """Each pronoun source ("he said", "they told reporters") resolved to the person or body
    it refers to: the latest named source of the last few sentences (a person for "he"/"she",
    an institution or outlet for "it", either for "they"), else for "he"/"she" the latest
    person's name written in them ("Mr. Tolland", "Ola Brenn"). The pronoun stays in
    ``source_text``; an unresolved one keeps its anonymous role."""
    seen: list[_Referent] = []
    out: list[list[Sourced]] = []
    for i, found in enumerate(per_sentence):
        resolved: list[Sourced] = []
        for s in found:
            att = s.att
            if att.source in _HE_SHE or att.source in _BODY:
                ref = _referent(att.source, i, seen, texts)
                if ref is not None:
                    s = Sourced(replace(att, source=ref.name), ref.role, ref.org)
            elif is_named(att.source) or s.role == "source":
                seen.append(
                    _Referent(
                        att.source,
                        s.role,
                        s.org,
                        i,
                        _gender(att.source_text),
                        _is_person(att.source, s.role),
                    )
                )
            resolved.append(s)
        out.append(resolved)
    return out


def _is_person(name: str, role: str) -> bool:
    words = {w.lower() for w in re.findall(r"[\w'’]+", name)}
    return role != "outlet" and not words & ORG_WORDS


def _gender(written: str) -> str | None:
    words = written.replace(".", " ").split()
    title = words[0].lower() if words else ""
    return "she" if title in _FEMALE else "he" if title in _MALE else None


def _referent(
    pronoun: str, i: int, seen: list[_Referent], texts: Sequence[str]
) -> _Referent | None:
    recent = [r for r in reversed(seen) if i - r.sentence <= _LOOKBACK]
    for r in recent:
        if pronoun in _HE_SHE and r.person and r.gender in (None, pronoun):
            return r
        if pronoun == "it" and not r.person:
            return r
        if pronoun == "they":
            return r if not r.person else None
    if pronoun not in _HE_SHE:
        return _body_in(texts, i)
    for j in range(i, max(-1, i - _LOOKBACK - 1), -1):
        names = [m for m in _NAME.finditer(texts[j]) if _person_like(m)]
        for m in reversed(names):
            title = (m.group("title") or "").lower()
            gender = "she" if title in _FEMALE else "he" if title in _MALE else None
            if gender in (None, pronoun):
                return _Referent(canonical_source(m.group("name")), "source", None, j, gender)
    return None


def _person_like(m: re.Match[str]) -> bool:
    """A titled surname ("Mr. Tolland") or a two- or three-word name with no institution
    word and not at a sentence start alone ("The", "But" are not names)."""
    words = m.group("name").split()
    if m.group("title"):
        return True
    return len(words) >= 2 and not {w.lower() for w in words} & (ORG_WORDS | _NOT_NAMES)


_NOT_NAMES = frozenset(
    """the a an but and in on at of for he she it they we this that these those there when
    after before while if as new united north south east west street avenue road county city
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


_BODY_DESC = re.compile(
    r"\b(?:the|The)\s+(?:[\w'’-]+\s+){0,3}?(?P<head>"
    + "|".join(sorted(ORG_WORDS - _PLACES))
    + r")\b"
)


def _body_in(texts: Sequence[str], i: int) -> _Referent | None:
    """The latest institution written in the last few sentences ("the Korvel water
    authority", "Port of Calvane Authority"), for "it" and "they"."""
    for j in range(i - 1, max(-1, i - _LOOKBACK - 1), -1):
        found = [(m.start(), canonical_source(m.group())) for m in _BODY_DESC.finditer(texts[j])]
        found += [(texts[j].find(n), n) for n in _org_names([texts[j]])]
        if found:
            name = max(found)[1]
            return _Referent(name, "source", None, j, person=False)
    return None
