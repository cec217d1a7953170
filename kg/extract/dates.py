"""Dates: the days and months a sentence names, as ISO dates.

Reads "du 3 au 5 mai", "les 8 et 9 juin", "le 4 mars 2024" (the day after a
verb of beginning, "entamée le 6 mai", or of ending, "a conclu le 8 mai",
says which end of a visit it is), weekdays ("lundi", "a conclu mercredi")
counted from the article's date, and "en octobre 2011" or "en 2017". The
rules of the other kinds call these to date what they read.
"""
from __future__ import annotations

import re

from .common import _MONTH, MONTHS, ReaderBase, _iso
from .mentions import fold_same_length

WEEKDAYS = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
_WEEKDAY = f"(?:{'|'.join(WEEKDAYS)})"
# "en visite depuis mardi": the stay began that day
_BEGUN = re.compile(r"\b(?:(?:entam|commenc|debut|arriv|ouvert)\w*(?: \w+)?|depuis)\s*$")
# "a regagné Kuala Lumpur le 14 mai": coming home ends the visit, the place may take words
_ENDED = re.compile(r"\b(?:(?:conclu|termin|achev|quitt|clotur)\w*|(?:regagn|rentr)\w*(?: [\w'-]+){0,2})(?: \w+)?\s*$")
# The forms of a date a sentence gives: a stay's span ("du 3 au 5 mai", "du 29 avril au 1er mai 2025"), two days
# ("les 8 et 9 juin"), one day ("le 4 mars 2024", "mardi 9 septembre"), a month of a year ("en octobre 2011"), a
# year or a season of it ("en 2017", "au printemps 2026")
RANGE = re.compile(rf"\bdu (?:{_WEEKDAY} )?(\d{{1,2}})(?:er)?(?: ({_MONTH}))?(?: (\d{{4}}))? au (?:{_WEEKDAY} )?"
                   rf"(\d{{1,2}})(?:er)? ({_MONTH})(?: (\d{{4}}))?")
PAIR = re.compile(rf"\bles (\d{{1,2}}) et (\d{{1,2}}) ({_MONTH})(?: (\d{{4}}))?")
DAY = re.compile(rf"\b(?:le |ce )?(?:{_WEEKDAY} )?(\d{{1,2}})(?:er)? ({_MONTH})(?: (\d{{4}}))?")
MONTH_YEAR = re.compile(rf"(?<!\d )(?<!\der )\b({_MONTH}) (\d{{4}})\b")
YEAR = re.compile(r"\b(?:en|depuis|des|date de|au printemps|a l'automne|a l'ete|en ete|en hiver|au debut de|a la fin de)"
                  r" ((?:19|20)\d\d)\b")


class DateRules(ReaderBase):
    """The dates of a sentence (:meth:`dates`, :meth:`weekdays`, :meth:`month_year`)."""

    def dates(self, f: str) -> tuple[str | None, str | None]:
        y = self.ref_year
        m = RANGE.search(f)
        if m:
            m2 = MONTHS[m.group(5)]
            y2 = int(m.group(6) or y or 0)
            m1 = MONTHS[m.group(2)] if m.group(2) else m2
            y1 = int(m.group(3) or (y2 if m1 <= m2 else y2 - 1))
            if not y2:      # no year in the text nor a date line: unknown, not guessed
                return None, None
            return _iso(y1, m1, int(m.group(1))), _iso(y2, m2, int(m.group(4)))
        m = PAIR.search(f)
        if m:
            mo, yy = MONTHS[m.group(3)], int(m.group(4) or y or 0)
            return (_iso(yy, mo, int(m.group(1))), _iso(yy, mo, int(m.group(2)))) if yy else (None, None)
        days = [(m, _iso(int(m.group(3) or y), MONTHS[m.group(2)], int(m.group(1)))) for m in DAY.finditer(f)
                if m.group(3) or y]
        if not days:
            return None, None
        # "a conclu le 8 mai une visite ..., entamée le 6 mai": the verb before
        # a date says which end of the visit it is.
        begin = next((d for m, d in days if _BEGUN.search(f[max(0, m.start() - 30):m.start()])), None)
        end = next((d for m, d in days if _ENDED.search(f[max(0, m.start() - 30):m.start()])), None)
        if end and end != begin:
            return begin, end
        d = begin or days[0][1]
        return d, d

    def weekdays(self, f: str, past: bool = True) -> tuple[str | None, str | None, str | None]:
        """The weekdays of ``f`` as dates: the one after a verb of beginning
        ("entamée lundi"), the one after a verb of ending ("a conclu
        mercredi"), and the first."""
        from datetime import date, timedelta

        days = list(re.finditer(rf"\b({_WEEKDAY})\b", f))
        if not days or len(self.src.date or "") != 10:
            return None, None, None
        ref = date.fromisoformat(self.src.date)

        def iso(m: re.Match) -> str:
            want = WEEKDAYS.index(m.group(1))
            if past:
                return (ref - timedelta(days=(ref.weekday() - want) % 7)).isoformat()
            return (ref + timedelta(days=(want - ref.weekday()) % 7)).isoformat()

        begin = next((iso(d) for d in days if _BEGUN.search(f[max(0, d.start() - 30):d.start()])), None)
        end = next((iso(d) for d in days if _ENDED.search(f[max(0, d.start() - 30):d.start()])), None)
        return begin, end, iso(days[0])

    def month_year(self, f: str, near: int | None = None) -> str | None:
        """"en octobre 2011" or "en 2017"; of several, the one nearest
        ``near`` ("qui entretiennent des relations depuis 1973, avaient
        établi en 2013 un partenariat": 2013 for "établi")."""
        found = [(m.start(), _iso(int(m.group(2)), MONTHS[m.group(1)]))
                 for m in MONTH_YEAR.finditer(f)]
        if not found:
            found = [(m.start(), m.group(1)) for m in YEAR.finditer(f)]
        if not found:
            return None
        return min(found, key=lambda x: abs(x[0] - near))[1] if near is not None else found[0][1]


def governor(doc, start: int, end: int):
    """The verb or common noun a date written at ``[start, end)`` of a
    sentence modifies in the parse ("publié le 28 novembre": publié; "son
    entrée en fonction en 2017": entrée), or None. Words of the date itself,
    names and capitalised words (a place the parser took for a noun) are
    passed over."""
    toks = [t for t in doc if start <= t.idx < end]
    inside = {t.i for t in toks}
    g = next((t.head for t in toks if t.head.i not in inside), None)
    while g is not None and (g.pos_ not in {"VERB", "NOUN"} or g.pos_ == "NOUN" and g.text[:1].isupper() and g.i
                             or g.lower_ in WEEKDAYS or fold_same_length(g.lower_) in MONTHS):
        g = g.head if g.head.i != g.i else None
    return g
