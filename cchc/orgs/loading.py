"""The province's identity from its YAML file (``cchc/orgs/config/province.yaml``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record, snapshot
from cchc.orgs.models import ProvinceIdentity

DEFAULT_FILE = Path(__file__).resolve().parent / "config" / "province.yaml"
FIELDS = [
    "name",
    "kind_word",
    "people_committee",
    "home_affairs",
    "system_name",
    "emblem",
    "colour",
    "colour_dark",
    "colour_accent",
    "letterhead",
]


class IdentityError(Exception):
    """The file could not be loaded; nothing was written. ``errors`` are Vietnamese lines."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def read_identity_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        message = _("Không đọc được tệp %(path)s: %(e)s") % {"path": path, "e": e}
        raise IdentityError([message]) from e
    if not isinstance(data, dict):
        message = _("Tệp %(path)s phải là một bảng khóa: giá trị.") % {"path": path}
        raise IdentityError([message])
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise IdentityError(
            [_("Tệp %(path)s có khóa lạ: %(keys)s.") % {"path": path, "keys": ", ".join(unknown)}]
        )
    return data


def load_identity(actor: Actor, data: dict[str, Any]) -> ProvinceIdentity:
    """Create or replace the province's identity with ``data`` (the keys of ``FIELDS``)."""
    require(actor, Perm.USE_ADMIN)
    identity = ProvinceIdentity.objects.order_by("pk").first() or ProvinceIdentity()
    before = snapshot(identity, FIELDS) if identity.pk else None
    for name in FIELDS:
        if name == "letterhead" and name in data:
            identity.letterhead = data[name]
        elif name in data:
            setattr(identity, name, str(data[name] or "").strip())
    errors: list[str] = []
    try:
        identity.full_clean()
    except ValidationError as e:
        errors += [f"{field}: {' '.join(messages)}" for field, messages in e.message_dict.items()]
    if errors:
        raise IdentityError(errors)
    with transaction.atomic():
        identity.save()
        record(actor, "orgs.identity", identity, before=before, after=snapshot(identity, FIELDS))
    return identity
