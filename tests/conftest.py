"""The shared fixture world: two OPDs, their units and staff, and one user per role.

DISKOMINFO has a secretariat and an IT unit; DUKCAPIL has a frontline counter. `hr` sees all;
`opd_admin` administers DISKOMINFO only; `atasan` heads the IT unit and supervises `pegawai`.
"""

from __future__ import annotations

import datetime as dt
import os
from types import SimpleNamespace

import pytest

from accounts.models import Role
from opd.models import UnitRole
from opd.services import placements_sync
from tests.factories import make_employee, make_opd, make_unit, make_user

pytest_plugins = ["tests.worker", "tests.broker"]  # live_worker and broker, for any folder

PASSWORD = "rahasia-123"


def build_world() -> SimpleNamespace:
    """Create the world in the current database; used by `world` and by the browser tests."""
    kominfo = make_opd("DISKOMINFO", name="Dinas Komunikasi dan Informatika")
    dukcapil = make_opd("DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    sek = make_unit(kominfo, "SEK", name="Sekretariat", min_onsite=1)
    it = make_unit(kominfo, "TIK", name="Bidang TIK", min_onsite=1)
    counter = make_unit(dukcapil, "LOKET", name="Loket Pelayanan", frontline=True, min_onsite=2)

    hr = make_user("hr", Role.HR, password=PASSWORD)
    opd_admin = make_user("admin.kominfo", Role.OPD_ADMIN, password=PASSWORD)
    kominfo.admins.add(opd_admin)
    atasan_user = make_user("atasan", Role.SUPERVISOR, password=PASSWORD)
    pegawai_user = make_user("pegawai", Role.EMPLOYEE, password=PASSWORD)

    head = make_employee(kominfo, it, name="Budi Kepala", unit_role=UnitRole.HEAD, user=atasan_user)
    staff = make_employee(kominfo, it, name="Sari Staf", supervisor=head, user=pegawai_user)
    other = make_employee(kominfo, sek, name="Dewi Sekretariat")
    clerk = make_employee(dukcapil, counter, name="Andi Loket")
    placements_sync(effective=dt.date(2025, 1, 1))
    return SimpleNamespace(
        kominfo=kominfo,
        dukcapil=dukcapil,
        sek=sek,
        it=it,
        counter=counter,
        hr=hr,
        opd_admin=opd_admin,
        atasan_user=atasan_user,
        pegawai_user=pegawai_user,
        head=head,
        staff=staff,
        other=other,
        clerk=clerk,
        password=PASSWORD,
    )


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _eager_celery_unless_live_worker(request):
    """Tasks run in-process, inside the test's transaction, unless the test asks for the worker.

    With REDIS_URL set (CI) tasks would otherwise go to the real worker, which cannot see rows
    of a test that runs inside a transaction. Tests of the real worker request `live_worker`.
    """
    if "live_worker" in request.fixturenames:
        yield
        return
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = previous


@pytest.fixture(autouse=True, scope="session")
def _empty_cache_at_start():
    """With REDIS_URL the cache (API throttle buckets) is a Redis database that outlives a run;
    ids restart in each new test database, so an earlier run's buckets must not count."""
    from django.core.cache import cache

    cache.clear()


def pytest_configure(config):
    """Tests hash passwords with MD5: PBKDF2's million rounds cost 0.5-1 s per user created."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # With REDIS_URL every xdist worker shares one Redis database for the cache; each worker
    # gets its own key prefix so that one worker's cache.clear() (before and after each API
    # test) does not empty another's throttle buckets in the middle of a test.
    default = settings.CACHES.get("default", {})
    if default.get("BACKEND") == "common.cache.FailOpenRedisCache":
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        mine = {**default, "KEY_PREFIX": f"wfh-test-{worker}"}
        settings.CACHES = {**settings.CACHES, "default": mine}


def pytest_collection_modifyitems(items):
    """A test that needs the real Celery worker is marked `worker`: `make test` runs those in a
    pass of their own, without xdist, in the one test database the worker reads."""
    for item in items:
        if "live_worker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.worker)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (Indonesian): a request or a test that
    switched to English leaves the thread's language behind for whichever test follows it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
