"""The one parsing, checking and writing of the kajian's inputs (evaluation.inputs): the file
import, the API and HR's cost form read a value alike and write through the one locked upsert."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from common.tabular import Upload
from evaluation import inputs, services
from evaluation.importing import inputs_import
from evaluation.inputs import COSTS, SERVICES, parse_number
from evaluation.models import OperatingCost, ServiceOutput
from tests.evaluation.conftest import OCT


@pytest.mark.parametrize(
    ("text", "integer", "expected"),
    [
        ("18750000", True, Decimal(18750000)),
        ("18.750.000", True, Decimal(18750000)),
        ("Rp 18.750.000", True, Decimal(18750000)),
        ("1.234,5", False, Decimal("1234.5")),
        ("1234,5", False, Decimal("1234.5")),
        ("12.5", False, Decimal("12.5")),
        ("", True, None),
    ],
)
def test_numbers_as_people_type_them(text, integer, expected):
    assert parse_number(text, integer=integer) == expected


def _by_file(kind: str, column: str, value: str):
    """(message or "", stored value) of one row imported from a CSV file."""
    if kind == COSTS:
        text = f'opd_code,month,{column}\nDISKOMINFO,2025-10,"{value}"\n'
    else:
        text = f'opd_code,start,services_delivered,{column}\nDISDUKCAPIL,2025-10-06,5,"{value}"\n'
    result = inputs_import(kind=kind, upload=Upload("data.csv", text.encode()))
    errors = [e for e in result.errors if e.column == column]
    return (errors[0].message if errors else "", _stored(kind, column))


def _by_api(kind: str, column: str, value: str):
    """(message or "", stored value) of the same row sent as one API item."""
    if kind == COSTS:
        answer = services.costs_ingest(
            items=[{"opd": "DISKOMINFO", "month": "2025-10", column: value}]
        )
    else:
        item = {"opd": "DISDUKCAPIL", "start": "2025-10-06", "services_delivered": 5, column: value}
        answer = services.service_output_ingest(items=[item])
    (result,) = answer["results"]
    messages = [e["message"] for e in result["errors"] if e["field"] == column]
    return (messages[0] if messages else "", _stored(kind, column))


def _stored(kind: str, column: str):
    model = OperatingCost if kind == COSTS else ServiceOutput
    stored = list(model.objects.values_list(column, flat=True))
    model.objects.all().delete()
    return stored


@pytest.mark.parametrize(
    ("kind", "column", "value"),
    [
        (COSTS, "electricity_kwh", "12.25"),  # one decimal place kept: was rounded to 12.2
        (COSTS, "water_m3", "1.234,56"),
        (COSTS, "electricity_rp", "99999999999999999"),  # 17 digits: the import crashed
        (COSTS, "internet_rp", "Rp 10.000.000.000.000.000"),
        (SERVICES, "avg_response_minutes", "18,25"),
    ],
)
def test_a_number_the_column_cannot_keep_is_refused_alike_by_file_and_api(
    world, kind, column, value
):
    by_file, by_api = _by_file(kind, column, value), _by_api(kind, column, value)
    assert by_file == by_api
    message, stored = by_file
    assert message and stored == []


def test_a_count_beyond_the_integer_column_is_treated_alike_by_file_and_api(world):
    """PostgreSQL's integer column stops at 2**31 - 1 (the import crashed there); SQLite's not."""
    by_file = _by_file(SERVICES, "complaints", "3000000000")
    assert by_file == _by_api(SERVICES, "complaints", "3000000000")
    if connection.vendor == "postgresql":
        assert by_file[0] and by_file[1] == []


@pytest.mark.parametrize(
    ("kind", "column", "value", "expected"),
    [
        (COSTS, "water_m3", "310.50", Decimal("310.5")),  # trailing zeros are no decimals
        (COSTS, "electricity_kwh", "1.234,5", Decimal("1234.5")),
        (COSTS, "electricity_rp", "Rp 18.750.000", Decimal(18750000)),
        (COSTS, "electricity_rp", "", None),
        (SERVICES, "avg_response_minutes", "18,5", Decimal("18.5")),
    ],
)
def test_a_number_that_fits_is_stored_alike_by_file_and_api(world, kind, column, value, expected):
    assert _by_file(kind, column, value) == _by_api(kind, column, value) == ("", [expected])


def test_the_cost_form_refuses_with_the_same_message(client, world):
    message, _stored_value = _by_file(COSTS, "electricity_kwh", "12.25")
    client.force_login(world.hr)
    response = client.post("/evaluasi/biaya/DISKOMINFO/2025-10/", {"electricity_kwh": "12.25"})
    assert response.status_code == 200
    assert response.context["form"].errors["electricity_kwh"] == [message]
    refused = client.post("/evaluasi/biaya/DISKOMINFO/2025-10/", {"electricity_kwh": "-5"})
    assert refused.context["form"].errors["electricity_kwh"] == ["Angka tidak boleh negatif."]
    assert not OperatingCost.objects.exists()


def _locked_models(call):
    """The models whose rows `call` read with select_for_update()."""
    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    with mock.patch.object(QuerySet, "select_for_update", spy):
        call()
    return locked


def test_the_file_import_locks_the_rows_it_updates_like_the_api(world, client):
    OperatingCost.objects.create(opd=world.kominfo, month=OCT, water_rp=1)
    text = b"opd_code,month,electricity_rp\nDISKOMINFO,2025-10,5\n"
    assert _locked_models(lambda: inputs_import(kind=COSTS, upload=Upload("biaya.csv", text))) == [
        OperatingCost
    ]
    assert _locked_models(
        lambda: services.costs_ingest(items=[{"opd": "DISKOMINFO", "month": "2025-10"}])
    ) == [OperatingCost]
    text = b"opd_code,start,services_delivered\nDISDUKCAPIL,2025-10-06,5\n"
    assert _locked_models(
        lambda: inputs_import(kind=SERVICES, upload=Upload("layanan.csv", text))
    ) == [ServiceOutput]
    client.force_login(world.hr)
    assert _locked_models(
        lambda: client.post("/evaluasi/biaya/DISKOMINFO/2025-10/", {"electricity_rp": "7"})
    ) == [OperatingCost]
    cost = OperatingCost.objects.get()
    assert (cost.electricity_rp, cost.water_rp, cost.source) == (7, None, "form")


def test_the_file_import_and_the_api_write_through_the_one_upsert(world):
    with mock.patch.object(inputs, "inputs_upsert", wraps=inputs.inputs_upsert) as upsert:
        text = b"opd_code,month,electricity_rp\nDISKOMINFO,2025-10,5\n"
        inputs_import(kind=COSTS, upload=Upload("biaya.csv", text))
        services.costs_ingest(items=[{"opd": "DISKOMINFO", "month": "2025-11"}])
    assert [c.kwargs["source"] for c in upsert.call_args_list] == ["import", "api"]


def test_on_postgresql_the_file_import_issues_select_for_update(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks: Django leaves FOR UPDATE out")
    OperatingCost.objects.create(opd=world.kominfo, month=OCT, water_rp=1)
    text = b"opd_code,month,electricity_rp\nDISKOMINFO,2025-10,5\n"
    with CaptureQueriesContext(connection) as queries:
        result = inputs_import(kind=COSTS, upload=Upload("biaya.csv", text))
    assert result.updated == 1
    assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
