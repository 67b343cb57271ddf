"""A synthetic national dataset for the reporting benchmarks, built once and reused.

34 provinces under a national root, about 4.000 units, eight years (2018–2025) of every period
kind of the shipped form (Q1, Q2, H1, Q3, 9M, Q4, Y), a report for nearly every unit and period
and a figure for every indicator a unit fills: about 8 million values. The same seed always
gives the same database.

The schema comes from the real migrations and the configuration from the real actions
(``load_config`` on the shipped YAML, ``open_periods``); units are bulk-created with their
materialised paths; reports and values, the bulk of it, are written with ``executemany`` on the
same tables, which builds the file in a few minutes instead of hours.

The file lives at ``$BENCH_DB`` (default ``data/bench/reporting.sqlite3``). A file built with
the same parameters is reused; a different or unfinished one is rebuilt. Build by hand with
``.venv/bin/python -m bench.reporting_dataset``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import time
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PATH = BASE_DIR / "data" / "bench" / "reporting.sqlite3"
LOCAL_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# The 34 provinces and cities since 1/7/2025.
PROVINCE_NAMES = (
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai", "Tây Ninh",
    "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
DEPARTMENTS = (
    ("SNV", "Sở Nội vụ"), ("STP", "Sở Tư pháp"), ("STC", "Sở Tài chính"),
    ("SCT", "Sở Công Thương"), ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SXD", "Sở Xây dựng"), ("SGDĐT", "Sở Giáo dục và Đào tạo"), ("SYT", "Sở Y tế"),
    ("SKHCN", "Sở Khoa học và Công nghệ"), ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SNgV", "Sở Ngoại vụ"), ("SDTTG", "Sở Dân tộc và Tôn giáo"), ("TTr", "Thanh tra tỉnh"),
    ("BQLKKT", "Ban Quản lý các khu kinh tế"), ("BQLDA", "Ban Quản lý dự án"),
    ("ĐPT-TH", "Đài Phát thanh và Truyền hình"), ("TTPVHCC", "Trung tâm Phục vụ hành chính công"),
    ("QPTĐ", "Quỹ Phát triển đất"), ("BQLKCN", "Ban Quản lý các khu công nghiệp"),
    ("TTXTĐT", "Trung tâm Xúc tiến đầu tư"), ("BQLRPH", "Ban Quản lý rừng phòng hộ"),
    ("TTCNTT", "Trung tâm Công nghệ thông tin"), ("TTKĐCL", "Trung tâm Kiểm định chất lượng"),
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Params:
    """Everything the database depends on; a stored copy that differs means rebuild."""

    seed: int = 20251122
    first_year: int = 2018
    years: int = 8
    kinds: tuple[str, ...] = ("Q1", "Q2", "H1", "Q3", "9M", "Q4", "Y")
    provinces: int = len(PROVINCE_NAMES)
    # The province whose compiled report is benchmarked has exactly this many reporting units.
    synthesis_province: str = "Quảng Ngãi"
    synthesis_units: int = 100
    # Bump when the generator changes what it writes.
    generator: int = 1

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)


PARAMS = Params()
NATION_CODE = "VN"
BENCH_PERIOD = f"{PARAMS.first_year + PARAMS.years - 1}-9M"


def province_code(name: str) -> str:
    return f"T{PROVINCE_NAMES.index(name) + 1:02d}"


@dataclasses.dataclass(frozen=True)
class DatasetInfo:
    path: Path
    units: int
    reporting_units: int
    periods: int
    reports: int
    values: int
    build_seconds: float
    built_now: bool

    def describe(self) -> str:
        how = "vừa tạo" if self.built_now else "dùng lại"
        return (
            f"Dữ liệu ({how}, tạo trong {self.build_seconds:.0f} s): {self.units} đơn vị "
            f"({self.reporting_units} đơn vị báo cáo), {self.periods} kỳ, {self.reports} báo cáo, "
            f"{self.values} số liệu – {self.path}"
        )


def dataset_path() -> Path:
    return Path(os.environ.get("BENCH_DB") or DEFAULT_PATH).resolve()


@contextmanager
def use_database(path: Path) -> Iterator[None]:
    """Point Django's default connection at the SQLite file ``path`` for the block.

    The connection that was there (the test database, if one was set up) is left untouched
    and put back afterwards. The new one has the product's SQLite settings (WAL, IMMEDIATE).
    """
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.utils import load_backend

    from cchc.settings import _database

    settings_dict = connections.configure_settings(
        {DEFAULT_DB_ALIAS: _database(f"sqlite:///{path}")}
    )[DEFAULT_DB_ALIAS]
    backend = load_backend(settings_dict["ENGINE"])
    original = connections[DEFAULT_DB_ALIAS]
    wrapper = backend.DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = wrapper
    try:
        yield
    finally:
        wrapper.close()
        connections[DEFAULT_DB_ALIAS] = original


def ensure_dataset(path: Path, params: Params = PARAMS) -> DatasetInfo:
    """The dataset at ``path``: reused if built with ``params``, else built now.

    A reused file is migrated first, so that schema changes since it was built apply to it.
    """
    stored = _read_meta(path)
    if stored is not None and stored.get("params") == params.as_json():
        from django.core.management import call_command

        with use_database(path):
            call_command("migrate", verbosity=0, interactive=False)
        return _info(path, stored, built_now=False)
    return _info(path, build(path, params), built_now=True)


def _info(path: Path, meta: dict[str, str], *, built_now: bool) -> DatasetInfo:
    return DatasetInfo(
        path=path,
        units=int(meta["units"]),
        reporting_units=int(meta["reporting_units"]),
        periods=int(meta["periods"]),
        reports=int(meta["reports"]),
        values=int(meta["values"]),
        build_seconds=float(meta["build_seconds"]),
        built_now=built_now,
    )


def _read_meta(path: Path) -> dict[str, str] | None:
    if not path.exists():
        return None
    connection = sqlite3.connect(path)
    try:
        return dict(connection.execute("SELECT key, value FROM bench_meta").fetchall())
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def build(path: Path, params: Params = PARAMS) -> dict[str, str]:
    """Build the dataset into a scratch file and move it to ``path`` once complete."""
    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".building")
    _remove(scratch)
    rng = random.Random(params.seed)
    with use_database(scratch):
        schema = _schema_and_configuration(params, rng)
    _log(f"lược đồ, cấu hình, {len(schema.units)} đơn vị, {len(schema.periods)} kỳ")
    connection = sqlite3.connect(scratch, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-512000")
        connection.execute("BEGIN")
        reports, values = _write_reports(connection, schema, rng)
        meta = {
            "params": params.as_json(),
            "units": str(len(schema.units) + 1 + params.provinces),
            "reporting_units": str(len(schema.units)),
            "periods": str(len(schema.periods)),
            "reports": str(reports),
            "values": str(values),
            "build_seconds": f"{time.monotonic() - started:.1f}",
        }
        connection.execute("CREATE TABLE bench_meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.executemany("INSERT INTO bench_meta VALUES (?, ?)", meta.items())
        connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()
    _remove(path)
    os.replace(scratch, path)
    _log(f"xong: {reports} báo cáo, {values} số liệu, {time.monotonic() - started:.0f} s")
    return meta


def _log(message: str) -> None:
    print(f"[bench dữ liệu] {message}", file=sys.stderr, flush=True)


@dataclasses.dataclass
class UnitProfile:
    """A reporting unit and the habits its figures follow from period to period."""

    pk: int
    kind: str
    scale: float  # dossiers received in a quarter
    online_share: float
    satisfaction: float
    fills: dict[str, bool]  # indicator group -> whether this unit fills it
    stocks: dict[str, int]


@dataclasses.dataclass
class PeriodInfo:
    pk: int
    code: str
    kind: str
    year: int
    end: dt.date
    due: dt.date


@dataclasses.dataclass
class Schema:
    units: list[UnitProfile]
    periods: list[PeriodInfo]
    indicator_ids: dict[str, int]
    section_codes: list[str]


def _schema_and_configuration(params: Params, rng: random.Random) -> Schema:
    from django.core.management import call_command

    from cchc.audit.log import Actor
    from cchc.reporting.actions import load_config, open_periods
    from cchc.reporting.loading import Config, read_config
    from cchc.reporting.models import Period, ReportForm

    call_command("migrate", verbosity=0, interactive=False)
    actor = Actor.command("bench")
    shipped = read_config()
    # The shipped form starts in 2024; the benchmark's history starts earlier, same form.
    forms = [
        form if form.get("adhoc") else {**form, "version": params.first_year}
        for form in shipped.forms
    ]
    load_config(actor, Config(shipped.due_days, shipped.period_kinds, forms))
    units = _create_units(params, rng)
    for year in range(params.first_year, params.first_year + params.years):
        open_periods(actor, year, list(params.kinds))
    form = ReportForm.objects.get(is_adhoc=False)
    periods = [
        PeriodInfo(p.pk, p.code, p.kind, p.year, p.end, p.due_date)
        for p in Period.objects.order_by("end", "code")
    ]
    return Schema(
        units=units,
        periods=periods,
        indicator_ids={i.code: i.pk for i in form.indicators.all() if not i.is_computed},
        section_codes=[section["code"] for section in form.sections],
    )


def _create_units(params: Params, rng: random.Random) -> list[UnitProfile]:
    from cchc.orgs.models import Unit
    from cchc.orgs.tree import PATH_DIGITS, search_text_of

    rows: list[Unit] = []

    def add(code: str, name: str, kind: str, short: str, parent: Unit | None) -> Unit:
        pk = len(rows) + 1
        unit = Unit(
            pk=pk,
            code=code,
            name=name,
            kind=kind,
            short_code=short,
            parent=parent,
            path=f"{parent.path if parent else '/'}{pk:0{PATH_DIGITS}d}/",
        )
        unit.search_text = search_text_of(unit)
        rows.append(unit)
        return unit

    nation = add(NATION_CODE, "Toàn quốc", "province", "", None)
    for name in PROVINCE_NAMES[: params.provinces]:
        code = province_code(name)
        province = add(code, f"Ủy ban nhân dân tỉnh {name}", "province", "UBND", nation)
        add(f"{code}-VP", "Văn phòng Ủy ban nhân dân tỉnh", "office", "VP", province)
        departments, communes = _province_shape(name, params, rng)
        for short, title in DEPARTMENTS[:departments]:
            add(f"{code}-{short}", title, "department", short, province)
        for d, count in enumerate(communes, start=1):
            district = add(
                f"{code}-H{d:02d}", f"Ủy ban nhân dân huyện số {d}", "district", "UBND", province
            )
            for c in range(1, count + 1):
                add(f"{code}-H{d:02d}-X{c:02d}", f"Ủy ban nhân dân xã số {c}, huyện số {d}",
                    "commune", "UBND", district)  # fmt: skip
    Unit.objects.bulk_create(rows, batch_size=500)
    return [_profile(unit.pk, unit.kind, rng) for unit in rows if unit.kind != "province"]


def _province_shape(name: str, params: Params, rng: random.Random) -> tuple[int, list[int]]:
    """Departments and, per district, communes: about 117 units a province."""
    if name == params.synthesis_province:
        # 1 office + 19 departments + 8 districts + 72 communes = the synthesis's 100 units.
        return 19, [9] * 8
    departments = rng.randint(18, 23)
    districts = rng.randint(8, 12)
    total_communes = rng.randint(80, 100)
    per = [total_communes // districts] * districts
    for i in range(total_communes % districts):
        per[i] += 1
    return departments, per


# Indicators filled together (a rule links them); a unit fills a group or leaves it empty.
GROUPS: dict[str, tuple[str, ...]] = {
    "tasks": ("plan_tasks_set", "plan_tasks_done"),
    "inspections": ("inspections_held", "units_inspected", "problems_found", "problems_fixed"),
    "news": ("news_items",),
    "initiatives": ("initiatives",),
    "legal": ("legal_docs_issued", "legal_docs_reviewed"),
    "feedback": ("regulation_feedback_received", "regulation_feedback_handled"),
    "tthc": ("tthc_announced_new", "tthc_amended", "tthc_replaced", "tthc_abolished",
             "tthc_time_cut"),
    "dossiers": ("dossiers_received", "dossiers_received_online", "dossiers_received_in_person",
                 "dossiers_received_post", "dossiers_resolved", "dossiers_resolved_early",
                 "dossiers_resolved_on_time", "dossiers_resolved_late", "dossiers_pending_within",
                 "dossiers_pending_overdue"),
    "satisfaction": ("satisfaction_ratings", "satisfaction_rate"),
    "restructuring": ("subunits_before", "subunits_after", "staff_cut"),
    "civil_service": ("staff_rotated", "training_classes", "training_participants",
                      "staff_disciplined"),
    "finance": ("self_financing_units",),
    "digital": ("digital_signatures", "documents_sent_total", "documents_sent_electronic"),
    "online_services": ("online_services_full", "online_services_partial"),
    "reception": ("citizen_reception_visits", "citizen_reception_people",
                  "citizen_reception_delegations"),
    "petitions": ("petitions_received", "petitions_eligible", "petitions_complaints",
                  "petitions_denunciations", "petitions_proposals", "petitions_forwarded"),
}  # fmt: skip
ALWAYS = {"tasks", "dossiers", "digital"}
OFFICE_AND_DEPARTMENTS_ONLY = {"tthc", "online_services"}
# How often a group is filled by units that do not always fill it, by kind.
FILL_RATE = {"office": 0.9, "department": 0.85, "district": 0.8, "commune": 0.68}
DOSSIERS_A_QUARTER = {
    "office": (50, 400),
    "department": (100, 6000),
    "district": (800, 6000),
    "commune": (150, 2500),
}


def _profile(pk: int, kind: str, rng: random.Random) -> UnitProfile:
    local = kind in ("district", "commune")
    fills = {
        group: group in ALWAYS or rng.random() < FILL_RATE[kind]
        for group in GROUPS
        if not (local and group in OFFICE_AND_DEPARTMENTS_ONLY)
    }
    before = rng.randint(0, 4) if kind == "commune" else rng.randint(5, 20)
    low, high = DOSSIERS_A_QUARTER[kind]
    return UnitProfile(
        pk=pk,
        kind=kind,
        scale=rng.uniform(low, high),
        online_share=rng.uniform(0.05, 0.5),
        satisfaction=rng.uniform(82, 99),
        fills=fills,
        stocks={
            "subunits_before": before,
            "subunits_after": before - rng.randint(0, before // 3),
            "self_financing_units": rng.randint(0, 3 if local else 10),
            "digital_signatures": rng.randint(5, 60 if local else 300),
            "online_services_full": rng.randint(10, 150),
            "online_services_partial": rng.randint(5, 80),
        },
    )


QUARTERS = {"Q1": 1, "Q2": 1, "Q3": 1, "Q4": 1, "H1": 2, "9M": 3, "Y": 4}
# Status of a unit's report (None: the unit never started one), weights for settled periods
# and for the newest period, still being collected.
SETTLED: dict[str | None, int] = {
    None: 2, "draft": 3, "returned": 1, "submitted": 6, "accepted": 88,
}  # fmt: skip
NEWEST: dict[str | None, int] = {
    None: 8, "draft": 12, "returned": 3, "submitted": 37, "accepted": 40,
}  # fmt: skip


def _write_reports(
    connection: sqlite3.Connection, schema: Schema, rng: random.Random
) -> tuple[int, int]:
    report_columns = (
        "id, period_id, unit_id, status, narrative, version, first_submitted_at, "
        "submitted_at, accepted_at, updated_at, updated_by_id"
    )
    insert_report = (
        f"INSERT INTO reporting_report ({report_columns}) VALUES (?,?,?,?,?,?,?,?,?,?,NULL)"
    )
    insert_value = (
        "INSERT INTO reporting_reportvalue (report_id, period_id, indicator_id, value) "
        "VALUES (?,?,?,?)"
    )
    ids = schema.indicator_ids
    report_id = 0
    written = 0
    newest = schema.periods[-1].pk
    for number, period in enumerate(schema.periods, start=1):
        reports: list[tuple[Any, ...]] = []
        values: list[tuple[int, int, int, Any]] = []
        mix = NEWEST if period.pk == newest else SETTLED
        statuses, weights = list(mix), list(mix.values())
        for unit in schema.units:
            status = rng.choices(statuses, weights)[0]
            if status is None:
                continue
            report_id += 1
            reports.append((report_id, period.pk, unit.pk, *_report_row(status, period, rng)))
            figures = _figures(unit, period, rng)
            partial = status == "draft"
            for code, value in figures.items():
                if partial and rng.random() < 0.4:
                    continue
                values.append((report_id, period.pk, ids[code], value))
        connection.executemany(insert_report, reports)
        connection.executemany(insert_value, values)
        written += len(values)
        if number % 8 == 0:
            _log(f"{number}/{len(schema.periods)} kỳ, {written} số liệu")
    return report_id, written


def _utc_text(moment: dt.datetime) -> str:
    """A datetime as Django stores it in SQLite: UTC, without the offset."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


