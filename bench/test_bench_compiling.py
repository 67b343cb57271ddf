"""Drafting the compiled report of a province of 100 units (issue 10): ``make bench``.

The dataset, built in the test database with a fixed seed (20251204) through the product's
actions where they exist: a province with Sở Nội vụ, 19 other departments, 8 districts and 72
communes (100 reporting units), the shipped report form, the periods of 2024 and 2025, every
unit's accepted 2025-H1 report with its figures and a narrative of about three pages (some 1.300
words over the ten sections: the things most units say in several wordings with the unit's own
figures, routine sentences drawn from a large vocabulary, a few facts of the unit's own and
proposals to different addressees), 2024-H1 figures for the comparison, and the province's plan
of 2025 with 60 tasks in every state.

Timed, as medians after a warm-up round: drafting every section (``gather`` + ``draft``: what
"Soạn dự thảo" does before saving), target ≤ 2 s on the 2-core machine; and, for information,
writing the .docx of the drafted report. Run it alone with
``.venv/bin/python -m pytest bench/test_bench_compiling.py --benchmark-only``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from pytest_benchmark.fixture import BenchmarkFixture
from pytest_django import DjangoDbBlocker

from cchc.audit.log import Actor
from cchc.compiling import drafting
from cchc.compiling.actions import compiled_or_drafted
from cchc.compiling.document import render
from cchc.compiling.facts import gather
from cchc.compiling.loading import settings
from cchc.demo.narratives import OWN, PROPOSALS, SHARED
from cchc.documents.actions import DocumentData, register_document
from cchc.orgs.actions import UnitData, import_units
from cchc.orgs.models import Unit
from cchc.reporting.actions import load_config, open_periods
from cchc.reporting.loading import read_config
from cchc.reporting.models import Period, Report, ReportValue, Status
from cchc.tasks.actions import TaskData, create_plan, create_task
from cchc.tasks.models import Task

SEED = 20251204
TARGET_SECONDS = 2.0
DEPARTMENTS = [
    "Tư pháp", "Tài chính", "Xây dựng", "Công Thương", "Giáo dục và Đào tạo", "Y tế",
    "Văn hóa, Thể thao và Du lịch", "Khoa học và Công nghệ", "Nông nghiệp và Môi trường",
    "Dân tộc và Tôn giáo", "Ngoại vụ", "Lao động", "Kế hoạch", "Giao thông", "Tài nguyên",
    "Thông tin", "Quy hoạch", "Hạ tầng", "Du lịch",
]  # fmt: skip
SYLLABLES = [
    "An", "Bình", "Chánh", "Đông", "Hòa", "Khánh", "Lộc", "Minh", "Nghĩa", "Phước", "Quang",
    "Sơn", "Tân", "Thạnh", "Trung", "Vinh", "Xuân", "Hải", "Long", "Phú",
]  # fmt: skip
VERBS = [
    "Tổ chức", "Triển khai", "Rà soát", "Kiện toàn", "Hướng dẫn", "Đôn đốc", "Theo dõi",
    "Cập nhật", "Công khai", "Số hóa", "Tập huấn", "Kiểm tra", "Tổng hợp", "Xây dựng", "Duy trì",
]  # fmt: skip
OBJECTS = [
    "quy chế làm việc của cơ quan", "danh mục thủ tục hành chính nội bộ", "hồ sơ lưu trữ",
    "kế hoạch kiểm tra công vụ", "phần mềm quản lý văn bản", "hệ thống quản lý chất lượng",
    "bộ phận tiếp nhận và trả kết quả", "quy trình nội bộ giải quyết hồ sơ",
    "cơ sở dữ liệu cán bộ, công chức", "đề án vị trí việc làm", "kế hoạch chuyển đổi số",
    "quy chế chi tiêu nội bộ", "hộp thư góp ý", "chuyên mục cải cách hành chính",
    "dịch vụ công trực tuyến toàn trình", "chữ ký số chuyên dùng", "hội nghị đối thoại",
    "quy chế phối hợp liên ngành", "kế hoạch đào tạo, bồi dưỡng", "sổ theo dõi hồ sơ",
]  # fmt: skip
QUALIFIERS = [
    "theo đúng quy định", "đúng tiến độ đề ra", "cho các phòng chuyên môn",
    "trên Cổng thông tin điện tử", "với sự tham gia của người dân", "định kỳ hằng tháng",
    "gắn với trách nhiệm người đứng đầu", "trong toàn cơ quan", "theo hướng dẫn của tỉnh",
    "bảo đảm công khai, minh bạch",
]  # fmt: skip
SECTIONS = ["I", "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "III", "IV"]


def _units() -> list[UnitData]:
    rows = [
        UnitData("BT", "Ủy ban nhân dân tỉnh Bình Thuận Mẫu", "province", "UBND"),
        UnitData("BT-VP", "Văn phòng Ủy ban nhân dân tỉnh", "office", "VP", "BT"),
        UnitData("BT-SNV", "Sở Nội vụ", "department", "SNV", "BT"),
    ]
    rows += [
        UnitData(f"BT-S{n:02d}", f"Sở {name}", "department", f"S{n:02d}", "BT")
        for n, name in enumerate(DEPARTMENTS[:18], start=1)
    ]
    rows += [
        UnitData(f"BT-H{n}", f"Ủy ban nhân dân huyện {SYLLABLES[n]} {SYLLABLES[-n]}", "district",
                 "UBND", "BT")
        for n in range(1, 9)
    ]  # fmt: skip
    rows += [
        UnitData(
            f"BT-X{n:02d}",
            f"Ủy ban nhân dân xã {SYLLABLES[n % 20]} {SYLLABLES[(n * 7 + 3) % 20]} {n}",
            "commune",
            "UBND",
            f"BT-H{n % 8 + 1}",
        )
        for n in range(1, 73)
    ]
    return rows


def _narrative(unit: Unit, rng: random.Random) -> dict[str, str]:
    """About three pages: per section the shared things (in one of their wordings), four
    routine sentences, sometimes a fact of the unit's own; two proposals."""
    figures = {
        "unit": unit.name, "year": "2025", "tasks": str(rng.randint(20, 45)),
        "inspections": str(rng.randint(1, 9)), "news": str(rng.randint(10, 90)),
        "reviewed": str(rng.randint(2, 30)),
        "received": f"{rng.randint(1, 9)}.{rng.randint(100, 999)}",
        "online": f"{rng.randint(1, 5)}.{rng.randint(100, 999)}",
        "resolved": str(rng.randint(500, 999)),
        "classes": str(rng.randint(1, 9)), "participants": str(rng.randint(50, 900)),
        "electronic": f"{rng.randint(1, 3)}.{rng.randint(100, 999)}",
    }  # fmt: skip
    texts = {}
    for code in SECTIONS:
        chosen = [rng.choice(w).format(**figures) for w in SHARED.get(code, [])]
        chosen += [
            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)}; trong kỳ đã "
            f"thực hiện {rng.randint(1, 40)} lượt, đạt {rng.randint(60, 100)}% kế hoạch."
            for _ in range(4)
        ]
        if code in OWN and rng.random() < 0.3:
            chosen.append(rng.choice(OWN[code]))
        rng.shuffle(chosen)
        texts[code] = "\n".join(" ".join(chosen[i : i + 3]) for i in range(0, len(chosen), 3))
    texts["V"] = " ".join(rng.choice(w) for w in rng.sample(PROPOSALS, 2))
    return texts


