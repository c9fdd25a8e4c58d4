"""The extract stage on sentences written for these tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from patroltl.dates import ground_text
from patroltl.extract import extract, figures_in
from patroltl.knowledge import Knowledge
from patroltl.models import Mention, format_interval
from patroltl.places import Gazetteer, find_places
from patroltl.text import split

GAZ = Gazetteer.load()
KN = Knowledge.bundled()


def sentences(text: str) -> list[tuple[int, int]]:
    return list(split(text, KN.lexicon))


def run(text: str, published: str | None = None) -> tuple[Mention, ...]:
    return extract(text, ground_text(text, published=published), find_places(text, GAZ))


def only(mentions: tuple[Mention, ...], type_: str) -> list[Mention]:
    return [m for m in mentions if m.type == type_]


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = "The patrol began on Nov. 1 near the U.S. base. It ended at 2 p.m. Then it rained.\nHeadline here"
    parts = [text[a:b] for a, b in sentences(text)]
    # "p.m. Then" stays one sentence: an abbreviation before a capital is ambiguous, and keeping a
    # sentence whole loses less than cutting a date from its clause.
    assert parts == [
        "The patrol began on Nov. 1 near the U.S. base.",
        "It ended at 2 p.m. Then it rained.",
        "Headline here",
    ]


def test_a_unit_after_a_number_ends_a_sentence_an_initial_does_not() -> None:
    text = (
        "Watch for strikes in the next 24-48h. After the July attack strikes rose. Fire went on until 3am. "
        "Then J. Smith left."
    )
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts == [
        "Watch for strikes in the next 24-48h.",
        "After the July attack strikes rose.",
        "Fire went on until 3am.",
        "Then J. Smith left.",
    ]


def test_a_date_where_a_period_the_deal_sets_starts_is_not_the_deals_day() -> None:
    # "150 hours from midday Wednesday" is the deadline's clock; the deal itself was the day before
    text = (
        "Putin and Erdogan agreed on Tuesday that Kurdish fighters must leave the border strip. The memorandum, "
        "reached after six hours of talks in Sochi, gives the fighters 150 hours from midday Wednesday to move."
    )
    deals = only(run(text, "2019-10-23"), "agreement")
    assert [(m.date.start, m.date.end) for m in deals] == [(date(2019, 10, 22), date(2019, 10, 22))] * 2
    # a date of the clause's own is still its date ("the truce took effect from Wednesday")
    text = "A five-day truce agreed in Ankara on Thursday took effect from Wednesday."
    (deal,) = only(run(text, "2019-10-23"), "agreement")
    assert deal.date.start == date(2019, 10, 17)


def test_a_pronoun_that_opens_a_sentence_stands_for_the_patrols_before() -> None:
    text = "Joint patrols began in November 2019. They were suspended in October 2023 and resumed in August 2024."
    got = [(m.type, format_interval(m.date)) for m in run(text, "2024-12-15")]
    assert got == [("patrol", "2019-11"), ("patrol_suspended", "2023-10"), ("patrol_resumed", "2024-08")]
    # not when the sentence before tells of no patrol, nor when the verb has an object of its own
    assert not only(run("Talks began in November 2019. They were suspended in 2023.", "2024-12-15"), "patrol_suspended")
    text = "Joint patrols began in November 2019. They suspended talks in October 2023."
    assert not only(run(text, "2024-12-15"), "patrol_suspended")


def test_a_date_between_a_determiner_and_a_deal_is_the_deals_alone() -> None:
    text = (
        "Russia said on Tuesday that Kurdish fighters had completed their withdrawal from the strip, under an "
        "Oct 22 deal reached by Erdogan and Putin in Sochi."
    )
    got = {m.type: format_interval(m.date) for m in run(text, "2019-11-02")}
    assert got == {"withdrawal": "2019-10-29", "agreement": "2019-10-22"}


def test_a_year_after_a_possessive_dates_the_event_word_it_qualifies() -> None:
    text = "After Turkey's 2019 incursion, Russian troops pulled back from their positions in December."
    (op,) = only(run(text, "2025-03-10"), "military_operation")
    assert format_interval(op.date) == "2019"


def test_a_town_taken_by_name_is_an_operation() -> None:
    text = "Fighting has raged around the dam since the factions took the city of Manbij earlier this week."
    (op,) = only(run(text, "2024-12-14"), "military_operation")
    assert op.place is not None and op.place.name == "Manbij"
    # "took" alone is any verb's
    assert not only(run("The joint patrol took place near Manbij on Tuesday.", "2024-12-14"), "military_operation")


def test_a_joint_column_is_the_patrol() -> None:
    text = "In Aleppo province, the joint column moved along a route through the settlements of Ashma and Jarkli."
    (patrol,) = only(run(text, "2021-05-20"), "patrol")
    assert patrol.place is not None and patrol.place.name == "Ashma"


def test_the_date_of_a_statement_is_not_the_date_of_the_agreement_it_cites() -> None:
    text = (
        "Turkish and Russian troops conducted a joint patrol on the M4 highway, the ministry said on March 15, "
        "2020, in line with the March 5 agreement sealed between Ankara and Moscow."
    )
    ms = run(text)
    patrol = only(ms, "patrol")[0]
    agreement = only(ms, "agreement")[0]
    assert patrol.date.start == date(2020, 3, 15) and patrol.date_from == "report"
    assert (
        agreement.date.month or agreement.date.start.month,
        agreement.date.day or agreement.date.start.day,
    ) == (3, 5)


def test_a_dated_clause_dates_every_news_event_in_it() -> None:
    ms = run("Residents attacked a joint Turkish-Russian patrol with stones near Qamishli on July 19, 2021.")
    assert {m.type for m in ms} >= {"attack", "patrol"}
    assert all(m.date.start == date(2021, 7, 19) for m in ms)
    assert all(m.place is not None and m.place.name == "Qamishli" for m in ms)


def test_plans_topics_and_denials_are_marked_planned() -> None:
    for text in (
        "Turkey and Russia will conduct joint patrols near Kobani.",
        "Officials held talks with Russia on joint patrols near Kobani on June 2, 2021.",
        "Akar said Turkish and Russian patrols would begin in Idlib soon.",
        "Russian and Turkish troops have not conducted joint patrols near Kobani since June 2021.",
    ):
        assert all(m.planned for m in only(run(text), "patrol")), text


def test_a_place_the_event_leaves_out_is_not_its_place() -> None:
    m = only(
        run(
            " date 2019-11-29 \nA joint patrol toured the countryside of Kobani, except the town of Sarrin, on Monday."
        ),
        "patrol",
    )[0]
    assert [p.name for p in m.places] == ["Kobani (Ayn al Arab)"]
    # what a deal provides for is a plan
    ms = run(
        " date 2019-10-29 \nThe deal provides for joint patrols to a depth of 10 km, excluding the city of Qamishli."
    )
    assert all(m.planned and m.place is None for m in only(ms, "patrol"))


def test_forces_that_left_a_zone_withdrew() -> None:
    ms = run(" date 2019-10-29 \nThe fighters have left the 20-km zone along the border, a minister said today.")
    assert [m.date.start for m in only(ms, "withdrawal")] == [date(2019, 10, 29)]
    # "left" of a toll is no withdrawal
    assert not only(
        run(" date 2020-08-26 \nThe blast left three soldiers wounded near Ariha on Tuesday."), "withdrawal"
    )


def test_the_deal_a_plan_is_written_in_exists() -> None:
    # "stipulated" makes the pullout a plan, not the memorandum that stipulates it
    ms = run("The pullout of the fighters was stipulated in a memorandum signed in Sochi on October 22, 2019.")
    deal = only(ms, "agreement")[0]
    assert not deal.planned and deal.date.start == date(2019, 10, 22)


def test_a_date_after_the_verb_is_not_the_deal_the_clause_names_as_its_frame() -> None:
    ms = run(
        " date 2019-11-01 \nThe first joint patrol of the two armies under the Sochi memorandum was carried out "
        "today near Amuda, the ministry said."
    )
    assert [(m.date.start, m.place and m.place.name) for m in only(ms, "patrol")] == [(date(2019, 11, 1), "Amuda")]
    assert [m.date_text for m in only(ms, "agreement")] != ["today"]
    # the deal's own clause keeps its date
    ms = run(
        " date 2021-03-04 \nThe patrols have run since November 2019 under a memorandum the two presidents "
        "signed in Sochi on 22 October of that year."
    )
    assert [m.date.start for m in only(ms, "agreement")] == [date(2019, 10, 22)]


def test_a_deal_a_participle_says_was_reached_is_no_topic() -> None:
    # "talks with" makes what it is about a topic, but not a memorandum "reached" at their end
    ms = run(
        " date 2019-10-23 \nThe minister briefed reporters on the outcome of his talks with his counterpart in "
        "Moscow and on the memorandum of understanding reached at the end of them on Tuesday."
    )
    assert [(m.planned, m.date.start) for m in only(ms, "agreement")] == [(False, date(2019, 10, 22))]
    # still a topic without it
    ms = run(" date 2019-10-23 \nThe minister held talks with his counterpart on a memorandum of understanding.")
    assert all(m.planned for m in only(ms, "agreement"))


def test_an_announced_patrol_with_a_day_is_the_patrol_of_that_day() -> None:
    """The corpus convention: "will begin on Friday" reports the patrol on the day it took place."""
    for text in (
        "Turkey and Russia will conduct a joint patrol near Kobani on June 9, 2021.",
        "Akar said Turkish and Russian patrols would begin in Idlib on June 9, 2021.",
    ):
        patrol = only(run(text), "patrol")[0]
        assert not patrol.planned and "announced" in patrol.keys, text
        assert patrol.date.start == date(2021, 6, 9)


def test_figures_read_totals_per_side_and_casualties() -> None:
    vocab = KN.vocabulary
    f = dict(figures_in("A total of eight vehicles comprising of four from each side took part.", vocab))
    assert f["vehicles"] == 8 and f["per_side"] == 4
    f = dict(figures_in("The BTR-82 armored personnel carrier escorted 50 troops along a 110 km route.", vocab))
    assert f.get("soldiers") == 50 and f.get("km") == 110
    f = dict(figures_in("The attack killed 34 Turkish troops and 3 servicemen were injured.", vocab))
    assert f["killed"] == 34 and f["injured"] == 3 and "soldiers" not in f


def test_a_capital_in_a_clock_zone_or_before_a_headline_colon_is_no_place() -> None:
    text = (
        " date 2019-10-29 \nDamascus: the militia has left the border strip\n\n"
        "The militia completed its pull-out from the border strip before 18:00 Moscow time on Tuesday, "
        "hours before the deadline expired at six in the evening Damascus time."
    )
    ms = only(run(text), "withdrawal")
    assert ms and all(
        m.place is None or m.place.name not in ("Moscow", "Damascus") for m in ms + only(run(text), "other")
    )
    # a deal named after the colon keeps its venue ("Moscow: Additional Protocol ...")
    ms = only(
        run(" date 2020-03-06 \nMoscow: Additional Protocol signed by Russia and Turkey on March 5, 2020."), "agreement"
    )
    assert any(m.place is not None and m.place.name == "Moscow" for m in ms)


def test_a_day_of_the_month_is_no_ordinal_of_the_series() -> None:
    [patrol] = only(run(" date 2021-06-16 \nThe joint patrol on the 9th passed Amuda without trouble."), "patrol")
    assert patrol.ordinal is None and format_interval(patrol.date) == "2021-06-09"
    # "was the 21st of last month" is a day too; "was the 21st" alone is the series' number
    [patrol] = only(run("The last joint patrol I logged was the 21st of last month.", "2024-12-14"), "patrol")
    assert patrol.ordinal is None and format_interval(patrol.date) == "2024-11-21"
    [patrol] = only(run("The joint patrol on Tuesday was the 21st, the ministry said.", "2024-12-14"), "patrol")
    assert patrol.ordinal == 21


def test_series_ordinals_and_local_ordinals() -> None:
    series = only(run("The first patrol took place in the area of Qamishli on November 1, 2019."), "patrol")[0]
    assert series.ordinal == 1
    local = only(run("This is the first joint patrol to be conducted in Kobani, on November 5, 2019."), "patrol")[0]
    assert local.ordinal is None
    assert only(run("The 95th such joint patrol was held near Kobani on April 11, 2022."), "patrol")[0].ordinal == 95


def test_capitals_as_actors_and_datelines_are_not_event_places() -> None:
    ms = run("ANKARA, June 9. Ankara-backed fighters attacked a joint patrol on June 9, 2021, Ankara's officials said.")
    assert all(m.place is None or m.place.name != "Ankara" for m in ms)
    # A wire's dateline in ordinary case, its agency in brackets: where the story was filed.
    for dateline in ("Istanbul (dpa) - ", "Beirut, July 14 (Reuters) - ", "Moscow (AFP) — "):
        ms = run(" date 2020-07-14 \n" + dateline + "A bomb hit a joint patrol on the M4 highway on Tuesday.")
        assert ms and all(m.place is None or m.place.name not in ("Istanbul", "Beirut", "Moscow") for m in ms)
    # A place in brackets in the text is no dateline.
    ms = run(" date 2020-07-14 \nA bomb hit a joint patrol near Ariha (Idlib) - the ministry said on Tuesday.")
    assert any(m.place is not None and m.place.name == "Ariha" for m in ms)
    ms = run(" date 2020-05-12 \nThe ceasefire was agreed upon during the March 5th Moscow meeting.")
    assert any(m.place is not None and m.place.name == "Moscow" for m in only(ms, "agreement"))


def test_a_capital_after_a_bare_of_is_the_government() -> None:
    # "the consent of Damascus" is the government; "the outskirts of Damascus" is the city.
    text = " date 2021-03-02 \nWithout the consent of Damascus, he said, urging the withdrawal of all US troops."
    assert all(m.place is None or m.place.name != "Damascus" for m in only(run(text), "withdrawal"))
    text = " date 2021-03-02 \nA bomb hit a convoy on the outskirts of Damascus on Monday."
    assert any(m.place is not None and m.place.name == "Damascus" for m in only(run(text), "attack"))


def test_the_claimant_needs_a_reporting_verb() -> None:
    m = only(run("A joint patrol was held near Kobani on June 9, 2021, the SOHR reported."), "patrol")[0]
    assert m.claimant == "SOHR"
    m = only(run("A joint patrol was held near Kobani on June 9, 2021 despite SDF objections."), "patrol")[0]
    assert m.claimant is None


def test_undated_background_events_are_dropped_or_dated_by_the_reference_chronology() -> None:
    ms = run(
        " date 2022-04-11 \nThe patrol took place in an area seized after Ankara launched Operation Peace "
        "Spring against the SDF."
    )
    ops = only(ms, "military_operation")
    assert ops and ops[0].date.start == date(2019, 10, 9)
    assert "reference chronology" in " ".join(ops[0].date.evidence)
    assert not only(run(" date 2022-04-11 \nThe sides reached some agreement at some point."), "agreement")


def test_a_name_in_title_case_names_its_event_over_a_common_verb() -> None:
    # "Operation Dawn of Freedom" is written as a name ("of" in lower case); "launched", which the
    # article uses of another offensive too, names no event
    ms = run(
        " date 2024-12-17 \nRebels launched a new offensive in the north, the third incursion this year. "
        "Talks stalled after the militia's Operation Dawn of Freedom, launched in the Tal Rifaat pocket."
    )
    assert [m.date.start for m in only(ms, "military_operation") if m.date.days == 1] == [date(2024, 11, 30)]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_extract_never_raises_and_keeps_offsets_inside_the_text(text: str) -> None:
    for m in run(text):
        assert 0 <= m.start <= m.end <= len(text)
        assert m.date.start <= m.date.end


def test_hostile_sizes_finish() -> None:
    for text in ("A" * 300_000, "Kobani " * 30_000, "9" * 200_000, " ,.;" * 60_000):
        run(text)


def test_compound_number_words_and_high_ordinals() -> None:
    vocab = KN.vocabulary
    assert dict(figures_in("Thirty-three Turkish soldiers were killed in an air strike.", vocab))["killed"] == 33
    m = only(
        run(" date 2021-03-12 \nForces conducted the 100th joint patrol in the countryside of Kobani on Thursday."),
        "patrol",
    )[0]
    assert m.ordinal == 100 and m.date.start == date(2021, 3, 11)


def test_a_convoy_is_a_joint_patrol_only_with_a_joint_cue() -> None:
    assert not run("A US military convoy of 30 trucks entered from Iraq on June 3, 2021.")
    assert [m.type for m in run("A joint convoy left the Derbisia checkpoint on June 3, 2021.")] == ["patrol"]


def test_figures_of_an_eventless_sentence_go_to_the_event_just_before() -> None:
    ms = run(
        " date 2021-06-10 \nA joint patrol was held near Kobani on June 9, 2021. There were nine vehicles in total."
    )
    assert dict(only(ms, "patrol")[0].figures)["vehicles"] == 9


def test_a_per_side_count_starts_at_a_number_not_inside_one() -> None:
    """The per-side pattern is anchored on a number's start: without that a run of digits is scanned
    again from each of its positions (48 s on "9" * 200_000)."""
    vocab = KN.vocabulary
    assert dict(figures_in("Four vehicles from each side took part.", vocab))["per_side"] == 4
    assert "per_side" not in dict(figures_in("Unit B12 from each side took part.", vocab))
    assert dict(figures_in("Some 120 from each side took part.", vocab))["per_side"] == 120


def test_a_date_that_opens_the_sentence_dates_its_main_clause() -> None:
    # "Last Friday, a convoy patrolling ... was attacked": the attack too, not only the participle
    text = (
        "Last Friday, a Russian-Turkish convoy patrolling near Derik was attacked by angry residents with "
        "stones. Officials met in Ankara."
    )
    ms = run(text, "2021-03-10")
    assert [m.date.start for m in only(ms, "attack")] == [date(2021, 3, 5)]
    assert [m.date.start for m in only(ms, "patrol")] == [date(2021, 3, 5)]


def test_a_fronted_date_does_not_date_a_known_event_named_after_it() -> None:
    # "in response to the bomb attack that killed": the attack came before; the date is the operation's
    text = (
        "On Tuesday, Turkey launched an air operation against SDF positions in response to the bomb attack "
        "that killed six civilians."
    )
    ms = run(text, "2022-11-24")
    assert [m.date_text for m in only(ms, "military_operation")] == ["On Tuesday"]
    assert [m.date_text for m in only(ms, "attack")] == [""]


def test_a_patrol_reported_after_the_patrols_were_suspended_is_the_resumption() -> None:
    text = (
        "Activists reported on Monday that Russian and Turkish forces carried out a joint patrol near Kobani, "
        "after the patrols were temporarily suspended."
    )
    types = {m.type for m in run(text, "2022-11-23")}
    assert "patrol_resumed" in types and "patrol" not in types


def test_two_days_of_a_year_still_open_are_two_patrols() -> None:
    # no publication date, so "May 5" has no year yet: it is still one day, and the sentence two patrols
    text = "On May 5 and May 7, respectively, the joint Russian-Turkish patrol drove along the M4 highway near Ariha."
    days = sorted((m.date.month, m.date.day) for m in only(run(text), "patrol"))
    assert days == [(5, 5), (5, 7)]


def test_said_friday_is_the_day_of_the_statement() -> None:
    # the weekday's expression holds the verb ("said Friday"): the statement's day, not the event's own
    text = "Turkey and Russia have resumed joint ground patrols in northern Syria, the defence ministry said Friday."
    (m,) = only(run(text, "2024-08-23"), "patrol_resumed")
    assert m.date_from == "report" and m.date.start == date(2024, 8, 23)


def test_a_joint_exercise_is_an_event_and_the_patrol_it_secures_is_not() -> None:
    text = (
        '"In the interests of ensuring the security of the joint Russian-Turkish patrol of the M4 highway, the '
        'first joint training of the Russian military police and the Turkish army took place today near Ariha", '
        "the general said."
    )
    ms = run(text, "2020-08-31")
    assert [(m.date.start, m.planned) for m in only(ms, "other")] == [(date(2020, 8, 31), False)]
    assert all(m.planned for m in only(ms, "patrol"))


def test_a_stop_with_no_date_began_with_the_incident_it_follows() -> None:
    text = (
        "A roadside bomb exploded near a joint Russian-Turkish patrol near Ariha yesterday morning, injuring "
        "three soldiers. Russia has cancelled the patrols after the explosion, the ministry said."
    )
    (stop,) = only(run(text, "2020-07-15"), "patrol_suspended")
    assert stop.date.start == stop.date.end == date(2020, 7, 14)
    assert any("began with the explosion" in e for e in stop.date.evidence)


def test_a_stop_does_not_take_the_place_of_the_incident_it_follows() -> None:
    text = (
        "A roadside bomb exploded near a joint patrol on the M4 highway yesterday morning. Russia has cancelled "
        "the patrols after the explosion, which occurred near the town of Ariha, the ministry said."
    )
    (stop,) = only(run(text, "2020-07-15"), "patrol_suspended")
    assert stop.place_text != "Ariha"
    assert stop.date.start == date(2020, 7, 14)


def test_a_patrol_after_an_incident_is_not_dated_by_it() -> None:
    # only a stop follows its cause at once: a patrol "after the attack" keeps its own time
    text = (
        "A roadside bomb exploded near Ariha yesterday morning, injuring three soldiers. Russian and Turkish "
        "troops conducted a joint patrol after the explosion, the ministry said on Friday."
    )
    patrols = only(run(text, "2020-07-17"), "patrol")
    assert patrols and all(m.date.start != date(2020, 7, 16) for m in patrols)


def test_the_date_a_running_count_starts_from_is_not_the_patrols() -> None:
    text = (
        "The Russian and Turkish militaries conducted a joint patrol near Kobani on Monday, local sources said. "
        "It was the 95th such joint patrol the two militaries have conducted since these patrols started in "
        "late 2019. The 40th joint patrol since the ceasefire of 2019 passed Ashma."
    )
    numbered = {m.ordinal: m for m in run(text, "2022-04-11") if m.ordinal}
    # the sentence only numbers the patrol just reported: it is that patrol, of Monday
    assert numbered[95].date.start == date(2022, 4, 11) and "2019" not in numbered[95].date_text
    assert numbered[40].date.start.year == 2022


def test_a_sentence_that_numbers_the_patrol_just_reported_is_that_patrol() -> None:
    text = (
        "On August 31, Russian military police and Turkish forces toured the countryside of Kobani. It is worth "
        "noting that this patrol was the 69th between the two sides."
    )
    patrols = only(run(text, "2021-09-14"), "patrol")
    assert [(m.ordinal, m.date.start) for m in patrols] == [(69, date(2021, 8, 31)), (69, date(2021, 8, 31))]


def test_a_hyphenated_operation_name_is_found_and_outweighs_a_common_phrase() -> None:
    # "air campaign" fits the Russian campaign of 2015 too; "Operation Claw-Sword" is a name
    text = "Turkey has refused to join the patrols since its air campaign, Operation Claw-Sword, against the SDF."
    (op,) = only(run(text, "2022-12-01"), "military_operation")
    assert op.date.start == date(2022, 11, 20)


def test_a_two_line_wire_brief_reads_as_english() -> None:
    from patroltl.pipeline import language_of

    brief = "Headline\n\nA Turkish military vehicle ran over a protester during a joint patrol near Derik on Friday.\n"
    assert language_of(brief, KN) == "en"
    kurmanji = "Leşkerên Tirk û Rûs li bakurê Sûriyê dewriyeyeke hevbeş pêk anîn. Dewriye li Kobanê hat kirin."
    french = "Les forces turques et russes ont mené une patrouille conjointe dans le nord de la Syrie, près de Kobani."
    assert language_of(kurmanji, KN) == language_of(french, KN) == "other"


def test_an_undated_sentence_goes_on_with_the_news_of_the_sentence_before() -> None:
    text = (
        "Protesters threw stones at a joint patrol near Derik on Friday. One man died after being hit by a "
        "Turkish armoured vehicle.\n\nA bomb killed two soldiers near Ariha."
    )
    ms = run(text, "2019-11-10")
    died = [m for m in only(ms, "attack") if m.sentence.startswith("One man")]
    assert [m.date.start for m in died] == [date(2019, 11, 8)]
    # another paragraph is not a continuation: the article's own time
    bomb = [m for m in only(ms, "attack") if m.sentence.startswith("A bomb")]
    assert [m.date_from for m in bomb] == ["published"]


def test_patrols_on_hold_are_suspended_and_patrols_agreed_are_a_plan() -> None:
    held = run("The joint patrols have been on hold since August, officials said.", "2020-10-20")
    assert [m.date.start.month for m in only(held, "patrol_suspended")] == [8]
    agreed = run("Moscow and Ankara agreed in March to run joint patrols along the M4 highway.", "2020-10-20")
    assert all(m.planned for m in only(agreed, "patrol"))


def test_the_positions_a_strike_hit_are_where_it_happened() -> None:
    ms = run("Turkish drones struck SDF positions near Tal Tamr on Wednesday, killing four fighters.", "2020-08-20")
    assert [m.place.name if m.place else None for m in only(ms, "attack")] == ["Tall Tamr"]


def test_the_first_patrol_in_weeks_is_not_the_first_of_the_series() -> None:
    text = "The joint patrol near Ariha was the first in weeks. The first joint patrol in more than a month set off."
    assert [m.ordinal for m in only(run(text, "2021-03-10"), "patrol")] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Three Russian soldiers and two Turkish soldiers were lightly wounded near Ariha.", {"injured": 5.0}),
        ("Two Russian and three Turkish soldiers were killed in the blast.", {"killed": 5.0}),
        ("Clashes left 10 civilians injured and one dead.", {"injured": 10.0, "killed": 1.0}),
        ("Clashes left one dead and 10 civilians injured.", {"injured": 10.0, "killed": 1.0}),
    ],
)
def test_casualties_of_both_sides_and_of_two_kinds(sentence: str, want: dict[str, float]) -> None:
    got = dict(figures_in(sentence, KN.vocabulary, KN))
    assert {k: got.get(k) for k in want} == want


def test_clashes_with_casualties_are_an_attack() -> None:
    ms = run(
        "Clashes with protesters near a joint patrol left 10 civilians injured and one dead on Tuesday.", "2021-03-10"
    )
    assert [dict(m.figures).get("killed") for m in only(ms, "attack")] == [1.0]


def test_a_subordinate_clause_dates_its_own_event_words() -> None:
    # "after a bomb targeted a patrol ... on 14 July": the date is the bomb's too, not only the patrol's.
    ms = run(
        " date 2020-08-25 \nPatrols were reduced after a bomb targeted a joint patrol near Ariha on 14 July, "
        "injuring soldiers."
    )
    assert [format_interval(m.date) for m in only(ms, "attack")] == ["2020-07-14"]
    # A background event of a subordinate clause still takes no date of the clause it hangs on.
    ms = run(" date 2020-08-25 \nA joint patrol was held near Ariha on 20 August, after a bomb wounded soldiers.")
    assert all(format_interval(m.date) != "2020-08-20" for m in only(ms, "attack"))


def test_soldiers_martyred_is_an_attack() -> None:
    # the English of Turkish and Arab state media
    ms = run(" date 2020-03-06 \nTurkish soldiers were martyred in an air strike on Feb. 27 in Idlib.")
    assert [format_interval(m.date) for m in only(ms, "attack")] == ["2020-02-27"]


def test_a_perfect_tense_of_no_patrols_is_a_suspension() -> None:
    ms = run(
        " date 2020-08-25 \nRussian and Turkish forces have not conducted any joint patrol on the M4 since 3 August."
    )
    assert only(ms, "patrol_suspended") and not only(ms, "patrol")


def test_a_date_that_is_an_event_words_attribute_is_its_alone() -> None:
    ms = run(
        " date 2019-11-05 \nA joint patrol was held near Kobani under the October 22 memorandum, the ministry said."
    )
    assert [format_interval(m.date) for m in only(ms, "agreement")] == ["2019-10-22"]
    assert all(format_interval(m.date) != "2019-10-22" for m in only(ms, "patrol"))


def test_a_sentence_that_goes_on_with_the_patrol_places_it() -> None:
    text = (
        " date 2019-11-08 \nResidents hurled stones at a joint Russian-Turkish patrol on Friday. Video showed "
        "boys throwing rocks as the convoy drove through a village on its way to Amuda."
    )
    assert [m.place.name if m.place else None for m in only(run(text), "patrol")] == ["Amuda"]
    # a place of its own stays; a sentence about something else lends none
    own = run(" date 2019-11-08 \nA joint patrol was pelted near Kobani on Friday. The convoy then went to Amuda.")
    assert [m.place.name if m.place else None for m in only(own, "patrol")] == ["Kobani (Ayn al Arab)"]
    other = run(" date 2019-11-08 \nA joint patrol was pelted on Friday. Residents of Amuda say they are tired.")
    assert [m.place for m in only(other, "patrol")] == [None]


def test_a_sentence_about_what_struck_the_convoy_places_the_attack_and_the_patrol() -> None:
    text = (
        " date 2021-03-09 \nA roadside bomb exploded as a joint Russian-Turkish convoy passed on Tuesday, wounding "
        "three soldiers. The device went off near Amuda, officials said."
    )
    ms = run(text)
    assert [m.place.name if m.place else None for m in only(ms, "attack")] == ["Amuda"]
    assert [m.place.name if m.place else None for m in only(ms, "patrol")] == ["Amuda"]


def test_a_device_that_hit_the_patrols_is_an_attack() -> None:
    text = (
        " date 2021-03-10 \nThe joint patrols were halted on Wednesday. In July last year, a homemade device "
        "damaged a Russian vehicle near Ariha, and Moscow ended the patrols on that road."
    )
    assert [format_interval(m.date) for m in only(run(text), "attack")] == ["2020-07"]
    # a device of no patrol, weapon or casualty is no attack
    assert not only(run(" date 2021-03-10 \nThe device was handed to the police in Amuda."), "attack")


def test_an_unplaced_headline_takes_the_known_place_named_with_a_village_the_gazetteer_lacks() -> None:
    text = (
        " date 2021-03-10 \nBomb hits joint patrol in Syria\n\nA bomb hit a joint patrol on Tuesday. The blast "
        "went off near the village of Qarat Zibbin in the Derik countryside. Last July, a bomb hit a joint convoy "
        "on the M4 highway."
    )
    heads = [m for m in only(run(text), "patrol") if m.start < 40]
    assert [m.place.name if m.place else None for m in heads] == ["Al Malikiyah"]


def test_an_unplaced_news_event_is_placed_in_a_capital_only_when_nothing_else_is_named() -> None:
    text = (
        " date 2023-10-06 \nJoint patrols halted\n\nThe joint patrols were halted on Thursday. A suicide attack "
        "in Ankara killed two officers on Sunday. Troops had patrolled near Tall Abyad on Monday."
    )
    heads = [m for m in only(run(text), "patrol_suspended") if m.start < 30]
    assert [m.place.name if m.place else None for m in heads] == ["Tall Abyad"]
    alone = run(
        " date 2023-10-06 \nJoint patrols halted\n\nThe joint patrols were halted on Thursday. A suicide attack "
        "in Ankara killed two officers on Sunday."
    )
    heads = [m for m in only(alone, "patrol_suspended") if m.start < 30]
    assert [m.place.name if m.place else None for m in heads] == ["Ankara"]


def test_an_undated_background_event_lends_no_place() -> None:
    ms = run(" date 2023-10-06 \nThe joint patrols were halted on Thursday after a suicide attack in Ankara.")
    assert [m.place for m in only(ms, "patrol_suspended")] == [None]
    ms = run(" date 2023-10-06 \nA bomb hit a joint patrol near Amuda on Thursday.")
    assert {m.place.name for m in ms if m.place} == {"Amuda"} and len(ms) == 2


def test_each_post_of_a_feed_is_of_its_date_line() -> None:
    text = (
        "Ministry feed\n\nSep 9, 2020\nThe 62nd joint land patrol was carried out near Ras al-Ayn.\n\n"
        "Sep 3, 2020\nThe 60th joint land patrol was carried out near Ad Darbasiyah.\n"
    )
    ms = run(text)
    assert sorted((m.ordinal, format_interval(m.date)) for m in only(ms, "patrol")) == [
        (60, "2020-09-03"),
        (62, "2020-09-09"),
    ]


def test_a_feeds_date_line_may_be_a_weekday_and_a_day_that_fix_the_year() -> None:
    # no year on the page: "Wednesday, 14 April" is a Wednesday in one year of the chronology's span
    text = (
        "Live map\n\nWednesday, 14 April\nRussian and Turkish forces conducted a joint patrol near Amuda.\n\n"
        "Monday, 12 April\nA joint Russian-Turkish patrol toured villages east of Kobani.\n"
    )
    ms = run(text)
    assert sorted(format_interval(m.date) for m in only(ms, "patrol")) == ["2021-04-12", "2021-04-14"]


def test_where_the_incident_took_place_refines_the_town_it_was_placed_near() -> None:
    text = (
        " date 2024-08-30 \nVillagers blocked a joint patrol near Qamishli on Thursday. The incident took place "
        "in the village of Dayruna Agha, local sources said."
    )
    assert [m.place.name if m.place else None for m in only(run(text), "patrol")] == ["Dayruna Agha"]
    # a sentence that does not say where it took place, or a village far away, refines nothing
    other = text.replace("The incident took place in", "The incident angered people of")
    assert [m.place.name if m.place else None for m in only(run(other), "patrol")] == ["Qamishli"]
    far = text.replace("Dayruna Agha", "Qara Mugh")
    assert [m.place.name if m.place else None for m in only(run(far), "patrol")] == ["Qamishli"]


def test_a_bylines_town_is_where_the_story_was_filed_not_where_it_happened() -> None:
    text = (
        "Patrols in limbo\n\nStaff and agencies in Beirut\nWed 23 Nov 2022 14.37 GMT\n\n"
        "The joint patrols that Russian and Turkish troops have run for three years have ground to a halt, "
        "residents and officials in the region said."
    )
    places = {m.place.name for m in run(text, "2022-11-23") if m.place}
    assert "Beirut" not in places


def test_a_toll_names_the_reference_event_it_fits() -> None:
    # two attacks of February 2020 killed Turkish soldiers; only one killed 34
    text = (
        " date 2020-06-01 \nTurkish and Russian troops patrolled the M4 highway on Monday. Turkey launched its "
        "operation after 34 Turkish soldiers were killed in an airstrike by regime forces."
    )
    assert [format_interval(m.date) for m in only(run(text), "attack")] == ["2020-02-27"]


def test_the_series_beginning_told_after_the_articles_patrol_is_its_history() -> None:
    text = (
        " date 2020-05-29 \nResidents threw stones at a joint patrol near Qamishli earlier this week. The joint "
        "patrols were launched under the Russian-Turkish memorandum."
    )
    patrols = only(run(text), "patrol")
    assert len(patrols) == 1 and patrols[0].date_text == "earlier this week"
    # the news of the series' start stays news
    began = only(run(" date 2019-11-01 \nTurkey and Russia began joint patrols near Darbasiyah."), "patrol")
    assert len(began) == 1 and began[0].date_from == "published"
    # (where the article's news is the series' first patrol, it stays news: the samples' TASS golden)


def test_a_city_named_as_its_province_is_no_town_of_the_event() -> None:
    ms = run(" date 2020-09-09 \nA joint patrol was held in Hasakah province near Darbasiyah on Wednesday.")
    assert [m.place.name if m.place else None for m in only(ms, "patrol")] == ["Ad Darbasiyah"]
    hits = find_places("Patrols were held in the provinces of Raqqa and Hasakah and in Aleppo.", GAZ)
    kinds = {h.surface: h.ref.kind for h in hits}
    assert kinds["Raqqa"] == kinds["Hasakah"] == "region" and kinds["Aleppo"] == "city"


def test_a_column_of_both_armies_vehicles_is_a_patrol_and_a_newspaper_column_is_not() -> None:
    ms = run(
        "A column of Russian and Turkish armoured vehicles drove along the road east of Kobani on Tuesday.",
        "2021-03-10",
    )
    assert [(m.type, format_interval(m.date)) for m in ms] == [("patrol", "2021-03-09")]
    assert not only(run("In his weekly column, the Turkish writer blamed Russian policy.", "2021-03-10"), "patrol")


def test_the_event_that_comes_after_another_does_not_take_its_date() -> None:
    # the news comes after what the after-clause tells: "last month" is the shelling's, not the patrol's
    text = (
        "Russian and Turkish forces held a joint patrol near Ain Issa on Monday. The patrol comes after "
        "factions stepped up their attacks on nearby farms last month, targeting them with drones."
    )
    patrols = only(run(text, "2021-01-19"), "patrol")
    assert [format_interval(m.date) for m in patrols] == ["2021-01-18", "2021-01-18"]


def test_an_attack_by_named_attackers_and_the_campaign_four_days_later() -> None:
    # militants who attack need no casualty to be an attack; ", and four days later" opens a clause
    # of its own, whose campaign "of drone and air strikes" is one event of that later day
    text = (
        "On June 3, three gunmen attacked a police station in Gaziantep, and two days later Turkey launched "
        "a campaign of drone and air strikes on villages near Amuda."
    )
    ms = run(text, "2022-06-20")
    assert [(m.type, format_interval(m.date)) for m in ms] == [
        ("attack", "2022-06-03"),
        ("military_operation", "2022-06-05"),
    ]


def test_factions_that_attack_positions_are_an_attack() -> None:
    # the armed groups as Arab, Turkish and Kurdish media name them, with no casualty in the sentence
    ms = run("On 14 December, Turkish-backed factions attacked SDF positions around the dam near Amuda.", "2025-01-09")
    assert [(m.type, format_interval(m.date)) for m in only(ms, "attack")] == [("attack", "2024-12-14")]


def test_a_counter_offensive_is_an_operation() -> None:
    ms = run("The army blamed the rebels and at the weekend launched a counter-offensive against them.", "2020-03-05")
    assert [(m.type, format_interval(m.date)) for m in ms] == [("military_operation", "2020-02-29..03-01")]


def test_a_shelling_that_caused_material_damage_is_an_attack() -> None:
    ms = run(
        "Last night the militia shelled two villages near Amuda with mortars, causing material damage.", "2019-11-01"
    )
    assert [(m.type, format_interval(m.date)) for m in only(ms, "attack")] == [("attack", "2019-10-31")]


def test_the_fall_of_the_regime_on_a_day_is_an_event_and_a_demanded_one_is_not() -> None:
    ms = run("No army units had been seen in the town since the fall of the regime on 8th December.", "2025-01-09")
    assert [(m.type, format_interval(m.date), m.planned) for m in ms] == [("other", "2024-12-08", False)]
    for text in (
        "In 2011 protesters in Daraa demanded the fall of the regime.",
        "In 2011 crowds in Daraa chanted that the people want the fall of the regime.",
        "Ankara demanded the withdrawal of the militia from the border strip in 2019.",
    ):
        assert all(m.planned for m in run(text, "2025-01-09")), text


def test_drones_that_struck_a_convoy_are_an_attack_and_a_deal_struck_is_not() -> None:
    ms = run("On Tuesday, Turkish drones struck a convoy of civilians heading to the dam near Manbij.", "2025-01-16")
    assert [(m.type, format_interval(m.date)) for m in ms] == [("attack", "2025-01-14")]
    assert not only(
        run("The patrols follow the deal struck in Sochi, under which the convoy moves.", "2025-01-16"), "attack"
    )


def test_the_rows_of_a_list_of_numbered_patrols_are_patrols() -> None:
    # "2nd – 5 November" is the row's number and its day, not a range of days
    text = (
        "Numbered joint patrols so far, by the ministry's count:\n"
        " * 1st – 1 November 2019 – near Amuda\n"
        " * 2nd – 5 November 2019 – east of Kobani\n"
        " - 7th: 15 November 2019 – Tal Tamr sector\n"
    )
    ms = [m for m in run(text, "2019-12-01") if m.ordinal]
    assert [(m.ordinal, format_interval(m.date)) for m in ms] == [
        (1, "2019-11-01"),
        (2, "2019-11-05"),
        (7, "2019-11-15"),
    ]
    # a ranking that is no list of patrols
    assert not [m for m in run("Medal table:\n * 2nd – 5 November 2019 – the relay team\n", "2019-12-01") if m.ordinal]


def test_the_day_of_a_chronologys_row_is_no_count_of_patrols() -> None:
    # "8 November     Third patrol": the 8 is the row's day, not eight patrols
    text = "2019\n\n8 November     Third patrol, on the Qamishli - Derik axis.\n"
    assert [(m.ordinal, format_interval(m.date)) for m in only(run(text), "patrol")] == [(3, "2019-11-08")]
    # a count is still a count: "8 patrols" in a sentence that dates none of them is the series' figure
    assert not only(run("By then 8 joint patrols had been held near Kobani.", "2019-12-01"), "patrol")


def test_where_a_statement_was_made_is_not_where_the_event_was() -> None:
    text = "The joint patrols were restarted today, the ministry announced at its weekly press briefing in Ankara."
    (m,) = only(run(text, "2024-08-22"), "patrol_resumed")
    assert m.place is None or m.place.name != "Ankara"


def test_days_listed_before_their_month_are_one_event_each() -> None:
    # "4 and 6 February": two days, one no-show each (not the range 4-6, as "between 4 and 6" is)
    text = "On 4 and 6 February Turkish units fail to appear for the joint patrols near Amuda."
    days = sorted(format_interval(m.date) for m in only(run(text, "2020-03-20"), "patrol_suspended"))
    assert days == ["2020-02-04", "2020-02-06"]
    g = ground_text("Patrols were held between 4 and 6 February 2020 near Amuda.")
    assert [format_interval(t.interval) for t in g.timexes] == ["2020-02-04..02-06"]


def test_a_capital_before_a_colon_is_the_place_of_a_chronology_row() -> None:
    # "Ankara: ..." heads the row; without the colon a capital is its government ("Ankara agreed")
    text = "2019\n\n17 October     Ankara: the United States and Turkey sign an agreement on a pause.\n"
    places = {m.place.name if m.place else None for m in run(text)}
    assert "Ankara" in places
    text = "2019\n\n17 October     Ankara and Washington sign an agreement on a pause in the offensive.\n"
    assert "Ankara" not in {m.place.name if m.place else None for m in run(text)}


def test_the_place_of_a_cause_is_not_the_place_of_the_event_it_led_to() -> None:
    """ "an air campaign opened after a bombing in Ankara": Ankara is the bombing's place (the bombing
    is not reported as an event here), not the campaign's; talks are where the deal was made."""
    ops = only(
        run("Turkey opened an air campaign in December 2023 after a bombing in Ankara.", "2024-01-10"),
        "military_operation",
    )
    assert ops and all(m.place is None or m.place.name != "Ankara" for m in ops)
    deal = only(
        run("Turkey and Russia agreed a ceasefire after talks in Moscow on Thursday.", "2020-03-06"), "agreement"
    )
    assert deal and deal[0].place is not None and deal[0].place.name == "Moscow"


