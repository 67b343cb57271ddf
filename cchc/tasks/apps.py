from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "cchc.tasks"
    verbose_name = _("Kế hoạch và nhiệm vụ")

    def ready(self) -> None:
        from cchc.documents.related import register
        from cchc.tasks import jobs  # noqa: F401  (registers the background jobs)
        from cchc.tasks.documents import document_tasks

        register(document_tasks)
