"""The occupancy forecast equals a hand count of the fixture's published week, leave taken out."""

from __future__ import annotations

from buildings import forecast
from tests.buildings.conftest import DAYS


def test_zone_counts_equal_the_hand_count_of_wfo_minus_leave(building):
    month = forecast.building_month(building.pemkot, year=2025, month=12)
    week = {d: i for i, d in enumerate(month.days) if d in DAYS}
    assert list(week) == DAYS
    l1, l2 = month.rows
    # L1: head, staff, other.  Mon 3, Tue 2 (staff WFH), Wed 2 (head WFH),
    # Thu 1 (staff WFH, other on leave), Fri 1 (staff LEAVE, other on leave)
    assert [l1.cells[i].onsite for i in week.values()] == [3, 2, 2, 1, 1]
    # L2: the clerk, WFH on Friday
    assert [l2.cells[i].onsite for i in week.values()] == [1, 1, 1, 1, 0]
    assert [month.totals[i].onsite for i in week.values()] == [4, 3, 3, 2, 1]
    assert month.capacity == 14


def test_days_no_published_roster_covers_are_not_counted_as_empty(building):
    january = forecast.building_month(building.pemkot, year=2026, month=1)
    assert january.days and not any(c.published for c in january.totals)
    assert january.nearly_empty_days == []
    december = forecast.building_month(building.pemkot, year=2025, month=12)
    assert all(c.published for c in december.totals)  # the roster's phase is all December
    assert december.nearly_empty_days[:4] == DAYS[1:]  # 3, 3, 2 and 1 of 14 seats


def test_cells_are_coloured_by_share_of_seats(building):
    month = forecast.building_month(building.pemkot, year=2025, month=12)
    l1 = month.rows[0]
    assert [c.level for c in l1.cells[:5]] == ["mid", "mid", "mid", "low", "low"]
    assert forecast.level(4, 4) == "full"
    assert month.rows[1].cells[4].level == "empty"
    assert forecast.level(5, 4) == "over"
    assert forecast.level(0, 4, published=False) == "unpublished"


def test_all_buildings_of_a_month_take_a_few_queries(building, django_assert_max_num_queries):
    start, end = forecast.month_bounds(2025, 12)
    with django_assert_max_num_queries(9):  # 8, and the accepted plans' moves (buildings.seating)
        months = forecast.buildings_month([building.pemkot, building.rsud], start=start, end=end)
    assert [m.building.code for m in months] == ["PEMKOT", "RSUD"]
    assert all(c.onsite == 0 for c in months[1].totals)
