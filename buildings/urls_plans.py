from django.urls import path

from buildings import views_plans

app_name = "buildings_plans"

urlpatterns = [
    path("", views_plans.plan_list, name="list"),
    path("baru/", views_plans.plan_new, name="new"),
    path("terima/", views_plans.plan_accept, name="accept"),
    path("<int:pk>/", views_plans.plan_detail, name="detail"),
    path("<int:pk>/tarik/", views_plans.plan_withdraw, name="withdraw"),
]
