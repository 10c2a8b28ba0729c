from django.contrib import admin

from leave.models import LeaveRecord


@admin.register(LeaveRecord)
class LeaveRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "kind", "start", "end", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["employee__nip", "employee__name"]
    date_hierarchy = "start"
    raw_id_fields = ["employee", "created_by"]
    list_select_related = ["employee"]
