"""HR page for API clients at /klien-api/: list, create, revoke, rotate; HR only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from api.models import ApiClient
from api.services import api_client_create, hash_token


def login(world, username: str) -> Client:
    http = Client()
    assert http.login(username=username, password=world.password)
    return http


@pytest.mark.parametrize("username", ["admin.kominfo", "atasan", "pegawai"])
def test_only_hr_opens_the_page(world, username):
    http = login(world, username)
    assert http.get(reverse("api_pages:clients")).status_code == 403
    client, _token = api_client_create(name="TPP", scopes=["org:read"])
    assert http.post(reverse("api_pages:revoke", args=[client.pk])).status_code == 403
    assert http.post(reverse("api_pages:rotate", args=[client.pk])).status_code == 403
    assert ApiClient.objects.get(pk=client.pk).active


def test_hr_sees_each_client_with_its_prefix_scopes_opds_and_status(world):
    client, _token = api_client_create(
        name="e-Presensi Kominfo", scopes=["attendance:write"], opds=[world.kominfo]
    )
    page = login(world, "hr").get(reverse("api_pages:clients"))
    assert page.status_code == 200
    text = page.content.decode()
    for part in ("e-Presensi Kominfo", client.token_prefix, "attendance:write", "DISKOMINFO"):
        assert part in text
    assert "belum pernah" in text


def test_hr_creates_a_client_and_sees_its_token_once(world):
    http = login(world, "hr")
    response = http.post(
        reverse("api_pages:clients"),
        {"name": "TPP", "scopes": ["schedule:read", "summary:read"], "opds": ["DISKOMINFO"]},
    )
    assert response.status_code == 200
    token = response.context["token"]
    client = ApiClient.objects.get(name="TPP")
    assert client.token_hash == hash_token(token)
    assert token in response.content.decode()
    assert [o.code for o in client.opds.all()] == ["DISKOMINFO"]
    assert client.created_by == world.hr
    assert token not in http.get(reverse("api_pages:clients")).content.decode()


def test_a_form_without_scopes_says_so(world):
    response = login(world, "hr").post(reverse("api_pages:clients"), {"name": "TPP"})
    assert response.status_code == 400
    assert "cakupan" in response.content.decode()
    assert not ApiClient.objects.exists()


def test_revoking_asks_first_then_stops_the_token(world):
    client, token = api_client_create(name="TPP", scopes=["org:read"])
    http = login(world, "hr")
    confirm = http.get(reverse("api_pages:revoke", args=[client.pk]))
    assert confirm.status_code == 200 and "Ya, cabut" in confirm.content.decode()
    assert ApiClient.objects.get(pk=client.pk).active
    response = http.post(reverse("api_pages:revoke", args=[client.pk]))
    assert response.status_code == 302
    client.refresh_from_db()
    assert not client.active and client.revoked_at is not None
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/opds/").status_code == 401


def test_rotating_shows_a_new_token_once_and_the_old_one_stops(world):
    client, old = api_client_create(name="TPP", scopes=["org:read"])
    http = login(world, "hr")
    assert http.get(reverse("api_pages:rotate", args=[client.pk])).status_code == 200
    response = http.post(reverse("api_pages:rotate", args=[client.pk]))
    new = response.context["token"]
    assert new != old and new in response.content.decode()
    assert Client(HTTP_AUTHORIZATION=f"Token {old}").get("/api/v1/opds/").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Token {new}").get("/api/v1/opds/").status_code == 200


def test_the_scope_descriptions_follow_the_language_of_the_request(world, settings):
    http = login(world, "hr")
    indonesian = http.get(reverse("api_pages:clients")).content.decode()
    http.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = http.get(reverse("api_pages:clients")).content.decode()
    assert "org:read — Baca OPD, unit dan pegawai" in indonesian
    assert "org:read — Read OPDs, units and employees" in english
    assert "Baca OPD, unit dan pegawai" not in english
