"""The letterhead of the reports the system issues (tasks, periodic reports, PAR Index, the
compiled report): the header, the signature block and the recipients of a report issued by a
unit or by the province, in the Decree 30 layout (``cchc.lib.officialdoc``).

The names come from the units and the province's identity; the signers' titles and the
recipients are the province's data (``ProvinceIdentity.letterhead``, loaded from its YAML file
and edited in the admin).
"""

from __future__ import annotations

import datetime as dt

from cchc.lib import officialdoc as od
from cchc.orgs.models import ProvinceIdentity, Unit


def report_header(unit: Unit | None, day: dt.date) -> tuple[od.Header, od.Signature]:
    """The header and the signature block of a report issued by ``unit`` (the province when
    None): its parent body, its name, an unnumbered "Số: /BC-…" and the province's name as
    the place (both from the province's identity, ``orgs.ProvinceIdentity``, once loaded).
    The name of the signer is left for the unit to fill in."""
    province = Unit.objects.root_of(unit)
    identity = ProvinceIdentity.current()
    issuer = unit or province
    place = identity.name or (province.name.split(" tỉnh ", 1)[-1] if province else "")
    parent = issuer.parent if issuer is not None and issuer.parent_id else None
    # Under the province's People's Committee: its name as the province's identity gives it.
    parent_name = (
        identity.people_committee
        if parent is not None and parent == province and identity.people_committee
        else parent.name
        if parent is not None
        else ""
    )
    header = od.Header(
        issuing_body=issuer.name if issuer else identity.people_committee,
        number=f"/BC-{issuer.short_code}" if issuer and issuer.short_code else "/BC",
        place=place,
        date=day,
        parent_body=_short(parent_name),
    )
    return header, signature(issuer, identity)


def signature(unit: Unit | None, identity: ProvinceIdentity) -> od.Signature:
    """The signature block of ``unit``: the title of the first signer whose prefix starts its
    name, else the default title."""
    if unit is None:
        return od.Signature(title="")
    letterhead = identity.letterhead
    for signer in letterhead["signers"]:
        if unit.name.startswith(signer["prefix"]):
            return od.Signature(title=signer["title"], authority=signer.get("authority", ""))
    return od.Signature(title=letterhead["default_signer"])


def report_recipients(unit: Unit | None) -> list[str]:
    """ "Nơi nhận" of a report issued by ``unit``: the province's own (``unit`` None or the
    province) or a unit's."""
    recipients = ProvinceIdentity.current().letterhead["recipients"]
    scope = "by_province" if unit is None or unit.parent_id is None else "by_unit"
    return list(recipients[scope])


def _short(name: str) -> str:
    return name.replace("Ủy ban nhân dân", "UBND").upper()
