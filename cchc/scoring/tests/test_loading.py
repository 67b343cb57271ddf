"""Loading frameworks into the database (cchc/scoring/loading.py and `load_scoring_config`):
created or updated in place, and never in a way that changes what units already scored."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.audit.models import AuditEntry
from cchc.scoring.loading import (
    CONFIG_DIR,
    LoadRefused,
    load_frameworks,
    read_framework,
    read_frameworks,
    set_deadlines,
)
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Status
from conftest import Province

COMMAND = Actor.command("test")
SHIPPED = CONFIG_DIR / "department-2024.yaml"


def run(*files: Path) -> str:
    out = io.StringIO()
    call_command("load_scoring_config", *[str(f) for f in files], stdout=out)
    return out.getvalue()


def shipped_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    return data


def node(data: dict[str, Any], code: str) -> dict[str, Any]:
    """The node with ``code`` in the file's data, to change it."""
    nodes: list[dict[str, Any]] = data["areas"]
    while True:
        item = next(n for n in nodes if code == n["code"] or code.startswith(n["code"] + "."))
        if item["code"] == code:
            return item
        nodes = item["criteria"]


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / SHIPPED.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load(path: Path) -> None:
    load_frameworks(COMMAND, [read_framework(path)])


@pytest.fixture
def department_2024(db: None) -> Framework:
    load(SHIPPED)
    return Framework.objects.get(year=2024, unit_kind="department")


def scored(framework: Framework, code: str, province: Province, status: Status) -> None:
    """An assessment of Sở Tư pháp with a score on criterion ``code``."""
    assessment = Assessment.objects.create(framework=framework, unit=province.stp, status=status)
    ItemScore.objects.create(
        assessment=assessment,
        criterion=framework.criteria.get(code=code),
        self_score=Decimal("0.5"),
    )


def test_the_command_loads_every_shipped_framework_and_says_what_it_loaded(db: None) -> None:
    output = run()
    assert Framework.objects.count() == 6
    assert (
        "department-2024.yaml: Bộ Chỉ số cải cách hành chính các sở, ban, ngành tỉnh Quảng Ngãi "
        "năm 2024: 8 lĩnh vực, 53 tiêu chí chấm điểm (điều tra xã hội học 30 điểm) – tạo mới."
    ) in output
    framework = Framework.objects.get(year=2025, unit_kind="commune")
    assert framework.self_assessment_due is not None
    assert framework.self_assessment_due.isoformat() == "2026-01-10"
    assert AuditEntry.objects.filter(action="scoring.load_framework").count() == 6


def test_loading_again_changes_nothing_and_records_nothing(db: None) -> None:
    run()
    counts = (Framework.objects.count(), Criterion.objects.count())
    output = run()
    assert (Framework.objects.count(), Criterion.objects.count()) == counts
    assert output.count("không thay đổi") == 6
    assert AuditEntry.objects.filter(action="scoring.load_framework").count() == 6


def test_the_tree_keeps_the_files_order_parents_and_rules(department_2024: Framework) -> None:
    criteria = list(department_2024.criteria.order_by("position"))
    assert [c.code for c in criteria[:4]] == ["1", "1.1", "1.1.1", "1.1.2"]
    by_code = {c.code: c for c in criteria}
    assert by_code["1.1.1"].parent == by_code["1.1"]
    assert by_code["1.1"].parent == by_code["1"] and by_code["1"].parent is None
    assert not by_code["1.1"].is_leaf and by_code["1.1.1"].is_leaf
    assert by_code["1.2"].method == "computed"
    assert by_code["1.2"].rule["source"] == "reports_on_time"
    assert by_code["1.1.1"].levels[0] == {
        "label": "Ban hành đúng thời hạn, đầy đủ nội dung",
        "points": "0.5",
    }
    assert by_code["6.4"].unit_kinds == ["department"]
    assert department_2024.assessed_kinds == ["department", "office"]
    assert sum(c.max_points for c in criteria if c.is_leaf) == 100


def test_a_changed_file_updates_the_criteria_in_place(
    department_2024: Framework, tmp_path: Path
) -> None:
    data = shipped_data()
    node(data, "2.4")["text"] = "Kiểm tra việc thi hành văn bản quy phạm pháp luật"
    data["answer_due"] = data["answer_due"].replace(day=25)
    pk = department_2024.criteria.get(code="2.4").pk
    output = run(write(tmp_path, data))
    assert "thêm 0, sửa 1, xóa 0 tiêu chí" in output
    criterion = Criterion.objects.get(pk=pk)
    assert criterion.text == "Kiểm tra việc thi hành văn bản quy phạm pháp luật"
    department_2024.refresh_from_db()
    assert department_2024.answer_due is not None and department_2024.answer_due.day == 25


