from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "cchc.scoring"
    verbose_name = _("Chỉ số cải cách hành chính")

    def ready(self) -> None:
        # The jobs module declares the scheduled reminders (huey).
        from cchc.scoring import jobs  # noqa: F401
