"""Event frames of encounters, read from the spaCy dependency parse.

A frame is a trigger (« s'entretenir », « entretien(s) », « pourparlers »,
« discussion(s) », « négociation(s) » for talks; « rencontrer », « recevoir
», « rencontre », « audience » for a meeting) and its participants, each a
character span in the article:

- ``subject``: the verb's ``nsubj`` / ``nsubj:pass`` (not the reflexive
  clitic the parser takes for one now and then); a verb without one takes the
  subject of the verb it is coordinated with or subordinate to (``conj``,
  ``advcl``, ``xcomp``): « X s'est entretenu avec A, puis a rencontré B »;
  a noun that is the object of a light verb (« X a eu des entretiens avec
  A ») takes that verb's subject;
- ``objects``: the verb's ``obj``;
- ``with_``: an ``obl`` / ``nmod`` introduced by « avec » (of the noun, or
  of its light verb, where the parser often hangs it);
- ``agent``: ``obl:agent`` or an ``obl`` introduced by « par » (« a été
  reçu par B »);
- ``between``: an ``nmod`` / ``obl`` introduced by « entre » (« les
  négociations entre A et B »).

A participant is its head token's subtree, without its coordinated members
(``conj``), which are participants of their own.

>>> from kg.extract.nlp import sentences                           # doctest: +SKIP
>>> s = sentences("M. Karl Olsen a été reçu par le roi Harald.")[0]  # doctest: +SKIP
>>> [(f.kind, [s.text[a:b] for a, b in f.agent]) for f in frames(s)]  # doctest: +SKIP
[('meeting', ['le roi Harald'])]
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .nlp import Sentence

Span = tuple[int, int]

_TALK_NOUNS = {"entretien", "pourparlers", "pourparler", "discussion", "négociation"}
_MEET_VERBS = {"rencontrer", "recevoir"}
_MEET_NOUNS = {"rencontre", "audience"}
_REFLEXIVE = {"se", "s'", "s’"}
_LIGHT = {"avoir", "mener", "tenir", "accorder", "poursuivre", "engager", "entamer"}
_PREDICATE_LINKS = {"conj", "advcl", "xcomp"}


@dataclass(frozen=True)
class Frame:
    kind: str                   # "talks" or "meeting"
    trigger_index: int          # the trigger's token index in the sentence's Doc
    subject: list[Span] = field(default_factory=list)
    objects: list[Span] = field(default_factory=list)
    with_: list[Span] = field(default_factory=list)
    agent: list[Span] = field(default_factory=list)
    between: list[Span] = field(default_factory=list)


def _kind(t) -> str | None:
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN":
        # the lemmatiser leaves some plurals whole (« pourparlers », « entretiens »)
        base = lemma if lemma in _TALK_NOUNS | _MEET_NOUNS else t.lower_.rstrip("s")
        return "talks" if base in _TALK_NOUNS else "meeting" if base in _MEET_NOUNS else None
    if t.pos_ in {"VERB", "AUX"}:
        if lemma == "entretenir" and any(c.lower_ in _REFLEXIVE for c in t.children):
            return "talks"
        if lemma in _MEET_VERBS:
            return "meeting"
    return None


def _case(t) -> str | None:
    return next((c.lower_ for c in t.children if c.dep_ == "case"), None)


def _members(t) -> list:
    """``t`` and the members coordinated with it (« A, B et C »)."""
    out, todo = [], [t]
    while todo:
        x = todo.pop(0)
        out.append(x)
        todo += [c for c in x.children if c.dep_ == "conj"]
    return out


def _span(s: Sentence, t) -> Span:
    """The article span of ``t``'s subtree without its conjuncts (cut before
    the first), case marker and edge punctuation; a conjunct takes back the
    name the parser hung on the first member after it (« entre M. A et Mme B
    C »: « C » under « M. »)."""
    skip = {d.i for c in t.children if c.dep_ in {"conj", "cc"} for d in c.subtree}
    toks = [d for d in t.subtree if d.i not in skip and not (d.head.i == t.i and d.dep_ in {"case", "punct"})]
    cut = min((c.i for c in t.children if c.dep_ == "conj"), default=None)
    if cut is not None:
        toks = [d for d in toks if d.i < cut] or toks
    if t.dep_ == "conj":
        toks += [d for c in t.head.children if c.dep_ in {"appos", "flat:name"} and c.i > t.i for d in c.subtree]
        toks.sort(key=lambda d: d.i)
    return s.start + toks[0].idx, s.start + toks[-1].idx + len(toks[-1].text)


def _participants(s: Sentence, heads) -> list[Span]:
    return [_span(s, m) for h in heads for m in _members(h)]


def _subject(t, seen=()) -> list:
    """The subject heads of predicate ``t``: its own, else its governing predicate's."""
    own = [c for c in t.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ not in _REFLEXIVE]
    if own:
        return own
    if t.i in seen or t.head.i == t.i:
        return []
    if t.dep_ in _PREDICATE_LINKS or t.pos_ == "NOUN" and t.dep_ == "obj" and t.head.lemma_ in _LIGHT:
        return _subject(t.head, seen + (t.i,))
    return []


def frames(s: Sentence) -> list[Frame]:
    """The encounter frames of sentence ``s``, in the order of their triggers."""
    out = []
    for t in s.doc:
        kind = _kind(t)
        if kind is None:
            continue
        # « a eu des entretiens avec A »: the parser hangs « avec A » on the light verb
        light = t.head if t.pos_ == "NOUN" and t.dep_ == "obj" and t.head.lemma_ in _LIGHT else None
        obls = [c for x in (t, light) if x is not None for c in x.children if c.dep_.split(":")[0] in {"obl", "nmod"}]
        out.append(Frame(
            kind, t.i,
            subject=_participants(s, _subject(t)) if t.pos_ != "NOUN" or light is not None else [],
            objects=_participants(s, [c for c in t.children if c.dep_ == "obj"]) if t.pos_ != "NOUN" else [],
            with_=_participants(s, [c for c in obls if _case(c) == "avec"]),
            agent=_participants(s, [c for c in obls if c.dep_ == "obl:agent" or _case(c) == "par"]),
            between=_participants(s, [c for c in obls if _case(c) == "entre"])))
    return out
