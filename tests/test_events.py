"""Issue 14, points 1-5: how outlets report each event type, refusals, modality in scope, one
mention per predicate, figures. Every sentence is written for these tests."""

from __future__ import annotations

from datetime import date

from patroltl.clauses import segment
from patroltl.dates import ground_text
from patroltl.extract import extract, figures_in
from patroltl.knowledge import Knowledge
from patroltl.models import Mention, format_interval
from patroltl.places import find_places

KN = Knowledge.bundled()
PUB = "2020-06-10"  # a Wednesday


def run(text: str, published: str | None = PUB) -> tuple[Mention, ...]:
    return extract(text, ground_text(text, published=published), find_places(text, KN.gazetteer))


def happened(text: str, published: str | None = PUB) -> list[Mention]:
    return [m for m in run(text, published) if not m.planned]


def types(text: str, published: str | None = PUB) -> set[str]:
    return {m.type for m in happened(text, published)}


def only(text: str, type_: str) -> Mention:
    found = [m for m in happened(text) if m.type == type_]
    assert len(found) == 1, (text, [(m.type, m.planned) for m in run(text)])
    return found[0]


def figures(sentence: str) -> dict[str, float]:
    return dict(figures_in(sentence, KN.vocabulary, KN))


# ---- 1. each event type as outlets report it ---------------------------------------------------


def test_attacks_reported_by_effect_weapon_or_casualty() -> None:
    assert types("A blast hit a joint Russian-Turkish patrol near Ariha on Tuesday.") == {"attack", "patrol"}
    m = only("A bomb struck the convoy near Ariha on Tuesday, wounding two soldiers.", "attack")
    assert m.date.start == date(2020, 6, 9) and dict(m.figures).get("injured") == 2
    assert "attack" in types("The killing of a villager during the joint patrol on Friday caused outrage.")
    assert "attack" in types("An IED exploded by the roadside as the joint patrol passed on Tuesday.")
    assert "attack" in types("Eight Turkish soldiers were killed by government shelling near Saraqib on Monday.")


def test_stones_generic_attacks_and_war_deaths_are_no_attack() -> None:
    assert types("The joint patrol was pelted with stones and eggs on Tuesday, but no one was hurt.") == {"patrol"}
    assert "attack" not in types("Militants have stepped up the number of attacks on army positions this month.")
    assert "attack" not in types("Hundreds of thousands of people have been killed in the war since 2011.")
    assert "attack" not in types("The convoy used Mine-Resistant Ambush Protected vehicles on Monday.")


def test_operations_by_their_verbs() -> None:
    op = only("Turkish forces invaded northern Syria on October 9, 2019.", "military_operation")
    assert op.date.start == date(2019, 10, 9)
    # a raid is news: dated by its report like one
    assert "military_operation" in types("Russian forces carried out raids on the hills on Tuesday.")
    assert "military_operation" not in types("Critics called the new law an assault on free speech on Monday.")


def test_talks_are_the_venue_of_the_agreement_reached_there() -> None:
    ms = happened("Putin and Erdogan held talks on Idlib in Moscow on March 5, 2020 and agreed a ceasefire.")
    assert [m.type for m in ms] == ["agreement"]
    assert ms[0].place is not None and ms[0].place.name == "Moscow" and ms[0].date.start == date(2020, 3, 5)
    talks = only("Erdogan and Putin held talks in Sochi on Tuesday.", "talks")
    assert talks.place is not None and talks.place.name == "Sochi"


def test_a_patrol_by_one_army_keeps_its_type_and_shows_its_actor() -> None:
    m = only("In mid-May, a Russian patrol was confronted by villagers near Amuda.", "patrol")
    assert "solo:Russia" in m.keys and m.summary.startswith("Russian patrol")
    joint = only("Russian and Turkish forces conducted a joint patrol near Amuda on Monday.", "patrol")
    assert not any(k.startswith("solo:") for k in joint.keys) and joint.summary.startswith("Joint patrol")
    # both armies named, one of them as absent
    alone = only("Russian military police patrolled, without Turkish participation, the road near Amuda.", "patrol")
    assert "solo:Russia" in alone.keys


# ---- 2. refusal is an event; denial deletes --------------------------------------------------------


def test_refusals_and_no_shows_are_suspensions() -> None:
    for text in (
        "The Turkish side did not take part in the joint patrol on Tuesday.",
        "Turkish forces refused to participate in the joint patrol on Monday.",
        "Turkish troops failed to show up for the joint patrol on Monday.",
        "Turkish units skipped the joint patrol near Amuda on Tuesday.",
        "The joint patrols were postponed on Monday.",
    ):
        assert types(text) == {"patrol_suspended"}, text


def test_a_patrol_done_alone_because_of_a_no_show_is_the_suspension() -> None:
    text = (
        "Russian police patrolled the area alone on Tuesday after their Turkish partners did not show up for a "
        "joint patrol."
    )
    m = only(text, "patrol_suspended")
    assert m.date.start == date(2020, 6, 9)
    assert "patrol" not in types(text)


def test_a_denied_patrol_stays_denied_and_protesters_suspend_nothing() -> None:
    assert not happened("Russia and Turkey did not conduct a joint patrol on Monday.")
    assert not happened("No joint patrol was conducted near Kobani on Monday, the ministry said.")
    # a source that denies it
    assert not happened("Russia denied that a joint patrol took place near Kobani on Monday.")
    assert not happened("The ministry dismissed reports that the patrols had been suspended on Monday.")
    assert types("A joint patrol was held near Kobani on Monday; Russia denied that protesters were hurt.") == {
        "patrol"
    }
    # (a perfect tense of no patrols, "have not conducted joint patrols since March", is a lasting
    # suspension: tests/test_extract.py)
    assert "patrol_suspended" not in types(
        "Protesters refusing to accept the joint patrols blocked the road on Monday."
    )


def test_one_patrol_cut_short_is_a_patrol_the_series_stopped_is_a_suspension() -> None:
    assert types("The joint patrol was stopped near Ariha by protesters on Tuesday.") == {"patrol"}
    assert types("Russia called off the patrol following the protest on Tuesday.") == {"patrol"}
    assert types("The joint patrols on the highway have been stopped since Tuesday.") == {"patrol_suspended"}


# ---- 3. modality and negation in scope -------------------------------------------------------------


def test_the_month_may_is_not_the_modal() -> None:
    m = only("On May 5, the joint patrol reached Ariha.", "patrol")
    assert (m.date.month or m.date.start.month, m.date.day or m.date.start.day) == (5, 5)


def test_a_modal_belongs_to_the_verb_it_governs() -> None:
    only("Last year, Russia and Turkey reached an agreement that would allow civilians to return.", "agreement")
    only("Russian troops arrived in the village on Monday to begin the joint patrol.", "patrol")
    m = only("Convoys are due to run under the accord the two sides signed in May 2017.", "agreement")
    assert m.date.start == date(2017, 5, 1)
    only("Ankara will hold the towns it seized in the offensive it launched on October 9, 2019.", "military_operation")


def test_a_negation_of_another_verb_denies_nothing() -> None:
    only("Officials gave no reason for last month's suspension of the joint patrols.", "patrol_suspended")


def test_plans_threats_and_topics_stay_planned() -> None:
    assert not happened("Turkey threatened to launch a new offensive against the militia.")
    assert not happened("Turkey vowed in December to begin an offensive east of the river.")
    assert all(m.planned for m in run("Officials held talks with Russia on joint patrols.") if m.type == "patrol")


def test_an_announced_patrol_with_its_day_is_that_days_patrol() -> None:
    m = only(
        "Turkey will begin joint patrols with Russia in northern Syria on Friday, Erdogan said on Wednesday.", "patrol"
    )
    assert m.date.start == date(2020, 6, 12) and "announced" in m.keys
    assert not happened("Turkey will begin joint patrols with Russia in northern Syria.")


def test_habits_are_no_event() -> None:
    assert not happened("Russian and Turkish forces are still running joint patrols on the border.")
    assert not happened("Routine joint patrols continue east of Kobani.")


