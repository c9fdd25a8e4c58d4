"""Issue 14, points 6-8: place roles, the places people name, text forms. Sentences written for
these tests."""

from __future__ import annotations

from patroltl.clauses import segment
from patroltl.dates import ground_text
from patroltl.extract import extract
from patroltl.knowledge import Knowledge
from patroltl.models import Mention
from patroltl.places import find_places
from patroltl.roles import DESCRIPTOR, DESTINATION, EVENT, LANDMARK, TOPIC, roles

KN = Knowledge.bundled()
GAZ = KN.gazetteer


def run(text: str) -> tuple[Mention, ...]:
    return extract(text, ground_text(text, published="2020-06-10"), find_places(text, GAZ))


def place_of(text: str, type_: str = "patrol") -> str | None:
    ms = [m for m in run(text) if m.type == type_ and not m.planned]
    assert ms, (text, [(m.type, m.planned) for m in run(text)])
    return ms[0].place.name if ms[0].place else None


def role_of(text: str, name: str) -> str:
    hits = find_places(text, GAZ)
    got = roles(text, hits, segment(text, 0, len(text), KN.lexicon), KN.lexicon)
    hit = next(h for h in hits if h.surface == name)
    return got[hit.start]


# ---- 6. place roles -------------------------------------------------------------------------------


def test_roles_of_the_places_of_one_sentence() -> None:
    assert role_of("The patrol set off from the village of Gharib, 15 km east of Kobani.", "Kobani") == LANDMARK
    assert role_of("The patrol set off from the village of Gharib, 15 km east of Kobani.", "Gharib") == EVENT
    assert role_of("The patrol drove along the M4 highway, which connects Aleppo and Latakia.", "Aleppo") == DESCRIPTOR
    assert role_of("The patrol was attacked on the Amuda-Qamishli road.", "Amuda") == DESCRIPTOR
    assert role_of("The Russian vehicles returned to their base in Qamishli.", "Qamishli") == DESTINATION
    assert role_of("The wounded were taken to the hospital in Latakia.", "Latakia") == DESTINATION
    assert role_of("The talks came as tensions rose over Idlib.", "Idlib") == TOPIC


def test_a_landmark_with_an_offset_is_not_the_place_and_gives_no_length() -> None:
    ms = [
        m
        for m in run("The patrol set off from the village of Gharib, 15 km east of Kobani, on Monday.")
        if m.type == "patrol"
    ]
    assert ms[0].place is not None and ms[0].place.name == "Gharib"
    assert [p.name for p in ms[0].places] == ["Gharib"] and "km" not in dict(ms[0].figures)
    # with nothing else, the landmark is the fallback
    assert place_of("The joint patrol was conducted 30 km west of Kobani on Monday.") == "Kobani (Ayn al Arab)"


def test_road_descriptors_destinations_and_seats_never_place_the_event() -> None:
    assert place_of("The joint patrol on the M4 highway, which links Aleppo and Latakia, took place on Monday.") == (
        "M4 highway"
    )
    assert place_of(
        "The joint patrol ended near Amuda on Monday and the Russian vehicles returned to their base in Qamishli."
    ) == ("Amuda")
    attack = [
        m
        for m in run(
            "The reconciliation center at Hmeimim said three soldiers were injured in the attack on the convoy."
        )
        if m.type == "attack"
    ]
    assert attack and (attack[0].place is None or attack[0].place.name != "Hmeimim")


def test_a_causal_clause_does_not_place_the_main_event() -> None:
    text = "The Turkish no-show at the joint patrol on Monday was a result of the killing of soldiers in Idlib."
    suspension = [m for m in run(text) if m.type == "patrol_suspended"]
    assert suspension and (suspension[0].place is None or suspension[0].place.name != "Idlib")


def test_a_zone_named_with_a_topic_word_is_a_place() -> None:
    """'de-escalation' holds 'escalation', a topic word ("the escalation in Idlib"); the zone is a place."""
    assert role_of("A bomb went off in the de-escalation zone in Idlib on Tuesday.", "Idlib") == EVENT
    assert role_of("Talks dealt with the escalation in Idlib on Tuesday.", "Idlib") == TOPIC
    assert role_of("Both sides agreed on a ceasefire in Greater Idlib on March 5.", "Idlib") == TOPIC
    text = "A bomb planted by militants in the de-escalation zone in Idlib hit a joint patrol on Tuesday."
    assert place_of(text) == "Idlib"


def test_an_agreement_is_placed_at_its_venue_not_its_topic() -> None:
    assert (
        place_of("Russia and Turkey agreed on a ceasefire for Idlib in Moscow on March 5, 2020.", "agreement")
        == "Moscow"
    )


# ---- 7. places people name ---------------------------------------------------------------------------


def test_transliterations_of_route_villages() -> None:
    assert place_of("The patrol set off from Trumba on Monday.") == "Tronba"
    assert place_of("The patrol set off from the village of Tarnaba on Monday.") == "Tronba"
    # the consonants of a Syrian name whose vowels were written otherwise
    assert place_of("The patrol passed through the village of Dirna Aghi on Monday.") == "Dayruna Agha"


def test_fuzzy_matches_stay_in_the_country_and_inside_the_name() -> None:
    hits = find_places("The patrol reached the village of Zarkan on Monday.", GAZ)
    assert all(h.ref.country in (None, "SY") for h in hits)
    hits = find_places("The patrol reached Kasra near Abu Rasayn on Monday.", GAZ)
    assert "Ras al-Ayn" not in {h.ref.name for h in hits}
    hits = find_places("The patrol left the Shiraka crossing on Monday.", GAZ)
    assert all(h.ref.country in (None, "SY") for h in hits)


