"""API v1 for the logged-in employee's own leave and duty requests (a browser session or the
phone app's session; token clients are systems, not employees, and get 403). Thin: the rules are
leave.requests' (the same as the page Cuti & dinas saya)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from api import docs
from api.auth import Principal
from api.serializers import ErrorSerializer
from leave import requests as leave_requests
from leave.models import LeaveKind, LeaveRecord
from opd import access

TAG = "Pengajuan saya"
DESCRIPTION = (
    "**Hanya sesi pegawai** (peramban atau aplikasi ponsel yang masuk sebagai pegawai); klien "
    "token menerima 403. Pengajuan cuti, sakit, dinas luar atau tugas belajar milik pegawai yang "
    "masuk, terbaru dahulu. Pengajuan baru berstatus `pending` sampai atasan langsung, admin OPD "
    "atau BKPSDM memutuskan (`approved` memindahkan jadwal terbit menjadi `LEAVE`, `returned` "
    "dengan catatan). Sakit lebih dari satu hari perlu surat dokter: unggah di halaman "
    "/saya/cuti/ (API ini tidak menerima lampiran)."
)


class LeaveRequestSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=LeaveKind.choices, help_text="Jenis cuti atau dinas.")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = LeaveRecord
        fields = [
            "id",
            "kind",
            "kind_label",
            "start",
            "end",
            "note",
            "status",
            "status_label",
            "decision_note",
            "decided_at",
            "created_at",
            "has_attachment",
        ]
        read_only_fields = ["status", "decision_note", "decided_at", "created_at"]

    def get_has_attachment(self, obj) -> bool:
        return bool(obj.attachment)


EXAMPLE = {
    "id": 12,
    "kind": "cuti_tahunan",
    "kind_label": "Cuti tahunan",
    "start": "2025-11-13",
    "end": "2025-11-14",
    "note": "Acara keluarga",
    "status": "pending",
    "status_label": "diajukan",
    "decision_note": "",
    "decided_at": None,
    "created_at": "2025-11-03T08:15:00+07:00",
    "has_attachment": False,
}
ERR_403 = OpenApiResponse(
    ErrorSerializer,
    description="Bukan sesi pegawai (klien token, atau akun tanpa data pegawai).",
    examples=[
        docs.error_example(
            "permission_denied", "Hanya pegawai yang masuk yang dapat memakai pengajuan saya."
        )
    ],
)
ERR_400 = OpenApiResponse(
    ErrorSerializer,
    description="Isian salah; `errors` menyebut isiannya.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"end": ["Tanggal selesai sebelum tanggal mulai."]},
        )
    ],
)
COMMON = {400: ERR_400, 401: docs.ERR_401, 403: ERR_403, 429: docs.ERR_429}


def _employee_user(request):
    principal = Principal.of(request)
    if principal.client is not None or access.scope_for(request.user).employee_id is None:
        raise exceptions.PermissionDenied(
            _("Hanya pegawai yang masuk yang dapat memakai pengajuan saya.")
        )
    return request.user


@extend_schema_view(
    get=extend_schema(
        summary="Pengajuan cuti dan dinas saya",
        description=DESCRIPTION,
        tags=[TAG],
        responses={200: LeaveRequestSerializer(many=True), **COMMON},
        examples=[OpenApiExample("Satu pengajuan", value=EXAMPLE, response_only=True)],
    ),
    post=extend_schema(
        summary="Ajukan cuti atau dinas",
        description=DESCRIPTION,
        tags=[TAG],
        request=LeaveRequestSerializer,
        responses={201: LeaveRequestSerializer, **COMMON},
        examples=[
            OpenApiExample(
                "Cuti tahunan dua hari",
                value={"kind": "cuti_tahunan", "start": "2025-11-13", "end": "2025-11-14"},
                request_only=True,
            ),
            OpenApiExample("Tercatat", value=EXAMPLE, response_only=True),
        ],
    ),
)
class MyLeaveRequestsView(generics.ListCreateAPIView):
    required_scope = None  # an employee's own rows: the session is the rule (see _employee_user)
    serializer_class = LeaveRequestSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LeaveRecord.objects.none()
        return leave_requests.my_requests(user=_employee_user(self.request))

    def create(self, request, *args, **kwargs):
        user = _employee_user(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            record = leave_requests.leave_request_create(
                user=user,
                kind=data["kind"],
                start=data["start"],
                end=data["end"],
                note=data.get("note", ""),
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied() from exc
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(exc.message_dict) from exc
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)
