"""The demo province's PAR Index: the frameworks of 2023 to 2025, the 2023 and 2024 cycles
finished and published (so that the 2024 ranking shows each unit's change of rank), the 2025
cycle under way, and the province's national indices 2019–2025.

Everything goes through the actions, with scores drawn from a fixed seed per year and unit.
A finished cycle happened early in the following year: each of its steps is passed the day it
took place, at 9:00, as the scoring actions' ``at``, so the dates shown are those of the
story. 2023: sent 09/01/2024, appraised 05/02/2024, answered by 22/02/2024, finalised
08/3/2024, published by Quyết định số 268/QĐ-UBND ngày 22/3/2024. 2024: sent 08/01/2025,
appraised 10/02/2025, answered by 18/02/2025, finalised 05/03/2025, published by Quyết định
số 245/QĐ-UBND ngày 15/3/2025. In 2024 two departments share a rank (``TIED_2024``). The
2025 cycle runs today: when the file's deadlines have passed, they are extended so that the
open cycle can be tried.
Loading is additive: a framework that already has assessments is left alone.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cchc.audit.log import Actor
from cchc.documents.actions import (
    DocumentData,
    find_document,
    parse_symbol,
    register_document,
)
from cchc.documents.models import Document
from cchc.orgs.models import Unit
from cchc.scoring import compute, sheet
from cchc.scoring.actions import (
    AppraisalEntry,
    SelfEntry,
    answer_deduction,
    assessed_units,
    finalise_assessment,
    save_appraisal,
    save_self_assessment,
    send_appraisal,
    start_assessment,
    submit_self_assessment,
)
from cchc.scoring.indices import record_index
from cchc.scoring.loading import load_frameworks, read_frameworks, set_deadlines
from cchc.scoring.models import Assessment, Criterion, Framework, Method, NationalIndex
from cchc.scoring.publishing import publish_results
from cchc.scoring.remediation import create_remediation_tasks
from cchc.scoring.survey import SurveyEntry, record_survey_scores
from cchc.tasks.actions import accept_task, confirm_completion, report_done


@dataclass(frozen=True)
class Cycle:
    """A finished year: the days its steps took place and the decision that published it."""

    year: int
    sent: dt.date
    appraised: dt.date
    answered: dt.date
    finalised: dt.date
    decision: DocumentData


def _decision_data(symbol: str, date: dt.date, year: int) -> DocumentData:
    return DocumentData(
        symbol,
        date,
        f"Công bố Chỉ số cải cách hành chính năm {year} của các sở, ban, ngành và UBND các "
        "xã, phường, thị trấn trên địa bàn tỉnh Quảng Ngãi",
    )


# Oldest first, as they happened. 2023 was appraised before the Tết holiday (08–14/02/2024).
CYCLES = [
    Cycle(
        2023,
        sent=dt.date(2024, 1, 9),
        appraised=dt.date(2024, 2, 5),
        answered=dt.date(2024, 2, 22),
        finalised=dt.date(2024, 3, 8),
        decision=_decision_data("268/QĐ-UBND", dt.date(2024, 3, 22), 2023),
    ),
    Cycle(
        2024,
        sent=dt.date(2025, 1, 8),
        appraised=dt.date(2025, 2, 10),
        answered=dt.date(2025, 2, 18),
        finalised=dt.date(2025, 3, 5),
        decision=_decision_data("245/QĐ-UBND", dt.date(2025, 3, 15), 2024),
    ),
]
# 2024, departments: Sở Nội vụ corrects Sở Tài nguyên và Môi trường's survey result, which
# brings its total to Sở Giao thông vận tải's, so that the published ranking shows a shared
# rank. Both count the same leaves (95,5 points possible), so equal points are equal totals.
TIED_2024 = ("QNG-SGTVT", "QNG-STNMT")

# The province's national results (score, rank): 63 provinces until 2024, 34 from 2025.
# PAR INDEX 2020 (last, 63/63) and 2021 (86,45; 39/63) and PAPI 2021 (40,98; 43/63) are the
# published figures; the others are plausible values for the demo.
NATIONAL_INDICES: dict[str, dict[int, tuple[str, int]]] = {
    "par_index": {
        2019: ("79.76", 50),
        2020: ("73.25", 63),
        2021: ("86.45", 39),
        2022: ("80.34", 47),
        2023: ("84.12", 39),
        2024: ("86.08", 27),
        2025: ("87.10", 14),
    },
    "sipas": {
        2019: ("84.12", 40),
        2020: ("83.50", 50),
        2021: ("86.20", 44),
        2022: ("78.95", 42),
        2023: ("81.36", 35),
        2024: ("83.72", 30),
        2025: ("84.90", 15),
    },
    "papi": {
        2019: ("42.05", 38),
        2020: ("39.56", 62),
        2021: ("40.98", 43),
        2022: ("41.23", 40),
        2023: ("42.11", 36),
        2024: ("43.20", 30),
        2025: ("44.05", 12),
    },
    "pci": {
        2019: ("64.11", 33),
        2020: ("64.68", 37),
        2021: ("65.28", 25),
        2022: ("64.32", 32),
        2023: ("64.78", 28),
        2024: ("66.02", 22),
        2025: ("67.10", 10),
    },
}

# Reasons for a deduction, by what the criterion measures (the first matching word wins).
REASONS = [
    (
        "ban hành",
        "Văn bản được ban hành chậm so với thời hạn UBND tỉnh giao; chỉ đạt mức điểm thấp hơn.",
    ),
    (
        "tỷ lệ",
        "Đối chiếu số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh, tỷ "
        "lệ thực tế thấp hơn số liệu đơn vị tự đánh giá.",
    ),
    (
        "kế hoạch",
        "Kết quả thực hiện theo báo cáo năm của đơn vị chưa đạt chỉ tiêu kế hoạch.",
    ),
    (
        "",
        "Tài liệu kiểm chứng chưa thể hiện kết quả thực hiện; chưa đạt mức điểm tự chấm.",
    ),
]
ANSWERS = [
    "Đơn vị đã bổ sung văn bản và báo cáo kết quả thực hiện kèm theo; đề nghị Sở Nội vụ xem "
    "xét giữ nguyên điểm tự đánh giá.",
    "Số liệu chênh lệch do một số hồ sơ liên thông được tính cho cơ quan khác; đơn vị thống "
    "nhất với kết quả thẩm định và sẽ khắc phục trong năm tới.",
]
# 2025, departments: who has sent their self-assessment, and who was appraised and has yet
# to answer; Sở Tư pháp (the demo users' unit) is drafting.
SENT_2025 = {"QNG-SNV", "QNG-STC", "QNG-SCT", "QNG-SYT", "QNG-SXD", "QNG-VP", "QNG-SGDDT"}
APPRAISED_2025 = "QNG-SXD"
DRAFTING_2025 = {"QNG-STP", "QNG-SKHCN", "QNG-STNMT"}
SENT_2025_COMMUNES = {"QNG-X-CAMTHANH", "QNG-X-NGHIALO", "QNG-X-BINHSON", "QNG-X-LYSON"}
DRAFTING_2025_COMMUNES = {"QNG-X-DUCPHO", "QNG-X-TUNGHIA"}


def load_scoring(actor: Actor, today: dt.date | None = None) -> dict[str, int]:
    """Frameworks, the national indices and the assessments; returns how many of each
    were added. The 2025 cycle's deadlines are set relative to ``today`` (default: now)."""
    frameworks = _load_frameworks(actor)
    indices = _load_indices(actor)
    assessments = 0
    for cycle in CYCLES:
        decision = _decision(actor, cycle.decision)
        for kind in ("department", "commune"):
            framework = Framework.objects.get(year=cycle.year, unit_kind=kind)
            tie = TIED_2024 if (cycle.year, kind) == (2024, "department") else None
            assessments += _finished_cycle(actor, framework, cycle, tie)
            if not framework.is_published:
                published = decision.date or cycle.finalised
                publish_results(actor, framework, decision, at=_at(published))
    _remediation(actor, Framework.objects.get(year=2024, unit_kind="department"))
    for kind in ("department", "commune"):
        framework = Framework.objects.get(year=2025, unit_kind=kind)
        assessments += _open_cycle(actor, framework, today or timezone.localdate())
    return {"frameworks": frameworks, "indices": indices, "assessments": assessments}


