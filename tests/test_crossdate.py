"""Cross-source dating (issue 13), on short articles written for these tests: an article with no
date of its own is dated by the dated reports of the same incident, through a chain of undated
ones, or left open with the disagreement said when its links point at different dates; background
mentions join the events they name; the result does not depend on the order of the articles."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import MonkeyPatch

from patroltl.crossdate import chronicle
from patroltl.intervals import interval
from patroltl.knowledge import Knowledge
from patroltl.models import DateInterval, Document, Event, PlaceRef, StoredMention
from patroltl.pipeline import ingest, process
from patroltl.store import Store, mention_key

Article = tuple[str, str]

# Other patrols of the same weeks, each with its own place and details: a corpus in which a
# village's name or a burned tyre is rare, as in a real one.
OTHERS: list[Article] = [
    (
        "o1.txt",
        "Published 10 March 2021 | 09:00\n\nRussian and Turkish troops held their joint patrol near Kobani on "
        "Wednesday. The convoy of eight vehicles passed the villages of Ashma and Zor Maghar without incident, the "
        "Russian Defence Ministry said.",
    ),
    (
        "o2.txt",
        "Published 14 April 2021 | 11:20\n\nA joint Turkish-Russian patrol set out from Ad Darbasiyah on Wednesday "
        "and returned after four hours, the Turkish Defence Ministry said.",
    ),
    (
        "o3.txt",
        "Published 21 April 2021 | 08:45\n\nThe joint patrol near Qamishli on Wednesday was escorted by two "
        "helicopters, Kurdish media reported. Shops in the town stayed closed.",
    ),
    (
        "o4.txt",
        "Published 5 May 2021 | 14:05\n\nTurkish and Russian forces patrolled the countryside of Tall Tamr on "
        "Wednesday, an activist network said. Farmers watched the convoy from their fields.",
    ),
    (
        "o5.txt",
        "Published 19 May 2021 | 16:30\n\nRussian military police and Turkish troops conducted a joint patrol east "
        "of Kobani on Wednesday, covering 70 km.",
    ),
    (
        "o6.txt",
        "Published 26 May 2021 | 12:00\n\nA joint patrol drove through Abu Rasin on Wednesday. Children waved at "
        "the soldiers, a local journalist said.",
    ),
]

DATED: Article = (
    "dated.txt",
    "Published 2 June 2021 | 10:12\n\nTurkish and Russian troops held a joint patrol in the countryside of Amuda "
    "on Wednesday. Residents of the village of Kharab Abu Ghalib burned tyres and threw stones at the convoy, and "
    "one armoured vehicle was damaged, local sources said.",
)
# No date anywhere on the page, no number in the series: only the incident tells when.
UNDATED: Article = (
    "undated.txt",
    "Villagers pelt Russian-Turkish convoy\n\nAngry villagers burned tyres and hurled stones at a Turkish-Russian "
    "joint patrol near Amuda on Wednesday, damaging an armoured vehicle, according to activists in Kharab Abu "
    "Ghalib.",
)

# A chain: C is dated; B shares C's incident; A shares only B's aside (the drone over a hamlet).
CHAIN_C: Article = (
    "c.txt",
    "Published 12 May 2021 | 09:30\n\nTurkish and Russian troops held a joint patrol in the countryside of Tall "
    "Tamr on Wednesday. Residents of the village of Qarat Zulfi burned tyres and threw stones at the convoy, the "
    "Turkish Defence Ministry said.",
)
CHAIN_B: Article = (
    "b.txt",
    "Stones at Qarat Zulfi\n\nProtesters burned tyres and threw stones at a joint patrol near Tall Tamr on "
    "Wednesday, activists in Qarat Zulfi said. A drone hovered over the nearby hamlet of Mazraat Hanun as the "
    "convoy passed.",
)
CHAIN_A: Article = (
    "a.txt",
    "Drone over Mazraat Hanun\n\nResidents of Mazraat Hanun near Tall Tamr said a drone hovered over their hamlet "
    "on Wednesday as a Russian-Turkish joint patrol passed.",
)


def _stored(articles: Sequence[Article]) -> tuple[list[StoredMention], dict[str, tuple[object, ...]]]:
    mentions: list[StoredMention] = []
    tags: dict[str, tuple[object, ...]] = {}
    for name, text in articles:
        art = process(Document(path=name, text=text), source=name.split(".")[0])
        tags[art.content_hash] = art.tags
        mentions += [
            StoredMention(
                mention_key(art.content_hash, i),
                name,
                art.content_hash,
                art.outlet.name,
                art.outlet.side,
                art.published,
                m,
            )
            for i, m in enumerate(art.mentions)
        ]
    return mentions, tags


def chronicle_of(*articles: Article) -> tuple[list[Event], dict[str, DateInterval]]:
    """The events of the articles as an ingest clusters them, and the publication dates other
    sources give the articles without one, by file name."""
    mentions, tags = _stored(articles)
    events, published = chronicle(mentions, tags.get, (), Knowledge.bundled())  # type: ignore[arg-type]
    names = {sm.article_hash: sm.article_path for sm in mentions}
    return events, {names[h]: iv for h, iv in published.items()}


def event_of(events: list[Event], name: str, type_: str = "patrol") -> Event:
    (found,) = [e for e in events if e.type == type_ and any(sm.article_path == name for sm in e.members)]
    return found


def test_an_undated_report_is_dated_by_a_dated_report_of_the_same_incident() -> None:
    events, published = chronicle_of(*OTHERS, DATED, UNDATED)
    ev = event_of(events, "undated.txt")
    assert {sm.article_path for sm in ev.members} == {"dated.txt", "undated.txt"}
    assert (ev.date.start, ev.date.end) == (date(2021, 6, 2), date(2021, 6, 2))
    pub = published["undated.txt"]
    assert pub.start == date(2021, 6, 2) and pub.end <= date(2021, 6, 5)
    why = pub.evidence[0]
    assert why.startswith("published 2021-06-02..06-0") and "dated 2021-06-02 by dated" in why
    assert "same place Amuda" in why and "kharab" in why  # the evidence says why, in words


def events_of(events: list[Event], name: str) -> list[Event]:
    return [e for e in events if any(sm.article_path == name for sm in e.members)]


def test_without_the_dated_report_nothing_is_invented() -> None:
    events, published = chronicle_of(*OTHERS, UNDATED)
    assert "undated.txt" not in published
    mine = events_of(events, "undated.txt")
    assert mine and all(e.date.precision == "unknown" for e in mine)
    assert all({sm.article_path for sm in e.members} == {"undated.txt"} for e in mine)


def test_a_chain_of_undated_reports_reaches_the_dated_one() -> None:
    events, published = chronicle_of(*OTHERS, CHAIN_C, CHAIN_B, CHAIN_A)
    ev = event_of(events, "a.txt")
    assert {sm.article_path for sm in ev.members} == {"a.txt", "b.txt", "c.txt"}
    assert ev.date.start == ev.date.end == date(2021, 5, 12)
    assert "mazraat" in published["a.txt"].evidence[0]  # A is dated through what B told of
    # A alone could not be linked to C: the place is all they share
    alone, pub_alone = chronicle_of(*OTHERS, CHAIN_C, CHAIN_A)
    assert "a.txt" not in pub_alone
    assert event_of(alone, "a.txt").date.precision == "unknown"


def test_links_to_different_dates_leave_the_article_open_and_say_so() -> None:
    later = (
        "later.txt",
        "Published 16 June 2021 | 10:00\n\nTurkish and Russian troops held a joint patrol in the countryside of "
        "Amuda on Wednesday. Residents of Kharab Abu Ghalib burned tyres and threw stones at the convoy, and an "
        "armoured vehicle was damaged, local sources said.",
    )
    events, published = chronicle_of(*OTHERS, DATED, later, UNDATED)
    pub = published["undated.txt"]
    assert pub.precision == "unknown"
    why = pub.evidence[-1]
    assert why.startswith("other sources disagree")
    assert "2021-06-02" in why and "2021-06-16" in why
    mine = events_of(events, "undated.txt")
    assert all({sm.article_path for sm in e.members} == {"undated.txt"} for e in mine)
    assert all(any(w.startswith("other sources disagree") for w in e.date.evidence) for e in mine)


def test_a_month_dated_background_mention_joins_its_day_dated_event() -> None:
    day = (
        "sochi.txt",
        "Published 23 October 2019 | 08:00\n\nOn October 22, 2019, Presidents Putin and Erdogan signed a memorandum "
        "in Sochi on northeast Syria.",
    )
    background = (
        "later.txt",
        "Published 9 December 2019 | 10:00\n\nUnder the memorandum Russia and Turkey signed in Sochi in October "
        "2019, their troops patrol a strip along the border.",
    )
    events, _ = chronicle_of(*OTHERS, day, background)
    ev = event_of(events, "later.txt", "agreement")
    assert {sm.article_path for sm in ev.members} == {"sochi.txt", "later.txt"}
    assert ev.date.start == ev.date.end == date(2019, 10, 22)


def test_a_deal_named_by_its_town_and_a_month_is_the_reference_deal_of_that_month() -> None:
    """ "the Sochi memorandum of last October": the town and the month name the deal, not the other
    deal of that month (the US-Turkish pause agreed in Ankara five days before, which a report
    that names both gives the town of the other)."""
    pause = (
        "pause.txt",
        "Published 18 October 2019 | 08:00\n\nOn October 17, 2019, the United States and Turkey agreed in Ankara "
        "on a 120-hour pause in the offensive.",
    )
    day = (
        "sochi.txt",
        "Published 23 October 2019 | 08:00\n\nOn October 22, 2019, Presidents Putin and Erdogan signed a memorandum "
        "in Sochi on northeast Syria.",
    )
    later = (
        "later.txt",
        "Published 22 July 2020 | 16:05\n\nThat patrol, held under the Sochi memorandum of last October, passed "
        "without incident.",
    )
    # a report that names both deals in one clause gives the pause's event the town of the other
    both = (
        "both.txt",
        "Published 30 October 2019 | 11:05\n\nThe offensive was halted under the understanding reached with the "
        "US on 17 October and the Sochi memorandum.",
    )
    events, _ = chronicle_of(*OTHERS, pause, both, day, later)
    ev = event_of(events, "later.txt", "agreement")
    assert {sm.article_path for sm in ev.members} == {"sochi.txt", "later.txt"}
    assert ev.date.start == ev.date.end == date(2019, 10, 22)


def test_a_deals_place_is_the_town_it_is_named_by_not_the_region_it_is_for() -> None:
    """Of two reports of the 2018 deal, one names it by its town, the other by the region its posts
    are in: as many votes each, the deal's venue is its place."""
    region = (
        "region.txt",
        "Published 20 March 2019 | 09:00\n\nTurkish troops man observation posts in Idlib under an agreement "
        "Ankara and Moscow signed last year.",
    )
    town = (
        "town.txt",
        "Published 2 April 2019 | 09:00\n\nTurkey keeps 12 observation posts under the Sochi Agreement between "
        "Turkey and Russia in September 2018.",
    )
    events, _ = chronicle_of(region, town)
    (deal,) = [e for e in events if e.type == "agreement"]
    assert {sm.article_path for sm in deal.members} == {"region.txt", "town.txt"}
    assert deal.place is not None and deal.place.name == "Sochi"


