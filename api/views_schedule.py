"""API v1 views of the published schedule (an OPD's day, an employee's days) and the work
calendar, with a weak ETag (304 when unchanged). Thin: reading is in api/selectors.py."""

from __future__ import annotations

import hashlib
import json

from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, docs_schedule, filters, selectors
from api.auth import Principal
from api.models import Scope
from api.serializers import (
    CalendarQuerySerializer,
    CalendarSerializer,
    EmployeeDaySerializer,
    ScheduleEntrySerializer,
)
from api.views_org import employee_or_404
from common.replica import ReplicaReadsMixin
from wfh.models import ScheduleDay


class ETagMixin:
    """A weak ETag over the response body; If-None-Match with it answers 304 Not Modified."""

    def finalize_response(self, request, response, *args, **kwargs):
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            body = json.dumps(response.data, sort_keys=True, default=str).encode()
            etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
            response["ETag"] = etag
            response["Cache-Control"] = "private, no-cache"
            sent = request.headers.get("If-None-Match", "")
            if etag in [t.strip() for t in sent.split(",")] or sent.strip() == "*":
                not_modified = Response(status=status.HTTP_304_NOT_MODIFIED)
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = "private, no-cache"
                return super().finalize_response(request, not_modified, *args, **kwargs)
        return super().finalize_response(request, response, *args, **kwargs)


class PlainRowsMixin:
    """A list whose selector answers plain rows (values()), turned into the response's shape by
    `row_shape`: no model objects and no field-by-field serializer on the hot reads. The
    serializer_class still documents the shape (and the schema test checks the two agree)."""

    row_shape = staticmethod(lambda row: row)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = [self.row_shape(row) for row in (queryset if page is None else page)]
        return self.get_paginated_response(rows) if page is not None else Response(rows)


# -- schedule --------------------------------------------------------------------------------


@docs.endpoint(
    Scope.SCHEDULE_READ,
    summary="Jadwal satu OPD pada satu hari",
    description=(
        "Mode terbit (WFH, WFO, LEAVE) tiap pegawai OPD pada tanggal itu, dari roster yang sudah "
        "diterbitkan; urut kode unit lalu nama. `date` dan `opd` wajib. Klien API: seluruh OPD "
        "dalam cakupannya. Sesi peramban: aturan yang sama dengan kalender tim (HR semua, admin "
        "OPD OPD-nya, atasan timnya termasuk tanggal mendatang, pegawai dirinya sendiri); `opd` "
        "di luar itu dijawab 400. Jawaban membawa ETag: kirim `If-None-Match` untuk mendapat 304 "
        "bila tidak berubah."
    ),
    examples=docs_schedule.SCHEDULE_EXAMPLES,
    etag=True,
)
class ScheduleView(ReplicaReadsMixin, ETagMixin, PlainRowsMixin, generics.ListAPIView):
    required_scope = Scope.SCHEDULE_READ
    serializer_class = ScheduleEntrySerializer
    filterset_class = filters.ScheduleFilter
    row_shape = staticmethod(selectors.schedule_entry)

    def get_queryset(self):
        return selectors.schedule_rows(days=Principal.of(self.request).schedule_days())


@docs.endpoint(
    Scope.SCHEDULE_READ,
    summary="Jadwal satu pegawai dalam rentang tanggal",
    description=(
        "Mode terbit pegawai dengan NIP `nip` per hari dari `from` sampai `to` (paling panjang "
        "366 hari), urut tanggal. 404 bila NIP tidak ada atau di luar cakupan (sesi peramban: "
        "aturan kalender tim, atasan juga timnya). Dengan ETag."
    ),
    examples=docs_schedule.EMPLOYEE_SCHEDULE_EXAMPLES,
    not_found=True,
    etag=True,
    path={"nip": "NIP 18 digit pegawai."},
)
class EmployeeScheduleView(ReplicaReadsMixin, ETagMixin, PlainRowsMixin, generics.ListAPIView):
    required_scope = Scope.SCHEDULE_READ
    serializer_class = EmployeeDaySerializer
    filterset_class = filters.EmployeeScheduleFilter
    row_shape = staticmethod(selectors.employee_day)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return ScheduleDay.objects.none()
        principal = Principal.of(self.request)
        nip = self.kwargs["nip"]
        employee = employee_or_404(
            selectors.employee_for_schedule(employees=principal.schedule_employees(), nip=nip), nip
        )
        # a client: the days published in its OPDs; a session user may read all of their days
        opds = principal.opds() if principal.client is not None else None
        return selectors.schedule_for_employee(opds=opds, employee=employee)


# -- calendar ------------------------------------------------------------------------------------


@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ORG_READ),
    summary="Kalender kerja satu tahun",
    description=docs_schedule.CALENDAR_DESCRIPTION,
    examples=docs_schedule.CALENDAR_EXAMPLES,
    response=CalendarSerializer,
    query=[CalendarQuerySerializer],
    etag=True,
    tag="Jadwal",
)
class CalendarView(ReplicaReadsMixin, ETagMixin, APIView):
    required_scope = (Scope.SCHEDULE_READ, Scope.ORG_READ)

    def get(self, request):
        principal = Principal.of(request)
        visible = principal.schedule_opds()
        query = CalendarQuerySerializer(data=request.query_params, opds=visible)
        query.is_valid(raise_exception=True)
        year, opd = query.validated_data["year"], query.validated_data.get("opd")
        working, days_off = selectors.calendar_year(
            year=year, opd=opd, visible=visible, restricted=principal.opd_ids is not None
        )
        body = {
            "year": year,
            "opd": opd.code if opd else None,
            "working_day_count": len(working),
            "working_days": working,
            "days_off": [
                {"date": d.date, "kind": d.kind, "name": d.name, "opds": list(d.opds)}
                for d in days_off
            ],
        }
        return Response(CalendarSerializer(body).data)
