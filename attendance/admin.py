from django.contrib import admin

from attendance.models import (
    AttendanceEvent,
    LatenessTier,
    LeaveRecord,
    SpecialPeriod,
    WorkingHours,
)


class SpecialPeriodInline(admin.StackedInline):
    model = SpecialPeriod
    extra = 0


class LatenessTierInline(admin.TabularInline):
    model = LatenessTier
    extra = 0


@admin.register(WorkingHours)
class WorkingHoursAdmin(admin.ModelAdmin):
    list_display = ["__str__", "grace_minutes", "require_home_radius"]
    raw_id_fields = ["opd"]
    inlines = [SpecialPeriodInline, LatenessTierInline]


@admin.register(AttendanceEvent)
class AttendanceEventAdmin(admin.ModelAdmin):
    list_display = ["employee", "day", "timestamp", "kind", "mode", "source", "status"]
    list_filter = ["status", "source", "kind", "mode"]
    search_fields = ["employee__nip", "employee__name", "external_id", "device_id"]
    date_hierarchy = "day"
    raw_id_fields = ["employee", "opd", "reviewed_by"]
    list_select_related = ["employee"]


@admin.register(LeaveRecord)
class LeaveRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "kind", "start", "end", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["employee__nip", "employee__name"]
    date_hierarchy = "start"
    raw_id_fields = ["employee", "created_by"]
    list_select_related = ["employee"]