def test_the_patrol_a_bomb_hit_is_of_the_sentences_date() -> None:
    for text in (
        "On 4 June, a roadside bomb near Ariha hit the joint Russian-Turkish patrol.",
        "• Thu 4 Jun — A roadside bomb near Ariha hit the 20th joint patrol; two soldiers were hurt.",
    ):
        patrol = next(m for m in happened(text) if m.type == "patrol")
        assert patrol.date.start == patrol.date.end == date(2020, 6, 4), text
    # an event named after a preposition of cause is a known one, of before
    known = [
        m for m in happened("On Tuesday, Turkey struck back in response to the bomb attack.") if m.type == "attack"
    ]
    assert all(m.date.start != date(2020, 6, 9) for m in known)


def test_a_stop_told_as_a_gerund_is_a_suspension() -> None:
    assert types("Russia said on Tuesday it was suspending joint patrols with Turkey in Hasakah province.") == {
        "patrol_suspended"
    }
    assert "patrol_suspended" in types(
        "Russian troops waited for hours on Monday near Amuda before cancelling the patrols."
    )


def test_one_of_the_habits_events_is_an_event() -> None:
    ms = happened("On Monday, Russian and Turkish troops held one of their regular joint patrols near Kobani.")
    assert [m.type for m in ms] == ["patrol"] and ms[0].date.start == date(2020, 6, 8)


# ---- 4. one mention per predicate, each with its own date --------------------------------------


def test_three_predicates_three_dates() -> None:
    ms = happened("The patrols, launched in March 2020, were halted in May and restarted on 3 June.")
    by_type = {m.type: m.date for m in ms}
    assert by_type["patrol"].start == date(2020, 3, 1)
    assert by_type["patrol_suspended"].start == date(2020, 5, 1)
    assert by_type["patrol_resumed"].start == date(2020, 6, 3)


def test_a_when_clause_takes_the_date_it_follows_not_the_report_date() -> None:
    m = only(
        "They had carried out 120 patrols until March, when Ankara stopped them, a spokesman said on Friday.",
        "patrol_suspended",
    )
    assert (m.date.start, m.date.end) == (date(2020, 3, 1), date(2020, 3, 31))
    assert "patrol" not in types("They had carried out 120 patrols until March, a spokesman said on Friday.")


def test_two_dates_of_a_plural_are_two_events() -> None:
    ms = happened("Two joint patrols were conducted on May 22 and June 2.")
    assert sorted((m.date.start.month, m.date.start.day) for m in ms if m.type == "patrol") == [(5, 22), (6, 2)]


def test_the_first_since_a_date_resumes_and_the_date_is_the_interruption() -> None:
    text = "The latest patrol, conducted last week, was the first of its kind since September 2019."
    ms = {m.type: m for m in happened(text)}
    assert ms["patrol_resumed"].date.end <= date(2020, 6, 10) and ms["patrol_resumed"].date.start >= date(2020, 5, 31)
    assert ms["patrol_suspended"].date.start == date(2019, 9, 1)


def test_a_subordinate_clause_keeps_its_date_and_its_event_to_itself() -> None:
    ms = {m.type: m for m in happened("The patrol took place on Monday, after the deal was signed on March 5, 2020.")}
    assert ms["patrol"].date.start == date(2020, 6, 8) and ms["agreement"].date.start == date(2020, 3, 5)
    # a background event of an "after" clause does not take the article's date
    assert types("Troops carried out a joint patrol near Amuda on Monday, after the patrols were suspended.") == {
        "patrol_resumed"
    }


def test_a_stop_of_something_else_is_no_pause_of_the_patrols() -> None:
    # "withdrew from", "pulled out of" stop their object: the town, not the patrols
    for stop in ("withdrew from the town", "pulled out of the area"):
        text = f"Russian military police began patrolling around Manbij on Monday after US forces {stop}."
        assert "patrol_resumed" not in types(text) and "patrol" in types(text)
    # but the patrols themselves, yes
    text = "Turkey withdrew from the joint patrols with Russia on Monday."
    assert "patrol_suspended" in types(text)


def test_clauses_of_a_sentence() -> None:
    text = "The patrol, which set off on Monday, was halted after the blast and resumed later."
    cl = segment(text, 0, len(text), KN.lexicon)
    kinds = [cl.groups[p.group].kind for p in cl.pieces]
    assert kinds[:3] == ["main", "relative", "main"] and "subordinate" in kinds and "coordinate" in kinds
    assert cl.same(text.index("patrol"), text.index("halted"))
    assert not cl.same(text.index("patrol"), text.index("set off"))


def test_background_events_dated_by_their_own_words_or_by_what_ended_them() -> None:
    m = only("The patrols resumed under the terms of a 2019 Russian-Turkish agreement on Monday.", "agreement")
    assert (m.date.start, m.date.end) == (date(2019, 1, 1), date(2019, 12, 31))
    op = only("The two leaders reached a deal in October 2019 to end an eight-day offensive.", "military_operation")
    assert (op.date.start, op.date.end) == (date(2019, 10, 1), date(2019, 10, 31))
    assert not [m for m in happened("The two leaders discussed the offensive.") if m.type == "military_operation"]
    # and the other way round: the deal that ended a dated offensive came in its month
    deal = only("The patrols began under the memorandum that ended the offensive of October 9, 2019.", "agreement")
    assert (deal.date.start, deal.date.end) == (date(2019, 10, 1), date(2019, 10, 31))
    assert any("ended the offensive" in why for why in deal.date.evidence)
    # the ending deal's own date is its finest, not another of its clause ("since November 2019")
    text = (
        "The patrols have run since November 2019 under a memorandum signed on 22 October 2019,"
        " which stopped the offensive known as Operation Peace Spring."
    )
    op = only(text, "military_operation")
    assert (op.date.start, op.date.end) == (date(2019, 10, 1), date(2019, 10, 31))


# ---- 5. figures that mean what they say ----------------------------------------------------------


def test_per_side_and_conjoined_counts() -> None:
    assert figures("Six Russian and Turkish military vehicles took part.")["vehicles"] == 6
    assert figures("Three armored vehicles from each side took part.")["vehicles"] == 6
    assert figures("A total of six vehicles, three from each side, took part.")["vehicles"] == 6
    f = figures("The convoy had five Turkish and three Russian armoured vehicles.")
    assert (f["vehicles"], f["turkish_vehicles"], f["russian_vehicles"]) == (8, 5, 3)
    assert figures("About 40 troops from both countries took part.")["soldiers"] == 40


def test_distances_offsets_depths_and_conversions() -> None:
    assert "km" not in figures("The patrol set off from a village 12 km east of Amuda.")
    assert figures("The patrols will run in a 20-km-deep strip.") == {"depth_km": 20}
    f = figures("They drove a 64-kilometer (40-mile) route some 5 km from the Turkish border.")
    assert f == {"km": 64, "depth_km": 5}
    assert figures("The joint patrol covered a 25-mile route.") == {"miles": 25}


def test_casualty_forms_and_things_that_are_no_counts() -> None:
    assert figures("A mine went off, injuring four Russian soldiers.")["injured"] == 4
    assert figures("It left three servicemen slightly injured.")["injured"] == 3
    assert figures("The killing of 11 soldiers raised tensions.")["killed"] == 11
    assert figures("Twelve people were hospitalised.")["hospitalised"] == 12
    assert figures("A man tried to climb onto one of the vehicles.") == {}
    assert "soldiers" not in figures("It damaged one Russian and one Turkish armored personnel carrier.")
    assert figures("The convoy had 6 units of military equipment.") == {"vehicles": 6}


def test_running_totals_are_the_series_figure_not_an_event() -> None:
    assert not [m for m in happened("Until May 2020, 150 joint patrols had been conducted.") if m.type == "patrol"]
    # a few patrols of one day are that day's news
    assert [
        m.type for m in happened("Russian and Turkish forces held two joint patrols on Wednesday near Kobani.")
    ] == ["patrol"]
    assert "patrol" in types("9 September: Turkish and Russian forces conducted two joint patrols near Kobani.")


