"""OpenAPI documentation of the webhook endpoints: one decorator (like api.docs.endpoint, for
endpoints that need a token client rather than a scope) and the examples."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view

from api import docs
from api.serializers import ErrorSerializer

TAG = docs.TAGS["webhook"]

NOTE = (
    "**Hanya klien API bertoken** (`Authorization: Token <kunci>`); sesi peramban dijawab 403. "
    "Klien hanya melihat webhook miliknya sendiri.\n\n"
    "Setiap kiriman adalah `POST` JSON "
    '`{"id", "event", "created_at", "data"}` dengan header `X-WFH-Event`, `X-WFH-Delivery` '
    "(= `id`, sama pada setiap percobaan: abaikan yang sudah diproses), `X-WFH-Timestamp` (detik "
    "unix) dan `X-WFH-Signature`: `sha256=` + hex HMAC-SHA256(rahasia, "
    '`"<timestamp>." + isi mentah`). Periksa tanda tangan dengan perbandingan waktu-tetap dan '
    "tolak timestamp yang lebih tua dari 5 menit (contoh penerima Python ada di README, bagian "
    "Webhooks). Jawab 2xx dalam 5 detik; jawaban lain atau tanpa jawaban dicoba ulang setelah "
    "30 detik, 2 menit, 8 menit, 30 menit dan 2 jam, lalu gagal (BKPSDM dapat mengirim ulang). "
    "Pengalihan (3xx) tidak diikuti.\n\n"
    "**Peristiwa.** `roster.published` (butuh `schedule:read` atau `roster:write`): `data` = "
    '`{"roster", "phase", "opd", "version", "published_from", "phase_end", "rows", '
    '"roster_url", "schedule_url"}`. `summary.ready` (butuh `summary:read` atau '
    '`attendance:read`): `data` = `{"from", "to", "opds", "rows", "summaries_url"}`. Klien yang '
    "dibatasi ke OPD hanya menerima peristiwa OPD-nya (`opds` hanya memuat OPD-nya). URL di "
    "`data` adalah path API di server ini. `ping` dikirim hanya oleh endpoint ping."
)

ERR_403 = OpenApiResponse(
    ErrorSerializer,
    description="Bukan klien API bertoken (sesi peramban).",
    examples=[
        docs.error_example(
            "permission_denied",
            "Webhook hanya untuk klien API bertoken; sesi peramban tidak dapat memakainya.",
        )
    ],
)
ERR_404 = OpenApiResponse(
    ErrorSerializer,
    description="Tidak ada webhook dengan id ini milik klien ini.",
    examples=[docs.error_example("not_found", "Webhook 12 tidak ditemukan.")],
)
ERR_400_CREATE = OpenApiResponse(
    ErrorSerializer,
    description="URL atau peristiwa salah, atau cakupan klien tidak cukup untuk peristiwanya.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {
                "events": [
                    "Peristiwa summary.ready membutuhkan cakupan summary:read atau attendance:read."
                ]
            },
            summary="Cakupan tidak cukup",
        ),
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {
                "url": [
                    "Host 10.0.0.5 mengarah ke alamat lokal, privat atau link-local; pakai "
                    "alamat publik."
                ]
            },
            summary="Alamat privat",
        ),
    ],
)
ERR_400_PING = OpenApiResponse(
    ErrorSerializer,
    description="Webhook tidak aktif.",
    examples=[
        docs.error_example("validation_error", "Webhook ini tidak aktif; tidak ada kiriman.")
    ],
)


def endpoint(
    *,
    summary: str,
    description: str,
    examples: list[OpenApiExample],
    method: str = "get",
    response=None,
    status: int = 200,
    request=...,
    not_found: bool = False,
    bad_request: OpenApiResponse | None = None,
):
    responses: dict = {401: docs.ERR_401, 403: ERR_403, 429: docs.ERR_429}
    if bad_request is not None:
        responses[400] = bad_request
    if not_found:
        responses[404] = ERR_404
    if status == 204:
        responses[204] = OpenApiResponse(description="Dihapus; tidak ada kiriman lagi.")
    elif response is not None:
        responses[status] = response
    kwargs = {
        "summary": summary,
        "description": NOTE + "\n\n" + description,
        "tags": [TAG],
        "responses": responses,
        "examples": examples,
        "parameters": [docs.path_param("id", "id webhook.")] if not_found else None,
    }
    if request is not ...:  # None: the operation takes no body
        kwargs["request"] = request

    def decorate(view):
        per_view = dict(kwargs)
        if response is None and status != 204:  # the view's serializer (paginated for a list)
            per_view["responses"] = {status: view.serializer_class, **responses}
        return extend_schema_view(**{method: extend_schema(**per_view)})(view)

    return decorate


SUBSCRIPTION = {
    "id": 12,
    "url": "https://tpp.bekasikota.go.id/hooks/wfh",
    "events": ["roster.published", "summary.ready"],
    "active": True,
    "created_at": "2025-12-01T09:15:02+07:00",
    "last_delivery_at": "2025-12-04T00:31:10+07:00",
}

LIST_EXAMPLES = [
    OpenApiExample(
        "Webhook klien ini",
        response_only=True,
        value={"count": 1, "next": None, "previous": None, "results": [SUBSCRIPTION]},
    )
]

CREATE_EXAMPLES = [
    OpenApiExample(
        "Daftarkan URL",
        request_only=True,
        value={
            "url": "https://tpp.bekasikota.go.id/hooks/wfh",
            "events": ["roster.published", "summary.ready"],
        },
    ),
    OpenApiExample(
        "Terdaftar, dengan rahasianya",
        response_only=True,
        status_codes=["201"],
        value={
            **SUBSCRIPTION,
            "last_delivery_at": None,
            "secret": "whsec_Jq2x0bN6c1rS9vW4yZ8aD3fG7hK5mP0tU2eL6iO9nQ",
        },
    ),
]

DETAIL_EXAMPLES = [OpenApiExample("Satu webhook", response_only=True, value=SUBSCRIPTION)]

SECRET_EXAMPLES = [
    OpenApiExample(
        "Rahasia baru",
        response_only=True,
        value={"id": 12, "secret": "whsec_4bT9yVq0Lm2Xc7Nw1Rz5Hs8Kd3Fg6Jp0Ue2Ai9Oo4Q"},
    )
]

DELIVERY = {
    "id": 3051,
    "event": "roster.published",
    "event_id": "0d4c8f7e-2b1a-4f39-9a57-6c1e2d3b4a59",
    "status": "delivered",
    "attempts": 1,
    "next_attempt_at": None,
    "delivered_at": "2025-12-01T10:02:03+07:00",
    "created_at": "2025-12-01T10:02:02+07:00",
    "data": {
        "roster": 88,
        "phase": "jabar-2025-tahap-2",
        "opd": "DISKOMINFO",
        "version": 2,
        "published_from": "2025-12-01",
        "phase_end": "2025-12-31",
        "rows": 880,
        "roster_url": "/api/v1/rosters/88/",
        "schedule_url": "/api/v1/schedule/?opd=DISKOMINFO&date=2025-12-01",
    },
}

PING_EXAMPLES = [
    OpenApiExample(
        "Ping terkirim",
        response_only=True,
        value={
            **DELIVERY,
            "event": "ping",
            "data": {"subscription": 12, "message": "ping"},
        },
    ),
    OpenApiExample(
        "Ping gagal",
        response_only=True,
        value={
            **DELIVERY,
            "event": "ping",
            "status": "failed",
            "delivered_at": None,
            "data": {"subscription": 12, "message": "ping"},
        },
    ),
]

DELIVERIES_EXAMPLES = [
    OpenApiExample(
        "Log kiriman",
        response_only=True,
        value={
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                {
                    **DELIVERY,
                    "id": 3090,
                    "event": "summary.ready",
                    "event_id": "6a0f1e3c-7d2b-4c8e-b1a9-3f5e7d9c2b10",
                    "status": "retrying",
                    "attempts": 2,
                    "next_attempt_at": "2025-12-04T00:33:40+07:00",
                    "delivered_at": None,
                    "created_at": "2025-12-04T00:31:08+07:00",
                    "data": {
                        "from": "2025-12-03",
                        "to": "2025-12-03",
                        "opds": ["DISKOMINFO"],
                        "rows": 1,
                        "summaries_url": "/api/v1/summaries/opd/?date=2025-12-03",
                    },
                },
                DELIVERY,
            ],
        },
    )
]
