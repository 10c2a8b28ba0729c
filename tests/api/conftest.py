"""API fixtures: clients with chosen scopes and OPDs, and a caller that sends their token."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import api_client_create
from wfh.calendar import national_days_off

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
ALL_SCOPES = [
    "org:read",
    "schedule:read",
    "roster:write",
    "attendance:read",
    "attendance:write",
    "summary:read",
]


@pytest.fixture(autouse=True)
def _fresh_throttle_buckets():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_client(db):
    counter = iter(range(1, 1000))

    def make(scopes, opds=None) -> tuple[APIClient, object]:
        client, token = api_client_create(
            name=f"sistem-{next(counter)}", scopes=scopes, opds=opds or []
        )
        http = APIClient()
        http.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        http.api_client = client
        http.token = token
        return http

    return make


def recent_working_day() -> dt.date:
    """The latest weekday before today that is not a national day off (events stay recent)."""
    day = timezone.localdate() - dt.timedelta(days=1)
    while True:
        off = {o.day for o in national_days_off(day.year)}
        if day.weekday() < 5 and day not in off:
            return day
        day -= dt.timedelta(days=1)
