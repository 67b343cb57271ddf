"""Template context: the province's identity, for the header of every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cchc.orgs.models import ProvinceIdentity


def province(request: HttpRequest) -> dict[str, Any]:
    return {"province": ProvinceIdentity.current()}
