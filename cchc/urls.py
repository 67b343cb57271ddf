from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import path

from cchc import views
from cchc.accounts.views import CchcLoginView
from cchc.audit import views as audit_views
from cchc.documents import views as document_views
from cchc.orgs import views as org_views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", CchcLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("don-vi/", org_views.unit_tree, name="unit_tree"),
    path("don-vi/<str:code>/", org_views.unit_detail, name="unit_detail"),
    path("van-ban/", document_views.document_list, name="document_list"),
    path("van-ban/them/", document_views.document_create, name="document_create"),
    path("van-ban/<int:pk>/", document_views.document_detail, name="document_detail"),
    path("van-ban/<int:pk>/tep/", document_views.document_file, name="document_file"),
    path("nhat-ky/", audit_views.audit_log, name="audit_log"),
    path("quan-tri/", admin.site.urls),
]