def test_a_deal_dated_to_a_few_days_that_hold_a_reference_deal_is_that_deal() -> None:
    day = (
        "sochi.txt",
        "Published 23 October 2019 | 08:00\n\nOn October 22, 2019, Presidents Putin and Erdogan signed a memorandum "
        "in Sochi on northeast Syria.",
    )
    week = (
        "week.txt",
        "Published 29 October 2019 | 10:00\n\nKurdish forces have left the strip, clearing the way for joint "
        "Russian-Turkish patrols under a deal struck by the two countries' leaders last week.",
    )
    events, _ = chronicle_of(*OTHERS, day, week)
    ev = event_of(events, "week.txt", "agreement")
    assert {sm.article_path for sm in ev.members} == {"sochi.txt", "week.txt"}
    assert ev.date.start == ev.date.end == date(2019, 10, 22)
    # alone, the report is dated by the reference chronology, which says why
    events, _ = chronicle_of(*OTHERS, week)
    ev = event_of(events, "week.txt", "agreement")
    assert ev.date.start == ev.date.end == date(2019, 10, 22)
    assert any("holds Sochi memorandum" in why for why in ev.date.evidence)


def test_the_reference_chronology_dates_the_october_2023_air_campaign_a_report_names() -> None:
    later = (
        "later.txt",
        "Published 10 January 2024 | 10:00\n\nThe air campaign Turkey began in October 2023 after the Ankara "
        "bombing hit energy facilities in Hasakah.",
    )
    events, _ = chronicle_of(*OTHERS, later)
    ev = event_of(events, "later.txt", "military_operation")
    assert ev.date.start == ev.date.end == date(2023, 10, 5)


