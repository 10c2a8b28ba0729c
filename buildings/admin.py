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