# Units given remediation tasks after the 2024 results, and when: Sở Tư pháp (the demo
# officer's unit) has done part of them, the others have just started.
REMEDIATED_2024 = ("QNG-STP", "QNG-SXD", "QNG-TTT")
REMEDIATION_ASSIGNED = dt.date(2025, 3, 25)
REMEDIATION_DEADLINE = dt.date(2025, 9, 30)


def _remediation(actor: Actor, framework: Framework) -> None:
    """Remediation tasks from the 2024 deductions of a few units, some reported done and
    confirmed; nothing is added on a second load (the tasks exist)."""
    for assessment in framework.assessments.filter(unit__code__in=REMEDIATED_2024):
        tasks = create_remediation_tasks(
            actor, assessment, REMEDIATION_DEADLINE, at=_at(REMEDIATION_ASSIGNED)
        )
        if assessment.unit.code != "QNG-STP":
            continue
        for index, task in enumerate(tasks):
            accept_task(actor, task, at=_at(REMEDIATION_ASSIGNED + dt.timedelta(days=3)))
            if index % 3 == 2:
                continue
            # Reported the day it was done, confirmed a week later: the history says so.
            done = dt.date(2025, 5, 12) + dt.timedelta(days=9 * index)
            report_done(
                actor,
                task,
                done,
                "Đã khắc phục: ban hành văn bản chấn chỉnh, bổ sung tài liệu kiểm chứng và "
                "cập nhật kết quả trên Cổng thông tin điện tử của Sở.",
                at=_at(done),
            )
            if index % 3 == 0:
                confirm_completion(
                    actor,
                    task,
                    "Sở Nội vụ xác nhận đã khắc phục.",
                    at=_at(done + dt.timedelta(days=7)),
                )


