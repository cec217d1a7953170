"""Who met whom, and who holds which office (issue 23, phenomena 2, 3, 8, 14
and 16): each test reads an article written for it and checks the rows of
the named queries ``leaders`` and ``talks``."""
from __future__ import annotations

import json


def rows(kg, tmp_path, text: str, query: str) -> set[tuple]:
    art = tmp_path / "article.txt"
    art.write_text(f"date 2025-04\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "out.trig"
    kg("extract", art, "--out", out)
    res = json.loads(kg("query", query, "--data", out, "--format", "json").output)["results"]["bindings"]
    cols = {"leaders": ("name", "role", "state"), "talks": ("kind", "a", "b")}[query]
    return {tuple(b[c]["value"] for c in cols) for b in res}


def test_a_party_s_acronym_and_its_chair(kg, tmp_path):
    """Phenomenon 8: a bracketed acronym between the title and the name; the
    chair of a party leads the party, not the state."""
    got = rows(kg, tmp_path, "Le président laotien Thongloun Sisoulith a effectué du 3 au 5 avril une visite d'État en "
               "Chine. Il s'est entretenu avec le secrétaire général du Parti communiste chinois (PCC) Ma Jianlin, "
               "puis a rencontré le président du Parti révolutionnaire Sing Pao.", "leaders")
    assert ("Ma Jianlin", "party_general_secretary", "CN") in got
    assert ("Sing Pao", "party_general_secretary", "CN") in got
    assert not {r for r in got if r[0] == "Sing Pao" and r[1] == "head_of_state"}


def test_presidents_of_two_states_named_together(kg, tmp_path):
    """« Les présidents de A et de B, N1 et N2 »: each holds the office in
    the state named in the same place."""
    got = rows(kg, tmp_path, "Les présidents du Chili et de l'Indonésie, Ana Vidal et Budi Hartono, se sont "
               "entretenus le 4 avril à Jakarta.", "leaders")
    assert got == {("Ana Vidal", "head_of_state", "CL"), ("Budi Hartono", "head_of_state", "ID")}


def test_titled_names_that_hold_no_office(kg, tmp_path):
    """Phenomenon 14: the empress beside the emperor is his consort; a dead
    leader honoured holds no office and meets no one; a given name broken
    by a spaced hyphen is one name."""
    text = ("Le président kazakh Nour - Ali Seitkali a effectué du 3 au 5 avril une visite d'État au Japon. "
            "L'empereur et l'impératrice Keiko lui ont offert un banquet. Il a déposé une gerbe au mausolée du "
            "président Ito Haruki et rendu hommage au défunt président Sato Kenji, puis "
            "s'est recueilli devant le monument au président Mori Akio. Il s'est entretenu avec le "
            "Premier ministre Ishida Taro.")
    assert rows(kg, tmp_path, text, "leaders") == {("Nour-Ali Seitkali", "head_of_state", "KZ"),
                                                   ("Ishida Taro", "head_of_government", "JP")}
    assert rows(kg, tmp_path, text, "talks") == {("talks", "Ishida Taro", "Nour-Ali Seitkali")}


def test_a_king_s_consort(kg, tmp_path):
    """Phenomenon 14: « le roi X et la reine Y »: the queen holds no office
    and is not a party to the king's talks."""
    text = ("Le roi Willem-Alexander a effectué du 3 au 5 avril une visite d'État au Vietnam avec la reine "
            "Greta Fontaine, à l'invitation du président Lương Cường. Le roi Willem-Alexander et la reine "
            "Greta Fontaine se sont entretenus avec le président Lương Cường.")
    assert not {r for r in rows(kg, tmp_path, text, "leaders") if r[0] == "Greta Fontaine"}
    assert rows(kg, tmp_path, text, "talks") == {("talks", "Lương Cường", "Willem-Alexander")}


VISIT = ("Le président chilien Gabriel Boric a effectué du 3 au 5 avril une visite d'État en Indonésie, à "
         "l'invitation du président Prabowo Subianto. ")


def test_coordinated_verb_phrases_share_their_subject(kg, tmp_path):
    """Phenomenon 2: verb phrases joined by commas and semicolons, the
    auxiliary dropped, the subject an epithet for the guest: the subject
    meets each object; the objects do not meet one another."""
    text = VISIT + ("Le dirigeant chilien s'est entretenu avec la présidente de la Chambre des représentants "
                    "Dewi Lestari, a rencontré le président du Sénat, Agus Wirawan ; reçu le ministre Budi "
                    "Santoso ; et visité le port de Jakarta.")
    assert rows(kg, tmp_path, text, "talks") == {("talks", "Dewi Lestari", "Gabriel Boric"),
                                                 ("meeting", "Agus Wirawan", "Gabriel Boric"),
                                                 ("meeting", "Budi Santoso", "Gabriel Boric")}


def test_encounters_as_nouns_and_other_verbs(kg, tmp_path):
    """Phenomenon 3: « son entretien avec X et ses rencontres avec Y » are
    the guest's; « la réception de X par Y »; « son interlocuteur »;
    « ont mené des négociations »; « ont discuté »."""
    text = ("Le Premier ministre malaisien Hamid Zulkifli a effectué du 3 au 5 avril une visite officielle au "
            "Chili, à l'invitation du président Tomás Ruiz. Son entretien avec le Premier ministre Pablo Soto et "
            "ses rencontres avec la présidente du Sénat Ana Vidal ont porté sur le commerce. La réception de "
            "Hamid Zulkifli par le président Tomás Ruiz a eu lieu au palais de La Moneda. Le ministre des "
            "Affaires étrangères Carlos Mena et son interlocuteur malaisien Aziz Karim ont mené des négociations "
            "sur la pêche.")
    assert rows(kg, tmp_path, text, "talks") == {("talks", "Hamid Zulkifli", "Pablo Soto"),
                                                 ("meeting", "Ana Vidal", "Hamid Zulkifli"),
                                                 ("meeting", "Hamid Zulkifli", "Tomás Ruiz"),
                                                 ("talks", "Aziz Karim", "Carlos Mena")}
    text = VISIT + "Les deux dirigeants ont discuté de la pêche et des mines."
    assert rows(kg, tmp_path, text, "talks") == {("talks", "Gabriel Boric", "Prabowo Subianto")}


def test_unnamed_groups_are_no_meeting(kg, tmp_path):
    """Phenomenon 16: meeting « des responsables », « de hauts
    responsables » is no meeting between the two leaders."""
    text = VISIT + ("Le dirigeant chilien, dont les ministres ont préparé la visite, a rencontré des responsables "
                    "indonésiens du secteur minier. Les deux chefs d'État ont ensuite rencontré de hauts "
                    "responsables des deux pays.")
    assert rows(kg, tmp_path, text, "talks") == set()
