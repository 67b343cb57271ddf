"""Writes to the compiled report. Each checks permission, runs in a transaction, is audited.

The status steps (submit for signing, return, issue) are ``COMPILED_WORKFLOW``'s
(``workflows.py``); the edits of a draft are the other functions here, recorded in the same
history as ``EventKind`` entries.

Editing follows the unit reports' rule: a save names the version it was made on, and a save on
a stale version is refused (``SaveConflict``), nothing overwritten. Drafting again never
replaces a section the officer edited unless asked to, and then the edited text stays in the
history (``CompiledEvent.previous_text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.accounts.models import Membership, Role, User
from cchc.audit.log import Actor, record
from cchc.compiling import condense, drafting
from cchc.compiling.document import OWN_PROPOSALS, issuer_of, issuing_unit
from cchc.compiling.facts import gather
from cchc.compiling.loading import settings
from cchc.compiling.models import (
    OPENING,
    CompiledComment,
    CompiledEvent,
    CompiledReport,
    EventKind,
    Status,
)
from cchc.compiling.workflows import COMPILED_WORKFLOW, state
from cchc.compiling.workflows import CompilingError as CompilingError
from cchc.compiling.workflows import SaveConflict as SaveConflict
from cchc.documents.actions import DocumentData, DocumentError, parse_symbol, register_document
from cchc.documents.upload import STORED_SUFFIXES, upload_problem
from cchc.orgs.models import Unit
from cchc.reporting import prose as text
from cchc.reporting.models import Period
from cchc.workflow import save_new_version


def section_codes(report: CompiledReport) -> list[str]:
    """The editable sections: the opening, the form's sections and the issuer's own proposals."""
    return [OPENING, *(str(s["code"]) for s in report.period.form.sections), OWN_PROPOSALS]


def generated_codes(report: CompiledReport) -> list[str]:
    return [c for c in section_codes(report) if c != OWN_PROPOSALS]


def leaders_of(report: CompiledReport) -> list[User]:
    """Who may sign: users with a head's or leader's role in the issuing unit."""
    province = Unit.objects.root_of(report.root) or report.root
    unit = issuing_unit(issuer_of(report), province)
    ids = Membership.objects.filter(unit=unit, role__in=(Role.HEAD, Role.LEADER)).values("user")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("full_name", "pk"))


def _event(actor: Actor, report: CompiledReport, kind: EventKind, **fields: Any) -> CompiledEvent:
    return cast(CompiledEvent, COMPILED_WORKFLOW.record_event(actor, report, kind, **fields))


def _touched(actor: Actor) -> Callable[[CompiledReport], list[str]]:
    """A step's own change: who saved the report last, and when."""

    def change(report: CompiledReport) -> list[str]:
        report.updated_at = timezone.now()
        report.updated_by = actor.user
        return ["updated_at", "updated_by"]

    return change


def _bump(report: CompiledReport, actor: Actor, fields: Iterable[str]) -> None:
    save_new_version(report, [*fields, *_touched(actor)(report)])


def start(
    actor: Actor,
    period: Period,
    root: Unit,
    issuer: str = "snv",
    *,
    planned_date: dt.date | None = None,
) -> CompiledReport:
    """The compiled report of ``period`` for ``root``'s subtree by ``issuer``: the saved one,
    or a new draft written from everything cchc knows."""
    require(actor, Perm.COMPILE_REPORTS)
    if issuer not in settings().issuers:
        raise CompilingError(_("Không có cơ quan ban hành «%(code)s».") % {"code": issuer})
    with transaction.atomic():
        report, created = CompiledReport.objects.select_for_update().get_or_create(
            period=period,
            root=root,
            issuer=issuer,
            defaults={"planned_date": planned_date or timezone.localdate()},
        )
        if not created:
            return report
        _fill_new(report)
        report.save()
        _event(actor, report, EventKind.CREATED, to_status=Status.DRAFT)
        record(actor, "compiled.create", report, after=state(report))
    return report


def compiled_or_drafted(period: Period, root: Unit, issuer: str) -> CompiledReport:
    """The saved compiled report, or one drafted and not saved (for a download: reading
    writes nothing)."""
    saved = CompiledReport.objects.filter(period=period, root=root, issuer=issuer).first()
    if saved is not None:
        return saved
    report = CompiledReport(period=period, root=root, issuer=issuer)
    _fill_new(report)
    return report