def _load_frameworks(actor: Actor) -> int:
    """The shipped files of the years and kinds not loaded yet (an edited framework stays)."""
    existing = set(Framework.objects.values_list("year", "unit_kind"))
    missing = [s for s in read_frameworks() if (s.year, s.unit_kind) not in existing]
    return len(load_frameworks(actor, missing)) if missing else 0


def _load_indices(actor: Actor) -> int:
    existing = set(NationalIndex.objects.values_list("index", "year"))
    added = 0
    for index, years in NATIONAL_INDICES.items():
        for year, (score, rank) in years.items():
            if (index, year) in existing:
                continue
            note = "34 tỉnh, thành phố sau sắp xếp" if year >= 2025 else ""
            ranked_of = 34 if year >= 2025 else 63
            record_index(actor, index, year, Decimal(score), rank, ranked_of, note)
            added += 1
    return added


def _decision(actor: Actor, data: DocumentData) -> Document:
    found = find_document(parse_symbol(data.symbol), data.date)
    return found or register_document(actor, data)


def _at(day: dt.date) -> dt.datetime:
    """``day`` at 9:00 local time: when a step of the history written after the fact took
    place."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def _finished_cycle(
    actor: Actor, framework: Framework, cycle: Cycle, tie: tuple[str, str] | None = None
) -> int:
    """Every unit self-assessed, appraised (with deductions), answered in part, finalised;
    with ``tie``, the second unit's total made equal to the first's before finalising."""
    if framework.assessments.exists():
        return 0
    units = list(assessed_units(framework).order_by("path"))
    assessments = []
    for unit in units:
        rng = random.Random(f"{framework.year}/{unit.code}")
        assessment = _self_assessed(actor, framework, unit, rng, at=_at(cycle.sent))
        assessments.append((assessment, rng))
    _survey(actor, framework, units, at=_at(cycle.appraised))
    for index, (assessment, rng) in enumerate(assessments):
        _appraised(actor, assessment, rng, deductions=1 + index % 4, at=_at(cycle.appraised))
    if tie is not None:
        _tie(actor, framework, tie, at=_at(cycle.appraised))
    for index, (assessment, rng) in enumerate(assessments):
        if index % 3 == 0:
            _answer(actor, assessment, rng, at=_at(cycle.answered))
    for assessment, _rng in assessments:
        finalise_assessment(actor, assessment, at=_at(cycle.finalised))
    return len(assessments)


def _appraised_total(assessment: Assessment) -> compute.Total:
    framework = assessment.framework
    items = {item.criterion_id: item for item in assessment.items.all()}
    return sheet.totals(framework, list(framework.criteria.all()), items)[1]


def _tie(actor: Actor, framework: Framework, codes: tuple[str, str], *, at: dt.datetime) -> None:
    """Move one survey score of the second unit by the gap in points to the first unit, so
    that both totals are equal. The two must count the same leaves: equal points then give
    equal totals to the last digit, not merely after rounding."""
    first, second = (framework.assessments.get(unit__code=code) for code in codes)
    target, own = _appraised_total(first), _appraised_total(second)
    if target.possible != own.possible:
        raise ValueError(f"{codes}: các đơn vị không tính cùng các tiêu chí, không thể đồng hạng.")
    gap = target.points - own.points
    surveyed = second.items.filter(criterion__method=Method.SURVEY).select_related("criterion")
    for item in surveyed.order_by("criterion__position"):
        score = (item.score or Decimal(0)) + gap
        if 0 <= score <= item.criterion.max_points:
            entry = SurveyEntry(second.unit, item.criterion, score)
            record_survey_scores(actor, framework, [entry], at=at)
            return
    raise ValueError(f"{codes}: không tiêu chí điều tra xã hội học nào bù được {gap} điểm.")


def _open_cycle(actor: Actor, framework: Framework, today: dt.date) -> int:
    """Some units drafting, some sent, one appraised and awaiting its answer."""
    if framework.assessments.exists():
        return 0
    due = framework.self_assessment_due
    if due is None or due < today:
        set_deadlines(
            actor, framework, today + dt.timedelta(days=30), today + dt.timedelta(days=75)
        )
    sent = SENT_2025 | SENT_2025_COMMUNES
    drafting = DRAFTING_2025 | DRAFTING_2025_COMMUNES
    count = 0
    for unit in assessed_units(framework).order_by("path"):
        if unit.code not in sent | drafting:
            continue
        rng = random.Random(f"{framework.year}/{unit.code}")
        assessment = _self_assessed(actor, framework, unit, rng, send=unit.code in sent)
        if unit.code == APPRAISED_2025:
            _survey(actor, framework, [unit])
            _appraised(actor, assessment, rng, deductions=3)
        count += 1
    return count


def _leaves(assessment: Assessment, methods: tuple[str, ...]) -> list[Criterion]:
    return [
        item.criterion
        for item in assessment.items.select_related("criterion").order_by("criterion__position")
        if item.criterion.method in methods
    ]


def _self_assessed(
    actor: Actor,
    framework: Framework,
    unit: Unit,
    rng: random.Random,
    *,
    send: bool = True,
    at: dt.datetime | None = None,
) -> Assessment:
    assessment = start_assessment(actor, framework, unit, at=at)
    leaves = _leaves(assessment, (Method.SELF,))
    if not send:  # a draft: about two thirds done
        leaves = leaves[: len(leaves) * 2 // 3]
    entries = {leaf.code: _self_entry(leaf, rng) for leaf in leaves}
    assessment = save_self_assessment(actor, assessment, assessment.version, entries)
    return submit_self_assessment(actor, assessment, at=at) if send else assessment


def _self_entry(leaf: Criterion, rng: random.Random) -> SelfEntry:
    condition = leaf.rule.get("not_applicable_if")
    if condition and rng.random() < 0.2:
        return SelfEntry(None, f"{condition}.", not_applicable=True)
    points = _levels(leaf)
    # Most units claim the top level; some the next one down.
    score = points[0] if rng.random() < 0.8 or len(points) == 1 else points[1]
    explanation = (
        f"Đơn vị đã thực hiện: {leaf.text[0].lower()}{leaf.text[1:]}. "
        "Chi tiết tại báo cáo kết quả và các văn bản kèm theo."
    )
    return SelfEntry(score, explanation)


def _levels(leaf: Criterion) -> list[Decimal]:
    """The points a leaf can get, highest first (a leaf without levels: steps of a quarter)."""
    if leaf.levels:
        return sorted(leaf.allowed_points(), reverse=True)
    return [leaf.max_points, (leaf.max_points * 3 / 4).quantize(Decimal("0.25"))]


def _survey(
    actor: Actor, framework: Framework, units: list[Unit], *, at: dt.datetime | None = None
) -> None:
    """Survey results around 80–95 % of each survey leaf's points."""
    leaves = list(framework.criteria.filter(is_leaf=True, method=Method.SURVEY))
    entries = []
    for unit in units:
        rng = random.Random(f"{framework.year}/{unit.code}/survey")
        for leaf in leaves:
            share = Decimal(rng.randint(78, 96)) / 100
            score = (leaf.max_points * share).quantize(Decimal("0.01"))
            entries.append(SurveyEntry(unit, leaf, score))
    record_survey_scores(actor, framework, entries, at=at)


