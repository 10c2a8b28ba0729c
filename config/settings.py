"""Settings for WFH-ASN, read from the environment (see README "Configuration")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_redis_url,
    env_str,
    env_time_zone,
    redis_neighbour_db,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY, or DEBUG=1 for a development default."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "common",  # the task outbox (common.models.QueuedTask)
    "accounts",
    "opd",
    "leave",
    "wfh",
    "buildings",
    "attendance",
    "selfservice",
    "evaluation",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.RequestLimitsMiddleware",  # 413 for a huge body, 400 for NUL in the query
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # a locked-out login answers the lockout page (429)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opd.context_processors.access",
                "config.navigation.menu",
            ],
        },
    },
]

# DB_CONN_MAX_AGE=0 closes connections after each request or task (CI's worker uses it so that
# the test database can be dropped when the test run ends).
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        str(BASE_DIR / "db.sqlite3"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
# A read replica (common/replica.py): with DATABASE_REPLICA_URL, reads that may be a little stale
# (dashboards, the evaluation, exports, API schedule and summary reads) go to it; writes, and a
# user's reads for REPLICA_STICKY_S seconds after they wrote, go to the primary. A replica more
# than REPLICA_MAX_LAG_S behind (checked every REPLICA_CHECK_S) or not answering (then left alone
# for REPLICA_RETRY_S) is not read. Without the variable there is one database and no router.
REPLICA_STICKY_S = env_int("REPLICA_STICKY_S", 15, minimum=0)
REPLICA_MAX_LAG_S = env_int("REPLICA_MAX_LAG_S", 30, minimum=0)
REPLICA_CHECK_S = env_int("REPLICA_CHECK_S", 5, minimum=0)
REPLICA_RETRY_S = env_int("REPLICA_RETRY_S", 30, minimum=1)
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = env_database(
        "DATABASE_REPLICA_URL",
        "",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # the suite's test database is one
    DATABASE_ROUTERS = ["common.replica.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "common.replica.ReplicaMiddleware",
    )
# Behind PgBouncer in transaction mode (DB_PGBOUNCER=1) a server-side cursor cannot outlive the
# transaction that PgBouncer gives a server connection for: Django's .iterator() then reads with
# client-side cursors (docs/scaling.md).
if env_bool("DB_PGBOUNCER", False):
    for _alias in DATABASES.values():
        _alias["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.throttle.LoginThrottleBackend",  # django-axes: refuses a locked-out login first
    "accounts.backends.NipOrUsernameBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Login throttling (accounts/throttle.py, django-axes): LOGIN_FAILURE_LIMIT failures on one account
# or LOGIN_ADDRESS_FAILURE_LIMIT from one address within LOGIN_LOCKOUT_MINUTES lock it until that
# long after the last failure; HR unlocks on the page "Akun terkunci". Counts are kept in the
# database (no cache, so no Redis needed). The address is REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT
# reverse proxies the address they saw (X-Forwarded-For, counted from the right).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 100, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_ENABLED = True
AXES_VERBOSE = False  # no "AXES: BEGIN" line on every start
AXES_HANDLER = "accounts.throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = dt.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each counted on its own
AXES_USERNAME_CALLABLE = "accounts.throttle.login_key"  # a NIP and a user name: one account
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # retrying while locked does not extend it
AXES_RESET_ON_SUCCESS = False  # a login of one's own must not clear an address's count
AXES_DISABLE_ACCESS_LOG = True  # failures only: no row per successful login
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_address"  # never a client-sent header alone
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Bahasa Indonesia is the language of the product; English is a switch away. Source strings are
# written in Indonesian, so a string not yet translated still reads correctly for the default user.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Jakarta")

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

# Leave requests (leave/requests.py): the attachments' folder, outside MEDIA and STATIC (only
# the download view serves them, to the employee, their approver and HR), and their size cap.
LEAVE_ATTACHMENT_ROOT = env_str("LEAVE_ATTACHMENT_ROOT", str(BASE_DIR / "private" / "leave"))
LEAVE_ATTACHMENT_MAX_MB = env_int("LEAVE_ATTACHMENT_MAX_MB", 5, minimum=1)

# Imports (common.upload_limits): an uploaded or opened file, what an XLSX opens into, how far
# one of its parts may be compressed, rows and cells per row of one table. Each is checked while
# reading, and the error names the limit.
IMPORT_MAX_FILE_MB = env_int("IMPORT_MAX_FILE_MB", 50, minimum=1)
IMPORT_MAX_UNCOMPRESSED_MB = env_int("IMPORT_MAX_UNCOMPRESSED_MB", 100, minimum=1)
IMPORT_MAX_COMPRESSION_RATIO = env_int("IMPORT_MAX_COMPRESSION_RATIO", 100, minimum=2)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000, minimum=1)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 200, minimum=1)
# A preview (dry run) of an upload reports its progress as it reads; one silent for this long has
# lost its worker and is started again by the beat sweep, at most this many checks in all.
IMPORT_PREVIEW_STALE_S = env_int("IMPORT_PREVIEW_STALE_S", 300, minimum=10)
IMPORT_PREVIEW_MAX_ATTEMPTS = env_int("IMPORT_PREVIEW_MAX_ATTEMPTS", 3, minimum=1)
# An upload streams to a temporary file in chunks past 2.5 MB (Django's default), counted as it
# comes: LimitedUploadHandler drops a file over IMPORT_MAX_FILE_MB without keeping it.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "common.upload_limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# A request body larger than this (by its Content-Length) answers 413 before it is read, on every
# page and API endpoint (config.middleware.RequestLimitsMiddleware).
REQUEST_BODY_MAX_BYTES = env_int("REQUEST_BODY_MAX_MB", 50, minimum=1) * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "wfh-asn@localhost")
# The address people open the app at: every mail links to the page where its reader acts
# (common.links.absolute_url), so it must be what their browser reaches, scheme included.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

# Celery: with REDIS_URL a real broker and worker; without it tasks run eagerly in-process so a
# newcomer needs nothing but Python.
REDIS_URL = env_redis_url("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = REDIS_URL is None

# The cache holds the API's per-client throttle buckets: in Redis they are shared by every
# gunicorn worker (a per-process memory cache would let each worker count its own). CACHE_URL
# chooses another Redis; by default the broker's server, next database number.
CACHE_URL = env_redis_url("CACHE_URL") or (REDIS_URL and redis_neighbour_db(REDIS_URL))
# Redis answers within REDIS_TIMEOUT_S or counts as down: the cache then fails open (an empty
# cache: the throttle lets requests through), a task is kept in the outbox (common.tasks).
REDIS_TIMEOUT_S = env_int("REDIS_TIMEOUT_S", 2, minimum=1)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "common.cache.FailOpenRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "wfh",
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_S,
                "socket_timeout": REDIS_TIMEOUT_S,
                "retry_after_s": env_int("CACHE_RETRY_S", 5, minimum=1),
            },
        }
    }
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 600, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 660, minimum=1)
if CELERY_TASK_TIME_LIMIT <= CELERY_TASK_SOFT_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_TASK_TIME_LIMIT must be larger than CELERY_TASK_SOFT_TIME_LIMIT."
    )
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Publishing answers within about REDIS_TIMEOUT_S: one quick retry, no 20-step back-off (the
# result backend's default); a task the broker did not take waits in the outbox instead.
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_S
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": REDIS_TIMEOUT_S,
    "socket_timeout": REDIS_TIMEOUT_S + 3,  # above the worker's 1 s BRPOP
    "max_retries": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT_S
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT_S + 3
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
}
# No task's result is read but the echo's (which asks for it): a web process then does not
# subscribe to a result channel for every task it sends.
CELERY_TASK_IGNORE_RESULT = True
# The outbox (common.tasks): a committed task waits this long for its own publish before the
# drain may send it; the drain runs every TASK_OUTBOX_SWEEP_S seconds (and at each worker start).
TASK_OUTBOX_GRACE_S = env_int("TASK_OUTBOX_GRACE_S", 30, minimum=0)
TASK_OUTBOX_SWEEP_S = env_int("TASK_OUTBOX_SWEEP_S", 30, minimum=1)
# A generating roster renews its lease (Roster.heartbeat_at) every ROSTER_LEASE_S / 4 seconds; the
# sweep (every ROSTER_SWEEP_S) re-queues a roster whose lease ran out (its worker is gone), at most
# ROSTER_MAX_ATTEMPTS runs in all, then marks it failed with the reason.
ROSTER_LEASE_S = env_int("ROSTER_LEASE_S", 45, minimum=2)
ROSTER_SWEEP_S = env_int("ROSTER_SWEEP_S", 15, minimum=1)
ROSTER_MAX_ATTEMPTS = env_int("ROSTER_MAX_ATTEMPTS", 3, minimum=1)
# The daily check-in reminder: sent this many minutes before an OPD's start of day at most (the
# beat looks every CHECKIN_REMINDER_EVERY_S seconds), to employees who have not checked in.
CHECKIN_REMINDER_LEAD_MIN = env_int("CHECKIN_REMINDER_LEAD_MIN", 30, minimum=5)
CHECKIN_REMINDER_EVERY_S = env_int("CHECKIN_REMINDER_EVERY_S", 300, minimum=60)
# Nightly: yesterday's attendance records and OPD summaries, after every time zone's midnight.
CELERY_BEAT_SCHEDULE = {
    "summarize-yesterday": {
        "task": "attendance.summarize_yesterday",
        "schedule": crontab(
            hour=env_int("SUMMARY_HOUR", 0, minimum=0),
            minute=env_int("SUMMARY_MINUTE", 30, minimum=0),
        ),
    },
    # Webhook deliveries whose retry is due (a lost worker or a countdown dropped by the broker).
    "retry-webhooks": {"task": "api.retry_webhooks", "schedule": 60.0},
    # Tasks a commit recorded while the broker was down (common.tasks' outbox).
    "drain-outbox": {"task": "common.drain_outbox", "schedule": float(TASK_OUTBOX_SWEEP_S)},
    # The daily check-in reminder (attendance/reminders.py): each run acts for the OPDs whose day
    # starts within CHECKIN_REMINDER_LEAD_MIN minutes; keyed per employee and day.
    "checkin-reminders": {
        "task": "attendance.checkin_reminders",
        "schedule": float(CHECKIN_REMINDER_EVERY_S),
    },
    # Rosters whose worker is gone (lease run out) or whose message was lost.
    "sweep-rosters": {"task": "wfh.sweep_rosters", "schedule": float(ROSTER_SWEEP_S)},
    # Import previews whose worker is gone, or whose message was lost.
    "sweep-import-batches": {"task": "opd.sweep_import_batches", "schedule": 60.0},
}

# Eligibility (opd/eligibility.py, PermenPANRB 4/2025 art. 25): months after the start of a post
# (new hire, transfer, rotation, promotion) during which the employee may not work from home.
ELIGIBILITY_NEW_IN_POST_MONTHS = env_int("ELIGIBILITY_NEW_IN_POST_MONTHS", 12, minimum=0)
# Check-ins (attendance/): a fix's accuracy is believed up to this many metres when its distance to
# the office or home is judged (a vaguer fix is flagged low_accuracy); the same spot (5 decimals)
# on this many days is flagged as a sign of a fake-GPS app.
ATTENDANCE_MAX_ACCURACY_CREDIT_M = env_int("ATTENDANCE_MAX_ACCURACY_CREDIT_M", 100, minimum=0)
ATTENDANCE_SAME_POSITION_DAYS = env_int("ATTENDANCE_SAME_POSITION_DAYS", 5, minimum=2)
# A check-in that arrives more than this many seconds after it was taken (a phone offline, which
# keeps it and sends it later with its own time) is marked sent_late for the reviewers.
ATTENDANCE_SENT_LATE_AFTER_S = env_int("ATTENDANCE_SENT_LATE_AFTER_S", 600, minimum=0)

# Webhooks (api/webhooks.py): a POST per delivery with this timeout, retried after these delays
# (then failed). Loopback, private and link-local receivers (checked on every address the name
# resolves to, when registered and when connecting) are refused unless explicitly allowed: off
# whatever DEBUG is, since a DEBUG instance on a laptop sees 127.0.0.1:6379 and the LAN too.
WEBHOOK_TIMEOUT_S = env_int("WEBHOOK_TIMEOUT_S", 5, minimum=1)
WEBHOOK_RETRY_DELAYS_S = [30, 120, 480, 1800, 7200]
WEBHOOK_ALLOW_PRIVATE_HOSTS = env_bool("WEBHOOK_ALLOW_PRIVATE_HOSTS", default=False)

# API v1 (api/): token clients or browser sessions, a scope per view, one error body, one
# throttle bucket per client (API_THROTTLE_RATE, e.g. "600/minute"; checked by api.checks).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.TokenAuthentication",
        "api.auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": env_str("API_THROTTLE_RATE", "600/minute")},
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],  # refuses NUL, lone surrogates
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WFH-ASN API",
    "DESCRIPTION": (
        "Jadwal WFH dan presensi ASN untuk sistem lain milik Pemda (TPP, e-Kinerja, mesin "
        "presensi, dasbor).\n\n"
        "**Akses.** BKPSDM membuat klien API (halaman Klien API, atau `python manage.py "
        "create_api_client NAMA --scopes schedule:read,attendance:write [--opd KODE]`) dan "
        "menyerahkan tokennya sekali. Kirim `Authorization: Token <kunci>` pada setiap "
        "permintaan. Setiap endpoint menyebut cakupan (scope) yang dibutuhkannya; klien yang "
        "dibatasi ke OPD hanya melihat OPD tersebut.\n\n"
        '**Galat.** Semua galat berbentuk `{"code", "message", "errors": {isian: '
        "[pesan]}}`. 429 membawa header Retry-After.\n\n"
        "**Daftar.** Semua daftar berurutan tetap dan berhalaman: `?page=` dan `?page_size=` "
        "(paling banyak 1.000)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ScheduleModeEnum": "wfh.models.Mode",
        "DayStatusEnum": "attendance.models.DayStatus",
        "WebhookDeliveryStatusEnum": "api.models.WebhookDelivery.Status",
        "WebhookEventEnum": "api.models.WebhookEvent",
        "OverrideStatusEnum": "wfh.overrides.models.OverrideStatus",
        "LeaveKindEnum": "leave.models.LeaveKind",
        "LeaveStatusEnum": "leave.models.LeaveStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_page_errors",  # a page that does not exist answers 400
        "api.schema.document_request_errors",  # NUL in a query (400), a body too large (413)
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# -- Security: HTTPS, cookies, CSP, caching, session lifetime (issue 14 point 14) ---------------
# Secure by default with DEBUG=0: HTTPS only (redirect, HSTS, secure cookies), so that
# `manage.py check --deploy` is clean. WFH_INSECURE_HTTP=1 turns the HTTPS part off for an
# intranet served over plain HTTP; config.checks then warns at every start (wfh.W001). DEBUG=1
# (make run, on http://127.0.0.1:8000/) implies it unless WFH_INSECURE_HTTP=0 is set.
INSECURE_HTTP = env_bool("WFH_INSECURE_HTTP", default=DEBUG)
SECURE_SSL_REDIRECT = not INSECURE_HTTP
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # container and load-balancer probes speak plain HTTP
SESSION_COOKIE_SECURE = not INSECURE_HTTP
CSRF_COOKIE_SECURE = not INSECURE_HTTP
SECURE_HSTS_SECONDS = 0 if INSECURE_HTTP else env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto: https.
if env_bool("WFH_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# A working day: the session ends this many hours after login (or the last change to it).
SESSION_COOKIE_AGE = env_int("SESSION_LIFETIME_HOURS", 8, minimum=1) * 3600
X_FRAME_OPTIONS = "DENY"

# Content Security Policy (django-csp): scripts, styles, images and fetches from this site only;
# no inline script, no inline style, no eval (templates keep JavaScript in static/js/ and styles
# in static/css/; tests/config/test_csp.py scans them). htmx is told not to inject its indicator
# <style> (base.html's htmx-config meta); app.css has those rules.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Cache-Control: no-store on every answer to a logged-in user and every API answer
# (config.middleware.NoStoreMiddleware): personal data stays out of shared and browser caches.
MIDDLEWARE += ["csp.middleware.CSPMiddleware", "config.middleware.NoStoreMiddleware"]
INSTALLED_APPS += ["csp", "config"]
# -- end of the security block ---------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
    },
    # Eager tasks run inside commands and requests: a "succeeded" line per task is noise there.
    "loggers": {
        "celery.app.trace": {"level": "WARNING" if REDIS_URL is None else "INFO"},
        "axes": {"level": "WARNING"},  # a line per failed login is enough (no INFO chatter)
    },
}
