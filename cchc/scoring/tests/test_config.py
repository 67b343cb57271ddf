"""Reading and checking the framework files (cchc/scoring/loading.py): the shipped ones, then
broken ones written here, each refused with a Vietnamese message naming the file and the code."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc.orgs.models import Kind
from cchc.scoring.loading import (
    METHODS,
    RULE_SOURCES,
    UNIT_KINDS,
    ConfigError,
    read_framework,
    read_frameworks,
)
from cchc.scoring.models import Method
from cchc.scoring.rules import SOURCES

VALID: dict[str, Any] = {
    "year": 2024,
    "unit_kind": "department",
    "title": "Bộ chỉ số thử",
    "self_assessment_due": dt.date(2025, 1, 10),
    "answer_due": dt.date(2025, 2, 20),
    "areas": [
        {
            "code": "1",
            "text": "Công tác chỉ đạo, điều hành",
            "max": 20,
            "criteria": [
                {
                    "code": "1.1",
                    "text": "Kế hoạch cải cách hành chính",
                    "max": 8,
                    "criteria": [
                        {
                            "code": "1.1.1",
                            "text": "Ban hành kế hoạch đúng hạn",
                            "max": 1.5,
                            "evidence_required": True,
                            "levels": [
                                {"label": "Đúng hạn", "points": 1.5},
                                {"label": "Chậm", "points": 0.5},
                                {"label": "Không ban hành", "points": 0},
                            ],
                        },
                        {"code": "1.1.2", "text": "Kiểm tra", "max": 6.5},
                    ],
                },
                {
                    "code": "1.2",
                    "text": "Báo cáo đúng hạn",
                    "max": 12,
                    "method": "computed",
                    "rule": {
                        "source": "reports_on_time",
                        "bands": [
                            {"min": 100, "points": 12},
                            {"min": 80, "points": 6},
                            {"min": 0, "points": 0},
                        ],
                    },
                },
            ],
        },
        {
            "code": "2",
            "text": "Cải cách thủ tục hành chính",
            "max": 50,
            "criteria": [
                {
                    "code": "2.1",
                    "text": "Giải quyết hồ sơ đúng hạn",
                    "max": 50,
                    "not_applicable_if": "Đơn vị không có thủ tục hành chính",
                }
            ],
        },
        {
            "code": "3",
            "text": "Điều tra xã hội học",
            "max": 30,
            "criteria": [{"code": "3.1", "text": "Hài lòng", "max": 30, "method": "survey"}],
        },
    ],
}


def write(directory: Path, data: dict[str, Any], name: str = "department-2024.yaml") -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors_of(
    directory: Path, data: dict[str, Any], name: str = "department-2024.yaml"
) -> list[str]:
    with pytest.raises(ConfigError) as refused:
        read_framework(write(directory, data, name))
    return refused.value.errors


def changed(path: str, value: Any) -> dict[str, Any]:
    """VALID with the value at ``path`` ("areas.0.criteria.1.max") replaced."""
    data = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    node: Any = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(last) if last.isdigit() else last] = value
    return data


def test_the_shipped_frameworks_are_valid_and_sum_to_one_hundred() -> None:
    specs = read_frameworks()
    assert sorted((s.year, s.unit_kind) for s in specs) == [
        (2023, "commune"),
        (2023, "department"),
        (2024, "commune"),
        (2024, "department"),
        (2025, "commune"),
        (2025, "department"),
    ]
    for spec in specs:
        assert sum(leaf.max_points for leaf in spec.leaves) == 100
        survey = sum(leaf.max_points for leaf in spec.leaves if leaf.method == "survey")
        assert survey == 30, spec.source
        sources = {leaf.rule["source"] for leaf in spec.leaves if leaf.method == "computed"}
        assert sources == {"reports_on_time", "tasks_on_time"}, spec.source
        assert any("not_applicable_if" in leaf.rule for leaf in spec.leaves)
        assert spec.self_assessment_due and spec.answer_due


def test_2025_frameworks_add_a_criterion_on_the_two_level_local_government() -> None:
    by_key = {(s.year, s.unit_kind): s for s in read_frameworks()}
    for kind in ("department", "commune"):
        codes_2024 = {c.code for c in by_key[2024, kind].criteria}
        new = [c for c in by_key[2025, kind].criteria if c.code not in codes_2024]
        assert [c.code for c in new] == ["4.4"]
        assert "cấp huyện" in new[0].text or "sau sắp xếp" in new[0].text


def test_2023_frameworks_are_the_2024_tree_with_lower_thresholds_and_earlier_deadlines() -> None:
    by_key = {(s.year, s.unit_kind): s for s in read_frameworks()}
    differing = {
        "department": ["3.3.3", "7.1.1", "7.2.2", "7.5"],
        "commune": ["3.2.3", "7.1.1", "7.2.1"],
    }
    for kind, codes in differing.items():
        old, new = by_key[2023, kind], by_key[2024, kind]
        assert [(c.code, c.max_points) for c in old.criteria] == [
            (c.code, c.max_points) for c in new.criteria
        ]
        changed = [a.code for a, b in zip(old.criteria, new.criteria, strict=True) if a != b]
        assert changed == codes
        assert old.self_assessment_due == dt.date(2024, 1, 12)
        assert old.answer_due == dt.date(2024, 2, 23)


def test_the_lists_of_kinds_methods_and_sources_match_the_code() -> None:
    assert set(UNIT_KINDS) == set(Kind.values)
    assert set(METHODS) == set(Method.values)
    assert set(RULE_SOURCES) == set(SOURCES)


def test_a_valid_file_gives_the_tree_in_file_order_with_points_as_decimals(
    tmp_path: Path,
) -> None:
    spec = read_framework(write(tmp_path, VALID))
    codes = ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1", "3", "3.1"]
    assert [c.code for c in spec.criteria] == codes
    first = spec.criteria[2]
    assert (first.parent_code, first.max_points, first.evidence_required) == (
        "1.1",
        Decimal("1.5"),
        True,
    )
    assert first.levels[1] == {"label": "Chậm", "points": "0.5"}
    assert spec.criteria[4].rule["bands"][1] == {"min": "80", "points": "6"}
    assert spec.criteria[6].rule == {"not_applicable_if": "Đơn vị không có thủ tục hành chính"}
    assert spec.unit_kinds == [] and spec.survey_conducted


def test_sub_criteria_that_do_not_add_up_to_their_criterion_are_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("areas.0.criteria.0.max", 8.5))
    assert errors[0] == (
        "department-2024.yaml, tiêu chí 1.1: tổng điểm các tiêu chí thành phần 8 khác điểm "
        "tối đa 8,5."
    )


def test_areas_that_do_not_add_up_to_one_hundred_are_refused(tmp_path: Path) -> None:
    data = changed("areas.2.max", 29.5)
    data["areas"][2]["criteria"][0]["max"] = 29.5
    assert errors_of(tmp_path, data) == [
        "department-2024.yaml: tổng điểm tối đa các lĩnh vực 99,5 khác 100."
    ]


def test_criteria_that_do_not_add_up_to_their_area_are_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("areas.1.criteria.0.max", 45))
    assert "department-2024.yaml, lĩnh vực 2: tổng điểm các tiêu chí 45 khác điểm tối đa 50." in (
        errors
    )


def test_a_level_above_the_maximum_or_a_top_level_below_it_is_refused(tmp_path: Path) -> None:
    levels = "areas.0.criteria.0.criteria.0.levels"
    errors = errors_of(tmp_path, changed(f"{levels}.0.points", 2))
    assert errors[0] == (
        "department-2024.yaml, tiêu chí thành phần 1.1.1: mức «Đúng hạn» 2 điểm vượt điểm tối "
        "đa 1,5."
    )
    errors = errors_of(tmp_path, changed(f"{levels}.0.points", 1))
    assert errors == [
        "department-2024.yaml, tiêu chí thành phần 1.1.1: mức cao nhất 1 điểm phải bằng điểm "
        "tối đa 1,5."
    ]


def test_duplicate_and_misplaced_codes_are_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("areas.0.criteria.0.criteria.1.code", "1.1.1"))
    assert "department-2024.yaml, tiêu chí thành phần 1.1.1: mã bị trùng." in errors
    errors = errors_of(tmp_path, changed("areas.1.criteria.0.code", "1.3"))
    assert errors == [
        "department-2024.yaml, tiêu chí 1.3: mã phải có dạng 2.N (nằm dưới lĩnh vực 2)."
    ]


def test_an_unquoted_code_is_refused_because_yaml_reads_it_as_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    path.write_text(path.read_text(encoding="utf-8").replace("'1.2'", "1.2"), encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        read_framework(path)
    assert refused.value.errors[0].startswith(
        "department-2024.yaml, mã 1.2: mã («code») phải là chuỗi trong ngoặc kép"
    )


def test_an_unknown_method_or_rule_source_is_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("areas.1.criteria.0.method", "vote"))
    assert errors[0].startswith("department-2024.yaml, tiêu chí 2.1: cách chấm «vote»")
    errors = errors_of(tmp_path, changed("areas.0.criteria.1.rule.source", "trainings"))
    assert errors[0] == (
        "department-2024.yaml, tiêu chí 1.2: nguồn dữ liệu «trainings» không có; dùng "
        "reports_on_time, tasks_on_time."
    )


def test_a_computed_leaf_needs_a_rule(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    del data["areas"][0]["criteria"][1]["rule"]
    assert errors_of(tmp_path, data) == [
        "department-2024.yaml, tiêu chí 1.2: tiêu chí tính từ dữ liệu cần «rule» (source, bands)."
    ]


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        (
            [{"min": 80, "points": 6}, {"min": 100, "points": 12}, {"min": 0, "points": 0}],
            "các khoảng phải xếp theo «min» giảm dần, không trùng nhau.",
        ),
        (
            [{"min": 100, "points": 12}, {"min": 50, "points": 0}],
            "khoảng cuối cùng phải có «min: 0» (mọi tỷ lệ đều được tính).",
        ),
        (
            [{"min": 100, "points": 10}, {"min": 0, "points": 0}],
            "khoảng cao nhất 10 điểm phải bằng điểm tối đa 12.",
        ),
        (
            [{"min": 100, "points": 12}, {"min": 80, "points": 0}, {"min": 0, "points": 6}],
            "tỷ lệ thấp hơn không được nhiều điểm hơn.",
        ),
        (
            [{"min": 120, "points": 12}, {"min": 0, "points": 0}],
            "«min» của khoảng thứ 1 vượt 100 %.",
        ),
    ],
)
def test_ill_formed_bands_are_refused(
    tmp_path: Path, bands: list[dict[str, int]], message: str
) -> None:
    errors = errors_of(tmp_path, changed("areas.0.criteria.1.rule.bands", bands))
    assert f"department-2024.yaml, tiêu chí 1.2: {message}" in errors


def test_unknown_unit_kinds_are_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("unit_kinds", ["department", "ward"]))
    assert errors[0].startswith("department-2024.yaml: «unit_kinds» chỉ gồm các loại")
    errors = errors_of(tmp_path, changed("areas.1.criteria.0.unit_kinds", ["commune"]))
    assert errors == [
        "department-2024.yaml, tiêu chí 2.1: loại đơn vị commune không thuộc bộ chỉ số này "
        "(department)."
    ]


def test_a_file_named_for_another_year_or_kind_is_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, VALID, name="commune-2024.yaml")
    assert errors == [
        "commune-2024.yaml: tên tệp không khớp nội dung (year 2024, unit_kind department); "
        "tệp phải tên department-2024.yaml."
    ]


def test_a_framework_without_a_survey_part_is_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("areas.2.criteria.0.method", "self"))
    assert errors == [
        "department-2024.yaml: không có tiêu chí nào chấm qua điều tra xã hội học (method: survey)."
    ]


def test_deadlines_must_be_dates_in_order(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, changed("answer_due", dt.date(2025, 1, 5)))
    assert errors == ["department-2024.yaml: «answer_due» phải sau «self_assessment_due»."]
    errors = errors_of(tmp_path, changed("answer_due", "20/02/2025"))
    assert errors == ["department-2024.yaml: «answer_due» phải là một ngày dạng YYYY-MM-DD."]


def test_errors_of_every_file_are_collected_and_nothing_is_returned(tmp_path: Path) -> None:
    good = write(tmp_path, VALID)
    bad = changed("areas.0.criteria.0.max", 8.5)
    bad["year"] = 2025
    bad_path = write(tmp_path, bad, "department-2025.yaml")
    with pytest.raises(ConfigError) as refused:
        read_frameworks([good, bad_path])
    assert [e.split(",")[0].split(":")[0] for e in refused.value.errors] == [
        "department-2025.yaml",
        "department-2025.yaml",
    ]


def test_unreadable_yaml_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "department-2024.yaml"
    path.write_text("areas: [\n  - code: '1'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        read_framework(path)
    assert refused.value.errors[0].startswith("department-2024.yaml: không đọc được")
