"""GET /healthz: is the database, the broker and a Celery worker up? 200 when all are, else 503.

Anyone (a load balancer) gets the minimal answer: `status` and, in `down`, which of database,
broker and worker failed. HR (a logged-in session) and API clients (`Authorization: Token`) also
get `checks`, the details of each (errors, hosts, worker names), which say more about the
deployment than the public should read. Without REDIS_URL Celery runs tasks eagerly in the web
process: the broker and worker checks then report that mode instead of pinging anything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from api import services as api_services
from config.celery import app as celery_app

PING_TIMEOUT_S = 1.0


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # any driver error means "down"
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def check_broker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager (REDIS_URL tidak diset)"}
    try:
        with celery_app.connection_for_write(connect_timeout=PING_TIMEOUT_S) as conn:
            # one attempt, no back-off: a health check must answer quickly, not wait for Redis
            conn.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=PING_TIMEOUT_S
            )
            where = f"{conn.hostname}:{conn.port}" if conn.hostname else None
            return {"ok": True, "transport": conn.transport_cls, "host": where}
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def check_worker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager (tugas dijalankan di proses web)"}
    try:
        # limit=1: one live worker is enough, so answer as soon as the first one replies
        replies = celery_app.control.ping(timeout=PING_TIMEOUT_S, limit=1)
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    if not replies:
        return {"ok": False, "error": "tidak ada worker Celery yang menjawab ping"}
    return {"ok": True, "workers": sorted(name for reply in replies for name in reply)}


@never_cache
@require_safe
def healthz(request):
    checks = {"database": check_database(), "broker": check_broker()}
    # Without a broker no worker can answer: report it down without waiting for a ping.
    if checks["broker"]["ok"]:
        checks["worker"] = check_worker()
    else:
        checks["worker"] = {"ok": False, "error": "broker tidak tersedia"}
    down = [name for name, result in checks.items() if not result["ok"]]
    body = {"status": "ok" if not down else "down", "down": down}
    if may_see_details(request):
        body["checks"] = checks
    return JsonResponse(body, status=200 if not down else 503)


def may_see_details(request) -> bool:
    """HR in a browser session, or any active API client by its token. Never raises: a caller
    that cannot be told (the database is down) gets the public answer."""
    try:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "is_hr", False):
            return True
        keyword, _, key = request.headers.get("Authorization", "").partition(" ")
        if keyword.lower() == "token" and key.strip():
            return api_services.api_client_for_token(token=key.strip()) is not None
    except Exception:  # the session or token lookup failed: the public answer
        return False
    return False
