"""Login throttling (accounts/throttle.py, django-axes): per account and per address, on the login
page and the admin login; a clear message with the time to retry; HR unlocks."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from tests.factories import make_user

pytestmark = pytest.mark.django_db
LOGIN = "/masuk/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def post_login(client, username, password, path=LOGIN, address="10.0.0.1"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_after_the_limit_the_right_password_is_refused_with_the_time_to_retry(client, world):
    for _ in range(5):
        answer = post_login(client, "pegawai", "salah")
    assert answer.status_code == 429
    page = answer.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi pukul" in page
    retry = timezone.localtime(AccessAttempt.objects.get().attempt_time) + dt.timedelta(minutes=15)
    assert f"pukul {retry:%H.%M}" in page
    assert answer["Retry-After"]
    answer = post_login(client, "pegawai", world.password)
    assert answer.status_code == 429 and not logged_in(client)
    assert "Coba lagi pukul" in answer.content.decode()


def test_a_hundred_wrong_passwords_do_not_end_in_a_login(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 10
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 100
    for _ in range(100):
        post_login(client, "pegawai", "salah")
    assert post_login(client, "pegawai", world.password).status_code == 429
    assert not logged_in(client)


def test_the_nip_and_the_user_name_count_as_one_account(client, world):
    for login in [world.staff.nip, "PEGAWAI", world.staff.nip, "pegawai", world.staff.nip]:
        post_login(client, login, "salah")
    assert post_login(client, "pegawai", world.password).status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"pegawai"}


def test_the_account_stays_locked_from_another_address_and_others_are_not_locked(world):
    for _ in range(5):
        post_login(Client(), "pegawai", "salah", address="10.0.0.1")
    assert post_login(Client(), "pegawai", world.password, address="10.9.9.9").status_code == 429
    other = Client()
    assert post_login(other, "hr", world.password, address="10.9.9.9").status_code == 302
    assert logged_in(other)


def test_one_address_trying_many_accounts_is_locked(world):
    for i in range(8):
        post_login(Client(), f"pegawai{i}", "salah", address="10.0.0.7")
    client = Client()
    assert post_login(client, "hr", world.password, address="10.0.0.7").status_code == 429
    assert post_login(client, "hr", world.password, address="10.0.0.8").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, world):
    for _ in range(5):
        post_login(client, "pegawai", "salah")
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    assert post_login(client, "pegawai", world.password).status_code == 302
    assert logged_in(client)


def test_retrying_while_locked_does_not_extend_the_lockout(client, world):
    for _ in range(5):
        post_login(client, "pegawai", "salah")
    first = AccessAttempt.objects.get()
    for _ in range(3):
        post_login(client, "pegawai", "salah")
    assert AccessAttempt.objects.get().attempt_time == first.attempt_time
    assert AccessAttempt.objects.get().failures_since_start == 5


def test_the_admin_login_is_throttled_too(client, world):
    world.hr.is_staff = True
    world.hr.save()
    for _ in range(5):
        post_login(client, "hr", "salah", path=ADMIN_LOGIN)
    answer = post_login(client, "hr", world.password, path=ADMIN_LOGIN)
    assert answer.status_code == 429 and not logged_in(client)
    assert "Coba lagi pukul" in answer.content.decode()
    assert post_login(client, "hr", world.password).status_code == 429  # and the site's login


def test_the_message_is_in_english_for_who_chose_english(client, world):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        answer = post_login(client, "pegawai", "salah")
    assert "Too many failed sign-in attempts. Try again at" in answer.content.decode()


def test_hr_sees_the_locked_account_and_unlocks_it(client, world):
    for _ in range(5):
        post_login(Client(), "pegawai", "salah")
    for i in range(8):
        post_login(Client(), f"x{i}", "salah", address="10.0.0.9")
    hr = Client()
    hr.force_login(world.hr)
    page = hr.get(reverse("opd:lockouts")).content.decode()
    assert "pegawai" in page and "Sari Staf" in page and "10.0.0.9" in page
    answer = hr.post(reverse("opd:lockout_unlock"), {"kind": "account", "key": "pegawai"})
    assert answer.status_code == 302
    assert "pegawai" not in hr.get(reverse("opd:lockouts")).content.decode().split("<tbody>")[1]
    assert post_login(Client(), "pegawai", world.password, address="10.0.0.2").status_code == 302
    hr.post(reverse("opd:lockout_unlock"), {"kind": "address", "key": "10.0.0.9"})
    assert post_login(Client(), "hr", world.password, address="10.0.0.9").status_code == 302


@pytest.mark.parametrize("username", ["admin.kominfo", "atasan", "pegawai"])
def test_only_hr_opens_the_lockout_page(client, world, username):
    client.force_login(User.objects.get(username=username))
    assert client.get(reverse("opd:lockouts")).status_code == 403
    assert (
        client.post(reverse("opd:lockout_unlock"), {"kind": "account", "key": "x"}).status_code
        == 403
    )


def test_an_empty_lockout_page_says_what_it_is_for(client, world):
    client.force_login(world.hr)
    assert (
        "Tidak ada akun atau alamat yang terkunci"
        in client.get(reverse("opd:lockouts")).content.decode()
    )


def test_the_suites_logins_still_work(client, world):
    """client.login (no request: not throttled) and force_login are untouched."""
    for _ in range(20):
        assert not client.login(username="pegawai", password="salah")
    assert client.login(username="pegawai", password=world.password)
    other = Client()
    other.force_login(make_user("baru", Role.EMPLOYEE))
    assert logged_in(other)


def test_behind_a_proxy_the_forwarded_address_counts_not_what_the_client_claims(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(8):
        Client().post(
            LOGIN,
            {"username": f"x{i}", "password": "salah"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.5",  # the left part is the client's
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
