"""REST API v1 for other municipal systems (see api/views.py), mounted at /api/v1/."""

from django.urls import path, re_path

from api import views, views_webhooks

app_name = "api"

urlpatterns = [
    path("opds/", views.OpdListView.as_view(), name="opd-list"),
    path("opds/<str:code>/", views.OpdDetailView.as_view(), name="opd-detail"),
    path("schedule/", views.ScheduleView.as_view(), name="schedule"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("employees/", views.EmployeeListView.as_view(), name="employee-list"),
    path("employees/<str:nip>/", views.EmployeeDetailView.as_view(), name="employee-detail"),
    path(
        "employees/<str:nip>/schedule/",
        views.EmployeeScheduleView.as_view(),
        name="employee-schedule",
    ),
    path("attendance/events/", views.AttendanceEventsView.as_view(), name="attendance-events"),
    path("attendance/daily/", views.DailyRecordView.as_view(), name="attendance-daily"),
    path("summaries/opd/", views.OpdSummaryView.as_view(), name="summaries-opd"),
    path("evaluation/costs/", views.EvaluationCostsView.as_view(), name="evaluation-costs"),
    path(
        "evaluation/service-output/",
        views.EvaluationServiceOutputView.as_view(),
        name="evaluation-service-output",
    ),
    path("phases/", views.PhaseListView.as_view(), name="phase-list"),
    path("rosters/", views.RosterListView.as_view(), name="roster-list"),
    path("rosters/<int:id>/", views.RosterDetailView.as_view(), name="roster-detail"),
    path("rosters/<int:id>/publish/", views.RosterPublishView.as_view(), name="roster-publish"),
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
    re_path(r"^[\s\S]*$", views.NotFoundView.as_view(), name="not-found"),
]
