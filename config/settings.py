"""Settings for WFH-ASN, read from the environment (see README "Configuration")."""

from __future__ import annotations

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
    "accounts",
    "opd",
    "leave",
    "wfh",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.NipOrUsernameBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
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

FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "wfh-asn@localhost")

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
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "wfh",
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
}

# Webhooks (api/webhooks.py): a POST per delivery with this timeout, retried after these delays
# (then failed). Loopback, private and link-local receivers are refused unless allowed (DEBUG).
WEBHOOK_TIMEOUT_S = env_int("WEBHOOK_TIMEOUT_S", 5, minimum=1)
WEBHOOK_RETRY_DELAYS_S = [30, 120, 480, 1800, 7200]
WEBHOOK_ALLOW_PRIVATE_HOSTS = env_bool("WEBHOOK_ALLOW_PRIVATE_HOSTS", default=DEBUG)

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
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_page_errors",  # a page that does not exist answers 400
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
    "loggers": {"celery.app.trace": {"level": "WARNING" if REDIS_URL is None else "INFO"}},
}