def test_a_count_told_one_by_one_is_that_many_events() -> None:
    text = (
        "9 September: Turkish and Russian forces conducted two separate joint patrols, one west of Kobani"
        " and another east of Ras al-Ain near Abu Rasin."
    )
    patrols = [m for m in happened(text) if m.type == "patrol"]
    assert [m.place.name if m.place else None for m in patrols] == ["Kobani (Ayn al Arab)", "Ras al-Ayn"]
    assert {(m.date.start, m.date.end) for m in patrols} == {(date(2019, 9, 9), date(2019, 9, 9))}
    # parts fewer than the count, or "one of them", tell nothing apart
    assert len([m for m in happened(text.replace("another east", "east")) if m.type == "patrol"]) <= 1
    assert not [
        m
        for m in happened("9 September: they held three patrols, one of them near Kobani, and Amuda.")
        if m.type == "patrol" and m.place and m.place.name == "Amuda"
    ]


def test_series_ordinals() -> None:
    assert only("The forty-ninth joint patrol took place on Monday.", "patrol").ordinal == 49
    assert only("It was the sixtieth joint patrol in the region, held on Monday.", "patrol").ordinal == 60
    assert only("On Monday this patrol was the 71st between the two sides.", "patrol").ordinal == 71
    m = only(
        "On Monday they held the second joint patrol during Ramadan, and the 19th since the patrols began.", "patrol"
    )
    assert m.ordinal == 19
    assert only("Troops held the first joint patrol in Syria in 2021 on Friday.", "patrol").ordinal is None
    assert only("It was the third patrol to complete its entire route on Monday.", "patrol").ordinal is None
    # "the first since ...": the first after a pause, not the series' first
    assert only("Troops held a joint patrol on Thursday, the first since Tuesday's bombing.", "patrol").ordinal is None
    # a month after the verb dates the series' first; right after the noun it scopes the count
    assert only("The first such patrol took place in November 2019.", "patrol").ordinal == 1
    assert only("The first joint patrol in November went to Amuda on Monday.", "patrol").ordinal is None


def test_a_series_that_begins_is_its_first_patrol() -> None:
    assert only("Turkey and Russia began joint patrolling near the border on Friday.", "patrol").ordinal == 1
    assert only("Joint Turkish-Russian patrols started on Friday near the town.", "patrol").ordinal == 1
    # one patrol that begins, a numbered one, and the series' start as background are not
    assert only("The convoy arrived and then began the joint patrol on Friday.", "patrol").ordinal is None
    assert only("Troops began their fourth joint ground patrols on Friday.", "patrol").ordinal == 4
    m = only("On Friday a joint patrol was held, the 30th since joint patrols began in the area.", "patrol")
    assert m.ordinal == 30


def test_a_ministry_that_acknowledged_it_dates_the_statement() -> None:
    # "acknowledged", "admitted", "conceded": reporting verbs; the day is the statement's, not the patrol's
    for verb in ("acknowledged", "admitted", "conceded"):
        text = f"The Reconciliation Center {verb} on Thursday that the joint patrol near Amuda had been rerouted."
        assert only(text, "patrol").date_from == "report", verb


def test_the_turkish_name_of_kobani_is_kobani_beside_a_town_far_east() -> None:
    # the Turkish Defence Ministry and Anadolu write "Ayn el-Arap"; beside Derbasiye, 200 km east,
    # a fuzzy match that far would be left unresolved
    text = "Joint patrols were carried out today near Ayn el-Arap and Derbasiye, the ministry said."
    assert sorted(m.place.name for m in run(text, None) if m.type == "patrol" and m.place) == [
        "Ad Darbasiyah",
        "Kobani (Ayn al Arab)",
    ]


def test_a_spokesman_who_revealed_it_dates_the_statement() -> None:
    text = "Russia had suspended joint patrols on the M4 highway, Maria Zakharova revealed on August 14."
    assert only(text, "patrol_suspended").date_from == "report"


def test_a_report_dated_lead_stays_a_statement_beside_its_headline() -> None:
    """The headline takes the lead's date; the lead does not then take it back from the headline as
    a date of the text (its date is the statement's, the suspension may be days before it)."""
    text = (
        "Russia Suspends Joint Patrols On M4 Highway\n\n"
        "Russia had suspended joint patrols with Turkey on the M4 highway, Maria Zakharova revealed on August 14."
    )
    lead = [m for m in happened(text) if m.sentence.startswith("Russia had")]
    assert [m.date_from for m in lead] == ["report"]


def test_the_patrols_that_started_are_the_series_start_not_a_route() -> None:
    assert only("The patrols started last week, after the militia withdrew.", "patrol").ordinal == 1
    assert only("The patrols started from the village of Shirk on Friday.", "patrol").ordinal is None


def test_a_count_of_patrols_in_two_towns_is_no_single_patrol() -> None:
    # one report of two patrols far apart would join them: told one by one, they are two
    text = "On Wednesday Turkish and Russian forces held two joint patrols, one near Kobani and one near Amuda."
    assert sorted(m.place.name for m in happened(text) if m.type == "patrol" and m.place) == [
        "Amuda",
        "Kobani (Ayn al Arab)",
    ]
    assert "patrol" not in types(
        "On Wednesday Turkish and Russian forces held two joint patrols near Kobani and Amuda."
    )


def test_a_named_campaign_and_the_aggression_of_state_media_are_operations() -> None:
    assert "military_operation" in types("Turkey launched the Peace Spring campaign in October 2019.")
    assert "military_operation" in types(
        "The Turkish regime has been waging an aggression on the region since October."
    )
    # not without a military actor
    assert "military_operation" not in types("The ministry began a vaccination campaign on Monday.")


def test_two_words_of_one_patrol_keep_the_more_precise_place() -> None:
    text = "On 3 December a joint patrol, the 41st in the Jazira region, toured villages near Amuda with 8 vehicles."
    (patrol,) = [m for m in happened(text) if m.type == "patrol"]
    assert patrol.place is not None and patrol.place.name == "Amuda"
    # an agreement keeps where it was reached, not the town of the other deal it amends (which is
    # a deal of its own)
    text = "The patrols are held under the protocol signed in Moscow on March 5 to the Sochi memorandum."
    (deal,) = [m for m in happened(text) if m.type == "agreement" and format_interval(m.date) == "2020-03-05"]
    assert deal.place is not None and deal.place.name == "Moscow"


def test_the_series_start_told_as_background_is_not_the_headlines_patrol() -> None:
    text = (
        "Protester dies as Turkish-Russian patrol drives through north-east Syria\n\n"
        "A man has died after a Turkish vehicle drove into protesters during a joint patrol, officials said.\n\n"
        "The joint Turkish-Russian patrols began a week ago under a deal the two presidents struck on 22 October.\n\n"
        "On 5 November, a patrol near Kobane was also pelted with stones.\n"
    )
    headline = next(m for m in happened(text, "2019-11-08") if m.sentence.startswith("Protester"))
    assert headline.date_text != "a week ago"


def test_patrols_of_two_sectors_in_one_sentence_are_two() -> None:
    def places(text: str) -> list[str]:
        return sorted(m.place.name for m in happened(text) if m.type == "patrol" and m.place)

    both = ["Ad Darbasiyah", "Kobani (Ayn al Arab)"]
    # two numbers
    assert (
        places("The 28th joint patrol was held near Derbasiye and the 13th joint patrol near Kobani on Tuesday.")
        == both
    )
    # a plural word at towns too far apart for one patrol
    assert places("Turkish and Russian troops held joint patrols near Derbasiye and Kobani on Tuesday.") == both
    # a count told one by one after its date
    text = "Troops carried out two joint patrols on Tuesday, one near Derbasiye in the east and one west of Kobani."
    assert places(text) == both
    # but one patrol between two towns near each other stays one
    assert places("A joint patrol drove between Amuda and Darbasiyah on Tuesday.") == ["Amuda"]


def test_an_ordinal_with_no_noun_where_patrols_are_told_is_a_patrol() -> None:
    def numbered(text: str) -> list[tuple[int | None, str | None]]:
        return sorted(
            (m.ordinal, m.place.name if m.place else None) for m in happened(text) if m.type == "patrol" and m.ordinal
        )

    text = "The 71st patrol was carried out east of Kobani, while the 72nd took place in the countryside of Amuda."
    assert numbered(text) == [(71, "Kobani (Ayn al Arab)"), (72, "Amuda")]
    text = (
        "The patrols began on November 1 near Darbasiyah. The second, on Nov. 5, went through villages north of Kobani."
    )
    assert (2, "Kobani (Ayn al Arab)") in numbered(text)
    # not where no patrol is being told
    assert not [m for m in happened("The second, on Nov. 5, went to the market near Kobani.") if m.type == "patrol"]


