"""Serializers (for the OpenAPI document) of smart meters' readings: the items sent and the
per-item answer. The checks themselves are buildings.readings.rows_check, as for the import."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import FieldErrorSerializer
from buildings.readings import MAX_API_BATCH


class MeterReadingItemSerializer(serializers.Serializer):
    building = serializers.CharField(help_text="Kode gedung, mis. PEMKOT.")
    meter = serializers.CharField(help_text="Kode meter di gedung itu, mis. PLN-UTAMA.")
    start = serializers.DateField(help_text="Awal periode (YYYY-MM-DD).")
    end = serializers.DateField(
        required=False,
        help_text="Akhir periode, termasuk; kosong = satu hari. Paling lama 366 hari.",
    )
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=3,
        min_value=0,
        coerce_to_string=False,
        help_text="Pemakaian dalam periode, dalam satuan meter (kWh, m³, liter, GB).",
    )


class MeterReadingBatchSerializer(serializers.Serializer):
    items = MeterReadingItemSerializer(many=True, max_length=MAX_API_BATCH)


class MeterReadingResultSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Posisi item dalam kiriman, mulai 0.")
    status = serializers.ChoiceField(choices=["created", "updated", "unchanged", "rejected"])
    field = serializers.CharField(help_text="Isian pertama yang salah (rejected), mis. start.")
    message = serializers.CharField(help_text="Alasannya, untuk manusia.")
    errors = FieldErrorSerializer(many=True, help_text="Semua isian yang salah pada item ini.")


class MeterReadingCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()


class MeterReadingResponseSerializer(serializers.Serializer):
    counts = MeterReadingCountsSerializer()
    results = MeterReadingResultSerializer(many=True)