@pytest.mark.parametrize(
    "sentence",
    [
        "The offensive began on December 2, a week after the November 25 bombing in Ankara.",
        "The offensive began on December 2, a week after Ankara's 25 November explosion.",
        "The offensive began on December 2, a week after the blast of 25 November in Ankara.",
    ],
)
def test_an_event_noun_its_date_names_is_an_event(sentence: str) -> None:
    """A date that names an attack word ("the November 25 bombing") makes it one attack of that day,
    without the casualties or the patrol an attack word needs otherwise; a bare word does not."""
    attacks = only(run(sentence, "2021-12-10"), "attack")
    assert [format_interval(m.date) for m in attacks] == ["2021-11-25"]
    assert not only(run("The offensive began on December 2, a week after a bombing in Ankara.", "2021-12-10"), "attack")


def test_a_news_event_told_at_that_time_is_retold_not_of_the_article() -> None:
    """ "The first patrol was cut short at that time": a time told before, not the article's day."""
    text = "The patrols began on 15 March. The first patrol was cut short at that time by a sit-in."
    patrols = only(run(text, "2020-08-26"), "patrol")
    assert patrols and all(m.date_from != "published" for m in patrols)
    now = only(run("The joint patrol was cut short by a sit-in, at the time of writing.", "2020-08-26"), "patrol")
    assert [m.date_from for m in now] == ["published"]


