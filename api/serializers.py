"""Response and request shapes of API v1 (read-only output serializers; ingest input is parsed
by attendance.services.events_ingest, which answers per item)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api import selectors
from api.serializers_eligibility import (
    EligibilitySerializer,
    EmployeeListSerializer,
    eligibility_data,
)
from attendance.models import DailyRecord, OpdDaySummary
from attendance.services import MAX_BATCH
from opd.models import Employee, Opd, OpdKind, Unit
from wfh.models import Composition, PatternKind, Phase, Roster, ScheduleDay


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Kode galat yang stabil, mis. validation_error.")
    message = serializers.CharField(help_text="Penjelasan untuk manusia.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Pesan per isian; kosong bila tidak ada isian yang salah.",
    )


def enum_schema(values) -> dict:
    return {"type": "string", "enum": [str(v) for v in values]}


def enum_field(component: str, values, **kwargs) -> serializers.CharField:
    """A string documented as its own named enum component, so that it never shares a generated
    name with another `status` or `kind`."""
    field_class = extend_schema_field(enum_schema(values), component_name=component)(
        type(component, (serializers.CharField,), {})
    )
    return field_class(**kwargs)


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["code", "name", "frontline", "min_onsite"]


class OpdSerializer(serializers.ModelSerializer):
    kind = enum_field("OpdKindEnum", OpdKind.values, help_text="Jenis OPD.")
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    unit_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Opd
        fields = [
            "code",
            "name",
            "kind",
            "parent",
            "time_zone",
            "latitude",
            "longitude",
            "radius_m",
            "active",
            "unit_count",
        ]


class OpdDetailSerializer(OpdSerializer):
    units = UnitSerializer(many=True, read_only=True)
    unit_count = None

    class Meta(OpdSerializer.Meta):
        fields = [f for f in OpdSerializer.Meta.fields if f != "unit_count"] + ["units"]


class ScheduleEntrySerializer(serializers.ModelSerializer):
    nip = serializers.CharField(source="employee.nip")
    name = serializers.CharField(source="employee.name")
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name", allow_null=True, default=None)

    class Meta:
        model = ScheduleDay
        fields = ["nip", "name", "unit", "unit_name", "mode"]


class EmployeeDaySerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="day")
    opd = serializers.CharField(source="opd.code")
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)

    class Meta:
        model = ScheduleDay
        fields = ["date", "mode", "opd", "unit"]


class DailyRecordSerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="day")
    nip = serializers.CharField(source="employee.nip")
    name = serializers.CharField(source="employee.name")
    opd = serializers.CharField(source="opd.code")
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)

    class Meta:
        model = DailyRecord
        fields = [
            "date",
            "nip",
            "name",
            "opd",
            "unit",
            "scheduled_mode",
            "status",
            "leave_kind",
            "first_in",
            "last_out",
            "present_mode",
            "late_minutes",
            "late_tier",
            "early_minutes",
            "early_tier",
            "mismatch",
            "pending_review",
            "report_state",
            "unexcused_ytd",
            "pp94_level",
            "computed_at",
        ]


class OpdDaySummarySerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="day")
    opd = serializers.CharField(source="opd.code")
    lowest_unit = serializers.CharField(source="lowest_unit.code", allow_null=True, default=None)

    class Meta:
        model = OpdDaySummary
        fields = [
            "date",
            "opd",
            "headcount",
            "scheduled_wfh",
            "scheduled_wfo",
            "present_wfh",
            "present_wfo",
            "absent",
            "late",
            "early",
            "on_leave",
            "mismatches",
            "reports_missing",
            "lowest_unit",
            "lowest_unit_onsite",
            "lowest_unit_minimum",
            "computed_at",
        ]


# -- attendance ingest (documentation of the shapes; parsing is the service's) -------------------


class EventItemSerializer(serializers.Serializer):
    nip = serializers.CharField(max_length=18, help_text="NIP 18 digit pegawai.")
    timestamp = serializers.DateTimeField(
        help_text="ISO 8601 dengan zona waktu, mis. 2025-12-01T07:25:00+07:00."
    )
    kind = serializers.ChoiceField(choices=["in", "out"], help_text="in = masuk, out = pulang.")
    mode = serializers.ChoiceField(choices=["WFH", "WFO"], help_text="Mode yang diklaim.")
    latitude = serializers.FloatField(required=False, allow_null=True)
    longitude = serializers.FloatField(required=False, allow_null=True)
    accuracy_m = serializers.FloatField(required=False, allow_null=True)
    device_id = serializers.CharField(required=False, allow_blank=True, max_length=64)
    external_id = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="ID unik per klien API; kiriman ulang ID sama untuk pegawai sama: duplicate.",
    )


class EventBatchSerializer(serializers.Serializer):
    events = EventItemSerializer(many=True, max_length=MAX_BATCH)


class EventResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Posisi item dalam kiriman, mulai 0.")
    status = serializers.ChoiceField(choices=["accepted", "duplicate", "flagged", "rejected"])
    event_id = serializers.IntegerField(allow_null=True)
    flags = serializers.ListField(child=serializers.CharField(), help_text="Kode tanda (flagged).")
    field = serializers.CharField(help_text="Isian yang salah (rejected), mis. nip.")
    message = serializers.CharField(help_text="Alasan, untuk manusia.")


class EventCountsSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()
    duplicate = serializers.IntegerField()
    flagged = serializers.IntegerField()
    rejected = serializers.IntegerField()


class EventIngestResponseSerializer(serializers.Serializer):
    counts = EventCountsSerializer()
    results = EventResultSerializer(many=True)


# -- kajian inputs (documentation of the shapes; parsing is evaluation.services') ----------------


class CostItemSerializer(serializers.Serializer):
    opd = serializers.CharField(help_text="Kode OPD, mis. DISKOMINFO.")
    month = serializers.CharField(help_text="Bulan, YYYY-MM, mis. 2025-10.")
    electricity_kwh = serializers.DecimalField(
        max_digits=12, decimal_places=1, required=False, allow_null=True
    )
    electricity_rp = serializers.IntegerField(required=False, allow_null=True)
    water_m3 = serializers.DecimalField(
        max_digits=12, decimal_places=1, required=False, allow_null=True
    )
    water_rp = serializers.IntegerField(required=False, allow_null=True)
    internet_rp = serializers.IntegerField(required=False, allow_null=True)
    fuel_transport_rp = serializers.IntegerField(required=False, allow_null=True)
    support_staff_rp = serializers.IntegerField(
        required=False, allow_null=True, help_text="Tenaga pendukung: kebersihan, keamanan."
    )
    other_rp = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ServiceOutputItemSerializer(serializers.Serializer):
    opd = serializers.CharField(help_text="Kode OPD, mis. DISDUKCAPIL.")
    start = serializers.DateField(help_text="Tanggal mulai (YYYY-MM-DD).")
    end = serializers.DateField(
        required=False, help_text="Tanggal akhir; kosong = satu hari. Paling lama 31 hari."
    )
    services_delivered = serializers.IntegerField(min_value=0)
    complaints = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    avg_response_minutes = serializers.DecimalField(
        max_digits=8, decimal_places=1, required=False, allow_null=True
    )
    sla_breaches = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    system = serializers.CharField(
        required=False, allow_blank=True, max_length=100, help_text="Sistem asal, mis. SIAK."
    )


class CostBatchSerializer(serializers.Serializer):
    items = CostItemSerializer(many=True, max_length=MAX_BATCH)


class ServiceOutputBatchSerializer(serializers.Serializer):
    items = ServiceOutputItemSerializer(many=True, max_length=MAX_BATCH)


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField()
    message = serializers.CharField()


class InputResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Posisi item dalam kiriman, mulai 0.")
    status = serializers.ChoiceField(choices=["created", "updated", "rejected"])
    field = serializers.CharField(help_text="Isian pertama yang salah (rejected), mis. month.")
    message = serializers.CharField(help_text="Alasannya, untuk manusia.")
    errors = FieldErrorSerializer(many=True, help_text="Semua isian yang salah pada item ini.")


class InputCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    rejected = serializers.IntegerField()


class InputResponseSerializer(serializers.Serializer):
    counts = InputCountsSerializer()
    results = InputResultSerializer(many=True)


# -- employees -----------------------------------------------------------------------------------


class EmployeeBasicSerializer(serializers.ModelSerializer):
    """What anyone who may read schedules sees of a person: no NIP, no personal data."""

    id = serializers.IntegerField(
        read_only=True, help_text="Pengenal tetap pegawai di sistem ini (bukan NIP)."
    )
    opd = serializers.CharField(source="opd.code", help_text="Kode OPD penempatan saat ini.")
    unit = serializers.CharField(source="unit.code", allow_null=True, help_text="Kode unit.")
    unit_name = serializers.CharField(source="unit.name", allow_null=True)
    supervisor = serializers.IntegerField(
        source="supervisor_id", allow_null=True, help_text="`id` atasan langsung."
    )
    active = serializers.SerializerMethodField(help_text="Aktif pada hari ini.")

    class Meta:
        model = Employee
        fields = ["id", "name", "opd", "unit", "unit_name", "position", "unit_role"]
        fields += ["supervisor", "active"]
        extra_kwargs = {"position": {"required": True}, "unit_role": {"required": True}}

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_active(self, employee) -> bool:
        today = self.context.get("today") or timezone.localdate()
        return selectors.is_active(employee, today)


PERSONAL_FIELDS = [
    "nip",
    "asn_type",
    "email",
    "phone",
    "wfh_eligible",
    "ineligible_reason",
    "eligibility",
    "supervisor_nip",
    "active_from",
    "active_to",
]


PERSONAL_HELP = {
    "nip": "NIP 18 digit (hanya dengan org:read).",
    "asn_type": "PNS atau PPPK (hanya dengan org:read).",
    "email": "Hanya dengan org:read.",
    "phone": "Hanya dengan org:read.",
    "wfh_eligible": "Boleh WFH (hanya dengan org:read).",
    "ineligible_reason": "Alasan tidak boleh WFH yang ditetapkan HR (hanya dengan org:read).",
    "active_from": "Hanya dengan org:read.",
    "active_to": "Hanya dengan org:read.",
}


class EmployeeSerializer(EmployeeBasicSerializer):
    """With org:read, personal data too: which fields is opd.access.employee_fields's rule."""

    eligibility = serializers.SerializerMethodField(
        help_text="Boleh WFH hari ini menurut catatan (hanya dengan org:read)."
    )

    supervisor_nip = serializers.CharField(
        source="supervisor.nip",
        allow_null=True,
        required=False,
        help_text="NIP atasan langsung (hanya dengan org:read).",
    )

    class Meta(EmployeeBasicSerializer.Meta):
        list_serializer_class = EmployeeListSerializer
        fields = EmployeeBasicSerializer.Meta.fields + PERSONAL_FIELDS
        # absent without org:read: documented as optional
        extra_kwargs = {
            **EmployeeBasicSerializer.Meta.extra_kwargs,
            **{
                name: {"required": False, "help_text": PERSONAL_HELP.get(name, "")}
                for name in PERSONAL_FIELDS
                if name not in ("supervisor_nip", "eligibility")
            },
        }

    @extend_schema_field(EligibilitySerializer)
    def get_eligibility(self, employee) -> dict:
        return eligibility_data(self.context, employee)

    def to_representation(self, employee):
        data = super().to_representation(employee)
        fields_of = self.context.get("fields")  # opd.access: what the reader may see of them
        if fields_of is not None:
            allowed = fields_of(employee)
            for name in [name for name in data if name not in allowed]:
                del data[name]
        return data


