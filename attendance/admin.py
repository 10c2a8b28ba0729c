from django.contrib import admin

from attendance.models import (
    AttendanceEvent,
    DailyRecord,
    LatenessTier,
    OpdDaySummary,
    SpecialPeriod,
    SummaryRun,
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows built by attendance.summaries: readable here, changed only by a summary run."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DailyRecord)
class DailyRecordAdmin(ReadOnlyAdmin):
    list_display = ["employee", "day", "opd", "scheduled_mode", "status", "late_tier", "early_tier"]
    list_filter = ["status", "scheduled_mode", "mismatch", "report_state"]
    search_fields = ["employee__nip", "employee__name"]
    date_hierarchy = "day"
    raw_id_fields = ["employee", "opd", "unit"]
    list_select_related = ["employee", "opd"]


@admin.register(OpdDaySummary)
class OpdDaySummaryAdmin(ReadOnlyAdmin):
    list_display = ["opd", "day", "headcount", "present_wfo", "present_wfh", "absent", "late"]
    date_hierarchy = "day"
    raw_id_fields = ["opd", "lowest_unit"]
    list_select_related = ["opd"]


@admin.register(SummaryRun)
class SummaryRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "trigger", "start", "end", "records", "summaries", "outcome"]
    list_filter = ["trigger", "outcome"]
