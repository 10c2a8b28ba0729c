from django.contrib import admin

from opd.models import Employee, ImportBatch, Opd, Placement, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "time_zone", "active"]
    list_filter = ["kind", "active", "time_zone"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["admins"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "opd", "frontline", "min_onsite"]
    list_filter = ["frontline"]
    search_fields = ["code", "name", "opd__code"]
    list_select_related = ["opd"]
    raw_id_fields = ["opd"]


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    raw_id_fields = ["opd", "unit"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["nip", "name", "asn_type", "opd", "unit", "unit_role", "wfh_eligible"]
    list_filter = ["asn_type", "unit_role", "wfh_eligible", "ineligible_reason"]
    search_fields = ["nip", "name"]
    list_select_related = ["opd", "unit"]
    raw_id_fields = ["opd", "unit", "supervisor", "user"]
    inlines = [PlacementInline]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "created_by", "created_at", "finished_at", "keep_good_rows"]
    list_filter = ["status"]
    readonly_fields = ["created_by", "created_at", "finished_at", "status", "result"]
    exclude = ["opds_data", "units_data", "employees_data", "workbook_data"]
