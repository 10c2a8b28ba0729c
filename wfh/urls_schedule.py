"""Calendar, phase and roster pages (namespace "wfh")."""

from django.urls import path

from wfh import views_schedule as views

app_name = "wfh"

urlpatterns = [
    path("kalender/", views.calendar_month, name="calendar"),
    path("kalender/libur/tambah/", views.local_day_off_add, name="day_off_add"),
    path("kalender/libur/<int:pk>/hapus/", views.local_day_off_delete, name="day_off_delete"),
    path("jadwal/", views.schedule_index, name="schedule"),
    path("jadwal/preset/", views.preset_load, name="preset_load"),
    path("jadwal/program-baru/", views.programme_create, name="programme_create"),
    path("jadwal/tahap-baru/", views.phase_create, name="phase_create"),
    path("jadwal/tahap-pratinjau/", views.phase_preview, name="phase_preview"),
    path("jadwal/tahap/<slug:slug>/", views.phase_detail, name="phase"),
    path("jadwal/tahap/<slug:slug>/ubah/", views.phase_edit, name="phase_edit"),
    path("jadwal/tahap/<slug:slug>/buat/", views.phase_generate, name="phase_generate"),
    path(
        "jadwal/tahap/<slug:slug>/opd/<str:code>/ajukan-hari/",
        views.weekday_apply,
        name="weekday_apply",
    ),
    path(
        "jadwal/tahap/<slug:slug>/opd/<str:code>/putuskan-hari/",
        views.weekday_decide,
        name="weekday_decide",
    ),
    path("jadwal/<int:pk>/", views.roster_detail, name="roster"),
    path("jadwal/<int:pk>/progres/", views.roster_progress, name="roster_progress"),
    path("jadwal/<int:pk>/ubah/", views.cell_edit, name="cell_edit"),
    path("jadwal/<int:pk>/ajukan/", views.roster_submit, name="roster_submit"),
    path("jadwal/<int:pk>/kembalikan/", views.roster_return, name="roster_return"),
    path("jadwal/<int:pk>/terbitkan/", views.roster_publish, name="roster_publish"),
    path("jadwal/<int:pk>/buat-ulang/", views.roster_regenerate, name="roster_regenerate"),
    path(
        "jadwal/<int:pk>/unduh.<str:fmt>",
        views.roster_download,
        name="roster_download",
    ),
]
