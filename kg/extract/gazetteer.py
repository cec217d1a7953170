"""The curated gazetteer: states (names, demonyms, capitals), known people,
organisations and honours, with Wikidata QIDs where verified.

Lookups are accent-, case- and apostrophe-insensitive.

>>> g = Gazetteer.load()
>>> g.state_by_name("Kazahkstan")
'KZ'
>>> g.state_by_demonym("vietnamienne")
'VN'
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from ..graph.ids import fold
from ..resources import gazetteer_path


@lru_cache(maxsize=1 << 16)     # the same names are looked up again and again
def norm(text: str) -> str:
    """Key for lookups: folded, lower-case, one space, straight apostrophes."""
    return re.sub(r"\s+", " ", fold(text).lower().replace("’", "'")).strip()


@dataclass
class Gazetteer:
    states: dict
    persons: dict
    organizations: dict
    honours: dict

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> "Gazetteer":
        data = json.loads(gazetteer_path().read_text(encoding="utf-8"))
        return cls(data["states"], data["persons"], data["organizations"], data["honours"])

    # -- indexes (built lazily, cached on the instance) -----------------
    def _index(self, name: str, pairs) -> dict:
        cache = self.__dict__.setdefault("_cache", {})
        if name not in cache:
            cache[name] = {norm(k): v for k, v in pairs}
        return cache[name]

    @property
    def state_names(self) -> dict:
        return self._index("sn", ((n, c) for c, s in self.states.items() for n in s["names"]))

    @property
    def demonyms(self) -> dict:
        return self._index("dn", ((d, c) for c, s in self.states.items() for d in s["demonyms"]))

    @property
    def capitals(self) -> dict:
        return self._index("cn", ((n, (c, cap)) for c, s in self.states.items()
                                  for cap in s["capitals"] for n in cap["names"]))

    @property
    def person_variants(self) -> dict:
        return self._index("pv", ((v, k) for k, p in self.persons.items()
                                  for v in p["variants"] + [p["name"]]))

    @property
    def organization_names(self) -> dict:
        return self._index("on", ((n, k) for k, o in self.organizations.items() for n in o["names"]))

    def state_by_name(self, text: str) -> str | None:
        return self.state_names.get(norm(text))

    def state_by_demonym(self, text: str) -> str | None:
        return self.demonyms.get(norm(text))

    def capital(self, text: str) -> tuple[str, dict] | None:
        return self.capitals.get(norm(text))

    def person(self, text: str) -> str | None:
        return self.person_variants.get(norm(text))

    def honour(self, text: str) -> str | None:
        key = norm(text)
        for hkey, h in self.honours.items():
            if any(norm(n) in key for n in h["names"]):
                return hkey
        return None
