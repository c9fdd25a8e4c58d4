"""Clean stage: page furniture and comment threads are cut, the article and the date header stay."""

from __future__ import annotations

import pytest

from patroltl.clean import MAX_LINE, PIECE, clean, normalise_text

PAGE = (
    " date 2019-11-05 \n"
    + """0 $
2,500 $
Support Synthetic Front
Home > News > Middle East
Troops hold joint patrol
Troops hold joint patrol
Click to see full-size image. Source: a ministry.
A convoy on the road. | Photo credit: TEST AGENCY
We use cookies to improve your experience. Accept all cookies
Share | Print | Email
1,234 views
Turkish and Russian troops held a joint patrol near Testville on Tuesday, the ministry said.
Support for the deal grew among residents.
Related Articles
Another story about something else happened.
"""
)

THREAD = """Turkish and Russian troops held a joint patrol on Tuesday.

Notify of
Newest Most Voted
Inline Feedbacks
View all comments
Some Commenter

The patrol was attacked yesterday, says a reader.
Reply
"""


def test_furniture_is_cut_and_article_kept() -> None:
    cleaned = clean(PAGE)
    text = cleaned.text
    assert text.splitlines()[0].strip() == "date 2019-11-05"
    assert "held a joint patrol near Testville" in text
    assert "Support for the deal grew" in text
    for junk in (
        "2,500 $",
        "Support Synthetic Front",
        "Home >",
        "Click to see",
        "Photo credit",
        "cookies",
        "Share |",
        "views",
        "Related Articles",
        "Another story",
    ):
        assert junk not in text, junk
    assert text.count("Troops hold joint patrol") == 1


def test_comment_thread_is_cut_to_the_end() -> None:
    cleaned = clean(THREAD)
    assert cleaned.text == "Turkish and Russian troops held a joint patrol on Tuesday."
    assert cleaned.cuts[-1].reason == "comment thread"


def test_cut_offsets_index_the_normalised_text() -> None:
    raw = "Title\r\nSupport Synthetic Front\r\n\u200bBody line, the ministry said.\r\nShare\r\n"
    norm = normalise_text(raw)
    cuts = clean(raw).cuts
    assert [norm[c.start : c.end] for c in cuts] == ["Support Synthetic Front", "Share"]


def test_caption_with_inline_credit() -> None:
    cleaned = clean("A convoy on a road (Photo: AP /Some Photographer)\nThe patrol took place on Monday.")
    assert cleaned.text == "The patrol took place on Monday."
    assert cleaned.cuts[0].reason == "photo caption"


@pytest.mark.parametrize(
    "caption",
    [
        "Soldiers near a village on Friday, Oct. 25, 2019. (AP Photo/Some Photographer)",
        "Vehicles on the highway in 2020. (AFP Photo / A. Name)",
        "A checkpoint on the road (Getty Images/Someone)",
    ],
)
def test_agency_photo_credit_makes_a_caption(caption: str) -> None:
    """A caption's date is the photo's (often a file photo's); the agencies' own credit form ends it."""
    cleaned = clean(f"{caption}\nThe patrol took place on Monday.")
    assert cleaned.text == "The patrol took place on Monday."
    assert cleaned.cuts[0].reason == "photo caption"


def test_a_sentence_with_a_slash_in_brackets_is_not_a_caption() -> None:
    text = "The patrol reached the village (the road to Kobani/Ayn al-Arab) on Monday."
    assert clean(text).text == text


def test_page_template_debris_and_tail() -> None:
    text = "Body of the article.\nQuark.Models.Entities.Ancestor?.Title?.Upper() Headline\nLATEST NEWS\n"
    assert clean(text).text == "Body of the article."
    assert clean("Body.\n\nOther news\nA story.").text == "Body."


def test_long_line_is_kept_and_not_matched() -> None:
    line = "Notify of " + "x" * (MAX_LINE + 10)
    assert clean(line).text == line


