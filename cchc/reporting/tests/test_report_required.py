"""Sending a report: required sections and figures, "không phát sinh" as a value, rules that
name a blank figure, cumulative figures across the year's periods, and what changed since a
report was returned."""

from __future__ import annotations

import pytest

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.reporting.actions import start_report, submit_report
from cchc.reporting.loading import ConfigError, read_config
from cchc.reporting.models import Indicator, Period, Report, ReportValue, Status
from cchc.reporting.tests.complete import complete_figures, complete_narrative, fill_completely
from cchc.reporting.tests.pages import fresh, report_url, typed, typed_complete
from cchc.testing import Clients
from conftest import Province


def messages_of(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


def test_an_empty_report_is_refused_with_the_list_of_what_is_missing(
    stp_draft: Report, head: User, client_for: Clients, province: Province
) -> None:
    response = client_for(head).post(
        report_url("report_submit", stp_draft.period, province.stp), follow=True
    )
    shown = messages_of(response)
    assert shown[0].startswith("Chưa gửi được: báo cáo còn")
    assert "Phần I «Công tác chỉ đạo, điều hành» còn trống." in shown
    assert "Phần V «Đề xuất, kiến nghị» còn trống." in shown
    assert "Chỉ tiêu «Số hồ sơ giải quyết quá hạn» (phần II.2) còn trống." in shown
    assert "Chỉ tiêu «Số lượt người được đào tạo, bồi dưỡng» (phần II.4) còn trống." in shown
    # Figures that are not required are not listed as missing, and a rule whose figures are
    # all blank says nothing (only one with a blank term among filled ones does).
    assert not any("Số sáng kiến" in m and "còn trống." in m for m in shown)
    assert not any("Số đơn đủ điều kiện xử lý" in m for m in shown)
    assert fresh(stp_draft).status == Status.DRAFT
    html = response.content.decode()
    assert "Cần bổ sung trước khi gửi" in html
    assert "Phần II.5 «Cải cách tài chính công» còn trống." in html


def test_nothing_to_report_is_a_value_distinct_from_blank(
    stp_draft: Report, officer: User, head: User, client_for: Clients, province: Province
) -> None:
    period, unit = stp_draft.period, province.stp
    data = typed_complete(stp_draft, {"II.5": ""}, dossiers_resolved_late="")
    data.update(
        {"nil-fields": "1", "nil-narrative-II.5": "1", "nil-value-dossiers_resolved_late": "1"}
    )
    response = client_for(officer).post(report_url("report_save", period, unit), data, follow=True)
    assert messages_of(response) == ["Đã lưu báo cáo."]
    report = fresh(stp_draft)
    assert report.nil_sections == ["II.5"]
    late = ReportValue.objects.get(report=report, indicator__code="dossiers_resolved_late")
    assert late.nil and late.value == 0
    html = client_for(officer).get(report_url("report", period, unit)).content.decode()
    assert 'name="nil-narrative-II.5" value="1" checked' in html
    assert 'name="nil-value-dossiers_resolved_late" value="1" aria-label' in html
    assert "Cần bổ sung trước khi gửi" not in html
    response = client_for(head).post(report_url("report_submit", period, unit), follow=True)
    assert messages_of(response) == ["Đã gửi báo cáo."]
    # The sent report reads "Không phát sinh", not "(không có nội dung)" or "—".
    html = client_for(head).get(report_url("report", period, unit)).content.decode()
    assert "<p>Không phát sinh.</p>" in html
    assert html.count('<td class="num">Không phát sinh</td>') == 1


def test_unticking_nothing_to_report_leaves_the_figure_blank(
    stp_draft: Report, officer: User, client_for: Clients, province: Province
) -> None:
    period, unit = stp_draft.period, province.stp
    client = client_for(officer)
    data = typed(stp_draft, dossiers_resolved_late="")
    client.post(
        report_url("report_save", period, unit),
        {**data, "nil-fields": "1", "nil-value-dossiers_resolved_late": "1"},
    )
    client.post(
        report_url("report_save", period, unit),
        {**typed(fresh(stp_draft), dossiers_resolved_late=""), "nil-fields": "1"},
    )
    assert not ReportValue.objects.filter(
        report=stp_draft, indicator__code="dossiers_resolved_late"
    ).exists()


def test_a_rule_with_a_blank_term_says_so_and_blocks_sending(
    stp_draft: Report, officer: User, head: User, client_for: Clients, province: Province
) -> None:
    """The returned report of the demo: "trước hạn + đúng hạn + quá hạn = đã giải quyết" with
    "quá hạn" left blank was skipped before; now it is named."""
    period, unit = stp_draft.period, province.stp
    data = typed_complete(
        stp_draft,
        dossiers_received="120",
        dossiers_received_in_person="120",
        dossiers_resolved="100",
        dossiers_resolved_early="20",
        dossiers_resolved_on_time="80",
        dossiers_resolved_late="",
    )
    client_for(officer).post(report_url("report_save", period, unit), data)
    message = (
        "Chưa kiểm tra được «Hồ sơ giải quyết trước hạn + đúng hạn + quá hạn phải bằng số hồ sơ "
        "đã giải quyết.»: còn trống «Số hồ sơ giải quyết quá hạn»."
    )
    html = client_for(officer).get(report_url("report", period, unit)).content.decode()
    assert f'<li class="blocking">{message}</li>' in html
    response = client_for(head).post(report_url("report_submit", period, unit), follow=True)
    assert message in messages_of(response)
    assert fresh(stp_draft).status == Status.DRAFT


def test_a_rule_over_a_figure_the_unit_does_not_report_is_skipped(
    h1_2025: Period, officer: User, province: Province
) -> None:
    from cchc.reporting.actions import findings_of

    # A commune reports no TTHC announcements; no rule of the form names them, and none of
    # its rules is reported as not checkable for figures it does not report.
    report = start_report(Actor.command("test"), h1_2025, province.new_commune)
    reported = {
        i.code for i in h1_2025.form.indicators.all() if i.applies_to(province.new_commune.kind)
    }
    for finding in findings_of(report):
        assert finding.codes <= reported


def _sent(period: Period, unit: Province, head: User, **figures: int) -> Report:
    report = start_report(Actor.of_user(head), period, unit.stp)
    report = fill_completely(Actor.of_user(head), report, **figures)
    return report


def test_six_months_above_nine_months_warns_naming_both_reports(
    h1_2025: Period, head: User, client_for: Clients, province: Province
) -> None:
    nine = Period.objects.get(code="2025-9M")
    h1 = _sent(h1_2025, province, head, dossiers_received=500, dossiers_received_in_person=500)
    _sent(nine, province, head, dossiers_received=300, dossiers_received_in_person=300)
    message = (
        "Số lũy kế của báo cáo 6 tháng đầu năm 2025 lớn hơn của báo cáo 9 tháng đầu năm 2025 "
        "(cùng đơn vị): «Tổng số hồ sơ TTHC tiếp nhận» 500 &gt; 300; "
        "«Số hồ sơ tiếp nhận trực tiếp» 500 &gt; 300."
    )
    for period in (h1_2025, nine):
        html = client_for(head).get(report_url("report", period, province.stp)).content.decode()
        assert f'<li class="warning">{message}</li>' in html
    # A warning: the report is sent all the same.
    assert submit_report(Actor.of_user(head), h1).status == Status.SUBMITTED


def test_a_returned_report_shows_what_changed_since(
    stp_draft: Report,
    officer: User,
    head: User,
    coordinator: User,
    client_for: Clients,
    province: Province,
) -> None:
    period, unit = stp_draft.period, province.stp
    report = submit_report(Actor.of_user(head), fill_completely(Actor.of_user(officer), stp_draft))
    client_for(coordinator).post(
        report_url("report_return", period, unit), {"comment": "Bổ sung số hồ sơ quá hạn."}
    )
    html = client_for(officer).get(report_url("report", period, unit)).content.decode()
    assert "Chưa có mục nào được sửa kể từ khi báo cáo bị trả lại." in html
    client_for(officer).post(
        report_url("report_save", period, unit),
        typed(
            fresh(report),
            {"II.2": "Có 3 hồ sơ quá hạn do thiếu giấy tờ."},
            dossiers_resolved_late="3",
            dossiers_resolved_on_time="0",
        ),
    )
    html = client_for(officer).get(report_url("report", period, unit)).content.decode()
    assert "2 mục đã sửa" in html  # II.2 and the late dossiers (on time stays 0)
    heading = html[html.index('id="muc-II.2"') :]
    heading = heading[: heading.index("</summary>")]
    assert 'Cải cách thủ tục hành chính <abbr class="required"' in heading
    assert '<span class="badge changed">đã sửa</span>' in heading
    row = html[html.index('<tr data-code="dossiers_resolved_late"') :]
    assert '<span class="badge changed">đã sửa</span>' in row[: row.index("</tr>")]
    row = html[html.index('<tr data-code="dossiers_resolved_early"') :]
    assert "đã sửa" not in row[: row.index("</tr>")]


def test_the_shipped_form_requires_every_section_and_the_plan_dossier_training_figures() -> None:
    config = read_config()
    form = config.forms[0]
    required = {i["code"] for i in form["indicators"] if i.get("required")}
    assert {"plan_tasks_set", "dossiers_resolved_late", "training_participants"} <= required
    assert all(section.get("required", True) for section in form["sections"])


@pytest.mark.django_db
def test_required_by_kind_is_loaded_and_checked(h1_2025: Period, province: Province) -> None:
    indicator = Indicator.objects.get(form=h1_2025.form, code="initiatives")
    indicator.required, indicator.required_kinds = True, ["commune"]
    indicator.save()
    assert indicator.is_required_for("commune")
    assert not indicator.is_required_for("department")
    report = start_report(Actor.command("test"), h1_2025, province.stp)
    values = complete_figures(report)
    del values["initiatives"]
    from cchc.reporting.validation import missing_items

    indicators = [i for i in h1_2025.form.indicators.all() if i.applies_to("department")]
    narrative = complete_narrative(report)
    assert missing_items(h1_2025.form, "department", narrative, [], indicators, values) == []
    missing = missing_items(h1_2025.form, "commune", narrative, [], indicators, values)
    assert [f.codes for f in missing] == [frozenset({"initiatives"})]


def test_a_wrong_required_value_is_a_configuration_error(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    from cchc.reporting.loading import CONFIG_DIR

    directory = Path(str(tmp_path)) / "config"
    shutil.copytree(CONFIG_DIR, directory)
    path = directory / "forms" / "bao-cao-cchc-dinh-ky.yaml"
    text = (
        path.read_text("utf-8")
        .replace("required: true}", 'required: "có"}', 1)
        .replace(
            '{code: "V", title: "Đề xuất, kiến nghị"}',
            '{code: "V", title: "Đề xuất, kiến nghị", required: [tinh]}',
        )
    )
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as error:
        read_config(directory)
    assert any("«required» phải là true, false" in e for e in error.value.errors)
    assert any("phần «V»: «required» có loại đơn vị «tinh»" in e for e in error.value.errors)