def test_never_merge_on_the_way_two_sochi_agreements_or_two_series_on_one_day() -> None:
    sochi = (
        "two-sochi.txt",
        "Published 16 March 2020 | 08:00\n\nTurkey keeps observation posts in Idlib under the Sochi agreement of "
        "September 2018. On October 22, 2019, Putin and Erdogan signed a memorandum in Sochi on northeast Syria.",
    )
    east = (
        "east.txt",
        "Published 9 June 2021 | 18:00\n\nThe 31st joint patrol east of the Euphrates was held near Kobani on June 9, "
        "2021, the Russian Defence Ministry said.",
    )
    m4 = (
        "m4.txt",
        "Published 9 June 2021 | 19:00\n\nThe 31st joint patrol on the M4 highway was held near Saraqib on June 9, "
        "2021, the Turkish Defence Ministry said.",
    )
    third = (
        "third.txt",
        "Published 9 June 2021 | 20:00\n\nThe 32nd joint patrol was held near Kobani on June 9, 2021.",
    )
    events, _ = chronicle_of(*OTHERS, sochi, east, m4, third, UNDATED)
    agreements = sorted((e.date.start.year, e.date.start.month) for e in events if e.type == "agreement")
    assert agreements == [(2018, 9), (2019, 10)]
    patrols = {
        e.id
        for e in events
        if e.type == "patrol"
        for sm in e.members
        if sm.article_path in {"east.txt", "m4.txt", "third.txt"}
    }
    assert len(patrols) == 3


def _summary(events: list[Event]) -> list[tuple[str, str, date, date, tuple[str, ...]]]:
    return [(e.id, e.type, e.date.start, e.date.end, tuple(sorted(sm.key for sm in e.members))) for e in events]


def test_the_same_articles_in_any_order_give_the_same_chronology() -> None:
    articles = [*OTHERS, DATED, UNDATED, CHAIN_C, CHAIN_B, CHAIN_A]
    mentions, tags = _stored(articles)
    kn = Knowledge.bundled()
    first, pub = chronicle(mentions, tags.get, (), kn)  # type: ignore[arg-type]
    assert len(pub) >= 3  # the order matters only if something is cross-dated
    rng = random.Random(13)
    for _ in range(3):
        shuffled = mentions[:]
        rng.shuffle(shuffled)
        again, pub_again = chronicle(shuffled, tags.get, (), kn)  # type: ignore[arg-type]
        assert _summary(again) == _summary(first)
        assert pub_again == pub


def test_ingested_at_once_or_one_at_a_time_the_chronology_is_the_same(tmp_path: Path) -> None:
    articles = [*OTHERS, DATED, UNDATED, CHAIN_C, CHAIN_B, CHAIN_A]
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in articles:
        (folder / name).write_text(text, encoding="utf-8")
    with Store.open(tmp_path / "once.db") as once:
        ingest([str(folder)], once)
        at_once = once.events()
    with Store.open(tmp_path / "each.db") as each:
        for name, _ in reversed(articles):
            ingest([str(folder / name)], each)
        one_by_one = each.events()
    assert at_once is not None and one_by_one is not None
    assert _summary(one_by_one) == _summary(at_once)
    undated = event_of(at_once, str(folder / "undated.txt"))
    assert undated.date.start == date(2021, 6, 2)


def test_the_chronology_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Sets iterate in an order that changes with PYTHONHASHSEED: every tie (an alias's case, the
    words an evidence line lists) is broken by value, so two processes give the same bytes."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in [*OTHERS, DATED, UNDATED, CHAIN_C, CHAIN_B, CHAIN_A]:
        (folder / name).write_text(text, encoding="utf-8")
    outputs = []
    for seed in ("1", "2", "3"):
        db = tmp_path / f"s{seed}.db"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = [sys.executable, "-m", "patroltl"]
        paths = [str(folder), str(ROOT / "data" / "samples")]
        subprocess.run([*run, "ingest", "-q", "--db", str(db), *paths], env=env, check=True, capture_output=True)
        shown = subprocess.run(
            [*run, "timeline", "--db", str(db), "--format", "json"], env=env, check=True, capture_output=True
        )
        outputs.append(shown.stdout)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_an_incident_said_not_to_have_happened_is_no_detail() -> None:
    from patroltl.crossdate import detail_words
    from patroltl.intervals import open_interval
    from patroltl.models import Mention

    kn = Knowledge.bundled()

    def words(sentence: str) -> tuple[str, ...]:
        m = Mention(type="patrol", sentence=sentence, start=0, end=len(sentence), date=open_interval())
        return detail_words(m, kn)

    assert "~injured" not in words("The blast did not cause casualties or injuries among the patrol.")
    assert "~injured" not in words("The convoy returned without any injuries, the ministry said.")
    assert "~injured" in words("Three soldiers were injured when the patrol was hit.")
    assert "~injured" in words("No patrol was stopped, but three soldiers were injured.")


