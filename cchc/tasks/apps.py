from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "cchc.tasks"
    verbose_name = _("Kế hoạch và nhiệm vụ")
