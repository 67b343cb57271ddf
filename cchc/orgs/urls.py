from django.urls import path

from cchc.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.unit_tree, name="unit_tree"),
    path("<str:code>/", views.unit_detail, name="unit_detail"),
]
