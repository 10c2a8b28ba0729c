"""The inbox (namespace "inbox")."""

from django.urls import path

from accounts import views

app_name = "inbox"

urlpatterns = [
    path("notifikasi/", views.inbox, name="list"),
    path("notifikasi/<int:pk>/buka/", views.open_one, name="open"),
    path("notifikasi/baca-semua/", views.read_all, name="read_all"),
    path("notifikasi/pengingat/", views.reminder_switch, name="reminder"),
]
