"""The survey part of a framework (điều tra xã hội học): whether it was conducted, and the
results per unit per survey leaf, entered on the page or imported from an .xlsx file.

A survey score is stored as the ``appraised_score`` of the unit's item for the survey leaf;
``self_score`` stays empty (the unit never scores a survey leaf). When the unit has no
assessment yet it is started (``cchc.scoring.actions.start_assessment``). Scores are not
changed once the unit's assessment is finalised.

When the survey was not conducted (``set_survey_conducted(..., False)``) the survey leaves
are left out and totals are rescaled to 100 (``cchc.scoring.compute``): a unit with 63 of
the other 70 points has 90,00.

The .xlsx file: the first row of the first sheet names the columns "Mã đơn vị", "Mã tiêu
chí" and "Điểm"; instead of "Điểm" a row may give "Tỷ lệ hài lòng (%)", converted to points
as rate × maximum / 100 (rounded to two decimals: 87,5 % of 30 points is 26,25). "Tên đơn
vị" and "Tên tiêu chí" may be there for the reader and are ignored. Every row is checked
before anything is written; ``SurveyError`` lists every problem as "Dòng N, cột X: …".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record
from cchc.lib.cells import cell_key, cell_text
from cchc.lib.vnformat import parse_decimal
from cchc.lib.xlsx import UnreadableWorkbook, open_workbook
from cchc.orgs.models import Unit
from cchc.scoring.actions import (
    assessed_units,
    is_assessed,
    score_problem,
    start_assessment,
)
from cchc.scoring.models import Assessment, Criterion, Framework, ItemScore, Method, Status
from cchc.scoring.points import points_text

UNIT_COLUMN = "Mã đơn vị"
CRITERION_COLUMN = "Mã tiêu chí"
SCORE_COLUMN = "Điểm"
RATE_COLUMN = "Tỷ lệ hài lòng (%)"
COLUMNS = [UNIT_COLUMN, CRITERION_COLUMN, SCORE_COLUMN]
OPTIONAL_COLUMNS = [RATE_COLUMN, "Tên đơn vị", "Tên tiêu chí"]
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# (unit id, criterion id): where a score goes.
Cell = tuple[int, int]


class SurveyError(Exception):
    """Scores that cannot be recorded; ``errors`` are Vietnamese lines, nothing was written."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class SurveyEntry:
    """A score for one unit and one survey leaf; None clears it (only from the page).

    ``line`` is the row of the imported sheet, None for the page; ``score_column`` the column
    the score was read from (for the messages).
    """

    unit: Unit
    criterion: Criterion
    score: Decimal | None
    line: int | None = None
    score_column: str = SCORE_COLUMN

    @property
    def cell(self) -> Cell:
        return (self.unit.pk, self.criterion.pk)


def survey_leaves(framework: Framework) -> list[Criterion]:
    return list(framework.criteria.filter(is_leaf=True, method=Method.SURVEY).order_by("position"))


@dataclass(frozen=True)
class SurveyRow:
    unit: Unit
    assessment: Assessment | None
    # One per survey leaf, in the leaves' order: the score, or None; a leaf that does not
    # apply to the unit's kind is marked not ``applies``.
    cells: list[SurveyCell]

    @property
    def is_finalised(self) -> bool:
        return self.assessment is not None and self.assessment.status == Status.FINALISED


@dataclass(frozen=True)
class SurveyCell:
    criterion: Criterion
    score: Decimal | None
    applies: bool


def survey_table(framework: Framework) -> tuple[list[Criterion], list[SurveyRow]]:
    """The survey leaves and a row per assessed unit with its scores: four queries."""
    leaves = survey_leaves(framework)
    units = assessed_units(framework).order_by("path")
    assessments = {a.unit_id: a for a in Assessment.objects.filter(framework=framework)}
    scores = stored_scores(framework)
    rows = [
        SurveyRow(
            unit,
            assessments.get(unit.pk),
            [
                SurveyCell(leaf, scores.get((unit.pk, leaf.pk)), leaf.applies_to(unit.kind))
                for leaf in leaves
            ],
        )
        for unit in units
    ]
    return leaves, rows


def stored_scores(framework: Framework) -> dict[Cell, Decimal | None]:
    """The survey scores recorded under ``framework``, by (unit id, criterion id)."""
    items = ItemScore.objects.filter(
        assessment__framework=framework, criterion__method=Method.SURVEY
    ).values_list("assessment__unit_id", "criterion_id", "appraised_score")
    return {(unit_id, criterion_id): score for unit_id, criterion_id, score in items}


