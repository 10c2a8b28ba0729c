"""API v1: smart meters send their readings (POST /api/v1/meter-readings/), checked and written
by buildings.readings (one answer per item; the same period again updates or changes nothing)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, PolymorphicProxySerializer
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs
from api.auth import Principal
from api.models import Scope
from api.serializers import ErrorSerializer
from api.serializers_meters import (
    MeterReadingBatchSerializer,
    MeterReadingItemSerializer,
    MeterReadingResponseSerializer,
)
from buildings import readings

DESCRIPTION = (
    "Kirim paling banyak 1.000 pembacaan sebagai daftar JSON, atau sebagai objek "
    '`{"items": [...]}`. Satu item = pemakaian satu meter (kode gedung + kode meter) dalam satu '
    "periode (`start` sampai `end`, termasuk; `end` kosong = satu hari). **Idempoten per meter "
    "dan periode**: periode yang sama dikirim lagi mengganti nilainya (`updated`) atau, bila "
    "nilainya sama, tidak mengubah apa pun (`unchanged`); tidak pernah tercatat dua kali. "
    "Periode satu meter tidak boleh tumpang tindih dengan periode lain yang sudah tersimpan. "
    "Setiap item dijawab pada posisinya (`index`): `created`, `updated`, `unchanged` atau "
    "`rejected` (`field` dan `message` menyebut isian pertama yang salah). Item lain tetap "
    "tersimpan walaupun ada yang ditolak; jawaban 200. Klien yang dibatasi ke OPD tertentu hanya "
    "boleh mengisi gedung yang ditempati OPD tersebut. Lewat sesi peramban: HR semua gedung, "
    "admin OPD gedung OPD-nya."
)

REQUEST = PolymorphicProxySerializer(
    component_name="MeterReadingInput",
    serializers=[MeterReadingItemSerializer(many=True), MeterReadingBatchSerializer],
    resource_type_field_name=None,
    many=False,
)

BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="Kiriman bukan daftar item, kosong, atau lebih dari 1.000 item.",
    examples=[
        docs.error_example(
            "validation_error",
            "Daftar pembacaan kosong.",
            {"items": ["Daftar pembacaan kosong."]},
            summary="Daftar kosong",
        )
    ],
)

EXAMPLES = [
    OpenApiExample(
        "Dua hari satu meter",
        request_only=True,
        value=[
            {"building": "PEMKOT", "meter": "PLN-UTAMA", "start": "2025-11-05", "value": 812.5},
            {"building": "PEMKOT", "meter": "PLN-UTAMA", "start": "2025-11-06", "value": 401.0},
        ],
    ),
    OpenApiExample(
        "Jawaban per item",
        response_only=True,
        value={
            "counts": {"created": 1, "updated": 0, "unchanged": 1, "rejected": 1},
            "results": [
                {"index": 0, "status": "created", "field": "", "message": "", "errors": []},
                {"index": 1, "status": "unchanged", "field": "", "message": "", "errors": []},
                {
                    "index": 2,
                    "status": "rejected",
                    "field": "meter",
                    "message": "Meter PLN-9 di gedung PEMKOT tidak terdaftar.",
                    "errors": [
                        {
                            "field": "meter",
                            "message": "Meter PLN-9 di gedung PEMKOT tidak terdaftar.",
                        }
                    ],
                },
            ],
        },
    ),
]


def _items(data) -> list:
    if isinstance(data, dict) and set(data) == {"items"}:
        data, where = data["items"], "items"
    else:
        where = "non_field_errors"
    if not isinstance(data, list):
        raise exceptions.ValidationError(
            {where: [_('Kirim daftar JSON, atau objek {"items": [...]}.')]}
        )
    if not data:
        raise exceptions.ValidationError({where: [_("Daftar pembacaan kosong.")]})
    if len(data) > readings.MAX_API_BATCH:
        raise exceptions.ValidationError(
            {
                where: [
                    _("Paling banyak %(max)s pembacaan sekali kirim; diterima %(n)s.")
                    % {"max": readings.MAX_API_BATCH, "n": len(data)}
                ]
            }
        )
    return data


@docs.endpoint(
    Scope.METERS_WRITE,
    summary="Kirim pembacaan meter (meter pintar), idempoten per meter dan periode",
    description=DESCRIPTION,
    request=REQUEST,
    response=MeterReadingResponseSerializer,
    examples=EXAMPLES,
    method="post",
    bad_request=BAD_REQUEST,
)
class MeterReadingsView(APIView):
    required_scope = Scope.METERS_WRITE

    def post(self, request):
        principal = Principal.of(request)
        items = _items(request.data)
        if principal.client is not None:
            allowed = readings.building_ids_for_opds(principal.opd_ids)
        elif request.user.is_hr:
            allowed = None
        else:
            allowed = frozenset(readings.buildings_for(request.user).values_list("id", flat=True))
        return Response(readings.readings_ingest(items=items, building_ids=allowed))
