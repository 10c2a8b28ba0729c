"""Who sees which evaluation, the report's numbers, the workbook, and HR's decisions."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from evaluation.models import Decision, OperatingCost, ReadinessAssessment, Recommendation
from evaluation.report.periods import plan_periods
from tests.evaluation.conftest import NOV, OCT, summary
from tests.factories import make_employee, make_opd

REPORT = "/evaluasi/"


def login(client, world, username):
    assert client.login(username=username, password=world.password)


@pytest.fixture
def costs(world, plan):
    k = world.kominfo
    OperatingCost.objects.create(opd=k, month=OCT, electricity_rp=6_900_000)
    OperatingCost.objects.create(opd=k, month=NOV, electricity_rp=5_400_000)
    summary(k, dt.date(2025, 10, 6), headcount=10, present_wfo=9, mismatches=1)


def test_urls_are_where_the_report_says():
    assert reverse("evaluation:report") == REPORT
    assert reverse("evaluation:opd", args=["X"]) == "/evaluasi/opd/X/"
    assert reverse("evaluation:measure", args=["cost"]) == "/evaluasi/ukuran/cost/"
    assert reverse("evaluation:recommendations") == "/evaluasi/rekomendasi/"


@pytest.mark.parametrize("username", ["pegawai", "atasan"])
def test_employees_and_supervisors_may_not_open_the_evaluation(client, world, plan, username):
    login(client, world, username)
    assert client.get(REPORT).status_code == 403
    assert client.get("/evaluasi/opd/DISKOMINFO/").status_code == 403
    assert client.get("/evaluasi/kajian.xlsx").status_code == 403
    assert client.get("/evaluasi/ukuran/cost/").status_code == 403
    assert client.get("/evaluasi/rekomendasi/").status_code == 403


def test_an_opd_admin_sees_only_their_opd_and_no_pemda_summary(client, world, plan, costs):
    login(client, world, "admin.kominfo")
    body = client.get(REPORT).content.decode()
    assert "DISKOMINFO" in body
    assert "DISDUKCAPIL" not in body
    assert "Seluruh Pemda" not in body
    for url in ("/evaluasi/ukuran/attendance/", "/evaluasi/rekomendasi/"):
        page = client.get(url).content.decode()
        assert "DISKOMINFO" in page and "DISDUKCAPIL" not in page
        assert "Seluruh Pemda" not in page
    assert client.get("/evaluasi/opd/DISKOMINFO/").status_code == 200
    assert client.get("/evaluasi/opd/DISDUKCAPIL/").status_code == 403
    book = load_workbook(io.BytesIO(client.get("/evaluasi/kajian.xlsx").content))
    codes = {row[0] for row in book["Kehadiran"].iter_rows(min_row=2, values_only=True)}
    assert codes == {"DISKOMINFO"}


def test_an_opd_admin_may_not_change_readiness_or_decide(client, world, plan):
    login(client, world, "admin.kominfo")
    response = client.post("/evaluasi/opd/DISKOMINFO/", {"d-decision": "accept", "decide": "1"})
    assert response.status_code == 403
    assert client.get("/evaluasi/biaya/").status_code == 403
    assert client.get("/evaluasi/impor/").status_code == 403


def chart_data(body: str) -> dict:
    return json.loads(
        re.search(
            r'<script id="evaluation-chart-data" type="application/json">(.*?)</script>', body, re.S
        ).group(1)
    )


def test_hr_reads_the_pemda_summary_with_the_saving(client, world, plan, costs):
    login(client, world, "hr")
    body = client.get(REPORT).content.decode()
    # 100,000 -> 90,000 per employee-day; 60 employee-days in November (3 staff x 20 days)
    assert "hemat Rp 600.000 per bulan, 10,0%" in body
    assert "DISDUKCAPIL: biaya operasional Oktober 2025 belum diisi" in body
    # the summary links every measure's drill-down and holds no table of every OPD per measure
    for key in ("saving", "attendance", "cost", "attainment"):
        assert f'href="/evaluasi/ukuran/{key}/"' in body
    assert 'data-measure="' not in body
    cost = client.get("/evaluasi/ukuran/cost/").content.decode()
    # the ranking uses the last phase (December), where no OPD has a cost: nobody is ranked, no
    # chart, and both OPDs are named as without data
    assert 'id="evaluation-chart-data"' not in cost
    assert "2 OPD tanpa data" in cost


def test_a_measure_ranks_the_opds_best_first_and_leaves_the_missing_out(client, world, plan):
    k, d = world.kominfo, world.dukcapil
    summary(k, dt.date(2025, 12, 3), headcount=10, present_wfo=9)  # 90% in the last phase
    summary(d, dt.date(2025, 12, 3), headcount=10, present_wfo=6)  # 60%
    extra = make_opd("DISHUB")
    make_employee(extra)
    login(client, world, "hr")
    body = client.get("/evaluasi/ukuran/attendance/").content.decode()
    data = chart_data(body)
    assert data["opds"] == ["DISKOMINFO", "DISDUKCAPIL"]  # more attendance is better
    assert data["higher_is_better"] is True
    assert data["series"][-1] == [90.0, 60.0]
    assert data["series"][0] == [None, None]  # no figure in October: a gap, not a zero
    assert "DISHUB" in body.split('id="nodata-title"')[1]  # without data, named apart
    late = chart_data(client.get("/evaluasi/ukuran/late/").content.decode())
    assert late["higher_is_better"] is False
    assert client.get("/evaluasi/ukuran/no-such-measure/").status_code == 404


def test_the_summary_counts_the_recommendations_and_the_list_holds_them(client, world, plan):
    login(client, world, "hr")
    body = client.get(REPORT).content.decode()
    assert "2 dari 2 OPD menunggu keputusan HR" in body
    listing = client.get("/evaluasi/rekomendasi/").content.decode()
    assert 'href="/evaluasi/opd/DISKOMINFO/"' in listing
    assert 'href="/evaluasi/opd/DISDUKCAPIL/"' in listing
    assert 'action="/evaluasi/rekomendasi/simpan/"' in listing


def _chart_data(body: str) -> dict:
    found = re.search(
        r'<script id="evaluation-chart-data" type="application/json">(.*?)</script>', body, re.S
    )
    return json.loads(found.group(1))


def test_a_phase_keeps_one_colour_slot_on_every_chart(world, plan, costs):
    """The saving chart starts at Tahap I (no baseline), the others at the baseline: each
    series names its period's slot, so Tahap II is drawn in one colour everywhere."""
    from evaluation import selectors
    from evaluation.report import ranking
    from opd.models import Opd

    report = selectors.evaluation_report(plan=plan, opds=list(Opd.objects.all()))

    def chart(key):
        spec = ranking.spec_for(key)
        return ranking.chart_data(report, ranking.measure_ranking(report, spec, include_pemda=True))

    cost, saving = chart("cost"), chart("saving")
    assert cost["labels"][0] == "Oktober 2025" and len(cost["labels"]) == 3
    assert saving["labels"] == cost["labels"][1:]
    assert cost["slots"] == [1, 2, 3]
    assert saving["slots"] == [2, 3]  # Tahap II: slot 3 on both charts
    css = (settings.BASE_DIR / "static/css/evaluation.css").read_text()
    for slot in cost["slots"]:
        assert f"--chart-{slot}:" in css


