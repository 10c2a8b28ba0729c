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
