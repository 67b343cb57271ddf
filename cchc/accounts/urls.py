from django.contrib.auth.views import LogoutView
from django.urls import path

from cchc.accounts.views import CchcLoginView

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", CchcLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
]
