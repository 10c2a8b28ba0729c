"""wfh.limits: the limits shared by the roster edit and the swap, checked without a database."""

import datetime as dt

from django.utils import translation

from wfh import limits

THU = dt.date(2025, 12, 11)


def test_week_bounds_are_the_iso_week():
    assert limits.week_bounds(THU) == (dt.date(2025, 12, 8), dt.date(2025, 12, 14))
    assert limits.week_bounds(dt.date(2025, 12, 14)) == (
        dt.date(2025, 12, 8),
        dt.date(2025, 12, 14),
    )


def test_each_limit_is_kept_up_to_its_edge_and_named_past_it():
    assert limits.weekly_cap(name="Sari", wfh_days=1, cap=2, day=THU) is None
    message = limits.weekly_cap(name="Sari", wfh_days=2, cap=2, day=THU)
    assert message.startswith("Batas mingguan: Sari sudah 2 hari WFH")
    assert "Senin, 8 Desember 2025" in message and "maksimal 2" in message

    assert limits.onsite_minimum(unit_name="TIK", onsite=1, minimum=1, day=THU) is None
    assert "hanya 0 orang" in limits.onsite_minimum(unit_name="TIK", onsite=0, minimum=1, day=THU)

    # 50% of 5 present rounds up to 3 places
    assert limits.rotation_cap(0.5, 5) == 3
    assert limits.rotation_ratio(wfh_after=3, ratio=0.5, present=5) is None
    assert "maksimal 3 (50% dari 5" in limits.rotation_ratio(wfh_after=4, ratio=0.5, present=5)

    assert limits.frontline(unit_name="Loket", is_frontline=False, name="Andi") is None
    assert "selalu WFO" in limits.frontline(unit_name="Loket", is_frontline=True, name="Andi")
    assert limits.eligibility(eligible=True, name="Andi", why="") is None
    assert "Batas kelayakan" in limits.eligibility(eligible=False, name="Andi", why="CPNS")
    assert limits.leaders(rotation=False, partner_home=True) is None
    assert limits.leaders(rotation=True, partner_home=False) is None
    assert "Batas pimpinan" in limits.leaders(rotation=True, partner_home=True)


def test_messages_follow_the_active_language():
    with translation.override("en"):
        message = limits.weekly_cap(name="Sari", wfh_days=2, cap=2, day=THU)
    assert "Batas mingguan" not in message and "Sari" in message
