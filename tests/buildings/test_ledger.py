"""The ledger's comparison on crafted readings: pure, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from buildings import ledger

MON = dt.date(2025, 11, 3)  # Monday; Thursday 6 Nov is the WFH day of Phase I


def week(monday: dt.date) -> list[dt.date]:
    return [monday + dt.timedelta(days=i) for i in range(5)]


def test_wfh_day_is_compared_with_the_office_days_of_its_own_week():
    days = week(MON) + week(MON + dt.timedelta(days=7))
    # week 1 offices at 100, week 2 at 200 (a hot week): each Thursday against its own week
    readings = {d: D(100 if d < MON + dt.timedelta(days=7) else 200) for d in days}
    thursdays = {MON + dt.timedelta(days=3), MON + dt.timedelta(days=10)}
    readings[MON + dt.timedelta(days=3)] = D(60)
    readings[MON + dt.timedelta(days=10)] = D(150)
    result = ledger.daily_compare(readings, wfh_days=thursdays, working_days=days)
    assert [w.saved for w in result.weeks] == [D("40.000"), D("50.000")]
    assert result.saved == D(90)
    assert result.wfh_days == 2 and result.office_days == 8
    assert result.saved_by_day == {
        MON + dt.timedelta(days=3): D(40),
        MON + dt.timedelta(days=10): D(50),
    }


def test_a_week_without_an_office_day_or_a_wfh_day_is_skipped_and_counted():
    days = week(MON)
    readings = {d: D(100) for d in days}
    all_home = ledger.daily_compare(readings, wfh_days=days, working_days=days)
    assert all_home.weeks == () and all_home.weeks_skipped == 1 and all_home.saved == 0
    none_home = ledger.daily_compare(readings, wfh_days=[], working_days=days)
    assert none_home.weeks == () and none_home.weeks_skipped == 1


def test_weekends_and_days_without_reading_are_not_office_days():
    days = week(MON)
    saturday = MON + dt.timedelta(days=5)
    readings = {d: D(100) for d in days if d != MON + dt.timedelta(days=1)}
    readings[saturday] = D(5)  # a weekend reading must not lower the office mean
    readings[MON + dt.timedelta(days=3)] = D(70)
    result = ledger.daily_compare(
        readings, wfh_days={MON + dt.timedelta(days=3)}, working_days=days
    )
    assert result.office_days == 3  # Tuesday has no reading, Saturday is no working day
    assert result.office_mean == D(100) and result.saved == D(30)
    assert result.saved_share == D("0.3000")


def test_money_uses_the_tariff_and_factor_in_force_each_day():
    before, after = dt.date(2025, 11, 6), dt.date(2025, 11, 13)
    tariffs = [(dt.date(2025, 1, 1), D(1000)), (dt.date(2025, 11, 10), D(1500))]
    factors = [(dt.date(2019, 1, 1), D("0.87"))]
    money = ledger.value_of({before: D(10), after: D(10)}, tariffs=tariffs, factors=factors)
    assert money.rupiah == D(25000)
    assert money.co2_kg == D("17.4")
    water = ledger.value_of({before: D(2)}, tariffs=tariffs, factors=None)
    assert water.co2_kg is None and water.rupiah == D(2000)
    unpriced = ledger.value_of({before: D(10)}, tariffs=[(after, D(1))], factors=[])
    assert unpriced.rupiah is None and unpriced.days_without_tariff == 1
    assert unpriced.co2_kg is None and unpriced.days_without_factor == 1


def test_month_against_a_working_day_baseline():
    october = ledger.MonthUse(dt.date(2025, 10, 1), D(23000), 23)  # 1,000 per working day
    november = ledger.MonthUse(dt.date(2025, 11, 1), D(16000), 20)
    result = ledger.monthly_compare(november, baseline=[october])
    assert result.per_working_day == D(1000) and result.expected == D(20000)
    assert result.saved == D(4000) and result.saved_share == D("0.2000")
    assert not result.weather_normalised


def test_weather_normalises_the_baseline_only_when_every_month_has_degree_days():
    october = ledger.MonthUse(dt.date(2025, 10, 1), D(20000), 20, D(100))
    hotter = ledger.MonthUse(dt.date(2025, 11, 1), D(18000), 20, D(110))
    result = ledger.monthly_compare(hotter, baseline=[october])
    assert result.weather_normalised and result.weather_factor == D("1.1000")
    assert result.expected == D(22000) and result.saved == D(4000)
    no_weather = ledger.MonthUse(dt.date(2025, 10, 1), D(20000), 20)
    plain = ledger.monthly_compare(hotter, baseline=[no_weather])
    assert not plain.weather_normalised and plain.expected == D(20000)
    assert ledger.monthly_compare(hotter, baseline=[]) is None


def test_confounders_are_this_buildings_events_within_the_compared_period():
    events = [
        ledger.Event(dt.date(2025, 10, 25), "lampu sampai 21:00", building_id=1),
        ledger.Event(dt.date(2025, 11, 5), "server baru", building_id=1, meter_id=9),
        ledger.Event(dt.date(2025, 11, 5), "meter lain", building_id=1, meter_id=8),
        ledger.Event(dt.date(2025, 11, 5), "gedung lain", building_id=2),
        ledger.Event(dt.date(2025, 12, 1), "sesudah", building_id=1),
    ]
    found = ledger.confounders(
        events, building_id=1, meter_id=9, start=dt.date(2025, 10, 1), end=dt.date(2025, 11, 30)
    )
    assert [e.description for e in found] == ["lampu sampai 21:00", "server baru"]


def test_closed_zone_savings_take_each_zones_share_of_an_office_day():
    thursday = dt.date(2025, 11, 6)
    closed = [
        ledger.ClosedZoneDay(zone_id=1, meter_id=10, day=thursday, share=D("0.25")),
        ledger.ClosedZoneDay(zone_id=1, meter_id=10, day=thursday, share=D("0.25")),  # repeated
        ledger.ClosedZoneDay(zone_id=2, meter_id=10, day=thursday, share=D("0.10")),
        ledger.ClosedZoneDay(zone_id=3, meter_id=11, day=thursday, share=D("0.5")),  # no use known
    ]
    saved = ledger.closed_zone_savings(closed, office_day_use={10: D(800)})
    assert saved == {10: D("280.000")}


def test_split_never_gives_closed_zones_more_than_was_measured():
    assert ledger.split_savings(total=D(100), closed_zones=D(30)) == ledger.Split(
        D(100), D(30), D(70)
    )
    assert ledger.split_savings(total=D(100), closed_zones=D(300)).lower_use == 0
    assert ledger.split_savings(total=D(-5), closed_zones=D(3)).closed_zones == 0


def test_price_on_takes_the_latest_from_on_or_before_the_day():
    prices = [(dt.date(2025, 1, 1), D(1)), (dt.date(2025, 6, 1), D(2))]
    assert ledger.price_on(prices, dt.date(2025, 5, 31)) == D(1)
    assert ledger.price_on(prices, dt.date(2025, 6, 1)) == D(2)
    assert ledger.price_on(prices, dt.date(2024, 12, 31)) is None
