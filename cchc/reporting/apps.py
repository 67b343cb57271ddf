from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "cchc.reporting"
    verbose_name = _("Báo cáo định kỳ")

    def ready(self) -> None:
        # The jobs module declares the scheduled reminders (huey).
        from cchc.reporting import jobs  # noqa: F401
