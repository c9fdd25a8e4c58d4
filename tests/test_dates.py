"""Tests for patroltl.dates: sentences here are written for the tests, not copied from articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from patroltl.dates import (
    Grounding,
    Timex,
    format_interval,
    ground_text,
    parse_date_arg,
)
from patroltl.knowledge import Knowledge
from patroltl.models import EARLIEST, LATEST, DateInterval


def find(g: Grounding, words: str) -> Timex:
    for t in g.timexes:
        if words in t.text:
            return t
    raise AssertionError(f"no timex containing {words!r} in {[t.text for t in g.timexes]}")


def fmt(g: Grounding, words: str) -> str:
    return format_interval(find(g, words).interval)


HEADER = " date 2021-06-16 \n"  # a Wednesday


# ---------------------------------------------------------------------------------------------
# Publication date
# ---------------------------------------------------------------------------------------------


def test_metadata_wins_over_header() -> None:
    g = ground_text(" date 2021-06-16 \nNothing happened.", published="2021-06-18T08:00:00Z")
    assert format_interval(g.published) == "2021-06-18"
    assert g.published.precision == "day"
    assert any("metadata" in e for e in g.published.evidence)


def test_the_page_outvotes_a_metadata_day_none_of_its_own_readings_agrees_with() -> None:
    # the metadata (a guess from a related story's link) against the page's timestamp line and its
    # dateline or address, which agree on another day: the page wins, and says why
    text = (
        "Leaders agree on patrols\n(Agency)   08:31, October 23, 2019\n\n"
        "SOCHI, Oct. 22 (Agency) -- The two presidents on Tuesday agreed on joint patrols."
    )
    g = ground_text(text, published="2019-10-18")
    assert format_interval(g.published) == "2019-10-23" and "outvoted" in g.published.evidence[0]
    assert fmt(g, "on Tuesday") == "2019-10-22"
    g = ground_text(
        text.replace("SOCHI, Oct. 22 (Agency) -- ", ""), published="2019-10-18", url="https://x.cn/n3/2019/1023/c9.html"
    )
    assert format_interval(g.published) == "2019-10-23"
    # one reading against the metadata is not a majority: the metadata stands
    assert (
        format_interval(ground_text(text.replace("SOCHI, Oct. 22 (Agency) -- ", ""), published="2019-10-18").published)
        == "2019-10-18"
    )


def test_a_day_of_this_month_that_is_a_named_reference_day_gives_the_month_of_publication() -> None:
    text = (
        "Patrols resumed on Monday under the Moscow ceasefire agreement of the fifth of this month, which Putin signed."
    )
    g = ground_text(text)
    assert format_interval(g.published) == "2020-03-05..03-31"
    assert any("the day of Moscow ceasefire" in e for e in g.published.evidence)
    g = ground_text(text.replace("of this month", "of last month"))
    assert format_interval(g.published) == "2020-04"
    # a day no reference event of the sentence fell on says nothing of the month
    assert ground_text(text.replace("fifth", "sixth")).published.precision == "unknown"


def test_the_same_day_is_of_the_day_told_before_not_of_a_nearer_month() -> None:
    text = (
        HEADER
        + "Villagers stoned a joint patrol near Derik yesterday. "
        + "The column went on its way. " * 25
        + "Patrols have run since the offensive of October 2019. On the same day, a drone struck a car."
    )
    assert fmt(ground_text(text), "the same day") == "2021-06-15"


def test_a_day_of_the_month_alone_is_the_last_such_day_or_the_next_when_announced() -> None:
    text = (
        HEADER
        + "On the 14th, a drone struck a car near Qamishli. The patrol on the 9th passed Amuda, and the one "
        + "on the 20th was stoned. The next patrol will be held on the 25th near Derik. The 26th joint patrol "
        + "went ahead."
    )
    g = ground_text(text)
    assert fmt(g, "On the 14th") == "2021-06-14"
    assert fmt(g, "on the 9th") == "2021-06-09"
    assert fmt(g, "on the 20th") == "2021-05-20"  # after the 16th: the month before
    assert fmt(g, "on the 25th") == "2021-06-25"  # announced: the next 25th
    assert not any("26th" in t.text for t in g.timexes)  # an ordinal's noun follows: no day
    # a verb in the past after it, not a participle before an ordinal's noun
    g = ground_text(
        HEADER + "A truce agreed on the 11th allowed fighters to leave. It was on the 21st armoured patrol."
    )
    assert fmt(g, "on the 11th") == "2021-06-11"
    assert not any("21st" in t.text for t in g.timexes)
    # at the end of a line with no stop (a chat message), as at the end of the text
    g = ground_text(HEADER + "[09:14] anna: the memo was signed on the 12th\n[09:15] omar: ok")
    assert fmt(g, "on the 12th") == "2021-06-12"


def test_a_month_in_lower_case_after_its_day_is_a_date_a_verb_is_not() -> None:
    text = (
        " date 2020-10-20 \nthe 5 march memorandum is still in force. after 33 martyrs on 27 february nothing changed."
    )
    g = ground_text(text)
    assert fmt(g, "5 march") == "2020-03-05" and fmt(g, "27 february") == "2020-02-27"
    g = ground_text(" date 2020-10-20 \nthe troops may march on the town if the talks fail.")
    assert not any("march" in t.text.lower() or "may" in t.text.lower() for t in g.timexes)


def test_a_date_that_names_a_things_date_sets_no_time_for_the_retelling_after_it() -> None:
    pub = " date 2025-03-10 \n"
    named = "Russia, the guarantor of the memorandum of 22 October 2019, did not act. In late December its units left."
    assert fmt(ground_text(pub + named), "late December") == "2024-12-20..12-31"
    # a date of the clause's own time does: the retelling goes on from it
    told = "On 22 October 2019 the presidents met. In late December their units left."
    assert fmt(ground_text(pub + told), "late December") == "2019-12-20..12-31"


def test_a_month_before_a_named_deal_is_its_month() -> None:
    # "the October Sochi memorandum": a month before a name and the deal's word names the deal
    g = ground_text("Patrols went on near Amuda. The October Sochi memorandum gave Ankara a pocket of land.")
    assert g.published.start == date(2019, 10, 1)
    assert any("anchored to Sochi memorandum" in e for e in g.published.evidence)


def test_a_year_less_date_as_a_time_adverbial_is_of_the_year_before_writing() -> None:
    # "agreed in Moscow in March": a writer leaves out the year only within the year after it
    g = ground_text("The patrols were agreed in Moscow in March, when Putin and Erdogan ended the fighting in Idlib.")
    assert (g.published.start, g.published.end) == (date(2020, 3, 1), date(2021, 2, 28))
    assert any("has no year: written within a year of it" in e for e in g.published.evidence)
    # as a name ("the March 5 agreement") it is used years later too: no bound after it
    g = ground_text("The patrols go on under the March 5 agreement, which ended the fighting in Idlib.")
    assert g.published.start == date(2020, 3, 5)
    assert g.published.end > date(2021, 3, 5)


def test_unparseable_metadata_is_ignored_with_a_note() -> None:
    g = ground_text(HEADER + "Nothing happened.", published="sometime soon")
    assert format_interval(g.published) == "2021-06-16"
    assert any("not understood" in n for n in g.notes)


@pytest.mark.parametrize("meta", ["2021-06-18", "18 Jun 2021", "June 18, 2021", "Fri, 18 Jun 2021 10:00:00"])
def test_metadata_formats(meta: str) -> None:
    assert format_interval(ground_text("x", published=meta).published) == "2021-06-18"


def test_header_line_and_it_is_not_a_timex() -> None:
    g = ground_text(HEADER + "Soldiers rested.")
    assert format_interval(g.published) == "2021-06-16"
    assert g.timexes == ()
    assert g.published_span is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ANKARA (UrduPoint News / Sputnik - 3rd May, 2021) Troops moved.", "2021-05-03"),
        ("AA | 04.05.2021 - 10:30\nTroops moved.", "2021-05-04"),
        ("Headline\n\n  • May 5 2021 09:12:00\n\nTroops moved.", "2021-05-05"),
        ("By a reporter 2 hours ago Thu 6th May 2021 | 11:00 AM\nTroops moved.", "2021-05-06"),
    ],
)
def test_datelines_with_a_year(text: str, expected: str) -> None:
    g = ground_text(text)
    assert format_interval(g.published) == expected
    assert (
        all(t.start >= g.published_span[1] or t.end <= g.published_span[0] for t in g.timexes)
        if (g.published_span)
        else True
    )


def test_dateline_without_year_takes_the_year_of_the_text() -> None:
    text = (
        "KIEV, May 7. /TASS/. The convoy left at 10:00 on May 7, 2021, the ministry said. "
        "On April 30, officials met in Ankara."
    )
    g = ground_text(text)
    assert format_interval(g.published) == "2021-05-07"
    assert fmt(g, "April 30") == "2021-04-30"


def test_a_dateline_with_the_agency_after_a_dash_is_the_publication_day() -> None:
    for line in ("KIEV, May 7 - Ukrinform News.", "KIEV, May 7 – UNIAN"):
        g = ground_text(f"{line}\nThe convoy left at 10:00 on May 7, 2021, the ministry said.")
        assert format_interval(g.published) == "2021-05-07", line
    # a dash that goes on with the story is no agency
    g = ground_text("KIEV, May 7 - Syrian Kurdish forces said the convoy left in the morning.")
    assert g.published_span is None and g.published.month is None


def test_a_dateline_after_the_agency_in_brackets_and_in_capitals_is_the_publication_day() -> None:
    body = "Soldiers of both armies today held the joint patrol agreed in Sochi on October 22, 2019."
    for line in (
        "(ANSA) - ANKARA, NOVEMBER 25 - ",
        "(Example Agency) - MOSCOW, NOV. 25 - ",
        "ANKARA, NOVEMBER 25, 2019 - ",
    ):
        g = ground_text(f"Patrol news\n\n{line}{body}")
        assert format_interval(g.published) == "2019-11-25", line
        assert fmt(g, "today") == "2019-11-25"


def test_a_dateline_under_a_timestamp_line_is_no_date_of_the_events() -> None:
    text = (
        "Troops skip joint patrol\n\nFeb 7, 2020, 10:42 AM\n\nTEHRAN, Feb. 07 (MNA) – Turkish forces did not turn up "
        "for a joint patrol near Amuda on Thursday, a Russian commander said."
    )
    g = ground_text(text)
    assert format_interval(g.published) == "2020-02-07"
    assert [t.text for t in g.timexes] == ["on Thursday"]  # the dateline's day is the page's


def test_a_dateline_without_a_year_takes_it_from_the_page_timestamp_above() -> None:
    # wire copy filed the day before the page printed it: the stamp gives the year, the dateline the day
    text = (
        "Example Daily\nWorld\n\nTroops patrol the M4\n\nPublished: March 16, 2020\n\n"
        "MOSCOW, Mar 15 (Example Wire): Russian and Turkish troops on Sunday held a joint patrol "
        "on the M4 highway, the ministry said.\n\nPrinted in Example Daily, March 16th, 2020."
    )
    g = ground_text(text)
    assert format_interval(g.published) == "2020-03-15"
    assert "at most 7 days before" in " ".join(g.published.evidence)
    assert fmt(g, "on Sunday") == "2020-03-15"
    g = ground_text(text.replace("Printed in Example Daily, March 16th, 2020.", ""))
    assert format_interval(g.published) == "2020-03-15"
    # without the stamp nothing gives the year
    g = ground_text(
        text.replace("Published: March 16, 2020", "").replace("Printed in Example Daily, March 16th, 2020.", "")
    )
    assert format_interval(g.published) == "????-03-15"


def test_yesterday_with_its_weekday_picks_the_reading_of_a_numeric_stamp() -> None:
    # "01/09/2021" is 9 January (a Saturday) or 1 September (a Wednesday): "yesterday, Tuesday"
    g = ground_text("Patrol news\n\n01/09/2021\n\nThe 69th joint patrol set out yesterday, Tuesday, from Gharib.")
    assert format_interval(g.published) == "2021-09-01"
    assert any("yesterday, Tuesday" in e for e in g.published.evidence)
    assert fmt(g, "yesterday") == "2021-08-31"
    # "the day before yesterday, Monday" on a known day: that Monday
    g = ground_text(HEADER + "Turkish troops stayed away the day before yesterday, Monday, local sources said.")
    assert fmt(g, "the day before yesterday") == "2021-06-14"


def test_the_text_picks_the_reading_of_a_numeric_stamp() -> None:
    body = "Residents threw stones at the third joint patrol since the Sochi agreement of October 22 on Friday."
    g = ground_text(f"Patrol stoned\n\n09/11/2019 - 11:32\n\n{body}")
    assert format_interval(g.published) == "2019-11-09"
    assert any("the reading the text allows" in e for e in g.published.evidence)
    # nothing in the text tells 9 November from 11 September: both stay
    g = ground_text("Patrol stoned\n\n09/11/2019 - 11:32\n\nResidents threw stones at a joint patrol.")
    assert (g.published.start, g.published.end) == (date(2019, 9, 11), date(2019, 11, 9))


def test_a_byline_stamp_with_a_two_digit_year_is_the_publication_day() -> None:
    g = ground_text("Patrols begin\n\nBy Jane Roe   On 3/15/20 at 12:14 PM EDT\n\nThe patrol went ahead on Sunday.")
    assert format_interval(g.published) == "2020-03-15"
    assert g.published.evidence == ("page timestamp 'By Jane Roe   On 3/15/20 at 12:14 PM EDT'",)


def test_a_month_before_the_event_it_names_is_its_month() -> None:
    g = ground_text("A month after Turkey's October offensive, the patrols began.", published="2020-03-15")
    assert [(t.text, format_interval(t.interval)) for t in g.timexes] == [("October", "2019-10")]
    assert [t.text for t in ground_text("The October offensive ended.", published="2020-03-15").timexes] == ["October"]
    # not a month's name in another sense, nor one before a word that is no event
    assert not ground_text("They met the May deadline and the October weather.", published="2020-03-15").timexes


def test_a_title_that_ends_with_its_day_in_brackets_dates_the_page() -> None:
    g = ground_text(
        "Ministry\n\nBriefing by the Deputy Head of the Centre (9 September 2020)\n\nThis afternoon a patrol left."
    )
    assert format_interval(g.published) == "2020-09-09" and g.published.text == "9 September 2020"
    # a sentence that ends with a bracketed date is no title
    g = ground_text("Ministry\n\nThe patrol set out from Amuda (9 September 2020).\n\nIt returned.")
    assert g.published.precision != "day" or "page timestamp" not in g.published.evidence[0]


def test_a_retelling_goes_on_from_the_year_it_dated_just_before() -> None:
    text = "A March 5, 2020, protocol created a corridor. A bomb near Ariha on July 14 wounded soldiers."
    assert fmt(ground_text(text, published="2022-12-14"), "July 14") == "2020-07-14"
    # news of the article's weeks keeps the publication year, whatever the sentence before dates
    text = "A March 5, 2020, protocol created a corridor. A bomb near Ariha on Dec. 9 wounded soldiers."
    assert fmt(ground_text(text, published="2022-12-14"), "Dec. 9") == "2022-12-09"
    # and a date before the one just told is no going on
    text = "A March 5, 2020, protocol created a corridor. A bomb near Ariha on Feb. 14 wounded soldiers."
    assert fmt(ground_text(text, published="2022-12-14"), "Feb. 14") == "2022-02-14"


def test_how_long_after_for_is_no_date() -> None:
    g = ground_text("Joint patrolling, paused for almost two weeks afterwards, had resumed.", published="2021-03-29")
    assert not g.timexes
    assert [t.text for t in ground_text("Two weeks afterwards, they resumed.", published="2021-03-29").timexes] == [
        "Two weeks afterwards"
    ]


def test_a_vague_shift_after_a_date_is_a_range() -> None:
    g = ground_text("A bomb went off on Oct. 1. Days later the strikes began.", published="2023-12-23")
    assert fmt(g, "Days later") == "2023-10-03..10-07"
    g = ground_text("A bomb went off on Oct. 1; a few weeks later patrols stopped.", published="2023-12-23")
    assert fmt(g, "a few weeks later") == "2023-10-09..11-05"
    g = ground_text("A bomb went off on Oct. 1; three days later patrols stopped.", published="2023-12-23")
    assert fmt(g, "three days later") == "2023-10-04"


def test_a_date_under_a_years_heading_is_of_that_year() -> None:
    text = (
        "Chronology\n\n2020 [edit]\n • 14 July – A bomb near Ariha.\n\n"
        "== 2021 ==\n • 18 January – Patrols reach Ayn Issa."
    )
    g = ground_text(text)
    assert fmt(g, "14 July") == "2020-07-14" and fmt(g, "18 January") == "2021-01-18"
    assert any("from the heading" in e for e in find(g, "14 July").interval.evidence)
    # a timeline's line dated by its month alone
    g = ground_text("Chronology\n\n2022 [edit]\n • November – Joint patrols are halted for weeks.")
    assert fmt(g, "November") == "2022-11"
    # a numbered contents line is no heading
    assert ground_text("Contents\n 1 2020\n\nOn 14 July a bomb went off.").timexes[0].interval.precision != "day"


def test_today_with_its_weekday_is_a_day_of_that_weekday() -> None:
    text = "Today, Tuesday, the joint patrol entered the village."
    assert fmt(ground_text(text, published="2019-11-12"), "Today, Tuesday") == "2019-11-12"
    # a page stamped after midnight keeps its day and says that the weekday disagrees
    g = ground_text(text, published="2019-11-13")
    assert fmt(g, "Today, Tuesday") == "2019-11-13"
    assert any("not among the days" in e for e in find(g, "Today, Tuesday").interval.evidence)


def test_dateline_without_year_and_no_evidence_stays_open() -> None:
    g = ground_text("KIEV, May 7. /TASS/. The convoy left in the morning.")
    assert g.published.precision == "unknown"
    assert (g.published.month, g.published.day) == (5, 7)
    assert format_interval(g.published) == "????-05-07"


def test_publication_inferred_from_past_and_future_yearless_dates() -> None:
    text = (
        "The officials said on February 10 that talks were under way. "
        "The city was taken by rebels in mid-2016. "
        "Ankara threatened another offensive against the Manbij Council last year, "
        "after the Manbij fighting in 2016. "
        "A soldier died in November, the ministry said. "
        "The envoy will travel to Moscow on March 3, the office said on Friday."
    )
    g = ground_text(text)
    assert format_interval(g.published) == "2017-02-10..03-03"
    assert any("last year" in e for e in g.published.evidence)
    friday = find(g, "Friday").interval
    assert friday.precision == "days"
    assert date(2017, 2, 4) <= friday.start and friday.end <= date(2017, 3, 3)
    assert fmt(g, "in November") == "2016-11"
    assert find(g, "March 3").tense == "future"


def test_latest_past_full_date_bounds_publication_from_below() -> None:
    g = ground_text("The deal was signed on 3 July 2020. The next round will be held on 1 September 2020.")
    assert g.published.start == date(2020, 7, 3)
    assert g.published.end == date(2020, 9, 1)
    assert any("not before" in e for e in g.published.evidence)


def test_the_day_a_lead_gives_its_news_is_recent() -> None:
    # no weekday, no "yesterday": the lead's year-less day is still the news of the last weeks, so
    # "last year" of a later paragraph is one year
    text = (
        "Joint patrol around Tell Rifaat\n\n"
        "Units of the Russian military police and the Turkish army conducted on August 14 a joint patrol around "
        "the city of Tell Rifaat, a Russian general said. \u201cOn August 14, 2019, the units jointly patrolled the "
        "zone,\u201d he said.\n\nLast year, Russia and Turkey reached an initial agreement on the town."
    )
    g = ground_text(text)
    assert g.published.start == date(2019, 8, 14) and g.published.end <= date(2019, 9, 14)
    assert any("the lead reports" in e for e in g.published.evidence)
    assert fmt(g, "Last year") == "2018"


def test_a_yearless_date_retold_beside_a_year_does_not_make_the_article_recent() -> None:
    # the news is "on Monday"; "22 October" shares its sentence with "autumn 2019": it is the
    # background's date, so neither the 12-month nor the 31-day bound of year-less news applies
    text = (
        "Villagers pelted the joint patrol with stones on Monday near Qara Mugh, east of Kobani.\n\n"
        "The patrols there began in November 2019, weeks after the memorandum the two presidents signed "
        "in Sochi on 22 October of that year."
    )
    g = ground_text(text)
    assert g.published.start == date(2019, 11, 1)
    assert g.published.end == LATEST, g.published.evidence
    assert fmt(g, "22 October") == "2019-10-22"


def test_no_evidence_at_all() -> None:
    g = ground_text("Soldiers patrolled the road.")
    assert g.published.precision == "unknown"
    assert format_interval(g.published) == "?"


# ---------------------------------------------------------------------------------------------
# Absolute and partial expressions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("on March 2, 2021", "2021-03-02", "day"),
        ("on 2 March 2021", "2021-03-02", "day"),
        ("on 02.03.2021", "2021-03-02", "day"),
        ("on 2021-03-02", "2021-03-02", "day"),
        ("on the fifth of March 2021", "2021-03-05", "day"),
        ("on 22nd March, 2021", "2021-03-22", "day"),
        ("on Mar. 2, 2021", "2021-03-02", "day"),
        ("in March 2021", "2021-03", "month"),
        ("in 2021", "2021", "year"),
        ("in early 2021", "2021-01-01..04-30", "days"),
        ("in mid-2021", "2021-05-01..08-31", "days"),
        ("in late 2021", "2021-09-01..12-31", "days"),
        ("in late March 2021", "2021-03-20..03-31", "days"),
        ("in the spring of 2021", "2021-03-01..05-31", "days"),
        ("between March 3 and 9, 2021", "2021-03-03..03-09", "days"),
        ("from 3 to 9 March 2021", "2021-03-03..03-09", "days"),
    ],
)
def test_absolute_phrases(phrase: str, expected: str, precision: str) -> None:
    g = ground_text(f"The patrol took place {phrase}.")
    t = g.timexes[0]
    assert format_interval(t.interval) == expected
    assert t.interval.precision == precision
    assert t.interval.evidence


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on June 2", "2021-06-02"),
        ("on Jun. 2", "2021-06-02"),
        ("on 2 June", "2021-06-02"),
        ("on June 2nd", "2021-06-02"),
        ("on the second of June", "2021-06-02"),
        ("in May", "2021-05"),
        ("in December", "2020-12"),
        ("in late May", "2021-05-20..05-31"),
        ("in early June", "2021-06-01..06-10"),
        ("between May 23 and 31", "2021-05-23..05-31"),
        ("from 5 to 8 June", "2021-06-05..06-08"),
        ("on the 3rd of this month", "2021-06-03"),
        ("in the spring", "2021-03-01..05-31"),
        ("in September last year", "2020-09"),
    ],
)
def test_yearless_past_phrases_against_a_known_day(phrase: str, expected: str) -> None:
    g = ground_text(HEADER + f"The ministry said the patrol was held {phrase}.")
    assert fmt(g, phrase.split(" ", 1)[1].split()[0]) == expected


def test_yearless_future_goes_forward() -> None:
    g = ground_text(HEADER + "The minister will visit Baku on March 3.")
    t = find(g, "March 3")
    assert t.tense == "future"
    assert format_interval(t.interval) == "2022-03-03"


def test_yearless_with_unknown_publication_stays_open() -> None:
    g = ground_text("The patrol was held on June 2.")
    t = g.timexes[0]
    assert t.interval.precision == "unknown"
    assert (t.interval.start, t.interval.end) == (EARLIEST, LATEST)
    assert (t.interval.month, t.interval.day) == (6, 2)
    assert format_interval(t.interval) == "????-06-02"


def test_explicit_full_date_fixes_the_year_of_other_dates() -> None:
    g = ground_text("The column left on 12 May 2021. On May 4, the talks had failed.")
    assert fmt(g, "May 4") == "2021-05-04"


def test_month_name_as_ordinary_word_is_not_a_date() -> None:
    g = ground_text(HEADER + "They may march 5 km today.")
    assert [t.text for t in g.timexes] == ["today"]


# ---------------------------------------------------------------------------------------------
# Weekdays
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Monday", "2021-06-14"),
        ("said Wednesday", "2021-06-16"),  # the publication day itself counts
        ("on Thursday", "2021-06-10"),
        ("Last Wednesday", "2021-06-09"),
        ("last Monday", "2021-06-14"),
    ],
)
def test_weekday_against_known_day(phrase: str, expected: str) -> None:
    g = ground_text(HEADER + f"The ministry {phrase} reported a patrol.")
    assert fmt(g, phrase.split()[-1]) == expected


def test_weekday_future() -> None:
    g = ground_text(HEADER + "The delegation will arrive on Monday.")
    assert fmt(g, "Monday") == "2021-06-21"


def test_weekday_with_explicit_date_in_brackets_wins() -> None:
    g = ground_text(HEADER + "The ministry said on Tuesday (June 15, 2021) that patrols went on.")
    t = find(g, "Tuesday")
    assert format_interval(t.interval) == "2021-06-15"
    assert "June 15" in t.text


def test_weekday_checks_the_year_of_a_yearless_date() -> None:
    # 1 November is a Friday in 2019, not in 2018 or 2020; the Sochi anchor narrows the window.
    text = "As agreed in Sochi on 22 October, the patrols began on Friday, the first of November."
    g = ground_text(text)
    assert fmt(g, "Friday") == "2019-11-01"


def test_weekday_without_publication_is_unknown() -> None:
    g = ground_text("The ministry said on Monday that patrols continued.")
    assert g.timexes[0].interval.precision == "unknown"


# ---------------------------------------------------------------------------------------------
# Relative expressions
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", "2021-06-16"),
        ("yesterday", "2021-06-15"),
        ("last week", "2021-06-07..06-13"),
        ("last month", "2021-05"),
        ("last year", "2020"),
        ("earlier this month", "2021-06-01..06-15"),  # before the article's day
        ("earlier this year", "2021-01-01..06-15"),
        ("three days ago", "2021-06-13"),
        ("two months ago", "2021-04"),
        ("two weeks ago", "2021-05-30..06-05"),
        ("a fortnight ago", "2021-05-30..06-05"),  # two weeks
        ("on Tuesday last week", "2021-06-08"),  # the Tuesday of the week before the article's
        ("five years ago today", "2016-06-16"),  # that very day, five years back
        ("a year ago to the day", "2020-06-16"),
        ("a week ago yesterday", "2021-06-08"),  # from the day before the article's
        ("five years ago", "2016"),
        ("on Monday of last week", "2021-06-07"),
    ],
)
def test_relative_to_publication(phrase: str, expected: str) -> None:
    g = ground_text(HEADER + f"Troops were seen there {phrase}.")
    assert fmt(g, phrase.split()[0]) == expected


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        # vague counts are ranges over every count they allow, not one guess
        ("The convoy came under fire a few days back.", "few days", "2021-06-11..06-14"),
        ("Patrols were held several weeks ago.", "several", "2021-04-25..05-29"),
        ("The road was closed days ago.", "days ago", "2021-06-10..06-14"),
        ("Two patrols were held in the past few days.", "past few", "2021-06-11..06-16"),
        ("Over the last two weeks, three patrols were held.", "last two", "2021-06-02..06-16"),
        ("Protesters threw stones at the convoy over the weekend.", "weekend", "2021-06-12..06-13"),
        # a day with its year relative to the article's
        ("The first patrol was held on 2 June last year.", "2 June", "2020-06-02"),
        ("The patrol of June 2 last year was attacked.", "June 2", "2020-06-02"),
    ],
)
def test_vague_and_year_relative_expressions(sentence: str, words: str, expected: str) -> None:
    assert fmt(ground_text(HEADER + sentence), words) == expected


def test_a_day_of_the_previous_year_follows_the_date_before() -> None:
    g = ground_text(HEADER + "Talks were held in March 2019. Patrols began on 5 June the previous year.")
    assert fmt(g, "5 June") == "2018-06-05"


@pytest.mark.parametrize("sentence", ["The last two patrols were held.", "The militants were pushed 30 km back."])
def test_counts_without_a_time_unit_are_no_dates(sentence: str) -> None:
    assert ground_text(HEADER + sentence).timexes == ()


def test_relative_to_preceding_date() -> None:
    g = ground_text(
        HEADER + "In October 2019, a truce was agreed. The following December, bases were set up. "
        "Fighting resumed on 3 March 2020 and stopped two days later. The previous day had been calm."
    )
    assert fmt(g, "following December") == "2019-12"
    assert fmt(g, "two days later") == "2020-03-05"
    assert fmt(g, "previous day") == "2020-03-04"


def test_that_month_is_of_the_year_of_the_date_before() -> None:
    # "that August": the month of the year the retelling stands in, not of the article's own year
    g = ground_text(
        HEADER + "A roadside bomb hit a patrol near Ariha in July 2020 and a car bomb followed near "
        "Musaybin that August. That December, the posts were emptied. He said that May was calm."
    )
    assert fmt(g, "that August") == "2020-08"
    assert fmt(g, "That December") == "2020-12"


def test_hiatus_duration() -> None:
    g = ground_text(HEADER + "The patrols restarted after nearly a year of hiatus.")
    iv = find(g, "hiatus").interval
    assert iv.start <= date(2020, 7, 1) and date(2020, 8, 1) <= iv.end <= date(2020, 10, 1)


def test_month_last_year() -> None:
    g = ground_text(HEADER + "They patrolled until October last year, when the talks collapsed.")
    assert fmt(g, "October") == "2020-10"


# ---------------------------------------------------------------------------------------------
# Reference chronology
# ---------------------------------------------------------------------------------------------


def test_chronology_is_bundled_and_documented() -> None:
    entries = Knowledge.bundled().chronology
    names = {e.name for e in entries}
    assert len(entries) >= 15
    assert any("Claw-Sword" in n for n in names)
    assert any(e.start == date(2020, 3, 5) for e in entries)
    assert Knowledge.bundled().chronology is entries  # read once


def test_chronology_anchor_fixes_year_and_publication() -> None:
    text = (
        "Troops patrolled the M4 motorway, the ministry said on March 20, in line with the March 5 "
        "ceasefire reached between Ankara and Moscow. Clashes had flared in late February."
    )
    g = ground_text(text)
    anchor = find(g, "March 5")
    assert anchor.anchored is not None and "Moscow" in anchor.anchored
    assert format_interval(anchor.interval) == "2020-03-05"
    assert any("reference chronology" in e for e in anchor.interval.evidence)
    assert fmt(g, "March 20") == "2020-03-20"
    assert fmt(g, "late February") == "2020-02-20..02-29"
    assert g.published.start >= date(2020, 3, 20)


def test_anchor_needs_a_cue_word() -> None:
    g = ground_text("A convoy passed on March 5 near the river.")
    assert g.timexes[0].anchored is None
    assert g.timexes[0].interval.precision == "unknown"


def test_a_user_chronology_adds_entries_that_fix_years(tmp_path: Path) -> None:
    (tmp_path / "chronology.tsv").write_text(
        "# mine\ndate\ttype\tname\tkeywords\tsource\n2017-04-07\tattack\tShayrat strike\tshayrat|tomahawk\tWP\n"
    )
    kn = Knowledge([tmp_path])
    mine = [e for e in kn.chronology if e.name == "Shayrat strike"]
    assert len(mine) == 1 and mine[0].keywords == ("shayrat", "tomahawk")
    assert len(kn.chronology) == len(Knowledge.bundled().chronology) + 1
    text = "Tomahawks hit the Shayrat base on April 7, the Pentagon said."
    assert fmt(ground_text(text, kn=kn), "April 7") == "2017-04-07"
    assert find(ground_text(text), "April 7").interval.precision == "unknown"


# ---------------------------------------------------------------------------------------------
# format_interval and parse_date_arg
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2019, 11, 1), date(2019, 11, 1), "2019-11-01"),
        (date(2019, 11, 1), date(2019, 11, 30), "2019-11"),
        (date(2019, 1, 1), date(2019, 12, 31), "2019"),
        (date(2019, 3, 12), date(2019, 4, 8), "2019-03-12..04-08"),
        (date(2019, 12, 30), date(2020, 1, 2), "2019-12-30..2020-01-02"),
        (EARLIEST, LATEST, "?"),
    ],
)
def test_format_interval(start: date, end: date, expected: str) -> None:
    iv = DateInterval(start, end, "unknown" if start == EARLIEST else "days")
    assert format_interval(iv) == expected


def test_format_open_year() -> None:
    assert format_interval(DateInterval(EARLIEST, LATEST, "unknown", month=3, day=15)) == "????-03-15"


TODAY = date(2021, 6, 16)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019", "2019"),
        ("2019-11", "2019-11"),
        ("2019-11-05", "2019-11-05"),
        ("1 Nov 2019", "2019-11-01"),
        ("Nov 1, 2019", "2019-11-01"),
        ("Nov 2019", "2019-11"),
        ("november 2019", "2019-11"),
        ("last year", "2020"),
        ("yesterday", "2021-06-15"),
        ("today", "2021-06-16"),
        ("last month", "2021-05"),
        ("3 days ago", "2021-06-13"),
        ("2019-11..2020-02", "2019-11-01..2020-02-29"),
    ],
)
def test_parse_date_arg(value: str, expected: str) -> None:
    iv = parse_date_arg(value, today=TODAY)
    assert iv is not None
    assert format_interval(iv) == expected


@pytest.mark.parametrize("value", ["", "soon", "2019-13", "31 Feb 2019", "x" * 500])
def test_parse_date_arg_rejects(value: str) -> None:
    assert parse_date_arg(value, today=TODAY) is None


# ---------------------------------------------------------------------------------------------
# Properties and pathological input
# ---------------------------------------------------------------------------------------------

_words = st.sampled_from(
    [
        "on", "in", "March", "May", "5", "2019", "last", "year", "Friday", "the", "first", "of",
        "between", "and", "31", "Nov.", "1.", "late", "early", "mid-2020", "yesterday", "said",
        "will", "Sochi", "agreement", "22", "October", "/TASS/.", "MOSCOW,", "date", "2024-02-30",
        "(", ")", "-", "\n", "following", "December", "days", "later", "ago", "hiatus", "after",
        "this", "month", "23rd", "29", "February", "2100", "1999", "Dec", "3", "|", "12:00",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_words, max_size=40).map(" ".join), st.one_of(st.none(), st.text(max_size=20)))
def test_never_raises_on_date_like_text(text: str, published: str | None) -> None:
    check(ground_text(text, published=published), text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    check(ground_text(text), text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_parse_date_arg_never_raises(value: str) -> None:
    iv = parse_date_arg(value, today=TODAY)
    assert iv is None or iv.start <= iv.end


def check(g: Grounding, text: str) -> None:
    assert g.published.start <= g.published.end
    for t in g.timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.interval.start <= t.interval.end
        assert t.tense in ("past", "future", "present")
        assert t.interval.precision in ("day", "days", "month", "year", "unknown")


@pytest.mark.parametrize(
    "text",
    [
        "x" * 1_000_000,
        "Monday " * 150_000,
        "Abc " * 100_000,
        "1" * 1_000_000,
        "1 " * 300_000,
        "March " * 100_000,
        "on March 5, " * 50_000,
        ". " * 300_000,
        "(" * 200_000,
        "the first of " * 50_000,
        "\n" * 500_000,
    ],
)
def test_pathological_input_finishes(text: str) -> None:
    # No wall clock: the analysed length is bounded and every pattern is linear; this must simply end.
    g = ground_text(text)
    assert g.published.start <= g.published.end


# ---------------------------------------------------------------------------------------------
# Tense
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "tense"),
    [
        ("The summit will be held on 4 May 2021.", "4 May", "future"),
        ("The sides agreed to start patrols from 12:00 on May 4.", "May 4", "future"),
        ("Officials plan to meet again on May 4.", "May 4", "future"),
        ("The convoy was attacked on May 4.", "May 4", "past"),
        ("On May 4, rebels shelled the town.", "May 4", "past"),
        ("The ministry said on May 4 that talks would go on.", "May 4", "past"),
        ("Troops held a joint patrol next to the border on May 4.", "May 4", "past"),  # "next to": no cue
        ("The next joint patrol is on May 4.", "May 4", "future"),
        ("Troops did not show up for a scheduled joint patrol on May 4.", "May 4", "past"),  # an adjective
    ],
)
def test_tense_from_surrounding_words(sentence: str, words: str, tense: str) -> None:
    assert find(ground_text(sentence), words).tense == tense


def test_future_yearless_date_bounds_publication_both_ways() -> None:
    g = ground_text("Under the new deal, Russian military police will deploy on October 23.")
    assert g.published.end == date(2019, 10, 23)
    assert g.published.start == date(2018, 10, 23)


def test_weekday_bracket_text_is_complete() -> None:
    text = HEADER + "Patrols resumed, the ministry said on Tuesday (June 15, 2021)."
    t = find(ground_text(text), "Tuesday")
    assert t.text.endswith(")")
    assert text[t.start : t.end] == t.text


def test_weekday_news_is_published_within_weeks_of_its_latest_yearless_date() -> None:
    """An undated article that dates events by the weekday and also says "on 5 November" is from
    the six weeks after 5 November, not the year after."""
    text = (
        "Protesters stoned the convoy on Tuesday. Earlier, on 5 November, a patrol had been received with "
        "stones. The first joint patrol was held on 1 November 2019."
    )
    g = ground_text(text)
    assert g.published.start == date(2019, 11, 5)
    assert g.published.end <= date(2019, 12, 20)
    tuesday = next(t for t in g.timexes if "Tuesday" in t.text)
    assert tuesday.interval.start >= date(2019, 11, 5) and tuesday.interval.end <= date(2019, 12, 20)
    assert all(d.weekday() == 1 for d in (tuesday.interval.start, tuesday.interval.end))


def test_stored_tags_grounded_again_give_what_a_known_publication_gives() -> None:
    """Phase two alone: an undated article's tags, grounded again once its publication day is known
    (another source dates it), give the dates the article would have had with that day given."""
    from patroltl.dates import reground
    from patroltl.intervals import interval

    text = (
        "Russian and Turkish troops patrolled near Kobani on Wednesday. The next day a convoy was stoned. "
        "On April 14 the ministry said it had suspended the patrols, which resumed on the 20th of this month."
    )
    undated = ground_text(text)
    assert undated.published.precision == "unknown"
    assert all(t.interval.precision == "unknown" for t in undated.timexes)
    known = ground_text(text, published="2021-04-22")
    again = reground(undated.tags, interval(date(2021, 4, 22), date(2021, 4, 22)))
    assert [(t.text, t.interval.start, t.interval.end) for t in again] == [
        (t.text, t.interval.start, t.interval.end) for t in known.timexes
    ]
    assert fmt(known, "Wednesday") == "2021-04-21" and fmt(known, "next day") == "2021-04-22"
    assert all(t.index == i for i, t in enumerate(again))
    assert [t.value for t in undated.tags] == ["WD2 of PUB", "PREV+1D (shift)", "XXXX-04-14", "PUB+0M-20"]


def test_a_weekday_with_a_day_and_month_fixes_the_year_within_the_chronology() -> None:
    # 14 April is a Wednesday in 2021 and in no other year of the span the chronology covers.
    g = ground_text("The joint patrol took place on Wednesday, 14 April, near Darbasiyah.")
    t = find(g, "14 April")
    assert format_interval(t.interval) == "2021-04-14"
    assert any("the only year" in e for e in t.interval.evidence)
    # 1 May fell on a Friday in 2015 and 2020: two years, no guess.
    assert find(ground_text("It happened on Friday, 1 May, near Amuda."), "1 May").interval.precision == "unknown"


BODY = "\n\nTurkish and Russian troops conducted a joint patrol near Kobani, the ministry said.\n"


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("Published: 05 Nov 2019 14:32 GMT", "2019-11-05", "2019-11-05"),
        ("2019-11-05T14:32:00+03:00", "2019-11-05", "2019-11-05"),
        ("Posted on November 5, 2019 by admin", "2019-11-05", "2019-11-05"),
        ("5 November 2019 | Reuters", "2019-11-05", "2019-11-05"),
        ("By Ali Veli | November 5, 2019", "2019-11-05", "2019-11-05"),
        ("Tue, 11/05/2019 - 14:32", "2019-11-05", "2019-11-05"),  # the weekday says which order
        ("Sat, 11/05/2019 - 14:32", "2019-05-11", "2019-05-11"),
        ("25/11/2019 - 14:32", "2019-11-25", "2019-11-25"),
        ("11/05/2019", "2019-05-11", "2019-11-05"),  # 11 May or 5 November: both, no guess
        ("05-11-2019", "2019-05-11", "2019-11-05"),  # the same with dashes
        ("25-11-2019", "2019-11-25", "2019-11-25"),
        ("Date of publication: 5 November, 2019", "2019-11-05", "2019-11-05"),
        ("Publication date: 05.11.2019 | 14:32", "2019-11-05", "2019-11-05"),  # dots: day first
        ("Published date: 5 November 2019 17:20 BST", "2019-11-05", "2019-11-05"),
        ("05.11.2019, Tuesday", "2019-11-05", "2019-11-05"),  # the weekday after the date
        ("By Ali Veli - 25/11/2019", "2019-11-25", "2019-11-25"),  # a byline, a spaced dash
        ("November 5, 2019 at 10:14 am", "2019-11-05", "2019-11-05"),
        ("November 5, 2019  Example.net", "2019-11-05", "2019-11-05"),  # the site's name after spaces
        ("5 November، 2019", "2019-11-05", "2019-11-05"),  # an Arabic comma
        ("November 5, 2019\nUpdated: November 6, 2019 05:09 AM", "2019-11-05", "2019-11-05"),
        ("Tue 5 Nov 2019 17.52 GMT", "2019-11-05", "2019-11-05"),  # a clock with a dot
        ("Tue 5 Nov 2019 17.52\nLast modified on Wed 6 Nov 2019 09.14 GMT", "2019-11-05", "2019-11-05"),
        ("November, 5, 2019 - 11:32 World news", "2019-11-05", "2019-11-05"),  # a comma after the month
        ("14:32, 05-Nov-2019", "2019-11-05", "2019-11-05"),  # dashes around the month's name
        ("Source: Xinhua Published: 2019/11/5 0:12:45", "2019-11-05", "2019-11-05"),  # a credit before the label
        ("Issued on: 25/11/2019 - 15:47 Modified: 26/11/2019 - 15:49", "2019-11-25", "2019-11-25"),
        ("November 5th, 2019 • 3 min read", "2019-11-05", "2019-11-05"),  # a count beside the date
        ("Issue 112 · Tuesday, November 5, 2019", "2019-11-05", "2019-11-05"),  # a number of the page
        ("No: 2019-118        Date: 05.11.2019", "2019-11-05", "2019-11-05"),
        ("By AFP - Nov 05,2019 - Last updated at Nov 06,2019", "2019-11-05", "2019-11-05"),
        ("Updated 21:07, 05-Nov-2019", "2019-11-03", "2019-11-05"),  # an update stamp alone bounds it
        ("By Example News with AFP • Updated: 05/11/2019 - 18:22", "2019-11-03", "2019-11-05"),  # after a byline
        ("example.wordpress.com/2019/11/05/patrol-notes/", "2019-11-05", "2019-11-05"),  # the page's address
        ("https://www.example.org/news/2019/11/patrols", "2019-11-01", "2019-11-30"),
        ("https://www.example.kr/view.php?ud=20191105000688", "2019-11-05", "2019-11-05"),  # a story number
        ("https://www.example.cn/n3/2019/1105/c90000-9626114.html", "2019-11-05", "2019-11-05"),
        # the home edition's language: its month and weekday names, its labels
        ("Yayınlanma: 05 Kasım 2019 14:32 | Güncelleme: 06 Kasım 2019 09:40", "2019-11-05", "2019-11-05"),
        ("05 Kasım 2019 Salı - 08:15", "2019-11-05", "2019-11-05"),
        ("Опубликовано: 5 ноября 2019, 14:32", "2019-11-05", "2019-11-05"),
        ("Example Arabia - Beirut الثلاثاء 5 نوفمبر 2019 10:47", "2019-11-05", "2019-11-05"),  # a bureau's city first
        # day.month.year with the month's short name, and the hour-h-minute clock ("às 9h15": at)
        ("5.nov.2019 às 9h15", "2019-11-05", "2019-11-05"),
        ("20.out.2019 - 14h30", "2019-10-20", "2019-10-20"),
        ("8.dez.2019", "2019-12-08", "2019-12-08"),
        ("5.Nov.2019", "2019-11-05", "2019-11-05"),
    ],
)
def test_a_page_timestamp_line_is_the_publication_date(line: str, start: str, end: str) -> None:
    g = ground_text("Headline about the patrols\n" + line + BODY)
    assert (g.published.start.isoformat(), g.published.end.isoformat()) == (start, end)


def test_the_first_day_of_a_range_is_no_timestamp() -> None:
    g = ground_text("Export: Syria | keyword | 01 July 2020 - 30 November 2020" + BODY)
    assert g.published.start != date(2020, 7, 1)
    assert g.published.end != date(2020, 7, 1)


def test_a_long_line_with_a_date_is_no_timestamp() -> None:
    g = ground_text("Headline\nThe patrols began on November 5, 2019 | and went on for months near Kobani" + BODY)
    assert g.published.end != date(2019, 11, 5)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)),
    st.sampled_from(["%d %B %Y", "%B %d, %Y", "%Y-%m-%dT%H:%M:%S+03:00", "%d %b %Y | Reuters", "%A, %d/%m/%Y - %H:%M"]),
)
@settings(max_examples=60, deadline=None)
def test_any_day_in_a_common_stamp_format_is_read_back(day: date, fmt: str) -> None:
    line = day.strftime(fmt) if "%H" not in fmt else day.strftime(fmt.replace("%H:%M", "10:15").replace("%S", "00"))
    if "/" in fmt and day.day <= 12 and day.day != day.month:
        swapped = date(day.year, day.day, day.month) if day.month <= 28 or day.day != 2 else None
        assume(swapped is None or swapped.weekday() != day.weekday())  # the weekday cannot tell them apart
    g = ground_text("Headline about the patrols\n" + line + BODY)
    assert g.published.start == g.published.end == day


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("48 hours ago", "2021-06-07", "2021-06-07"),
        ("36 hours ago", "2021-06-07", "2021-06-08"),
        ("in the past 24 hours", "2021-06-08", "2021-06-09"),
        ("over the last 48 hours", "2021-06-07", "2021-06-09"),
    ],
)
def test_hours_are_counted_in_days(phrase: str, start: str, end: str) -> None:
    g = ground_text(f"A joint patrol was held near Kobani {phrase}, the ministry said.", published="2021-06-09")
    (tx,) = g.timexes
    assert (tx.interval.start.isoformat(), tx.interval.end.isoformat()) == (start, end)


def test_a_day_before_a_colon_opens_a_timeline_entry() -> None:
    g = ground_text("Situation report\nSeptember 15, 2020\n\n- September 3: Troops held a joint patrol near Amuda.\n")
    assert format_interval(find(g, "September 3").interval) == "2020-09-03"
    # a clock is no day: "September 3:30" is not the 3rd
    g = ground_text("Situation report\nSeptember 15, 2020\n\nThe patrol left at September 3:30 local time.\n")
    assert all(t.text != "September 3" for t in g.timexes)


def test_a_season_of_last_year() -> None:
    for phrase in ("in late spring last year", "in the spring of last year"):
        g = ground_text("Headline\n10 March 2021\n\nJoint patrols were suspended " + phrase + ".\n")
        assert format_interval(find(g, phrase).interval) == "2020-03-01..05-31"


def test_the_same_day_is_of_the_last_day_not_of_a_month_between() -> None:
    g = ground_text(
        "Headline\n27 May 2021\n\nTroops on Wednesday carried out the 150th joint patrol since November 2019. "
        "A separate joint patrol was held the same day near Kobani.\n"
    )
    assert format_interval(find(g, "the same day").interval) == "2021-05-26"


def test_a_date_that_names_a_known_event_does_not_make_the_article_recent() -> None:
    # "on Tuesday" makes an undated article recent to its reports, not to "the March 5th agreement"
    text = (
        "Militants detonated a bomb against a joint patrol on the M4 near Ariha on Tuesday.\n"
        "The army had promised to clear the M4 under the March 5th agreement with Moscow.\n"
    )
    assert ground_text(text).published.end > date(2020, 4, 30)
    # a report on a day does
    text = (
        "Russia and Turkey signed the ceasefire protocol in Moscow on March 5.\nOn Tuesday the army cleared the M4.\n"
    )
    assert ground_text(text).published.end == date(2020, 4, 19)  # 45 days after March 5


@pytest.mark.parametrize("phrase", ["Hours later", "Later that day", "That evening"])
def test_hours_later_is_the_day_of_the_date_before(phrase: str) -> None:
    g = ground_text(
        "Headline\n29 April 2022\n\nTroops ran a joint patrol near Kobani on Monday. "
        + phrase
        + ", a drone hit a car.\n"
    )
    assert format_interval(find(g, phrase).interval) == "2022-04-25"


@pytest.mark.parametrize(("phrase", "want"), [("Last July", "2020-07"), ("In May", "2020-05"), ("Since October", None)])
def test_a_month_after_its_preposition_opening_a_sentence(phrase: str, want: str | None) -> None:
    g = ground_text(f"Headline\n10 March 2021\n\n{phrase}, three soldiers were hurt when a bomb hit a convoy.\n")
    t = find(g, phrase)
    assert want is None or format_interval(t.interval) == want
    # the modal stays no month
    assert not [
        x for x in ground_text("Headline\n10 March 2021\n\nThe patrols may resume.\n").timexes if "may" in x.text
    ]


def test_an_article_dated_by_others_is_narrowed_again_by_its_own_yearless_dates() -> None:
    # other sources put the article within a year; its own "On Sept. 6" and "on Monday" then say it
    # was written within six weeks of that 6 September
    from patroltl.dates import publication

    text = (
        "Activists reported on Monday that a joint patrol toured villages west of Kobani.\n\n"
        "On Sept. 6, activists reported another joint patrol near Ashma."
    )
    g = ground_text(text)
    assert g.published.precision == "unknown"
    kn = Knowledge.bundled()
    wide = DateInterval(date(2021, 8, 31), date(2022, 8, 30), "days", "", ("linked by other sources",))
    got = publication.refine(wide, g.tags, kn)
    assert (got.start, got.end) == (date(2021, 9, 6), date(2021, 10, 21))
    assert got.evidence[0] == "linked by other sources" and "Sept. 6" in got.evidence[1]
    # with nothing of its own to say, the interval stays as other sources gave it
    assert publication.refine(wide, ground_text("A joint patrol toured villages.").tags, kn) == wide


def test_two_weekdays_of_last_week() -> None:
    g = ground_text(HEADER + "Turkish units stayed away from the patrols on Tuesday and Thursday last week.")
    assert [(t.text, format_interval(t.interval)) for t in g.timexes] == [
        ("on Tuesday", "2021-06-08"),
        ("Thursday", "2021-06-10"),
    ]


def test_the_day_that_names_an_agreement_does_not_date_the_article() -> None:
    # "the Sochi agreement of 22 October" is the agreement's name: the page of a patrol "today" may be
    # more than a year later, so neither the 12-month nor the 31-day bound of year-less news holds
    text = (
        "A joint patrol toured the villages west of Amuda today.\n\n"
        "The patrols run under the Sochi agreement of 22 October, local sources said."
    )
    g = ground_text(text)
    assert g.published.start == date(2019, 10, 22) and g.published.end == LATEST, g.published.evidence


def test_the_day_an_agreement_was_concluded_does_not_make_a_weekday_report_recent() -> None:
    # "the agreement concluded ... on the fifth of March" names the deal: it is no report of the
    # article's news, so "on Wednesday" does not put publication within weeks of March 5
    text = (
        "The forces carried out on Wednesday a joint patrol on the M4 road near Ariha.\n\n"
        "The patrols are carried out under the agreement concluded between the two presidents in Moscow "
        "on the fifth of March."
    )
    g = ground_text(text)
    assert g.published.end > date(2020, 12, 31)  # open: nothing bounds it after March
    assert "within 45 days" not in " ".join(g.published.evidence)


def test_a_day_the_news_counts_on_from_does_not_make_a_weekday_report_recent() -> None:
    # "since the 8th of December", "after the blast ... on 14 July": the news follows that day,
    # however long after, so "on Tuesday" does not put publication within weeks of it; the day still
    # gives the earliest day and (year-less) the year after it
    for since, day in (
        ("Ever since the 8th of December, when the regime fell, the two sides have talked.", date(2024, 12, 8)),
        (
            "After the IED blast near Ariha on 14 July, which injured three soldiers, convoys hardly moved.",
            date(2020, 7, 14),
        ),
    ):
        text = "Engineers began dismantling the observation post near Kafr Nabl on Tuesday.\n\n" + since
        g = ground_text(text)
        assert "within 45 days" not in " ".join(g.published.evidence), g.published.evidence
        assert g.published.start == day and g.published.end < date(day.year + 1, 12, 31), g.published.evidence
    # told as the news of that day, it still does
    text = (
        "Engineers began dismantling the observation post near Kafr Nabl on Tuesday.\n\n"
        "On 14 July an IED blast near Ariha injured three soldiers of the joint patrol."
    )
    assert "within 45 days" in " ".join(ground_text(text).published.evidence)


def test_a_weekday_report_may_come_weeks_after_the_last_day_it_recalls() -> None:
    # the last dated report an article with "today" recalls is often background weeks old: six
    # weeks after it are open, not one month
    text = (
        "An IED went off under an armoured vehicle of the joint patrol near Ariha today.\n\n"
        "On July 14 a bomb hit the joint patrol on the M4 near Ariha, wounding three Russian servicemen."
    )
    g = ground_text(text)
    assert g.published.start == date(2020, 7, 14) and g.published.end >= date(2020, 8, 25), g.published.evidence


def test_a_day_a_plan_was_set_for_in_the_past_is_past() -> None:
    # "had been scheduled for Thursday" in a Friday's article: that Thursday, not the next
    text = "A joint patrol near Kobani that had been scheduled for Thursday was called off, a monitor said."
    g = ground_text(text, published="2023-10-06")
    assert fmt(g, "Thursday") == "2023-10-05"
    # a plan told in the present is still ahead
    g = ground_text("A joint patrol near Kobani is scheduled for Thursday, the ministry said.", published="2023-10-06")
    assert fmt(g, "Thursday") == "2023-10-12"


def test_the_following_weekday_is_after_the_date_before() -> None:
    text = (
        "Turkish units failed to appear on 6 February, and again the following Monday; "
        "the previous Friday they had come."
    )
    g = ground_text(text, published="2020-02-20")
    assert fmt(g, "the following Monday") == "2020-02-10"
    assert fmt(g, "the previous Friday") == "2020-02-07"  # before the date just before it (10 February)


def test_the_same_day_after_a_list_of_days_is_the_day_told_before_the_list() -> None:
    text = (
        "Russian troops waited near Darbasiyah on Monday for a patrol the Turks never joined. They had also "
        "stayed away on Tuesday and Thursday last week. The same day shelling killed five soldiers near Taftanaz."
    )
    g = ground_text(text, published="2020-02-11")
    assert fmt(g, "The same day") == "2020-02-10"


def test_a_heading_that_tells_a_date_after_a_preposition_is_no_timestamp() -> None:
    g = ground_text("Headline about the patrols\nSince 5 November 2019" + BODY)
    assert (g.published.start, g.published.end) != (date(2019, 11, 5), date(2019, 11, 5))


def test_a_title_case_city_with_its_agency_in_brackets_after_the_day_is_a_dateline() -> None:
    g = ground_text("Headline\n\nNew Delhi, Nov 5 (PTI) Troops of both armies patrolled near Kobani in 2019.")
    assert (g.published.start, g.published.end) == (date(2019, 11, 5), date(2019, 11, 5))
    assert g.published.evidence[0] == "dateline 'Nov 5' has no year"
    # the country in square brackets after the city, as Indian wires write it; "since Tuesday" is of the news
    g = ground_text(
        "Headline\n\nMoscow [Russia], Nov 6 (ANI): Troops have patrolled near Kobani since Tuesday in 2019."
    )
    assert (g.published.start, g.published.end) == (date(2019, 11, 6), date(2019, 11, 6))
    assert g.published.evidence[0] == "dateline 'Nov 6' has no year"


def test_a_numeric_stamp_of_unknown_order_gives_the_dateline_its_year_by_the_reading_of_its_day() -> None:
    text = "World | 05/11/2023 | 17:22\n\nAnkara, November 05 (XYZ) - The ministry said joint patrols were held."
    g = ground_text(text)
    assert (g.published.start, g.published.end) == (date(2023, 11, 5), date(2023, 11, 5))


def test_the_same_day_as_a_named_event_is_the_day_of_the_articles_news_not_the_last_day_told() -> None:
    filler = "The convoy turned back to its base and the damaged vehicle was towed away by the troops. " * 5
    text = (
        "A bomb hit a joint patrol near Ariha on Tuesday. " + filler + "On July 14, a car bomb wounded soldiers "
        "there. On the same day as the Ariha blast, another joint patrol toured Amuda."
    )
    g = ground_text(text, published="2020-08-26")
    assert fmt(g, "the same day") == "2020-08-25"
    # without "as the ...", it is the day told last
    g = ground_text(text.replace(" as the Ariha blast", ""), published="2020-08-26")
    assert fmt(g, "the same day") == "2020-07-14"


def test_a_year_in_a_relative_clause_keeps_its_own_tense() -> None:
    # "who remember the siege in 2014" is past; the main clause's "will be handed over" is not its
    g = ground_text(
        "Many people in Kobani, who remember the siege by ISIS in 2014, fear the town will be handed over. "
        "Russian vehicles entered the town yesterday."
    )
    assert g.published.start >= date(2014, 1, 1)
    assert g.published.end > date(2020, 1, 1)
    # a date before the main clause's future still takes it
    h = ground_text("On Monday, the patrols will resume.", published="2021-06-09")
    assert fmt(h, "On Monday") == "2021-06-14"


def test_a_date_after_ahead_of_is_the_deadline_s_not_the_event_s() -> None:
    from patroltl.extract import extract
    from patroltl.places import find_places

    kn = Knowledge.bundled()
    text = (
        "Moscow said on Tuesday that the Kurdish militia had completed its withdrawal from the border strip, ahead "
        "of a deadline set in a deal agreed in Sochi on Oct. 22."
    )
    ms = extract(text, ground_text(text, published="2019-11-02"), find_places(text, kn.gazetteer))
    (pullback,) = [m for m in ms if m.type == "withdrawal"]
    assert pullback.date.start == date(2019, 10, 29)


def test_a_date_that_names_a_retold_deal_gives_no_year_to_the_articles_other_days() -> None:
    # an undated analysis retells the deals of 2018 and 2019; its "25 August" may be of any year after
    text = (
        "Analysis\n\nThe posts came from the memorandum on Idlib that the two presidents signed on 17 September 2018, "
        "and the second memorandum, of 22 October 2019, set up the patrols.\n\n"
        "After the blast near the village of Kafr Zeytoun on 25 August, the convoys stopped."
    )
    g = ground_text(text)
    (aug,) = [t for t in g.timexes if t.text == "25 August"]
    assert aug.interval.start.year != aug.interval.end.year  # the year left open, not 2019


def test_that_month_and_that_year_are_the_period_of_the_date_before() -> None:
    from patroltl.dates import ground_text

    def spans(text: str) -> list[tuple[str, date, date]]:
        return [(x.text, x.interval.start, x.interval.end) for x in ground_text(text, published="2023-10-10").timexes]

    assert spans("The memorandum was signed on 22 October 2019, after the army took the towns that month.")[-1] == (
        "that month",
        date(2019, 10, 1),
        date(2019, 10, 31),
    )
    # a part of it, after or before that date
    assert spans("Soldiers were killed in early February 2020 and in an air strike later that month.")[-1] == (
        "later that month",
        date(2020, 2, 11),
        date(2020, 2, 29),
    )
    # a year written alone before it is what "that year" points back to
    assert spans(
        "In November last year a bomb went off. Its latest offensive was its 2019 one. Under a deal reached in "
        "Sochi that year, patrols go on."
    )[-1] == ("that year", date(2019, 1, 1), date(2019, 12, 31))
    # and no "that" of another use is a date
    assert [s[0] for s in spans("He said that month-long talks had failed on Monday.")] == ["on Monday"]
