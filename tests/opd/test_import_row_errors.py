"""Every kind of bad row in the organisation import, reported with its file, row and column."""

from __future__ import annotations

import pytest

from common.tabular import Upload
from opd.models import AsnType, Employee, Opd, UnitRole
from tests.factories import make_nip
from tests.opd.import_files import (
    EMP_HEADER,
    OPD_HEADER,
    assert_error,
    emp,
    employees,
    fresh_org,
    only_error,
    opds,
    run,
    units,
)

pytestmark = pytest.mark.django_db


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
    # text naming no known reason is kept as "other" with the text as its note, not refused
    assert not [e for e in result.errors if e.row == 4]
    assert [(r.row, r.read_as) for r in result.readings if r.row == 4] == [
        (4, "Tidak boleh WFH: Lainnya, keterangan: dipecat")
    ]


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
