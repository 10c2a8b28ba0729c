"""The pure day checks: distance, local day, TL/PSW minutes and tiers, impossible travel."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attendance import rules

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WITA = zoneinfo.ZoneInfo("Asia/Makassar")
WIT = zoneinfo.ZoneInfo("Asia/Jayapura")

lat = st.floats(min_value=-89.9, max_value=89.9, allow_nan=False)
lon = st.floats(min_value=-180, max_value=180, allow_nan=False)

POLICY = rules.Policy(
    week={
        0: (dt.time(7, 30), dt.time(16, 0)),
        1: (dt.time(7, 30), dt.time(16, 0)),
        2: (dt.time(7, 30), dt.time(16, 0)),
        3: (dt.time(7, 30), dt.time(16, 0)),
        4: (dt.time(7, 30), dt.time(16, 30)),
    },
    grace_minutes=5,
    periods=(
        rules.Period(
            "Ramadan 1447 H",
            dt.date(2026, 2, 18),
            dt.date(2026, 3, 19),
            {d: (dt.time(8, 0), dt.time(15, 0)) for d in range(5)},
        ),
    ),
    tl_tiers=rules.default_tiers("TL", (0.5, 1.0, 1.25, 1.5)),
    psw_tiers=rules.default_tiers("PSW", (0.5, 1.0, 1.25, 1.5)),
)


def test_distance_of_a_known_pair_is_about_right():
    # Monas to Bundaran HI, Jakarta: about 2.3 km
    d = rules.distance_m(-6.175392, 106.827153, -6.195018, 106.823009)
    assert 2_150 < d < 2_300


@given(lat, lon, lat, lon)
def test_distance_is_symmetric_and_non_negative(a, b, c, d):
    assert rules.distance_m(a, b, c, d) >= 0
    assert math.isclose(rules.distance_m(a, b, c, d), rules.distance_m(c, d, a, b), abs_tol=1e-6)


@given(lat, lon)
def test_distance_to_itself_is_zero(a, b):
    assert rules.distance_m(a, b, a, b) == pytest.approx(0, abs=1e-6)


@given(lat, lon, lat, lon, lat, lon)
def test_distance_obeys_the_triangle_inequality(a1, o1, a2, o2, a3, o3):
    direct = rules.distance_m(a1, o1, a3, o3)
    via = rules.distance_m(a1, o1, a2, o2) + rules.distance_m(a2, o2, a3, o3)
    assert direct <= via + 1e-3


def test_accuracy_keeps_a_borderline_fix_inside_the_radius():
    assert rules.outside_radius(180, 150, None, 100)
    assert not rules.outside_radius(180, 150, 40, 100)


def test_the_accuracy_credit_is_capped_and_a_vaguer_fix_is_poor():
    # 647 km away claiming 999,999 m of error: only 100 m of it is believed
    assert rules.accuracy_credit(999_999, 100) == 100
    assert rules.outside_radius(647_000, 150, 999_999, 100)
    assert not rules.outside_radius(240, 150, 999_999, 100)
    assert rules.poor_accuracy(100.5, 100) and not rules.poor_accuracy(100, 100)
    assert not rules.poor_accuracy(None, 100)


def test_impossible_travel_gives_each_fix_only_the_capped_credit():
    t = dt.datetime(2025, 12, 1, 7, 0, tzinfo=WIB)
    a = rules.Fix(t, -6.238, 106.975, 999_999)
    b = rules.Fix(t + dt.timedelta(minutes=5), -6.175, 106.827, 999_999)
    assert not rules.impossible_travel(a, b)  # no cap: the error circles swallow 17 km
    assert rules.impossible_travel(a, b, max_credit_m=100)


def test_the_position_key_rounds_to_five_decimals_half_away_from_zero():
    assert rules.position_key("-6.238275", "106.975571") == "-6.23828,106.97557"
    assert rules.position_key(-6.238274, 106.975565) == "-6.23827,106.97557"
    assert rules.position_key("-0.000001", "0.000004") == "0.00000,0.00000"


@pytest.mark.parametrize(
    ("days", "accuracy", "had", "signs"),
    [
        (1, 12.0, True, (False, False, False)),
        (5, 12.0, True, (True, False, False)),
        (4, 12.0, True, (False, False, False)),
        (1, 0.0, False, (False, True, False)),
        (1, None, True, (False, False, True)),
        (1, None, False, (False, False, False)),  # a device that never gives one
    ],
)
def test_position_signs(days, accuracy, had, signs):
    got = rules.position_signs(
        days_here=days, same_days_limit=5, accuracy_m=accuracy, had_accuracy=had
    )
    assert (got.same_days, got.zero_accuracy, got.missing_accuracy) == signs


def test_local_day_follows_wita_not_utc():
    late_evening = dt.datetime(2025, 12, 1, 23, 30, tzinfo=WITA)
    after_midnight = dt.datetime(2025, 12, 2, 0, 30, tzinfo=WITA)
    assert after_midnight.astimezone(dt.UTC).date() == dt.date(2025, 12, 1)
    assert rules.local_day(late_evening, "Asia/Makassar") == dt.date(2025, 12, 1)
    assert rules.local_day(after_midnight, "Asia/Makassar") == dt.date(2025, 12, 2)
    # the same instant is still 1 December in WIB
    assert rules.local_day(after_midnight, "Asia/Jakarta") == dt.date(2025, 12, 1)
    assert rules.local_day(after_midnight, "Asia/Jayapura") == dt.date(2025, 12, 2)


def test_local_day_refuses_a_naive_timestamp():
    with pytest.raises(ValueError):
        rules.local_day(dt.datetime(2025, 12, 1, 8, 0), "Asia/Jakarta")


@pytest.mark.parametrize(
    ("minutes", "code"),
    [
        (0, None),
        (1, "TL1"),
        (30, "TL1"),
        (31, "TL2"),
        (60, "TL2"),
        (61, "TL3"),
        (90, "TL3"),
        (91, "TL4"),
        (600, "TL4"),
        (None, "TL4"),
    ],
)
def test_tier_boundaries(minutes, code):
    tier = rules.tier_for(POLICY.tl_tiers, minutes)
    assert (tier.code if tier else None) == code


@given(st.integers(min_value=1, max_value=10_000))
def test_every_positive_minute_count_falls_in_exactly_one_tier(minutes):
    matching = [t for t in POLICY.tl_tiers if t.contains(minutes)]
    assert len(matching) == 1
    assert rules.tier_for(POLICY.tl_tiers, minutes) == matching[0]


def test_lateness_within_grace_is_not_late_and_beyond_it_counts_from_the_start():
    monday = dt.date(2025, 12, 1)
    at = lambda h, m, tz=WIB: dt.datetime.combine(monday, dt.time(h, m), tzinfo=tz)  # noqa: E731
    assert rules.late_minutes(POLICY, at(7, 20), "Asia/Jakarta") == 0
    assert rules.late_minutes(POLICY, at(7, 35), "Asia/Jakarta") == 0
    assert rules.late_minutes(POLICY, at(7, 36), "Asia/Jakarta") == 6
    assert rules.late_minutes(POLICY, at(9, 1), "Asia/Jakarta") == 91
    # 07:40 WIB is 08:40 WITA: an OPD in Makassar counts it in its own hours
    assert rules.late_minutes(POLICY, at(7, 40), "Asia/Makassar") == 70


def test_early_leave_counts_to_the_end_of_the_day_and_friday_ends_later():
    monday, friday = dt.date(2025, 12, 1), dt.date(2025, 12, 5)
    assert (
        rules.early_minutes(
            POLICY, dt.datetime.combine(monday, dt.time(15, 30), WIB), "Asia/Jakarta"
        )
        == 30
    )
    assert (
        rules.early_minutes(
            POLICY, dt.datetime.combine(monday, dt.time(16, 5), WIB), "Asia/Jakarta"
        )
        == 0
    )
    assert (
        rules.early_minutes(
            POLICY, dt.datetime.combine(friday, dt.time(16, 0), WIB), "Asia/Jakarta"
        )
        == 30
    )


def test_a_special_period_has_its_own_hours():
    ramadan_day = dt.date(2026, 2, 23)
    assert rules.hours_on(POLICY, ramadan_day) == (dt.time(8, 0), dt.time(15, 0))
    arrival = dt.datetime.combine(ramadan_day, dt.time(7, 55), WIB)
    assert rules.late_minutes(POLICY, arrival, "Asia/Jakarta") == 0
    assert rules.hours_on(POLICY, dt.date(2026, 3, 20)) == (dt.time(7, 30), dt.time(16, 30))


def test_no_hours_on_a_weekend():
    saturday = dt.datetime(2025, 12, 6, 10, 0, tzinfo=WIB)
    assert rules.hours_on(POLICY, saturday.date()) is None
    assert rules.late_minutes(POLICY, saturday, "Asia/Jakarta") == 0


def test_impossible_travel_jakarta_to_bekasi_in_five_minutes():
    t0 = dt.datetime(2025, 12, 1, 7, 30, tzinfo=WIB)
    jakarta = rules.Fix(t0, -6.175392, 106.827153, 20)
    bekasi = rules.Fix(t0 + dt.timedelta(minutes=5), -6.238270, 106.975571, 20)
    assert rules.impossible_travel(jakarta, bekasi)
    bekasi_later = rules.Fix(t0 + dt.timedelta(minutes=30), -6.238270, 106.975571, 20)
    assert not rules.impossible_travel(jakarta, bekasi_later)


def test_poor_accuracy_explains_a_jump():
    t0 = dt.datetime(2025, 12, 1, 7, 30, tzinfo=WIB)
    a = rules.Fix(t0, -6.2383, 106.9756, 1500)
    b = rules.Fix(t0 + dt.timedelta(seconds=30), -6.2383, 106.9956, 1000)  # ~2.2 km apart
    assert not rules.impossible_travel(a, b)
    assert rules.impossible_travel(
        rules.Fix(a.ts, a.latitude, a.longitude, 5), rules.Fix(b.ts, b.latitude, b.longitude, 5)
    )


@given(lat, lon, st.integers(min_value=0, max_value=3600))
def test_staying_put_is_never_impossible(a, b, seconds):
    t0 = dt.datetime(2025, 12, 1, 7, 30, tzinfo=WIB)
    assert not rules.impossible_travel(
        rules.Fix(t0, a, b), rules.Fix(t0 + dt.timedelta(seconds=seconds), a, b)
    )
