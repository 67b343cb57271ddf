from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "cchc.notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        # The jobs module declares the huey jobs (e-mail delivery, the daily digest).
        from cchc.notifications import jobs  # noqa: F401