def set_survey_conducted(actor: Actor, framework: Framework, conducted: bool) -> Framework:
    """Say whether ``framework``'s survey was conducted. Refused once any of its assessments
    is finalised: the totals already fixed would change."""
    require(actor, Perm.APPRAISE)
    with transaction.atomic():
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        if framework.survey_conducted == conducted:
            return framework
        if framework.assessments.filter(status=Status.FINALISED).exists():
            raise SurveyError(
                [
                    _(
                        "Đã có đơn vị được chốt điểm theo %(title)s; không thay đổi được việc "
                        "có điều tra xã hội học hay không."
                    )
                    % {"title": framework.title}
                ]
            )
        framework.survey_conducted = conducted
        framework.save(update_fields=["survey_conducted"])
        record(
            actor,
            "scoring.survey_conducted",
            framework,
            before={"survey_conducted": not conducted},
            after={"survey_conducted": conducted},
        )
    return framework


def record_survey_scores(
    actor: Actor,
    framework: Framework,
    entries: Sequence[SurveyEntry],
    shown: Mapping[Cell, Decimal | None] | None = None,
    *,
    at: dt.datetime | None = None,
) -> int:
    """Record ``entries`` (all or none); returns how many scores changed.

    ``shown``: the scores the page showed when it was opened; a score someone changed since
    is refused (nothing is written) rather than overwritten. Raises SurveyError with every
    problem. ``at`` is the time stamped on the scores (and on an assessment started for them)
    when history is brought in from elsewhere (default: now).
    """
    require(actor, Perm.APPRAISE)
    with transaction.atomic():
        # Lock the framework's assessments so none is finalised while scores are written.
        assessments = {
            a.unit_id: a for a in Assessment.objects.select_for_update().filter(framework=framework)
        }
        framework = Framework.objects.get(pk=framework.pk)
        errors = check_entries(framework, entries, assessments)
        stored = stored_scores(framework)
        changed = [entry for entry in entries if stored.get(entry.cell) != entry.score]
        if shown is not None:
            errors.extend(
                _conflict(entry, stored.get(entry.cell))
                for entry in changed
                if shown.get(entry.cell) != stored.get(entry.cell)
            )
        if errors:
            raise SurveyError(errors)
        for entry in changed:
            _write(actor, framework, entry, at)
    return len(changed)


def check_entries(
    framework: Framework,
    entries: Iterable[SurveyEntry],
    assessments: Mapping[int, Assessment] | None = None,
) -> list[str]:
    """What is wrong with ``entries`` under ``framework``, as Vietnamese lines."""
    if assessments is None:
        assessments = {a.unit_id: a for a in Assessment.objects.filter(framework=framework)}
    errors: list[str] = []
    if not framework.survey_conducted:
        errors.append(
            _(
                "%(title)s ghi không điều tra xã hội học; hãy đánh dấu đã điều tra trước khi "
                "nhập kết quả."
            )
            % {"title": framework.title}
        )
    for entry in entries:
        unit, criterion = entry.unit, entry.criterion
        if criterion.framework_id != framework.pk or not (
            criterion.is_leaf and criterion.method == Method.SURVEY
        ):
            errors.append(
                _located(
                    entry,
                    CRITERION_COLUMN,
                    _("tiêu chí %(code)s không phải tiêu chí điều tra xã hội học của bộ chỉ số.")
                    % {"code": criterion.code},
                )
            )
            continue
        if not is_assessed(framework, unit):
            errors.append(
                _located(
                    entry,
                    UNIT_COLUMN,
                    _("«%(unit)s» không thuộc đối tượng đánh giá của bộ chỉ số.")
                    % {"unit": unit.name},
                )
            )
            continue
        if not criterion.applies_to(unit.kind):
            errors.append(
                _located(
                    entry,
                    CRITERION_COLUMN,
                    _("tiêu chí %(code)s không áp dụng cho «%(unit)s».")
                    % {"code": criterion.code, "unit": unit.name},
                )
            )
            continue
        assessment = assessments.get(unit.pk)
        if assessment is not None and assessment.status == Status.FINALISED:
            errors.append(
                _located(
                    entry,
                    UNIT_COLUMN,
                    _("kết quả của «%(unit)s» đã được chốt điểm, không sửa được.")
                    % {"unit": unit.name},
                )
            )
        problem = score_problem(criterion, entry.score) if entry.score is not None else ""
        if problem:
            errors.append(_located(entry, entry.score_column, problem))
    return errors


