from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "cchc.orgs"
    verbose_name = _("Cơ cấu tổ chức")
