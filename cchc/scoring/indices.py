"""The province's place in the national indices (PAR INDEX, SIPAS, PAPI, PCI) year by year.

``record_index`` is the one write (the coordinator, for a year: create or correct).
``index_tables`` reads them for the page: per index, the years with the change of rank
against the previous recorded year, and the points of the chart.

A change of rank is only stated between two years ranked out of the same number of
provinces. From 2025 the country has 34 provinces instead of 63: "27/63" then "10/34" is
not "up 17 places", so the table says the number ranked changed instead of a change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from cchc.access import Perm, require
from cchc.audit.log import Actor, record, snapshot
from cchc.scoring.chart import Point, Series
from cchc.scoring.models import IndexKind, NationalIndex
from cchc.scoring.results import places_text

FIELDS = ["index", "year", "score", "rank", "ranked_of", "note"]
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_PROVINCES = 100
MAX_SCORE = Decimal(100)


class NationalIndexError(Exception):
    """A value that cannot be recorded; the message is Vietnamese, for the user."""


def record_index(
    actor: Actor,
    index: str,
    year: int,
    score: Decimal,
    rank: int,
    ranked_of: int,
    note: str = "",
) -> NationalIndex:
    """Record the province's result in ``index`` for ``year``, or correct the one recorded.

    Raises NationalIndexError for a value out of range (a score of 0–100 with two decimals,
    a rank from 1 to the number of provinces ranked).
    """
    require(actor, Perm.APPRAISE)
    _check(index, year, score, rank, ranked_of)
    note = note.strip()
    with transaction.atomic():
        entry = NationalIndex.objects.select_for_update().filter(index=index, year=year).first()
        before = snapshot(entry, FIELDS) if entry is not None else None
        if entry is None:
            entry = NationalIndex.objects.create(
                index=index, year=year, score=score, rank=rank, ranked_of=ranked_of, note=note
            )
        else:
            entry.score, entry.rank, entry.ranked_of, entry.note = score, rank, ranked_of, note
            entry.save(update_fields=["score", "rank", "ranked_of", "note"])
        record(actor, "scoring.national_index", entry, before=before, after=snapshot(entry, FIELDS))
    return entry


def _check(index: str, year: int, score: Decimal, rank: int, ranked_of: int) -> None:
    if index not in IndexKind.values:
        raise NationalIndexError(_("Không có chỉ số «%(index)s».") % {"index": index})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NationalIndexError(_("Năm %(year)d không hợp lệ.") % {"year": year})
    if not Decimal(0) <= score <= MAX_SCORE:
        raise NationalIndexError(_("Điểm phải từ 0 đến 100."))
    if score != score.quantize(Decimal("0.01")):
        raise NationalIndexError(_("Điểm ghi tối đa hai chữ số thập phân (ví dụ 86,08)."))
    if not 1 <= ranked_of <= MAX_PROVINCES:
        raise NationalIndexError(_("Số tỉnh, thành phố được xếp hạng không hợp lệ."))
    if not 1 <= rank <= ranked_of:
        raise NationalIndexError(
            _("Thứ hạng phải từ 1 đến %(n)d (số tỉnh, thành phố được xếp hạng).") % {"n": ranked_of}
        )


@dataclass(frozen=True)
class YearRow:
    entry: NationalIndex
    previous: NationalIndex | None

    @property
    def change(self) -> str:
        return rank_change_text(self.entry, self.previous)


@dataclass(frozen=True)
class IndexTable:
    index: str
    label: str
    rows: list[YearRow]


def rank_change_text(entry: NationalIndex, previous: NationalIndex | None) -> str:
    """ "tăng 12 bậc", "giảm 3 bậc", "giữ nguyên" against ``previous`` (named when it is not
    the year before); when the number of provinces ranked differs, says so instead."""
    if previous is None:
        return ""
    since = "" if previous.year == entry.year - 1 else _(" so với năm %(y)d") % {"y": previous.year}
    if previous.ranked_of != entry.ranked_of:
        return _(
            "Không so sánh thứ hạng: năm %(y)d xếp hạng trên %(now)d tỉnh, thành phố, "
            "năm %(py)d trên %(before)d"
        ) % {
            "y": entry.year,
            "now": entry.ranked_of,
            "py": previous.year,
            "before": previous.ranked_of,
        }
    return places_text(previous.rank - entry.rank) + since


def index_tables(entries: Iterable[NationalIndex]) -> list[IndexTable]:
    """A table per index, in the order of ``IndexKind``, years ascending; an index with no
    year recorded gets an empty table."""
    by_index: dict[str, list[NationalIndex]] = {kind.value: [] for kind in IndexKind}
    for entry in sorted(entries, key=lambda e: e.year):
        by_index[entry.index].append(entry)
    tables = []
    for kind in IndexKind:
        years = by_index[kind.value]
        rows = [
            YearRow(entry, years[position - 1] if position else None)
            for position, entry in enumerate(years)
        ]
        tables.append(IndexTable(kind.value, str(kind.label), rows))
    return tables


def chart_series(tables: Iterable[IndexTable]) -> list[Series]:
    """The chart's lines: one per index that has a year recorded."""
    return [
        Series(
            table.label,
            [Point(row.entry.year, row.entry.rank, row.entry.ranked_of) for row in table.rows],
        )
        for table in tables
        if table.rows
    ]
