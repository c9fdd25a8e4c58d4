"""Series order (patroltl.series): the nth numbered patrol falls between the dated kth and mth of its
sector, and a sector whose numbers are not in order gives no bound."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from patroltl.intervals import interval
from patroltl.models import Event, PlaceRef
from patroltl.series import Anchor, Sectors, between

KOBANI = PlaceRef("Kobani", "Kobani", "test:kobani", 36.891, 38.354, "city")
ASHMA = PlaceRef("Ashma", "Ashma", "test:ashma", 36.874, 38.160, "village")  # ~17 km west
QAMISHLI = PlaceRef("Qamishli", "Qamishli", "test:qamishli", 37.052, 41.227, "city")  # ~250 km east


def anchor(number: int, day: date, place: PlaceRef = KOBANI, article: str = "") -> Anchor:
    ev = Event(f"e{number}{day:%y%m%d}", "patrol", interval(day, day), place, (), "", ())
    assert place.lat is not None and place.lon is not None
    return Anchor(number, day, day, place.lat, place.lon, ev, frozenset({article or f"a{number}"}))


SECTOR = [anchor(18, date(2020, 5, 21)), anchor(38, date(2020, 12, 28), ASHMA), anchor(95, date(2022, 4, 11))]


def test_a_number_lies_a_day_per_number_inside_its_dated_neighbours() -> None:
    b = between(49, ASHMA, Sectors(SECTOR), not_from=(), near_km=60, gap_days=1)
    assert b is not None
    assert (b.start, b.end) == (date(2021, 1, 8), date(2022, 2, 24))  # 38th + 11 days, 95th - 46 days
    assert "49th numbered patrol lies between the 38th" in b.why(49, 1) and "the 95th" in b.why(49, 1)


def test_no_bound_without_a_dated_number_on_each_side() -> None:
    assert between(120, KOBANI, Sectors(SECTOR), not_from=(), near_km=60, gap_days=1) is None
    assert between(10, KOBANI, Sectors(SECTOR), not_from=(), near_km=60, gap_days=1) is None


def test_another_sectors_numbers_and_the_articles_own_are_not_used() -> None:
    far = [anchor(18, date(2020, 5, 21), QAMISHLI), anchor(95, date(2022, 4, 11), QAMISHLI)]
    assert between(49, KOBANI, Sectors(far), not_from=(), near_km=60, gap_days=1) is None
    assert between(49, KOBANI, Sectors(SECTOR), not_from=("a95",), near_km=60, gap_days=1) is None


def test_a_sector_whose_numbers_are_not_in_order_gives_no_bound() -> None:
    # a whole-series count (the 222nd in January) beside the sector's (the 95th in April): two counts
    mixed = [*SECTOR, anchor(222, date(2022, 1, 17))]
    assert between(49, KOBANI, Sectors(mixed), not_from=(), near_km=60, gap_days=1) is None
    # one number dated weeks apart is two counts too
    twice = [*SECTOR, anchor(38, date(2021, 3, 1))]
    assert between(49, KOBANI, Sectors(twice), not_from=(), near_km=60, gap_days=1) is None


@given(
    st.lists(st.integers(min_value=1, max_value=300), min_size=2, max_size=8, unique=True),
    st.integers(min_value=1, max_value=300),
)
def test_the_bound_holds_every_date_a_consistent_series_allows(numbers: list[int], n: int) -> None:
    # a series with a patrol every 5 days: the nth's true day is always inside its bound
    start = date(2020, 1, 1)
    day = {k: date.fromordinal(start.toordinal() + 5 * k) for k in [*numbers, n]}
    anchors = [anchor(k, day[k]) for k in numbers if k != n]
    b = between(n, KOBANI, Sectors(anchors), not_from=(), near_km=60, gap_days=1)
    if b is not None:
        assert b.start <= day[n] <= b.end
