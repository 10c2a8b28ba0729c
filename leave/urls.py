"""Leave pages. Included by attendance/urls.py, so that they keep their URL names in the
"attendance" namespace (attendance:leave_list, ...)."""

from django.urls import path

from leave import views

urlpatterns = [
    path("cuti/", views.leave_list, name="leave_list"),
    path("cuti/tambah/", views.leave_add, name="leave_add"),
    path("cuti/<int:pk>/putuskan/", views.leave_decide, name="leave_decide"),
    path("cuti/<int:pk>/batalkan/", views.leave_cancel, name="leave_cancel"),
]