# -- calendar ------------------------------------------------------------------------------------


class CalendarQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, help_text="Tahun, 2000 sampai 2100."
    )
    opd = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Opd.objects.none(),
        required=False,
        help_text="Kode OPD: hari kerja OPD itu dan libur lokalnya.",
        error_messages={
            "does_not_exist": _("OPD {value} tidak dikenal atau di luar cakupan Anda.")
        },
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opds is not None:
            self.fields["opd"].queryset = opds


class DayOffSerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = enum_field(
        "DayOffKindEnum",
        ["holiday", "cuti_bersama", "local"],
        help_text="holiday = libur nasional, cuti_bersama, local = libur lokal Pemda.",
    )
    name = serializers.CharField()
    opds = serializers.ListField(
        child=serializers.CharField(),
        help_text="Libur lokal untuk OPD tertentu: kode OPD-nya. Kosong: berlaku untuk semua OPD.",
    )


class CalendarSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    opd = serializers.CharField(allow_null=True, help_text="Kode OPD bila diminta.")
    working_day_count = serializers.IntegerField()
    working_days = serializers.ListField(
        child=serializers.DateField(), help_text="Semua hari kerja tahun itu, urut tanggal."
    )
    days_off = DayOffSerializer(
        many=True, help_text="Hari libur selain Sabtu dan Minggu, urut tanggal."
    )


