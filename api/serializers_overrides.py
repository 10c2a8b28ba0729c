"""Output of the declared days and the individual WFH orders (input is read by the services'
own parsers, wfh.overrides.inputs and wfh.overrides.orders, which name each bad field)."""

from __future__ import annotations

from rest_framework import serializers

from wfh.overrides.models import DeclaredDay, WfhOrder


class DeclaredDaySerializer(serializers.ModelSerializer):
    opds = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    exempt_opds = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    exempt_units = serializers.SerializerMethodField()
    frontline_units = serializers.SerializerMethodField()
    share = serializers.DecimalField(max_digits=3, decimal_places=2, coerce_to_string=False)
    affected_employees = serializers.SerializerMethodField()

    class Meta:
        model = DeclaredDay
        fields = [
            "id",
            "start",
            "end",
            "mode",
            "reference",
            "title",
            "share",
            "opds",
            "exempt_opds",
            "exempt_kinds",
            "exempt_units",
            "frontline_units",
            "status",
            "affected_employees",
            "created_at",
            "revoked_at",
        ]

    def get_exempt_units(self, obj) -> list[str]:
        return [f"{u.opd.code}/{u.code}" for u in obj.exempt_units.all()]

    def get_frontline_units(self, obj) -> list[str]:
        return [f"{u.opd.code}/{u.code}" for u in obj.frontline_units.all()]

    def get_affected_employees(self, obj) -> int:
        return int((obj.stats or {}).get("employees", 0))


class DeclaredPreviewSerializer(serializers.Serializer):
    """What POST with `dry_run` answers: the totals and each OPD's line, nothing saved."""

    opds = serializers.IntegerField()
    employees = serializers.IntegerField()
    wfh = serializers.IntegerField()
    wfo = serializers.IntegerField()
    shortfalls = serializers.IntegerField()
    by_opd = serializers.ListField(child=serializers.DictField())


class WfhOrderSerializer(serializers.ModelSerializer):
    opd = serializers.SlugRelatedField(read_only=True, slug_field="code")
    nips = serializers.SerializerMethodField()

    class Meta:
        model = WfhOrder
        fields = [
            "id",
            "opd",
            "number",
            "reason",
            "note",
            "start",
            "end",
            "nips",
            "departures",
            "departure_reason",
            "status",
            "created_at",
            "revoked_at",
        ]

    def get_nips(self, obj) -> list[str]:
        return sorted(e.nip for e in obj.employees.all())


class RevokeSerializer(serializers.Serializer):
    """A revoke takes no body."""
