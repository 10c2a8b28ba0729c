"""Response and request shapes of API v1 (read-only output serializers; ingest input is parsed
by attendance.services.events_ingest, which answers per item)."""

from __future__ import annotations

from rest_framework import serializers

from attendance.models import DailyRecord, OpdDaySummary
from attendance.services import MAX_BATCH
from opd.models import Opd, Unit
from wfh.models import ScheduleDay


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Kode galat yang stabil, mis. validation_error.")
    message = serializers.CharField(help_text="Penjelasan untuk manusia.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Pesan per isian; kosong bila tidak ada isian yang salah.",
    )


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["code", "name", "frontline", "min_onsite"]


class OpdSerializer(serializers.ModelSerializer):
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
        help_text="ID unik di sistem pengirim; kiriman ulang dengan ID sama dijawab duplicate.",
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
