"""The fake-GPS signs on the review pages (issue 14, point 7): the queue words them and links
the spot's cluster; /presensi/tinjau/titik-sama/ lists the clusters per OPD and day, HR every
OPD, an OPD admin their own (opd.access), in a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from accounts.models import Role
from attendance.services import events_ingest
from config.navigation import review_badge_queries
from opd.access import scope_for
from tests.attendance.conftest import WFH_DAY
from tests.factories import make_employee, make_user

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
URL = "attendance:clusters"
SPOT = ("-6.241111", "106.981111")


def _at(employee, spot=SPOT, minute=20, accuracy="9"):
    [result] = events_ingest(
        items=[
            {
                "nip": employee.nip,
                "timestamp": dt.datetime.combine(WFH_DAY, dt.time(7, minute), WIB).isoformat(),
                "kind": "in",
                "mode": "WFH",
                "latitude": spot[0],
                "longitude": spot[1],
                "accuracy_m": accuracy,
            }
        ],
        source="web",
        received_at=dt.datetime.combine(WFH_DAY, dt.time(8, 0), WIB),
    )
    return result


@pytest.fixture
def cluster(days):
    _at(days.staff)
    _at(days.other, minute=25)
    _at(days.clerk, minute=30)  # DISDUKCAPIL, same spot
    return days


def _get(client, user, **params):
    client.force_login(user)
    return client.get(reverse(URL), {"date": WFH_DAY.isoformat(), **params})


def test_hr_sees_the_cluster_under_each_opd_with_every_name(client, cluster):
    resp = _get(client, cluster.hr)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Selasa, 2 Desember 2025" in html
    assert "Dinas Komunikasi dan Informatika" in html and "Dinas Kependudukan" in html
    assert "Sari Staf" in html and "Dewi Sekretariat" in html and "Andi Loket" in html
    assert "3 pegawai di satu titik" in html
    assert "2 kelompok" in html  # one spot, seen from two OPDs
    for value in (*SPOT, "6.2411", "106.9811"):
        assert value not in html  # coordinates never reach the page


def test_an_opd_admin_sees_their_own_people_and_only_a_count_of_the_others(client, cluster):
    html = _get(client, cluster.opd_admin).content.decode()
    assert "Sari Staf" in html and "Dewi Sekretariat" in html
    assert "Andi Loket" not in html and cluster.clerk.nip not in html
    assert "termasuk 1 pegawai OPD lain" in html
    assert "Dinas Kependudukan" not in html


def test_an_admin_of_another_opd_may_not_open_it_and_others_get_403(client, cluster):
    stranger = make_user("admin.dukcapil", Role.OPD_ADMIN)
    cluster.dukcapil.admins.add(stranger)
    assert _get(client, stranger, opd="DISKOMINFO").status_code == 403
    html = _get(client, stranger).content.decode()
    assert "Andi Loket" in html and "Sari Staf" not in html
    for who in (cluster.atasan_user, cluster.pegawai_user):
        assert _get(client, who).status_code == 403


def test_hr_filters_by_opd_and_bad_input_is_named_not_a_500(client, cluster):
    only = _get(client, cluster.hr, opd="DISDUKCAPIL").content.decode()
    assert "Andi Loket" in only and "Sari Staf" not in only
    assert _get(client, cluster.hr, opd="NOPE").status_code == 404
    assert _get(client, cluster.hr, opd="A\x00B").status_code == 400  # RequestLimitsMiddleware
    bad = _get(client, cluster.hr, date="kemarin").content.decode()
    assert "bukan tanggal" in bad


def test_a_day_without_clusters_says_so(client, cluster):
    html = _get(client, cluster.hr, date="2025-12-03").content.decode()
    assert "Tidak ada pegawai yang berbagi titik" in html


def test_the_review_queue_words_the_signs_and_links_the_cluster(client, cluster):
    _at(cluster.head, spot=("-6.25", "106.99"), accuracy="0")
    client.force_login(cluster.opd_admin)
    html = client.get(reverse("attendance:review")).content.decode()
    assert "dengan presensi pegawai lain pada hari yang sama" in html
    assert "tepat 0 m" in html
    link = reverse(URL) + "?date=2025-12-02&amp;opd=DISKOMINFO"
    assert link in html
    assert reverse(URL) in html  # the page's own link to the cluster list


@pytest.mark.parametrize("n", [2, 12])
def test_the_cluster_page_runs_a_bounded_number_of_queries(
    client, days, n, django_assert_max_num_queries
):
    for i in range(n):
        spot = (f"-6.24{i:02d}", "106.98")
        _at(make_employee(days.kominfo, days.sek), spot=spot)
        _at(make_employee(days.kominfo, days.it), spot=spot)
    client.force_login(days.hr)
    # the page's own, and the review entries' badges
    with django_assert_max_num_queries(9 + review_badge_queries(scope_for(days.hr))):
        resp = client.get(reverse(URL), {"date": WFH_DAY.isoformat()})
    assert resp.status_code == 200
    assert len(resp.context["clusters"]) == n
