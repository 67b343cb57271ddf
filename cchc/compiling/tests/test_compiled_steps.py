"""The compiled report's steps as the pages offer and take them: the buttons come from
``COMPILED_WORKFLOW``'s table, the history is worded by it, and a post with a value that cannot
be used is refused with a Vietnamese message, nothing changed.

Who is who: the coordinator (Sở Nội vụ) compiles; the deputy director heads Sở Nội vụ and is
the signer the draft starts with; the leader (UBND tỉnh) comments only.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.compiling import actions
from cchc.compiling.models import CompiledEvent, CompiledReport, EventKind, Status
from cchc.compiling.workflows import COMPILED_WORKFLOW
from cchc.reporting.actions import load_config, open_periods
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period
from cchc.workflow import StatusError
from conftest import Province


@pytest.fixture
def draft(province: Province, deputy: User, coordinator: User) -> CompiledReport:
    """The province's compiled report of 2025-H1, drafted before any unit reported."""
    load_config(Actor.command("test"), read_config())
    open_periods(Actor.command("test"), 2025)
    period = Period.objects.get(code="2025-H1")
    return actions.start(Actor.of_user(coordinator), period, province.root)


def page_of(client: Client, report: CompiledReport) -> str:
    return client.get(reverse("compiling:detail", args=[report.pk])).content.decode()


def fresh(report: CompiledReport) -> CompiledReport:
    return CompiledReport.objects.get(pk=report.pk)