def _appraised(
    actor: Actor,
    assessment: Assessment,
    rng: random.Random,
    deductions: int,
    *,
    at: dt.datetime | None = None,
) -> None:
    """The unit's scores kept but for ``deductions`` items lowered one level, with a reason."""
    items = list(
        assessment.items.select_related("criterion")
        .filter(criterion__method__in=(Method.SELF, Method.COMPUTED))
        .order_by("criterion__position")
    )
    lowerable = [
        item
        for item in items
        if item.criterion.method == Method.SELF
        and not item.not_applicable
        and item.self_score is not None
        and item.self_score > 0
    ]
    lowered = {item.pk for item in rng.sample(lowerable, min(deductions, len(lowerable)))}
    entries = {}
    for item in items:
        if item.not_applicable:
            continue
        if item.pk in lowered:
            below = [p for p in _levels(item.criterion) if p < (item.self_score or 0)]
            entries[item.criterion.code] = AppraisalEntry(
                below[0] if below else Decimal(0), _reason(item.criterion)
            )
        else:
            entries[item.criterion.code] = AppraisalEntry(item.self_score)
    assessment = save_appraisal(actor, assessment, assessment.version, entries, at=at)
    send_appraisal(actor, assessment, at=at)


def _reason(criterion: Criterion) -> str:
    text = criterion.text.lower()
    return next(reason for word, reason in REASONS if word in text)


def _answer(
    actor: Actor, assessment: Assessment, rng: random.Random, *, at: dt.datetime | None = None
) -> None:
    contested = assessment.items.exclude(deduction_reason="").order_by("criterion__position")
    item = contested.first()
    if item is not None:
        answer_deduction(actor, item, rng.choice(ANSWERS), at=at)
