"""Who met whom, and who holds which office (issue 23, phenomena 2, 3, 8, 14
and 16): each test reads an article written for it and checks the rows of
the named queries ``leaders`` and ``talks``."""
from __future__ import annotations


def rows(kg, tmp_path, text: str, query: str) -> set[tuple]:
    cols = {"leaders": ("name", "role", "state"), "talks": ("kind", "a", "b")}[query]
    return {tuple(r[c] for c in cols) for r in kg.rows(query, kg.extract_text(tmp_path, f"date 2025-04\n\n{text}\n"))}


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


PERU = ("Le président péruvien Andrés Quispe a effectué du 3 au 5 avril une visite d'État en Thaïlande, à "
        "l'invitation du Premier ministre Somchai Wongsa. ")


def test_talks_and_meetings_named_by_a_noun(kg, tmp_path):
    """Encounters said by a noun whose two sides are inside the noun phrase:
    « les négociations entre X et Y », « la rencontre entre X et Y », « les
    rencontres du chef de l'État X avec Y », « les négociations menées par
    les ministres X et Y », and « lors de leurs entretiens, les deux
    dirigeants … » for the visit's two leaders."""
    text = PERU + ("Les rencontres du chef de l'État péruvien avec la présidente du Sénat Malee Chaiyo ont porté "
                   "sur le riz. Ce jour-là, les négociations entre les ministres des Affaires étrangères Rosa "
                   "Huamán et Anan Srisuk ont abouti. La presse salue la rencontre entre le président Andrés Quispe "
                   "et le président de l'Assemblée nationale Prasert Boonmee. Lors de leurs entretiens, les deux dirigeants "
                   "ont évoqué le commerce.")
    assert rows(kg, tmp_path, text, "talks") == {("meeting", "Andrés Quispe", "Malee Chaiyo"),
                                                 ("talks", "Anan Srisuk", "Rosa Huamán"),
                                                 ("meeting", "Andrés Quispe", "Prasert Boonmee"),
                                                 ("talks", "Andrés Quispe", "Somchai Wongsa")}


def test_triggers_of_audiences_and_reciprocal_verbs(kg, tmp_path):
    """« a accordé une audience à », « se sont rencontrés », « s'étaient
    entretenus », « ont eu jeudi au palais … des pourparlers », « ont pour
    leur part eu des discussions », and a fronted participle « Reçu lundi
    par X, M. Y … »: who met whom."""
    text = PERU + ("Le roi Vajiralongkorn a accordé mardi une audience au président Andrés Quispe. Reçu lundi par "
                   "la présidente du Sénat, Malee Chaiyo, M. Quispe a visité un temple. Le ministre des Affaires "
                   "étrangères Anan Srisuk et la ministre péruvienne des Affaires étrangères Rosa Huamán se sont "
                   "rencontrés mercredi. Le vice-Premier ministre thaïlandais Chai Rattana et le vice-président "
                   "péruvien Luis Paredes s'étaient entretenus la veille. Le président Andrés Quispe et le "
                   "Premier ministre Somchai Wongsa ont eu jeudi au palais du gouvernement des pourparlers.")
    assert rows(kg, tmp_path, text, "talks") == {("meeting", "Andrés Quispe", "Vajiralongkorn"),
                                                 ("meeting", "Andrés Quispe", "Malee Chaiyo"),
                                                 ("meeting", "Anan Srisuk", "Rosa Huamán"),
                                                 ("talks", "Chai Rattana", "Luis Paredes"),
                                                 ("talks", "Andrés Quispe", "Somchai Wongsa")}


def test_who_is_no_object_of_the_encounter(kg, tmp_path):
    """The objects of « a reçu » stop before « en visite … à l'invitation de
    son homologue Y », « en présence de Y », and a verb coordinated after a
    semicolon (« ; et déposé une gerbe au mausolée du président Y »)."""
    text = PERU + ("Le président du Sénat Prasert Boonmee a reçu mercredi le président Andrés Quispe, en visite "
                   "d'État du 3 au 5 avril à l'invitation de son homologue Somchai Wongsa. M. Quispe s'est "
                   "entretenu avec la ministre Malee Chaiyo, en présence du ministre des Affaires étrangères Anan "
                   "Srisuk. Il a rencontré le Premier ministre Somchai Wongsa ; et déposé une gerbe au mausolée "
                   "du président Chai Rattana.")
    assert rows(kg, tmp_path, text, "talks") == {("meeting", "Andrés Quispe", "Prasert Boonmee"),
                                                 ("talks", "Andrés Quispe", "Malee Chaiyo"),
                                                 ("meeting", "Andrés Quispe", "Somchai Wongsa")}


def test_an_epithet_with_a_demonym_for_subject(kg, tmp_path):
    """« Le numéro un péruvien a rencontré A ainsi que B »: the subject, a
    noun and a demonym with no name, is that state's protagonist; A and B
    do not meet each other."""
    text = PERU + ("Le numéro un péruvien a également rencontré le Premier ministre Somchai Wongsa ainsi que le "
                   "président de l'Assemblée nationale Prasert Boonmee.")
    assert rows(kg, tmp_path, text, "talks") == {("meeting", "Andrés Quispe", "Somchai Wongsa"),
                                                 ("meeting", "Andrés Quispe", "Prasert Boonmee")}


def test_one_subject_for_a_list_of_encounters(kg, tmp_path):
    """Phenomena 2 and 3: the subject carries to « s’est entretenu » after a
    comma (the typographic apostrophe the parser takes for a subject), to «
    avant de s’entretenir », « avant d’être reçu par », to nouns listed after
    « des entretiens avec A » (« une rencontre avec B et des discussions avec
    C »), and « a pour sa part discuté avec » is talks."""
    text = PERU + ("Mardi, le dirigeant péruvien a rencontré la présidente du Sénat, Malee Chaiyo, s’est entretenu "
                   "avec le ministre de l’Intérieur, Chai Rattana ; et visité un temple. Il a été reçu par le roi "
                   "Vajiralongkorn, avant de s’entretenir avec le Premier ministre Somchai Wongsa. Le séjour du dirigeant "
                   "péruvien a aussi été marqué par des entretiens avec le président de l'Assemblée nationale Prasert "
                   "Boonmee, une "
                   "rencontre avec le ministre des Finances, Anan Srisuk, et des discussions avec la ministre de "
                   "la Santé, Suda Kaew. La ministre péruvienne des Affaires étrangères, Rosa Huamán, s'est entretenue avec "
                   "le ministre Niran Sook, avant d'être reçue par la vice-Première ministre Pim Chan. Le ministre "
                   "péruvien du Commerce, Luis Paredes, a pour sa part discuté avec son homologue Arun Dee.")
    assert rows(kg, tmp_path, text, "talks") == {("meeting", "Andrés Quispe", "Malee Chaiyo"),
                                                 ("talks", "Andrés Quispe", "Chai Rattana"),
                                                 ("meeting", "Andrés Quispe", "Vajiralongkorn"),
                                                 ("talks", "Andrés Quispe", "Somchai Wongsa"),
                                                 ("talks", "Andrés Quispe", "Prasert Boonmee"),
                                                 ("meeting", "Anan Srisuk", "Andrés Quispe"),
                                                 ("talks", "Andrés Quispe", "Suda Kaew"),
                                                 ("talks", "Niran Sook", "Rosa Huamán"),
                                                 ("meeting", "Pim Chan", "Rosa Huamán"),
                                                 ("talks", "Arun Dee", "Luis Paredes")}