def test_a_deal_named_by_its_town_is_placed_there_not_where_its_clause_points() -> None:
    """ "the Sochi memorandum of September 2018, which obliged Turkey to ... in Idlib": Sochi."""
    text = (
        "Damascus accused Ankara of breaking the Sochi memorandum of September 2018, which obliged Turkey "
        "to remove heavy weapons from a zone in Idlib."
    )
    (deal,) = only(run(text, "2020-08-26"), "agreement")
    assert deal.place is not None and deal.place.name == "Sochi"
    # where it was made still wins: "agreed in Moscow to amend the Sochi memorandum"
    (amended,) = only(
        run("Russia and Turkey agreed in Moscow on Thursday to amend the Sochi memorandum.", "2020-03-06"), "agreement"
    )
    assert amended.place is not None and amended.place.name == "Moscow"


def test_an_event_weeks_after_another_of_its_type_is_two_events_that_far_apart() -> None:
    """ "The attack came six weeks after a roadside bomb struck a joint patrol": two attacks, the
    bomb six weeks before the one the sentence is about (not one attack told twice)."""
    text = (
        "A blast hit a joint patrol near Saraqib on Tuesday, wounding two soldiers.\n\n"
        "The attack came six weeks after a roadside bomb struck a joint patrol near Ariha, wounding three soldiers."
    )
    attacks = only(run(text, "2020-08-26"), "attack")
    days = sorted({format_interval(m.date) for m in attacks})
    assert days == ["2020-07-14", "2020-08-25"], [(m.date_text, format_interval(m.date)) for m in attacks]
    bomb = [m for m in attacks if format_interval(m.date) == "2020-07-14"]
    assert bomb and all(m.place is not None and m.place.name == "Ariha" for m in bomb)