# -- phases and rosters --------------------------------------------------------------------------


class PhaseSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.slug", help_text="Slug program.")
    programme_name = serializers.CharField(source="programme.name")
    status = serializers.SerializerMethodField(help_text="upcoming, active atau ended (hari ini).")
    pattern = enum_field(
        "PatternEnum", PatternKind.values, help_text="weekday = hari tetap, rotation = rotasi."
    )
    default_composition = enum_field("CompositionEnum", Composition.values)
    all_opds = serializers.SerializerMethodField(
        help_text="Tahap tidak memilih OPD: berlaku untuk semua OPD aktif."
    )
    opds = serializers.SerializerMethodField(
        help_text="Kode OPD yang dicakup tahap ini, sebatas OPD yang boleh dilihat pemanggil."
    )

    class Meta:
        model = Phase
        fields = [
            "programme",
            "programme_name",
            "slug",
            "name",
            "order",
            "start",
            "end",
            "pattern",
            "wfh_weekdays",
            "optional_weekday",
            "ratio",
            "default_composition",
            "weekly_cap",
            "status",
            "all_opds",
            "opds",
        ]
        extra_kwargs = {
            "wfh_weekdays": {"help_text": "Hari WFH pola hari tetap: 0 = Senin ... 4 = Jumat."}
        }

    @extend_schema_field(
        enum_schema(["upcoming", "active", "ended"]), component_name="PhaseStatusEnum"
    )
    def get_status(self, phase) -> str:
        return selectors.phase_status(phase, self.context.get("today"))

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_all_opds(self, phase) -> bool:
        return not phase.chose_opds

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_opds(self, phase) -> list[str]:
        if not phase.chose_opds:
            return list(self.context.get("active_codes", []))
        return [o.code for o in phase.visible_opds]


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.FloatField(help_text="0 sampai 100, satu desimal.")


