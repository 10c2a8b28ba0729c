from django.urls import path

from buildings import views_readings

app_name = "readings"
urlpatterns = [path("", views_readings.readings_page, name="list")]