def test_an_agreed_route_is_no_agreement_and_keeps_the_patrols_places() -> None:
    # "the agreed route": a participle between a determiner and a noun is an adjective
    ms = run(
        "The joint patrol covered the agreed route, from the village of Tarnaba to the village of Ain al-Hawr.",
        "2020-07-22",
    )
    assert not only(ms, "agreement")
    assert {p.name for p in only(ms, "patrol")[0].places} == {"Tronba", "Ain al-Hur"}


def test_a_landmark_set_off_after_a_place_goes_with_that_place() -> None:
    # "near Urum al-Jawz, west of Ariha": Ariha says where the village lies; the bomb hit the patrol there
    ms = run(
        "On 25 August, a joint patrol near the village of Urum al-Jawz, west of Ariha, was hit by a roadside bomb.",
        "2020-09-02",
    )
    assert only(ms, "attack")[0].place is not None
    assert only(ms, "attack")[0].place.name == only(ms, "patrol")[0].place.name == "Urum al Jawz"  # type: ignore[union-attr]


def test_a_second_that_followed_is_the_next_patrol_with_its_own_place() -> None:
    ms = run(
        "The first joint patrol took place on November 1 near the town of Darbasiyah, and a second followed "
        "on Tuesday near Kobane, where residents threw stones at the convoy.",
        "2019-11-09",
    )
    second = [m for m in only(ms, "patrol") if m.ordinal == 2]
    assert len(second) == 1 and second[0].place is not None and "Kobani" in second[0].place.name
    assert format_interval(second[0].date) == "2019-11-05"
    # "a second" that no verb follows stands for nothing
    assert not [
        m for m in run("Troops waited a second time near Kobane for the joint patrol.", "2019-11-09") if m.ordinal == 2
    ]


