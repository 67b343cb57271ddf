from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "cchc.tasks"
    verbose_name = _("Kế hoạch và nhiệm vụ")

    def ready(self) -> None:
        # The jobs module declares the scheduled reminders (huey).
        from cchc.tasks import jobs  # noqa: F401