def test_a_source_does_not_corroborate_itself_through_the_articles_it_dated() -> None:
    """An event dated by A and by B, where B's date came from A: for A, the event is dated by no
    one else (else A would date itself, round after round, by what it told B)."""
    from patroltl.crossdate import Evidence, _Side, _Target

    day = DateInterval(date(2021, 6, 2), date(2021, 6, 2), "day")
    sides = {"a": _Side(Evidence(), day), "b": _Side(Evidence(), day), "c": _Side(Evidence(), None)}
    target = _Target(event_of(chronicle_of(DATED)[0], "dated.txt"), "patrol", sides)
    assert target.dated_by("a") == ["b"]
    assert target.dated_by("a", {"b"}) == []  # b was dated through a
    assert target.date_without("a", 3, {"b"}) is None
    assert target.date_without("c", 3) == interval(date(2021, 6, 2), date(2021, 6, 2))
    assert target.date_without("z", 3) == interval(date(2021, 6, 2), date(2021, 6, 2))  # not one of its sides


def test_a_report_that_names_nothing_of_an_event_does_not_narrow_its_link() -> None:
    """An undated article of the third patrol ("on Friday", "the third joint patrol") that also
    says the series "started last week": the first patrol's link is through that sentence alone,
    not through "on Friday" (which names nothing of the first patrol), so the links agree."""
    first = [
        (
            "f1.txt",
            "Published 11 June 2021 | 10:00\n\nTurkish and Russian troops held their first joint patrol near "
            "Qamishli on Friday, the ministry said.",
        ),
        (
            "f2.txt",
            "Published 12 June 2021 | 09:00\n\nThe first joint patrol of the two armies was held near Qamishli "
            "on June 11, 2021.",
        ),
    ]
    third = [
        (
            "t1.txt",
            "Published 18 June 2021 | 18:00\n\nA protester was killed when a convoy hit him during the third "
            "joint patrol near Qamishli on Friday, activists said.",
        ),
        (
            "t2.txt",
            "Published 19 June 2021 | 08:00\n\nThe third joint patrol near Qamishli on June 18, 2021 ran over a "
            "protester, who was killed.",
        ),
    ]
    x = (
        "x.txt",
        "Protester killed\n\nA protester was killed during a joint patrol on Friday, activists said.\n\nThis was the "
        "third joint patrol since the two sides agreed on the deal.\n\nThe patrols started last week, after the "
        "militia withdrew.",
    )
    events, published = chronicle_of(*OTHERS, *first, *third, x)
    assert (published["x.txt"].start, published["x.txt"].end) == (date(2021, 6, 18), date(2021, 6, 20))
    dated = {(e.type, e.date.start) for e in events if any(sm.article_path == "x.txt" for sm in e.members)}
    assert dated == {("patrol", date(2021, 6, 11)), ("patrol", date(2021, 6, 18)), ("attack", date(2021, 6, 18))}


@settings(max_examples=300, deadline=None)
@given(
    wd=st.integers(0, 6),
    rel=st.sampled_from(["", "last", "next", "future"]),
    start=st.dates(date(2019, 1, 1), date(2024, 12, 31)),
    width=st.integers(0, 20),
)
def test_the_closed_form_window_of_a_weekday_is_the_searched_one(wd: int, rel: str, start: date, width: int) -> None:
    """The quick window of 'on Friday' ('last Friday', 'next Friday') equals the two binary searches."""
    from dataclasses import replace as copy
    from datetime import timedelta

    from patroltl import crossdate as X
    from patroltl.models import Tag

    kn = Knowledge.bundled()
    tag = Tag(0, 9, "on Friday", "weekday", "future" if rel == "future" else "past", wd=wd, wd_rel=rel or None)
    target = interval(start, start + timedelta(days=width))
    quick = X._days_window(tag, target.start, target.end)
    X._days_window, saved = (lambda *a: None), X._days_window  # type: ignore[assignment]
    try:
        X._window.cache_clear()
        searched = X.tag_window(copy(tag), target, kn, 800)
    finally:
        X._days_window = saved  # type: ignore[assignment]
        X._window.cache_clear()
    assert (quick or None) == searched


@settings(max_examples=100, deadline=None)
@given(n=st.sampled_from([0, -1, -2]), start=st.dates(date(2019, 1, 1), date(2024, 12, 31)), width=st.integers(0, 9))
def test_the_closed_form_window_of_today_and_yesterday_is_the_searched_one(n: int, start: date, width: int) -> None:
    from datetime import timedelta

    from patroltl import crossdate as X
    from patroltl.models import Tag

    kn = Knowledge.bundled()
    rel = "today" if n == 0 else "days"
    tag = Tag(0, 9, "yesterday", "relative", "present" if n == 0 else "past", rel=rel, n=n)
    target = interval(start, start + timedelta(days=width))
    quick = X._days_window(tag, target.start, target.end)
    X._days_window, saved = (lambda *a: None), X._days_window  # type: ignore[assignment]
    try:
        X._window.cache_clear()
        searched = X.tag_window(tag, target, kn, 800)
    finally:
        X._days_window = saved  # type: ignore[assignment]
        X._window.cache_clear()
    assert (quick or None) == searched