def test_the_series_end_told_as_its_death_is_a_suspension() -> None:
    assert "patrol_suspended" in types("By late August, the M4 patrols had quietly ended.")
    assert "patrol_suspended" in types("The joint patrols on the M4 have been dead since August.")
    # one patrol that ended its route somewhere is a patrol
    assert types("The joint patrol ended near Kobani on Monday.") == {"patrol"}
    assert "patrol_suspended" not in types("The joint patrols ended in Darbasiyah on Monday.")


def test_a_date_after_of_is_its_event_words_own() -> None:
    text = "The joint patrols have been held under the Sochi memorandum of October 2019 since November 1, 2019."
    deal = only(text, "agreement")
    assert (deal.date.start, deal.date.end) == (date(2019, 10, 1), date(2019, 10, 31))


def test_the_seat_of_whoever_tells_it_is_not_where_it_happened() -> None:
    text = "A bomb hit a joint patrol on Tuesday, wounding three soldiers, officials in Moscow said."
    assert only(text, "attack").place is None
    assert only(text.replace("officials in", "it happened near"), "attack").place is not None


def test_of_two_reference_events_as_well_named_the_one_nearer_the_article() -> None:
    # "in Sochi" names the 2018 Idlib deal and the 2019 memorandum alike: an article of 2020 means the later
    deal = only("Russia says the patrols protect the peace agreed in Sochi.", "agreement")
    assert deal.date.start == date(2019, 10, 22)


def test_an_event_n_days_after_another_is_dated_by_it() -> None:
    ms = {
        m.type: m
        for m in happened("Russia halted the patrols a day after the July 14 bombing near Ariha.", "2020-07-23")
    }
    assert ms["patrol_suspended"].date.start == date(2020, 7, 15)
    text = "Russia has put its joint patrols on hold, a day after a roadside bomb damaged a vehicle near Derik."
    ms = {m.type: m for m in happened(text, "2020-07-23")}
    assert (ms["patrol_suspended"].date.start, ms["attack"].date.start) == (date(2020, 7, 23), date(2020, 7, 22))
    ms = {
        m.type: m
        for m in happened("The patrols resumed on 20 July, two weeks after the attack near Ariha.", "2020-07-23")
    }
    assert ms["attack"].date.start == date(2020, 7, 6)


def test_the_events_after_n_days_after_are_dated_by_the_statement_or_the_clause_before() -> None:
    text = "Russia said on Monday that it had suspended patrols, a day after a bomb hit a joint patrol near Ariha."
    ms = {m.type: m for m in happened(text, "2020-07-23")}
    assert ms["attack"].date.start == ms["patrol"].date.start == date(2020, 7, 19)
    text = (
        "The ministry accused Ankara on Monday of failing to secure the road, a day after the first patrol was halted."
    )
    (patrol,) = [m for m in happened(text, "2020-07-23") if m.type == "patrol"]
    assert patrol.date.start == date(2020, 7, 19)


def test_a_suicide_attack_is_an_attack_without_a_patrol_or_a_casualty_in_its_sentence() -> None:
    ms = happened("The pause came days after the suicide attack in Ankara on 1 October 2019.")
    assert [(m.type, m.date.start) for m in ms if m.type == "attack"] == [("attack", date(2019, 10, 1))]
    assert "attack" not in types("The rocket was found in a field near Amuda on Monday.")


def test_undated_news_in_a_sentence_whose_news_is_dated_happened_that_day() -> None:
    text = (
        "A joint patrol was forced to turn back on Monday after residents of a village near Amuda blocked its "
        "route, and a woman was injured when an armoured vehicle ran her over, local sources said."
    )
    ms = {m.type: m for m in happened(text)}
    assert ms["attack"].date.start == ms["patrol"].date.start == date(2020, 6, 8)
    # a sentence that dates its events apart keeps them apart
    text = "Russia put the joint patrols on hold, a day after a roadside bomb damaged a vehicle near Derik."
    ms = {m.type: m for m in happened(text)}
    assert (ms["patrol_suspended"].date.start, ms["attack"].date.start) == (date(2020, 6, 10), date(2020, 6, 9))


def test_an_aircraft_shot_down_and_a_wave_of_strikes_are_events() -> None:
    ms = happened("The crisis was the worst since Turkey shot down a Russian warplane in 2015.")
    assert [(m.type, m.date.start.year) for m in ms] == [("attack", 2015)]
    assert not happened("The crowd shot down the proposal in 2015.")
    ms = happened("In October 2019 Turkish warplanes and drones began a wave of strikes on oil fields.")
    assert [m.type for m in ms] == ["military_operation"]
    assert not happened("Dock workers went on strikes in Mersin in October 2019.")


def test_the_patrol_an_attack_struck_is_of_the_attacks_day_not_the_articles_lead() -> None:
    text = (
        "A joint patrol ran the whole M4 corridor on Monday. Reminder: a 4 Jun IED attack on a joint patrol "
        "near Ariha lightly injured three servicemen."
    )
    patrols = sorted(m.date.start for m in happened(text) if m.type == "patrol")
    assert patrols == [date(2020, 6, 4), date(2020, 6, 8)]


def test_a_deal_told_apart_from_another_is_named_as_a_given_not_planned() -> None:
    for phrase in ("should not be confused with", "is not to be mistaken for", "must be distinguished from"):
        text = f"The Idlib arrangement {phrase} the October 2019 Sochi memorandum on the north-east, analysts say."
        deals = [m for m in run(text, "2020-11-02") if m.type == "agreement" and "2019" in m.date_text]
        assert deals and not any(m.planned for m in deals), phrase


def test_a_courtesy_of_official_statements_is_no_plan_but_a_wish_is() -> None:
    text = (
        "We would like to note that the Kurdish armed units left the 30-kilometre zone within the agreed time "
        "frame, before the 150-hour period expired."
    )
    [left] = [m for m in run(text, "2019-10-30") if m.type == "withdrawal"]
    assert not left.planned
    [left] = [m for m in run(text.replace("like to note", "like to point out"), "2019-10-30") if m.type == "withdrawal"]
    assert not left.planned
    text = "Moscow would like to resume the joint patrols on the M4 highway soon."
    assert all(m.planned for m in run(text, "2020-09-10") if m.type in ("patrol", "patrol_resumed"))


def test_a_strike_on_one_target_is_an_attack_a_wave_of_strikes_an_operation() -> None:
    text = (
        "Referring to the air strike on Monday, the president said the attack by Russia on the training centre "
        "was a message."
    )
    assert [m.type for m in run(text, "2020-10-28")] == ["attack"]
    text = (
        "Turkish warplanes carried out air strikes on targets across north-east Syria on Thursday, the ministry said."
    )
    assert [m.type for m in run(text, "2023-10-06")] == ["military_operation"]


def test_how_an_event_should_be_read_is_no_plan_of_it() -> None:
    text = "Turkish troops withdrew from the post at Morek on Tuesday. The withdrawal should not be read as a retreat."
    pullouts = [m for m in run(text, "2020-10-21") if m.type == "withdrawal"]
    assert len(pullouts) == 2 and not any(m.planned for m in pullouts)
    # a possibility is still one
    [maybe] = [m for m in run("A withdrawal could follow within weeks.", "2020-10-21") if m.type == "withdrawal"]
    assert maybe.planned


def test_a_date_before_an_event_named_as_a_given_is_the_clauses_before_it() -> None:
    text = (
        "The patrols on the M4, which links Latakia and Aleppo, began on March 15 under an agreement "
        "reached in Moscow earlier that month."
    )
    ms = {m.type: m for m in happened(text, "2020-07-15")}
    assert ms["patrol"].date.start == date(2020, 3, 15)
    assert ms["agreement"].date.start != date(2020, 3, 15)
    # a date after the event's own word is still its own
    ms = {m.type: m for m in happened("Under the agreement of March 5, patrols began on March 15.", "2020-07-15")}
    assert ms["agreement"].date.start == date(2020, 3, 5) and ms["patrol"].date.start == date(2020, 3, 15)


