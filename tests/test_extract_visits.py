"""kg extract: who a visit is, and which dates are its (issue 23, phenomena 4, 6, 7, 9 and 15).

The articles are written for these tests; the rows are those of the named
queries over the extracted file."""
from __future__ import annotations

import pytest
from test_extract import rows

COLS = ("guest", "guest_state", "host_state", "type", "start", "end", "invited_by")


def extract(kg, tmp_path, body: str, date: str) -> str:
    return kg.extract_text(tmp_path, f"date {date}\n\n{body}\n")


def visits(kg, out, *params) -> list[tuple]:
    return sorted(tuple(r.get(c, "") for c in COLS) for r in rows(kg, "visits", out, *params))


@pytest.mark.parametrize("body, visit", [
    # the host presides over the welcome of the guest, « en visite » after the guest's name
    ("Le président finlandais Alexander Stubb a présidé mercredi la cérémonie d'accueil de son homologue "
     "portugais Marcelo Rebelo de Sousa, en visite d'État en Finlande du 10 au 12 juin.",
     ("Marcelo Rebelo de Sousa", "PT", "FI", "state", "2025-06-10", "2025-06-12", "")),
    # « la visite officielle de M. X »: X's
    ("Le président finlandais Alexander Stubb et le président portugais Marcelo Rebelo de Sousa ont adopté "
     "une déclaration commune à l'issue de la visite officielle de M. Rebelo de Sousa en Finlande, "
     "les 10 et 11 juin.",
     ("Marcelo Rebelo de Sousa", "PT", "FI", "official", "2025-06-10", "2025-06-11", "")),
    # the host, of the state visited, is no guest there; « au dernier jour » is the visit's last day
    ("Le président finlandais Alexander Stubb a décoré jeudi son homologue portugais Marcelo Rebelo de Sousa "
     "de l'ordre de la Rose blanche, au dernier jour d'une visite d'État de trois jours en Finlande.",
     ("Marcelo Rebelo de Sousa", "PT", "FI", "state", "2025-06-10", "2025-06-12", "")),
])
def test_the_guest_when_the_host_is_the_subject(kg, tmp_path, body, visit):
    """Phenomenon 4: the host as subject (« a présidé la cérémonie d'accueil de
    son homologue Y, en visite d'État en Z ») leaves the visit Y's, and a
    welcome ceremony is no meeting."""
    out = extract(kg, tmp_path, body, "2025-06-13")
    assert visits(kg, out) == [visit]
    if "cérémonie" in body:
        assert rows(kg, "talks", out) == []


def test_an_invitation_from_the_host_is_a_planned_visit_of_the_guest(kg, tmp_path):
    """« X a invité son homologue à effectuer une visite d'État en 2026 »: the
    counterpart's, planned, at X's invitation."""
    out = extract(kg, tmp_path, "Le président finlandais Alexander Stubb a effectué du 10 au 12 juin une visite d'État "
                  "au Portugal. Le président finlandais a invité son homologue portugais Marcelo Rebelo de Sousa à "
                  "effectuer une visite d'État en Finlande en 2026.", "2025-06-13")
    assert visits(kg, out, "--param", "status=planned") == [
        ("Marcelo Rebelo de Sousa", "PT", "FI", "state", "2026", "", "Alexander Stubb")]


def test_a_visit_in_reported_speech_with_an_indefinite_visitor(kg, tmp_path):
    """Phenomenon 6: « X a rappelé qu'il s'agissait de la première visite d'un
    chef de gouvernement danois depuis 1990 »: X is no guest, 1990 no date of
    a visit; the visit is the one under way."""
    out = extract(kg, tmp_path, "La Première ministre danoise Mette Frederiksen a effectué du 7 au 9 avril une visite "
                  "officielle au Chili. Le ministre chilien des Affaires étrangères Alberto van Klaveren a rappelé "
                  "qu'il s'agissait de la première visite d'un chef de gouvernement danois depuis 1990.", "2025-04")
    assert visits(kg, out) == [("Mette Frederiksen", "DK", "CL", "official", "2025-04-07", "2025-04-09", "")]