def test_the_workbook_holds_the_same_numbers_as_the_page(client, world, plan, costs):
    login(client, world, "hr")
    body = client.get("/evaluasi/ukuran/cost/").content.decode()
    body += client.get("/evaluasi/ukuran/attendance/").content.decode()
    body += client.get("/evaluasi/ukuran/compliance/").content.decode()
    book = load_workbook(io.BytesIO(client.get("/evaluasi/kajian.xlsx").content))
    assert {"Ringkasan", "Penghematan", "Kehadiran", "Biaya per orang-hari", "Rekomendasi"} <= set(
        book.sheetnames
    )
    cost = {row[0]: row for row in book["Biaya per orang-hari"].iter_rows(values_only=True)}
    assert cost["DISKOMINFO"][2:5] == (100000, 90000, "tidak ada data")
    assert cost["DISDUKCAPIL"][2] == "tidak ada data"
    assert "Rp 100.000" in body and "Rp 90.000" in body
    saving = {row[0]: row for row in book["Penghematan"].iter_rows(values_only=True)}
    assert saving["PEMDA"][2:4] == (10.0, 600000)
    assert saving["DISKOMINFO"][2:4] == (10.0, 600000)
    attendance = {row[0]: row for row in book["Kehadiran"].iter_rows(values_only=True)}
    assert attendance["DISKOMINFO"][2] == 90.0  # 9 / 10
    assert "90,0%" in body
    compliance = {row[0]: row for row in book["Kepatuhan mode"].iter_rows(values_only=True)}
    assert compliance["DISKOMINFO"][2] == 88.9  # 1 - 1/9
    assert "88,9%" in body
    reasons = list(book["Tidak ada data"].iter_rows(min_row=2, values_only=True))
    assert any("Desember 2025" in (r[3] or "") for r in reasons)


