"""API v1 views of attendance: events sent in (attendance.services answers each item), daily
records and OPD summaries. Thin: reading is in api/selectors.py."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, docs_attendance, filters, selectors, services
from api.auth import Principal
from api.models import Scope
from api.serializers import (
    DailyRecordSerializer,
    EventIngestResponseSerializer,
    OpdDaySummarySerializer,
)
from attendance import services as attendance_services
from common.replica import ReplicaReadsMixin

# -- attendance ------------------------------------------------------------------------------


@docs.endpoint(
    Scope.ATTENDANCE_WRITE,
    summary="Kirim presensi (sekaligus, paling banyak 1.000)",
    description=docs_attendance.INGEST_DESCRIPTION,
    request=docs_attendance.INGEST_REQUEST,
    response=EventIngestResponseSerializer,
    examples=docs_attendance.INGEST_EXAMPLES,
    method="post",
)
class AttendanceEventsView(APIView):
    required_scope = Scope.ATTENDANCE_WRITE

    def post(self, request):
        items = _batch_items(request.data)
        principal = Principal.of(request)
        return Response(
            services.api_events_ingest(
                items=items, opd_ids=principal.opd_ids, sender=principal.sender
            )
        )


def _batch_items(data) -> list:
    if isinstance(data, dict) and set(data) == {"events"}:
        data = data["events"]
        where = "events"
    else:
        where = "non_field_errors"
    if not isinstance(data, list):
        raise exceptions.ValidationError(
            {where: [_('Kirim daftar presensi JSON, atau objek {"events": [...]}.')]}
        )
    if not data:
        raise exceptions.ValidationError({where: [_("Daftar presensi kosong.")]})
    if len(data) > attendance_services.MAX_BATCH:
        raise exceptions.ValidationError(
            {
                where: [
                    _("Paling banyak %(max)s presensi sekali kirim; diterima %(n)s.")
                    % {"max": attendance_services.MAX_BATCH, "n": len(data)}
                ]
            }
        )
    return data


@docs.endpoint(
    Scope.ATTENDANCE_READ,
    summary="Rekap presensi harian per pegawai",
    description=(
        "Satu baris per pegawai per hari kerja: mode terjadwal, status, masuk pertama, pulang "
        "terakhir, menit dan tingkat TL/PSW, tanda mode tidak sesuai, laporan kinerja, dan alpa "
        "tahun berjalan. `date` wajib; `opd` opsional (tanpa itu: semua OPD dalam cakupan). "
        "Urut OPD, nama pegawai."
    ),
    examples=docs_attendance.DAILY_EXAMPLES,
)
class DailyRecordView(ReplicaReadsMixin, generics.ListAPIView):
    required_scope = Scope.ATTENDANCE_READ
    serializer_class = DailyRecordSerializer
    filterset_class = filters.DailyRecordFilter

    def get_queryset(self):
        return selectors.daily_records(opds=Principal.of(self.request).opds())


@docs.endpoint(
    Scope.SUMMARY_READ,
    summary="Rekap harian per OPD",
    description=(
        "Satu baris per OPD per hari kerja: jumlah pegawai, terjadwal dan hadir WFH/WFO, tidak "
        "hadir, terlambat, cuti, mode tidak sesuai, dan unit dengan kehadiran di kantor terendah "
        "terhadap minimumnya. `date` wajib; `opd` opsional. Urut kode OPD."
    ),
    examples=docs_attendance.SUMMARY_EXAMPLES,
)
class OpdSummaryView(ReplicaReadsMixin, generics.ListAPIView):
    required_scope = Scope.SUMMARY_READ
    serializer_class = OpdDaySummarySerializer
    filterset_class = filters.OpdSummaryFilter

    def get_queryset(self):
        return selectors.opd_summaries(opds=Principal.of(self.request).opds())
