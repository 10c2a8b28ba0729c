"""Secure by default (issue 14 point 14): with DEBUG=0 the site is HTTPS only and `check --deploy`
is clean; plain HTTP must be asked for (WFH_INSECURE_HTTP=1) and then warns at every start;
answers with personal data are never stored by a cache; a session lasts a working day."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import api_client_create

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "wfh.bekasikota.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://wfh.bekasikota.go.id",
}
SETTINGS_PRINTED = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_AGE",
]


def _environ(**overrides: str) -> dict:
    """The environment of a fresh production process: none of the tests' own opt-outs."""
    drop = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "WFH_", "SESSION_", "SECURE_", "DJANGO_")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    environ.update(PRODUCTION)
    environ.update(overrides)
    return environ


def _manage(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_environ(**overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(**overrides: str) -> dict:
    code = "from django.conf import settings as s; " + "; ".join(
        f"print({name!r}, repr(s.{name}))" for name in SETTINGS_PRINTED
    )
    proc = _manage("shell", "--no-imports", "-c", code, **overrides)
    assert proc.returncode == 0, proc.stderr
    return dict(line.split(" ", 1) for line in proc.stdout.strip().splitlines())


def test_check_deploy_is_clean_with_debug_0():
    proc = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


def test_debug_0_is_https_only_with_secure_cookies_and_hsts():
    values = _settings()
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["SESSION_COOKIE_SECURE"] == "True" and values["CSRF_COOKIE_SECURE"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000


def test_plain_http_is_asked_for_explicitly_and_warns_at_every_start():
    values = _settings(WFH_INSECURE_HTTP="1")
    assert values["SECURE_SSL_REDIRECT"] == "False" and values["SESSION_COOKIE_SECURE"] == "False"
    assert values["SECURE_HSTS_SECONDS"] == "0"
    proc = _manage("check", WFH_INSECURE_HTTP="1")  # also what migrate and runserver run
    assert proc.returncode == 0
    assert "wfh.W001" in proc.stderr and "WFH_INSECURE_HTTP" in proc.stderr


def test_make_run_with_debug_1_serves_plain_http_without_the_warning():
    values = _settings(DEBUG="1")
    assert values["SECURE_SSL_REDIRECT"] == "False" and values["SESSION_COOKIE_SECURE"] == "False"
    proc = _manage("check", DEBUG="1")
    assert proc.returncode == 0 and "wfh.W001" not in proc.stderr


def test_the_session_lifetime_is_a_setting_of_eight_hours_by_default():
    assert _settings()["SESSION_COOKIE_AGE"] == str(8 * 3600)
    assert _settings(SESSION_LIFETIME_HOURS="2")["SESSION_COOKIE_AGE"] == str(2 * 3600)
    proc = _manage("check", SESSION_LIFETIME_HOURS="0")
    assert proc.returncode != 0 and "SESSION_LIFETIME_HOURS" in proc.stderr


# -- in this process (the tests' plain-HTTP settings, HTTPS parts switched on where needed) -----


@pytest.mark.django_db
def test_http_is_redirected_to_https_but_the_health_probe_is_not(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get("/healthz").status_code in (200, 503)


@pytest.mark.django_db
def test_a_login_lasts_the_session_lifetime(client, world):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    response = client.post(
        reverse("login"), {"username": "pegawai", "password": world.password}, follow=False
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 8 * 3600
    session = Session.objects.get(session_key=cookie.value)
    expected = timezone.now() + dt.timedelta(hours=8)
    assert abs(session.expire_date - expected) < dt.timedelta(minutes=5)
    assert client.get(reverse("attendance:checkin")).status_code == 200
    # nine hours later the session has run out: the next page asks to log in again
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - dt.timedelta(hours=1))
    again = client.get(reverse("attendance:checkin"))
    assert again.status_code == 302 and reverse("login") in again["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("hr", "dashboard:today"),
        ("hr", "opd:employees"),
        ("pegawai_user", "attendance:checkin"),
        ("pegawai_user", "selfservice:my_month"),
        ("atasan_user", "opd:employees"),
    ],
)
def test_pages_for_a_logged_in_user_are_never_stored(client, world, who, url):
    client.force_login(getattr(world, who))
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_api_answers_are_never_stored(world):
    _, token = api_client_create(name="sistem", scopes=["org:read", "schedule:read"], opds=[])
    http = APIClient()
    http.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for url in ("/api/v1/employees/", "/api/v1/opds/", "/api/v1/calendar/?year=2026"):
        response = http.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    assert "no-store" in http.get("/api/v1/employees/0/")["Cache-Control"]  # errors too


@pytest.mark.django_db
def test_static_files_keep_their_cache_for_a_logged_in_user(client, world):
    client.force_login(world.hr)
    response = client.get("/static/js/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
