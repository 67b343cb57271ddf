"""A line chart of ranks over the years, as SVG text built on the server (no script, no CDN).

Plain Python building text (Django only translates its words): ``rank_chart`` takes one
``Series`` per index (PAR INDEX, SIPAS…) and returns an ``<svg>`` element to put in a page
as it is. Every text that goes into it (the title, the labels) is escaped here, so the result
is safe to embed unescaped.

Rank 1 is at the top. The vertical axis runs to the largest number of provinces ranked in
any year shown (63). A line is broken where the number of provinces ranked changes (63 → 34
in 2025): a rank out of 34 is not a rank out of 63, so the two are not joined, and a dashed
mark names the year the count changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 48, 44
# Space between the plot's edges and the first and last years, so that the dots and their
# rank labels stay clear of the axis and of the legend.
INSET = 24
# Distinct colours that stay apart when printed in grey too (darker to lighter).
COLOURS = ["#a31515", "#1f5fa8", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f"]
TICK_STEP = 10
# The least vertical distance between two rank labels of one year (11 px text).
LABEL_GAP = 12


@dataclass(frozen=True)
class Point:
    year: int
    rank: int
    ranked_of: int


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[Point]


@dataclass(frozen=True)
class _Frame:
    """Where a year and a rank fall on the canvas."""

    years: Sequence[int]
    worst: int

    def x(self, year: int) -> float:
        width = WIDTH - LEFT - RIGHT - 2 * INSET
        if len(self.years) == 1:
            return LEFT + INSET + width / 2
        first, last = self.years[0], self.years[-1]
        return LEFT + INSET + (year - first) * width / (last - first)

    def y(self, rank: int) -> float:
        height = HEIGHT - TOP - BOTTOM
        return TOP + (rank - 1) * height / max(self.worst - 1, 1)


def rank_chart(series: Sequence[Series], title: str) -> str:
    """The chart as an ``<svg>`` element; with no point at all, the title and a notice."""
    points = [point for one in series for point in one.points]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label={quoteattr(title)} '
        'font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<text class="chart-title" x="{WIDTH / 2:g}" y="22" text-anchor="middle" '
        f'font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    if not points:
        parts.append(
            f'<text x="{WIDTH / 2:g}" y="{HEIGHT / 2:g}" text-anchor="middle">'
            f"{escape(_('Chưa có số liệu.'))}</text>"
        )
        parts.append("</svg>")
        return "".join(parts)
    years = list(range(min(p.year for p in points), max(p.year for p in points) + 1))
    frame = _Frame(years, max(p.ranked_of for p in points))
    parts.extend(_axes(frame))
    parts.extend(_count_changes(frame, points))
    colours = [COLOURS[number % len(COLOURS)] for number in range(len(series))]
    for number, one in enumerate(series):
        parts.extend(_line(frame, one, colours[number]))
        parts.extend(_legend_entry(number, one.label, colours[number]))
    parts.extend(_point_labels(frame, series, colours))
    parts.append("</svg>")
    return "".join(parts)


def _axes(frame: _Frame) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#5b6b7c"/>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#5b6b7c"/>',
        f'<text class="axis-label" x="14" y="{(TOP + bottom) / 2:g}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(TOP + bottom) / 2:g})">{escape(_("Xếp hạng"))}</text>',
        f'<text class="axis-label" x="{(LEFT + WIDTH - RIGHT) / 2:g}" y="{HEIGHT - 6}" '
        f'text-anchor="middle">{escape(_("Năm"))}</text>',
    ]
    ticks = sorted({1, *range(TICK_STEP, frame.worst, TICK_STEP), frame.worst})
    for rank in ticks:
        y = frame.y(rank)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#e3e8ee"/>'
        )
        parts.append(
            f'<text class="rank-tick" x="{LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{rank}</text>'
        )
    for year in frame.years:
        parts.append(
            f'<text class="year-tick" x="{frame.x(year):.1f}" y="{bottom + 18}" '
            f'text-anchor="middle">{year}</text>'
        )
    return parts


def _count_changes(frame: _Frame, points: Sequence[Point]) -> list[str]:
    """A dashed vertical mark in each year from which the number of provinces ranked differs
    from the year before (across every index shown)."""
    counts: dict[int, int] = {}
    for point in sorted(points, key=lambda p: p.year):
        counts.setdefault(point.year, point.ranked_of)
    parts: list[str] = []
    previous: int | None = None
    for year in sorted(counts):
        if previous is not None and counts[year] != previous:
            x = frame.x(year) - _half_step(frame)
            label = _("Từ %(year)d: %(count)d tỉnh, thành phố") % {
                "year": year,
                "count": counts[year],
            }
            parts.append(
                f'<line class="count-change" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" '
                f'y2="{HEIGHT - BOTTOM}" stroke="#5b6b7c" stroke-dasharray="4 3"/>'
            )
            parts.append(
                f'<text class="count-change" x="{x + 4:.1f}" y="{TOP - 6}" '
                f'font-size="11">{escape(label)}</text>'
            )
        previous = counts[year]
    return parts


def _half_step(frame: _Frame) -> float:
    if len(frame.years) == 1:
        return 0
    return (frame.x(frame.years[1]) - frame.x(frame.years[0])) / 2


def _line(frame: _Frame, series: Series, colour: str) -> list[str]:
    """The series' segments (broken where the number ranked changes), a dot per year with
    its rank written beside it."""
    points = sorted(series.points, key=lambda p: p.year)
    segments: list[list[Point]] = []
    for point in points:
        last = segments[-1][-1] if segments else None
        if last is None or last.ranked_of != point.ranked_of or point.year != last.year + 1:
            segments.append([point])
        else:
            segments[-1].append(point)
    label = escape(series.label)
    parts = [f'<g class="series" data-label={quoteattr(series.label)}>']
    for segment in segments:
        if len(segment) > 1:
            coordinates = " ".join(f"{frame.x(p.year):.1f},{frame.y(p.rank):.1f}" for p in segment)
            parts.append(
                f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
    for point in points:
        x, y = frame.x(point.year), frame.y(point.rank)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" '
            f'data-year="{point.year}" data-rank="{point.rank}">'
            f"<title>{label} {point.year}: {point.rank}/{point.ranked_of}</title></circle>"
        )
    parts.append("</g>")
    return parts


def _point_labels(frame: _Frame, series: Sequence[Series], colours: Sequence[str]) -> list[str]:
    """Each dot's rank written to its right; in a year where ranks are close, the labels are
    moved apart (top to bottom, ``LABEL_GAP`` at least) so that none covers another."""
    by_year: dict[int, list[tuple[float, int, str]]] = {}
    for one, colour in zip(series, colours, strict=True):
        for point in one.points:
            by_year.setdefault(point.year, []).append((frame.y(point.rank), point.rank, colour))
    parts = []
    for year, labels in sorted(by_year.items()):
        x = frame.x(year) + 7
        ordered = sorted(labels)
        placed: list[float] = []
        for y, _rank, _colour in ordered:
            placed.append(max(y + 4, placed[-1] + LABEL_GAP) if placed else y + 4)
        # A stack pushed below the plot moves up, clear of the years under the axis.
        overflow = placed[-1] - (HEIGHT - BOTTOM - 2)
        if overflow > 0:
            placed = [at - overflow for at in placed]
        for at, (_y, rank, colour) in zip(placed, ordered, strict=True):
            parts.append(
                f'<text class="point-label" x="{x:.1f}" y="{at:.1f}" fill="{colour}" '
                f'font-size="11" font-weight="bold">{rank}</text>'
            )
    return parts


def _legend_entry(number: int, label: str, colour: str) -> list[str]:
    x = WIDTH - RIGHT + 20
    # Below the note of a change in the number of provinces, which sits above the plot.
    y = TOP + 30 + number * 22
    return [
        f'<line x1="{x}" y1="{y}" x2="{x + 24}" y2="{y}" stroke="{colour}" stroke-width="3"/>',
        f'<text class="legend" x="{x + 30}" y="{y + 4}">{escape(label)}</text>',
    ]
