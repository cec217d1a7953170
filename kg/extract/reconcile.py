"""Cross-source reconciliation: several articles, one node per thing.

Identifiers are minted from what a fact is (a visit from its first day, guest
and host; talks from their day or visit and participants), so two articles
about one visit already meet on the same IRIs. What can still differ between
them is handled here, before the graph is written:

* a person's name: one article writes "Tô Lâm", another "To Lam"; the key
  is the same (diacritics folded), and the graph gets one ``foaf:name``, the
  spelling with the most diacritics (ties: the most frequent, then the first
  in sort order);
* a visit's details: one article states the type or the last day, the other
  does not; each source's record of the visit gets the stated ones;
* an undated visit ("est arrivé mardi à Hanoï") is the dated visit of the
  same guest to the same host that another article reports, when the
  articles are at most :data:`WINDOW_DAYS` days apart.

>>> from kg.extract import extract_files                    # doctest: +SKIP
>>> a, b = extract_files(["one.txt", "other.txt"])         # doctest: +SKIP
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import date

from ..graph import facts as F

WINDOW_DAYS = 31


def _marks(name: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", name) if unicodedata.combining(c))


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    parts = (iso.split("-") + ["01", "01"])[:3]
    try:
        return date(*map(int, parts))
    except ValueError:
        return None


def _names(extractions: list[F.Extraction]) -> None:
    seen: dict[str, Counter] = {}
    for ex in extractions:
        for key, p in ex.persons.items():
            seen.setdefault(key, Counter())[p.name] += 1
    best = {k: sorted(c, key=lambda n: (-_marks(n), -c[n], n))[0] for k, c in seen.items()}
    for ex in extractions:
        for key, p in ex.persons.items():
            if p.name != best[key]:
                ex.persons[key] = replace(p, name=best[key])


def _rekey(ex: F.Extraction, old: tuple, new: tuple) -> None:
    ex.facts = [replace(f, visit=new) if getattr(f, "visit", None) == old else f for f in ex.facts]


def _visits(extractions: list[F.Extraction]) -> None:
    dated: dict[tuple, list[F.Visit]] = {}
    for ex in extractions:
        for v in ex.of(F.Visit):
            if v.start:
                dated.setdefault(v.key, []).append(v)
    # An undated visit takes the date of the same guest's visit to the same host nearby in time.
    for ex in extractions:
        day = _day(ex.source.date)
        for i, v in enumerate(ex.facts):
            if not isinstance(v, F.Visit) or v.start or v.status != "happened" or day is None:
                continue
            near = sorted((k for k in dated if k[1:] == (v.guest, v.host_state)
                           and abs((_day(k[0]) - day).days) <= WINDOW_DAYS),
                          key=lambda k: abs((_day(k[0]) - day).days))
            if near:
                k = near[0]
                ex.facts[i] = replace(v, start=k[0])
                _rekey(ex, v.key, k)
                dated[k].append(ex.facts[i])
    # What one source states about a visit, the others' records of it get too.
    for ex in extractions:
        for i, v in enumerate(ex.facts):
            if not isinstance(v, F.Visit) or not v.start or len(dated.get(v.key, [])) < 2:
                continue
            same = dated[v.key]
            types = sorted({o.type for o in same if o.type != "unspecified"})
            ends = sorted({o.end for o in same if o.end})
            hosts = sorted({o.invited_by for o in same if o.invited_by})
            ex.facts[i] = replace(v, type=v.type if v.type != "unspecified" or len(types) != 1 else types[0],
                                  end=v.end or (ends[-1] if ends else None),
                                  invited_by=v.invited_by or (hosts[0] if len(hosts) == 1 else None))


def reconcile(extractions: list[F.Extraction]) -> list[F.Extraction]:
    """Make several articles' extractions agree on shared things (in place)."""
    if len(extractions) > 1:
        _visits(extractions)
        for ex in extractions:      # a reconciled inviter may be new to an article
            for f in ex.of(F.Visit):
                if f.invited_by and f.invited_by not in ex.persons:
                    other = next(e.persons[f.invited_by] for e in extractions if f.invited_by in e.persons)
                    ex.persons[f.invited_by] = other
        _names(extractions)
    return extractions
