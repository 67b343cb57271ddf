from pathlib import Path

import pytest

from cchc.reporting.loading import CONFIG_DIR, ConfigError, read_config
from cchc.reporting.models import Indicator, PeriodKind, ReportForm, ValidationRule


def test_the_shipped_configuration_reads_without_errors() -> None:
    config = read_config()
    assert [kind["code"] for kind in config.period_kinds] == [
        "Q1", "Q2", "H1", "Q3", "9M", "Q4", "Y",
    ]  # fmt: skip
    default = next(form for form in config.forms if form["code"] == "cchc-dinh-ky")
    assert 45 <= len(default["indicators"]) <= 60


def test_loading_the_configuration_twice_creates_nothing_new(reporting: None) -> None:
    from cchc.audit.log import Actor
    from cchc.reporting.actions import load_config

    counts = (ReportForm.objects.count(), Indicator.objects.count(), ValidationRule.objects.count())
    load_config(Actor.command("test"), read_config())
    assert counts == (
        ReportForm.objects.count(),
        Indicator.objects.count(),
        ValidationRule.objects.count(),
    )
    assert PeriodKind.objects.count() == 7


def test_a_rule_on_an_unknown_indicator_is_reported_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "periods.yaml").write_text((CONFIG_DIR / "periods.yaml").read_text("utf-8"))
    (tmp_path / "forms" / "x.yaml").write_text(
        "code: x\nversion: 2025\ntitle: X\nsections: [{code: I, title: A}]\n"
        "indicators: [{code: a, section: I, name: A, unit: cái, type: integer, "
        "aggregation: sum}]\n"
        "rules: [{code: r, check: 'a <= b', severity: blocking, message: M}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        read_config(tmp_path)
    assert error.value.errors == ["x.yaml, quy tắc «r»: không có chỉ tiêu «b»."]


def test_a_ratio_without_its_parts_is_refused(tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "periods.yaml").write_text((CONFIG_DIR / "periods.yaml").read_text("utf-8"))
    (tmp_path / "forms" / "x.yaml").write_text(
        "code: x\nversion: 2025\ntitle: X\nsections: [{code: I, title: A}]\n"
        "indicators: [{code: r, section: I, name: R, unit: '%', type: percent, "
        "aggregation: ratio}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        read_config(tmp_path)
    assert "tỷ lệ cần «numerator» và «denominator»" in error.value.errors[0]
