"""Drafting the compiled report, section by section, from what cchc knows (``facts``) and from
the units' narratives condensed (``condense``). Every sentence keeps what it came from.

The sections: the opening (the documents the report answers and implements), I and
II.1–II.6 (the province's figures in sentences, the province plan's own task figures,
completeness, the national indices, then the units' text condensed), III (strengths and
weaknesses from the data, then the units' assessment condensed), IV (the plan's tasks due next,
by reform area, then the units' directions condensed), V (the units' proposals by addressee).
No sentence is written twice in the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from cchc.compiling import condense
from cchc.compiling.document import issuing_unit
from cchc.compiling.facts import Facts, PlanFacts, overdue_dossier_units
from cchc.compiling.loading import CompilingConfig, Issuer
from cchc.compiling.models import OPENING
from cchc.lib.vnformat import format_date, format_decimal, format_int
from cchc.reporting import prose as text
from cchc.reporting.aggregate import COUNTED
from cchc.reporting.models import ADHOC_KIND, Aggregation, ValueType
from cchc.tasks.models import Task

# The plan's figures come from the task module, never from the sum of the units' own plans.
PLAN_CODES = ("plan_tasks_set", "plan_tasks_done", "plan_tasks_done_rate")
INDEX_SECTIONS = {"par_index": "I", "papi": "I", "pci": "I", "sipas": "II.2"}


@dataclass(frozen=True)
class Written:
    text: str
    sources: tuple[str, ...] = ()


Paragraphs = list[list[Written]]


def as_section(paragraphs: Paragraphs) -> dict[str, Any]:
    """The JSON a section is stored as (see ``CompiledReport.sections``)."""
    kept = [p for p in paragraphs if p]
    return {
        "text": "\n".join(" ".join(w.text for w in p) for p in kept),
        "edited": False,
        "generated": [{"text": w.text, "sources": list(w.sources)} for p in kept for w in p],
    }


def draft(
    facts: Facts, config: CompilingConfig, issuer: Issuer, seen: set[str] | None = None
) -> dict[str, Paragraphs]:
    """Every section of the report, in the form's order after the opening; ``seen`` holds the
    sentences the document already has elsewhere (sections the officer edited)."""
    masker = condense.Masker(facts.unit_names)
    seen = set() if seen is None else seen
    sections: dict[str, Paragraphs] = {OPENING: [[_opening(facts, issuer)]]}
    for section in facts.period.form.sections:
        code = str(section["code"])
        said = _said(facts, code)
        settings = config.condensing(code)
        if code == "III":
            sections[code] = _assessment(facts, config, said, masker, seen)
        elif code == "IV":
            units = condense.condense(said, masker, settings, seen)
            sections[code] = [*_directions(facts, config), _paragraph(units)]
        elif code == "V":
            sections[code] = _proposals(said, masker, config, issuer, seen, _subject(facts, issuer))
        else:
            sections[code] = [
                *_province_facts(facts, code),
                _paragraph(condense.condense(said, masker, settings, seen)),
            ]
    return sections


def _said(facts: Facts, code: str) -> list[condense.Said]:
    label = _("Báo cáo %(period)s của %(unit)s")
    return [
        condense.Said(
            unit=report.unit.name,
            text=str((report.narrative or {}).get(code) or ""),
            source=label % {"period": facts.period.title, "unit": report.unit.name},
        )
        for report in facts.reports
    ]


def _paragraph(sentences: Iterable[condense.Sentence]) -> list[Written]:
    return [Written(s.text, s.sources) for s in sentences]


def _subject(facts: Facts, issuer: Issuer) -> str:
    return issuing_unit(issuer, facts.province).name


def _document_phrase(doc_type: str, symbol: str, day: dt.date | None) -> str:
    phrase = _("%(type)s số %(symbol)s") % {"type": doc_type, "symbol": symbol}
    if day is not None:
        phrase += _(" ngày %(day)s") % {"day": format_date(day)}
    return phrase


def _opening(facts: Facts, issuer: Issuer) -> Written:
    basis: list[str] = []
    sources: list[str] = []
    plan = facts.plan
    if plan is not None:
        document = plan.plan.document
        basis.append(
            _("%(plan)s của Ủy ban nhân dân tỉnh ban hành kèm theo %(document)s")
            % {
                "plan": plan.plan.title,
                "document": _document_phrase(document.doc_type, document.symbol, document.date),
            }
        )
        sources.append(_("Kế hoạch %(code)s trong sổ văn bản") % {"code": plan.plan.code})
    requested = facts.period.requested_by
    if requested is not None:
        basis.append(_document_phrase(requested.doc_type, requested.symbol, requested.date))
        sources.append(_("Văn bản yêu cầu báo cáo của kỳ %(period)s") % {"period": facts.period})
    if facts.regime is not None:
        regime = facts.regime
        basis.append(
            _("chế độ báo cáo theo %(document)s")
            % {"document": _document_phrase(regime.doc_type, regime.symbol, regime.date)}
        )
        sources.append(_("Văn bản quy định chế độ báo cáo"))
    opening = (
        _("Thực hiện %(documents)s") % {"documents": "; ".join(basis)}
        if basis
        else _("Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính")
    )
    scope = (
        _("trên địa bàn %(place)s") % {"place": text.locality(facts.province.name) or _("tỉnh")}
        if facts.is_province
        else _("của %(unit)s") % {"unit": facts.root.name}
    )
    # An ad hoc report is about what its request asks; the request is cited above.
    about = (
        ""
        if facts.period.kind == ADHOC_KIND
        else _(" tình hình, kết quả thực hiện công tác cải cách hành chính %(period)s %(scope)s")
        % {"period": text.period_phrase(facts.period), "scope": scope}
    )
    sentence = _(
        "%(opening)s; trên cơ sở báo cáo của các cơ quan, đơn vị, %(issuer)s báo cáo%(about)s "
        "(số liệu từ ngày %(start)s đến ngày %(end)s) như sau:"
    ) % {
        "opening": opening,
        "issuer": _subject(facts, issuer),
        "about": about,
        "start": format_date(facts.period.start),
        "end": format_date(facts.period.end),
    }
    return Written(sentence, tuple(sources))


def listed(names: Sequence[str], limit: int, others: str) -> str:
    """ "A, B và C"; beyond ``limit``: "A, B, C và 4 <others> khác"."""
    if not names:
        return ""
    if len(names) <= limit:
        if len(names) == 1:
            return names[0]
        return _("%(names)s và %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return _("%(names)s và %(n)d %(others)s khác") % {
        "names": ", ".join(names[:limit]),
        "n": len(names) - limit,
        "others": others,
    }


def _province_facts(facts: Facts, code: str) -> Paragraphs:
    paragraphs: Paragraphs = []
    if code == "I":
        paragraphs.append([_completeness(facts)])
        if facts.comparison_note:
            paragraphs.append(
                [Written(facts.comparison_note, (_("So sánh trên cùng các đơn vị"),))]
            )
        if facts.plan is not None:
            paragraphs.append(_plan_sentences(facts.plan, facts))
    figures = text.Figures(
        indicators={c: i for c, i in facts.indicators.items() if c not in PLAN_CODES},
        values=facts.totals,
        last_year=facts.last_year,
        last_year_number=facts.last_year_number,
        last_year_base=facts.last_year_base,
    )
    place = text.locality(facts.root.name)
    subject = _("Toàn %(place)s") % {"place": place} if place else facts.root.name
    source = _("Số liệu tổng hợp từ %(n)d báo cáo đã gửi") % {"n": len(facts.reports)}
    stated = [Written(s, (source,)) for s in text.section_sentences(code, figures, subject)]
    if stated:
        paragraphs.append(stated)
    indices = [i for i in facts.indices if INDEX_SECTIONS.get(i.index) == code]
    if indices:
        paragraphs.append([_indices(facts, indices)])
    if code == "I" and facts.par_framework is not None and facts.par_framework.decision:
        decision = facts.par_framework.decision
        paragraphs[-1].append(
            Written(
                _(
                    "Kết quả Chỉ số cải cách hành chính năm %(year)d của các cơ quan, đơn vị "
                    "đã được công bố tại %(document)s."
                )
                % {
                    "year": facts.par_framework.year,
                    "document": _document_phrase(decision.doc_type, decision.symbol, decision.date),
                },
                (_("Chỉ số CCHC %(year)d") % {"year": facts.par_framework.year},),
            )
        )
    return paragraphs


def _completeness(facts: Facts) -> Written:
    table = facts.table
    sentence = _(
        "Có %(sent)d/%(expected)d cơ quan, đơn vị gửi báo cáo (đúng hạn %(on_time)d, trễ hạn "
        "%(late)d)"
    ) % {
        "sent": table.submitted,
        "expected": table.expected,
        "on_time": table.on_time,
        "late": table.late,
    }
    missing = [row.unit.name for row in table.rows if not row.sent]
    if missing:
        sentence += _("; chưa gửi: %(units)s") % {"units": listed(missing, 5, _("đơn vị"))}
    reworking = [
        row.unit.name
        for row in table.rows
        if row.sent and row.report is not None and row.report.status not in COUNTED
    ]
    if reworking:
        sentence += _("; đang hoàn thiện lại, chưa tổng hợp: %(units)s") % {
            "units": listed(reworking, 5, _("đơn vị"))
        }
    sentence += _(". Số liệu dưới đây tổng hợp từ %(n)d báo cáo đã gửi") % {"n": len(facts.reports)}
    return Written(
        sentence + ".",
        (_("Tình hình nộp báo cáo kỳ %(period)s") % {"period": facts.period.title},),
    )


def _task_source(task: Task) -> str:
    label = task.content if len(task.content) <= 90 else task.content[:89] + "…"
    return _("Nhiệm vụ %(number)s: %(content)s") % {
        "number": task.item_number or task.pk,
        "content": label,
    }


def _plan_sentences(plan: PlanFacts, facts: Facts) -> list[Written]:
    document = plan.plan.document
    counted, done, late = plan.counted, plan.done_tasks, plan.done_late
    opened, overdue = plan.open_tasks, plan.overdue
    source = _("Kế hoạch %(code)s: %(n)d nhiệm vụ trong sổ nhiệm vụ") % {
        "code": plan.plan.code,
        "n": len(counted),
    }
    sentences = [
        Written(
            _(
                "%(plan)s (ban hành kèm theo %(document)s) giao %(total)s nhiệm vụ; đến ngày "
                "%(day)s đã hoàn thành %(done)s nhiệm vụ (đúng hạn %(on_time)s, trễ hạn "
                "%(late)s), đạt %(rate)s %%; %(open)s nhiệm vụ đang thực hiện, trong đó "
                "%(overdue)s quá hạn và %(standing)s nhiệm vụ thường xuyên."
            )
            % {
                "plan": plan.plan.title,
                "document": _document_phrase(document.doc_type, document.symbol, document.date),
                "total": format_int(len(counted)),
                "day": format_date(plan.as_of),
                "done": format_int(len(done)),
                "on_time": format_int(len(done) - len(late)),
                "late": format_int(len(late)),
                "rate": format_decimal(Decimal(100 * len(done)) / (len(counted) or 1), 1),
                "open": format_int(len(opened)),
                "overdue": format_int(len(overdue)) if overdue else _("không có nhiệm vụ"),
                "standing": format_int(len([t for t in opened if t.deadline is None])),
            },
            (source,),
        )
    ]
    leaders = plan.by_lead_unit(counted)
    if leaders:
        sentences.append(
            Written(
                _("Các cơ quan chủ trì nhiều nhiệm vụ của Kế hoạch: %(units)s.")
                % {
                    "units": ", ".join(
                        _("%(unit)s (%(n)s nhiệm vụ)") % {"unit": u.name, "n": format_int(n)}
                        for u, n in leaders[:4]
                    )
                },
                (source,),
            )
        )
    return sentences


def _indices(facts: Facts, indices: Sequence[Any]) -> Written:
    parts = []
    for entry in sorted(indices, key=lambda i: i.index):
        before = facts.previous_indices.get(entry.index)
        change = ""
        if before is not None and before.ranked_of == entry.ranked_of:
            places = before.rank - entry.rank
            change = (
                _(", tăng %(n)d bậc") % {"n": places}
                if places > 0
                else _(", giảm %(n)d bậc") % {"n": -places}
                if places < 0
                else _(", giữ nguyên thứ hạng")
            )
        parts.append(
            _("%(index)s đạt %(score)s điểm, xếp thứ %(rank)d/%(of)d%(change)s")
            % {
                "index": entry.get_index_display(),
                "score": format_decimal(entry.score),
                "rank": entry.rank,
                "of": entry.ranked_of,
                "change": change,
            }
        )
    year = indices[0].year
    return Written(
        _("Năm %(year)d, %(parts)s.") % {"year": year, "parts": "; ".join(parts)},
        (_("Chỉ số cấp quốc gia năm %(year)d") % {"year": year},),
    )


def _changes(facts: Facts, config: CompilingConfig) -> tuple[list[str], list[str]]:
    """Indicators that moved beyond the thresholds against last year: (better, worse), the
    largest moves first, at most ``list_limit`` each ("tỷ lệ hồ sơ nộp trực tuyến tăng 3,5
    điểm phần trăm")."""
    better: list[tuple[float, str]] = []
    worse: list[tuple[float, str]] = []
    if not facts.last_year_number:
        return [], []
    for code, indicator in facts.indicators.items():
        value, before = facts.last_year_base.get(code), facts.last_year.get(code)
        if value is None or before is None or code in PLAN_CODES:
            continue
        is_rate = indicator.value_type == ValueType.PERCENT or indicator.aggregation in (
            Aggregation.RATIO,
            Aggregation.WEIGHTED_MEAN,
        )
        if is_rate:
            moved = float(value - before)
            beyond = abs(moved) > config.change_threshold_points
        elif before:
            moved = float((value - before) * 100 / before)
            beyond = abs(moved) > config.change_threshold_percent
        else:
            continue
        phrase = text.change_phrase(indicator, value, before, facts.last_year_number)
        if not beyond or phrase is None:
            continue
        phrase = phrase.split(_(" so với cùng kỳ"))[0]
        said = f"{indicator.name[:1].lower()}{indicator.name[1:]} {phrase}"
        rising_is_good = code not in config.lower_is_better
        (better if (moved > 0) == rising_is_good else worse).append((-abs(moved), said))
    limit = config.list_limit
    return [s for _m, s in sorted(better)[:limit]], [s for _m, s in sorted(worse)[:limit]]


def _assessment(
    facts: Facts,
    config: CompilingConfig,
    said: Sequence[condense.Said],
    masker: condense.Masker,
    seen: set[str],
) -> Paragraphs:
    limit = config.list_limit
    better, worse = _changes(facts, config)
    figures_source = _("Số liệu tổng hợp so với cùng kỳ năm trước")
    strengths: list[Written] = [Written(_("1. Ưu điểm"))]
    weaknesses: list[Written] = [Written(_("2. Hạn chế và nguyên nhân"))]
    if better:
        strengths.append(
            Written(
                _("So với cùng kỳ năm %(year)s, %(items)s.")
                % {"year": facts.last_year_number, "items": "; ".join(better)},
                (figures_source,),
            )
        )
    table = facts.table
    if table.expected:
        strengths.append(
            Written(
                _(
                    "Công tác báo cáo được các cơ quan, đơn vị thực hiện nghiêm túc: "
                    "%(on_time)d/%(expected)d đơn vị gửi báo cáo đúng hạn."
                )
                % {"on_time": table.on_time, "expected": table.expected},
                (_("Tình hình nộp báo cáo kỳ %(period)s") % {"period": facts.period.title},),
            )
        )
    plan = facts.plan
    if plan is not None and plan.done_tasks:
        on_time = len(plan.done_tasks) - len(plan.done_late)
        strengths.append(
            Written(
                _("%(n)s nhiệm vụ của Kế hoạch được hoàn thành đúng hạn.")
                % {"n": format_int(on_time)},
                tuple(_task_source(t) for t in plan.done_tasks[:limit]),
            )
        )
    if worse:
        weaknesses.append(
            Written(
                _("So với cùng kỳ năm %(year)s, %(items)s.")
                % {"year": facts.last_year_number, "items": "; ".join(worse)},
                (figures_source,),
            )
        )
    if plan is not None and plan.overdue:
        units = plan.by_lead_unit(plan.overdue)
        weaknesses.append(
            Written(
                _("Còn %(n)s nhiệm vụ của Kế hoạch quá hạn chưa hoàn thành, thuộc %(units)s.")
                % {
                    "n": format_int(len(plan.overdue)),
                    "units": listed(
                        [_("%(unit)s (%(n)d)") % {"unit": u.name, "n": n} for u, n in units],
                        limit,
                        _("cơ quan"),
                    ),
                },
                tuple(_task_source(t) for t in plan.overdue),
            )
        )
    late = [row.unit.name for row in table.rows if row.late]
    missing = [row.unit.name for row in table.rows if not row.sent]
    if late or missing:
        parts = []
        if late:
            parts.append(
                _("%(n)d đơn vị gửi báo cáo trễ hạn (%(units)s)")
                % {"n": len(late), "units": listed(late, limit, _("đơn vị"))}
            )
        if missing:
            parts.append(
                _("%(n)d đơn vị chưa gửi báo cáo (%(units)s)")
                % {"n": len(missing), "units": listed(missing, limit, _("đơn vị"))}
            )
        weaknesses.append(
            Written(
                _("Vẫn còn %(parts)s.") % {"parts": "; ".join(parts)},
                (_("Tình hình nộp báo cáo kỳ %(period)s") % {"period": facts.period.title},),
            )
        )
    dossiers = overdue_dossier_units(facts, config.overdue_dossiers_threshold)
    if dossiers:
        weaknesses.append(
            Written(
                _(
                    "Một số cơ quan, đơn vị còn nhiều hồ sơ thủ tục hành chính giải quyết quá "
                    "hạn hoặc đang quá hạn: %(units)s."
                )
                % {
                    "units": listed(
                        [
                            _("%(unit)s (%(n)s hồ sơ)") % {"unit": u, "n": format_int(n)}
                            for u, n in dossiers
                        ],
                        limit,
                        _("đơn vị"),
                    )
                },
                tuple(_("Số liệu của %(unit)s") % {"unit": u} for u, _n in dossiers[:limit]),
            )
        )
    if facts.deductions:
        year = facts.period.year - 1
        weaknesses.append(
            Written(
                _(
                    "Qua thẩm định Chỉ số cải cách hành chính năm %(year)d, các tiêu chí bị "
                    "trừ điểm ở nhiều cơ quan, đơn vị nhất là: %(criteria)s."
                )
                % {
                    "year": year,
                    "criteria": "; ".join(
                        _("%(name)s (%(n)d đơn vị)") % {"name": d.criterion, "n": d.units}
                        for d in facts.deductions[:3]
                    ),
                },
                (_("Kết quả thẩm định Chỉ số CCHC năm %(year)d") % {"year": year},),
            )
        )
    words = tuple(w.lower() for w in config.weakness_words)
    positive = [
        condense.Said(
            s.unit,
            "\n".join(x for x in condense.sentences_of(s.text) if not _has(x, words)),
            s.source,
        )
        for s in said
    ]
    negative = [
        condense.Said(
            s.unit, "\n".join(x for x in condense.sentences_of(s.text) if _has(x, words)), s.source
        )
        for s in said
    ]
    budget = config.condensing("III")
    half = condense.Settings(
        budget_words=budget.budget_words // 2,
        similarity=budget.similarity,
        named_units=budget.named_units,
        salient=budget.salient,
    )
    strengths += _paragraph(condense.condense(positive, masker, half, seen))
    weaknesses += _paragraph(condense.condense(negative, masker, half, seen))
    return [[strengths[0]], strengths[1:], [weaknesses[0]], weaknesses[1:]]


def _has(sentence: str, words: Sequence[str]) -> bool:
    lowered = sentence.lower()
    return any(w in lowered for w in words)


def _directions(facts: Facts, config: CompilingConfig) -> Paragraphs:
    plan = facts.plan
    if plan is None:
        return []
    span = facts.period.end - facts.period.start
    start = facts.period.end + dt.timedelta(days=1)
    end = facts.period.end + span
    due = plan.due_between(start, end)
    paragraphs: Paragraphs = []
    if plan.overdue:
        paragraphs.append(
            [
                Written(
                    _("Khẩn trương hoàn thành %(n)s nhiệm vụ quá hạn của %(plan)s.")
                    % {"n": format_int(len(plan.overdue)), "plan": plan.plan.title},
                    tuple(_task_source(t) for t in plan.overdue),
                )
            ]
        )
    if not due:
        return paragraphs
    paragraphs.append(
        [
            Written(
                _("Tập trung thực hiện %(n)s nhiệm vụ của Kế hoạch có hạn đến ngày %(end)s:")
                % {"n": format_int(len(due)), "end": format_date(end)}
            )
        ]
    )
    areas = list(config.reform_areas)
    grouped: dict[str, list[Task]] = {area: [] for area in areas}
    for task in due:
        content = task.content.lower()
        area = next(
            (a for a in areas if any(w in content for w in config.reform_areas[a])), areas[-1]
        )
        grouped[area].append(task)
    for area, tasks in grouped.items():
        if not tasks:
            continue
        items = "; ".join(
            _("%(content)s (%(unit)s, hạn %(day)s)")
            % {
                "content": t.content[:1].lower() + t.content[1:],
                "unit": t.lead_unit.name,
                "day": format_date(t.deadline) if t.deadline else "",
            }
            for t in tasks[: config.list_limit]
        )
        more = len(tasks) - config.list_limit
        if more > 0:
            items += _("; và %(n)d nhiệm vụ khác") % {"n": more}
        paragraphs.append([Written(f"- {area}: {items}.", tuple(_task_source(t) for t in tasks))])
    return paragraphs


def _proposals(
    said: Sequence[condense.Said],
    masker: condense.Masker,
    config: CompilingConfig,
    issuer: Issuer,
    seen: set[str],
    issuer_name: str,
) -> Paragraphs:
    """The units' proposals by addressee, those the issuer forwards only: a proposal addressed
    to the issuer itself (its ``self_words`` come before any other addressee's) is for the
    issuer to answer, and so are those to addressees it does not forward to."""
    addressees = {"": issuer.self_words, **config.addressees}
    kept = set(issuer.addressees or config.addressees)
    forwarded = [
        condense.Said(
            s.unit,
            "\n".join(
                x
                for x in condense.sentences_of(s.text)
                if condense.addressee_of(x, addressees) in kept
            ),
            s.source,
        )
        for s in said
    ]
    sentences = condense.condense(forwarded, masker, config.condensing("V"), seen)
    groups: dict[str, list[condense.Sentence]] = {name: [] for name in config.addressees}
    for sentence in sentences:
        groups[condense.addressee_of(sentence.said, config.addressees)].append(sentence)
    proposing = sorted({unit for sentence in sentences for unit in sentence.units})
    if not proposing:
        return []
    paragraphs: Paragraphs = [
        [
            Written(
                _(
                    "Tổng hợp đề xuất, kiến nghị của %(n)d cơ quan, đơn vị, %(issuer)s kính đề "
                    "nghị như sau:"
                )
                % {"n": len(proposing), "issuer": issuer_name}
            )
        ]
    ]
    number = 0
    for addressee, items in groups.items():
        if not items:
            continue
        number += 1
        paragraphs.append([Written(f"{number}. {addressee}")])
        paragraphs.append(_paragraph(items))
    return paragraphs