def test_a_criterion_removed_from_the_file_is_deleted_when_nobody_scored_it(
    department_2024: Framework, tmp_path: Path
) -> None:
    data = shipped_data()
    area = node(data, "2")
    area["criteria"] = [c for c in area["criteria"] if c["code"] != "2.4"]
    node(data, "2.3")["max"] = 2.5
    node(data, "2.3")["levels"][0]["points"] = 2.5
    load(write(tmp_path, data))
    assert not department_2024.criteria.filter(code="2.4").exists()
    assert department_2024.criteria.get(code="2.3").max_points == Decimal("2.5")


def test_a_criterion_with_scores_is_not_deleted(
    department_2024: Framework, tmp_path: Path, province: Province
) -> None:
    scored(department_2024, "2.4", province, Status.DRAFT)
    data = shipped_data()
    area = node(data, "2")
    area["criteria"] = [c for c in area["criteria"] if c["code"] != "2.4"]
    node(data, "2.3")["max"] = 2.5
    node(data, "2.3")["levels"][0]["points"] = 2.5
    with pytest.raises(LoadRefused) as refused:
        load(write(tmp_path, data))
    assert refused.value.problems == [
        "department-2024.yaml (sở, ban, ngành, năm 2024), tiêu chí 2.4: đã có điểm của 1 đơn "
        "vị; không xóa được. Giữ tiêu chí trong tệp (có thể đổi nội dung) hoặc xóa điểm trước."
    ]
    assert department_2024.criteria.get(code="2.3").max_points == Decimal("1.5")


def test_the_maximum_of_a_criterion_with_submitted_scores_cannot_change(
    department_2024: Framework, tmp_path: Path, province: Province
) -> None:
    scored(department_2024, "1.1.1", province, Status.SUBMITTED)
    data = shipped_data()
    node(data, "1.1.1")["max"] = 1
    node(data, "1.1.1")["levels"][0]["points"] = 1
    node(data, "1.1.2")["max"] = 1
    node(data, "1.1.2")["rule"]["bands"][0]["points"] = 1
    with pytest.raises(CommandError) as refused:
        run(write(tmp_path, data))
    assert (
        "tiêu chí thành phần 1.1.1: 1 đơn vị đã gửi điểm tự đánh giá; không đổi được điểm "
        "tối đa 0,5 → 1."
    ) in str(refused.value)
    assert department_2024.criteria.get(code="1.1.2").max_points == Decimal("1.5")


def test_the_method_of_a_criterion_with_only_draft_scores_can_change(
    department_2024: Framework, tmp_path: Path, province: Province
) -> None:
    scored(department_2024, "2.4", province, Status.DRAFT)
    data = shipped_data()
    node(data, "2.4")["method"] = "survey"
    load(write(tmp_path, data))
    assert department_2024.criteria.get(code="2.4").method == "survey"


def test_a_published_framework_is_not_changed(department_2024: Framework, tmp_path: Path) -> None:
    department_2024.published_at = timezone.now()
    department_2024.save(update_fields=["published_at"])
    data = shipped_data()
    node(data, "2.4")["text"] = "Nội dung khác"
    with pytest.raises(LoadRefused) as refused:
        load(write(tmp_path, data))
    assert refused.value.problems == [
        "department-2024.yaml (sở, ban, ngành, năm 2024): kết quả đã được công bố; không "
        "thay đổi bộ chỉ số được."
    ]
    load(SHIPPED)  # the same file again changes nothing, so it is accepted


def test_a_broken_file_loads_nothing(db: None, tmp_path: Path) -> None:
    data = shipped_data()
    node(data, "2.4")["max"] = 2
    with pytest.raises(CommandError) as refused:
        run(SHIPPED.with_name("commune-2024.yaml"), write(tmp_path, data))
    assert "department-2024.yaml, lĩnh vực 2: tổng điểm các tiêu chí 9 khác điểm tối đa 8." in (
        str(refused.value)
    )
    assert not Framework.objects.exists()


def test_a_missing_file_is_named(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không có tệp"):
        run(tmp_path / "department-2030.yaml")


def test_only_coordinators_load_frameworks(officer: User, coordinator: User) -> None:
    specs = read_frameworks([SHIPPED])
    with pytest.raises(PermissionDenied):
        load_frameworks(Actor.of_user(officer), specs)
    load_frameworks(Actor.of_user(coordinator), specs)
    entry = AuditEntry.objects.get(action="scoring.load_framework")
    assert entry.actor == coordinator and entry.after is not None
    assert len(entry.after["criteria_created"]) == 73


def test_a_coordinator_extends_the_deadlines(department_2024: Framework, coordinator: User) -> None:
    set_deadlines(
        Actor.of_user(coordinator), department_2024, dt.date(2025, 1, 20), dt.date(2025, 3, 1)
    )
    department_2024.refresh_from_db()
    assert department_2024.self_assessment_due == dt.date(2025, 1, 20)
    entry = AuditEntry.objects.get(action="scoring.deadlines")
    assert entry.before is not None and entry.before["answer_due"] == "2025-02-20"
    with pytest.raises(LoadRefused, match="Hạn giải trình phải sau hạn gửi tự đánh giá"):
        set_deadlines(COMMAND, department_2024, dt.date(2025, 3, 1), dt.date(2025, 3, 1))
