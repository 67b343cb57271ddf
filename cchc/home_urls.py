"""The pages of the top-level package: the home page ("Việc của tôi") and the leaders'
dashboard (``cchc/views.py``)."""

from django.urls import path

from cchc import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="index"),
    path("bang-dieu-hanh/", views.dashboard, name="dashboard"),
]
