"""API v1 views: thin. Reading is in api/selectors.py, writing in the apps' services; who may see
what comes from api.auth.Principal (opd.access for session users)."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from api import docs, filters, selectors, services
from api.auth import Principal
from api.models import Scope
from api.serializers import (
    CalendarQuerySerializer,
    CalendarSerializer,
    DailyRecordSerializer,
    EmployeeDaySerializer,
    EmployeeSerializer,
    EventIngestResponseSerializer,
    InputResponseSerializer,
    OpdDaySummarySerializer,
    OpdDetailSerializer,
    OpdSerializer,
    PhaseSerializer,
    RosterPublishedSerializer,
    RosterPublishSerializer,
    RosterSerializer,
    RosterStartSerializer,
    ScheduleEntrySerializer,
)
from attendance import services as attendance_services
from evaluation import services as evaluation_services
from opd import access
from wfh.models import Phase, Roster, ScheduleDay
from wfh.rosters import generation, publication


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


def _found(employee, nip: str):
    """The employee a NIP path names, or the one 404 of every /employees/{nip}/ route."""
    if employee is None:
        raise exceptions.NotFound(
            _("Pegawai dengan NIP %(nip)s tidak ditemukan atau di luar cakupan Anda.")
            % {"nip": nip}
        )
    return employee


# -- organisation ----------------------------------------------------------------------------


@docs.endpoint(
    Scope.ORG_READ,
    summary="Daftar OPD",
    description="OPD yang boleh dilihat pemanggil, urut kode.",
    examples=docs.OPD_LIST_EXAMPLES,
)
class OpdListView(generics.ListAPIView):
    required_scope = Scope.ORG_READ
    serializer_class = OpdSerializer
    filterset_class = filters.OpdFilter

    def get_queryset(self):
        return selectors.opd_list(opds=Principal.of(self.request).opds())


@docs.endpoint(
    Scope.ORG_READ,
    summary="Satu OPD dengan unitnya",
    description="OPD dengan kode `code` dan unit kerjanya. 404 bila tidak ada atau di luar cakupan",
    examples=docs.OPD_DETAIL_EXAMPLES,
    not_found=True,
    path={"code": "Kode OPD, mis. DISKOMINFO."},
)
class OpdDetailView(generics.RetrieveAPIView):
    required_scope = Scope.ORG_READ
    serializer_class = OpdDetailSerializer
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        opd = selectors.opd_detail(opds=Principal.of(self.request).opds(), code=self.kwargs["code"])
        if opd is None:
            raise exceptions.NotFound(
                _("OPD %(code)s tidak ditemukan atau di luar cakupan Anda.")
                % {"code": self.kwargs["code"]}
            )
        return opd


# -- schedule --------------------------------------------------------------------------------


@docs.endpoint(
    Scope.SCHEDULE_READ,
    summary="Jadwal satu OPD pada satu hari",
    description=(
        "Mode terbit (WFH, WFO, LEAVE) tiap pegawai OPD pada tanggal itu, dari roster yang sudah "
        "diterbitkan; urut kode unit lalu nama. `date` dan `opd` wajib. Jawaban membawa ETag: "
        "kirim `If-None-Match` untuk mendapat 304 bila tidak berubah."
    ),
    examples=docs.SCHEDULE_EXAMPLES,
    etag=True,
)
class ScheduleView(ETagMixin, PlainRowsMixin, generics.ListAPIView):
    required_scope = Scope.SCHEDULE_READ
    serializer_class = ScheduleEntrySerializer
    filterset_class = filters.ScheduleFilter
    row_shape = staticmethod(selectors.schedule_entry)

    def get_queryset(self):
        return selectors.schedule_rows(opds=Principal.of(self.request).opds())


@docs.endpoint(
    Scope.SCHEDULE_READ,
    summary="Jadwal satu pegawai dalam rentang tanggal",
    description=(
        "Mode terbit pegawai dengan NIP `nip` per hari dari `from` sampai `to` (paling panjang "
        "366 hari), urut tanggal. 404 bila NIP tidak ada atau di luar cakupan. Dengan ETag."
    ),
    examples=docs.EMPLOYEE_SCHEDULE_EXAMPLES,
    not_found=True,
    etag=True,
    path={"nip": "NIP 18 digit pegawai."},
)
class EmployeeScheduleView(ETagMixin, PlainRowsMixin, generics.ListAPIView):
    required_scope = Scope.SCHEDULE_READ
    serializer_class = EmployeeDaySerializer
    filterset_class = filters.EmployeeScheduleFilter
    row_shape = staticmethod(selectors.employee_day)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return ScheduleDay.objects.none()
        principal = Principal.of(self.request)
        nip = self.kwargs["nip"]
        employee = _found(
            selectors.employee_for_schedule(employees=principal.employees(), nip=nip), nip
        )
        opds = principal.opds() if principal.client is not None else None
        return selectors.schedule_for_employee(opds=opds, employee=employee)


# -- attendance ------------------------------------------------------------------------------


@docs.endpoint(
    Scope.ATTENDANCE_WRITE,
    summary="Kirim presensi (sekaligus, paling banyak 1.000)",
    description=docs.INGEST_DESCRIPTION,
    request=docs.INGEST_REQUEST,
    response=EventIngestResponseSerializer,
    examples=docs.INGEST_EXAMPLES,
    method="post",
)
class AttendanceEventsView(APIView):
    required_scope = Scope.ATTENDANCE_WRITE

    def post(self, request):
        items = _batch_items(request.data)
        principal = Principal.of(request)
        return Response(services.events_ingest_for(items=items, opd_ids=principal.opd_ids))


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
    examples=docs.DAILY_EXAMPLES,
)
class DailyRecordView(generics.ListAPIView):
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
    examples=docs.SUMMARY_EXAMPLES,
)
class OpdSummaryView(generics.ListAPIView):
    required_scope = Scope.SUMMARY_READ
    serializer_class = OpdDaySummarySerializer
    filterset_class = filters.OpdSummaryFilter

    def get_queryset(self):
        return selectors.opd_summaries(opds=Principal.of(self.request).opds())


# -- kajian inputs --------------------------------------------------------------------------


def _input_items(data, noun: str) -> list:
    """The items of a kajian input batch: a JSON list, or {"items": [...]}, 1 to 1,000 long."""
    if isinstance(data, dict) and set(data) == {"items"}:
        data, where = data["items"], "items"
    else:
        where = "non_field_errors"
    if not isinstance(data, list):
        raise exceptions.ValidationError(
            {where: [_('Kirim daftar JSON, atau objek {"items": [...]}.')]}
        )
    if not data:
        raise exceptions.ValidationError({where: [_("Daftar %(noun)s kosong.") % {"noun": noun}]})
    limit = evaluation_services.MAX_API_BATCH
    if len(data) > limit:
        raise exceptions.ValidationError(
            {
                where: [
                    _("Paling banyak %(max)s %(noun)s sekali kirim; diterima %(n)s.")
                    % {"max": limit, "noun": noun, "n": len(data)}
                ]
            }
        )
    return data


def _evaluation_writer(request) -> Principal:
    """Token clients need the scope (HasScope); a browser session must be HR, like the pages."""
    principal = Principal.of(request)
    if principal.client is None and not request.user.is_hr:
        raise exceptions.PermissionDenied(_("Hanya HR yang boleh mengisi data kajian."))
    return principal


@docs.endpoint(
    Scope.EVALUATION_WRITE,
    summary="Kirim biaya operasional per OPD per bulan (paling banyak 1.000)",
    description=docs.COSTS_DESCRIPTION,
    request=docs.COSTS_REQUEST,
    response=InputResponseSerializer,
    examples=docs.COSTS_EXAMPLES,
    method="post",
    bad_request=docs.COSTS_BAD_REQUEST,
)
class EvaluationCostsView(APIView):
    required_scope = Scope.EVALUATION_WRITE

    def post(self, request):
        principal = _evaluation_writer(request)
        items = _input_items(request.data, _("biaya"))
        user = request.user if principal.client is None else None
        return Response(
            evaluation_services.costs_ingest(items=items, opd_ids=principal.opd_ids, user=user)
        )


@docs.endpoint(
    Scope.EVALUATION_WRITE,
    summary="Kirim keluaran layanan publik per OPD per hari atau minggu (paling banyak 1.000)",
    description=docs.SERVICE_OUTPUT_DESCRIPTION,
    request=docs.SERVICE_OUTPUT_REQUEST,
    response=InputResponseSerializer,
    examples=docs.SERVICE_OUTPUT_EXAMPLES,
    method="post",
    bad_request=docs.SERVICE_OUTPUT_BAD_REQUEST,
)
class EvaluationServiceOutputView(APIView):
    required_scope = Scope.EVALUATION_WRITE

    def post(self, request):
        principal = _evaluation_writer(request)
        items = _input_items(request.data, _("keluaran layanan"))
        return Response(
            evaluation_services.service_output_ingest(items=items, opd_ids=principal.opd_ids)
        )


# -- employees -----------------------------------------------------------------------------------


def _personal_rule(request):
    """Who may see an employee's NIP and personal data: a client with org:read; a session user
    by opd.access (HR, the employee's OPD admin, the employee)."""
    principal = Principal.of(request)
    if principal.client is not None:
        full = principal.client.has_scope(Scope.ORG_READ)
        return lambda employee: full
    user = request.user
    return lambda employee: access.can_see_personal_data(user, employee)


class EmployeeMixin:
    required_scope = (Scope.ORG_READ, Scope.SCHEDULE_READ)
    serializer_class = EmployeeSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        context["personal"] = _personal_rule(self.request)
        context["today"] = timezone.localdate()
        return context


@docs.endpoint(
    (Scope.ORG_READ, Scope.SCHEDULE_READ),
    summary="Daftar pegawai",
    description=docs.EMPLOYEE_NOTE
    + (
        "\n\nUrut kode OPD, kode unit, nama. Saring dengan `opd`, `unit`, `active` (aktif hari "
        "ini) dan `q` (sebagian nama)."
    ),
    examples=docs.EMPLOYEE_LIST_EXAMPLES,
    tag="Organisasi",
)
class EmployeeListView(EmployeeMixin, generics.ListAPIView):
    filterset_class = filters.EmployeeFilter

    def get_queryset(self):
        return selectors.employee_list(employees=Principal.of(self.request).employees())


@docs.endpoint(
    (Scope.ORG_READ, Scope.SCHEDULE_READ),
    summary="Satu pegawai",
    description=docs.EMPLOYEE_NOTE
    + (
        "\n\nPegawai dengan NIP `nip`; tanpa org:read jawaban tidak mengulang NIP. 404 bila "
        "tidak ada atau di luar cakupan."
    ),
    examples=docs.EMPLOYEE_DETAIL_EXAMPLES,
    not_found=True,
    path={"nip": "NIP 18 digit pegawai."},
    tag="Organisasi",
)
class EmployeeDetailView(EmployeeMixin, generics.RetrieveAPIView):
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        employees = Principal.of(self.request).employees()
        return _found(
            selectors.employee_detail(employees=employees, nip=self.kwargs["nip"]),
            self.kwargs["nip"],
        )


# -- calendar ------------------------------------------------------------------------------------


@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ORG_READ),
    summary="Kalender kerja satu tahun",
    description=docs.CALENDAR_DESCRIPTION,
    examples=docs.CALENDAR_EXAMPLES,
    response=CalendarSerializer,
    query=[CalendarQuerySerializer],
    etag=True,
    tag="Jadwal",
)
class CalendarView(ETagMixin, APIView):
    required_scope = (Scope.SCHEDULE_READ, Scope.ORG_READ)

    def get(self, request):
        principal = Principal.of(request)
        visible = principal.opds()
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


