"""The demo city of `manage.py seed_demo`, seeded once for this module: real structure, valid
people, logins that see their scope, and a seeded registry that the command leaves alone."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Role, User
from demo.data.regions import KECAMATAN
from demo.logins import DEFAULT_PASSWORD
from demo.specs import code_of
from opd.access import scope_for, team_ids
from opd.models import Employee, Opd, OpdKind, Placement, Unit, UnitRole
from opd.nip import parse_nip
from tests.demo.conftest import HEADCOUNT, built_once, seed, snapshot

pytestmark = pytest.mark.django_db


def words(text: str) -> list[str]:
    return text.split()


# Short codes named in the issue: the dinas and badan of the reference list, plus Setda and RSUD.
CITY_CODES = words(
    "SETDA SETWAN INSPEKTORAT DISDIK DINKES DAMKAR SATPOLPP DINSOS DISNAKER DKP3 DLH DISDUKCAPIL "
    "DISHUB DISKOMINFOSTANDI DPMPTSP DISPORA DISPARBUD DISDAGPERIN DISKOPUKM DBMSDA DISTARU DP3A "
    "DPPKB DISARPUS DISPERKIMTAN BAPPELITBANGDA BAPENDA BKPSDM BPKAD BPBD KESBANGPOL RSUD"
)
# OPDs whose frontline units the reference names (besides kecamatan, kelurahan and puskesmas).
FRONTLINE_OPDS = words(
    "RSUD DAMKAR SATPOLPP BPBD DISHUB DISDUKCAPIL DPMPTSP BAPENDA DLH UPTD-PKB UPTD-TPA-SUMUR-BATU"
)


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    """One 400-person city for every test here (each test's writes are rolled back after it)."""
    yield from built_once(django_db_blocker, seed)


def test_every_nip_is_valid_unique_and_of_the_type_recorded(city):
    rows = list(Employee.objects.values_list("nip", "asn_type"))
    assert len(rows) == HEADCOUNT
    assert len({nip for nip, _ in rows}) == HEADCOUNT
    pppk_codes = Counter()
    for nip, asn_type in rows:
        info = parse_nip(nip, today=dt.date(2025, 1, 1))
        assert info.asn_type == asn_type, nip
        assert 1966 <= info.birth_date.year <= 2001, nip
        if info.pppk_code:
            pppk_codes[info.pppk_code] += 1
    types = Counter(asn_type for _, asn_type in rows)
    assert 0.25 <= types["PPPK"] / HEADCOUNT <= 0.40
    assert pppk_codes[21] > pppk_codes[24] > 0  # full-time and a few part-time


def test_city_has_its_real_opds_under_short_codes(city):
    codes = set(Opd.objects.values_list("code", flat=True))
    assert set(CITY_CODES) <= codes
    rsud = Opd.objects.get(code="RSUD")
    assert rsud.name == "RSUD dr. Chasbullah Abdulmadjid" and rsud.kind == OpdKind.RSUD
    setda_units = set(Unit.objects.filter(opd__code="SETDA").values_list("name", flat=True))
    assert {
        "Bagian Pemerintahan",
        "Bagian Hukum",
        "Bagian Organisasi",
        "Bagian Umum",
    } <= setda_units
    assert "Bagian Pengadaan Barang/Jasa" in setda_units
    dukcapil = set(Unit.objects.filter(opd__code="DISDUKCAPIL").values_list("name", flat=True))
    assert {
        "Sekretariat",
        "Bidang Pelayanan Pendaftaran Penduduk",
        "Bidang Pelayanan Pencatatan Sipil",
        "Loket Pelayanan",
    } <= dukcapil
    for opd in Opd.objects.all():
        assert opd.time_zone == "Asia/Jakarta"
        assert -6.37 <= opd.latitude <= -6.18 and 106.90 <= opd.longitude <= 107.03, opd.code
        assert 100 <= opd.radius_m <= 200
    setda = Opd.objects.get(code="SETDA")
    assert (float(setda.latitude), float(setda.longitude)) == (-6.2383, 106.9756)


def test_twelve_kecamatan_each_with_its_own_kelurahan(city):
    kecamatan = Opd.objects.filter(kind=OpdKind.KECAMATAN)
    assert kecamatan.count() == 12
    assert Opd.objects.filter(kind=OpdKind.KELURAHAN).count() == 56
    for name, (_, kelurahan) in KECAMATAN.items():
        kec = kecamatan.get(code=f"KEC-{code_of(name)}")
        assert kec.name == f"Kecamatan {name}"
        children = set(kec.children.filter(kind=OpdKind.KELURAHAN).values_list("name", flat=True))
        assert children == {f"Kelurahan {k}" for k in kelurahan}
    assert Opd.objects.get(code="KEC-BANTARGEBANG").children.count() == 4
    assert Opd.objects.get(code="KEL-TELUK-PUCUNG").parent.code == "KEC-BEKASI-UTARA"


def test_puskesmas_and_uptd_sit_under_their_dinas(city):
    puskesmas = Opd.objects.filter(kind=OpdKind.PUSKESMAS)
    assert puskesmas.count() >= 12
    assert set(puskesmas.values_list("parent__code", flat=True)) == {"DINKES"}
    assert Opd.objects.get(code="UPTD-PKB").parent.code == "DISHUB"
    assert Opd.objects.get(code="UPTD-TPA-SUMUR-BATU").parent.code == "DLH"


def test_frontline_units_are_where_the_public_is_served(city):
    frontline = Unit.objects.filter(frontline=True)
    assert not frontline.filter(min_onsite=0).exists()
    with_frontline = set(frontline.values_list("opd__code", flat=True))
    assert set(FRONTLINE_OPDS) <= with_frontline
    for kind in (OpdKind.KECAMATAN, OpdKind.KELURAHAN, OpdKind.PUSKESMAS):
        assert Opd.objects.filter(kind=kind).exclude(code__in=with_frontline).count() == 0
    assert {"IGD", "RANAP"} <= set(
        frontline.filter(opd__code="RSUD").values_list("code", flat=True)
    )
    assert not {"BKPSDM", "BPKAD", "INSPEKTORAT", "DISKOMINFOSTANDI"} & with_frontline


def test_other_units_keep_a_minimum_on_site_that_a_half_rotation_can_meet(city):
    for unit in Unit.objects.filter(frontline=False):
        staff = unit.employees.count()
        if staff >= 2:
            assert 1 <= unit.min_onsite <= min(3, staff // 2), unit
        else:
            assert unit.min_onsite == 0, unit


def test_every_unit_with_staff_has_exactly_one_head_and_at_most_one_deputy(city):
    roles = Counter(Employee.objects.values_list("unit_id", "unit_role"))
    staffed = set(Employee.objects.values_list("unit_id", flat=True))
    assert staffed
    for unit_id in staffed:
        assert roles[(unit_id, UnitRole.HEAD)] == 1
        assert roles[(unit_id, UnitRole.DEPUTY)] <= 1
    assert roles.total() == HEADCOUNT
    assert sum(n for (_, role), n in roles.items() if role == UnitRole.DEPUTY) > 0


def test_supervisor_chain_has_no_loops_and_ends_at_an_opd_head(city):
    people = {e.id: e for e in Employee.objects.select_related("opd", "opd__parent", "unit")}
    heads = {}
    for e in people.values():
        if e.unit_role == UnitRole.HEAD:
            heads[e.unit_id] = e
    tops = [e for e in people.values() if e.supervisor_id is None]
    assert {e.opd.code for e in tops} == set(
        Opd.objects.filter(parent=None).values_list("code", flat=True)
    )
    assert len(tops) == Opd.objects.filter(parent=None).count()
    for top in tops:
        assert top.unit_role == UnitRole.HEAD
    for e in people.values():
        seen = {e.id}
        boss = e.supervisor_id
        while boss is not None:
            assert boss not in seen, f"loop through {e}"
            seen.add(boss)
            boss = people[boss].supervisor_id
        if e.supervisor_id is None:
            continue
        boss = people[e.supervisor_id]
        if e.unit_role != UnitRole.HEAD:
            assert boss == heads[e.unit_id]  # staff and deputy report to their unit head
        elif boss.opd_id == e.opd_id:
            assert boss.supervisor_id is None or boss.opd.parent_id  # unit head -> OPD head
        else:
            assert e.opd.parent_id == boss.opd_id  # lurah -> camat, kepala puskesmas -> dinkes


def test_eligibility_contact_details_and_placements_look_like_a_real_staff_list(city):
    employees = Employee.objects.all()
    reasons = Counter(employees.values_list("ineligible_reason", flat=True))
    assert reasons["disciplinary"] > 0 and reasons["new_in_post"] > 0
    assert reasons["disciplinary"] + reasons["new_in_post"] <= HEADCOUNT * 0.10
    assert not employees.filter(wfh_eligible=False, ineligible_reason="").exists()
    new = employees.filter(ineligible_reason="new_in_post")
    assert all(d.year == 2025 for d in new.values_list("new_in_post_since", flat=True))
    assert employees.exclude(email="").count() > HEADCOUNT * 0.2
    assert all(
        e.endswith("@bekasikota.go.id")
        for e in employees.exclude(email="").values_list("email", flat=True)
    )
    assert employees.exclude(phone="").count() > HEADCOUNT * 0.2
    assert not employees.filter(active_from__gte=dt.date(2025, 1, 1)).exists()
    assert Placement.objects.filter(valid_to=None).count() == HEADCOUNT
    assert set(Placement.objects.values_list("employee_id", flat=True)) == set(
        employees.values_list("id", flat=True)
    )
    assert employees.filter(position__startswith="Kepala Dinas").exists()
    assert employees.filter(name__startswith="dr. ").exists()


def test_demo_accounts_log_in_and_see_their_scope(client, city):
    logins = {}
    for username in ("hr.demo", "opd.demo", "atasan.demo", "pegawai.demo", "rekan.demo"):
        assert client.login(username=username, password=DEFAULT_PASSWORD), username
        client.logout()
        logins[username] = User.objects.get(username=username)
        assert username in city
    assert DEFAULT_PASSWORD in city

    assert logins["hr.demo"].role == Role.HR and scope_for(logins["hr.demo"]).is_hr

    opd_scope = scope_for(logins["opd.demo"])
    assert opd_scope.is_opd_admin and not opd_scope.is_hr
    assert opd_scope.opd_ids == {Opd.objects.get(code="DISKOMINFOSTANDI").pk}

    atasan = scope_for(logins["atasan.demo"])
    head = Employee.objects.get(pk=atasan.employee_id)
    assert atasan.is_supervisor and head.unit_role == UnitRole.HEAD
    assert head.opd.code == "DISKOMINFOSTANDI" and head.unit.code != "SEK"
    assert "Atasan Demo" in head.name

    pegawai = scope_for(logins["pegawai.demo"])
    staff = Employee.objects.get(pk=pegawai.employee_id)
    assert staff.supervisor_id == head.pk and staff.unit_id == head.unit_id
    assert staff.unit_role == UnitRole.STAFF and "Pegawai Demo" in staff.name
    assert staff.pk in team_ids(head.pk)
    assert not pegawai.is_supervisor and not pegawai.is_opd_admin

    # rekan.demo: another full-time staff member of the same unit and team, who may work from
    # home, so that a swap asked by pegawai.demo has someone to answer it
    rekan = scope_for(logins["rekan.demo"])
    other = Employee.objects.get(pk=rekan.employee_id)
    assert other.pk != staff.pk and logins["rekan.demo"].role == Role.EMPLOYEE
    assert (other.unit_id, other.supervisor_id) == (staff.unit_id, head.pk)
    assert other.unit_role == UnitRole.STAFF and other.wfh_eligible
    assert not rekan.is_supervisor and not rekan.is_opd_admin
    assert logins["rekan.demo"].first_name in other.name

    client.force_login(logins["atasan.demo"])
    team_page = client.get(reverse("opd:employees")).content.decode()
    assert "Pegawai Demo" in team_page
    client.force_login(logins["opd.demo"])
    opd_list = client.get(reverse("opd:list")).content.decode()
    assert "DISKOMINFOSTANDI" in opd_list and "DISDUKCAPIL" not in opd_list


def test_if_empty_leaves_a_seeded_registry_alone(city):
    before = snapshot()
    out = seed(employees=600, seed=99, if_empty=True)
    assert "--if-empty" in out
    assert snapshot() == before


def test_seeding_a_registry_that_has_opds_needs_a_flag(city):
    with pytest.raises(CommandError, match="--reset.*--if-empty"):
        seed()
    assert Employee.objects.count() == HEADCOUNT


def test_a_refused_reset_keeps_the_registry_and_does_not_claim_it_deleted_anything(city):
    out = StringIO()
    with pytest.raises(CommandError, match="250"):
        call_command("seed_demo", employees=100, reset=True, days=0, stdout=out)
    assert "Dihapus" not in out.getvalue()
    assert Employee.objects.count() == HEADCOUNT
