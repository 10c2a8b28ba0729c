"""All-or-nothing, keep the good rows (and skip the rows that depend on a bad one), dry run."""

from __future__ import annotations

import pytest

from opd.models import Employee
from tests.factories import make_nip
from tests.opd.import_files import (
    assert_error,
    emp,
    employees,
    fresh_org,
    opds,
    run,
    run_org,
    snapshot,
)

pytestmark = pytest.mark.django_db


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