def test_the_nth_of_its_kind_numbers_the_patrol_but_the_first_of_its_kind_does_not() -> None:
    third = run("The patrol, the third of its kind, set out from the border near Qamishli.", "2019-11-09")
    assert only(third, "patrol")[0].ordinal == 3
    first = run("The patrol, the first of its kind, set out from the border near Qamishli.", "2019-11-09")
    assert only(first, "patrol")[0].ordinal is None


def test_a_city_before_an_adjective_and_its_streets_name_is_the_place() -> None:
    # "Istanbul's busy Istiklal Avenue": the city's part, so the city is where the bomb went off
    ms = run("A bomb on Istanbul's busy Istiklal Avenue killed six people on Nov. 13 last year.", "2023-10-02")
    assert only(ms, "attack")[0].place is not None and only(ms, "attack")[0].place.name == "Istanbul"  # type: ignore[union-attr]


def test_the_town_abroad_where_a_deal_was_struck_is_not_where_the_patrols_are() -> None:
    # "the patrols" after a sentence that names only the deal's venue: not placed in Sochi
    text = (
        "A roadside bomb struck a Russian vehicle taking part in a joint patrol in northern Syria on Thursday.\n\n"
        "Russia and Turkey have run joint patrols in parts of the north-east under a deal struck in the seaside "
        "resort of Sochi in October 2019. That deal ended an offensive launched earlier that month.\n\n"
        "The patrols, which involve military police and armoured units, have been targeted before with stones "
        "by residents, but attacks with explosives have been rare in the area."
    )
    ms = run(text, "2021-03-12")
    assert all(m.place is None or m.place.name != "Sochi" for m in ms if m.type != "agreement")


