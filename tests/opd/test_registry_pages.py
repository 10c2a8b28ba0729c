import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_hr_sees_every_opd_with_staff_counts(client, world):
    resp = login(client, world.hr).get(reverse("opd:list"))
    assert resp.status_code == 200
    body = resp.content.decode()
    assert "DISKOMINFO" in body and "DISDUKCAPIL" in body


def test_opd_admin_sees_only_their_opd_in_the_list(client, world):
    resp = login(client, world.opd_admin).get(reverse("opd:list"))
    body = resp.content.decode()
    assert "DISKOMINFO" in body
    assert "DISDUKCAPIL" not in body


def test_opd_admin_gets_403_on_another_opds_page_and_its_people(client, world):
    login(client, world.opd_admin)
    assert client.get(reverse("opd:detail", args=["DISDUKCAPIL"])).status_code == 403
    assert client.get(reverse("opd:employee", args=[world.clerk.nip])).status_code == 403
    assert client.get(reverse("opd:detail", args=["DISKOMINFO"])).status_code == 200


def test_opd_admin_employee_search_never_shows_other_opds(client, world):
    body = login(client, world.opd_admin).get(reverse("opd:employees")).content.decode()
    assert world.staff.name in body
    assert world.clerk.name not in body


def test_supervisor_sees_their_team_but_not_the_registry(client, world):
    login(client, world.atasan_user)
    assert client.get(reverse("opd:list")).status_code == 403
    body = client.get(reverse("opd:employees")).content.decode()
    assert world.staff.name in body and world.head.name in body
    assert world.other.name not in body
    assert client.get(reverse("opd:employee", args=[world.staff.nip])).status_code == 200
    assert client.get(reverse("opd:employee", args=[world.other.nip])).status_code == 403


def test_employee_sees_only_themselves(client, world):
    login(client, world.pegawai_user)
    assert client.get(reverse("opd:list")).status_code == 403
    assert client.get(reverse("opd:employee", args=[world.head.nip])).status_code == 403
    resp = client.get(reverse("opd:me"))
    assert resp.status_code == 302 and world.staff.nip in resp["Location"]
    assert client.get(resp["Location"]).status_code == 200


def test_personal_fields_only_for_roles_that_need_them(client, world):
    world.staff.email = "sari@example.go.id"
    world.staff.save()
    login(client, world.atasan_user)
    assert (
        "sari@example.go.id"
        not in client.get(reverse("opd:employee", args=[world.staff.nip])).content.decode()
    )
    login(client, world.opd_admin)
    assert (
        "sari@example.go.id"
        in client.get(reverse("opd:employee", args=[world.staff.nip])).content.decode()
    )


def test_search_by_nip_prefix_and_by_name(client, world):
    login(client, world.hr)
    body = client.get(reverse("opd:employees"), {"q": world.clerk.nip[:12]}).content.decode()
    assert world.clerk.name in body
    body = client.get(reverse("opd:employees"), {"q": "sari"}).content.decode()
    assert world.staff.name in body and world.clerk.name not in body


def test_anonymous_users_are_sent_to_login(client, world):
    resp = client.get(reverse("opd:list"))
    assert resp.status_code == 302 and reverse("login") in resp["Location"]


def test_login_with_nip_or_username(client, world):
    assert client.login(username=world.staff.nip, password=world.password)
    client.logout()
    assert client.login(username="pegawai", password=world.password)
    assert not client.login(username=world.staff.nip, password="salah")


def test_login_with_the_nip_as_printed_with_spaces(client, world):
    from opd.nip import format_nip

    assert client.login(username=format_nip(world.staff.nip), password=world.password)


def test_list_pagination_keeps_the_search(client, world):
    from tests.factories import make_employee

    for _ in range(60):
        make_employee(world.kominfo, world.sek, name="Rina Halaman")
    login(client, world.hr)
    body = client.get(reverse("opd:employees"), {"q": "rina"}).content.decode()
    assert "q=rina" in body and "page=2" in body


def test_hr_staff_are_admin_power_users_without_per_model_permissions(client, world):
    world.hr.is_staff = True
    world.hr.save()
    login(client, world.hr)
    assert client.get("/admin/opd/employee/").status_code == 200
    assert client.get(f"/admin/opd/opd/{world.kominfo.pk}/change/").status_code == 200
    world.opd_admin.is_staff = True
    world.opd_admin.save()
    login(client, world.opd_admin)
    assert client.get("/admin/opd/employee/").status_code == 403