def test_local_trips_are_not_visits(kg, tmp_path):
    """Phenomenon 7: « s'est rendu à l'aéroport pour saluer son invitée » (the
    host), « a visité l'École navale » (the guest, a day later): trips within
    the host country, neither a visit nor a date of one."""
    out = extract(kg, tmp_path, "La présidente irlandaise Catherine Connolly est arrivée le 8 octobre au Portugal pour "
                  "une visite officielle. Le président Marcelo Rebelo de Sousa s'était rendu à l'aéroport pour saluer "
                  "son invitée. Le 9 octobre, Mme Connolly a visité l'École navale de Lisbonne, puis le port de "
                  "Setúbal.", "2025-10-10")
    assert visits(kg, out) == [("Catherine Connolly", "IE", "PT", "official", "2025-10-08", "", "")]


def test_stray_dates_and_a_return_home(kg, tmp_path):
    """Phenomenon 9: a return home (« a regagné Helsinki le 14 juin, concluant sa
    visite de quatre jours ») is the visit's last day, its length gives the
    first; the year one took office, the year relations were established and
    the day the papers wrote about the visit date nothing of it."""
    out = extract(kg, tmp_path, "Le président finlandais Alexander Stubb a regagné Helsinki le 14 juin, concluant sa "
                  "visite d'État de quatre jours au Portugal. Il s'agissait de sa première visite au Portugal depuis "
                  "son entrée en fonction en 2024. Les deux présidents ont salué l'amitié qui unit leurs pays depuis "
                  "l'établissement des relations diplomatiques en 1917. Les quotidiens de Lisbonne ont publié le 13 "
                  "juin des articles sur la visite du président Alexander Stubb.", "2025-06-15")
    assert visits(kg, out) == [("Alexander Stubb", "FI", "PT", "state", "2025-06-11", "2025-06-14", "")]


def test_a_numbered_visit_implies_the_earlier_one(kg, tmp_path):
    """Phenomenon 15: « C'est son deuxième séjour au Portugal, le précédent
    datant de 2019 »: the earlier visit is a background fact of 2019, the
    current one keeps its own dates."""
    out = extract(kg, tmp_path, "Le président finlandais Alexander Stubb a effectué du 16 au 18 juin une visite d'État "
                  "au Portugal. C'est son deuxième séjour au Portugal, le précédent datant de 2019.", "2025-06-20")
    assert visits(kg, out) == [("Alexander Stubb", "FI", "PT", "state", "2025-06-16", "2025-06-18", ""),
                               ("Alexander Stubb", "FI", "PT", "unspecified", "2019", "", "")]


@pytest.mark.parametrize("body, expected", [
    # earlier visits: « la première ayant eu lieu en 2019 » (typed like the numbered one), « lors de sa
    # précédente visite, en … »; their dates are not the current visit's
    ("Le président finlandais Alexander Stubb a effectué du 16 au 18 juin une visite d'État au Portugal. Il "
     "s'agit de la deuxième visite d'État du chef de l'État finlandais dans le pays, la première ayant eu lieu "
     "en 2019.",
     [("Alexander Stubb", "FI", "PT", "state", "2019", "", ""),
      ("Alexander Stubb", "FI", "PT", "state", "2025-06-16", "2025-06-18", "")]),
    ("Le président finlandais Alexander Stubb a effectué du 16 au 18 juin une visite d'État au Portugal. "
     "Lors de sa précédente visite, en mars 2024, M. Stubb avait plaidé pour un accord sur l'énergie.",
     [("Alexander Stubb", "FI", "PT", "state", "2025-06-16", "2025-06-18", ""),
      ("Alexander Stubb", "FI", "PT", "unspecified", "2024-03", "", "")]),
    # « la visite » with nothing of its own is the one under way, whoever speaks of it; a visit by no one in
    # particular takes no date; « la visite du président à l'université … » is a trip within the country
    ("Le président finlandais Alexander Stubb a effectué du 16 au 18 juin une visite d'État au Portugal. "
     "Le président Marcelo Rebelo de Sousa a estimé que la visite avait « ouvert un nouveau chapitre ». "
     "C'est la première visite d'État d'un dirigeant nordique au Portugal depuis l'entrée en fonction de "
     "M. Rebelo de Sousa, en mars 2016. La télévision a diffusé le 17 juin un reportage sur la visite du "
     "président finlandais à l'université Marcelo Rebelo de Sousa de Lisbonne.",
     [("Alexander Stubb", "FI", "PT", "state", "2025-06-16", "2025-06-18", "")]),
    # the last day by weekday, the first by « entamée mercredi »
    ("Le président finlandais Alexander Stubb a été reçu jeudi par le président Marcelo Rebelo de Sousa, au "
     "second et dernier jour d'une visite de travail au Portugal entamée mercredi.",
     [("Alexander Stubb", "FI", "PT", "working", "2025-06-11", "2025-06-12", "")]),
])
def test_who_visits_where_and_when_round2(kg, tmp_path, body, expected):
    """Round 2: earlier visits cited in passing, « la visite » that refers
    back, a visitor no one in particular, a trip to a university, and the
    last day of a visit given by its weekday."""
    out = extract(kg, tmp_path, body, "2025-06-20" if "juin" in body else "2025-06-13")
    assert visits(kg, out) == expected