def _located(entry: SurveyEntry, column: str, message: str) -> str:
    if entry.line is not None:
        return _at_line(entry.line, column, message)
    return _("%(unit)s, tiêu chí %(code)s: %(message)s") % {
        "unit": entry.unit.name,
        "code": entry.criterion.code,
        "message": message,
    }


def _conflict(entry: SurveyEntry, stored: Decimal | None) -> str:
    now = points_text(stored) if stored is not None else _("để trống")
    return _located(
        entry,
        SCORE_COLUMN,
        _("điểm vừa được người khác sửa (nay là %(now)s); hãy tải lại trang rồi nhập lại.")
        % {"now": now},
    )


def _write(actor: Actor, framework: Framework, entry: SurveyEntry, at: dt.datetime | None) -> None:
    assessment = start_assessment(actor, framework, entry.unit, at=at)
    item, _created = ItemScore.objects.select_for_update().get_or_create(
        assessment=assessment, criterion=entry.criterion
    )
    before = {"appraised_score": item.appraised_score}
    item.appraised_score = entry.score
    item.appraised_at = at or timezone.now()
    item.appraised_by = actor.user
    # The assessment's ``version`` is left alone: its forms (self-assessment, appraisal) never
    # hold survey leaves, so a score entered here cannot be overwritten by one of them, and
    # bumping it would refuse the unit's unrelated edits. The survey table checks its own
    # cells (``shown``).
    item.save(update_fields=["appraised_score", "appraised_at", "appraised_by"])
    record(
        actor,
        "scoring.survey_score",
        item,
        before=before,
        after={"appraised_score": entry.score},
        object_repr=f"{entry.unit.code} {entry.criterion.code}",
    )


def import_survey(actor: Actor, framework: Framework, source: str | Path | IO[bytes]) -> int:
    """Read the .xlsx file and record its scores (all or none); returns how many changed."""
    require(actor, Perm.APPRAISE)
    return record_survey_scores(actor, framework, read_survey_file(framework, source))


def read_survey_file(framework: Framework, source: str | Path | IO[bytes]) -> list[SurveyEntry]:
    """The checked rows of the file; SurveyError with every problem otherwise."""
    try:
        workbook = open_workbook(source)
    except UnreadableWorkbook as e:
        raise SurveyError([str(e)]) from e
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return _Reader(framework).read(rows)
    finally:
        workbook.close()


