from django.contrib import admin

from wfh.models import (
    AssignmentChange,
    LocalDayOff,
    Phase,
    PhaseOpdOption,
    Programme,
    Roster,
)


@admin.register(LocalDayOff)
class LocalDayOffAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    filter_horizontal = ["opds"]
    date_hierarchy = "date"


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["order", "slug", "name", "start", "end", "pattern", "ratio", "weekly_cap"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "legal_basis"]
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "programme", "start", "end", "pattern", "weekly_cap"]
    list_filter = ["pattern", "programme"]
    filter_horizontal = ["opds"]


@admin.register(PhaseOpdOption)
class PhaseOpdOptionAdmin(admin.ModelAdmin):
    list_display = ["phase", "opd", "composition", "optional_weekday"]
    list_filter = ["optional_weekday", "phase"]
    raw_id_fields = ["opd"]


@admin.register(Roster)
class RosterAdmin(admin.ModelAdmin):
    list_display = ["pk", "phase", "opd", "version", "status", "workflow", "created_at"]
    list_filter = ["status", "workflow", "phase"]
    raw_id_fields = ["opd", "created_by", "submitted_by", "published_by"]
    readonly_fields = ["stats", "params", "progress_done", "progress_total", "error"]


@admin.register(AssignmentChange)
class AssignmentChangeAdmin(admin.ModelAdmin):
    list_display = ["roster", "employee", "day", "old_mode", "new_mode", "changed_by", "changed_at"]
    raw_id_fields = ["roster", "employee", "changed_by"]