def test_a_landmark_town_says_where_on_a_road_the_event_was() -> None:
    # the road and the province are where; the town of the offset says where on the road
    ms = run(
        "The blast hit the convoy on the M4 highway a few miles west of Ain Issa, a town in Raqqa province.",
        "2021-03-12",
    )
    assert "Ayn Issa" in {p.name for p in only(ms, "attack")[0].places}


def test_an_attack_on_a_road_happened_where_the_patrol_it_struck_was() -> None:
    ms = run(
        "An explosive device went off yesterday as a joint patrol was passing along the M4 road west of Ain Issa.",
        "2021-03-12",
    )
    attack = only(ms, "attack")[0]
    assert attack.place is not None and attack.place.name == "M4 highway"
    assert "Ayn Issa" in {p.name for p in attack.places}


def test_a_shelling_that_damaged_homes_is_an_attack_placed_from_the_town_before() -> None:
    text = (
        "A roadside bomb hit a joint patrol on the M4 west of Ain Issa on Thursday.\n\n"
        "Ain Issa has seen repeated clashes. Turkish-backed fighters shelled villages north of the town on "
        "Tuesday, damaging several homes."
    )
    attacks = only(run(text, "2021-03-12"), "attack")
    shelling = [m for m in attacks if format_interval(m.date) == "2021-03-09"]
    assert len(shelling) == 1 and shelling[0].place is not None and shelling[0].place.name == "Ayn Issa"


