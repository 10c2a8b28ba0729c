from django.contrib import admin

from buildings.models import (
    Bill,
    Building,
    ConsumptionEvent,
    EmissionFactor,
    Meter,
    MeterReading,
    Tariff,
    UnitSeat,
    Zone,
)
from buildings.models_plans import ConsolidationPlan, UnitMove, ZoneClosure


class ZoneInline(admin.TabularInline):
    model = Zone
    extra = 0


class MeterInline(admin.TabularInline):
    model = Meter
    extra = 0


@admin.register(Building)
class BuildingAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "active")
    search_fields = ("code", "name")
    filter_horizontal = ("opds",)
    inlines = [ZoneInline, MeterInline]


class TariffInline(admin.TabularInline):
    model = Tariff
    extra = 0


@admin.register(Meter)
class MeterAdmin(admin.ModelAdmin):
    list_display = ("building", "code", "kind", "zone", "active")
    list_filter = ("kind",)
    inlines = [TariffInline]


@admin.register(UnitSeat)
class UnitSeatAdmin(admin.ModelAdmin):
    list_display = ("unit", "zone")
    raw_id_fields = ("unit",)


class ZoneClosureInline(admin.TabularInline):
    model = ZoneClosure
    extra = 0
    can_delete = False
    readonly_fields = ("zone", "weekday", "days", "emptied", "kwh", "rupiah")


class UnitMoveInline(admin.TabularInline):
    model = UnitMove
    extra = 0
    can_delete = False
    readonly_fields = ("unit", "weekday", "from_zone", "to_zone", "people")


@admin.register(ConsolidationPlan)
class ConsolidationPlanAdmin(admin.ModelAdmin):
    """Read-only: plans are accepted and withdrawn on /gedung/rencana/ (buildings.plans)."""

    list_display = ("phase", "start", "end", "status", "zone_days", "kwh", "rupiah")
    list_filter = ("status",)
    inlines = [ZoneClosureInline, UnitMoveInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MeterReading)
class MeterReadingAdmin(admin.ModelAdmin):
    list_display = ("meter", "start", "end", "value", "source")
    list_filter = ("source",)
    raw_id_fields = ("meter",)
    date_hierarchy = "start"


@admin.register(Bill)
class BillAdmin(admin.ModelAdmin):
    list_display = ("meter", "month", "quantity", "amount_rp", "degree_days")
    raw_id_fields = ("meter",)


@admin.register(ConsumptionEvent)
class ConsumptionEventAdmin(admin.ModelAdmin):
    list_display = ("building", "meter", "day", "description")
    raw_id_fields = ("meter",)


@admin.register(EmissionFactor)
class EmissionFactorAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "kg_co2_per_kwh", "source")