def _build() -> tuple[Period, Unit]:
    rng = random.Random(SEED)
    command = Actor.command("bench")
    import_units(command, _units())
    load_config(command, read_config())
    open_periods(command, 2024)
    open_periods(command, 2025)
    period, last_year = Period.objects.get(code="2025-H1"), Period.objects.get(code="2024-H1")
    indicators = {i.code: i for i in period.form.indicators.all()}
    reporting = list(Unit.objects.exclude(parent=None).order_by("path"))
    sent = timezone.make_aware(dt.datetime.combine(period.due_date, dt.time(9)))
    for which in (last_year, period):
        reports = Report.objects.bulk_create(
            Report(
                period=which,
                unit=unit,
                status=Status.ACCEPTED,
                narrative=_narrative(unit, rng) if which == period else {},
                first_submitted_at=sent,
                submitted_at=sent,
            )
            for unit in reporting
        )
        values = []
        for report in reports:
            received = rng.randint(400, 4000)
            resolved = round(received * rng.uniform(0.85, 0.95))
            late = round(resolved * rng.uniform(0, 0.03))
            for code, value in {
                "dossiers_received": received,
                "dossiers_received_online": round(received * rng.uniform(0.5, 0.8)),
                "dossiers_resolved": resolved,
                "dossiers_resolved_late": late,
                "dossiers_resolved_on_time": resolved - late,
                "training_classes": rng.randint(1, 9),
                "training_participants": rng.randint(50, 900),
                "news_items": rng.randint(10, 90),
                "documents_sent_total": (total := rng.randint(800, 3000)),
                "documents_sent_electronic": round(total * rng.uniform(0.9, 1.0)),
            }.items():
                values.append(
                    ReportValue(report=report, indicator=indicators[code], value=Decimal(value))
                )
        ReportValue.objects.bulk_create(values)
    decision = register_document(
        command, DocumentData("12/QĐ-UBND", dt.date(2025, 1, 8), "Kế hoạch CCHC năm 2025")
    )
    plan = create_plan(command, "KH-CCHC-2025", "Kế hoạch cải cách hành chính năm 2025", decision)
    departments = [u for u in reporting if u.kind in ("department", "office")]
    for n in range(60):
        deadline = dt.date(2025, 1, 31) + dt.timedelta(days=5 * n)
        content = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(QUALIFIERS)} (số {n})"
        task = create_task(
            command,
            TaskData(content, decision, rng.choice(departments), deadline=deadline, plan=plan),
        )
        if deadline < period.end and rng.random() < 0.7:
            done = deadline + dt.timedelta(days=rng.randint(-10, 5))
            Task.objects.filter(pk=task.pk).update(status="da_hoan_thanh", completed_on=done)
    province = Unit.objects.get(code="BT")
    return period, province


