from typing import Any

from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


def _boolean_icon_in_words(value: Any) -> SafeString:
    """Django's yes/no icon, its text for screen readers in Vietnamese (Django writes
    "True", "False" or "None" there, untranslatable)."""
    icon, words = {
        True: ("yes", _("Có")),
        False: ("no", _("Không")),
        None: ("unknown", _("Chưa rõ")),
    }[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), words)


class CchcAdminConfig(AdminConfig):
    """The admin app, with the site that only system administrators may enter."""

    default_site = "cchc.adminsite.CchcAdminSite"

    def ready(self) -> None:
        super().ready()
        # Every admin page draws its yes/no icons through this one function.
        admin_list._boolean_icon = _boolean_icon_in_words  # type: ignore[attr-defined]
        from cchc import checks  # noqa: F401  (registers the system check)
