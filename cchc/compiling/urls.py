from django.urls import path

from cchc.compiling import views

app_name = "compiling"

urlpatterns = [
    path("", views.compiled_list, name="list"),
    path("soan/", views.compiled_start, name="start"),
    path("<int:pk>/", views.compiled_detail, name="detail"),
    path("<int:pk>/luu/", views.compiled_save, name="save"),
    path("<int:pk>/tu-dong-luu/", views.compiled_autosave, name="autosave"),
    path("<int:pk>/soan-lai/", views.compiled_redraft, name="redraft"),
    path("<int:pk>/nguoi-ky/", views.compiled_signing, name="signing"),
    path("<int:pk>/trinh-ky/", views.compiled_submit, name="submit"),
    path("<int:pk>/tra-lai/", views.compiled_return, name="return"),
    path("<int:pk>/y-kien/", views.compiled_comment, name="comment"),
    path("<int:pk>/ban-hanh/", views.compiled_issue, name="issue"),
    path("<int:pk>/docx/", views.compiled_docx, name="docx"),
]