def test_an_incursion_told_by_its_troops_and_dated_by_the_time_its_clause_follows() -> None:
    text = "The patrols grew out of the crisis of October 2019, when Turkey sent troops across the border."
    ms = [m for m in happened(text) if m.type == "military_operation"]
    assert [(m.date.start, m.date.end) for m in ms] == [(date(2019, 10, 1), date(2019, 10, 31))]


def test_a_date_after_a_claim_and_a_clause_of_its_own_is_no_claims_date() -> None:
    text = "Turkey blamed militants it said had come from Syria, and days later its warplanes began a wave of strikes."
    ms = [m for m in happened("On June 1 a bomb went off in Amuda. " + text) if m.type == "military_operation"]
    assert [(m.date.start, m.date.end) for m in ms] == [(date(2020, 6, 3), date(2020, 6, 7))]


def test_an_event_named_by_its_date_has_happened_whatever_its_clause_plans() -> None:
    text = "Residents fear Russia will use the attack as a pretext to scrap the March agreement with Turkey."
    deals = [m for m in happened(text, "2020-07-15") if m.type == "agreement"]
    assert [(m.date.start, m.date.end) for m in deals] == [(date(2020, 3, 1), date(2020, 3, 31))]
    assert [m.type for m in happened("Russia may abandon the 2018 Sochi deal.")] == ["agreement"]
    # one named by no date is still the plan it is
    assert not happened("Russia will sign an agreement with Turkey next week.")


def test_a_memo_is_the_memorandum_it_abbreviates() -> None:
    deals = [m for m in happened("The patrols run under the Sochi memo of October 22.") if m.type == "agreement"]
    assert [m.date.start for m in deals] == [date(2019, 10, 22)]


def test_an_event_amid_another_is_of_its_clauses_time() -> None:
    text = "The joint patrols had been suspended in October 2019 amid a Turkish air campaign against the YPG."
    ms = {m.type: m for m in happened(text)}
    assert ms["military_operation"].date.start == date(2019, 10, 1) == ms["patrol_suspended"].date.start
    # and a generic "air campaign" names no reference event of another year
    assert not [m for m in happened("Ankara said the air campaign is only the beginning.") if m.date.start.year == 2015]


def test_an_attack_told_in_the_present_of_a_headline_or_a_timeline() -> None:
    assert "attack" in types("• 4 June – An IED blast near Ariha on the M4 wounds three Russian servicemen.")
    assert "attack" in types("Roadside bomb kills two soldiers near Ariha on Thursday")
    assert "attack" not in types("The new law kills the old plan, the minister said on Thursday.")


def test_a_strike_that_killed_soldiers_is_an_attack_and_what_it_prompted_happened() -> None:
    text = (
        "Turkey lost 33 soldiers in a single airstrike in Idlib on Feb. 27, prompting Ankara to launch"
        " Operation Spring Shield."
    )
    assert types(text) == {"attack", "military_operation"}
    # a raid without casualties stays an operation
    assert types("Russian jets carried out airstrikes on rebel positions near Ariha on Monday.") == {
        "military_operation"
    }


def test_a_patrol_back_after_a_long_time_is_the_resumption() -> None:
    # the after-clause is only a length of time: the interruption, told by how long it lasted
    assert types("Turkish and Russian troops were back on joint patrol east of Kobani after eight months.") == {
        "patrol_resumed"
    }
    assert types("Joint patrols are back in the Derik countryside after almost a year.") == {"patrol_resumed"}
    # what came before, named: no pause
    assert types("Russian and Turkish forces held a joint patrol near Amuda after a week of shelling.") == {"patrol"}


def test_the_russians_and_the_turks_are_the_parties() -> None:
    m = only("The Turks said they drove a joint patrol with the Russians near Amuda on Monday.", "patrol")
    assert {"Russia", "Turkey"} <= set(m.actors)


def test_no_patrol_since_a_date_is_the_suspension_of_that_date() -> None:
    m = only("Villagers near Amuda said they had seen no joint patrol since Sunday.", "patrol_suspended")
    assert format_interval(m.date) == "2020-06-07" and not m.planned
    # denied without "since": nothing happened, no event
    assert types("Villagers near Amuda said there was no joint patrol on Sunday.") == set()


def test_a_patrol_stopped_in_an_after_clause_resumes_nothing() -> None:
    # the stop and its patrol stand in the same after-clause: no later patrol resumed the series
    found = types("Moscow blamed Ankara on Monday after a joint patrol on the M4 highway was cut short on Sunday.")
    assert "patrol_resumed" not in found
    # a patrol of the main clause after a stop is the resumption
    assert "patrol_resumed" in types(
        "Troops held a joint patrol near Amuda on Monday, after the patrols were suspended."
    )


def test_an_act_before_a_gerund_is_of_the_main_clauses_time() -> None:
    # "before calling off": the same subject's next act, the same Monday; and a meeting point is a place
    ms = happened(
        "Russian troops waited for hours at a meeting point near Amuda on Monday before calling off the patrols."
    )
    assert [(m.type, format_interval(m.date), m.place.name if m.place else None) for m in ms] == [
        ("patrol_suspended", "2020-06-08", "Amuda")
    ]
    # before a clause of its own, it is background: its event takes no date of the main clause
    ms = happened("Patrols resumed near Amuda on Monday, weeks before the patrols were halted again.")
    assert [m.type for m in ms] == ["patrol_resumed"]


def test_patrols_carried_out_since_a_date_began_then() -> None:
    m = only("The joint patrols have been carried out since November 2019 under the Sochi agreement.", "patrol")
    assert "ordinal:1" in m.keys and format_interval(m.date) == "2019-11"


def test_staying_away_on_two_weekdays_is_two_no_shows() -> None:
    text = "Turkish units stayed away from the joint patrols near Amuda on Tuesday and Thursday last week."
    days = sorted(format_interval(m.date) for m in happened(text) if m.type == "patrol_suspended")
    assert days == ["2020-06-02", "2020-06-04"]  # PUB is Wednesday 10 June: the week before it


def test_the_present_of_headlines_and_chronologies_agrees() -> None:
    assert "agreement" in types("17 October 2019     The United States and Turkey agree a five-day pause in Ankara.")


def test_a_patrol_cut_short_took_place() -> None:
    # "cut short" shortens one patrol's route: the patrol, not a suspension of the series
    text = (
        "The joint patrols began on March 15, after the Moscow protocol, but the first run was cut short by "
        "protesters near al-Nayrab."
    )
    assert types(text) == {"patrol"}


def test_a_negotiated_pause_in_the_fighting_is_a_truce() -> None:
    # a pause two sides negotiate in an offensive is an agreement, held where it was negotiated
    text = "A five-day pause negotiated with the US envoy in Ankara on October 17, 2019 slowed the offensive."
    m = only(text, "agreement")
    assert (format_interval(m.date), m.place.name if m.place else None) == ("2019-10-17", "Ankara")
    # a pause of the patrols is none
    assert "agreement" not in types("The pause in the joint patrols near Amuda ended on Monday.")


def test_fire_named_by_its_weapon_is_an_attack() -> None:
    text = "On Monday, as the joint patrol passed, residents reported artillery fire on a village near Tal Tamr."
    assert format_interval(only(text, "attack").date) == "2020-06-08"
    # without a casualty or a patrol it hit, fire is no attack of its own
    assert "attack" not in types("The artillery fire could be heard from Tal Tamr on Monday.")


def test_an_undated_lead_of_a_background_type_is_the_articles_news() -> None:
    # the first sentence after the headline tells the article's own news, a deal as well as a patrol
    lead = "After six hours of talks, the two presidents signed a memorandum on the north-east of the country."
    assert [(m.type, format_interval(m.date)) for m in happened(lead)] == [("agreement", PUB)]
    # ... not a deal it tells as background beside a news event, nor one later in the article
    ms = happened("A joint patrol went near Amuda under a memorandum the presidents signed. " + lead)
    assert [m.type for m in ms] == ["patrol"]


def test_an_unplaced_report_is_placed_where_the_articles_news_of_its_day_was() -> None:
    # the article's news is at Amuda; the background it retells (weeks before) twice names Kobani
    text = (
        "Joint patrol held in Syria\n\nRussian and Turkish troops held a joint patrol west of Amuda on Tuesday. "
        "Earlier, Russian military police patrolled Kobani on May 20. They patrolled Kobani again on May 21."
    )
    headline = [m for m in happened(text) if m.sentence.startswith("Joint patrol held")]
    assert [m.place.name if m.place else None for m in headline] == ["Amuda"]