def _fill_new(report: CompiledReport) -> None:
    choice = issuer_of(report)
    leaders = leaders_of(report)
    # A deputy signs for the head ("KT."), as most compiled reports are signed.
    signature = next((s for s in choice.signatures if s.authority.startswith("KT.")), None)
    signature = signature or choice.signatures[0]
    report.recipients = list(choice.recipients)
    report.signer_authority = signature.authority
    report.signer_title = signature.title
    if leaders:
        report.signer, report.signer_name = leaders[0], str(leaders[0])
    report.sections = {code: drafting.as_section(p) for code, p in _drafted(report).items()}
    report.sections[OWN_PROPOSALS] = {"text": "", "edited": False, "generated": []}


def _drafted(
    report: CompiledReport, kept: Mapping[str, str] | None = None
) -> dict[str, drafting.Paragraphs]:
    config = settings()
    facts = gather(report.period, report.root, config)
    seen: set[str] = set()
    for kept_text in (kept or {}).values():
        for sentence in condense.sentences_of(kept_text):
            seen.add(condense.normalised(sentence))
            seen.add(condense.normalised(sentence.rsplit(" (", 1)[0]))
    return drafting.draft(facts, config, issuer_of(report), seen=seen)


def redraft(
    actor: Actor,
    report: CompiledReport,
    version: int,
    codes: Iterable[str] | None = None,
    *,
    overwrite_edited: bool = False,
) -> tuple[CompiledReport, list[str]]:
    """Draft again the sections ``codes`` (default: all). An edited section is kept unless
    ``overwrite_edited``; then its text goes to the history. Returns the sections kept."""
    require(actor, Perm.COMPILE_REPORTS)
    with transaction.atomic():
        current = _editable(report, version)
        wanted = set(codes or generated_codes(current)) & set(generated_codes(current))
        kept_codes = [
            c for c in generated_codes(current) if current.is_edited(c) and not overwrite_edited
        ] + [c for c in generated_codes(current) if c not in wanted]
        kept = {c: current.section_text(c) for c in kept_codes}
        kept[OWN_PROPOSALS] = current.section_text(OWN_PROPOSALS)
        drafted = _drafted(current, kept)
        sections = dict(current.sections)
        for code in sorted(wanted - set(kept_codes)):
            if current.is_edited(code):
                _event(
                    actor,
                    current,
                    EventKind.DRAFTED,
                    section=code,
                    previous_text=current.section_text(code),
                    note=_("Phần đã sửa được soạn lại; nội dung cũ lưu tại đây."),
                )
            sections[code] = drafting.as_section(drafted.get(code, []))
        current.sections = sections
        _bump(current, actor, ["sections"])
        _event(actor, current, EventKind.DRAFTED, note=", ".join(sorted(wanted - set(kept_codes))))
        record(actor, "compiled.redraft", current, after=state(current))
    return current, sorted(set(kept_codes) & wanted)


def _editable(report: CompiledReport, version: int) -> CompiledReport:
    current = COMPILED_WORKFLOW.lock(report)
    if current.status != Status.DRAFT:
        raise CompilingError(
            _("Báo cáo đang ở trạng thái «%(status)s», không sửa được.")
            % {"status": current.get_status_display()}
        )
    COMPILED_WORKFLOW.at_version(current, version)
    return current


def save_sections(
    actor: Actor, report: CompiledReport, version: int, texts: Mapping[str, str]
) -> CompiledReport:
    """Save the sections typed; a section whose text changed is marked edited."""
    require(actor, Perm.COMPILE_REPORTS)
    with transaction.atomic():
        current = _editable(report, version)
        sections = dict(current.sections)
        changed = []
        for code in section_codes(current):
            if code not in texts:
                continue
            typed = "\n".join(line.rstrip() for line in texts[code].strip().splitlines())
            if typed == current.section_text(code):
                continue
            section = dict(sections.get(code) or {"generated": []})
            section.update(text=typed, edited=True)
            sections[code] = section
            changed.append(code)
        if not changed:
            return current
        current.sections = sections
        _bump(current, actor, ["sections"])
        _event(actor, current, EventKind.SAVED, section=", ".join(changed))
        record(actor, "compiled.save", current, note=", ".join(changed))
    return current