def _report_row(status: str, period: PeriodInfo, rng: random.Random) -> tuple[Any, ...]:
    """status, narrative, version, first_submitted_at, submitted_at, accepted_at, updated_at."""

    def at(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(rng.randint(7, 16), rng.randint(0, 59)), LOCAL_TZ)

    if status == "draft":
        saved = at(period.end + dt.timedelta(days=rng.randint(-10, 5)))
        return (
            status,
            _narrative(rng, full=False),
            rng.randint(1, 4),
            None,
            None,
            None,
            _utc_text(saved),
        )
    on_time = rng.random() < 0.85
    days_to_due = (period.due - period.end).days
    first_day = (
        period.end + dt.timedelta(days=rng.randint(-3, days_to_due))
        if on_time
        else period.due + dt.timedelta(days=rng.randint(1, 25))
    )
    first = at(first_day)
    last = first if rng.random() < 0.95 else first + dt.timedelta(days=rng.randint(2, 10))
    accepted = last + dt.timedelta(days=rng.randint(1, 10)) if status == "accepted" else None
    updated = accepted or last
    return (
        status,
        _narrative(rng, full=True),
        rng.randint(2, 6),
        _utc_text(first),
        _utc_text(last),
        _utc_text(accepted) if accepted else None,
        _utc_text(updated),
    )