def test_an_offensive_ended_by_a_deal_of_last_month_takes_the_month_other_sources_give() -> None:
    # the undated article's "last month" is grounded again once the dated report dates the article,
    # and the offensive the deal ended gets that month too, not an open date
    text = (
        "Villagers pelt Russian-Turkish convoy\n\nAngry villagers burned tyres and hurled stones at a "
        "Turkish-Russian joint patrol near Amuda on Wednesday, damaging an armoured vehicle, according to "
        "activists in Kharab Abu Ghalib. The patrols began after Ankara and Moscow agreed on a deal last month "
        "that ended Turkey's military offensive in northern Syria."
    )
    events, published = chronicle_of(*OTHERS, DATED, ("undated.txt", text))
    assert published["undated.txt"].start == date(2021, 6, 2)
    (op,) = [e for e in events_of(events, "undated.txt") if e.type == "military_operation"]
    assert (op.date.start, op.date.end) == (date(2021, 5, 1), date(2021, 5, 31))


# A sector's numbered patrols, dated by their articles; an article that gives only "the fifth of
# April" for the 49th.
EIGHTEENTH: Article = (
    "n18.txt",
    "Published 21 May 2020 | 10:00\n\nRussian military police and Turkish troops conducted the 18th joint patrol "
    "near Kobani on Thursday, starting from the village of Ashma.",
)
NINETY_FIFTH: Article = (
    "n95.txt",
    "Published 11 April 2022 | 12:00\n\nRussian and Turkish troops held a joint patrol in the countryside of "
    "Kobani on Monday. It was the 95th such joint patrol the two militaries have conducted since these patrols "
    "started in late 2019.",
)
FORTY_NINTH: Article = (
    "n49.txt",
    "Kobani patrol\n\nOn the fifth of April, the Russian military police conducted the forty-ninth joint patrol "
    "with the Turkish side in the western countryside of Kobani, local sources said.",
)


def test_a_numbered_patrol_with_no_year_is_placed_between_the_dated_numbers_of_its_sector() -> None:
    events, published = chronicle_of(*OTHERS, EIGHTEENTH, NINETY_FIFTH, FORTY_NINTH)
    ev = event_of(events, "n49.txt")
    assert (ev.date.start, ev.date.end) == (date(2021, 4, 5), date(2021, 4, 5))
    pub = published["n49.txt"]
    assert pub.start == date(2021, 4, 5) and pub.end < date(2022, 4, 5)
    assert "49th numbered patrol lies between the 18th" in pub.evidence[0] and "the 95th" in pub.evidence[0]


def test_without_a_dated_number_above_it_the_year_stays_open() -> None:
    _, published = chronicle_of(*OTHERS, EIGHTEENTH, FORTY_NINTH)
    assert "n49.txt" not in published


def test_the_same_villages_in_another_romanisation_link_an_undated_report() -> None:
    dated: Article = (
        "spelt1.txt",
        "Published 9 June 2021 | 10:12\n\nTurkish and Russian troops held a joint patrol near Ayn Issa on Tuesday. "
        "The convoy passed the villages of Mushayrfa and Ghareeb Sharqi, where residents protested, local "
        "sources said.",
    )
    undated: Article = (
        "spelt2.txt",
        "Protest at a joint patrol\n\nResidents of Mashirfa and Gharib Sharqi protested as a Russian-Turkish "
        "joint patrol passed near Ain Issa on Tuesday, activists said.",
    )
    # a corpus of some size, in which two villages are rare names
    towns = ["Amuda", "Qamishli", "Kobani", "Tall Tamr", "Ad Darbasiyah", "Abu Rasin", "Tall Abyad", "Manbij"]
    fillers: list[Article] = [
        (f"f{i}.txt", f"Published {1 + i} May 2021 | 09:00\n\nA joint patrol passed near {towns[i % 8]} on Monday.")
        for i in range(24)
    ]
    events, published = chronicle_of(*OTHERS, *fillers, dated, undated)
    assert published["spelt2.txt"].start == date(2021, 6, 8)
    why = published["spelt2.txt"].evidence[0]
    assert "mashirfa" in why or "mushayrfa" in why  # the evidence says the name as a report spells it
    assert {sm.article_path for sm in event_of(events, "spelt2.txt").members} >= {"spelt1.txt", "spelt2.txt"}


def test_names_compare_by_their_consonant_skeleton() -> None:
    from patroltl.crossdate import name_key

    assert name_key("mushayrfa") == name_key("mashirfa") == name_key("mushairfa")
    assert name_key("ghareeb") == name_key("gharib") != name_key("ghazal")
    assert name_key("344") == "344" and name_key("~stones") == "~stones"


def test_a_link_never_scores_above_the_bound_its_article_is_weighed_by() -> None:
    """Candidates whose bound (all the article's reports together, plus ``_Scorer.slack``) cannot
    reach link_at are not worked out: so no part of the reports may score more than that. Two
    ways a part scores more than the whole: a number one report gives as a word and another as a
    figure (the whole counts the figure, the part the rarer word), and a road and a village both
    named (the whole's same place is the village, the part's the road, which counts the village
    as a further one)."""
    from patroltl.crossdate import Evidence, _Scorer

    kn = Knowledge.bundled()
    village = PlaceRef("Kabana", "Kabana", "p:kabana", 35.8, 36.5, "village")
    road = PlaceRef("M4 highway", "M4 highway", "p:m4", 35.8, 36.4, "road")
    scorer = _Scorer(kn.tuning.crossdate, {"1037": 9.0, "kabana": 2.0}, kn.kinds.is_point)
    theirs = Evidence(places=(road, village), words=frozenset({"1037"}), figures=frozenset({("vehicles", 1037.0)}))
    cases = [
        # the whole names the figure; the part only the word
        (
            Evidence(words=frozenset({"1037"}), figures=frozenset({("vehicles", 1037.0)})),
            Evidence(words=frozenset({"1037"})),
        ),
        # the whole names the village first (one report); the part, a report that names the road first
        (Evidence(places=(village, road)), Evidence(places=(road, village))),
    ]
    for whole, part in cases:
        whole = Evidence(places=whole.places or (village,), words=whole.words, figures=whole.figures)
        part = Evidence(places=part.places or (village,), words=part.words, figures=part.figures)
        top, some = scorer.score(whole, theirs), scorer.score(part, theirs)
        assert top is not None and some is not None
        assert some[0] > top[0]  # the case is real: the part outscores the whole ...
        assert some[0] <= top[0] + scorer.slack(whole, theirs)  # ... and the slack covers it


