"""Phase changes from a date (wfh.phase_versions) in the API: the request as documented (the
service's own parser reads it and names each bad field) and a version as answered."""

from __future__ import annotations

from rest_framework import serializers

from opd.models import OpdKind
from wfh.models import PhaseVersion


class PhaseChangeRequestSerializer(serializers.Serializer):
    valid_from = serializers.DateField(help_text="Berlaku mulai tanggal ini (ISO 8601).")
    wfh_weekdays = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=4),
        required=False,
        help_text="Hari WFH baru untuk pola hari tetap: 0 = Senin ... 4 = Jumat.",
    )
    ratio = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        required=False,
        coerce_to_string=False,
        help_text="Rasio baru untuk pola rotasi (0.01-1).",
    )
    weekly_cap = serializers.IntegerField(
        min_value=1, max_value=5, required=False, help_text="Batas hari WFH per minggu."
    )
    exempt_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=OpdKind.values),
        required=False,
        help_text="Jenis OPD yang dikecualikan (seluruh pegawainya WFO); [] untuk tidak ada.",
    )
    reference = serializers.CharField(max_length=200, help_text="Nomor surat edaran perubahan.")
    note = serializers.CharField(required=False, allow_blank=True)


class PhaseChangeSerializer(serializers.ModelSerializer):
    phase = serializers.CharField(source="phase.slug", help_text="Slug tahap.")
    ratio = serializers.DecimalField(
        max_digits=3, decimal_places=2, coerce_to_string=False, allow_null=True
    )
    wfh_weekdays = serializers.ListField(child=serializers.IntegerField())
    exempt_kinds = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = PhaseVersion
        fields = [
            "id",
            "phase",
            "valid_from",
            "wfh_weekdays",
            "ratio",
            "weekly_cap",
            "exempt_kinds",
            "reference",
            "note",
            "created_at",
        ]


class PhaseChangeCreatedSerializer(PhaseChangeSerializer):
    history = serializers.CharField(
        help_text='Riwayat tahap, mis. "Kamis s.d. 16 Februari 2026, Senin sejak 17 Februari 2026".'
    )
    rosters_queued = serializers.IntegerField(
        help_text="Jadwal OPD yang disusun ulang mulai valid_from sebagai draf."
    )

    class Meta(PhaseChangeSerializer.Meta):
        fields = [*PhaseChangeSerializer.Meta.fields, "history", "rosters_queued"]
