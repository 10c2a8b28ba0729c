"""API v1 shapes of the occupancy forecast (GET /api/v1/occupancy/)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from buildings.models import Building


class OccupancyQuerySerializer(serializers.Serializer):
    date = serializers.DateField(help_text="Tanggal (YYYY-MM-DD), tahun 2000 sampai 2100.")
    building = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Building.objects.none(),
        required=False,
        help_text="Kode gedung; tanpa ini: semua gedung dalam cakupan.",
        error_messages={
            "does_not_exist": _("Gedung {value} tidak dikenal atau di luar cakupan Anda.")
        },
    )

    def __init__(self, *args, buildings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if buildings is not None:
            self.fields["building"].queryset = buildings

    def validate_date(self, value: dt.date) -> dt.date:
        if not 2000 <= value.year <= 2100:
            raise serializers.ValidationError(_("Tahun harus antara 2000 dan 2100."))
        return value


class OccupancyZoneSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    floor = serializers.CharField(help_text="Lantai; kosong bila tidak diisi.")
    capacity = serializers.IntegerField(help_text="Jumlah kursi.")
    onsite = serializers.IntegerField(
        help_text="Orang yang diperkirakan hadir (WFO dan piket, tanpa yang cuti)."
    )
    always_on = serializers.BooleanField(help_text="Ada beban yang selalu menyala (ruang server).")
    nearly_empty = serializers.BooleanField(help_text="Paling banyak 25% kursi terisi.")


class OccupancyBuildingSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    capacity = serializers.IntegerField()
    onsite = serializers.IntegerField()
    published = serializers.BooleanField(
        help_text="Ada jadwal terbit untuk unit gedung ini pada tanggal itu; false: belum "
        "terbit, onsite 0 bukan berarti kosong."
    )
    nearly_empty = serializers.BooleanField()
    zones = OccupancyZoneSerializer(many=True)


class OccupancySerializer(serializers.Serializer):
    date = serializers.DateField()
    buildings = OccupancyBuildingSerializer(many=True)
