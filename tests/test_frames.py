"""Event frames of encounters read from the dependency parse (kg.extract.frames)."""
from kg.extract.frames import frames
from kg.extract.nlp import sentences


def _frames(text):
    s = sentences(text)[0]
    return [(f.kind, s.doc[f.trigger_index].text,
             {k: [text[a:b] for a, b in getattr(f, k)] for k in ("subject", "objects", "with_", "agent", "between")})
            for f in frames(s)]


def test_subject_carried_to_a_coordinated_verb():
    got = _frames("Le président Jean Dupont s'est entretenu avec son homologue Marc Lenoir, "
                  "puis a rencontré le Premier ministre Paul Henri.")
    assert [(k, t) for k, t, _ in got] == [("talks", "entretenu"), ("meeting", "rencontré")]
    assert got[0][2]["subject"] == ["Le président Jean Dupont"]
    assert got[0][2]["with_"] == ["son homologue Marc Lenoir"]
    assert got[1][2]["subject"] == ["Le président Jean Dupont"]
    assert got[1][2]["objects"] == ["le Premier ministre Paul Henri"]


def test_agent_of_a_passive_meeting():
    [(kind, _, p)] = _frames("M. Karl Olsen a été reçu par le roi Harald.")
    assert kind == "meeting" and p["subject"] == ["M. Karl Olsen"] and p["agent"] == ["le roi Harald"]


def test_talks_noun_with_avec_on_its_light_verb():
    [(kind, _, p)] = _frames("Mme Ana Lima a tenu des entretiens avec M. Paul Roy.")
    assert kind == "talks" and p["subject"] == ["Mme Ana Lima"] and p["with_"] == ["M. Paul Roy"]


def test_between_expands_the_coordination():
    [(kind, _, p)] = _frames("Les négociations entre M. Paul Roy et Mme Ana Lima ont abouti.")
    assert kind == "talks" and p["between"] == ["M. Paul Roy", "Mme Ana Lima"] and p["subject"] == []


def test_coordinated_objects_are_several_participants():
    [(_, _, p)] = _frames("Le roi Harald a reçu M. Karl Olsen et la ministre Ana Lima.")
    assert p["objects"] == ["M. Karl Olsen", "la ministre Ana Lima"]
