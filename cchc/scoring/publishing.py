"""Publishing a framework's results by a decision (Quyết định) of the register.

Before publication only those who read every assessment see the ranking; once published,
every role does (``cchc.scoring.access.can_view_results``). Publishing checks permission, runs in a
transaction and is audited, like every write.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.documents.actions import DocumentError, parse_symbol
from cchc.documents.models import Document
from cchc.scoring.models import Framework, Status
from cchc.scoring.notices import results_published

DECISION_TYPE = "Quyết định"


class PublishError(Exception):
    """Results that cannot be published now; the message is for the user, in Vietnamese."""


def find_decision(symbol: str, date: dt.date | None = None) -> Document:
    """The decision of the register numbered ``symbol`` ("245/QĐ-UBND"), issued on ``date``
    when given (needed only when the register holds that number twice)."""
    try:
        number = parse_symbol(symbol)
    except DocumentError as e:
        raise PublishError(str(e)) from e
    if number.doc_type != DECISION_TYPE:
        raise PublishError(
            _("Kết quả được công bố bằng quyết định; %(symbol)s là %(kind)s.")
            % {"symbol": number.symbol, "kind": number.doc_type.lower()}
        )
    found = Document.objects.filter(symbol_key=number.key)
    if date is not None:
        found = found.filter(date=date)
    documents = list(found[:2])
    if not documents:
        on = _(" ngày %(date)s") % {"date": date_format(date, "SHORT_DATE_FORMAT")} if date else ""
        raise PublishError(
            _(
                "Không có quyết định số %(symbol)s%(on)s trong sổ văn bản; hãy vào sổ quyết định "
                "công bố trước."
            )
            % {"symbol": number.symbol, "on": on}
        )
    if len(documents) > 1:
        raise PublishError(
            _("Sổ văn bản có nhiều văn bản số %(symbol)s; hãy nhập cả ngày ban hành.")
            % {"symbol": number.symbol}
        )
    return documents[0]


def publish_results(
    actor: Actor, framework: Framework, decision: Document, *, at: dt.datetime | None = None
) -> Framework:
    """Publish ``framework``'s results by ``decision``: refused while any of its assessments
    is not finalised, when it has none, and when the results are already published.

    ``at`` is the time of publishing when history is brought in from elsewhere (default: now)."""
    require(actor, Perm.APPRAISE)
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.is_published:
            raise PublishError(_("Kết quả %(title)s đã được công bố.") % {"title": framework.title})
        statuses = list(framework.assessments.values_list("status", flat=True))
        if not statuses:
            raise PublishError(_("Chưa có đơn vị nào được đánh giá; chưa có kết quả để công bố."))
        open_count = sum(status != Status.FINALISED for status in statuses)
        if open_count:
            raise PublishError(
                _(
                    "Còn %(n)d trong %(total)d đơn vị chưa được chốt điểm; chỉ công bố khi mọi "
                    "đơn vị đã được chốt điểm."
                )
                % {"n": open_count, "total": len(statuses)}
            )
        framework.published_at = at or timezone.now()
        framework.decision = decision
        framework.save(update_fields=["published_at", "decision"])
        record(
            actor,
            "scoring.publish",
            framework,
            before={"published_at": None, "decision": None},
            after={"published_at": framework.published_at, "decision": decision.symbol},
        )
        results_published(actor, framework)
    return framework
