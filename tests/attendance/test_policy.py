"""Working hours are data: the seeded default, an OPD's own row, and the review queue's scope."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import IntegrityError

from attendance import rules
from attendance.models import LatenessTier, SpecialPeriod, WorkingHours
from attendance.selectors import review_queue, working_hours_for
from attendance.services import events_ingest
from tests.attendance.conftest import WFO_DAY

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_the_default_policy_is_seeded_with_pemda_hours_and_tiers(world):
    policy = working_hours_for(opd=world.kominfo)
    assert policy.week[0] == (dt.time(7, 30), dt.time(16, 0))
    assert policy.week[4] == (dt.time(7, 30), dt.time(16, 30))
    assert [(t.code, t.low, t.high) for t in policy.tl_tiers] == [
        ("TL1", 1, 30),
        ("TL2", 31, 60),
        ("TL3", 61, 90),
        ("TL4", 91, None),
    ]
    assert [t.cut_percent for t in policy.psw_tiers] == [0.5, 1.0, 1.25, 1.5]
    assert rules.tier_for(policy.psw_tiers, None).code == "PSW4"


def test_an_opd_row_overrides_the_default_with_its_own_hours_and_ramadan(world):
    own = WorkingHours.objects.create(opd=world.dukcapil, grace_minutes=10)
    LatenessTier.objects.create(
        policy=own, kind="TL", code="TL1", min_minutes=1, max_minutes=None, cut_percent=2
    )
    SpecialPeriod.objects.create(
        policy=own, name="Ramadan", start_date=dt.date(2026, 2, 18), end_date=dt.date(2026, 3, 19)
    )
    policy = working_hours_for(opd=world.dukcapil)
    assert policy.grace_minutes == 10
    assert [t.code for t in policy.tl_tiers] == ["TL1"] and policy.psw_tiers == ()
    assert rules.hours_on(policy, dt.date(2026, 2, 20)) == (dt.time(8, 0), dt.time(15, 30))
    assert working_hours_for(opd=world.kominfo).grace_minutes == 0


def test_only_one_default_row(world):
    with pytest.raises(IntegrityError):
        WorkingHours.objects.create(opd=None)


def test_only_one_row_per_opd(world):
    WorkingHours.objects.create(opd=world.kominfo)
    with pytest.raises(IntegrityError):
        WorkingHours.objects.create(opd=world.kominfo)


def test_without_any_row_the_usual_hours_and_tiers_apply(world):
    WorkingHours.objects.all().delete()
    policy = working_hours_for(opd=world.kominfo)
    assert policy.week[3] == (dt.time(7, 30), dt.time(16, 0))
    assert len(policy.tl_tiers) == 4


def test_the_review_queue_shows_an_opd_admin_only_their_opd(days):
    days.dukcapil.latitude, days.dukcapil.longitude = days.kominfo.latitude, days.kominfo.longitude
    days.dukcapil.save()
    far = {"kind": "in", "mode": "WFO", "latitude": "-6.10", "longitude": "106.80"}
    stamp = dt.datetime.combine(WFO_DAY, dt.time(7, 25), WIB).isoformat()
    events_ingest(
        items=[
            {"nip": days.staff.nip, "timestamp": stamp, **far},
            {"nip": days.clerk.nip, "timestamp": stamp, **far},
        ],
        source="web",
        received_at=dt.datetime.combine(WFO_DAY, dt.time(8, 0), WIB),
    )
    assert {e.employee_id for e in review_queue(user=days.hr)} == {days.staff.pk, days.clerk.pk}
    assert {e.employee_id for e in review_queue(user=days.opd_admin)} == {days.staff.pk}
    assert list(review_queue(user=days.pegawai_user)) == []
