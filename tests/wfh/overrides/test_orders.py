"""Individual WFH orders: inside the limits they are written at once; over the weekly cap or the
unit minimum they are refused without a reason and shown with one (roster page, evaluation);
revoking gives the days back to the phase; declared days and leave win over an order."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from tests.wfh.overrides.conftest import D, schedule
from wfh.models import Mode, Roster, ScheduleDay, Source
from wfh.overrides.declared import declared_days_declare
from wfh.overrides.inputs import declaration_parse
from wfh.overrides.models import OverrideStatus
from wfh.overrides.orders import order_parse, wfh_order_issue
from wfh.overrides.revoking import declared_day_revoke, wfh_order_revoke

MON, TUE, WED, THU = D(2025, 11, 10), D(2025, 11, 11), D(2025, 11, 12), D(2025, 11, 13)


def issue(city, employees, start, end, user=None, **extra):
    data = {
        "nips": [e.nip for e in employees],
        "start": start.isoformat(),
        "end": end.isoformat(),
        "number": "800/12/DISKOMINFO/2025",
        "reason": "banjir",
        **extra,
    }
    order = order_parse(opd=city.w.kominfo, data=data, today=city.today)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return wfh_order_issue(order=order, user=user or city.w.opd_admin)


@pytest.mark.django_db
def test_an_order_inside_the_limits_is_written_and_mailed(city):
    w = city.w
    row, _check = issue(city, [w.staff], MON, MON)
    day = ScheduleDay.objects.get(employee=w.staff, day=MON)
    assert (day.mode, day.source) == (Mode.WFH, Source.ORDER)
    assert row.departures == []
    assert any("800/12/DISKOMINFO/2025" in m.subject for m in mail.outbox)


@pytest.mark.django_db
def test_an_order_over_the_weekly_cap_is_refused_without_a_reason_and_shown_with_one(city, client):
    w = city.w
    # phase I: Thursday is WFH already; Monday to Wednesday make four days (cap 2)
    before = schedule(employee=w.staff)
    with pytest.raises(ValidationError) as caught:
        issue(city, [w.staff], MON, WED)
    assert "departure_reason" in caught.value.message_dict
    assert "Batas mingguan" in caught.value.message_dict["departure_reason"][0]
    assert schedule(employee=w.staff) == before  # nothing written

    row, _check = issue(city, [w.staff], MON, WED, departure_reason="Akses jalan terputus banjir")
    assert any(d.startswith("Batas mingguan") for d in row.departures)
    assert {ScheduleDay.objects.get(employee=w.staff, day=d).mode for d in (MON, TUE, WED)} == {
        Mode.WFH
    }
    # the roster page shows the order with its departure and reason; the cell is marked
    roster = Roster.objects.get(phase=w.phase1, opd=w.kominfo, workflow=Roster.Workflow.PUBLISHED)
    client.force_login(w.hr)
    page = client.get(f"/jadwal/{roster.pk}/?month=2025-11").content.decode()
    assert "Akses jalan terputus banjir" in page and "Batas mingguan" in page
    assert "cell m-wfh order" in page


@pytest.mark.django_db
def test_an_order_below_the_unit_minimum_is_a_departure(city):
    w = city.w
    onsite = ScheduleDay.objects.filter(unit=w.sek, day=THU, mode=Mode.WFO)
    piket = [r.employee for r in onsite]  # phase I keeps the minimum on site on Thursday
    assert len(piket) == w.sek.min_onsite
    with pytest.raises(ValidationError) as caught:
        issue(city, piket, THU, THU)
    assert "Batas minimal di kantor" in caught.value.message_dict["departure_reason"][0]


@pytest.mark.django_db
def test_revoking_an_order_gives_the_days_back_to_the_phase(city):
    w = city.w
    before = schedule(employee=w.staff)
    row, _check = issue(city, [w.staff], MON, MON)
    assert schedule(employee=w.staff) != before
    with TestCase.captureOnCommitCallbacks(execute=True):
        wfh_order_revoke(order=row, user=w.opd_admin, today=city.today)
    assert schedule(employee=w.staff) == before
    row.refresh_from_db()
    assert row.status == OverrideStatus.REVOKED


@pytest.mark.django_db
def test_a_declared_day_wins_over_an_order_and_the_order_comes_back_when_it_is_revoked(city):
    w = city.w
    row, _check = issue(city, [w.staff], MON, MON)
    spec = declaration_parse(
        {"start": MON, "end": MON, "reference": "SE 1/2025", "opds": "DISKOMINFO", "share": "0.5"}
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        declared, _plan = declared_days_declare(spec=spec, today=city.today)
    assert ScheduleDay.objects.get(employee=w.staff, day=MON).source == Source.DECLARED
    with TestCase.captureOnCommitCallbacks(execute=True):
        declared_day_revoke(declared=declared, today=city.today)
    day = ScheduleDay.objects.get(employee=w.staff, day=MON)
    assert (day.mode, day.source) == (Mode.WFH, Source.ORDER)


@pytest.mark.django_db
def test_an_opd_admin_orders_only_in_their_own_opd(city):
    w = city.w
    order = order_parse(
        opd=w.dukcapil,
        data={
            "nips": w.clerk.nip,
            "start": "2025-11-10",
            "end": "2025-11-10",
            "number": "1",
            "reason": "kesehatan",
        },
        today=city.today,
    )
    with pytest.raises(PermissionDenied):
        wfh_order_issue(order=order, user=w.opd_admin)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"start": "2025-10-01"}, "start"),  # lived days are never rewritten
        ({"end": "2025-11-01"}, "end"),
        ({"reason": "liburan"}, "reason"),
        ({"number": ""}, "number"),
        ({"nips": "123"}, "nips"),
        ({"start": "kemarin"}, "start"),
    ],
)
@pytest.mark.django_db
def test_bad_order_input_names_the_field(city, data, field):
    base = {
        "nips": city.w.staff.nip,
        "start": "2025-11-10",
        "end": "2025-11-10",
        "number": "1",
        "reason": "banjir",
    }
    with pytest.raises(ValidationError) as caught:
        order_parse(opd=city.w.kominfo, data={**base, **data}, today=D(2025, 11, 3))
    assert field in caught.value.message_dict
