"""HR starts a programme in the browser (no admin site), then adds its phases."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wfh.models import Programme

pytestmark = pytest.mark.django_db
URL = reverse("wfh:programme_create")


def test_hr_creates_a_programme_and_is_sent_to_add_its_first_phase(client, world):
    client.force_login(world.hr)
    resp = client.post(
        URL,
        {"name": "WFH Kota Contoh 2027", "slug": "", "legal_basis": "SE 1/2027", "description": ""},
    )
    programme = Programme.objects.get(name="WFH Kota Contoh 2027")
    assert programme.slug == "wfh-kota-contoh-2027"
    assert resp.status_code == 302
    assert resp["Location"] == f"{reverse('wfh:phase_create')}?programme={programme.pk}"
    assert "Tambah program" in client.get(reverse("wfh:schedule")).content.decode()


def test_a_taken_slug_and_a_missing_name_are_named(client, world):
    Programme.objects.create(slug="dipakai", name="Lama")
    client.force_login(world.hr)
    resp = client.post(URL, {"name": "", "slug": "dipakai"})
    assert resp.status_code == 200
    form = resp.context["form"]
    assert "name" in form.errors
    assert "sudah dipakai" in " ".join(form.errors["slug"])
    assert Programme.objects.count() == 1


@pytest.mark.parametrize("who", ["opd_admin", "atasan_user", "pegawai_user"])
def test_only_hr_may_create_a_programme(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "X"}).status_code == 403
    assert not Programme.objects.exists()
