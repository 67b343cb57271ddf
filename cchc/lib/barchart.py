"""Horizontal bar charts as SVG text built on the server (no script, no CDN).

``bar_chart`` takes rows of a label and one or two values (this year and last year, say) and
returns an ``<svg>`` element to put in a page as it is: every text in it is escaped here.
Numbers are written the Vietnamese way by the caller's ``fmt`` (cchc.lib.vnformat).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 720
LABEL_WIDTH = 260
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 30
COLOURS = ("#1f5fa8", "#9e9e9e", "#a31515")


@dataclass(frozen=True)
class Bar:
    label: str
    values: Sequence[float]


def bar_chart(
    title: str,
    bars: Sequence[Bar],
    legend: Sequence[str],
    fmt: Callable[[float], str],
) -> str:
    """One group of bars per row, one bar per value (in ``legend``'s order and colours)."""
    per_row = max((len(b.values) for b in bars), default=1)
    row_height = ROW_HEIGHT + (per_row - 1) * (BAR_HEIGHT - 4)
    height = TOP + row_height * len(bars) + 30
    largest = max((v for b in bars for v in b.values), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="18" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for row, bar in enumerate(bars):
        top = TOP + row * row_height
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{top + BAR_HEIGHT - 3}" font-size="12" '
            f'text-anchor="end">{escape(_clip(bar.label))}</text>'
        )
        for index, value in enumerate(bar.values):
            y = top + index * (BAR_HEIGHT - 4)
            length = max(value / largest * room, 1 if value else 0)
            colour = COLOURS[index % len(COLOURS)]
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
                f'height="{BAR_HEIGHT - 5 if per_row > 1 else BAR_HEIGHT}" fill="{colour}">'
                f"<title>{escape(bar.label)}: {escape(fmt(value))}</title></rect>"
                f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 11}" font-size="11">'
                f"{escape(fmt(value))}</text>"
            )
    if len(legend) > 1:
        y = height - 10
        for index, name in enumerate(legend):
            x = LABEL_WIDTH + index * 160
            parts.append(
                f'<rect x="{x}" y="{y - 10}" width="12" height="12" '
                f'fill="{COLOURS[index % len(COLOURS)]}"/>'
                f'<text x="{x + 16}" y="{y}" font-size="12">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _clip(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