NARRATIVE = {
    "I": "Ban hành kế hoạch CCHC năm, tổ chức kiểm tra và tuyên truyền theo kế hoạch.",
    "II.2": "Tiếp tục rà soát, đơn giản hóa TTHC; giải quyết hồ sơ đúng hạn đạt tỷ lệ cao.",
    "III": "Công tác CCHC có chuyển biến; còn hạn chế về chuyển đổi số ở cấp xã.",
    "IV": "Đẩy mạnh dịch vụ công trực tuyến toàn trình và số hóa hồ sơ.",
    "V": "Đề nghị bố trí kinh phí cho hạ tầng công nghệ thông tin.",
}


def _narrative(rng: random.Random, *, full: bool) -> str:
    chosen = {code: text for code, text in NARRATIVE.items() if full or rng.random() < 0.5}
    return json.dumps(chosen, ensure_ascii=False)


@dataclasses.dataclass(frozen=True)
class Draw:
    """What a unit's figures for one period are drawn from."""

    unit: UnitProfile
    quarters: int  # the flows of a 9-month report cover three quarters
    growth: float  # the volumes grow from year to year
    rng: random.Random

    def flow(self, low: float, high: float) -> int:
        return round(self.rng.uniform(low, high) * self.quarters)

    def share(self, low: float, high: float) -> float:
        return self.rng.uniform(low, high)


