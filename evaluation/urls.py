from django.urls import path

from evaluation import views, views_energy

app_name = "evaluation"
urlpatterns = [
    path("evaluasi/", views.report, name="report"),
    path("evaluasi/kajian.xlsx", views.report_xlsx, name="report_xlsx"),
    path("evaluasi/ukuran/<str:key>/", views.measure, name="measure"),
    path("evaluasi/rekomendasi/", views.recommendations, name="recommendations"),
    path("evaluasi/rekomendasi/simpan/", views.store_recommendations, name="store"),
    path("evaluasi/opd/<str:code>/", views.opd_detail, name="opd"),
    path("evaluasi/rencana/", views.plan_create, name="plan_create"),
    path("evaluasi/rencana/<int:pk>/ubah/", views.plan_edit, name="plan_edit"),
    path("evaluasi/energi/", views_energy.energy_page, name="energy"),
    path("evaluasi/biaya/", views.costs, name="costs"),
    path("evaluasi/biaya/<str:code>/<str:month>/", views.cost_edit, name="cost_edit"),
    path("evaluasi/impor/", views.import_page, name="import"),
    path(
        "evaluasi/impor/templat-<str:kind>.<str:ext>",
        views.import_template,
        name="import_template",
    ),
]
