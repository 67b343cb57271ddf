from django.urls import path

from cchc.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("cai-dat/", views.notification_settings, name="notification_settings"),
    path("da-doc/", views.notification_read_all, name="notification_read_all"),
    path("chua-doc/", views.notification_unread, name="notification_unread"),
    path("<int:pk>/", views.notification_open, name="notification_open"),
]