def test_a_visit_announced_in_reported_speech_is_the_subjects(kg, tmp_path):
    """« X a annoncé que le Premier ministre Y se rendrait en Finlande en 2026 »:
    Y's visit, planned; the speaker is no guest."""
    out = extract(kg, tmp_path, "Le président finlandais Alexander Stubb a effectué du 16 au 18 juin une visite "
                  "d'État au Portugal. Le ministre portugais des Affaires étrangères, Paulo Rangel, a annoncé que le "
                  "Premier ministre Luís Montenegro se rendrait en Finlande en 2026.", "2025-06-20")
    assert visits(kg, out, "--param", "status=planned") == [
        ("Luís Montenegro", "PT", "FI", "unspecified", "2026", "", "")]


_MAIN = ("Le président finlandais Alexander Stubb a reçu jeudi son homologue portugais Marcelo Rebelo de Sousa, "
         "en visite d'État en Finlande du 10 au 13 juin. ")
_THIS = ("Marcelo Rebelo de Sousa", "PT", "FI", "state", "2025-06-10", "2025-06-13", "")


@pytest.mark.parametrize("body, expected", [
    # « en visite depuis mardi »: it began on Tuesday; when it ends is not said
    ("Le président finlandais Alexander Stubb a reçu jeudi le président portugais Marcelo Rebelo de Sousa, "
     "en visite d'État en Finlande depuis mardi.",
     [("Marcelo Rebelo de Sousa", "PT", "FI", "state", "2025-06-10", "", "")]),
    # « au troisième jour d'une visite de cinq jours »: Thursday is its third day
    ("Le président portugais Marcelo Rebelo de Sousa a été reçu jeudi par le président Alexander Stubb, au "
     "troisième jour d'une visite officielle de cinq jours en Finlande.",
     [("Marcelo Rebelo de Sousa", "PT", "FI", "official", "2025-06-10", "2025-06-14", "")]),
    # earlier visits listed after the numbered one; a year given earlier in the sentence, where
    # « depuis sa réélection en janvier 2021 » dates the reelection, not a visit
    (_MAIN + "Il s'agit de la troisième visite de M. Rebelo de Sousa en Finlande, après celles de 2017 et "
     "de mars 2021.",
     [_THIS, ("Marcelo Rebelo de Sousa", "PT", "FI", "unspecified", "2017", "", ""),
      ("Marcelo Rebelo de Sousa", "PT", "FI", "unspecified", "2021-03", "", "")]),
    (_MAIN + "C'est la deuxième visite de M. Rebelo de Sousa en Finlande depuis sa réélection en janvier 2021, "
     "la première remontant à octobre de la même année.",
     [_THIS, ("Marcelo Rebelo de Sousa", "PT", "FI", "unspecified", "2021-10", "", "")]),
    # a visit denied, and one praised by someone who did not make it
    (_MAIN + "Le ministre portugais des Affaires étrangères, Paulo Rangel, a rappelé qu'aucun président "
     "portugais n'avait effectué de visite d'État en Finlande depuis 2008.", [_THIS]),
    (_MAIN + "À Lisbonne, le Premier ministre portugais Luís Montenegro a salué une visite « utile ».", [_THIS]),
])
def test_who_visits_where_and_when_round3(kg, tmp_path, body, expected):
    """Round 3: a stay begun on a weekday (« depuis mardi »), the n-th day of a
    visit of known length, several earlier visits cited at once, a visit
    denied (« aucun ... n'avait effectué de visite ») and one only praised."""
    out = extract(kg, tmp_path, body, "2025-06-13")
    assert visits(kg, out) == expected


