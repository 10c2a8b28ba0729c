"""Calendar, phase and roster pages (namespace "wfh")."""

from django.urls import path

from wfh import views_calendar, views_overrides, views_phase, views_schedule, views_team

app_name = "wfh"

urlpatterns = [
    path("kalender/", views_calendar.calendar_month, name="calendar"),
    path("kalender-tim/", views_team.team_calendar, name="team_calendar"),
    path("kalender/libur/tambah/", views_calendar.local_day_off_add, name="day_off_add"),
    path(
        "kalender/libur/<int:pk>/hapus/", views_calendar.local_day_off_delete, name="day_off_delete"
    ),
    path("jadwal/", views_phase.schedule_index, name="schedule"),
    path("jadwal/preset/", views_phase.preset_load, name="preset_load"),
    path("jadwal/program-baru/", views_phase.programme_create, name="programme_create"),
    path("jadwal/tahap-baru/", views_phase.phase_create, name="phase_create"),
    path("jadwal/tahap-pratinjau/", views_phase.phase_preview, name="phase_preview"),
    path("jadwal/tahap/<slug:slug>/", views_phase.phase_detail, name="phase"),
    path("jadwal/tahap/<slug:slug>/ubah/", views_phase.phase_edit, name="phase_edit"),
    path("jadwal/tahap/<slug:slug>/buat/", views_phase.phase_generate, name="phase_generate"),
    path(
        "jadwal/tahap/<slug:slug>/perubahan/",
        views_phase.phase_change_add,
        name="phase_change",
    ),
    path(
        "jadwal/tahap/<slug:slug>/opd/<str:code>/ajukan-hari/",
        views_phase.weekday_apply,
        name="weekday_apply",
    ),
    path(
        "jadwal/tahap/<slug:slug>/opd/<str:code>/putuskan-hari/",
        views_phase.weekday_decide,
        name="weekday_decide",
    ),
    path("jadwal/ditetapkan/", views_overrides.declared_list, name="declared"),
    path(
        "jadwal/ditetapkan/<int:pk>/cabut/", views_overrides.declared_revoke, name="declared_revoke"
    ),
    path("jadwal/perintah-wfh/", views_overrides.order_list, name="orders"),
    path("jadwal/perintah-wfh/<int:pk>/cabut/", views_overrides.order_revoke, name="order_revoke"),
    path("jadwal/<int:pk>/", views_schedule.roster_detail, name="roster"),
    path("jadwal/<int:pk>/progres/", views_schedule.roster_progress, name="roster_progress"),
    path("jadwal/<int:pk>/ubah/", views_schedule.cell_edit, name="cell_edit"),
    path("jadwal/<int:pk>/ajukan/", views_schedule.roster_submit, name="roster_submit"),
    path("jadwal/<int:pk>/kembalikan/", views_schedule.roster_return, name="roster_return"),
    path("jadwal/<int:pk>/terbitkan/", views_schedule.roster_publish, name="roster_publish"),
    path("jadwal/<int:pk>/buat-ulang/", views_schedule.roster_regenerate, name="roster_regenerate"),
    path(
        "jadwal/<int:pk>/unduh.<str:fmt>",
        views_schedule.roster_download,
        name="roster_download",
    ),
]