Figures = dict[str, Any]


def _figures(unit: UnitProfile, period: PeriodInfo, rng: random.Random) -> Figures:
    """The unit's figures for the period, consistent with the form's rules."""
    draw = Draw(unit, QUARTERS[period.kind], 1 + 0.06 * (period.year - 2018), rng)
    figures: Figures = {}
    for group, fill in unit.fills.items():
        if fill:
            FIGURES[group](figures, draw)
    return figures


def _tasks(f: Figures, d: Draw) -> None:
    tasks = 8 + d.unit.pk % 30
    f["plan_tasks_set"] = tasks
    f["plan_tasks_done"] = min(tasks, round(tasks * d.quarters / 4 * d.share(0.8, 1.05)))


def _inspections(f: Figures, d: Draw) -> None:
    held = d.flow(0, 3)
    found = d.flow(0, 6)
    f["inspections_held"] = held
    f["units_inspected"] = held * d.rng.randint(1, 4)
    f["problems_found"] = found
    f["problems_fixed"] = round(found * d.share(0.5, 1))


def _news(f: Figures, d: Draw) -> None:
    f["news_items"] = d.flow(2, 30)


def _initiatives(f: Figures, d: Draw) -> None:
    f["initiatives"] = d.flow(0, 1.5)


def _legal(f: Figures, d: Draw) -> None:
    f["legal_docs_issued"] = d.flow(0, 4)
    f["legal_docs_reviewed"] = d.flow(0, 15)


