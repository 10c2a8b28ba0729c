"""GET /healthz: is the database, the broker and a Celery worker up? 200 when all are, else 503."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wfh.celery import app as celery_app

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
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=PING_TIMEOUT_S)
        return {"ok": True, "mode": "redis"}
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def check_worker() -> dict:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return {"ok": True, "mode": "eager (tugas dijalankan di proses web)"}
    try:
        replies = celery_app.control.ping(timeout=PING_TIMEOUT_S)
    except Exception as exc:
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    if not replies:
        return {"ok": False, "error": "tidak ada worker Celery yang menjawab ping"}
    return {"ok": True, "workers": sorted(name for reply in replies for name in reply)}


@never_cache
@require_GET
def healthz(request):
    checks = {"database": check_database(), "broker": check_broker()}
    # Without a broker no worker can answer: report it down without waiting for a ping.
    if checks["broker"]["ok"]:
        checks["worker"] = check_worker()
    else:
        checks["worker"] = {"ok": False, "error": "broker tidak tersedia"}
    down = [name for name, result in checks.items() if not result["ok"]]
    body = {"status": "ok" if not down else "down", "down": down, "checks": checks}
    return JsonResponse(body, status=200 if not down else 503)