# One incident told as two events: a patrol blocked at one village, a soldier killed near another
# the same day. Each report alone shares too little with the dated article; together they date it.
TWO_EVENTS: Article = (
    "two.txt",
    "Published 11 November 2020 | 10:00\n\nVillagers blocked a joint Russian-Turkish patrol in Tall Shair on "
    "Tuesday and burned tyres on the road, local sources said. Hours later, gunmen opened fire on a Turkish "
    "checkpoint near Kasrah, killing a soldier and wounding two.",
)
BOTH_TOLD: Article = (
    "both.txt",
    "Tense day in the villages\n\nLast Tuesday, villagers blocked the joint patrol at Tall Shair. Last Tuesday, "
    "too, a soldier was killed by gunfire near Kasrah.",
)


def test_the_events_of_one_day_told_elsewhere_date_an_article_together() -> None:
    events, published = chronicle_of(*OTHERS, TWO_EVENTS, BOTH_TOLD)
    pub = published["both.txt"]
    assert (pub.start, pub.end) == (date(2020, 11, 11), date(2020, 11, 17))
    assert "its attack at Kasrah" in pub.evidence[0] and "its joint patrol at Tall Shair" in pub.evidence[0]
    assert event_of(events, "both.txt").date.start == date(2020, 11, 10)
    assert event_of(events, "both.txt", "attack").date.start == date(2020, 11, 10)
    # either report alone is too little: nothing is invented
    alone = ("one.txt", BOTH_TOLD[1].split(" Last Tuesday, too,")[0])
    _, published = chronicle_of(*OTHERS, TWO_EVENTS, alone)
    assert "one.txt" not in published


def test_a_capital_that_opens_a_sentence_is_no_name() -> None:
    from patroltl.crossdate import detail_words
    from patroltl.intervals import open_interval
    from patroltl.models import Mention

    kn = Knowledge.bundled()
    sentence = (
        "They drove a joint patrol with drones overhead. First one since the stop.\n"
        "- Residents of Kherbet threw stones."
    )
    m = Mention(type="patrol", sentence=sentence, start=0, end=len(sentence), date=open_interval())
    words = detail_words(m, kn)
    assert "kherbet" in words
    assert "first" not in words and "residents" not in words


def test_the_first_patrol_of_a_series_is_named_like_an_agreement() -> None:
    # patrols are many, but "the first joint patrol on the M4" is one: a report of it dated only to
    # weeks by its own words ("on Sunday" in an article of some days of March 2020) takes its day
    undated = (
        "first-m4.txt",
        "Patrol on the highway\n\nThe first joint patrol on the M4 highway went as far as Nayrab on Sunday, the "
        "ministry said, as the March 5, 2020 protocol provides.",
    )
    art = process(Document(path=undated[0], text=undated[1]), source="first-m4")
    (first,) = [m for m in art.mentions if m.ordinal == 1]
    assert (first.date.start, first.date.end) == (date(2020, 3, 15), date(2020, 3, 15))
    assert "First joint Turkish-Russian patrol on the M4 highway" in first.date.evidence[-1]


def test_a_town_enough_reports_name_beats_the_city_that_names_its_area() -> None:
    # every headline says "in Syria's Idlib", half the bodies "near Ariha": the blast was at Ariha
    a = (
        "a.txt",
        "Published 14 July 2020 | 18:00\n\nBomb hits joint patrol in Syria's Idlib\n\nA roadside bomb went off near "
        "Ariha on Tuesday as a joint Russian-Turkish patrol passed, wounding three soldiers.",
    )
    b = (
        "b.txt",
        "Published 14 July 2020 | 19:00\n\nBlast wounds soldiers on joint patrol in Syria's Idlib\n\nAn explosive "
        "device wounded three Russian soldiers on a joint patrol in Idlib on Tuesday, the ministry said.",
    )
    c = (
        "c.txt",
        "Published 15 July 2020 | 08:00\n\nPatrol attacked in Idlib\n\nA joint patrol was hit by a bomb near Ariha "
        "in Idlib yesterday, wounding three soldiers.",
    )
    events, _ = chronicle_of(a, b, c)
    ev = event_of(events, "a.txt", "attack")
    assert {sm.article_path for sm in ev.members} == {"a.txt", "b.txt", "c.txt"}
    assert ev.place is not None and ev.place.name == "Ariha"


# The first patrol of a route, told by a dated page; an attack on a later patrol, told by another;
# and an undated page of the attack whose headline names the route and that recalls when the
# patrols began ("the fifteenth of March last", the series' first number).
FIRST_OF_ROUTE: Article = (
    "first.txt",
    "Published 16 March 2020 | 09:00\n\nRussian and Turkish troops held their first joint patrol on the M4 "
    "highway on Sunday, the Turkish Defence Ministry said.",
)
BLAST_DATED: Article = (
    "blast.txt",
    "Published 26 August 2020 | 08:10\n\nAn explosive device went off as a joint Russian-Turkish patrol passed "
    "through the southern countryside of Idlib on Tuesday, lightly injuring three Russian soldiers, the Russian "
    "Defence Ministry said.",
)
BLAST_UNDATED: Article = (
    "recalled.txt",
    "Explosion targets joint patrol on the M4 road\n\nAn explosion targeted, yesterday, Tuesday, a joint "
    "Russian-Turkish patrol in the southern countryside of Idlib, local sources said.\n\nThe joint patrols "
    "began on the fifteenth of March last under the Moscow agreement.",
)