def test_a_clause_about_a_town_named_after_the_event_does_not_date_it() -> None:
    # "Kobani, the border town that became a symbol ... in 2014": the year is the town's story
    text = (
        "Kurdish-led forces said the raids struck villages around Kobani, the border town that became a "
        "symbol of resistance in 2014, as well as the countryside near Derik on Sunday."
    )
    ops = only(run(text, "2022-11-21"), "military_operation")
    assert ops and all(m.date.start.year == 2022 for m in ops)
    # and one campaign's raids at two far-apart towns are one operation, not one at each
    assert len(ops) == 1 and {p.name for p in ops[0].places} >= {"Kobani (Ayn al Arab)", "Al Malikiyah"}


def test_a_clause_about_an_event_no_trigger_took_keeps_its_place() -> None:
    # "revenge for the bomb that tore through a street in Istanbul": Istanbul is the bomb's place
    text = (
        "Turkish warplanes pounded Kurdish positions across northern Syria on Sunday in an operation Ankara "
        "says is revenge for the bomb that tore through a busy shopping street in Istanbul."
    )
    ops = only(run(text, "2022-11-21"), "military_operation")
    assert ops and all(m.place is None or m.place.name != "Istanbul" for m in ops)


def test_an_operations_name_alone_is_the_operation_dated_by_the_chronology() -> None:
    # "the attack they call 'Peace Spring'": the name is the event word; its chronology entry dates it
    ms = run('My aunt fled after the Turkish army had begun the attack they call "Peace Spring".', "2019-11-02")
    ops = only(ms, "military_operation")
    assert len(ops) == 1 and format_interval(ops[0].date) == "2019-10-09"
    # "Operation Peace Spring" is one event word, not two; a bare name gets the operation's key
    assert (
        len(only(run("Turkey launched Operation Peace Spring on October 9, 2019.", "2019-11-02"), "military_operation"))
        == 1
    )
    bare = only(
        run("Claw-Sword, launched on November 20, 2022, was the first test.", "2023-10-10"), "military_operation"
    )
    assert "op:claw-sword" in bare[0].keys
    # the land an operation took is a place, not the operation
    assert not only(run("Patrols resumed in the Peace Spring area on Thursday.", "2024-08-23"), "military_operation")


def test_a_town_named_before_an_event_word_no_trigger_took_is_that_events_place() -> None:
    ms = run(
        "Claw-Sword, launched on November 20, 2022, a week after the Istanbul bombing, was the first test.",
        "2023-10-10",
    )
    assert only(ms, "military_operation")[0].place is None


def test_no_patrol_since_a_clause_opened_by_since_is_a_suspension() -> None:
    ms = run(
        "Observers have recorded no joint patrol in the Kobani sector since the strikes began a week ago.", "2022-11-27"
    )
    assert [m.type for m in ms] == ["patrol_suspended"]


def test_a_no_show_without_a_patrol_word_is_the_patrols_suspension() -> None:
    ms = run("The Russian unit waited for hours; it was a further no-show at al-Darbasiyah on Monday.", "2020-02-12")
    assert [(m.type, m.place.name if m.place else None) for m in ms] == [("patrol_suspended", "Ad Darbasiyah")]


def test_an_offensive_a_year_dated_deal_ended_is_of_that_year() -> None:
    text = (
        "The armies have worked together since a 2019 deal that ended a Turkish offensive against Kurdish-led forces."
    )
    ops = only(run(text, "2021-03-10"), "military_operation")
    assert len(ops) == 1 and format_interval(ops[0].date) == "2019"


def test_occupied_told_of_an_army_is_an_operation() -> None:
    text = "The area has been shelled since the Turkish state and its allies occupied Girê Spî in October 2019."
    ops = only(run(text, "2021-03-12"), "military_operation")
    assert len(ops) == 1 and format_interval(ops[0].date) == "2019-10"


def test_an_attack_the_chronology_names_by_a_proper_name_needs_no_casualty_word() -> None:
    # "the Istanbul bombing": the reference chronology's Istanbul Istiklal Avenue bombing
    ms = run(
        "Claw-Sword, launched on November 20, 2022, a week after the Istanbul bombing, was the first test.",
        "2023-10-10",
    )
    attacks = only(ms, "attack")
    assert len(attacks) == 1 and format_interval(attacks[0].date) == "2022-11-13"
    # a bombing no entry names still needs what makes it an attack
    assert not only(run("Officials discussed the bombing of the bridge in the town.", "2023-10-10"), "attack")


def test_the_sentence_after_a_lead_with_no_day_gives_its_day_and_towns() -> None:
    lead = "Turkey has carried out air strikes on Kurdish militant targets across north-eastern Syria."
    goes_on = " Turkish drones struck oil facilities on Thursday, including around Qamishli and Amuda."
    ms = only(run(lead + goes_on, "2023-10-06"), "military_operation")
    assert len(ms) == 1 and format_interval(ms[0].date) == "2023-10-05"
    assert ms[0].place is not None and ms[0].place.name == "Qamishli"
    # a day with no town is anyone's: the lead keeps the article's day
    other = only(run(lead + " Erdogan spoke to Putin by phone on Thursday.", "2023-10-06"), "military_operation")
    assert format_interval(other[0].date) == "2023-10-06"