class _Reader:
    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.errors: list[str] = []
        self.units = {cell_key(unit.code): unit for unit in Unit.objects.all()}
        self.criteria = {cell_key(c.code): c for c in framework.criteria.all()}

    def read(self, rows: Iterable[tuple[Any, ...]]) -> list[SurveyEntry]:
        lines: Iterator[tuple[Any, ...]] = iter(rows)
        columns = self._columns(next(lines, ()))
        if self.errors:
            raise SurveyError(self.errors)
        entries: list[SurveyEntry] = []
        seen: dict[Cell, int] = {}
        for line, values in enumerate(lines, start=2):
            cells = {
                name: values[index] if index < len(values) else None
                for name, index in columns.items()
            }
            if not any(cell_text(value) for value in cells.values()):
                continue
            entry = self._entry(line, cells)
            if entry is None:
                continue
            if entry.cell in seen:
                self._error(
                    line,
                    CRITERION_COLUMN,
                    _("đơn vị và tiêu chí này đã có ở dòng %(other)d.")
                    % {"other": seen[entry.cell]},
                )
                continue
            seen[entry.cell] = line
            entries.append(entry)
        self.errors.extend(check_entries(self.framework, entries))
        if not entries and not self.errors:
            self.errors.append(_("Tệp không có dòng kết quả nào."))
        if self.errors:
            raise SurveyError(self.errors)
        return entries

    def _columns(self, header: tuple[Any, ...]) -> dict[str, int]:
        known = {cell_key(name): name for name in COLUMNS + OPTIONAL_COLUMNS}
        columns: dict[str, int] = {}
        for index, value in enumerate(header):
            text = cell_text(value)
            if not text:
                continue
            name = known.get(cell_key(text))
            if name is None:
                self.errors.append(
                    _("Dòng 1, cột %(name)s: không phải cột của mẫu (%(columns)s).")
                    % {"name": text, "columns": ", ".join(COLUMNS + OPTIONAL_COLUMNS)}
                )
            elif name in columns:
                self.errors.append(_("Dòng 1, cột %(name)s: cột bị lặp.") % {"name": name})
            else:
                columns[name] = index
        missing = [name for name in (UNIT_COLUMN, CRITERION_COLUMN) if name not in columns]
        if SCORE_COLUMN not in columns and RATE_COLUMN not in columns:
            missing.append(SCORE_COLUMN)
        if missing:
            self.errors.append(
                _("Dòng 1: thiếu cột %(columns)s.") % {"columns": ", ".join(missing)}
            )
        return columns

    def _entry(self, line: int, cells: dict[str, Any]) -> SurveyEntry | None:
        errors_before = len(self.errors)
        unit = self._unit(line, cell_text(cells.get(UNIT_COLUMN)))
        criterion = self._criterion(line, cell_text(cells.get(CRITERION_COLUMN)))
        score, column = self._score(
            line, cells.get(SCORE_COLUMN), cells.get(RATE_COLUMN), criterion
        )
        if len(self.errors) > errors_before or unit is None or criterion is None or score is None:
            return None
        return SurveyEntry(unit, criterion, score, line=line, score_column=column)

    def _unit(self, line: int, code: str) -> Unit | None:
        if not code:
            self._error(line, UNIT_COLUMN, _("không được để trống."))
            return None
        unit = self.units.get(cell_key(code))
        if unit is None:
            self._error(line, UNIT_COLUMN, _("không có đơn vị mã «%(code)s».") % {"code": code})
        return unit

    def _criterion(self, line: int, code: str) -> Criterion | None:
        if not code:
            self._error(line, CRITERION_COLUMN, _("không được để trống."))
            return None
        criterion = self.criteria.get(cell_key(code))
        if criterion is None:
            self._error(
                line,
                CRITERION_COLUMN,
                _("bộ chỉ số không có tiêu chí mã «%(code)s».") % {"code": code},
            )
        return criterion

    def _score(
        self, line: int, points: object, rate: object, criterion: Criterion | None
    ) -> tuple[Decimal | None, str]:
        """The points of the row, from "Điểm" or else from "Tỷ lệ hài lòng (%)"."""
        if cell_text(points) and cell_text(rate):
            self._error(
                line,
                RATE_COLUMN,
                _("chỉ ghi một trong hai cột %(a)s và %(b)s.")
                % {"a": SCORE_COLUMN, "b": RATE_COLUMN},
            )
            return None, SCORE_COLUMN
        if cell_text(rate):
            value = self._number(line, RATE_COLUMN, rate)
            if value is None:
                return None, RATE_COLUMN
            if not Decimal(0) <= value <= HUNDRED:
                self._error(line, RATE_COLUMN, _("tỷ lệ phải từ 0 đến 100."))
                return None, RATE_COLUMN
            if criterion is None:
                return None, RATE_COLUMN
            converted = (value * criterion.max_points / HUNDRED).quantize(CENT, ROUND_HALF_UP)
            return converted, RATE_COLUMN
        if not cell_text(points):
            self._error(line, SCORE_COLUMN, _("chưa có điểm."))
            return None, SCORE_COLUMN
        value = self._number(line, SCORE_COLUMN, points)
        if value is not None and value != value.quantize(CENT):
            self._error(line, SCORE_COLUMN, _("điểm ghi tối đa hai chữ số thập phân."))
            return None, SCORE_COLUMN
        return value, SCORE_COLUMN

    def _number(self, line: int, column: str, value: object) -> Decimal | None:
        try:
            if isinstance(value, int | float) and not isinstance(value, bool):
                # str() of a float is its shortest exact text: 25.5, not 25.499999….
                return Decimal(str(value))
            return parse_decimal(cell_text(value))
        except ValueError:
            self._error(
                line, column, _("«%(value)s» không phải là số.") % {"value": cell_text(value)}
            )
            return None

    def _error(self, line: int, column: str, message: str) -> None:
        self.errors.append(_at_line(line, column, message))


def _at_line(line: int, column: str, message: str) -> str:
    """A problem of the imported sheet: "Dòng 3, cột Điểm: …"."""
    return _("Dòng %(line)d, cột %(column)s: %(message)s") % {
        "line": line,
        "column": column,
        "message": message,
    }