@pytest.fixture(scope="module")
def province_of_100(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[tuple[Period, Unit]]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


def draft_all(period: Period, province: Unit) -> dict[str, drafting.Paragraphs]:
    config = settings()
    facts = gather(period, province, config)
    return drafting.draft(facts, config, config.issuers["snv"])


def test_bench_drafting_the_compiled_report_of_100_units(
    benchmark: BenchmarkFixture, province_of_100: tuple[Period, Unit], db: None
) -> None:
    period, province = province_of_100
    words = sum(
        len(t.split())
        for r in Report.objects.filter(period=period)
        for t in (r.narrative or {}).values()
    )
    cpu: list[float] = []

    def timed() -> dict[str, drafting.Paragraphs]:
        started = time.process_time()
        sections = draft_all(period, province)
        cpu.append(time.process_time() - started)
        return sections

    sections = benchmark.pedantic(  # type: ignore[no-untyped-call]
        timed, rounds=7, iterations=1, warmup_rounds=1
    )
    if benchmark.stats is None:  # --benchmark-disable: run once, not measured
        return
    median = benchmark.stats.stats.median
    written = sum(len(w.text.split()) for p in sections.values() for para in p for w in para)
    print(
        f"\nDrafting, 100 units ({words:,} words of narrative, {words / 450 / 100:.1f} pages a "
        f"unit), median {median:.3f} s, CPU {statistics.median(cpu[1:]):.3f} s (target ≤ "
        f"{TARGET_SECONDS} s: {'met' if median <= TARGET_SECONDS else 'MISSED'}); the draft "
        f"has {written:,} words; load average {os.getloadavg()[0]:.1f}"
    )
    assert written > 0


def test_bench_the_docx_of_the_drafted_report(
    benchmark: BenchmarkFixture, province_of_100: tuple[Period, Unit], db: None
) -> None:
    period, province = province_of_100
    report = compiled_or_drafted(period, province, "snv")
    data = benchmark.pedantic(  # type: ignore[no-untyped-call]
        render, args=(report,), rounds=3, iterations=1
    )
    if benchmark.stats is not None:
        median = benchmark.stats.stats.median
        print(f"\n.docx of the drafted report: median {median:.3f} s, {len(data):,} bytes")
