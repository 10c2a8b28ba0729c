"""OpenAPI documentation of API v1: one decorator that gives every endpoint its scope, its
examples and its error responses (all with the one error body), so no view is left half-documented.

The descriptions and examples of each resource are in api/docs_<resource>.py (org, schedule,
attendance, evaluation, rosters, webhooks).
"""

from __future__ import annotations

import copy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.mixins import ListModelMixin

from api.serializers import ErrorSerializer

TAGS = {
    "org:read": "Organisasi",
    "schedule:read": "Jadwal",
    "attendance:write": "Presensi",
    "attendance:read": "Presensi",
    "summary:read": "Rekap",
    "evaluation:write": "Kajian",
    "meters:write": "Gedung dan meter",
    "webhook": "Webhook",
    "roster:write": "Roster",
    "occupancy:read": "Gedung",
}


def error_example(
    code: str, message: str, errors: dict | None = None, summary: str = ""
) -> OpenApiExample:
    return OpenApiExample(
        code,
        value={"code": code, "message": message, "errors": errors or {}},
        response_only=True,
        summary=summary or message,
    )


ERR_400 = OpenApiResponse(
    ErrorSerializer,
    description="Parameter atau isi permintaan salah; `errors` menyebut isiannya.",
    examples=[
        error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"date": ["Bidang ini dibutuhkan."]},
            summary="Parameter wajib tidak dikirim",
        )
    ],
)
ERR_401 = OpenApiResponse(
    ErrorSerializer,
    description="Token tidak dikirim, tidak dikenal, atau sudah dicabut.",
    examples=[
        error_example("not_authenticated", "Kredensial untuk autentikasi tidak diberikan."),
        error_example("authentication_failed", "Token tidak dikenal atau sudah dicabut."),
    ],
)
ERR_403 = OpenApiResponse(
    ErrorSerializer,
    description="Klien tidak memiliki cakupan (scope) yang dibutuhkan.",
    examples=[
        error_example("permission_denied", "Klien ini tidak memiliki cakupan schedule:read.")
    ],
)
ERR_404 = OpenApiResponse(
    ErrorSerializer,
    description="Tidak ada, atau di luar OPD yang boleh diakses klien.",
    examples=[error_example("not_found", "OPD DINKES tidak ditemukan atau di luar cakupan Anda.")],
)
ERR_429 = OpenApiResponse(
    ErrorSerializer,
    description="Terlalu banyak permintaan dari klien ini; tunggu sesuai header Retry-After.",
    examples=[error_example("throttled", "Terlalu banyak permintaan. Coba lagi dalam 12 detik.")],
)

SCOPE_NOTE = (
    "**Cakupan (scope): `{scope}`.** Klien API mengirim `Authorization: Token <kunci>`; sesi "
    "peramban juga diterima dengan aturan peran yang sama seperti halaman web. Klien yang dibatasi "
    "ke OPD tertentu hanya melihat baris OPD tersebut."
)


def endpoint(
    scope: str | tuple[str, ...],
    *,
    summary: str,
    description: str,
    examples: list[OpenApiExample],
    response=None,
    request=None,
    method: str = "get",
    not_found: bool = False,
    etag: bool = False,
    path: dict[str, str] | None = None,
    bad_request: OpenApiResponse | None = None,
    query: list | None = None,
    success: int = 200,
    conflict: OpenApiResponse | None = None,
    tag: str | None = None,
):
    """`scope` may be a tuple: any one of those scopes. A GET without `response` documents the
    view's serializer (paginated for a list); `success` is the status of the answer (e.g. 202),
    `query` extra parameters (a serializer of query parameters, or OpenApiParameters), `conflict`
    the 409 answer."""
    scopes = (scope,) if isinstance(scope, str) else tuple(scope)
    responses: dict = {401: ERR_401, 403: ERR_403, 429: ERR_429}
    if bad_request is not None:
        responses[400] = bad_request
    elif method == "get":
        responses[400] = ERR_400
    else:
        responses[400] = OpenApiResponse(
            ErrorSerializer,
            description="Kiriman bukan daftar presensi, kosong, atau lebih dari 1.000 item.",
            examples=[
                error_example(
                    "validation_error",
                    "Paling banyak 1000 presensi sekali kirim; diterima 1001.",
                    {
                        "non_field_errors": [
                            "Paling banyak 1000 presensi sekali kirim; diterima 1001."
                        ]
                    },
                    summary="Lebih dari 1.000 item",
                )
            ],
        )
    if not_found:
        responses[404] = ERR_404
    if conflict is not None:
        responses[409] = conflict
    if response is not None:
        responses[success] = response
    if etag:
        responses[304] = OpenApiResponse(description="Tidak berubah sejak ETag di If-None-Match.")
    parameters = [path_param(name, text) for name, text in (path or {}).items()]
    parameters += list(query or [])
    if etag:
        parameters.append(
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=False,
                description="ETag dari jawaban sebelumnya; bila sama, jawaban 304 tanpa isi.",
            )
        )
    kwargs = {
        "summary": summary,
        "description": SCOPE_NOTE.format(scope="` atau `".join(scopes)) + "\n\n" + description,
        "tags": [tag or TAGS.get(scopes[0], "API")],
        "responses": responses,
        "examples": examples,
        "parameters": parameters or None,
    }
    if request is not None:
        kwargs["request"] = request

    def decorate(view):
        per_view = dict(kwargs)
        serializer = getattr(view, "serializer_class", None)
        if response is None and method == "get" and serializer is not None:
            per_view["responses"] = {success: serializer, **responses}
            if issubclass(view, ListModelMixin):
                per_view["examples"] = [_one_row(e) for e in examples]
        return extend_schema_view(**{method: extend_schema(**per_view)})(view)

    return decorate


def _one_row(example: OpenApiExample) -> OpenApiExample:
    """A list's response example is written as a page; the generator wraps one row in its own
    page (the paginator's), so it gets the first row."""
    value = example.value
    if example.response_only and isinstance(value, dict) and value.get("results"):
        example = copy.copy(example)
        example.value = value["results"][0]
    return example


def path_param(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.PATH, description=description)


def page_of(*rows) -> dict:
    """A list's response example: one page holding `rows`."""
    return {"count": len(rows), "next": None, "previous": None, "results": list(rows)}
