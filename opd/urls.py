from django.urls import path

from opd import views, views_import, views_lockouts, views_sanctions

app_name = "opd"

urlpatterns = [
    path("opd/", views.opd_list, name="list"),
    path("opd/<str:code>/", views.opd_detail, name="detail"),
    path("pegawai/", views.employee_list, name="employees"),
    path("pegawai/saya/", views.my_profile, name="me"),
    path("hukuman-disiplin/", views_sanctions.sanction_list, name="sanctions"),
    path(
        "hukuman-disiplin/templat.csv", views_sanctions.sanction_template, name="sanctions_template"
    ),
    path("pegawai/id/<int:pk>/", views.employee_detail_by_id, name="employee_by_id"),
    path("pegawai/<str:nip>/", views.employee_detail, name="employee"),
    path("impor/", views_import.import_upload, name="import"),
    path("impor/templat/<str:name>", views_import.import_template, name="import_template"),
    path("impor/<int:pk>/", views_import.import_batch, name="import_batch"),
    path("impor/<int:pk>/kemajuan", views_import.import_progress, name="import_progress"),
    path("impor/<int:pk>/lanjutkan", views_import.import_confirm, name="import_confirm"),
    path("impor/<int:pk>/kesalahan.csv", views_import.import_errors, name="import_errors"),
    path("akun/terkunci/", views_lockouts.lockout_list, name="lockouts"),
    path("akun/terkunci/buka", views_lockouts.lockout_unlock, name="lockout_unlock"),
]