@pytest.mark.parametrize(
    "url", [REPORT, "/evaluasi/ukuran/saving/", "/evaluasi/ukuran/cost/", "/evaluasi/rekomendasi/"]
)
def test_the_report_pages_run_a_bounded_number_of_queries(
    client, world, plan, costs, django_assert_max_num_queries, url
):
    login(client, world, "hr")
    client.get(url)  # warm the session and the per-user scope
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for i in range(8):
        opd = make_opd(f"OPD{i}")
        for _j in range(3):
            make_employee(opd)
        OperatingCost.objects.create(opd=opd, month=OCT, electricity_rp=1_000_000)
        summary(opd, dt.date(2025, 10, 7), headcount=3, present_wfo=3)
    with django_assert_max_num_queries(len(small.captured_queries)) as big:
        assert client.get(url).status_code == 200
    assert len(big.captured_queries) == len(small.captured_queries)


def test_hr_fills_the_readiness_checklist_and_overrides_with_a_note(client, world, plan):
    login(client, world, "hr")
    url = "/evaluasi/opd/DISKOMINFO/"
    page = client.get(url).content.decode()
    assert "Kesiapan OPD belum dinilai" in page
    assert "Belum siap" in page
    scores = {
        "online_tasks": 4,
        "devices": 3,
        "online_sop": 3,
        "supervision": 3,
        "data_security": 2,
    }
    data = {f"r-{k}": v for k, v in scores.items()} | {
        "r-devices_note": "laptop 90%",
        "save_readiness": "1",
    }
    assert client.post(url, data).status_code == 302
    assessment = ReadinessAssessment.objects.get(opd=world.kominfo)
    assert assessment.devices_note == "laptop 90%" and assessment.assessed_by == world.hr
    page = client.get(url).content.decode()
    assert "WFH setiap Kamis" in page  # ready, but no measures yet for a rotation
    assert "kepatuhan mode tahap terakhir: tidak ada data" in page

    missing_note = client.post(
        url, {"d-decision": "override", "d-option": "rotation", "decide": "1"}
    )
    assert missing_note.status_code == 200
    assert "Tulis alasan" in missing_note.content.decode()
    assert not Recommendation.objects.exists()

    client.post(
        url,
        {
            "d-decision": "override",
            "d-option": "rotation",
            "d-note": "SOP daring sudah diuji",
            "decide": "1",
        },
    )
    rec = Recommendation.objects.get(opd=world.kominfo)
    assert rec.decision == Decision.OVERRIDDEN
    assert rec.computed_option == "thursday_wfh" and rec.chosen_option == "rotation"
    assert rec.reasons and rec.decided_by == world.hr
    assert "Rotasi (bergiliran)" in client.get("/evaluasi/rekomendasi/").content.decode()


def test_hr_accepts_and_stores_every_recommendation(client, world, plan):
    login(client, world, "hr")
    client.post("/evaluasi/opd/DISDUKCAPIL/", {"d-decision": "accept", "decide": "1"})
    rec = Recommendation.objects.get(opd=world.dukcapil)
    assert rec.decision == Decision.ACCEPTED and rec.chosen_option == rec.computed_option
    # DISDUKCAPIL's only employee sits at the counter: frontline
    assert rec.computed_option == "frontline"
    client.post(reverse("evaluation:store"))
    assert Recommendation.objects.count() == 2
    assert Recommendation.objects.get(opd=world.dukcapil).decision == Decision.ACCEPTED


def test_hr_enters_a_month_of_costs_leaving_a_component_empty(client, world, plan):
    login(client, world, "hr")
    assert [p.key for p in plan_periods(plan)][0] == "baseline"
    listing = client.get("/evaluasi/biaya/").content.decode()
    assert "belum diisi" in listing
    url = "/evaluasi/biaya/DISKOMINFO/2025-10/"
    bad = client.post(url, {"electricity_rp": "-5"})
    assert "tidak boleh negatif" in bad.content.decode()
    client.post(url, {"electricity_rp": "12500000", "water_rp": "", "note": "PLN"})
    cost = OperatingCost.objects.get(opd=world.kominfo, month=OCT)
    assert cost.electricity_rp == 12_500_000 and cost.water_rp is None
    assert "Rp 12.500.000" in client.get("/evaluasi/biaya/").content.decode()


def test_without_a_plan_the_report_says_what_to_do(client, world):
    login(client, world, "hr")
    body = client.get(REPORT).content.decode()
    assert "Belum ada rencana kajian" in body


def test_the_workbook_writes_an_opd_name_that_looks_like_a_formula_as_text(
    client, world, plan, costs
):
    world.kominfo.name = '=HYPERLINK("http://evil.example/","klik")'
    world.kominfo.save()
    login(client, world, "hr")
    book = load_workbook(io.BytesIO(client.get("/evaluasi/kajian.xlsx").content))
    row = next(r for r in book["Penghematan"].iter_rows(min_row=2) if r[0].value == "DISKOMINFO")
    assert (row[1].data_type, row[1].value) == ("s", "'" + world.kominfo.name)
    assert row[2].data_type == "n"  # the figures stay numbers
