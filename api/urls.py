"""REST API v1 for other municipal systems (views in api/views_<resource>.py), at /api/v1/."""

from django.urls import path, re_path

from api import (
    views_attendance,
    views_errors,
    views_evaluation,
    views_me,
    views_meters,
    views_occupancy,
    views_org,
    views_overrides,
    views_phase_changes,
    views_rosters,
    views_schedule,
    views_webhooks,
)

app_name = "api"

urlpatterns = [
    path("opds/", views_org.OpdListView.as_view(), name="opd-list"),
    path("me/leave-requests/", views_me.MyLeaveRequestsView.as_view(), name="my-leave-requests"),
    path("opds/<str:code>/", views_org.OpdDetailView.as_view(), name="opd-detail"),
    path("schedule/", views_schedule.ScheduleView.as_view(), name="schedule"),
    path("calendar/", views_schedule.CalendarView.as_view(), name="calendar"),
    path("employees/", views_org.EmployeeListView.as_view(), name="employee-list"),
    path("employees/<str:nip>/", views_org.EmployeeDetailView.as_view(), name="employee-detail"),
    path(
        "employees/<str:nip>/schedule/",
        views_schedule.EmployeeScheduleView.as_view(),
        name="employee-schedule",
    ),
    path(
        "attendance/events/",
        views_attendance.AttendanceEventsView.as_view(),
        name="attendance-events",
    ),
    path("attendance/daily/", views_attendance.DailyRecordView.as_view(), name="attendance-daily"),
    path("summaries/opd/", views_attendance.OpdSummaryView.as_view(), name="summaries-opd"),
    path(
        "evaluation/costs/", views_evaluation.EvaluationCostsView.as_view(), name="evaluation-costs"
    ),
    path(
        "evaluation/service-output/",
        views_evaluation.EvaluationServiceOutputView.as_view(),
        name="evaluation-service-output",
    ),
    path("meter-readings/", views_meters.MeterReadingsView.as_view(), name="meter-readings"),
    path("occupancy/", views_occupancy.OccupancyView.as_view(), name="occupancy"),
    path("phases/", views_rosters.PhaseListView.as_view(), name="phase-list"),
    path(
        "phases/<slug:slug>/changes/",
        views_phase_changes.PhaseChangeListView.as_view(),
        name="phase-change-list",
    ),
    path("rosters/", views_rosters.RosterListView.as_view(), name="roster-list"),
    path("rosters/<int:id>/", views_rosters.RosterDetailView.as_view(), name="roster-detail"),
    path(
        "rosters/<int:id>/publish/",
        views_rosters.RosterPublishView.as_view(),
        name="roster-publish",
    ),
    path("declared-days/", views_overrides.DeclaredDayListView.as_view(), name="declared-day-list"),
    path(
        "declared-days/<int:id>/",
        views_overrides.DeclaredDayDetailView.as_view(),
        name="declared-day-detail",
    ),
    path(
        "declared-days/<int:id>/revoke/",
        views_overrides.DeclaredDayRevokeView.as_view(),
        name="declared-day-revoke",
    ),
    path("wfh-orders/", views_overrides.WfhOrderListView.as_view(), name="wfh-order-list"),
    path(
        "wfh-orders/<int:id>/revoke/",
        views_overrides.WfhOrderRevokeView.as_view(),
        name="wfh-order-revoke",
    ),
    path("webhooks/", views_webhooks.WebhookListView.as_view(), name="webhook-list"),
    path("webhooks/<int:id>/", views_webhooks.WebhookDetailView.as_view(), name="webhook-detail"),
    path("webhooks/<int:id>/ping/", views_webhooks.WebhookPingView.as_view(), name="webhook-ping"),
    path(
        "webhooks/<int:id>/rotate-secret/",
        views_webhooks.WebhookRotateSecretView.as_view(),
        name="webhook-rotate-secret",
    ),
    path(
        "webhooks/<int:id>/deliveries/",
        views_webhooks.WebhookDeliveryListView.as_view(),
        name="webhook-deliveries",
    ),
    # [\s\S], not ".": a path holding a newline (%0A) is caught too, not left to Django's HTML 404
    re_path(r"^[\s\S]*$", views_errors.NotFoundView.as_view(), name="not-found"),
]
