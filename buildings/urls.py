from django.urls import path

from buildings import views

app_name = "buildings"

urlpatterns = [
    path("", views.building_list, name="list"),
    path("impor/", views.building_import, name="import"),
    path("impor/templat/<str:sheet>.csv", views.building_template, name="template"),
    path("okupansi/", views.pemda_occupancy, name="pemda"),
    path("<str:code>/", views.building_detail, name="detail"),
    path("<str:code>/okupansi/", views.building_occupancy, name="occupancy"),
]