def save_signing(
    actor: Actor,
    report: CompiledReport,
    version: int,
    *,
    signer: User | None,
    signature: int,
    recipients: list[str],
    planned_date: dt.date,
) -> CompiledReport:
    """The signer (one of the issuer's leaders), the signature block, recipients, the month."""
    require(actor, Perm.COMPILE_REPORTS)
    with transaction.atomic():
        current = _editable(report, version)
        choices = issuer_of(current).signatures
        if not 0 <= signature < len(choices):
            raise CompilingError(_("Hãy chọn thẩm quyền ký."))
        if signer is not None and signer not in leaders_of(current):
            raise CompilingError(_("Người ký phải là lãnh đạo của cơ quan ban hành."))
        current.signer = signer
        current.signer_name = str(signer) if signer else ""
        current.signer_authority = choices[signature].authority
        current.signer_title = choices[signature].title
        current.recipients = [r.strip() for r in recipients if r.strip()]
        current.planned_date = planned_date
        _bump(
            current,
            actor,
            [
                "signer",
                "signer_name",
                "signer_authority",
                "signer_title",
                "recipients",
                "planned_date",
            ],
        )
        _event(actor, current, EventKind.SETTINGS)
        record(actor, "compiled.signing", current, after=state(current))
    return current


def submit_for_signing(actor: Actor, report: CompiledReport) -> CompiledReport:
    """The draft goes to the signer (one must be chosen)."""
    return COMPILED_WORKFLOW.step(actor, report, "submit", change=_touched(actor)).obj


def return_to_draft(actor: Actor, report: CompiledReport, reason: str) -> CompiledReport:
    """The report sent for signing comes back to a draft, for the ``reason`` given."""
    return COMPILED_WORKFLOW.step(actor, report, "return", note=reason, change=_touched(actor)).obj


def comment(
    actor: Actor,
    report: CompiledReport,
    section: str,
    words: str,
    *,
    author: User | None = None,
) -> CompiledComment:
    """A leader's comment on a section, shown to the officer beside it. ``author``: whose
    comment a command records (the demo); by default the actor's."""
    require(actor, Perm.COMMENT_COMPILED)
    if section not in section_codes(report):
        raise CompilingError(_("Không có phần này trong báo cáo."))
    if not words.strip():
        raise CompilingError(_("Hãy nhập ý kiến."))
    with transaction.atomic():
        by = author or actor.user
        made = CompiledComment.objects.create(
            report=report,
            section=section,
            author=by,
            author_label=(str(by) if by else actor.label)[:150],
            text=words.strip(),
        )
        record(actor, "compiled.comment", report, note=f"{section}: {words.strip()[:200]}")
    return made


def issue(
    actor: Actor, report: CompiledReport, number: str, day: dt.date, file: UploadedFile
) -> CompiledReport:
    """The report was signed: it takes its number and date, and enters the document register
    as that document, with the signed file. The date, the file and the number are checked
    before anything is stored."""
    COMPILED_WORKFLOW.check(actor, report, "issue")
    if day > timezone.localdate():
        raise CompilingError(_("Ngày ban hành không được sau hôm nay."))
    if problem := upload_problem(file, STORED_SUFFIXES):
        raise CompilingError(problem)
    try:
        symbol = parse_symbol(number).symbol
    except DocumentError as e:
        raise CompilingError(str(e)) from e

    def register(current: CompiledReport) -> list[str]:
        province = Unit.objects.root_of(current.root) or current.root
        try:
            document = register_document(
                actor,
                DocumentData(
                    symbol=number,
                    date=day,
                    subject=text.report_subject(current.period),
                    issuing_unit=issuing_unit(issuer_of(current), province),
                ),
                file=file,
            )
        except DocumentError as e:
            raise CompilingError(str(e)) from e
        current.number = document.symbol
        current.issued_on = day
        current.document = document
        return ["number", "issued_on", "document", *_touched(actor)(current)]

    return COMPILED_WORKFLOW.step(actor, report, "issue", note=symbol, change=register).obj
