from django.contrib import admin

from selfservice.models import CalendarToken, SwapRequest


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["employee", "hint", "created_at", "revoked_at", "last_used_at"]
    list_filter = ["revoked_at"]
    search_fields = ["employee__name", "employee__nip"]
    list_select_related = ["employee"]
    raw_id_fields = ["employee"]
    readonly_fields = ["token_hash", "hint", "created_at", "last_used_at"]


@admin.register(SwapRequest)
class SwapRequestAdmin(admin.ModelAdmin):
    list_display = ["day", "requester", "colleague", "status", "decided_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["requester__name", "colleague__name", "requester__nip", "colleague__nip"]
    date_hierarchy = "day"
    list_select_related = ["requester", "colleague", "decided_by"]
    raw_id_fields = ["requester", "colleague", "created_by", "decided_by"]
