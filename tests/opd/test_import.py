"""The organisation import (opd.importing and the import_org command)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Role, User
from opd.importing import COLUMNS, Upload, import_org
from opd.models import AsnType, Employee, Opd, Placement, Unit, UnitRole
from tests.factories import make_nip

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 11, 3)
OPD_HEADER = ["code", "name", "kind", "parent_code", "latitude", "longitude", "radius_m"]
UNIT_HEADER = ["opd_code", "code", "name", "frontline", "min_onsite"]
EMP_HEADER = [
    "nip",
    "name",
    "asn_type",
    "opd_code",
    "unit_code",
    "position",
    "role",
    "supervisor_nip",
    "wfh_eligible",
    "ineligible_reason",
    "email",
]


def csv_upload(name: str, header: list[str], rows: list[dict], *, delimiter=",", bom=False):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    text = ("\ufeff" if bom else "") + out.getvalue()
    return Upload(name=name, data=text.encode("utf-8"))


def opds(*rows, header=OPD_HEADER, **kw):
    return csv_upload("opds.csv", header, list(rows), **kw)


def units(*rows, header=UNIT_HEADER, **kw):
    return csv_upload("units.csv", header, list(rows), **kw)


def employees(*rows, header=EMP_HEADER, **kw):
    return csv_upload("employees.csv", header, list(rows), **kw)


def emp(nip=None, **kw):
    row = {
        "nip": nip or make_nip(),
        "name": "Pegawai Baru",
        "opd_code": "DISKOMINFO",
        "unit_code": "SEK",
        "role": "staf",
        "wfh_eligible": "ya",
    }
    row.update(kw)
    return row


def run(**kw):
    kw.setdefault("today", TODAY)
    return import_org(**kw)


def only_error(result):
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def snapshot():
    return (
        list(Opd.objects.order_by("id").values()),
        list(Unit.objects.order_by("id").values()),
        list(Employee.objects.order_by("id").values()),
        list(Placement.objects.order_by("id").values()),
        User.objects.count(),
    )


def fresh_org():
    """A clean three-sheet import: two OPDs (one the parent), two units, a head and staff."""
    head_nip, staff_nip, pppk_nip = make_nip(), make_nip(), make_nip(AsnType.PPPK)
    return {
        "opds": opds(
            {"code": "PEMKOT", "name": "Pemerintah Kota", "kind": "setda"},
            {
                "code": "DISHUB",
                "name": "Dinas Perhubungan",
                "kind": "dinas",
                "parent_code": "PEMKOT",
                "latitude": "-6.2383",
                "longitude": "106.9756",
                "radius_m": "200",
            },
        ),
        "units": units(
            {"opd_code": "DISHUB", "code": "LLAJ", "name": "Bidang LLAJ", "min_onsite": "1"},
            {"opd_code": "DISHUB", "code": "UPT", "name": "UPT Terminal", "frontline": "ya"},
        ),
        "employees": employees(
            {
                "nip": staff_nip,
                "name": "Sari Staf",
                "opd_code": "DISHUB",
                "unit_code": "LLAJ",
                "supervisor_nip": head_nip,  # a supervisor further down the same file
                "email": "sari@example.go.id",
            },
            {
                "nip": head_nip,
                "name": "Budi Kepala",
                "asn_type": "PNS",
                "opd_code": "DISHUB",
                "unit_code": "LLAJ",
                "role": "kepala",
            },
            {
                "nip": pppk_nip,
                "name": "Andi PPPK",
                "asn_type": "pppk",
                "opd_code": "DISHUB",
                "unit_code": "UPT",
                "wfh_eligible": "tidak",
                "ineligible_reason": "layanan_langsung",
            },
        ),
        "nips": (head_nip, staff_nip, pppk_nip),
    }


def run_org(org, **kw):
    return run(opds=org["opds"], units=org["units"], employees=org["employees"], **kw)


# --- a clean import, re-import, updates


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
    from opd.services import placements_sync

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


def test_semicolon_csv_with_bom_and_untidy_headers_and_decimal_comma(db):
    header = [" Code ", "NAME", "Kind", "Latitude", "longitude "]
    upload = opds(
        {
            " Code ": "DINKES",
            "NAME": "Dinas Kesehatan",
            "Kind": "Dinas",
            "Latitude": "-6,25",
            "longitude ": "107,01",
        },
        header=header,
        delimiter=";",
        bom=True,
    )
    result = run(opds=upload)
    assert result.ok, [str(e) for e in result.errors]
    dinkes = Opd.objects.get(code="DINKES")
    assert (dinkes.kind, str(dinkes.latitude), str(dinkes.longitude)) == (
        "dinas",
        "-6.250000",
        "107.010000",
    )


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


# --- every kind of bad row, with its file, row and column


def assert_error(result, file, row, column, *fragments):
    matches = [e for e in result.errors if (e.file, e.row, e.column) == (file, row, column)]
    assert matches, [str(e) for e in result.errors]
    for fragment in fragments:
        assert any(fragment in e.message for e in matches), [str(e) for e in matches]


def test_malformed_nip_is_reported_with_row_and_column(world):
    result = run(employees=employees(emp(), emp("19850330200312100")))
    assert_error(result, "employees.csv", 3, "nip", "18 digit")
    assert "employees.csv baris 3, kolom nip: NIP" in str(only_error(result))


def test_nip_with_an_impossible_birth_date_is_reported(world):
    result = run(employees=employees(emp("198502302003121002")))
    assert_error(result, "employees.csv", 2, "nip", "tanggal lahir", "bukan tanggal yang ada")


def test_nip_in_scientific_notation_gets_a_hint_about_excel(world):
    result = run(employees=employees(emp("1.98503E+17")))
    assert_error(result, "employees.csv", 2, "nip", "notasi ilmiah")


def test_asn_type_disagreeing_with_the_nip(world):
    result = run(employees=employees(emp(make_nip(AsnType.PPPK), asn_type="PNS")))
    assert_error(result, "employees.csv", 2, "asn_type", "tidak sesuai dengan NIP", "PPPK")


def test_p3k_is_read_as_pppk(world):
    result = run(employees=employees(emp(make_nip(AsnType.PPPK), asn_type="P3K")))
    assert not result.errors
    assert result.counts["employees"].created == 1


def test_unknown_opd_code_for_an_employee_and_for_a_unit(world):
    result = run(
        units=units({"opd_code": "DINSOS", "code": "SEK", "name": "Sekretariat"}),
        employees=employees(emp(opd_code="diskominfo")),
    )
    assert_error(result, "units.csv", 2, "opd_code", "DINSOS")
    assert_error(result, "employees.csv", 2, "opd_code", "Maksud Anda DISKOMINFO?")


def test_unknown_unit_code(world):
    result = run(employees=employees(emp(unit_code="HUMAS")))
    assert_error(result, "employees.csv", 2, "unit_code", "Unit HUMAS tidak ada di OPD DISKOMINFO")


def test_employee_unit_not_in_their_opd(world):
    result = run(employees=employees(emp(opd_code="DISKOMINFO", unit_code="LOKET")))
    assert_error(result, "employees.csv", 2, "unit_code", "bukan bagian dari OPD DISKOMINFO")


def test_duplicate_nip_in_the_file(world):
    nip = make_nip()
    result = run(employees=employees(emp(nip), emp(), emp(nip)))
    assert_error(result, "employees.csv", 4, "nip", "sudah ada di baris 2")


def test_duplicate_opd_code_and_duplicate_unit_code(db):
    result = run(
        opds=opds(
            {"code": "DINKES", "name": "Dinas Kesehatan", "kind": "dinas"},
            {"code": "DINKES", "name": "Dinas Kesehatan lagi", "kind": "dinas"},
        ),
        units=units(
            {"opd_code": "DINKES", "code": "SEK", "name": "Sekretariat"},
            {"opd_code": "DINKES", "code": "SEK", "name": "Sekretariat 2"},
        ),
    )
    assert_error(result, "opds.csv", 3, "code", "sudah dipakai di baris 2")
    assert_error(result, "units.csv", 3, "code", "sudah ada di baris 2")


def test_supervisor_not_found(world):
    missing = make_nip()
    result = run(employees=employees(emp(supervisor_nip=missing)))
    assert_error(result, "employees.csv", 2, "supervisor_nip", missing, "tidak ada")


def test_supervisor_loop_of_two(world):
    a, b = make_nip(), make_nip()
    result = run(employees=employees(emp(a, supervisor_nip=b), emp(b, supervisor_nip=a)))
    assert_error(result, "employees.csv", 2, "supervisor_nip", "Rantai atasan berputar")
    assert_error(result, "employees.csv", 3, "supervisor_nip", "Rantai atasan berputar")


def test_longer_supervisor_loop_through_an_existing_employee(world):
    # world.staff reports to world.head; the file makes head report to a new person who
    # reports to staff: head -> new -> staff -> head
    new = make_nip()
    result = run(
        employees=employees(
            emp(new, supervisor_nip=world.staff.nip),
            emp(
                world.head.nip,
                name=world.head.name,
                unit_code="TIK",
                role="kepala",
                supervisor_nip=new,
            ),
        )
    )
    assert_error(result, "employees.csv", 2, "supervisor_nip", "Rantai atasan berputar")
    assert_error(result, "employees.csv", 3, "supervisor_nip", world.staff.nip)


def test_two_heads_in_one_unit_in_the_file(db):
    org = fresh_org()
    second = emp(make_nip(), opd_code="DISHUB", unit_code="LLAJ", role="head")
    result = run(
        opds=org["opds"],
        units=org["units"],
        employees=employees(
            emp(org["nips"][0], opd_code="DISHUB", unit_code="LLAJ", role="kepala"), second
        ),
    )
    assert_error(result, "employees.csv", 3, "role", "sudah punya kepala di baris 2")


def test_a_second_head_next_to_the_head_already_in_the_database(world):
    result = run(employees=employees(emp(unit_code="TIK", role="kepala")))
    assert_error(
        result, "employees.csv", 2, "role", "sudah punya kepala di database", world.head.nip
    )


def test_a_newcomer_head_is_blamed_not_the_head_whose_row_keeps_them_in_place(world):
    newcomer = make_nip()
    result = run(
        employees=employees(
            emp(newcomer, unit_code="TIK", role="kepala"),  # listed before the current head
            emp(world.head.nip, name=world.head.name, unit_code="TIK", role="kepala"),
        )
    )
    assert_error(result, "employees.csv", 2, "role", "sudah punya kepala", world.head.nip)
    assert not any(e.row == 3 for e in result.errors), [str(e) for e in result.errors]


def test_keep_good_rows_with_a_newcomer_head_keeps_the_current_head_and_skips_the_newcomer(world):
    newcomer = make_nip()
    result = run(
        employees=employees(
            emp(newcomer, unit_code="TIK", role="kepala"),
            emp(world.head.nip, name=world.head.name, unit_code="TIK", role="kepala"),
            emp(name="Staf Baru"),
        ),
        keep_good_rows=True,
    )
    assert result.written, [str(e) for e in result.errors]
    assert Employee.objects.get(unit=world.it, unit_role=UnitRole.HEAD).nip == world.head.nip
    assert not Employee.objects.filter(nip=newcomer).exists()
    assert Employee.objects.filter(name="Staf Baru").exists()


def test_required_value_missing_and_required_column_missing(world):
    result = run(
        employees=employees(emp(name="")),
        units=units({"opd_code": "DISKOMINFO", "code": "X"}, header=["opd_code", "code"]),
    )
    assert_error(result, "employees.csv", 2, "name", "Wajib diisi")
    assert_error(result, "units.csv", 1, "name", "tidak ada di baris judul")


def test_unknown_column_is_reported_on_the_header_row(world):
    result = run(employees=employees(emp(), header=[*EMP_HEADER, "atasan"]))
    assert_error(result, "employees.csv", 1, "atasan", "tidak dikenal")


def test_bad_kind_coordinates_radius_yes_no_and_time_zone(db):
    result = run(
        opds=opds(
            {"code": "A", "name": "A", "kind": "kementerian"},
            {"code": "B", "name": "B", "kind": "dinas", "latitude": "95", "longitude": "106"},
            {"code": "C", "name": "C", "kind": "dinas", "radius_m": "-5"},
            {"code": "D", "name": "D", "kind": "dinas", "active": "mungkin"},
            {"code": "E", "name": "E", "kind": "dinas", "time_zone": "Asia/Bekasi"},
            {"code": "F", "name": "F", "kind": "dinas", "latitude": "-6.2"},
            header=[*OPD_HEADER, "active", "time_zone"],
        )
    )
    assert_error(result, "opds.csv", 2, "kind", "kementerian")
    assert_error(result, "opds.csv", 3, "latitude", "antara -90 dan 90")
    assert_error(result, "opds.csv", 4, "radius_m", "antara 1 dan")
    assert_error(result, "opds.csv", 5, "active", "ya/tidak")
    assert_error(result, "opds.csv", 6, "time_zone", "Asia/Bekasi")
    assert_error(result, "opds.csv", 7, "longitude", "bersama-sama")
    assert Opd.objects.count() == 0


def test_bad_yes_no_and_number_in_units(world):
    result = run(
        units=units(
            {"opd_code": "DISKOMINFO", "code": "A", "name": "A", "frontline": "kadang"},
            {"opd_code": "DISKOMINFO", "code": "B", "name": "B", "min_onsite": "dua"},
        )
    )
    assert_error(result, "units.csv", 2, "frontline", "kadang")
    assert_error(result, "units.csv", 3, "min_onsite", "bukan bilangan bulat")


def test_a_superscript_digit_in_a_number_is_an_error_not_a_crash(world):
    result = run(
        units=units({"opd_code": "DISKOMINFO", "code": "A", "name": "A", "min_onsite": "²"})
    )
    assert_error(result, "units.csv", 2, "min_onsite", "bukan bilangan bulat")


def test_unknown_parent_and_a_loop_of_parents(db):
    result = run(
        opds=opds(
            {"code": "A", "name": "A", "kind": "dinas", "parent_code": "ZZZ"},
            {"code": "B", "name": "B", "kind": "dinas", "parent_code": "C"},
            {"code": "C", "name": "C", "kind": "dinas", "parent_code": "B"},
            {"code": "D", "name": "D", "kind": "dinas", "parent_code": "D"},
        )
    )
    assert_error(result, "opds.csv", 2, "parent_code", "ZZZ")
    assert_error(result, "opds.csv", 3, "parent_code", "berputar")
    assert_error(result, "opds.csv", 4, "parent_code", "berputar")
    assert_error(result, "opds.csv", 5, "parent_code", "dirinya sendiri")


def test_ineligible_without_reason_and_reason_while_eligible(world):
    result = run(
        employees=employees(
            emp(wfh_eligible="tidak", ineligible_reason=""),
            emp(wfh_eligible="ya", ineligible_reason="lainnya"),
            emp(wfh_eligible="0", ineligible_reason="dipecat"),
        )
    )
    assert_error(result, "employees.csv", 2, "ineligible_reason", "Isi alasan")
    assert_error(result, "employees.csv", 3, "ineligible_reason", "wfh_eligible = ya")
    assert_error(result, "employees.csv", 4, "ineligible_reason", "dipecat")


def test_bad_email_role_date_and_a_row_with_too_many_cells(world):
    bad_cells = Upload(
        "employees.csv",
        (
            ",".join(EMP_HEADER)
            + "\n"
            + f"{make_nip()},Budi, S.Kom,PNS,DISKOMINFO,SEK,Analis,staf,,ya,,budi@x.go.id\n"
        ).encode(),
    )
    result = run(employees=bad_cells)
    assert_error(result, "employees.csv", 2, "", "lebih banyak dari")
    result = run(
        employees=employees(
            emp(email="bukan-email"),
            emp(role="bos"),
            emp(new_in_post_since="2025-13-01"),
            header=[*EMP_HEADER, "new_in_post_since"],
        )
    )
    assert_error(result, "employees.csv", 2, "email", "tidak valid")
    assert_error(result, "employees.csv", 3, "role", "bos")
    assert_error(result, "employees.csv", 4, "new_in_post_since", "YYYY-MM-DD")


# --- all-or-nothing, keep good rows, dry run


def test_one_bad_row_means_nothing_is_written(world):
    before = snapshot()
    org = fresh_org()
    result = run(
        opds=org["opds"],
        units=org["units"],
        employees=employees(
            emp(world.other.nip, name="Nama Baru"), emp(), emp("12345", name="Salah")
        ),
    )
    assert not result.ok and not result.written
    assert result.counts["employees"].created == 1  # what the good rows would have done
    assert snapshot() == before


def test_keep_good_rows_writes_the_good_ones_and_skips_dependants(world):
    boss_nip = "12345"  # malformed: the row is skipped, and so is its subordinate
    good = make_nip()
    orphan = make_nip()
    in_bad_opd = make_nip()
    result = run(
        opds=opds(
            {"code": "DINSOS", "name": "Dinas Sosial", "kind": "dinas"},
            {"code": "BAPPEDA", "name": "Bappeda", "kind": "bukan-jenis"},
        ),
        employees=employees(
            emp(good, name="Baik"),
            emp(boss_nip, name="Atasan Salah"),
            emp(orphan, name="Bawahan", supervisor_nip=boss_nip),
            emp(in_bad_opd, name="Di OPD salah", opd_code="BAPPEDA", unit_code=""),
            emp(make_nip(), name="Dinsos", opd_code="DINSOS", unit_code=""),
        ),
        keep_good_rows=True,
    )
    assert result.written
    assert set(
        Employee.objects.filter(name__in=["Baik", "Dinsos"]).values_list("name", flat=True)
    ) == {
        "Baik",
        "Dinsos",
    }
    assert not Employee.objects.filter(nip__in=[orphan, in_bad_opd]).exists()
    assert_error(result, "opds.csv", 3, "kind", "bukan-jenis")
    assert_error(result, "employees.csv", 3, "nip")
    assert_error(result, "employees.csv", 4, "supervisor_nip", boss_nip)
    assert_error(result, "employees.csv", 5, "opd_code", "BAPPEDA", "barisnya salah")
    assert result.counts["employees"].created == 2
    assert result.counts["employees"].skipped == 3
    assert result.counts["opds"].skipped == 1


def test_dry_run_counts_but_writes_nothing(db):
    before = snapshot()
    result = run_org(fresh_org(), dry_run=True)
    assert result.ok and not result.written
    assert result.counts["employees"].created == 3
    assert snapshot() == before


def test_an_unclosed_quote_is_reported_instead_of_swallowing_the_rows_below(world):
    first, second, third = make_nip(), make_nip(), make_nip()
    text = (
        "nip,name,opd_code\n"
        f'{first},"Budi,DISKOMINFO\n'
        f"{second},Siti,DISKOMINFO\n"
        f"{third},Ani,DISKOMINFO\n"
    )
    result = run(employees=Upload("pegawai.csv", text.encode()), keep_good_rows=True)
    error = only_error(result)
    assert (error.file, error.row) == ("pegawai.csv", 2) and "tidak ditutup" in error.message
    assert not Employee.objects.filter(nip__in=[first, second, third]).exists()


def test_a_quoted_name_over_two_lines_in_the_last_row_still_imports(world):
    nip = make_nip()
    text = f'nip,name,opd_code\n{nip},"Budi\nSantoso",DISKOMINFO\n'
    result = run(employees=Upload("pegawai.csv", text.encode()))
    assert result.ok, [str(e) for e in result.errors]


# --- XLSX


def workbook(sheets: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_xlsx_workbook_with_three_sheets_imports(db):
    nip = make_nip()
    data = workbook(
        {
            "OPDs": [
                ["code", "name", "kind", "radius_m"],
                ["DINKES", "Dinas Kesehatan", "dinas", 120.0],
            ],
            "units": [
                ["opd_code", "code", "name", "frontline"],
                ["DINKES", "LAB", "Labkesda", True],
            ],
            "employees": [
                ["nip", "name", "opd_code", "unit_code", "active_from"],
                [nip, "Nina", "DINKES", "LAB", dt.datetime(2024, 2, 1)],
                [None, None, None, None, None],
                [make_nip(), "Nana", "DINKES", "LAB", None],
            ],
        }
    )
    result = run(workbook=Upload("org.xlsx", data))
    assert result.ok, [str(e) for e in result.errors]
    assert result.counts["employees"].created == 2
    assert Opd.objects.get(code="DINKES").radius_m == 120
    assert Unit.objects.get(code="LAB").frontline is True
    assert Employee.objects.get(nip=nip).active_from == dt.date(2024, 2, 1)


def test_xlsx_errors_name_the_sheet_and_spreadsheet_row(db):
    data = workbook(
        {
            "employees": [
                ["nip", "name", "opd_code"],
                [make_nip(), "A", "DINKES"],
                ["1", "B", "X"],
                [int(make_nip()), "NIP sebagai angka", "X"],
            ]
        }
    )
    result = run(employees=Upload("pegawai.xlsx", data))
    assert_error(result, "pegawai.xlsx:employees", 3, "nip", "18 digit")
    assert_error(result, "pegawai.xlsx:employees", 2, "opd_code", "DINKES")
    # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has lost digits
    assert_error(result, "pegawai.xlsx:employees", 4, "nip", "format kolom NIP sebagai Teks")


def test_a_supervisor_nip_excel_turned_into_a_number_gets_the_same_hint(world):
    data = workbook(
        {
            "employees": [
                ["nip", "name", "opd_code", "supervisor_nip"],
                [make_nip(), "A", "DISKOMINFO", float(world.head.nip)],
            ]
        }
    )
    result = run(employees=Upload("pegawai.xlsx", data), dry_run=True)
    assert_error(
        result, "pegawai.xlsx:employees", 2, "supervisor_nip", "format kolom NIP sebagai Teks"
    )


def test_xlsx_rows_beyond_a_stale_dimension_in_the_file_are_still_read(world):
    """Some exporters write <dimension ref="A1:D2"/> whatever the sheet holds; openpyxl's
    read-only mode would stop there and the rows below would vanish without an error."""
    import re
    import zipfile

    data = workbook(
        {
            "employees": [
                ["nip", "name", "opd_code", "unit_code"],
                [make_nip(), "Baris Dua", "DISKOMINFO", "SEK"],
                [make_nip(), "Baris Tiga", "TIDAK-ADA", "SEK"],
            ]
        }
    )
    stale = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(stale, "w") as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D2"', content)
            zout.writestr(item, content)
    result = run(employees=Upload("pegawai.xlsx", stale.getvalue()), dry_run=True)
    assert_error(result, "pegawai.xlsx:employees", 3, "opd_code", "TIDAK-ADA")


def test_utf16_unicode_text_from_excel_imports(world):
    nip = make_nip()
    text = f"nip\tname\topd_code\tunit_code\r\n{nip}\tSiti Utf16\tDISKOMINFO\tSEK\r\n"
    result = run(employees=Upload("pegawai.txt", text.encode("utf-16")))
    assert result.ok, [str(e) for e in result.errors]
    assert Employee.objects.get(nip=nip).name == "Siti Utf16"


def test_a_binary_file_given_as_csv_is_one_clear_error(world):
    result = run(employees=Upload("foto.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    error = only_error(result)
    assert (error.file, error.row) == ("foto.csv", None) and "CSV UTF-8" in error.message


# --- the command


def write_files(tmp_path, org):
    paths = {}
    for sheet in ("opds", "units", "employees"):
        path = tmp_path / f"{sheet}.csv"
        path.write_bytes(org[sheet].data)
        paths[sheet] = str(path)
    return paths


def test_command_imports_and_prints_counts_per_sheet(db, tmp_path, capsys):
    paths = write_files(tmp_path, fresh_org())
    call_command(
        "import_org",
        "--opds",
        paths["opds"],
        "--units",
        paths["units"],
        "--employees",
        paths["employees"],
    )
    out = capsys.readouterr().out
    assert "opds: 2 created, 0 updated, 0 unchanged" in out
    assert "employees: 3 created" in out
    call_command(
        "import_org",
        "--opds",
        paths["opds"],
        "--units",
        paths["units"],
        "--employees",
        paths["employees"],
    )
    assert "employees: 0 created, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_command_exits_non_zero_and_prints_every_error(world, tmp_path, capsys):
    path = tmp_path / "employees.csv"
    path.write_bytes(employees(emp("123"), emp(unit_code="NOPE")).data)
    with pytest.raises(CommandError, match="2 kesalahan"):
        call_command("import_org", "--employees", str(path))
    err = capsys.readouterr().err
    assert "employees.csv baris 2, kolom nip:" in err
    assert "employees.csv baris 3, kolom unit_code:" in err


def test_command_keep_good_rows_and_dry_run(world, tmp_path, capsys):
    path = tmp_path / "employees.csv"
    path.write_bytes(employees(emp("123"), emp(name="Lolos")).data)
    call_command("import_org", "--employees", str(path), "--keep-good-rows", "--dry-run")
    assert not Employee.objects.filter(name="Lolos").exists()
    call_command("import_org", "--employees", str(path), "--keep-good-rows")
    assert Employee.objects.filter(name="Lolos").exists()
    assert "kolom nip" in capsys.readouterr().err


def test_command_reads_a_workbook_and_an_xlsx_per_sheet(db, tmp_path):
    book = tmp_path / "org.xlsx"
    book.write_bytes(
        workbook({"opds": [["code", "name", "kind"], ["DINKES", "Dinas Kesehatan", "dinas"]]})
    )
    call_command("import_org", "--workbook", str(book))
    only = tmp_path / "daftar.xlsx"
    only.write_bytes(
        workbook({"Sheet1": [["nip", "name", "opd_code"], [make_nip(), "X", "DINKES"]]})
    )
    call_command("import_org", "--employees", str(only))
    assert Employee.objects.filter(opd__code="DINKES").count() == 1


def test_command_reports_a_missing_file(db):
    with pytest.raises(CommandError, match="tidak bisa dibuka"):
        call_command("import_org", "--opds", "/nonexistent/opds.csv")


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


def test_columns_of_the_templates_match_what_the_importer_reads():
    assert COLUMNS["employees"][:11] == tuple(EMP_HEADER)


def test_a_blocked_import_says_its_counts_were_not_written(world, tmp_path, capsys):
    path = tmp_path / "employees.csv"
    path.write_text(
        "nip,name,asn_type,opd_code,unit_code,position,role,supervisor_nip,wfh_eligible,"
        "ineligible_reason,email\n"
        "123,Salah,PNS,DISKOMINFO,SEK,Staf,staff,,ya,,\n"
    )
    with pytest.raises(CommandError):
        call_command("import_org", "--employees", str(path))
    out = capsys.readouterr().out
    assert "Belum disimpan" in out and "employees: 0 created" in out
