from django.urls import path

from cchc.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("them/", views.document_create, name="document_create"),
    path("tai-len/", views.document_upload, name="document_upload"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/tep/", views.document_file, name="document_file"),
    path("<int:pk>/go/", views.document_remove, name="document_remove"),
]