def test_a_draft_without_a_signer_offers_no_submission_and_says_why(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    submit = reverse("compiling:submit", args=[draft.pk])
    assert f'action="{submit}"' in page_of(client_for(coordinator), draft)
    unsigned = actions.save_signing(
        Actor.of_user(coordinator),
        draft,
        draft.version,
        signer=None,
        signature=0,
        recipients=[],
        planned_date=draft.planned_date,
    )
    page = page_of(client_for(coordinator), unsigned)
    assert f'action="{submit}"' not in page
    assert "Hãy chọn người ký trước khi trình ký." in page
    refused = client_for(coordinator).post(submit, follow=True).content.decode()
    assert "Hãy chọn người ký trước khi trình ký." in refused
    assert fresh(draft).status == Status.DRAFT


def test_a_report_sent_for_signing_offers_return_and_issue_and_no_editing(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    answer = client.post(reverse("compiling:submit", args=[draft.pk]), follow=True)
    assert "Đã trình ký." in answer.content.decode()
    page = page_of(client, draft)
    assert f'action="{reverse("compiling:return", args=[draft.pk])}"' in page
    assert f'action="{reverse("compiling:issue", args=[draft.pk])}"' in page
    assert f'action="{reverse("compiling:submit", args=[draft.pk])}"' not in page
    assert f'action="{reverse("compiling:redraft", args=[draft.pk])}"' not in page


def test_a_return_needs_its_reason_and_the_history_words_each_step_by_the_table(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    client.post(reverse("compiling:submit", args=[draft.pk]))
    back = reverse("compiling:return", args=[draft.pk])
    refused = client.post(back, {"reason": ""}, follow=True).content.decode()
    assert "Hãy nêu lý do trả lại dự thảo." in refused
    assert fresh(draft).status == Status.SIGNING
    answer = client.post(back, {"reason": "Bổ sung số liệu Chỉ số SIPAS."}, follow=True)
    assert "Đã trả lại dự thảo." in answer.content.decode()
    assert fresh(draft).status == Status.DRAFT
    history = page_of(client, draft)
    assert "Trình ký → Trình ký" in history
    assert "Trả lại dự thảo → Dự thảo" in history
    assert "Bổ sung số liệu Chỉ số SIPAS." in history
    kinds = list(CompiledEvent.objects.filter(report=draft).values_list("kind", flat=True))
    assert kinds == ["created", "submit", "return"]
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"compiled.submitted", "compiled.returned"} <= codes


def test_a_step_on_a_report_that_moved_on_is_refused_with_its_status(
    draft: CompiledReport, coordinator: User
) -> None:
    actor = Actor.of_user(coordinator)
    signing = actions.submit_for_signing(actor, draft)
    assert signing.version == draft.version + 1 and signing.updated_by == coordinator
    with pytest.raises(StatusError, match="«Trình ký»"):
        actions.submit_for_signing(actor, draft)


def test_issuing_refuses_each_missing_value_with_its_own_message(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    client.post(reverse("compiling:submit", args=[draft.pk]))
    answer = client.post(
        reverse("compiling:issue", args=[draft.pk]), {"issued_on": "31/02/2025"}, follow=True
    )
    page = answer.content.decode()
    assert "Hãy nhập số, ký hiệu của báo cáo đã ký." in page
    assert "Ngày ban hành không hợp lệ (ngày/tháng/năm)." in page
    assert "Hãy tải lên tệp báo cáo đã ký." in page
    assert fresh(draft).status == Status.SIGNING


def test_bad_values_are_refused_with_a_message_not_guessed(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    started = client.post(reverse("compiling:start"), {"period": "2099-H1"}, follow=True)
    assert "Không có kỳ báo cáo này." in started.content.decode()
    signing = client.post(
        reverse("compiling:signing", args=[draft.pk]),
        {"version": str(draft.version), "signature": "0", "planned_date": "tháng sau"},
        follow=True,
    )
    assert "Ngày dự kiến ban hành không hợp lệ (ngày/tháng/năm)." in signing.content.decode()
    assert fresh(draft).version == draft.version
    search = client.get(reverse("compiling:detail", args=[draft.pk]), {"tim": "x" * 201})
    assert "Nội dung tìm dài quá 200 ký tự." in search.content.decode()
    word = client.get(reverse("synthesis_docx"), {"ky": "2099-H1"}, follow=True)
    assert "Không có kỳ báo cáo này." in word.content.decode()


def test_the_autosave_refuses_a_post_without_its_version_as_json(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    url = reverse("compiling:autosave", args=[draft.pk])
    answer = client_for(coordinator).post(url, {"section-III": "Không có phiên bản."})
    assert answer.status_code == 409
    assert answer.json() == {
        "error": "Thiếu phiên bản của báo cáo; hãy tải lại trang.",
        "conflict": False,
    }
    assert fresh(draft).section_text("III") != "Không có phiên bản."


def test_the_migration_renames_the_steps_recorded_before_the_kernel(
    draft: CompiledReport,
) -> None:
    for kind in ("submitted", "returned", "issued", "saved"):
        CompiledEvent.objects.create(report=draft, kind=kind, actor_label="Chuyên viên")
    migration = importlib.import_module("cchc.compiling.migrations.0003_step_event_kinds")
    migration.forwards(apps, None)
    kinds = CompiledEvent.objects.filter(report=draft).values_list("kind", flat=True)
    assert sorted(kinds) == ["created", "issue", "return", "saved", "submit"]


def test_the_recipients_are_shown_one_per_line_and_saved_back_as_they_were(
    draft: CompiledReport, coordinator: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(coordinator)
    page = page_of(client, draft)
    assert "{{" not in page
    shown = re.search(r'name="recipients" rows="5">(.*?)</textarea>', page, re.S)
    assert shown is not None and shown.group(1) == "\n".join(draft.recipients)
    answer = client.post(
        reverse("compiling:signing", args=[draft.pk]),
        {
            "version": str(draft.version),
            "signer": str(draft.signer_id or ""),
            "signature": "0",
            "planned_date": draft.planned_date.isoformat(),
            "recipients": shown.group(1) + "\nSở Tư pháp;",
        },
        follow=True,
    )
    assert "Đã lưu người ký và nơi nhận." in answer.content.decode()
    assert fresh(draft).recipients == [*draft.recipients, "Sở Tư pháp;"]


def test_the_history_words_an_edit_by_its_kind_and_a_step_by_the_table() -> None:
    assert COMPILED_WORKFLOW.label(EventKind.CREATED) == "Tạo dự thảo"
    assert COMPILED_WORKFLOW.label("submit") == "Trình ký"
