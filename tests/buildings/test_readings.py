"""Readings in by import, command and form: bad rows named, all-or-nothing, never doubled."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from buildings.models import MeterReading, ReadingSource
from buildings.readings import readings_import
from common.tabular import Upload

HEADER = "building,meter,start,end,value\n"


def upload(text: str, name: str = "readings.csv") -> Upload:
    return Upload(name=name, data=(HEADER + text).encode())


def test_import_writes_every_row_and_reimport_never_doubles(bworld):
    text = 'KOMINFO-GD,PLN-1,2025-11-05,,812.5\nKOMINFO-GD,pln-1,06/11/2025,06/11/2025,"401,25"\n'
    first = readings_import(upload=upload(text))
    assert first.ok and (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = readings_import(upload=upload(text.replace("812.5", "800")))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    values = dict(MeterReading.objects.values_list("start", "value"))
    assert values == {dt.date(2025, 11, 5): Decimal("800"), dt.date(2025, 11, 6): Decimal("401.25")}
    assert set(MeterReading.objects.values_list("source", flat=True)) == {ReadingSource.IMPORT}


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_written(bworld):
    text = (
        "KOMINFO-GD,PLN-1,2025-11-05,,10\n"  # row 2: good
        "KOMINFO-GD,PLN-9,2025-11-05,,10\n"  # row 3: no such meter
        "KOMINFO-GD,PLN-1,2025-13-01,,10\n"  # row 4: bad date
        "KOMINFO-GD,PLN-1,2025-11-07,2025-11-06,10\n"  # row 5: end before start
        "KOMINFO-GD,PLN-1,2025-11-08,,-3\n"  # row 6: negative
        "KOMINFO-GD,PLN-1,2025-11-09,,banyak\n"  # row 7: not a number
        "KOMINFO-GD,PLN-1,2025-11-05,,11\n"  # row 8: repeats row 2
        "KOMINFO-GD,PLN-1,2025-11-01,2025-11-30,300\n"  # row 9: overlaps row 2
        ",PLN-1,2025-11-10,,1\n"  # row 10: no building
    )
    result = readings_import(upload=upload(text))
    where = {(e.row, e.column) for e in result.errors}
    assert where == {
        (3, "meter"),
        (4, "start"),
        (5, "end"),
        (6, "value"),
        (7, "value"),
        (8, "start"),
        (9, "start"),
        (10, "building"),
    }
    messages = {e.row: e.message for e in result.errors}
    assert "PLN-9" in messages[3] and "baris 2" in messages[8]
    assert not result.written and MeterReading.objects.count() == 0


def test_a_period_overlapping_a_stored_reading_is_refused(bworld):
    assert readings_import(upload=upload("KOMINFO-GD,PLN-1,2025-11-05,,10\n")).ok
    result = readings_import(upload=upload("KOMINFO-GD,PLN-1,2025-11-01,2025-11-30,300\n"))
    assert [(e.row, e.column) for e in result.errors] == [(2, "start")]
    assert "tersimpan" in result.errors[0].message
    assert MeterReading.objects.count() == 1


def test_missing_column_is_named(bworld):
    result = readings_import(
        upload=Upload(name="r.csv", data=b"building,meter,start\nA,B,2025-11-01\n")
    )
    assert len(result.errors) == 1 and "value" in result.errors[0].message


def test_an_opd_admin_imports_only_their_buildings(bworld):
    text = "KOMINFO-GD,PLN-1,2025-11-05,,10\nDUKCAPIL-GD,PLN-1,2025-11-05,,10\n"
    result = readings_import(upload=upload(text), user=bworld.opd_admin)
    assert [(e.row, e.column) for e in result.errors] == [(3, "building")]
    assert MeterReading.objects.count() == 0


def test_the_command_reports_errors_and_writes_nothing(bworld, tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "KOMINFO-GD,PLN-1,2025-11-05,,10\nKOMINFO-GD,X,2025-11-05,,1\n")
    with pytest.raises(CommandError):
        call_command("import_meter_readings", str(path))
    assert "baris 3, kolom meter" in capsys.readouterr().err
    assert MeterReading.objects.count() == 0
    path.write_text(HEADER + "KOMINFO-GD,PLN-1,2025-11-05,,10\n")
    call_command("import_meter_readings", str(path))
    call_command("import_meter_readings", str(path))
    assert "1 unchanged" in capsys.readouterr().out
    assert MeterReading.objects.count() == 1


def test_form_page_access_and_recording(client, bworld, django_assert_max_num_queries):
    url = reverse("readings:list")
    client.force_login(bworld.pegawai_user)
    assert client.get(url).status_code == 403
    client.force_login(bworld.opd_admin)
    page = client.get(url)
    assert page.status_code == 200
    meters = list(page.context["form"].fields["meter"].queryset)
    assert meters == [bworld.b.meter]  # not Dukcapil's
    answer = client.post(
        url, {"meter": bworld.b.other_meter.pk, "start": "2025-11-05", "value": "5"}
    )
    assert answer.status_code == 200 and MeterReading.objects.count() == 0
    client.post(url, {"meter": bworld.b.meter.pk, "start": "2025-11-05", "value": "12,5"})
    client.post(url, {"meter": bworld.b.meter.pk, "start": "2025-11-05", "value": "12,5"})
    reading = MeterReading.objects.get()
    assert reading.value == Decimal("12.5") and reading.source == ReadingSource.FORM
    bad = client.post(
        url, {"meter": bworld.b.meter.pk, "start": "2025-11-01", "end": "2025-11-30", "value": "1"}
    )
    assert "tumpang tindih" in bad.content.decode()
    client.force_login(bworld.hr)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
