from django.urls import path

from opd import views

app_name = "opd"

urlpatterns = [
    path("opd/", views.opd_list, name="list"),
    path("opd/<str:code>/", views.opd_detail, name="detail"),
    path("pegawai/", views.employee_list, name="employees"),
    path("pegawai/saya/", views.my_profile, name="me"),
    path("pegawai/<str:nip>/", views.employee_detail, name="employee"),
]