@pytest.mark.parametrize("sentence, planned", [
    # the host invites « son hôte »: the guest of the visit under way
    ("« Nos deux pays sont proches », a déclaré le président Alexander Stubb, qui a invité son hôte à effectuer "
     "une visite en Finlande en 2026.",
     ("Marcelo Rebelo de Sousa", "PT", "FI", "unspecified", "2026", "", "Alexander Stubb")),
    # the full stop of « M. » does not end the invitation
    ("M. Stubb a accepté l'invitation de M. Rebelo de Sousa à se rendre au Portugal en 2026.",
     ("Alexander Stubb", "FI", "PT", "unspecified", "2026", "", "Marcelo Rebelo de Sousa")),
    # « l'an prochain »: the year after the article's
    ("Selon la présidence finlandaise, M. Stubb effectuera une visite d'État au Portugal l'an prochain.",
     ("Alexander Stubb", "FI", "PT", "state", "2026", "", "")),
])
def test_a_planned_visit_in_return(kg, tmp_path, sentence, planned):
    """Round 3: a return visit announced during one, its guest « son hôte »,
    its inviter after « M. », its year « l'an prochain »."""
    out = extract(kg, tmp_path, "Le président portugais Marcelo Rebelo de Sousa a effectué du 10 au 12 juin 2025 une "
                  "visite d'État en Finlande, à l'invitation du président finlandais Alexander Stubb. " + sentence,
                  "2025-06-13")
    assert visits(kg, out, "--param", "status=planned") == [planned]


@pytest.mark.parametrize("body, expected", [
    # each stop dated where the tour lists it, the year carried from the stop before
    ("Le président portugais Marcelo Rebelo de Sousa a achevé samedi une tournée nordique qui l'a conduit en "
     "Finlande, du 10 au 12 juin 2025, puis en Estonie, les 13 et 14 juin.",
     [("Marcelo Rebelo de Sousa", "PT", "EE", "unspecified", "2025-06-13", "2025-06-14", ""),
      ("Marcelo Rebelo de Sousa", "PT", "FI", "unspecified", "2025-06-10", "2025-06-12", "")]),
    # the stops dated by the sentences set there; coming home ends the last
    ("Le président portugais Marcelo Rebelo de Sousa a regagné Lisbonne vendredi, concluant une tournée qui l'a "
     "conduit en Finlande puis en Estonie. En Finlande, première étape du voyage, les 16 et 17 juin, il a été reçu "
     "par le président Alexander Stubb. À Tallinn, où il est arrivé le 18 juin, il a rencontré le président "
     "Alar Karis.",
     [("Marcelo Rebelo de Sousa", "PT", "EE", "unspecified", "2025-06-18", "2025-06-20", ""),
      ("Marcelo Rebelo de Sousa", "PT", "FI", "unspecified", "2025-06-16", "2025-06-17", "")]),
])
def test_the_stops_of_a_tour(kg, tmp_path, body, expected):
    """« une tournée qui l'a conduit en A puis en B »: a visit to each, dated by
    what follows it or by the sentence set there (« En A, première étape, les 16
    et 17 juin »), the return home (« a regagné Lisbonne vendredi ») ending the last."""
    out = extract(kg, tmp_path, body, "2025-06-21")
    assert visits(kg, out) == expected


@pytest.mark.parametrize("body, expected, status", [
    # « s'est rendue mardi 10 juin à Helsinki »: the day she went there, how long she stayed is not said
    ("La vice-présidente portugaise Inês Sousa s'est rendue mardi 10 juin à Helsinki, où elle a été accueillie "
     "par l'ambassadeur du Portugal.", ("Inês Sousa", "PT", "FI", "unspecified", "2025-06-10", "", ""), "happened"),
    # « au printemps 2026 »: a season is the year
    ("Le président finlandais Alexander Stubb se rendra au Portugal au printemps 2026, a annoncé la présidence.",
     ("Alexander Stubb", "FI", "PT", "unspecified", "2026", "", ""), "planned"),
])
def test_the_day_of_a_journey_and_a_season(kg, tmp_path, body, expected, status):
    """« s'est rendue mardi à X » dates the journey, not the stay; « au
    printemps 2026 » dates a planned visit by its year."""
    out = extract(kg, tmp_path, body, "2025-06-13")
    assert visits(kg, out, "--param", f"status={status}") == [expected]