class RosterSerializer(serializers.ModelSerializer):
    phase = serializers.CharField(source="phase.slug", help_text="Slug tahap.")
    opd = serializers.CharField(source="opd.code")
    status = enum_field("RosterStatusEnum", Roster.Status.values, help_text="Status pembuatan.")
    workflow = enum_field(
        "RosterWorkflowEnum", Roster.Workflow.values, help_text="Status alur (draf sampai terbit)."
    )
    composition = enum_field(
        "RosterCompositionEnum", [*Composition.values, ""], help_text="Komposisi rotasi dipakai."
    )
    progress = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField(help_text="Alamat roster ini di API.")

    class Meta:
        model = Roster
        fields = [
            "id",
            "phase",
            "opd",
            "version",
            "status",
            "workflow",
            "composition",
            "progress",
            "stats",
            "error",
            "created_at",
            "started_at",
            "finished_at",
            "submitted_at",
            "published_at",
            "published_from",
            "url",
        ]
        extra_kwargs = {
            "stats": {"help_text": "Ringkasan hasil pembuatan (jumlah hari WFH/WFO, dll.)."},
            "error": {"help_text": "Alasan gagal (status failed)."},
        }

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, roster) -> dict:
        done, total = roster.progress_done, roster.progress_total
        if total:
            percent = round(100 * min(done, total) / total, 1)
        else:
            percent = 100.0 if roster.status == Roster.Status.READY else 0.0
        return {"done": done, "total": total, "percent": percent}

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, roster) -> str:
        return reverse("api:roster-detail", args=[roster.pk], request=self.context.get("request"))


class RosterStartSerializer(serializers.Serializer):
    phase = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Phase.objects.all(),
        help_text="Slug tahap, mis. jabar-2025-tahap-1 (lihat GET /api/v1/phases/).",
        error_messages={"does_not_exist": _("Tahap {value} tidak dikenal.")},
    )
    opd = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Opd.objects.none(),
        help_text="Kode OPD.",
        error_messages={
            "does_not_exist": _("OPD {value} tidak dikenal atau di luar cakupan Anda.")
        },
    )

    def __init__(self, *args, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opds is not None:
            self.fields["opd"].queryset = opds

    def validate(self, data):
        phase, opd = data["phase"], data["opd"]
        if not selectors.phase_covers(phase, opd):
            raise serializers.ValidationError(
                {
                    "opd": _("Tahap %(phase)s tidak mencakup OPD %(opd)s.")
                    % {"phase": phase.slug, "opd": opd.code}
                }
            )
        return data


RosterPublishSerializer = type(
    "RosterPublishSerializer",
    (serializers.Serializer,),
    {
        "from": serializers.DateField(
            required=False,
            help_text=(
                "Terbit mulai tanggal ini (di dalam tahap). Tanpa ini: dari tanggal buat ulang, "
                "atau awal tahap pada terbitan pertama, atau hari ini."
            ),
        ),
        "__doc__": "Optional start of the publication (`from` is not a Python name).",
    },
)


class RosterPublishedSerializer(RosterSerializer):
    published_rows = serializers.IntegerField(help_text="Jumlah baris jadwal terbit yang ditulis.")

    class Meta(RosterSerializer.Meta):
        fields = RosterSerializer.Meta.fields + ["published_rows"]