def test_an_operation_named_in_quotes() -> None:
    ms = [
        m
        for m in run("Turkey launched its military operation “Spring of Peace” on October 9, 2019.")
        if m.type == "military_operation"
    ]
    assert ms and "op:peace spring" in ms[0].keys


# ---- 8. text forms -----------------------------------------------------------------------------------


def test_an_all_caps_subheading_is_text_not_a_dateline() -> None:
    ms = run("THE TWELFTH JOINT PATROL WAS CARRIED OUT NEAR AMUDA ON TUESDAY")
    patrol = [m for m in ms if m.type == "patrol"]
    assert patrol and patrol[0].ordinal == 12 and patrol[0].place is not None and patrol[0].place.name == "Amuda"


def test_a_dateline_is_still_not_the_place() -> None:
    ms = run("ANKARA, June 9 - Turkish and Russian troops held a joint patrol on June 9, 2020.")
    assert all(m.place is None or m.place.name != "Ankara" for m in ms)


def test_the_province_inside_a_sentence_is_the_place_of_the_sentence_before() -> None:
    text = (
        "Turkey has reinforced its posts in Idlib. Government forces last month intensified their attacks "
        "on the province, and a joint patrol was held there on Tuesday."
    )
    assert place_of(text) == "Idlib"
    # a name after the noun names the place itself; the sentence before is not looked at
    named = "Troops were seen in Kobani. A joint patrol was held in the town of Amuda on Tuesday."
    assert place_of(named) == "Amuda"


def test_an_agreements_venue_wins_over_what_it_is_about() -> None:
    assert place_of("The two sides renewed the 2018 Sochi accord on Idlib on Tuesday.", "agreement") == "Sochi"
    assert place_of("Moscow and Ankara agreed a deal over Idlib in Sochi on Tuesday.", "agreement") == "Sochi"
    # with no venue named, what it is about is still its place
    assert place_of("Ankara and Moscow agreed a deal on Idlib on Tuesday.", "agreement") == "Idlib"


def test_a_towns_possessive_keeps_it_a_place_before_a_part_of_it() -> None:
    assert place_of("A joint patrol toured Kobani's eastern countryside on Monday.") == "Kobani (Ayn al Arab)"
    # before a name the gazetteer knows, that name is the place; a capital's possessive is its government
    assert place_of("Troops held a joint patrol on Idlib's M4 highway on Monday.") == "M4 highway"
    assert place_of("A joint patrol went to Amuda on Monday with Moscow's support.") == "Amuda"


def test_an_agreements_venue_before_a_modifier_of_the_agreement() -> None:
    assert place_of("Those in Idlib follow the Moscow additional protocol of March 5.", "agreement") == "Moscow"
    assert place_of("Those in Idlib follow the Moscow ceasefire deal of March 5.", "agreement") == "Moscow"
    # a capital that acts is still no place
    assert place_of("Those in Idlib follow what Moscow signed on March 5 as a deal.", "agreement") == "Idlib"


def test_where_a_speaker_comes_from_is_no_place_of_the_event() -> None:
    assert role_of("A CHP deputy from Mardin said the joint patrol went ahead.", "Mardin") == DESTINATION
    assert place_of("A lawmaker from Mardin said a joint patrol passed Amuda on Monday.") == "Amuda"
    # people from a village who met the patrol are there
    assert role_of("Residents from Amuda threw stones at the joint patrol.", "Amuda") == EVENT


def test_where_an_agreement_was_signed_is_its_place() -> None:
    assert place_of("The two agreed on March 5 in Moscow to halt fighting in Idlib.", "agreement") == "Moscow"
    assert place_of("On 5 March an additional protocol to the Idlib memorandum was signed in Moscow.", "agreement") == (
        "Moscow"
    )


def test_a_place_of_a_clause_without_an_event_is_not_that_of_an_event_named_for_its_time() -> None:
    text = "The hamlet lies north of the M4 highway, in an area that Ankara has held since Operation Peace Spring."
    assert place_of(text, "military_operation") is None
    # an event of the clause itself still takes the clause's place
    assert place_of("Turkey has held Tal Abyad since it launched Operation Peace Spring.", "military_operation") == (
        "Tall Abyad"
    )


def test_two_towns_that_name_a_road_are_no_place_even_with_an_adjective_before_the_road() -> None:
    text = "A bomb hit a joint patrol on the Aleppo-Latakia international road in Idlib on Monday."
    assert role_of(text, "Aleppo") == DESCRIPTOR
    assert role_of(text, "Latakia") == DESCRIPTOR
    assert place_of(text, "attack") == "Idlib"


def test_a_place_in_the_phrase_of_an_event_the_sentence_does_not_make_an_event_is_not_the_others() -> None:
    text = (
        "The air campaign launched on Thursday follows the heinous attack on Sunday near a security directorate "
        "in Ankara."
    )
    assert place_of(text, "military_operation") is None
    # a verb of the operation's own clause keeps its places
    text = "Since Thursday, Turkish jets have been bombing Amuda in an air campaign."
    assert place_of(text, "military_operation") == "Amuda"


def test_where_a_convoy_moved_towards_is_its_destination() -> None:
    text = "The convoy left the post and moved north along the M5 towards the hills of southern Idlib."
    assert role_of(text, "Idlib") == DESTINATION
    text = "The troops were moved back towards the outskirts of the town of Tal Tamr after the handover."
    assert role_of(text, "Tal Tamr") == DESTINATION
    assert role_of("Clashes broke out on the road towards Tal Tamr.", "Tal Tamr") == EVENT  # no one moved there
