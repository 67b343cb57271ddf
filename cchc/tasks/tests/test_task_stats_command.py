"""``manage.py task_stats``: counts by status and deadline that add up to the total, and
that match counts made independently from an imported file."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.tasks.actions import decide_adjustment, request_adjustment
from cchc.tasks.models import Task
from cchc.tasks.tests.conftest import MakeTask, happened_on, write_xlsx
from conftest import Province

AS_OF = dt.date(2025, 9, 15)
ROW_ORDER = ["cho_tiep_nhan", "dang_thuc_hien", "cho_ket_thuc", "da_hoan_thanh", "khac"]


def stats(*args: str) -> dict[str, object]:
    """The command's JSON, with the keys it has always had (later ones are added, never
    changed: "reported_late_apart", and "reported_after_deadline" per row)."""
    out = StringIO()
    call_command("task_stats", *args, "--json", stdout=out)
    result: dict[str, Any] = json.loads(out.getvalue())
    assert result.pop("reported_late_apart") is False
    for row in result["rows"]:
        assert row.pop("reported_after_deadline") <= row["within"]
    return result


def plan_rows() -> list[list[object]]:
    """40 tasks: every status, deadlines before, on and after AS_OF and none, completions
    before, on and after their deadlines; units by code and by name."""
    rows: list[list[object]] = []
    deadlines = [None, dt.date(2025, 3, 31), AS_OF, dt.date(2025, 9, 14), dt.date(2025, 12, 31)]
    number = 0
    for status in ["cho_tiep_nhan", "dang_thuc_hien", "", "Chờ tiếp nhận"]:
        for deadline in deadlines:
            number += 1
            unit = "QNG-STP" if number % 2 else "Sở Nội vụ"
            rows.append([number, f"Nhiệm vụ {number}", unit, "", deadline, "", "", status, None])
    for status in ["cho_ket_thuc", "da_hoan_thanh", "Đã hoàn thành"]:
        for deadline, completed in [
            (dt.date(2025, 3, 31), dt.date(2025, 3, 30)),
            (dt.date(2025, 3, 31), dt.date(2025, 3, 31)),
            (dt.date(2025, 3, 31), dt.date(2025, 4, 1)),
            (dt.date(2025, 9, 30), dt.date(2025, 9, 10)),
            (None, dt.date(2025, 5, 5)),
            (dt.date(2025, 1, 15), dt.date(2025, 8, 1)),
        ]:
            number += 1
            rows.append(
                [number, f"Nhiệm vụ {number}", "QNG-SNV", "QNG-STP",
                 f"{deadline:%d/%m/%Y}" if deadline else "", "", "", status, completed]
            )  # fmt: skip
    for status in ["da_huy", "Đã hủy"]:
        number += 1
        rows.append([number, f"Nhiệm vụ {number}", "QNG-STP", "", "", "", "", status, None])
    return rows


def expected(rows: list[list[object]], as_of: dt.date) -> dict[str, object]:
    """The report computed by hand from the rows (not through the application)."""
    names = {
        "": "cho_tiep_nhan",
        "Chờ tiếp nhận": "cho_tiep_nhan",
        "Đã hoàn thành": "da_hoan_thanh",
        "Đã hủy": "da_huy",
    }
    counts = {status: {"total": 0, "within": 0, "overdue": 0} for status in ROW_ORDER}
    for row in rows:
        status = names.get(str(row[7]), str(row[7]))
        raw_deadline = row[4]
        deadline = (
            dt.datetime.strptime(raw_deadline, "%d/%m/%Y").date()  # noqa: DTZ007
            if isinstance(raw_deadline, str) and raw_deadline
            else raw_deadline or None
        )
        if status == "da_huy":
            counts["khac"]["total"] += 1
            continue
        measured = row[8] if status in ("cho_ket_thuc", "da_hoan_thanh") else as_of
        late = deadline is not None and measured > deadline  # type: ignore[operator]
        counts[status]["total"] += 1
        counts[status]["overdue" if late else "within"] += 1
    return {
        "as_of": as_of.isoformat(),
        "total": len(rows),
        "rows": [{"status": status, **counts[status]} for status in ROW_ORDER],
    }


def test_the_counts_of_an_imported_plan_match_counts_made_from_the_file(
    province: Province, tmp_path: Path
) -> None:
    rows = plan_rows()
    path = write_xlsx(tmp_path / "ke-hoach.xlsx", rows)
    call_command(
        "import_plan",
        str(path),
        "--code=KH-TEST",
        "--title=Kế hoạch thử",
        "--document=35/QĐ-UBND ngày 10/01/2025",
        stdout=StringIO(),
    )
    want = expected(rows, AS_OF)
    got = stats("--plan", "KH-TEST", "--as-of", AS_OF.isoformat())
    assert got == want
    # Every cell of the report is exercised, and the rows add up to the total.
    for row in want["rows"][:4]:  # type: ignore[index]
        assert row["within"] > 0 and row["overdue"] > 0
    assert sum(r["total"] for r in got["rows"]) == got["total"] == 40  # type: ignore[attr-defined]
    # A later day makes more open tasks overdue; tasks reported done do not change.
    later = stats("--plan", "KH-TEST", "--as-of", "2026-01-01")
    assert later == expected(rows, dt.date(2026, 1, 1))


def test_the_khac_row_counts_tasks_adjusted_away_with_no_deadline_split(
    make_task: MakeTask, officer: User, coordinator: User
) -> None:
    dropped = make_task()
    make_task(item_number="2")
    adjustment = request_adjustment(Actor.of_user(officer), dropped, "khong_thuc_hien", "Trùng")
    decide_adjustment(Actor.of_user(coordinator), adjustment, approve=True)
    happened_on(dropped, dt.date(2025, 12, 1))
    result = stats("--as-of", "2025-12-31")
    assert result["rows"][-1] == {"status": "khac", "total": 1, "within": 0, "overdue": 0}  # type: ignore[index]
    assert result["rows"][0] == {  # type: ignore[index]
        "status": "cho_tiep_nhan",
        "total": 1,
        "within": 0,
        "overdue": 1,
    }


def test_the_unit_option_counts_the_tasks_led_within_the_units_subtree(
    province: Province, make_task: MakeTask
) -> None:
    make_task(lead_unit=province.old_commune, deadline=dt.date(2025, 5, 31))
    make_task(lead_unit=province.district, deadline=dt.date(2025, 5, 31), item_number="2")
    make_task(lead_unit=province.stp, item_number="3")
    assert stats("--unit", "QNG-H-BINHSON", "--as-of", "2025-05-01")["total"] == 2
    assert stats("--unit", "QNG-X-BINHCHANH", "--as-of", "2025-05-01")["total"] == 1
    assert stats("--unit", "QNG", "--as-of", "2025-05-01")["total"] == 3


def test_without_options_it_counts_every_task_as_of_today(task: Task) -> None:
    result = stats()
    assert result["total"] == 1
    assert result["as_of"] == timezone.localdate().isoformat()


def test_the_plain_output_is_a_table_in_vietnamese(task: Task) -> None:
    out = StringIO()
    call_command("task_stats", "--as-of", "2025-06-30", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Tính đến ngày 30/06/2025"
    assert lines[2].split() == ["Chờ", "tiếp", "nhận", "1", "1", "0"]
    assert lines[-1].split() == ["Tổng", "cộng", "1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "KHONG-CO"], "Không có kế hoạch mã KHONG-CO"),
        (["--unit", "KHONG-CO"], "Không có đơn vị mã KHONG-CO"),
        (["--as-of", "20/11/2025"], "--as-of phải là ngày YYYY-MM-DD"),
    ],
)
def test_unknown_plans_units_and_dates_are_refused(
    province: Province, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("task_stats", *args)
