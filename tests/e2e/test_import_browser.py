"""HR uploads an organisation file with one bad row in a real browser and is told which and why."""

from __future__ import annotations

from playwright.sync_api import expect

from opd.models import Employee
from tests.e2e.conftest import login
from tests.factories import make_nip

HEADER = (
    "nip,name,asn_type,opd_code,unit_code,position,role,supervisor_nip,wfh_eligible,"
    "ineligible_reason,email\n"
)


def test_hr_uploads_employees_with_one_bad_row_and_sees_the_row_and_reason(
    page, live_server, live_world, tmp_path
):
    good = make_nip()
    bad = good[:4] + "13" + good[6:]  # month 13: the birth date does not exist
    path = tmp_path / "employees.csv"
    path.write_text(
        HEADER
        + f"{good},Rina Baru,PNS,DISKOMINFO,TIK,Pranata Komputer,staff,,ya,,\n"
        + f"{bad},Tono Salah,PNS,DISKOMINFO,TIK,Analis,staff,,ya,,\n"
    )
    before = Employee.objects.count()
    login(page, live_server, live_world.hr.username, live_world.password)
    page.goto(f"{live_server.url}/impor/")
    page.get_by_label("Berkas pegawai (employees.csv)").set_input_files(str(path))
    page.get_by_role("button", name="Periksa berkas").click()

    error = page.locator("main tr").filter(has_text="tanggal lahir")
    expect(error).to_have_count(1)
    cells = error.locator("td")
    expect(cells.nth(0)).to_have_text("employees.csv")
    expect(cells.nth(1)).to_have_text("3")  # the spreadsheet row of the bad NIP
    expect(cells.nth(2)).to_have_text("nip")
    assert Employee.objects.count() == before  # a preview writes nothing