def test_hours_after_an_event_is_its_day() -> None:
    text = (
        "Turkey carried out air strikes across north-eastern Syria on Thursday. Hours after the strikes began, "
        "a US F-16 shot down an armed Turkish drone near Hasakah, the Pentagon said."
    )
    attacks = only(run(text, "2023-10-06"), "attack")
    assert len(attacks) == 1 and format_interval(attacks[0].date) == "2023-10-05"


def test_the_number_of_an_attack_on_a_patrol_is_not_the_patrol_s() -> None:
    # "the second attack on the patrols" counts attacks: the patrol it hit is not the series' second
    text = (
        "A roadside bomb hit a joint Russian-Turkish patrol near Saraqib on Tuesday. This is the second attack on "
        "the joint patrols in a month."
    )
    patrols = only(run(text, "2021-09-14"), "patrol")
    assert patrols and all(m.ordinal is None for m in patrols)
    numbered = "On Tuesday Russian and Turkish troops held a joint patrol near Kobani. This was the second."
    assert {m.ordinal for m in only(run(numbered, "2021-09-14"), "patrol")} == {2}


def test_the_number_of_an_attack_on_the_patrols_is_the_attack_s() -> None:
    # in its own sentence, or in the next one when that one tells of no attack of its own
    text = (
        "A roadside bomb hit a joint Russian-Turkish patrol near Saraqib on Tuesday. This is the second attack on "
        "the joint patrols in a month."
    )
    assert 2 in {m.ordinal for m in only(run(text, "2021-09-14"), "attack")}
    carried = (
        "An explosive device went off as a joint Russian-Turkish patrol passed near Saraqib on Tuesday. Context: "
        "this was the third hit on a joint patrol on that road."
    )
    assert {m.ordinal for m in only(run(carried, "2021-09-14"), "attack")} == {3}
    assert all(m.ordinal is None for m in only(run(carried, "2021-09-14"), "patrol"))


def test_the_sentence_not_the_article_names_the_reference_deal_of_a_background_mention() -> None:
    # the article is full of the 2020 Moscow protocol's words; its last sentence names the 2018
    # Sochi arrangement for Idlib, which its own words (Sochi, Idlib) name better
    text = (
        "Turkey and Russia agreed a ceasefire in Moscow on March 5, which set up a security corridor along the M4 "
        "highway. The additional protocol also provides for joint patrols. An earlier arrangement for Idlib, "
        "reached in Sochi, never took hold, officials said."
    )
    deals = only(run(text, "2020-03-20"), "agreement")
    assert deals[-1].sentence.startswith("An earlier arrangement")
    assert deals[-1].date.start == date(2018, 9, 17)
    assert deals[0].date.start == date(2020, 3, 5)


def test_the_first_of_them_is_the_first_patrol() -> None:
    text = (
        "The joint patrols matter more than their size suggests. The first of them, on 1 November west of "
        "Darbasiyah, involved a handful of vehicles and lasted some four hours."
    )
    firsts = [m for m in only(run(text, "2019-11-06"), "patrol") if m.ordinal == 1]
    assert firsts and firsts[0].date.start == date(2019, 11, 1)
    assert firsts[0].place is not None and firsts[0].place.name == "Ad Darbasiyah"


def test_a_date_right_after_that_is_the_claim_s_content_not_the_claim() -> None:
    text = (
        "The Russian statement recalls that two weeks ago an explosion hit the joint column near Ariha and "
        "wounded soldiers."
    )
    (attack,) = only(run(text, "2020-09-09"), "attack")
    assert attack.date_from == "text" and attack.date_text == "two weeks ago"
    assert attack.date.end < date(2020, 9, 9) - timedelta(days=7)


def test_a_comma_ends_a_relative_clause_and_the_phrase_a_word_opened_in_it() -> None:
    from patroltl.clauses import segment

    text = "American troops, who had been stationed near Manbij since 2016, completed their withdrawal on Tuesday."
    cl = segment(text, 0, len(text), KN.lexicon)
    verb = text.index("completed")
    assert cl.groups[cl.group_at(verb)].parent == 0  # the main clause's, not inside the relative clause
    (pullback,) = only(run(text, "2019-10-16"), "withdrawal")
    assert pullback.date.start == date(2019, 10, 15)


def test_the_landmark_of_an_unknown_village_stays_when_two_words_report_one_attack() -> None:
    # "device" and "detonated" are one attack; the second word's places say where the village lies
    ms = run(
        "A bomb was detonated on Tuesday as a joint column passed near the village of Kafr Zeytoun, west of Ariha.",
        "2020-09-02",
    )
    attack = only(ms, "attack")[0]
    assert attack.place is not None and attack.place.name == "Kafr Zeytoun"
    assert "Ariha" in {p.name for p in attack.places}


def test_what_is_said_runs_on_past_its_commas_to_the_place_of_its_event() -> None:
    from patroltl.clauses import segment

    # "noted that": the patrol's clause goes on past "the north-east," to its route near Amuda,
    # which is where the patrol went, not where the memorandum after it was signed
    text = (
        "The ministry noted that a second joint patrol was held on Friday in the north-east, "
        "on a road south of Amuda, under the memorandum signed in Sochi."
    )
    cl = segment(text, 0, len(text), KN.lexicon)
    assert cl.group_at(text.index("Amuda")) == cl.group_at(text.index("patrol"))
    (patrol,) = only(run(text, "2021-03-06"), "patrol")
    assert patrol.place is not None and patrol.place.name == "Amuda"


def test_two_deals_made_in_two_towns_are_two_deals() -> None:
    text = "Patrols on the road follow the protocol signed in Moscow on 5 March to the Sochi memorandum on Idlib."
    deals = only(run(text, "2020-06-10"), "agreement")
    assert sorted(format_interval(m.date) for m in deals) == ["2018-09-17", "2020-03-05"]
    assert {m.place.name for m in deals if m.place} == {"Moscow", "Sochi"}


def test_a_deal_named_by_its_town_is_not_the_deal_a_clause_after_another_word_dates() -> None:
    # "the truce that the two sides agreed on the 17th" is the truce's; the Sochi memorandum is another
    text = "The Sochi memorandum replaces the five-day truce that the two sides agreed on the 17th."
    deals = only(run(text, "2019-10-24"), "agreement")
    by_date = {format_interval(m.date): m for m in deals}
    assert set(by_date) == {"2019-10-17", "2019-10-22"}
    assert by_date["2019-10-17"].place is None
    # its own relative clause dates the named deal itself: one deal
    text = "The Sochi memorandum, which the two presidents agreed on October 22, replaced the truce."
    assert [format_interval(m.date) for m in only(run(text, "2019-10-24"), "agreement")] == ["2019-10-22"]


def test_an_opening_offset_from_a_named_event_dates_the_main_clause_not_the_named_event() -> None:
    text = (
        "On 3 June, Russian and Turkish troops held a joint patrol near Amuda.\n\n"
        "Five days before the patrol, an explosive device struck a convoy near Tal Tamr."
    )
    ms = run(text, "2021-06-05")
    (blast,) = only(ms, "attack")
    assert format_interval(blast.date) == "2021-05-29"
    patrols = {format_interval(m.date) for m in only(ms, "patrol")}
    assert patrols == {"2021-06-03", "2021-05-29"}  # the named patrol keeps its day; the convoy is another


def test_no_patrol_since_a_date_that_opens_the_sentence_is_a_suspension() -> None:
    ms = run("Since mid-January, monitors have seen no joint patrols near Amuda.", "2025-02-20")
    assert [(m.type, format_interval(m.date)) for m in ms] == [("patrol_suspended", "2025-01-11..01-20")]


def test_a_date_in_what_an_event_follows_is_not_the_event_s() -> None:
    # "follows the fall of the former regime on 8 December": the fall's day, not the agreement's
    text = "The agreement follows the fall of the former regime on 8 December."
    ms = run(text, "2025-03-13")
    assert [(m.type, format_interval(m.date)) for m in ms] == [("other", "2024-12-08")]
    # an event that follows on a day of its own keeps it
    (second,) = [m for m in run("A second patrol followed on Tuesday near Kobani.", "2019-11-07") if m.type == "patrol"]
    assert format_interval(second.date) == "2019-11-05"