def test_hostile_input_is_handled() -> None:
    """A megabyte in one line is kept, word for word, broken into lines of at most PIECE characters at
    its spaces (issue 16: no later stage runs a pattern over a huge line)."""
    one_mb = "Share | " * (1_000_000 // 8)
    kept = clean(one_mb).text
    assert kept.replace("\n", " ") == one_mb.strip()
    assert max(len(line) for line in kept.split("\n")) <= PIECE
    words = " ".join(f"Word{i}" for i in range(100_000))
    assert clean(words).text.replace("\n", " ") == words
    lines = "\n".join(f"Home > Word{i} Capital Letters Here" for i in range(100_000))
    assert clean(lines).text == ""
    near_miss = "\n".join("Share | Print | Email | " * 80 + "x" for _ in range(200))
    assert clean(near_miss).text == near_miss


def test_agency_captions_file_images_and_labels_are_cut() -> None:
    page = (
        "A soldier stands by a convoy near the border on Friday. May 2, 2019. (AP Photo/Some Photographer)\n"
        "FILE PHOTO: Military police vehicles on a road\n"
        "Region:Middle East, Syria\n"
        "Theme: Politics\n"
        "Source : Some Agency\n"
        "USD 480.10, EUR 560.20, RUB 6.30\n"
        "Hy / Հայ | Рус | Eng | Tür\n"
        "Exit mobile version\n"
        "Turkish and Russian troops held a joint patrol near Testville on Tuesday.\n"
    )
    cleaned = clean(page)
    assert cleaned.text == "Turkish and Russian troops held a joint patrol near Testville on Tuesday."
    assert {c.reason for c in cleaned.cuts} == {"photo caption", "page furniture"}


def test_a_page_all_in_another_language_keeps_its_lines() -> None:
    """Lines in another language are furniture on an English page only: a French article is kept
    whole (stored, its language noted)."""
    text = (
        "Les troupes turques et russes ont mené une patrouille conjointe près de Kobani mardi, selon le ministère.\n"
        "La patrouille est rentrée sans incident après quatre heures de route dans la campagne de la ville."
    )
    assert clean(text).text == text


def test_a_headline_repeated_in_other_capitals_is_cut_once() -> None:
    text = "Troops Hold Joint Patrol In The North\nTroops Hold Joint Patrol in the North\nThe body."
    assert clean(text).text == "Troops Hold Joint Patrol In The North\nThe body."


def test_hashtag_tweets_and_lines_in_another_language_are_cut() -> None:
    text = (
        "The patrol passed the village on Monday.\n"
        "#Testland soldiers attack #patrol #border pic.twitter.com/abcdef\n"
        "Sitemizde reklam ve pazarlama faaliyetleri için çerezler kullanılmaktadır bu çerezler tarayıcı tanır.\n"
        "The ministry said it was calm."
    )
    cleaned = clean(text)
    assert cleaned.text == "The patrol passed the village on Monday.\nThe ministry said it was calm."
    assert {c.reason for c in cleaned.cuts} == {"embedded tweet of hashtags", "a line in another language"}
    # an English tweet without hashtags is kept: what it says may be the news
    kept = "Soldiers fired at protesters near the border today pic.twitter.com/xyz — Someone (@some) May 2, 2019"
    assert clean(kept).text == kept


def test_notes_of_where_the_story_also_ran_are_cut() -> None:
    page = (
        "Troops hold joint patrol\nTurkish and Russian troops held a joint patrol near Testville on Tuesday.\n"
        "A version of this article appears in print on June 9, 2021, Section A, Page 4 with the headline: "
        "Patrols Resume.\nThis story was originally published on June 8, 2021 by a partner site.\n"
        "This article was written by a reporter who visited the version of the patrol route in May.\n"
    )
    text = clean(page).text
    assert "held a joint patrol near Testville" in text
    assert "appears in print" not in text and "originally published" not in text
    assert "written by a reporter" in text


WRAPPED = (
    "SITUATION REPORT: NORTH-EAST SYRIA\n"
    "Published: 16/03/2021\n\n"
    "- Roads: on 11 March a roadside bomb went off on the M4 highway near a village\n"
    "  west of the town, as a joint patrol of the two armies passed by in the early\n"
    "  morning. Nobody was hurt, and the road was closed to civilian cars for some\n"
    "  hours while engineers searched the verges for a second device that day.\n"
    "- Markets: prices of bread rose in the town during the week, traders said, and\n"
    "  fuel was scarce.\n"
)


def test_hard_wrapped_text_is_unwrapped_but_its_headings_and_items_stay_lines() -> None:
    out = clean(WRAPPED).text
    assert "went off on the M4 highway near a village west of the town, as a joint patrol" in out
    assert "SITUATION REPORT: NORTH-EAST SYRIA\nPublished: 16/03/2021" in out  # a heading, a label line
    assert "\n- Markets:" in out  # a new item is a new line
    assert "traders said, and fuel was scarce." in out


def test_a_timestamp_line_under_a_wrapped_headline_stays_its_own_line() -> None:
    body = (
        "The ministry said the joint patrol covered the villages of the countryside west of the town\n"
        "and went back to its base in the afternoon, after residents had blocked the road with tyres\n"
        "and stones for an hour; the patrol's route was then changed by the two sides on the spot and\n"
        "the convoy reached the last village before dark, with no one hurt, according to the ministry.\n"
    )
    for stamp in ("23 Oct, 2019", "Tuesday, October 22, 2019 10:05", "22.10.2019 16:05"):
        head = f"Residents block the road of a joint patrol west of the town as convoy changes its route\n{stamp}\n\n"
        out = clean(head + body).text
        assert f"\n{stamp}\n" in out, stamp
        assert "west of the town and went back" in out  # the body is still unwrapped


def test_a_page_of_short_items_is_not_unwrapped() -> None:
    feed = (
        "Wednesday, 14 April\n3 days ago  Darbasiyah, Hasakah\n"
        "Russian and Turkish forces conducted a joint patrol in the countryside of Darbasiyah today\n"
        "3 days ago  Ayn Issa, Raqqa Governorate\n"
        "Turkish-backed factions shelled the outskirts of Ayn Issa and two civilians were wounded\n"
        "Monday, 12 April\n5 days ago  Kobani, Aleppo Governorate\n"
        "A joint Russian-Turkish patrol toured villages east of Kobani on the road to Sarrin\n"
        "Another joint patrol was seen on the road between Amuda and the border crossing\n"
    )
    assert clean(feed).text == feed.strip()


def test_a_list_of_dated_stories_is_cut_even_without_its_heading() -> None:
    text = (
        "The two presidents agreed on joint patrols on Tuesday.\n"
        "- Turkey pauses its offensive for five days (2019-10-18)\n\n"
        "- Turkey begins ground offensive in the north-east (10.10.2019)\n"
        "- Leaders agree on a buffer zone (Sep 18, 2018)\n"
    )
    c = clean(text)
    assert c.text == "The two presidents agreed on joint patrols on Tuesday."
    assert [cut.reason for cut in c.cuts] == ["a listed story with its date"] * 3
    # one dated item is a line of the article (a chronology's own entry), not a story list
    one = "The patrols began in November.\n- The first patrol near Darbasiyah (2019-11-01)\nThey went on."
    assert clean(one).text == one
