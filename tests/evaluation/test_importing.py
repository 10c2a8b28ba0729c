"""Imports: all-or-nothing, errors naming the row and column, templates that import."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from common.tabular import Upload
from evaluation import importing
from evaluation.importing import inputs_import
from evaluation.inputs import COSTS, EKINERJA, SERVICES
from evaluation.models import OperatingCost, PerformanceTarget, ServiceOutput
from tests.evaluation.conftest import OCT


def csv_upload(text: str, name="data.csv") -> Upload:
    return Upload(name, text.encode("utf-8"))


def errors_of(result):
    return {(e.row, e.column): e.message for e in result.errors}


def test_a_cost_file_with_bad_rows_writes_nothing_and_names_row_and_column(world):
    text = (
        "opd_code,month,electricity_rp,water_rp\n"
        "DISKOMINFO,2025-10,abc,100000\n"
        "TIDAKADA,2025-10,1000,\n"
        "DISDUKCAPIL,2025-13,1000,\n"
        "DISKOMINFO,2025-11,-5,\n"
        "DISDUKCAPIL,2025-10,1000,\n"
        "DISDUKCAPIL,2025-10,2000,\n"
    )
    result = inputs_import(kind=COSTS, upload=csv_upload(text))
    errors = errors_of(result)
    assert "bukan angka" in errors[(2, "electricity_rp")]
    assert "TIDAKADA" in errors[(3, "opd_code")]
    assert "Bulan" in errors[(4, "month")]
    assert "negatif" in errors[(5, "electricity_rp")]
    assert "baris 6" in errors[(7, "month")]
    assert not OperatingCost.objects.exists()


def test_a_good_cost_file_imports_and_empty_cells_stay_empty(world):
    text = "opd_code;month;electricity_rp;water_rp\nDISKOMINFO;2025-10;18.750.000;\n"
    result = inputs_import(kind=COSTS, upload=csv_upload(text))
    assert result.ok and result.created == 1
    cost = OperatingCost.objects.get()
    assert cost.month == OCT and cost.electricity_rp == 18_750_000 and cost.water_rp is None
    again = inputs_import(kind=COSTS, upload=csv_upload(text.replace("18.750.000", "19000000")))
    assert again.updated == 1
    assert OperatingCost.objects.get().electricity_rp == 19_000_000


def test_unknown_and_missing_columns_are_named(world):
    result = inputs_import(kind=SERVICES, upload=csv_upload("opd_code,layanan\nDISDUKCAPIL,4\n"))
    errors = errors_of(result)
    assert (1, "layanan") in errors and (1, "start") in errors
    assert (1, "services_delivered") in errors


def test_service_output_import_checks_dates(world):
    text = (
        "opd_code,start,end,services_delivered,complaints\n"
        "DISDUKCAPIL,2025-10-10,2025-10-06,100,2\n"
        "DISDUKCAPIL,2025-10-06,2025-10-10,100,2\n"
    )
    result = inputs_import(kind=SERVICES, upload=csv_upload(text))
    assert "sebelum" in errors_of(result)[(2, "end")]
    assert not ServiceOutput.objects.exists()
    ok = inputs_import(
        kind=SERVICES,
        upload=csv_upload(text.replace("2025-10-10,2025-10-06", "2025-10-13,2025-10-17")),
    )
    assert ok.ok and ServiceOutput.objects.count() == 2


def test_ekinerja_import_from_xlsx_names_an_unknown_nip(world):
    wb = Workbook()
    ws = wb.active
    ws.append(["nip", "month", "attainment_percent"])
    ws.append([world.staff.nip, "2025-10", 92.5])
    ws.append(["199901012020011001", "2025-10", 90])
    ws.append([world.other.nip, "2025-10", 250])
    out = io.BytesIO()
    wb.save(out)
    result = inputs_import(kind=EKINERJA, upload=Upload("ekinerja.xlsx", out.getvalue()))
    errors = errors_of(result)
    assert "199901012020011001" in errors[(3, "nip")]
    assert "200%" in errors[(4, "attainment_percent")]
    assert result.errors[0].file.startswith("ekinerja.xlsx")
    assert not PerformanceTarget.objects.exists()
    ws.delete_rows(3, 2)
    out = io.BytesIO()
    wb.save(out)
    ok = inputs_import(kind=EKINERJA, upload=Upload("ekinerja.xlsx", out.getvalue()))
    assert ok.ok
    assert PerformanceTarget.objects.get().attainment_percent == Decimal("92.5")


@pytest.mark.parametrize("kind", [COSTS, SERVICES])
def test_the_templates_import_as_they_are(world, kind):
    for data, name in (
        (importing.template_csv(kind), f"t-{kind}.csv"),
        (importing.template_xlsx(kind), f"t-{kind}.xlsx"),
    ):
        result = inputs_import(kind=kind, upload=Upload(name, data))
        assert result.ok, result.errors


def test_the_import_page_shows_errors_and_serves_templates(client, world):
    assert client.login(username="hr", password=world.password)
    upload = io.BytesIO(b"opd_code,month,electricity_rp\nNOPE,2025-10,1\n")
    upload.name = "biaya.csv"
    body = client.post("/evaluasi/impor/", {"kind": COSTS, "file": upload}).content.decode()
    assert "NOPE" in body and "tidak diimpor" in body
    response = client.get("/evaluasi/impor/templat-ekinerja.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("nip,month,attainment_percent")
