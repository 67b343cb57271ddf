from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompilingConfig(AppConfig):
    """The compiled report of the province. It sits above ``scoring`` in the layers (it states
    the PAR Index's deductions and the national indices) and below ``demo``."""

    name = "cchc.compiling"
    verbose_name = _("Báo cáo tổng hợp")
