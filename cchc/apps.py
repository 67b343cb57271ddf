from django.contrib.admin.apps import AdminConfig


class CchcAdminConfig(AdminConfig):
    """The admin app, with the site that only system administrators may enter."""

    default_site = "cchc.adminsite.CchcAdminSite"

    def ready(self) -> None:
        super().ready()
        from cchc import checks  # noqa: F401  (registers the system check)
