"""One error body for every API error:

    {"code": "validation_error", "message": "…", "errors": {"date": ["…"]}}

`code` is a stable machine-readable word, `message` a sentence for people, and `errors` the
messages per field (empty when no field is at fault; "non_field_errors" for the body as a whole).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

CODES = {
    400: "validation_error",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    415: "unsupported_media_type",
    429: "throttled",
}


def error_body(code: str, message: str, errors: dict | None = None) -> dict:
    return {"code": code, "message": str(message), "errors": errors or {}}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _flatten(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _flatten(value)]
    return [str(detail)]


def _field_errors(detail) -> dict[str, list[str]]:
    """DRF's nested detail as {field: [messages]}; list items as "field.0.sub"."""
    out: dict[str, list[str]] = {}

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), sub)
        elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
            for i, sub in enumerate(value):
                if sub:
                    walk(f"{prefix}.{i}" if prefix else str(i), sub)
        else:
            messages = value if isinstance(value, list) else [value]
            out.setdefault(prefix or "non_field_errors", []).extend(str(m) for m in messages)

    walk("", detail)
    return out


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)  # Http404/PermissionDenied too; Retry-After
    if response is None:
        logger.exception("API error", exc_info=exc)
        return Response(
            error_body("server_error", _("Terjadi kesalahan di server. Coba lagi nanti.")),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    code = CODES.get(response.status_code, "error")
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        message = _("Ada isian yang salah; lihat errors.")
        if list(errors) == ["non_field_errors"] and len(errors["non_field_errors"]) == 1:
            message = errors["non_field_errors"][0]
        response.data = error_body("validation_error", message, errors)
        return response
    if isinstance(exc, exceptions.APIException):
        if isinstance(exc, exceptions.AuthenticationFailed):
            code = "authentication_failed"  # a token or session was sent, and is not valid
        elif isinstance(exc, exceptions.ParseError):
            code = "parse_error"
        messages = _flatten(exc.detail)
        message = messages[0] if messages else ""
        if isinstance(exc, exceptions.Throttled):
            message = _("Terlalu banyak permintaan. Coba lagi dalam %(s)s detik.") % {
                "s": exc.wait or 1
            }
        errors = _field_errors(exc.detail) if isinstance(exc.detail, dict) else {}
        response.data = error_body(code, message, errors)
        return response
    if isinstance(exc, Http404):
        response.data = error_body("not_found", _("Tidak ditemukan."))
    elif isinstance(exc, PermissionDenied):
        response.data = error_body("permission_denied", _("Anda tidak berhak melakukan ini."))
    return response
