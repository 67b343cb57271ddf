"""Who may read and fill which unit's reports: the object rules of reporting, on top of
``cchc.access``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc.access import Perm, can_act_for_unit, has_perm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User
    from cchc.orgs.models import Unit


def can_fill_unit_report(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Fill a unit's report from a file of its existing report: the unit's officer or head,
    or Sở Nội vụ (which receives such files from units that still send Word reports)."""
    return has_perm(user, Perm.MANAGE_REPORTING) or (
        has_perm(user, Perm.EDIT_REPORTS) and can_act_for_unit(user, unit)
    )


def can_view_unit_reports(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """A unit's reports: for those who read every report and for the unit itself."""
    return has_perm(user, Perm.VIEW_ALL_REPORTS) or (
        has_perm(user, Perm.VIEW_REPORTS) and can_act_for_unit(user, unit)
    )
