"""The organisation an office belongs to: the state, its government, its party or legislature.

A head of state, a vice president or an ambassador holds a post in the state
itself; a head of government, a deputy prime minister or a foreign minister
one in the state's government; a party general secretary one in the party,
and a legislature's chair one in the legislature (or in the chamber the title
names: "président du Sénat", "président du Mazhilis"). Known parties and legislatures are named below;
others are named after their state ("ruling party of X", "legislature of X").
No Wikidata identifier is given where none has been checked.

>>> office_organization("VN", "party_general_secretary", ["secrétaire général du Parti communiste du Vietnam, Nguyen Phu Trong"])[:2]
('communist-party-of-vietnam', 'Parti communiste du Vietnam')
>>> office_organization("KZ", "legislature_chair", ["président du Sénat du Kazakhstan, Maoulen Achimbaïev"])[0]
'senate-of-kazakhstan'
>>> office_organization("KZ", "head_of_state", ["le président Tokaïev"]) is None
True
>>> office_organization("VN", "head_of_government", ["le Premier ministre"], ("Vietnam", "Vietnam"))
('government-vn', 'Gouvernement (Vietnam)', 'Government of Vietnam')
"""
from __future__ import annotations

from .gazetteer import norm

#: the roles whose post is in a party or a legislature, not in the state itself
PARTY_ROLES = frozenset({"party_general_secretary"})
LEGISLATURE_ROLES = frozenset({"legislature_chair"})
GOVERNMENT_ROLES = frozenset({"head_of_government", "deputy_prime_minister", "foreign_minister"})

#: a state's ruling party: key, French name, English name
PARTIES = {
    "VN": ("communist-party-of-vietnam", "Parti communiste du Vietnam", "Communist Party of Vietnam"),
    "LA": ("lao-people-s-revolutionary-party", "Parti révolutionnaire populaire lao", "Lao People's Revolutionary Party"),
    "CN": ("communist-party-of-china", "Parti communiste chinois", "Communist Party of China"),
    "CU": ("communist-party-of-cuba", "Parti communiste de Cuba", "Communist Party of Cuba"),
}

#: a state's legislature, and its chambers by a word of their title: key, French name, English name
LEGISLATURES = {
    "VN": {"": ("national-assembly-of-vietnam", "Assemblée nationale du Vietnam", "National Assembly of Vietnam")},
    "KZ": {"senat": ("senate-of-kazakhstan", "Sénat du Kazakhstan", "Senate of Kazakhstan"),
           "mazhilis": ("mazhilis-of-kazakhstan", "Mazhilis du Kazakhstan", "Mazhilis of Kazakhstan"),
           "majilis": ("mazhilis-of-kazakhstan", "Mazhilis du Kazakhstan", "Mazhilis of Kazakhstan"),
           "": ("parliament-of-kazakhstan", "Parlement du Kazakhstan", "Parliament of Kazakhstan")},
}


def office_organization(state: str, role: str, quotes, names: tuple[str, str] | None = None
                        ) -> tuple[str, str, str] | None:
    """``(key, French name, English name)`` of the government, party or
    legislature that owns the post ``role`` of ``state`` (its French and
    English ``names``), as the quotes naming the office say; None when the
    post is the state's own."""
    fr, en = names or (state, state)
    if role in GOVERNMENT_ROLES:
        return f"government-{state.lower()}", f"Gouvernement ({fr})", f"Government of {en}"
    if role in PARTY_ROLES:
        return PARTIES.get(state) or (f"ruling-party-{state.lower()}", f"parti au pouvoir ({state})",
                                      f"ruling party ({state})")
    if role in LEGISLATURE_ROLES:
        chambers = LEGISLATURES.get(state, {})
        words = " ".join(norm(q) for q in quotes)
        for word, org in chambers.items():
            if word and word in words:
                return org
        return chambers.get("") or (f"legislature-{state.lower()}", f"parlement ({state})", f"legislature ({state})")
    return None