def _feedback(f: Figures, d: Draw) -> None:
    received = d.flow(0, 5)
    f["regulation_feedback_received"] = received
    f["regulation_feedback_handled"] = round(received * d.share(0.6, 1))


def _tthc(f: Figures, d: Draw) -> None:
    f["tthc_announced_new"] = d.flow(0, 20)
    f["tthc_amended"] = d.flow(0, 15)
    f["tthc_replaced"] = d.flow(0, 8)
    f["tthc_abolished"] = d.flow(0, 6)
    f["tthc_time_cut"] = d.flow(0, 10)


def _dossiers(f: Figures, d: Draw) -> None:
    received = round(d.unit.scale * d.quarters * d.growth * d.share(0.85, 1.15))
    online = round(received * min(0.95, d.unit.online_share * d.growth))
    post = round(received * d.share(0, 0.02))
    pending = round(received * d.share(0.02, 0.1))
    overdue = round(pending * d.share(0, 0.2))
    resolved = received - pending
    early = round(resolved * d.share(0.2, 0.5))
    late = round(resolved * d.share(0, 0.03))
    f["dossiers_received"] = received
    f["dossiers_received_online"] = online
    f["dossiers_received_in_person"] = received - online - post
    f["dossiers_received_post"] = post
    f["dossiers_resolved"] = resolved
    f["dossiers_resolved_early"] = early
    f["dossiers_resolved_on_time"] = resolved - early - late
    f["dossiers_resolved_late"] = late
    f["dossiers_pending_within"] = pending - overdue
    f["dossiers_pending_overdue"] = overdue


