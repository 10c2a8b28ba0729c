"""The building pages and the occupancy API: who sees which building, the month grid, the
import's preview and save, the XLSX downloads."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from buildings.models import Building
from tests.buildings.test_importing import BUILDINGS, ZONES


def login(client, world, username):
    assert client.login(username=username, password=world.password)


def test_hr_lists_every_building_and_an_opd_admin_only_theirs(client, building):
    login(client, building, "hr")
    body = client.get("/gedung/").content.decode()
    assert "PEMKOT" in body and "RSUD" in body
    client.logout()
    login(client, building, "admin.kominfo")
    body = client.get("/gedung/").content.decode()
    assert "PEMKOT" in body and "RSUD" not in body
    assert client.get("/gedung/RSUD/").status_code == 404
    assert client.get("/gedung/RSUD/okupansi/").status_code == 404
    assert client.get("/gedung/impor/").status_code == 403


def test_an_employee_may_not_open_the_building_pages(client, building):
    login(client, building, "pegawai")
    for url in ("/gedung/", "/gedung/okupansi/", "/gedung/PEMKOT/okupansi/"):
        assert client.get(url).status_code == 403, url


def test_the_month_view_shows_the_grid_and_names_the_nearly_empty_days(
    client, building, django_assert_max_num_queries
):
    login(client, building, "admin.kominfo")
    with django_assert_max_num_queries(20):
        response = client.get("/gedung/PEMKOT/okupansi/?bulan=2025-12")
    body = response.content.decode()
    assert "Lantai 1" in body and "occ-low" in body
    assert "Kamis, 4 Desember 2025" in body
    assert "2025-12-04" not in body


def test_a_bad_month_says_so_instead_of_failing(client, building):
    login(client, building, "hr")
    response = client.get("/gedung/PEMKOT/okupansi/?bulan=2025-13")
    assert response.status_code == 200
    assert "Bulan 2025-13 tidak dikenal" in response.content.decode()


@pytest.mark.parametrize("url", ["/gedung/PEMKOT/okupansi/", "/gedung/okupansi/"])
def test_the_xlsx_holds_the_counts(client, building, url):
    login(client, building, "hr")
    response = client.get(url + "?bulan=2025-12&format=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    by_label = {row[0]: row for row in rows}
    total = by_label["Jumlah"] if "Jumlah" in by_label else by_label["PEMKOT"]
    assert list(total[3:8]) == [4, 3, 3, 2, 1]


def test_the_pemda_view_lists_nearly_empty_days_per_building(client, building):
    login(client, building, "hr")
    body = client.get("/gedung/okupansi/?bulan=2025-12").content.decode()
    assert "Kantor Pemkot" in body and "Jumat, 5 Desember 2025" in body


def test_the_import_page_previews_then_saves(client, world):
    login(client, world, "hr")
    files = {
        "buildings": io.BytesIO(BUILDINGS.encode()),
        "zones": io.BytesIO(ZONES.encode()),
    }
    files["buildings"].name, files["zones"].name = "gedung.csv", "zona.csv"
    response = client.post("/gedung/impor/", files)
    assert "Pratinjau" in response.content.decode()
    assert not Building.objects.exists()
    response = client.post("/gedung/impor/", {"action": "save"})
    assert response.status_code == 302
    assert Building.objects.get(code="PEMKOT").zones.count() == 2


def test_the_import_page_names_bad_rows(client, world):
    login(client, world, "hr")
    bad = io.BytesIO(b"gedung,kode,nama,kapasitas\nNOWHERE,L1,Lantai,10\n")
    bad.name = "zona.csv"
    body = client.post("/gedung/impor/", {"zones": bad}).content.decode()
    assert "NOWHERE" in body and "<code>gedung</code>" in body
    assert 'value="save"' not in body


# -- the API -----------------------------------------------------------------------------------


def test_the_api_answers_zone_counts_for_a_day(building, make_client):
    http = make_client(["occupancy:read"])
    body = http.get("/api/v1/occupancy/?date=2025-12-04&building=PEMKOT").json()
    assert body["date"] == "2025-12-04"
    [pemkot] = body["buildings"]
    assert (pemkot["onsite"], pemkot["capacity"], pemkot["published"]) == (2, 14, True)
    assert [(z["code"], z["onsite"]) for z in pemkot["zones"]] == [("L1", 1), ("L2", 1)]
    assert pemkot["nearly_empty"] is True


def test_an_api_client_limited_to_an_opd_sees_only_its_buildings(building, make_client):
    http = make_client(["occupancy:read"], opds=[building.kominfo])
    body = http.get("/api/v1/occupancy/?date=2025-12-04").json()
    assert [b["code"] for b in body["buildings"]] == ["PEMKOT"]
    refused = http.get("/api/v1/occupancy/?date=2025-12-04&building=RSUD")
    assert refused.status_code == 400 and "building" in refused.json()["errors"]


def test_the_api_needs_the_occupancy_scope_and_a_date(building, make_client):
    assert (
        make_client(["schedule:read"]).get("/api/v1/occupancy/?date=2025-12-04").status_code == 403
    )
    missing = make_client(["occupancy:read"]).get("/api/v1/occupancy/")
    assert missing.status_code == 400 and "date" in missing.json()["errors"]
