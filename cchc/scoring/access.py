"""Who may read which assessment and ranking: the object rules of the PAR Index, on top of
``cchc.access``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cchc.access import Perm, acts_for, has_perm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cchc.accounts.models import User
    from cchc.scoring.models import Assessment, Framework


def can_view_assessment(user: User | AnonymousUser | None, assessment: Assessment) -> bool:
    """A unit's assessment (its scores, explanations, evidence): for those who read every
    assessment and for the unit itself, never for another unit, published or not."""
    return has_perm(user, Perm.VIEW_ALL_ASSESSMENTS) or (
        has_perm(user, Perm.VIEW_SCORING) and acts_for(user, assessment.unit_id)
    )


def can_view_results(user: User | AnonymousUser | None, framework: Framework) -> bool:
    """The ranking of a framework's units: for every role once published, before that for
    those who read every assessment."""
    return has_perm(user, Perm.VIEW_ALL_ASSESSMENTS) or (
        has_perm(user, Perm.VIEW_SCORING) and framework.is_published
    )