def test_a_toll_told_in_the_next_sentence_makes_its_event_an_attack() -> None:
    text = "On Monday, a drone targeted a car on the road near Tal Tamr. Two civilians were wounded in the strike."
    m = min((m for m in happened(text) if m.type == "attack"), key=lambda m: m.start)
    assert (format_interval(m.date), m.place.name if m.place else None) == ("2020-06-08", "Tall Tamr")
    # a toll of another event, after the word that names it again, is not this one's
    other = (
        "Since Monday, jets have been bombing the villages near Tal Tamr. Ankara launched the strikes after "
        "blaming the bombing in Istanbul, in which six people lost their lives, on the militia."
    )
    assert "attack" not in {m.type for m in happened(other) if m.start == 0}


def test_a_verb_coordinated_inside_a_relative_clause_goes_on_with_it() -> None:
    text = (
        "In late December its units, which had been stationed near Amuda and had conducted the joint patrols, "
        "withdrew to Qamishli airport."
    )
    cl = segment(text, 0, len(text), KN.lexicon)
    assert cl.same(text.index("In late"), text.index("withdrew"))
    assert not cl.same(text.index("In late"), text.index("joint patrols"))
    # so the date that opens the sentence is the withdrawal's, not the patrols'
    assert [(m.type, format_interval(m.date)) for m in happened(text) if m.type == "withdrawal"] == [
        ("withdrawal", "2019-12-20..12-31")
    ]


def test_then_after_a_noun_is_an_adverb_not_a_coordinator() -> None:
    text = "The patrols that Russian and Turkish troops then began in November 2019 became a symbol of the deal."
    cl = segment(text, 0, len(text), KN.lexicon)
    assert cl.same(text.index("that Russian"), text.index("November 2019"))
    assert [format_interval(m.date) for m in happened(text) if m.type == "patrol"] == ["2019-11"]
    # after a comma or "and" it still opens a coordinated clause
    text = "The patrol was halted in May, then restarted on 3 June."
    cl = segment(text, 0, len(text), KN.lexicon)
    assert not cl.same(text.index("halted"), text.index("restarted"))


def test_a_relative_clause_without_commas_ends_at_the_main_verb() -> None:
    text = (
        "The Russian units that had run joint patrols near Amuda since November 2019 pulled out of their bases "
        "in December."
    )
    cl = segment(text, 0, len(text), KN.lexicon, [text.index("since November") + 6])
    assert cl.same(text.index("The Russian"), text.index("pulled out"))
    assert not cl.same(text.index("The Russian"), text.index("since November"))
    got = {m.type: format_interval(m.date) for m in run(text, "2025-03-11") if not m.planned}
    assert got["withdrawal"] == "2024-12" and got["patrol"] == "2019-11"
    # a name is no verb, and "that" after a verb opens what is said, not a relative clause
    named = "The deal that the Turkish Armed Forces signed in March held until the autumn."
    cl = segment(named, 0, len(named), KN.lexicon)
    assert not cl.same(named.index("The deal"), named.index("signed"))
    said = "It added, noting that it was the latest of the patrols carried out under the deal reached in Moscow."
    cl = segment(said, 0, len(said), KN.lexicon)
    assert cl.same(said.index("carried"), said.index("reached"))


def test_a_withdrawal_is_news() -> None:
    # the statement's day dates the withdrawal it reports, as it does a patrol
    got = happened("Kurdish units had completed their pullback from the strip, the minister said on Monday.")
    assert [(m.type, format_interval(m.date)) for m in got] == [("withdrawal", "2020-06-08")]


def test_two_named_operations_of_one_sentence_are_two_events_each_with_its_own_year() -> None:
    text = "Ankara ran Operation Olive Branch in Afrin in 2018 and Operation Peace Spring in 2019."
    got = sorted(format_interval(m.date)[:4] for m in happened(text, "2022-11-20") if m.type == "military_operation")
    assert got == ["2018", "2019"]
    # the year before "and" ends its conjunct; the one after opens the next
    text = "Troops fought Operation Euphrates Shield near Jarabulus in 2016 and Operation Olive Branch in 2018."
    got = sorted(format_interval(m.date)[:4] for m in happened(text, "2022-11-20") if m.type == "military_operation")
    assert got == ["2016", "2018"]


def test_a_few_deals_counted_then_told_one_by_one_are_that_many_events() -> None:
    text = (
        "The two capitals had already signed two memoranda: one in March 2017 on the border crossings, "
        "and another in May 2018 on the observation posts."
    )
    got = sorted(format_interval(m.date) for m in happened(text, "2020-06-10") if m.type == "agreement")
    assert got == ["2017-03", "2018-05"]
    # a count told as one thing stays one
    text = "The two capitals had signed two memoranda in May 2018 on the border crossings."
    assert len([m for m in happened(text, "2020-06-10") if m.type == "agreement"]) == 1


def test_a_date_right_after_an_event_word_the_sentence_does_not_make_an_event_is_not_the_other_events() -> None:
    # the attack has no casualty or patrol in its sentence: no event, but "on Sunday" is its date
    text = "The air campaign follows the heinous attack on Sunday outside the police headquarters in Ankara."
    assert [
        m for m in happened(text) if m.type == "military_operation" and format_interval(m.date) == "2020-06-07"
    ] == []


def test_a_date_inside_what_a_claim_says_is_of_its_content_not_of_the_claim() -> None:
    text = "The ministry announced that air operations launched yesterday evening had destroyed 30 targets."
    got = [(m.type, format_interval(m.date)) for m in happened(text)]
    assert got == [("military_operation", "2020-06-09")]


def test_a_date_in_the_possessive_of_a_noun_that_is_no_event_word_is_no_date_of_the_events() -> None:
    text = "The ministry postponed the joint patrols until further notice after Monday's earthquake."
    assert [format_interval(m.date) for m in happened(text) if m.type == "patrol_suspended"] != ["2020-06-08"]
    # of an event word, it is that event's date
    text = "Monday's joint patrol near Amuda passed without incident."
    assert [format_interval(m.date) for m in happened(text) if m.type == "patrol"] == ["2020-06-08"]


def test_a_verb_left_out_of_the_second_conjunct_reports_a_second_event_with_its_own_place_and_date() -> None:
    text = "Turkish forces seized Afrin in 2018 and Tal Abyad and Ras al-Ain in 2019."
    got = sorted(
        (format_interval(m.date), m.place.name if m.place else None)
        for m in happened(text, "2022-11-20")
        if m.type == "military_operation"
    )
    assert [d for d, _ in got] == ["2018", "2019"]
    assert got[0][1] == "Afrin"
    assert got[1][1] in {"Tall Abyad", "Ras al-Ayn"}  # the places of its own part, not Afrin


def test_a_time_allowed_for_an_event_is_a_deadline_not_the_event() -> None:
    text = "Kurdish units were given 150 hours to pull out of the strip, the ministry said on Monday."
    assert [m for m in happened(text) if m.type == "withdrawal"] == []


def test_a_withdrawal_told_in_any_tense_is_one() -> None:
    for text in (
        "Russian military units are withdrawing from their positions near Ain Issa, local sources said on Monday.",
        "Russian troops have withdrawn from their base near Tal Tamr, a monitor said on Monday.",
        "Russia withdraws troops from Tal Tamr base, sources said on Monday.",
    ):
        kinds = {m.type for m in run(text, "2024-12-10") if not m.planned}
        assert "withdrawal" in kinds, text


def test_a_retreat_and_positions_given_up_are_withdrawals_an_abandoned_plan_is_not() -> None:
    for text in (
        "Kurdish fighters retreated from the border strip near Tal Abyad on Tuesday, a monitor said.",
        "Russian units abandoned their positions near Ain Issa on Monday, residents said.",
        "On Tuesday, Turkish troops began packing up the observation post near Morek.",
        "Moscow said on Tuesday that the pull-back of the Kurdish units from the border strip was finished.",
        "The pull-out of US troops from the Manbij area was completed on Tuesday, officials said.",
    ):
        assert "withdrawal" in {m.type for m in run(text, "2020-10-21") if not m.planned}, text
    plan = "Officials abandoned the plan for a second meeting on Monday, the ministry said."
    assert "withdrawal" not in {m.type for m in run(plan, "2020-10-21")}


