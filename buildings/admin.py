from django.contrib import admin

from buildings.models import Building, Meter, Tariff, UnitSeat, Zone


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
