"""Home location: the employee sends it from the phone, the OPD admin approves or returns it,
approved it is the WFH geofence's centre; others see only "terdaftar"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import Notification, NotificationKind
from opd import access, home_location
from opd.models import HomeLocationRequest, HomeLocationStatus

pytestmark = pytest.mark.django_db

MINE = reverse("selfservice:home_location")
QUEUE = reverse("selfservice:home_location_queue")


def _send(client, user, **data):
    client.force_login(user)
    body = {"latitude": "-6.238300", "longitude": "106.975600", "accuracy_m": "12"}
    body.update(address_note="Jl. Melati 3, RT 02/RW 05, Margahayu")
    body.update(data)
    return client.post(MINE, body)


def test_employee_sends_and_admin_approves_it_becomes_the_geofence_centre(client, world):
    assert _send(client, world.pegawai_user).status_code == 302
    req = HomeLocationRequest.objects.get()
    assert req.status == HomeLocationStatus.PENDING
    client.force_login(world.opd_admin)
    assert "Jl. Melati 3" in client.get(QUEUE).content.decode()
    client.post(reverse("selfservice:home_location_decide", args=[req.pk]), {"decision": "approve"})
    world.staff.refresh_from_db()
    assert world.staff.home_latitude == Decimal("-6.238300")
    assert world.staff.home_longitude == Decimal("106.975600")
    note = Notification.objects.get(user=world.pegawai_user)
    assert note.kind == NotificationKind.HOME_LOCATION_DECIDED
    assert note.params["status"] == "approved"


def test_return_needs_a_note_and_tells_the_employee(client, world):
    _send(client, world.pegawai_user)
    req = HomeLocationRequest.objects.get()
    with pytest.raises(ValidationError):
        home_location.home_location_decide(request=req, user=world.opd_admin, approve=False)
    home_location.home_location_decide(
        request=req, user=world.opd_admin, approve=False, note="titik di kantor"
    )
    req.refresh_from_db()
    assert req.status == HomeLocationStatus.RETURNED
    world.staff.refresh_from_db()
    assert world.staff.home_latitude is None
    assert Notification.objects.get(user=world.pegawai_user).params["note"] == "titik di kantor"


def test_a_decided_request_cannot_be_decided_again(world):
    req = home_location.home_location_submit(
        employee=world.staff, latitude="-6.2", longitude="106.9", accuracy_m=5, address_note="x"
    )
    home_location.home_location_decide(request=req, user=world.hr, approve=True)
    with pytest.raises(ValidationError):
        home_location.home_location_decide(request=req, user=world.hr, approve=True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "", "Lintang kosong"),
        ("longitude", "200", "Bujur harus antara"),
        ("accuracy_m", "900", "terlalu kasar"),
        ("address_note", "  ", "Tulis alamat"),
    ],
)
def test_bad_input_names_the_field(client, world, field, value, message):
    resp = _send(client, world.pegawai_user, **{field: value})
    assert resp.status_code == 400
    assert message in resp.content.decode()
    assert not HomeLocationRequest.objects.exists()


def test_a_new_request_replaces_the_pending_one(world):
    for note in ("pertama", "kedua"):
        home_location.home_location_submit(
            employee=world.staff,
            latitude="-6.2",
            longitude="106.9",
            accuracy_m=5,
            address_note=note,
        )
    assert list(HomeLocationRequest.objects.values_list("address_note", flat=True)) == ["kedua"]


def test_who_may_decide(world):
    assert access.can_decide_home_location(world.hr, world.staff)
    assert access.can_decide_home_location(world.opd_admin, world.staff)
    assert not access.can_decide_home_location(world.opd_admin, world.clerk)  # another OPD
    assert not access.can_decide_home_location(world.atasan_user, world.staff)  # supervisor
    assert not access.can_decide_home_location(world.pegawai_user, world.staff)  # oneself
    req = home_location.home_location_submit(
        employee=world.clerk, latitude="-6.2", longitude="106.9", accuracy_m=5, address_note="x"
    )
    with pytest.raises(PermissionDenied):
        home_location.home_location_decide(request=req, user=world.opd_admin, approve=True)


def test_queue_is_for_hr_and_opd_admins_only(client, world):
    for user, code in ((world.hr, 200), (world.opd_admin, 200), (world.atasan_user, 403)):
        client.force_login(user)
        assert client.get(QUEUE).status_code == code
    home_location.home_location_submit(
        employee=world.clerk, latitude="-6.2", longitude="106.9", accuracy_m=5, address_note="Loket"
    )
    client.force_login(world.opd_admin)
    assert "Loket" not in client.get(QUEUE).content.decode()  # another OPD's request


def test_others_see_only_terdaftar_never_coordinates(client, world):
    world.staff.home_latitude, world.staff.home_longitude = Decimal("-6.1234"), Decimal("106.9876")
    world.staff.save()
    url = reverse("opd:employee_by_id", args=[world.staff.pk])
    client.force_login(world.atasan_user)
    body = client.get(url).content.decode()
    assert 'id="home-registered">terdaftar' in body
    assert "987600" not in body and "123400" not in body  # neither digits of the coordinates
    client.force_login(world.opd_admin)
    assert "987600" in client.get(url).content.decode()
