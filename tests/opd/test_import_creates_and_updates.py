"""The organisation import writes: a clean import, a re-import that changes nothing, updates,
moves and placements, optional columns, and a number of queries that does not grow with rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import authenticate

from accounts.models import Role, User
from opd.models import AsnType, Employee, Opd, Placement, Unit, UnitRole
from opd.services import placements_sync
from tests.factories import make_nip
from tests.opd.import_files import (
    EMP_HEADER,
    TODAY,
    emp,
    employees,
    fresh_org,
    opds,
    run,
    run_org,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_clean_import_creates_opds_units_employees_accounts_and_placements(db):
    org = fresh_org()
    result = run_org(org)
    assert result.ok and result.written
    assert {s: (c.created, c.updated, c.unchanged) for s, c in result.counts.items()} == {
        "opds": (2, 0, 0),
        "units": (2, 0, 0),
        "employees": (3, 0, 0),
    }
    head_nip, staff_nip, pppk_nip = org["nips"]
    dishub = Opd.objects.get(code="DISHUB")
    assert dishub.parent.code == "PEMKOT" and dishub.radius_m == 200
    assert str(dishub.latitude) == "-6.238300"
    assert Unit.objects.get(code="UPT").frontline is True
    staff = Employee.objects.get(nip=staff_nip)
    assert staff.supervisor.nip == head_nip and staff.unit.code == "LLAJ"
    assert Employee.objects.get(nip=head_nip).unit_role == UnitRole.HEAD
    pppk = Employee.objects.get(nip=pppk_nip)
    assert pppk.asn_type == AsnType.PPPK and not pppk.wfh_eligible
    assert pppk.ineligible_reason == "frontline"
    assert Placement.objects.filter(valid_to__isnull=True, valid_from=TODAY).count() == 3
    user = staff.user
    assert user.username == staff_nip and user.role == Role.EMPLOYEE
    assert not user.has_usable_password()


def test_new_employee_can_log_in_with_nip_once_hr_sets_a_password(db):
    org = fresh_org()
    run_org(org)
    user = User.objects.get(username=org["nips"][1])
    user.set_password("sandi-baru-123")
    user.save()
    assert authenticate(username=org["nips"][1], password="sandi-baru-123") == user


def test_reimporting_the_same_files_changes_nothing(db):
    org = fresh_org()
    run_org(org)
    before = snapshot()
    result = run_org(org, today=TODAY + dt.timedelta(days=7))
    assert result.ok
    for counts in result.counts.values():
        assert (counts.created, counts.updated) == (0, 0)
    assert [c.unchanged for c in result.counts.values()] == [2, 2, 3]
    assert snapshot() == before


def test_a_changed_row_updates_only_that_row(world):
    result = run(
        employees=employees(
            emp(world.other.nip, name="Dewi Sekretariat, S.Kom.", position="Analis"),
            emp(world.clerk.nip, name=world.clerk.name, opd_code="DISDUKCAPIL", unit_code="LOKET"),
        )
    )
    assert result.ok
    c = result.counts["employees"]
    assert (c.created, c.updated, c.unchanged) == (0, 1, 1)
    world.other.refresh_from_db()
    assert world.other.name == "Dewi Sekretariat, S.Kom." and world.other.position == "Analis"


def test_existing_and_new_employees_can_report_to_someone_new_in_the_same_file(world):
    boss = make_nip()
    result = run(
        employees=employees(
            emp(world.other.nip, name=world.other.name, supervisor_nip=boss),
            emp(name="Staf Baru", supervisor_nip=boss),
            emp(boss, name="Kepala Sekretariat", role="kepala"),
        )
    )
    assert result.ok, [str(e) for e in result.errors]
    world.other.refresh_from_db()
    assert world.other.supervisor.nip == boss
    assert Employee.objects.get(name="Staf Baru").supervisor.nip == boss
    assert Employee.objects.get(nip=boss).unit_role == UnitRole.HEAD


def test_a_column_left_out_keeps_the_current_value(world):
    world.other.email = "dewi@example.go.id"
    world.other.phone = "0812"
    world.other.save()
    header = ["nip", "name", "opd_code", "unit_code"]
    result = run(
        employees=employees(
            {"nip": world.other.nip, "name": "Dewi", "opd_code": "DISKOMINFO", "unit_code": "SEK"},
            header=header,
        )
    )
    assert result.ok
    world.other.refresh_from_db()
    assert (world.other.name, world.other.email, world.other.phone) == (
        "Dewi",
        "dewi@example.go.id",
        "0812",
    )


def test_a_move_closes_the_old_placement_and_opens_a_new_one(world):
    result = run(
        employees=employees(
            emp(world.other.nip, name=world.other.name, opd_code="DISDUKCAPIL", unit_code="LOKET")
        )
    )
    assert result.ok and result.counts["employees"].updated == 1
    history = list(world.other.placements.order_by("valid_from"))
    assert [(p.opd.code, p.unit.code, p.valid_from, p.valid_to) for p in history] == [
        ("DISKOMINFO", "SEK", dt.date(2025, 1, 1), TODAY - dt.timedelta(days=1)),
        ("DISDUKCAPIL", "LOKET", TODAY, None),
    ]


def test_a_unit_can_change_its_head_in_one_import(world):
    result = run(
        employees=employees(
            emp(world.head.nip, name=world.head.name, unit_code="TIK", role="staf"),
            emp(
                world.staff.nip,
                name=world.staff.name,
                unit_code="TIK",
                role="kepala",
                supervisor_nip="",
            ),
        )
    )
    assert result.ok, [str(e) for e in result.errors]
    world.head.refresh_from_db()
    world.staff.refresh_from_db()
    assert world.head.unit_role == UnitRole.STAFF and world.staff.unit_role == UnitRole.HEAD


def test_first_placements_of_new_employees_follow_the_placements_sync_rule(world):
    header = [*EMP_HEADER, "active_from"]
    result = run(
        employees=employees(
            emp(name="Lama", active_from="2020-02-01"),
            emp(name="Besok", active_from="2026-01-05"),
            emp(name="Tanpa tanggal"),
            header=header,
        )
    )
    assert result.ok
    new = Employee.objects.filter(name__in=["Lama", "Besok", "Tanpa tanggal"])
    starts = {e.name: e.placements.get(valid_to__isnull=True).valid_from for e in new}
    assert starts == {"Lama": dt.date(2020, 2, 1), "Besok": TODAY, "Tanpa tanggal": TODAY}
    placement = new.get(name="Lama").placements.get()
    assert (placement.opd_id, placement.unit_id, placement.unit_role) == (
        world.kominfo.pk,
        world.sek.pk,
        UnitRole.STAFF,
    )
    # placements_sync finds nothing left to do for them
    assert placements_sync(employee_ids=[e.pk for e in new], effective=TODAY) == {
        "opened": 0,
        "closed": 0,
        "replaced": 0,
        "updated": 0,
    }


def test_employees_alone_import_against_existing_opds(world):
    result = run(employees=employees(emp(name="Rina"), emp(name="Tono", unit_code="TIK")))
    assert result.ok and result.counts == {"employees": result.counts["employees"]}
    assert result.counts["employees"].created == 2


def test_optional_columns_time_zone_active_phone_dates_and_deputy(db):
    nip = make_nip()
    result = run(
        opds=opds(
            {"code": "KEC-A", "name": "Kecamatan A", "kind": "kecamatan", "time_zone": "WITA"},
            header=["code", "name", "kind", "time_zone", "active"],
        ),
        employees=employees(
            {
                "nip": nip,
                "name": "Wati",
                "opd_code": "KEC-A",
                "role": "wakil",
                "phone": "0812-1",
                "wfh_eligible": "false",
                "ineligible_reason": "new_in_post",
                "new_in_post_since": "2025-10-01",
                "active_from": "01/01/2024",
                "active_to": "",
            },
            header=[*EMP_HEADER, "phone", "new_in_post_since", "active_from", "active_to"],
        ),
    )
    assert result.ok, [str(e) for e in result.errors]
    assert Opd.objects.get(code="KEC-A").time_zone == "Asia/Makassar"
    e = Employee.objects.get(nip=nip)
    assert (e.unit_role, e.phone, e.new_in_post_since, e.active_from) == (
        UnitRole.DEPUTY,
        "0812-1",
        dt.date(2025, 10, 1),
        dt.date(2024, 1, 1),
    )
    assert e.placements.get().valid_from == dt.date(2024, 1, 1)


# --- scale: a fixed number of queries whatever the headcount


@pytest.mark.parametrize("count", [50, 200])
def test_import_query_count_does_not_grow_with_rows(world, django_assert_max_num_queries, count):
    rows = [emp(name=f"Pegawai {i}", supervisor_nip=world.head.nip) for i in range(count)]
    upload = employees(*rows)
    # PostgreSQL: 9 queries whatever the count (COPY). SQLite caps a statement at 999
    # parameters, so its bulk inserts take a few more batches (15 for 200 rows); the bound is
    # far below one query per row.
    with django_assert_max_num_queries(20):
        result = run(employees=upload)
    assert result.ok and result.counts["employees"].created == count
    with django_assert_max_num_queries(8):
        again = run(employees=upload)
    assert again.counts["employees"].unchanged == count
