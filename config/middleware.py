from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import formats, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from api.exceptions import error_body


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the user chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC or a
    phone set to English would open in English; here only the language cookie that the switch
    (set_language) writes counts, and everyone else gets LANGUAGE_CODE.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RequestLimitsMiddleware:
    """Bad requests answered before any view reads them, in one place for pages and API:

    - a body larger than REQUEST_BODY_MAX_BYTES (by its Content-Length, before a byte of it is
      read) answers 413 saying the limit;
    - a NUL character (%00) in a query parameter, its name, or the path answers 400 naming the
      parameter: PostgreSQL's text cannot hold NUL, so the filter would fail in the database.

    The API (/api/) answers its JSON error body, with the parameter in `errors`; a page answers a
    short page with the message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "REQUEST_BODY_MAX_BYTES", None)
        length = _content_length(request)
        if limit and length > limit:
            message = _(
                "Permintaan terlalu besar (%(size)s MB); paling besar %(limit)s MB. Kirim berkas "
                "yang lebih kecil atau bagi menjadi beberapa bagian."
            ) % {"size": _mb(length), "limit": _mb(limit)}
            return _refuse(request, 413, "request_too_large", message, {})
        field = _nul_field(request)
        if field is not None:
            if field:
                message = _(
                    "Parameter %(name)s memuat karakter yang tidak sah (NUL, %%00). Hapus "
                    "karakter itu lalu ulangi."
                ) % {"name": field}
            else:
                message = _("Alamat halaman memuat karakter yang tidak sah (NUL, %00).")
            return _refuse(request, 400, "validation_error", message, {field or "path": [message]})
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def _mb(size: int) -> str:
    return formats.number_format(size / (1024 * 1024), decimal_pos=0 if size % 2**20 == 0 else 1)


def _nul_field(request) -> str | None:
    """The first query parameter (its name) holding a NUL; "" for the path; None when clean."""
    if "\x00" in request.path:
        return ""
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "\\x00")
    return None


def _refuse(request, status: int, code: str, message: str, errors: dict) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(code, message, errors), status=status)
    context = {"status": status, "message": message}
    return render(request, "errors/bad_request.html", context, status=status)


class NoStoreMiddleware:
    """`Cache-Control: no-store` (and private) on every answer to a logged-in user and on every
    API answer: pages and API answers carry personal data (names, NIPs, attendance), which must
    not stay in a browser's history cache or a shared proxy. Static files never get here
    (WhiteNoise answers them first) and keep their long cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/api/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response
