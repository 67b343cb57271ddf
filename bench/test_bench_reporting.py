"""Reporting at national scale (issue 3, item 8): ``make bench``.

On the synthetic dataset of ``reporting_dataset.py`` (34 provinces, about 4.000 units, eight
years of every period kind, about 8 million values; built on the first run, reused after), for
the newest 9-month period:

- every indicator aggregated over one province and over the nation,
- the compiled .docx of the province with 100 reporting units,
- the completeness table of the nation (the table and its totals, as the page shows them).

Targets on the 2-core machine with SQLite, as medians: national aggregate ≤ 100 ms, province
.docx ≤ 2 s, completeness table ≤ 100 ms. The tests time, they do not fail on a slow run: the
summary printed at the end says which medians meet their target, with the machine and its load.

Django's default connection is pointed at the dataset's file for this module only (see
``use_database``), so no test database is created and other benchmarks keep theirs.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_benchmark.fixture import BenchmarkFixture
from pytest_django import DjangoDbBlocker
from reporting_dataset import (
    BENCH_PERIOD,
    PARAMS,
    DatasetInfo,
    dataset_path,
    ensure_dataset,
    province_code,
    use_database,
)

from cchc.compiling.actions import compiled_or_drafted
from cchc.compiling.document import render
from cchc.orgs.models import Unit
from cchc.reporting.aggregate import aggregate
from cchc.reporting.models import Period
from cchc.reporting.monitoring import completeness


@dataclass(frozen=True)
class Result:
    label: str
    median: float  # wall-clock time, what the targets are about
    cpu_median: float  # this process's CPU time: what the code costs on a shared machine
    target: float | None


class Summary:
    """Prints, after pytest-benchmark's table, one line per benchmark and the machine."""

    def __init__(self, dataset: DatasetInfo) -> None:
        self.dataset = dataset
        self.load_before = os.getloadavg()
        self.results: list[Result] = []
        self.plans: list[str] = []

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        write = terminalreporter.write_line
        terminalreporter.section("Báo cáo định kỳ ở quy mô toàn quốc (trung vị)")
        for r in self.results:
            verdict = ""
            if r.target is not None:
                verdict = "đạt" if r.median <= r.target else "CHƯA ĐẠT"
                verdict = f" (mục tiêu ≤ {_duration(r.target)}: {verdict})"
            write(f"{r.label}: {_duration(r.median)} (CPU {_duration(r.cpu_median)}){verdict}")
        if self.plans:
            write("EXPLAIN QUERY PLAN, tổng hợp toàn quốc:")
            for line in self.plans:
                write(f"  {line}")
        write(self.dataset.describe())
        write(machine())
        before = ", ".join(f"{x:.2f}" for x in self.load_before)
        after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        write(f"Tải máy (1, 5, 15 phút): trước {before}; sau {after}")


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms".replace(".", ",")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    return (
        f"Máy: {cpu}, {os.cpu_count()} nhân; Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


@pytest.fixture(scope="module")
def summary(
    request: pytest.FixtureRequest, django_db_blocker: DjangoDbBlocker
) -> Iterator[Summary]:
    """The dataset, built if needed, and Django's default connection pointed at it."""
    path = dataset_path()
    # The first build takes minutes: let its progress lines through to the terminal.
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with django_db_blocker.unblock(), capture.global_and_fixture_disabled():
        dataset = ensure_dataset(path)
    result = Summary(dataset)
    request.config.pluginmanager.register(result, "reporting-bench-summary")
    with django_db_blocker.unblock(), use_database(path):
        yield result


@pytest.fixture(scope="module")
def period(summary: Summary) -> Period:
    return Period.objects.select_related("form").get(code=BENCH_PERIOD)


@pytest.fixture(scope="module")
def province(summary: Summary) -> Unit:
    return Unit.objects.get(code=province_code(PARAMS.synthesis_province))


def run(
    benchmark: BenchmarkFixture,
    summary: Summary,
    label: str,
    target: float | None,
    function: Callable[[], Any],
    rounds: int,
) -> Any:
    cpu: list[float] = []

    def timed() -> Any:
        start = time.process_time()
        try:
            return function()
        finally:
            cpu.append(time.process_time() - start)

    warmup = 2
    result = benchmark.pedantic(  # type: ignore[no-untyped-call]
        timed, rounds=rounds, warmup_rounds=warmup, iterations=1
    )
    if benchmark.stats is not None:  # None with --benchmark-disable: run once, not measured
        median = benchmark.stats.stats.median
        summary.results.append(Result(label, median, statistics.median(cpu[warmup:]), target))
    return result


def test_all_indicators_aggregated_over_the_nation(
    benchmark: BenchmarkFixture, summary: Summary, period: Period
) -> None:
    totals = run(
        benchmark, summary, "Tổng hợp mọi chỉ tiêu, toàn quốc, một kỳ", 0.1,
        lambda: aggregate(period, None), rounds=20,
    )  # fmt: skip
    assert totals["dossiers_received"] > 0
    assert 0 < totals["satisfaction_rate"] <= 100
    assert totals["dossiers_on_time_rate"] is not None
    summary.plans = query_plans(lambda: aggregate(period, None))


def query_plans(function: Callable[[], Any]) -> list[str]:
    """Each query ``function`` runs (from its first words) and SQLite's plan for it."""
    with CaptureQueriesContext(connection) as queries:
        function()
    lines = []
    for query in queries.captured_queries:
        lines.append(query["sql"][:90] + "…")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            lines.extend(f"  {row[3]}" for row in cursor.fetchall())
    return lines


def test_all_indicators_aggregated_over_one_province(
    benchmark: BenchmarkFixture, summary: Summary, period: Period, province: Unit
) -> None:
    totals = run(
        benchmark, summary, f"Tổng hợp mọi chỉ tiêu, tỉnh {PARAMS.synthesis_province}, một kỳ",
        None, lambda: aggregate(period, province), rounds=20,
    )  # fmt: skip
    assert 0 < totals["dossiers_received"] < aggregate(period, None)["dossiers_received"]


def test_the_compiled_docx_of_a_province_of_100_units(
    benchmark: BenchmarkFixture, summary: Summary, period: Period, province: Unit
) -> None:
    reporting = Unit.objects.filter(path__startswith=province.path).exclude(kind="province")
    assert reporting.count() == PARAMS.synthesis_units
    document = run(
        benchmark, summary, f"Báo cáo tổng hợp .docx, tỉnh {PARAMS.synthesis_province} "
        f"({PARAMS.synthesis_units} đơn vị)", 2.0,
        lambda: render(compiled_or_drafted(period, province, "snv")), rounds=5,
    )  # fmt: skip
    assert document[:2] == b"PK"


def test_the_completeness_table_of_the_nation(
    benchmark: BenchmarkFixture, summary: Summary, period: Period
) -> None:
    def table() -> tuple[Any, ...]:
        done = completeness(period)
        # The rows are built when first read: read them, as the page does (all of them).
        return (
            done.expected, done.submitted, done.on_time, done.late, done.missing,
            done.accepted, done.reporting_rate, done.on_time_rate, len(done.rows),
        )  # fmt: skip

    expected, submitted, *_, rows = run(
        benchmark, summary, "Bảng tình hình nộp báo cáo, toàn quốc, một kỳ", 0.1, table,
        rounds=20,
    )  # fmt: skip
    assert expected == rows == summary.dataset.reporting_units
    assert 0 < submitted < expected
