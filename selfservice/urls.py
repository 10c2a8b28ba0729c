"""The employee's own schedule pages (namespace "selfservice")."""

from django.urls import path

from selfservice import views, views_home, views_leave, views_presence

app_name = "selfservice"

urlpatterns = [
    path("saya/kalender/", views.my_month, name="my_month"),
    path("saya/presensi/", views_presence.my_presence, name="my_presence"),
    path("saya/presensi/csv/", views_presence.my_presence_csv, name="my_presence_csv"),
    path("saya/lokasi-rumah/", views_home.my_home_location, name="home_location"),
    path("persetujuan/lokasi-rumah/", views_home.home_location_queue, name="home_location_queue"),
    path(
        "persetujuan/lokasi-rumah/<int:pk>/",
        views_home.home_location_decide,
        name="home_location_decide",
    ),
    path("saya/ical/", views.ical_settings, name="ical_settings"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
    path("saya/tukar/", views.swap_new, name="swap_new"),
    path("saya/tukar/daftar/", views.swap_mine, name="swap_mine"),
    path("saya/tukar/<int:pk>/batal/", views.swap_cancel, name="swap_cancel"),
    path("saya/tukar/<int:pk>/jawab/", views.swap_answer, name="swap_answer"),
    path("saya/tukar/persetujuan/", views.swap_queue, name="swap_queue"),
    path("saya/tukar/persetujuan/massal/", views.swap_queue_bulk, name="swap_queue_bulk"),
    path("saya/tukar/persetujuan/<int:pk>/", views.swap_decide, name="swap_decide"),
    path("saya/cuti/", views_leave.leave_mine, name="leave_mine"),
    path("saya/cuti/<int:pk>/batal/", views_leave.leave_cancel, name="leave_cancel"),
    path("saya/cuti/<int:pk>/lampiran/", views_leave.leave_attachment, name="leave_attachment"),
    path("persetujuan/cuti/", views_leave.leave_queue, name="leave_queue"),
    path("persetujuan/cuti/massal/", views_leave.leave_queue_bulk, name="leave_queue_bulk"),
    path("persetujuan/cuti/<int:pk>/", views_leave.leave_decide, name="leave_decide"),
]
