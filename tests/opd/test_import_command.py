"""The import_org command: counts per sheet, every error, --keep-good-rows, --dry-run, files."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opd.models import Employee
from tests.factories import make_nip
from tests.opd.import_files import (
    emp,
    employees,
    fresh_org,
    workbook,
    write_files,
)

pytestmark = pytest.mark.django_db


def test_command_imports_and_prints_counts_per_sheet(db, tmp_path, capsys):
    paths = write_files(tmp_path, fresh_org())
    args = [arg for sheet in ("opds", "units", "employees") for arg in (f"--{sheet}", paths[sheet])]
    call_command("import_org", *args)
    out = capsys.readouterr().out
    assert "opds: 2 created, 0 updated, 0 unchanged" in out
    assert "employees: 3 created" in out
    call_command("import_org", *args)
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