def test_a_background_day_of_the_series_start_does_not_date_the_headline_with_it() -> None:
    """The series' start ("the patrols began on the 15th of March") is background told with its day:
    the page's undated headline is its own news, not of that day (the number and the route, from
    two reports of other days, made one link to the first patrol)."""
    events, published = chronicle_of(*OTHERS, FIRST_OF_ROUTE, BLAST_DATED, BLAST_UNDATED)
    pub = published["recalled.txt"]
    assert (pub.start, pub.end) == (date(2020, 8, 26), date(2020, 8, 26))
    assert "dated 2020-08-25 by blast" in pub.evidence[0]
    assert event_of(events, "recalled.txt", "attack").date.start == date(2020, 8, 25)


def test_a_deal_named_by_its_town_joins_its_other_reports_at_a_years_precision() -> None:
    """ "the 1998 Adana Agreement" in two articles is one deal; the Sochi deals of 2018 and 2019,
    named alike, stay two."""
    one = (
        "a.txt",
        "Published 12 October 2023 | 09:00\n\nBoth sides reaffirmed the 1998 Adana Agreement, the pact between "
        "Ankara and Damascus.",
    )
    two = (
        "b.txt",
        "Published 20 October 2023 | 09:00\n\nThe memorandum also invoked the 1998 Adana Agreement on hot pursuit.",
    )
    events, _ = chronicle_of(one, two)
    (deal,) = [e for e in events if e.type == "agreement"]
    assert {sm.article_path for sm in deal.members} == {"a.txt", "b.txt"}
    old = ("c.txt", "Published 2 May 2021 | 09:00\n\nBoth sides recalled the 2018 Sochi agreement on Idlib.")
    new = ("d.txt", "Published 3 May 2021 | 09:00\n\nThe 2019 Sochi agreement brought joint patrols to the north-east.")
    events, _ = chronicle_of(old, new)
    assert len([e for e in events if e.type == "agreement"]) == 2


def test_a_report_dated_from_the_date_before_it_is_linked_through_that_date() -> None:
    # "Yesterday ... On the same day, a roadside bomb hit ...": the bomb was the day before publication
    dated: Article = (
        "bomb.txt",
        "Published 3 June 2021 | 10:00\n\nA roadside bomb hit a joint patrol near the village of Kharab Abu Ghalib "
        "east of Amuda on Wednesday, wounding two soldiers, the Russian Defence Ministry said.",
    )
    undated: Article = (
        "statement.txt",
        "Ministry statement\n\nYesterday the ministry said that the joint patrols would go on. On the same day, a "
        "roadside bomb hit a joint patrol near Kharab Abu Ghalib east of Amuda, wounding two soldiers.",
    )
    _, published = chronicle_of(*OTHERS, dated, undated)
    pub = published["statement.txt"]
    assert (pub.start, pub.end) == (date(2021, 6, 3), date(2021, 6, 3))


def test_what_the_rounds_carry_over_gives_what_rounds_from_scratch_give(monkeypatch: MonkeyPatch) -> None:
    # Each round keeps the last one's clustering (its decisions, its events), the events' targets
    # and their index: the chronology is the one of rounds that cluster and index all anew.
    import patroltl.crossdate as xd

    kn = Knowledge.bundled()
    mentions, tags = _stored((*OTHERS, CHAIN_C, CHAIN_B, CHAIN_A))
    carried = chronicle(mentions, tags.get, (), kn)  # type: ignore[arg-type]
    clusterings = []
    real_cluster, real_links = xd.cluster, xd.links

    def anew(*args: Any, passes: object = None, **kwargs: Any) -> list[Event]:
        clusterings.append(passes)
        return real_cluster(*args, **kwargs)

    def links_anew(*args: Any) -> Any:
        rounds = args[-1]
        rounds.index, rounds.targets = None, {}
        return real_links(*args)

    monkeypatch.setattr(xd, "cluster", anew)
    monkeypatch.setattr(xd, "links", links_anew)
    assert chronicle(mentions, tags.get, (), kn) == carried  # type: ignore[arg-type]
    assert len(clusterings) >= 3  # the chain takes two rounds that re-date: the carried state was used


def test_an_article_of_today_tuesday_is_not_dated_by_a_wednesday_report() -> None:
    # DATED's patrol is on Wednesday 2021-06-02: "today, Tuesday" cannot be that day, however
    # alike the incident; the same words on "today, Wednesday" date the article to it.
    tuesday = (
        "tuesday.txt",
        "Villagers pelt Russian-Turkish convoy\n\nAngry villagers burned tyres and hurled stones at a Turkish-Russian "
        "joint patrol near Amuda today, Tuesday, damaging an armoured vehicle, according to activists in Kharab Abu "
        "Ghalib.",
    )
    _, published = chronicle_of(*OTHERS, DATED, tuesday)
    assert published.get("tuesday.txt") is None or published["tuesday.txt"].start != date(2021, 6, 2)
    wednesday = ("wednesday.txt", tuesday[1].replace("Tuesday", "Wednesday"))
    _, published = chronicle_of(*OTHERS, DATED, wednesday)
    assert published["wednesday.txt"].start == date(2021, 6, 2)


