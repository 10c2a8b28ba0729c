"""Attendance pages: presence (included by attendance/urls.py, namespace "attendance")."""

from django.urls import path

from attendance import views, views_phone, views_review

urlpatterns = [
    path("presensi/", views.checkin, name="checkin"),
    path("presensi/kirim/", views_phone.checkin_send, name="checkin_send"),
    path("presensi/hari-depan/", views_phone.upcoming, name="upcoming"),
    path("presensi/tinjau/", views_review.review, name="review"),
    path("presensi/tinjau/sekaligus/", views_review.review_bulk, name="review_bulk"),
    path("presensi/tinjau/<int:pk>/", views_review.review_decide, name="review_decide"),
    path("presensi/tinjau/titik-sama/", views.clusters, name="clusters"),
    path("presensi/rekap/", views.index, name="index"),
    path("presensi/opd/<str:code>/", views.opd_day, name="opd_day"),
]
