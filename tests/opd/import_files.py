"""Files for the organisation import tests: CSV and XLSX uploads, a fresh organisation, and
the checks the tests share."""

from __future__ import annotations

import csv
import datetime as dt
import io

from accounts.models import User
from common.tabular import Upload
from opd.importing.services import org_import
from opd.models import AsnType, Employee, Opd, Placement, Unit
from tests.factories import make_nip

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
    return org_import(**kw)


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


def assert_error(result, file, row, column, *fragments):
    matches = [e for e in result.errors if (e.file, e.row, e.column) == (file, row, column)]
    assert matches, [str(e) for e in result.errors]
    for fragment in fragments:
        assert any(fragment in e.message for e in matches), [str(e) for e in matches]


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


def write_files(tmp_path, org):
    paths = {}
    for sheet in ("opds", "units", "employees"):
        path = tmp_path / f"{sheet}.csv"
        path.write_bytes(org[sheet].data)
        paths[sheet] = str(path)
    return paths
