from django.contrib import admin

from buildings.models import Building, Meter, Tariff, UnitSeat, Zone
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