def _satisfaction(f: Figures, d: Draw) -> None:
    ratings = round(d.unit.scale * d.quarters * d.share(0.2, 0.7))
    f["satisfaction_ratings"] = ratings
    if ratings:
        f["satisfaction_rate"] = f"{min(100.0, d.unit.satisfaction + d.share(-3, 3)):.2f}"


def _restructuring(f: Figures, d: Draw) -> None:
    f["subunits_before"] = d.unit.stocks["subunits_before"]
    f["subunits_after"] = d.unit.stocks["subunits_after"]
    f["staff_cut"] = d.flow(0, 1.5)


def _civil_service(f: Figures, d: Draw) -> None:
    classes = d.flow(0, 4)
    f["staff_rotated"] = d.flow(0, 6)
    f["training_classes"] = classes
    f["training_participants"] = classes * d.rng.randint(20, 80)
    f["staff_disciplined"] = d.flow(0, 0.6)


def _finance(f: Figures, d: Draw) -> None:
    f["self_financing_units"] = d.unit.stocks["self_financing_units"]


def _digital(f: Figures, d: Draw) -> None:
    total = round(d.flow(150, 2500) * d.growth)
    f["digital_signatures"] = round(d.unit.stocks["digital_signatures"] * d.growth)
    f["documents_sent_total"] = total
    f["documents_sent_electronic"] = round(total * min(1.0, d.share(0.75, 0.95) * d.growth))


def _online_services(f: Figures, d: Draw) -> None:
    f["online_services_full"] = round(d.unit.stocks["online_services_full"] * d.growth)
    f["online_services_partial"] = d.unit.stocks["online_services_partial"]


def _reception(f: Figures, d: Draw) -> None:
    visits = d.flow(0, 40)
    delegations = d.flow(0, 0.8)
    f["citizen_reception_visits"] = visits
    f["citizen_reception_people"] = visits + delegations * d.rng.randint(5, 20)
    f["citizen_reception_delegations"] = delegations


def _petitions(f: Figures, d: Draw) -> None:
    received = d.flow(0, 50)
    eligible = round(received * d.share(0.5, 0.9))
    complaints = round(received * d.share(0.1, 0.3))
    denunciations = round(received * d.share(0, 0.1))
    f["petitions_received"] = received
    f["petitions_eligible"] = eligible
    f["petitions_complaints"] = complaints
    f["petitions_denunciations"] = denunciations
    f["petitions_proposals"] = round((received - complaints - denunciations) * d.share(0, 1))
    f["petitions_forwarded"] = round((received - eligible) * d.share(0, 1))


FIGURES: dict[str, Callable[[Figures, Draw], None]] = {
    "tasks": _tasks,
    "inspections": _inspections,
    "news": _news,
    "initiatives": _initiatives,
    "legal": _legal,
    "feedback": _feedback,
    "tthc": _tthc,
    "dossiers": _dossiers,
    "satisfaction": _satisfaction,
    "restructuring": _restructuring,
    "civil_service": _civil_service,
    "finance": _finance,
    "digital": _digital,
    "online_services": _online_services,
    "reception": _reception,
    "petitions": _petitions,
}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    print(ensure_dataset(dataset_path()).describe())


if __name__ == "__main__":
    main()