def test_an_undated_report_of_a_post_given_up_is_dated_by_the_dated_one() -> None:
    # a withdrawal is told by its post and its siege as a patrol is by its stones
    dated = (
        "post-dated.txt",
        "Published 20 October 2020 | 12:00\n\nTurkish troops began withdrawing on Tuesday from their largest "
        "observation post in northwest Syria, at Morek in northern Hama, which government forces have "
        "surrounded for more than a year, a war monitor said.",
    )
    undated = (
        "post-undated.txt",
        "Turkey dismantles besieged post\n\nTurkish forces yesterday began dismantling their observation point in "
        "the town of Morek, in the northern countryside of Hama, which has been encircled by government forces "
        "for a year, local sources said.",
    )
    _, published = chronicle_of(*OTHERS, dated, undated)
    assert published["post-undated.txt"].start == date(2020, 10, 21)
    assert "same place" in published["post-undated.txt"].evidence[0]


def test_a_road_enough_reports_name_beats_the_city_that_names_its_area() -> None:
    # every headline says "in Syria's Idlib", half the bodies "on the M4 highway": the patrol was on the road
    a = (
        "a.txt",
        "Published 25 August 2020 | 18:00\n\nJoint patrol in Syria's Idlib\n\nA joint Russian-Turkish patrol drove "
        "along the M4 highway on Tuesday, the ministry said.",
    )
    b = (
        "b.txt",
        "Published 25 August 2020 | 19:00\n\nTurkish and Russian troops patrol in Syria's Idlib\n\nTurkish and "
        "Russian troops held a joint patrol in Idlib on Tuesday, the ministry said.",
    )
    c = (
        "c.txt",
        "Published 26 August 2020 | 08:00\n\nPatrol in Idlib\n\nA joint patrol went along the M4 highway "
        "yesterday, the ministry said.",
    )
    d = (
        "d.txt",
        "Published 26 August 2020 | 09:00\n\nTurkish-Russian patrol held in Idlib\n\nTurkish and Russian troops "
        "held a joint patrol in Idlib yesterday, the ministry said.",
    )
    events, _ = chronicle_of(a, b, c, d)
    ev = event_of(events, "a.txt", "patrol")
    assert {sm.article_path for sm in ev.members} == {"a.txt", "b.txt", "c.txt", "d.txt"}
    assert ev.place is not None and ev.place.name == "M4 highway"


def test_an_articles_undated_news_is_not_the_event_it_retells_with_a_day_of_its_own() -> None:
    # "An explosive device went off today ..." (no date) and "In mid-July, a car bomb exploded near
    # a patrol near Ariha" (a day of its own, left out of the link as background): a link of the
    # news to an event of mid-July is the background's event, not the article's news
    from types import SimpleNamespace

    from patroltl.crossdate import _retells_the_target

    news, aside = SimpleNamespace(key="a:1"), SimpleNamespace(key="a:7")
    july = (date(2020, 7, 11), date(2020, 7, 20))
    kept: list[Any] = [(5.0, news, (date(2020, 3, 5), date(2035, 12, 31))), (4.0, aside, july)]
    assert _retells_the_target(kept, [news], {"a:7"}, (date(2020, 7, 14), date(2020, 7, 14)))  # type: ignore[arg-type]
    # ... an event of another day is no such event; nor is one the dated report itself is part of
    assert not _retells_the_target(kept, [news], {"a:7"}, (date(2020, 8, 25), date(2020, 8, 25)))  # type: ignore[arg-type]
    assert not _retells_the_target(kept, [aside, news], {"a:7"}, (date(2020, 7, 14), date(2020, 7, 14)))  # type: ignore[arg-type]


def test_news_too_weak_to_date_an_article_gives_way_to_a_strong_link_of_another_type() -> None:
    """An article whose only undated news (a pull-out told with no day) links weakly, and whose
    air strike of "yesterday, Monday" (an operation: not a news type) links strongly, is dated by
    the strike: the news comes first only when it has the evidence to date the article."""
    from dataclasses import replace

    from patroltl.crossdate import Link, choose

    w = Knowledge.bundled().tuning.crossdate
    [sm] = _stored([DATED])[0][:1]
    monday, later = date(2020, 10, 26), date(2020, 10, 27)

    def link(type_: str, day: date, window: tuple[date, date], score: float, date_from: str) -> Link:
        told = replace(sm, key=f"{type_}-{day}", mention=replace(sm.mention, type=type_, date_from=date_from))
        ev = Event(f"e-{type_}", type_, interval(day, day), None, (), "", (told,))
        return Link("a", ev, ev.date, window, score, "why", (told,))

    strike = link("military_operation", monday, (later, later), w.link_at + 0.9, "text")
    pullout = link("withdrawal", date(2020, 10, 20), (date(2020, 10, 20), later), w.link_at + 0.4, "published")
    choice = choose([strike, pullout], w, Knowledge.bundled().vocabulary.news)
    assert [lk.event.type for lk in choice.chosen][:1] == ["military_operation"]
    # news strong enough still comes first, whatever a background link says
    strong = replace(pullout, score=w.link_at + w.undated_extra + 0.1)
    assert [lk.event.type for lk in choose([strike, strong], w, Knowledge.bundled().vocabulary.news).chosen][:1] == [
        "withdrawal"
    ]


def test_the_fall_of_assad_told_by_its_verb_is_the_reference_event() -> None:
    """ "Rebels toppled the government of Bashar Assad a week ago": the wires' verb with the
    government as its object names the fall of the government, dated by the reference chronology."""
    text = (
        "Published 15 December 2024 | 09:00\n\nIslamist-led rebels toppled the government of Bashar Assad a week "
        "ago, ending five decades of the family's rule."
    )
    art = process(Document(path="dw.txt", text=text), source="dw")
    (fall,) = [m for m in art.mentions if m.type == "other"]
    assert fall.date.start == fall.date.end == date(2024, 12, 8)