# -- phases and rosters --------------------------------------------------------------------------


@docs.endpoint(
    (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE),
    summary="Daftar tahap program WFH",
    description=docs.PHASE_DESCRIPTION,
    examples=docs.PHASE_EXAMPLES,
    tag="Roster",
)
class PhaseListView(generics.ListAPIView):
    required_scope = (Scope.SCHEDULE_READ, Scope.ROSTER_WRITE)
    serializer_class = PhaseSerializer
    filterset_class = filters.PhaseFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request
            return Phase.objects.none()
        principal = Principal.of(self.request)
        return selectors.phase_list(opds=principal.opds(), restricted=principal.opd_ids is not None)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["active_codes"] = selectors.active_opd_codes(Principal.of(self.request).opds())
            context["today"] = timezone.localdate()
        return context


def _roster_or_404(request, pk) -> Roster:
    roster = selectors.roster_get(opds=Principal.of(request).opds(), pk=pk)
    if roster is None:
        raise exceptions.NotFound(
            _("Roster %(id)s tidak ditemukan atau di luar cakupan Anda.") % {"id": pk}
        )
    return roster


def _roster_user(request):
    """The user a roster service acts for: none for a token client, the session's user."""
    return None if Principal.of(request).client is not None else request.user


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Buat roster satu OPD dalam satu tahap (antre)",
    description=docs.ROSTER_START_DESCRIPTION,
    request=RosterStartSerializer,
    response=RosterSerializer,
    examples=docs.ROSTER_START_EXAMPLES,
    method="post",
    success=202,
    bad_request=docs.ROSTER_START_BAD_REQUEST,
    tag="Roster",
)
@docs.endpoint(
    (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
    summary="Daftar roster",
    description=(
        "Semua versi roster OPD dalam cakupan pemanggil, urut awal tahap, tahap, kode OPD, versi "
        "terbaru dahulu. Saring dengan `phase` (slug), `opd`, `status`, `workflow`."
    ),
    examples=docs.ROSTER_LIST_EXAMPLES,
    tag="Roster",
)
class RosterListView(generics.ListCreateAPIView):
    required_scopes = {
        "GET": (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
        "HEAD": (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
        "POST": Scope.ROSTER_WRITE,
    }
    required_scope = Scope.ROSTER_WRITE
    serializer_class = RosterSerializer
    filterset_class = filters.RosterFilter

    def get_queryset(self):
        return selectors.roster_list(opds=Principal.of(self.request).opds())

    def create(self, request, *args, **kwargs):
        start = RosterStartSerializer(data=request.data, opds=Principal.of(request).opds())
        start.is_valid(raise_exception=True)
        try:
            (roster,) = generation.rosters_start(
                phase=start.validated_data["phase"],
                opds=[start.validated_data["opd"]],
                user=_roster_user(request),
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc) or None) from exc
        roster = selectors.roster_get(opds=Principal.of(request).opds(), pk=roster.pk)
        body = RosterSerializer(roster, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


@docs.endpoint(
    (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ),
    summary="Satu roster: status dan kemajuan pembuatan",
    description=docs.ROSTER_DETAIL_DESCRIPTION,
    examples=docs.ROSTER_DETAIL_EXAMPLES,
    not_found=True,
    path={"id": "ID roster (dari POST /api/v1/rosters/)."},
    tag="Roster",
)
class RosterDetailView(generics.RetrieveAPIView):
    required_scope = (Scope.ROSTER_WRITE, Scope.SCHEDULE_READ)
    serializer_class = RosterSerializer
    pagination_class = None
    filter_backends: list = []

    def get_object(self):
        return _roster_or_404(self.request, self.kwargs["id"])


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


@docs.endpoint(
    Scope.ROSTER_WRITE,
    summary="Terbitkan roster",
    description=docs.ROSTER_PUBLISH_DESCRIPTION,
    request=RosterPublishSerializer,
    response=RosterPublishedSerializer,
    examples=docs.ROSTER_PUBLISH_EXAMPLES,
    method="post",
    not_found=True,
    path={"id": "ID roster."},
    bad_request=docs.ROSTER_PUBLISH_BAD_REQUEST,
    conflict=docs.ROSTER_PUBLISH_CONFLICT,
    tag="Roster",
)
class RosterPublishView(APIView):
    required_scope = Scope.ROSTER_WRITE

    def post(self, request, id):
        roster = _roster_or_404(request, id)
        body = RosterPublishSerializer(data=request.data if request.data else {})
        body.is_valid(raise_exception=True)
        from_date = body.validated_data.get("from")
        phase = roster.phase
        if from_date is not None and not (phase.start <= from_date <= phase.end):
            raise exceptions.ValidationError(
                {
                    "from": _("Tanggal %(d)s di luar tahap (%(start)s s.d. %(end)s).")
                    % {"d": from_date, "start": phase.start, "end": phase.end}
                }
            )
        try:
            written = publication.roster_publish(
                roster=roster, user=_roster_user(request), from_date=from_date
            )
        except DjangoPermissionDenied as exc:
            raise exceptions.PermissionDenied(_("Hanya HR yang boleh menerbitkan jadwal.")) from exc
        except DjangoValidationError as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        roster = _roster_or_404(request, id)
        data = RosterSerializer(roster, context={"request": request}).data
        return Response({**data, "published_rows": written})


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any other path under /api/v1/: the error body, not an HTML page."""

    permission_classes: list = []
    throttle_classes: list = []

    def _not_found(self, request, *args, **kwargs):
        raise exceptions.NotFound(_("Alamat API ini tidak ada. Lihat /api/docs/."))

    get = post = put = patch = delete = head = options = _not_found
