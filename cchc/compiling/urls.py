from django.urls import path

from cchc.compiling import views

urlpatterns = [
    path("", views.compiled_list, name="compiled_list"),
    path("soan/", views.compiled_start, name="compiled_start"),
    path("<int:pk>/", views.compiled_detail, name="compiled_detail"),
    path("<int:pk>/luu/", views.compiled_save, name="compiled_save"),
    path("<int:pk>/tu-dong-luu/", views.compiled_autosave, name="compiled_autosave"),
    path("<int:pk>/soan-lai/", views.compiled_redraft, name="compiled_redraft"),
    path("<int:pk>/nguoi-ky/", views.compiled_signing, name="compiled_signing"),
    path("<int:pk>/trinh-ky/", views.compiled_submit, name="compiled_submit"),
    path("<int:pk>/tra-lai/", views.compiled_return, name="compiled_return"),
    path("<int:pk>/y-kien/", views.compiled_comment, name="compiled_comment"),
    path("<int:pk>/ban-hanh/", views.compiled_issue, name="compiled_issue"),
    path("<int:pk>/docx/", views.compiled_docx, name="compiled_docx"),
]