def test_forces_that_left_their_base_withdrew_but_a_patrol_that_left_its_base_set_out() -> None:
    left = "Russian units left the base near Tal Tamr on Monday and moved to the Qamishli airfield."
    assert "withdrawal" in {m.type for m in run(left, "2024-12-20")}
    patrol = "The joint patrol left the base at 9 am and toured three villages near Kobani on Monday."
    assert {m.type for m in run(patrol, "2021-06-09")} == {"patrol"}


def test_a_time_given_until_is_a_deadline_not_the_event() -> None:
    text = "Under the deal reached in Sochi on Tuesday, the Kurdish militia has until next week to pull back."
    pullbacks = [m for m in run(text, "2019-10-23") if m.type == "withdrawal"]
    assert pullbacks and all(m.planned for m in pullbacks)


def test_the_town_where_a_deal_set_a_period_is_not_the_place_of_the_event() -> None:
    text = (
        "Shoigu told Putin on Tuesday that the withdrawal from the border strip had been completed, hours before "
        "the 150-hour period set in Sochi ran out."
    )
    (pullback,) = [m for m in run(text, "2019-10-30") if m.type == "withdrawal"]
    assert pullback.place is None or pullback.place.name != "Sochi"


def test_a_post_given_up_is_a_withdrawal_an_evacuation_of_the_wounded_is_not() -> None:
    post = "Turkish forces began dismantling their observation point in Morek on Tuesday, local sources said."
    assert "withdrawal" in {m.type for m in run(post, "2020-10-21")}
    wounded = "Civil defence teams evacuated the wounded from the zone on Tuesday, local sources said."
    assert "withdrawal" not in {m.type for m in run(wounded, "2020-10-21")}


def test_a_town_that_names_a_format_or_a_deal_is_not_where_another_event_happened() -> None:
    text = (
        "Iran, a guarantor of the Astana process, has always called for the withdrawal of foreign forces, the "
        "ministry said on Tuesday."
    )
    pullbacks = [m for m in run(text, "2020-10-21") if m.type == "withdrawal"]
    assert pullbacks and all(m.place is None or m.place.name != "Astana" for m in pullbacks)


def test_a_deal_called_by_its_town_lends_the_town_to_no_other_event() -> None:
    text = "The Sochi text does not cover the area taken in Operation Peace Spring, officials said on Tuesday."
    ops = [m for m in run(text, "2019-10-30") if m.type == "military_operation"]
    assert ops and all(m.place is None or m.place.name != "Sochi" for m in ops)


def test_the_fall_of_a_government_is_an_event_at_its_capital_named_by_the_chronology() -> None:
    from patroltl.models import Document
    from patroltl.pipeline import process

    text = (
        "Qamishli, 10 January 2025\n\n"
        "Russian troops have stayed at the Qamishli airport since the collapse of the Assad regime, "
        "a local official said on Friday."
    )
    [fall] = [m for m in process(Document(path="fall.txt", text=text), KN).mentions if m.type == "other"]
    assert format_interval(fall.date) == "2024-12-08"  # the reference chronology's day
    assert fall.place is not None and fall.place.name == "Damascus"  # its place, from the chronology
    # a day the text gives that is not the entry's: no place from it
    text = (
        "Qamishli, 10 January 2025\n\nJoint patrols stopped on 28 November. Eleven days later came the fall of Assad."
    )
    [later] = [m for m in process(Document(path="later.txt", text=text), KN).mentions if m.type == "other"]
    assert format_interval(later.date) == "2024-12-09" and later.place is None


def test_an_operation_named_by_the_chronology_takes_its_town_and_a_town_spelled_its_own_way_stays() -> None:
    from patroltl.models import Document
    from patroltl.pipeline import process

    text = "Ankara, 12 May 2019\n\nThe militia has kept its guns since Operation Olive Branch began last year."
    [op] = [m for m in process(Document(path="ob.txt", text=text), KN).mentions if m.type == "military_operation"]
    assert op.place is not None and op.place.name == "Afrin"  # the chronology's place of the operation
    # a report that spells the entry's own town its way keeps that spelling (the event's aliases)
    text = "Turkish troops evacuated the observation post at Morek on Tuesday."
    doc = Document(path="mk.txt", text=text, published="2020-10-21")
    [left] = [m for m in process(doc, KN).mentions if m.type == "withdrawal"]
    assert left.keys  # it names the reference event of that day
    assert left.place is not None and left.place.surface == "Morek" and left.place_text == "Morek"


def test_two_wordings_of_the_idlib_offensive_are_the_reference_event_of_december_2019() -> None:
    """Background told two ways, to the month only and with no town: the Russian-backed offensive
    of December 2019 is one reference event, at its province."""
    from tests.test_crossdate import chronicle_of, event_of

    one = (
        "one.txt",
        "Published 4 March 2020\n\nThe 2018 deal unravelled as government forces, backed by Russian air power, "
        "pressed an offensive since December, the monitor said on Wednesday.",
    )
    two = (
        "two.txt",
        "Published 9 March 2020\n\nA Russian-backed regime offensive launched in December last year pushed nearly "
        "a million people towards the border, aid groups said on Monday.",
    )
    events, _ = chronicle_of(one, two)
    ev = event_of(events, "one.txt", "military_operation")
    assert {sm.article_path for sm in ev.members} == {"one.txt", "two.txt"}
    assert format_interval(ev.date) == "2019-12-19"
    assert ev.place is not None and ev.place.name == "Idlib"


def test_the_rebel_offensive_of_november_2024_is_dated_by_its_name() -> None:
    text = (
        "Published 10 January 2025\n\nRussian troops have left two bases near Qamishli since the offensive "
        "called Deterrence of Aggression swept through Aleppo, residents said on Thursday."
    )
    [op] = [m for m in run(text, None) if m.type == "military_operation"]
    assert format_interval(op.date) == "2024-11-27"


def test_a_special_forces_raid_is_an_operation_dated_by_the_reference_chronology() -> None:
    text = (
        "Published 30 October 2019\n\nThe Russian patrols started days after the US special operations raid "
        "that killed Islamic State leader Abu Bakr al-Baghdadi in Idlib province."
    )
    [raid] = [m for m in run(text, None) if m.type == "military_operation"]
    assert format_interval(raid.date) == "2019-10-26"


def test_the_violence_on_the_syrian_coast_gives_its_year_to_an_undated_report() -> None:
    text = (
        "Coast violence\n\nGunmen loyal to the former regime attacked security forces on the Syrian coast near "
        "Jableh on 6 March, killing dozens, activists said."
    )
    [attack] = [m for m in run(text, None) if m.type == "attack"]
    assert format_interval(attack.date) == "2025-03-06"


def test_the_us_pull_out_from_manbij_is_dated_by_the_reference_chronology() -> None:
    text = (
        "Published 16 October 2019\n\nRussian soldiers took over an abandoned base near Manbij after American "
        "forces pulled out, the ministry said."
    )
    [left] = [m for m in run(text, None) if m.type == "withdrawal"]
    assert format_interval(left.date) == "2019-10-15"


def test_the_sdf_integration_deal_gives_its_year_to_an_undated_report() -> None:
    text = (
        "Integration deal\n\nThe SDF commander Mazloum Abdi and the interim president signed on 10 March an "
        "agreement to integrate the force's institutions into the state, the presidency said."
    )
    deals = [m for m in run(text, None) if m.type == "agreement"]
    assert deals and all(format_interval(m.date) == "2025-03-10" for m in deals)


