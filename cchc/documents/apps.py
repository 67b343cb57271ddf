from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "cchc.documents"
    verbose_name = _("Sổ đăng ký văn bản")
