"""The read-replica router's rules (common/replica.py), without a replica: the router's answers
with the replica's health stubbed. tests/replica/ runs them against a real streaming replica."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.utils import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from common import replica
from opd.models import Opd


@pytest.fixture
def router(monkeypatch, settings):
    settings.REPLICA_STICKY_S = 15
    monkeypatch.setattr(replica, "configured", lambda: True)
    monkeypatch.setattr(replica.health, "ok", lambda: True)
    return replica.ReplicaRouter()


def _in_request(request=None):
    """A request's state, as ReplicaMiddleware sets it."""
    return replica._state.set(replica.RequestState(request=request))


def test_reads_go_to_the_primary_unless_marked_stale_ok(router):
    token = _in_request()
    try:
        assert router.db_for_read(Opd) == "default"
        with replica.stale_reads():
            assert router.db_for_read(Opd) == "replica"
        assert router.db_for_read(Opd) == "default"
    finally:
        replica._state.reset(token)


def test_outside_a_request_a_stale_block_may_read_the_replica_and_tasks_never(router):
    assert router.db_for_read(Opd) == "default"  # a task, a command: no state
    with replica.stale_reads():
        assert router.db_for_read(Opd) == "replica"


def test_writes_go_to_the_primary_and_the_rest_of_the_request_reads_it(router):
    token = _in_request()
    try:
        with replica.stale_reads():
            assert router.db_for_read(Opd) == "replica"
            assert router.db_for_write(Opd) == "default"
            assert router.db_for_read(Opd) == "default"
    finally:
        replica._state.reset(token)


def test_bookkeeping_writes_do_not_pin_the_request(router):
    token = _in_request()
    try:
        with replica.stale_reads():
            with replica.bookkeeping_writes():
                router.db_for_write(Opd)
            assert router.db_for_read(Opd) == "replica"
    finally:
        replica._state.reset(token)


@pytest.mark.django_db(transaction=True)
def test_a_read_inside_a_transaction_on_the_primary_stays_there(router):
    with replica.stale_reads():
        with transaction.atomic():
            assert router.db_for_read(Opd) == "default"
        assert router.db_for_read(Opd) == "replica"


def test_migrations_only_on_the_primary(router):
    assert router.allow_migrate("default", "opd") is True
    assert router.allow_migrate("replica", "opd") is False


def test_an_unhealthy_replica_is_not_read(router, monkeypatch):
    monkeypatch.setattr(replica.health, "ok", lambda: False)
    with replica.stale_reads():
        assert router.db_for_read(Opd) == "default"


def test_a_write_is_sticky_for_the_writer_by_cookie(router, settings):
    """ReplicaMiddleware: after a request that wrote, the same browser reads the primary."""
    rf = RequestFactory()

    def writing_view(request):
        router.db_for_write(Opd)
        return HttpResponse("ok")

    first = rf.post("/x/")
    response = replica.ReplicaMiddleware(writing_view)(first)
    assert replica.COOKIE in response.cookies
    assert response.cookies[replica.COOKIE]["max-age"] == 15

    seen = {}

    def reading_view(request):
        with replica.stale_reads():
            seen["db"] = router.db_for_read(Opd)
        return HttpResponse("ok")

    again = rf.get("/y/")
    again.COOKIES[replica.COOKIE] = response.cookies[replica.COOKIE].value
    replica.ReplicaMiddleware(reading_view)(again)
    assert seen["db"] == "default"

    stranger = rf.get("/y/")
    replica.ReplicaMiddleware(reading_view)(stranger)
    assert seen["db"] == "replica"

    forged = rf.get("/y/")
    forged.COOKIES[replica.COOKIE] = "1"
    replica.ReplicaMiddleware(reading_view)(forged)
    assert seen["db"] == "replica"


def test_a_write_is_sticky_for_the_writer_by_identity(router):
    """An API client sends no cookie: the pin is kept in the cache under its identity."""
    from types import SimpleNamespace

    from django.core.cache import cache

    cache.clear()
    client = SimpleNamespace(pk=4242, is_authenticated=True)
    rf = RequestFactory()

    def writing_view(request):
        request.user = client
        router.db_for_write(Opd)
        return HttpResponse("ok")

    replica.ReplicaMiddleware(writing_view)(rf.post("/api/"))
    seen = {}

    def reading_view(request):
        request.user = client
        with replica.stale_reads():
            seen["db"] = router.db_for_read(Opd)
        return HttpResponse("ok")

    replica.ReplicaMiddleware(reading_view)(rf.get("/api/"))
    assert seen["db"] == "default"
    cache.clear()
    replica.ReplicaMiddleware(reading_view)(rf.get("/api/"))
    assert seen["db"] == "replica"


def test_a_failed_response_is_not_sticky(router):
    def failing_view(request):
        router.db_for_write(Opd)
        return HttpResponse("no", status=500)

    response = replica.ReplicaMiddleware(failing_view)(RequestFactory().post("/x/"))
    assert replica.COOKIE not in response.cookies


def test_a_page_whose_replica_fails_mid_view_is_answered_from_the_primary(router, monkeypatch):
    downs = []
    monkeypatch.setattr(replica.health, "down", lambda exc: downs.append(exc))
    calls = []

    @replica.replica_ok
    def page(request):
        db = router.db_for_read(Opd)
        calls.append(db)
        if db == "replica":
            raise OperationalError("server closed the connection unexpectedly")
        return HttpResponse(db)

    response = replica.ReplicaMiddleware(page)(RequestFactory().get("/dasbor/"))
    assert response.content == b"default"
    assert calls == ["replica", "default"]
    assert len(downs) == 1


def test_an_error_of_the_primary_is_not_retried(router):
    @replica.replica_ok
    def page(request):
        router.db_for_write(Opd)
        raise OperationalError("the primary failed")

    with pytest.raises(OperationalError):
        replica.ReplicaMiddleware(page)(RequestFactory().get("/dasbor/"))