def test_a_strike_on_a_camp_is_an_attack_where_the_camp_is() -> None:
    # what a strike hits is where it was: "a camp in Idlib" is no destination ("taken to a hospital in")
    [hit] = [
        m
        for m in happened("A Russian strike hit a camp in Idlib on Monday, killing dozens of fighters.")
        if m.type == "attack"
    ]
    assert hit.place is not None and hit.place.name == "Idlib"
    taken = happened("The wounded were taken to a hospital in Ariha on Monday after the attack on the patrol.")
    assert all(m.place is None or m.place.name != "Ariha" for m in taken)
    # plural strikes on one target, and "the strikes targeted" it, are an attack too
    for text in (
        "Today, Monday, Russian warplanes carried out air strikes on a camp used by the faction near Kafr Takharim.",
        "The strikes targeted a training camp of the faction at Jabal Duwayli in the north of Idlib province.",
    ):
        assert "attack" in {m.type for m in happened(text)}, text
    # ... not strikes over a region, even beside a bombing the chronology names: the operation keeps its town
    text = (
        "After a bombing on Istanbul's Istiklal Avenue on November 13 killed six people, Turkey began Operation "
        "Claw-Sword a week later, with air strikes on targets in northern Syria, including around Kobani."
    )
    [op] = [m for m in happened(text, None) if m.type == "military_operation"]
    assert op.place is not None and op.place.name == "Kobani (Ayn al Arab)"


def test_a_bombardment_that_caused_deaths_is_an_attack() -> None:
    text = "The talks came a week after the death of 33 Turkish soldiers in a bombardment on 27 February."
    [attack] = [m for m in happened(text) if m.type == "attack"]
    assert dict(attack.figures).get("killed") == 33


def test_the_evacuation_of_morek_and_the_blast_near_mseibin_have_their_years() -> None:
    text = (
        "Posts\n\nTurkish troops began dismantling their observation post at Morek on 20 October.\n\n"
        "An IED went off beside the joint patrol near Mseibin on 25 August, injuring three soldiers."
    )
    got = {m.type: format_interval(m.date) for m in run(text, None) if m.type in ("withdrawal", "attack")}
    assert got == {"withdrawal": "2020-10-20", "attack": "2020-08-25"}


def test_the_kurdish_withdrawal_from_the_border_strip_has_its_year() -> None:
    text = (
        "Strip cleared\n\nKurdish fighters completed their withdrawal from the 30-km zone along the border on "
        "October 29, the monitor said."
    )
    [left] = [m for m in run(text, None) if m.type == "withdrawal" and "October" in m.sentence]
    assert format_interval(left.date) == "2019-10-29"


def test_a_keyword_that_is_another_place_names_the_other_deal_of_the_sentence() -> None:
    # the article is about the Sochi memorandum; the pause announced in Ankara is the US-Turkey deal,
    # though "the Sochi arrangement" that replaced it is named in its sentence too
    text = (
        "Kurdish fighters leave the border strip\n\nThe withdrawal was a condition of the memorandum Putin and "
        "Erdogan signed in Sochi, Russia's defence minister said on Tuesday.\n\n"
        "A five-day pause brokered by Vice President Mike Pence was announced in Ankara and was later replaced "
        "by the Sochi arrangement."
    )
    [pause] = [m for m in run(text, "2019-10-29") if m.type == "agreement" and "Pence" in m.sentence]
    assert format_interval(pause.date) == "2019-10-17"


def test_the_day_a_clause_tells_is_the_main_clause_s_day_too() -> None:
    text = (
        "On October 5, Turkey began an air campaign against energy facilities near Hasakah. The same day the "
        "campaign began, a U.S. F-16 shot down a Turkish armed drone near Hasakah."
    )
    [down] = [m for m in run(text, "2023-10-12") if m.type == "attack"]
    assert format_interval(down.date) == "2023-10-05"


def test_a_chronology_line_may_name_the_place_of_its_event() -> None:
    from patroltl.knowledge.chronology import read_chronology

    [with_place, without] = read_chronology(
        "date\ttype\tname\tkeywords\tsource\tparties\tplace\n"
        "2024-12-08\tother\tFall\tfall\tsrc\t\tDamascus\n"
        "2019-10-22\tagreement\tSochi\tsochi\tsrc\tRussia|Turkey\n"
    )
    assert with_place.place == "Damascus" and without.place == ""


def test_the_fall_of_the_capital_keeps_its_place_beside_another_town_of_the_sentence() -> None:
    from patroltl.models import Document
    from patroltl.pipeline import process

    text = (
        "Published 10 December 2024\n\n"
        "Notes for the wrap: the fall of Damascus on Sunday, rebels took Tal Rifaat on Monday, talks on a truce."
    )
    [fall] = [m for m in process(Document(path="notes.txt", text=text), KN).mentions if m.type == "other"]
    assert format_interval(fall.date) == "2024-12-08"
    assert fall.place is not None and fall.place.name == "Damascus"


def test_how_news_words_the_end_of_the_assad_government() -> None:
    for phrase in (
        "after the fall of Bashar al-Assad's government",
        "since insurgents toppled President Bashar Assad",
        "after the collapse of the Baath regime",
    ):
        text = f"Russian troops left two bases in the north-east on 12 December 2024, days {phrase}."
        assert "other" in {m.type for m in run(text, "2024-12-13")}, phrase
    [fall] = run("The government of President Bashar al-Assad collapsed on 8 December.", "2024-12-13")
    assert fall.type == "other" and format_interval(fall.date) == "2024-12-08"


def test_a_town_taken_by_an_army_is_a_military_operation() -> None:
    for sentence in (
        "The post has been cut off since regime forces overran the town of Khan Sheikhun in August last year.",
        "The post was isolated after the Syrian army's liberation of Khan Sheikhoun in August 2019.",
        "Government forces took control of Maarat al-Numan in January, the monitor said.",
    ):
        assert only(sentence, "military_operation").date.precision == "month", sentence
    # a name with the word in it, or a town no army took, is no operation
    assert "military_operation" not in types("The National Front for Liberation said it shelled army posts on Monday.")
    assert "military_operation" not in types("Residents said they felt liberated when the convoy left on Monday.")


def test_a_raid_counted_in_martyrs_is_an_attack_a_commando_raid_is_not() -> None:
    assert only("More than 40 martyrs fell in the Russian raid on the camp this morning.", "attack")
    assert only("Dozens of soldiers were killed in an air raid on Thursday.", "attack")
    assert "attack" not in types(
        "It came days after a special operations raid that killed the group's leader on Sunday."
    )


def test_troops_leaving_a_post_are_a_withdrawal() -> None:
    assert only("On Tuesday, Turkish troops began leaving their observation post at Morek.", "withdrawal")
    assert "withdrawal" not in types("The patrol was leaving the village of Ashma when stones were thrown on Tuesday.")


def test_that_month_of_a_named_deal_is_the_deals_day() -> None:
    text = (
        "The patrols grew out of the crisis of October 2019. That month, President Recep Tayyip Erdogan and "
        "President Vladimir Putin met in Sochi and agreed that Kurdish fighters would pull back from the border."
    )
    deal = only(text, "agreement")
    assert (deal.date.start, deal.date.end) == (date(2019, 10, 22), date(2019, 10, 22))


def test_a_relative_clause_after_an_event_word_dates_that_event_too() -> None:
    text = "A little-known group claimed the explosion that hit a joint patrol near Ariha last month."
    attack = only(text, "attack")
    assert (attack.date.start, attack.date.end) == (date(2020, 5, 1), date(2020, 5, 31))
    # set off by a comma, the clause restricts nothing: the explosion keeps its own time
    aside = "A little-known group claimed the explosion, which recalled the one that hit a patrol last month."
    assert all(m.date_text != "last month" for m in happened(aside) if m.type == "attack")


def test_another_event_of_the_same_day_is_of_the_news_day_not_of_the_background_day_before_it() -> None:
    # "On the same day ... another (a separate) patrol": of the day of the patrol the article
    # reports, not of the protocol's day the background sentence before it told
    text = (
        "Turkish and Russian troops on Thursday held a joint patrol on the M4 highway near Saraqib.\n\n"
        "Patrols on the road follow the protocol the two presidents agreed in Moscow on 5 March.\n\n"
        "On the same day, the two armies held another joint patrol in the countryside of Kobani."
    )
    patrols = [m for m in happened(text, "2020-07-24") if m.type == "patrol"]
    kobani = [m for m in patrols if "Kobani" in m.sentence]
    assert kobani and {format_interval(m.date) for m in kobani} == {"2020-07-23"}
    # without "another", "separate" or "also", the same day is the day told before it
    text_plain = text.replace("held another joint patrol", "held a joint patrol")
    plain = [m for m in happened(text_plain, "2020-07-24") if m.type == "patrol" and "Kobani" in m.sentence]
    assert {format_interval(m.date) for m in plain} == {"2020-03-05"}
