"""The ranks chart: an SVG built on the server, one line per index, rank 1 at the top."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from cchc.scoring.chart import BOTTOM, HEIGHT, LABEL_GAP, TOP, Point, Series, rank_chart

SVG = "{http://www.w3.org/2000/svg}"
PAR = Series(
    "PAR INDEX",
    [Point(2022, 39, 63), Point(2023, 27, 63), Point(2024, 30, 63), Point(2025, 10, 34)],
)
PCI = Series("PCI", [Point(2023, 1, 63), Point(2024, 63, 63)])


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element, css: str) -> list[str]:
    return [el.text or "" for el in root.iter(f"{SVG}text") if el.get("class") == css]


def dots(root: ET.Element, label: str) -> list[tuple[int, int, float]]:
    """(year, rank, y) of each dot of the series named ``label``."""
    group = next(g for g in root.iter(f"{SVG}g") if g.get("data-label") == label)
    return [
        (int(c.get("data-year", "")), int(c.get("data-rank", "")), float(c.get("cy", "")))
        for c in group.iter(f"{SVG}circle")
    ]


def test_each_year_of_each_index_is_a_dot_with_its_rank() -> None:
    root = parse(rank_chart([PAR, PCI], "Thứ hạng của tỉnh"))
    assert [(year, rank) for year, rank, _y in dots(root, "PAR INDEX")] == [
        (2022, 39),
        (2023, 27),
        (2024, 30),
        (2025, 10),
    ]
    assert [(year, rank) for year, rank, _y in dots(root, "PCI")] == [(2023, 1), (2024, 63)]
    # Year by year, top to bottom.
    assert texts(root, "point-label") == ["39", "1", "27", "30", "63", "10"]
    assert texts(root, "legend") == ["PAR INDEX", "PCI"]


def test_rank_one_is_at_the_top_and_the_last_rank_at_the_bottom() -> None:
    root = parse(rank_chart([PAR, PCI], "Thứ hạng"))
    pci = dots(root, "PCI")
    assert pci[0][2] == TOP
    assert pci[1][2] == HEIGHT - BOTTOM
    par = {year: y for year, _rank, y in dots(root, "PAR INDEX")}
    # 27th is above 30th, which is above 39th.
    assert par[2023] < par[2024] < par[2022]


def test_the_axes_have_years_ranks_and_titles() -> None:
    root = parse(rank_chart([PAR], "Thứ hạng của tỉnh qua các năm"))
    assert root.findtext(f"{SVG}title") == "Thứ hạng của tỉnh qua các năm"
    assert root.get("aria-label") == "Thứ hạng của tỉnh qua các năm"
    assert texts(root, "chart-title") == ["Thứ hạng của tỉnh qua các năm"]
    assert texts(root, "year-tick") == ["2022", "2023", "2024", "2025"]
    assert texts(root, "rank-tick") == ["1", "10", "20", "30", "40", "50", "60", "63"]
    assert texts(root, "axis-label") == ["Xếp hạng", "Năm"]


def test_the_line_is_broken_where_the_number_of_provinces_ranked_changes() -> None:
    root = parse(rank_chart([PAR], "Thứ hạng"))
    group = next(root.iter(f"{SVG}g"))
    lines = [p.get("points", "").split() for p in group.iter(f"{SVG}polyline")]
    # 2022–2024 out of 63 are joined; 2025 out of 34 stands alone.
    assert [len(points) for points in lines] == [3]
    assert texts(root, "count-change") == ["Từ 2025: 34 tỉnh, thành phố"]


def test_labels_are_escaped() -> None:
    svg = rank_chart([Series("<PAPI & co>", [Point(2024, 5, 63)])], 'Chỉ số "A" <b>')
    root = parse(svg)
    assert "<b>" not in svg and "<PAPI" not in svg
    assert root.findtext(f"{SVG}title") == 'Chỉ số "A" <b>'
    assert texts(root, "legend") == ["<PAPI & co>"]


def test_a_chart_without_data_says_so() -> None:
    root = parse(rank_chart([], "Thứ hạng"))
    assert root.find(f"{SVG}circle") is None
    assert "Chưa có số liệu." in [el.text for el in root.iter(f"{SVG}text")]


def test_close_ranks_of_one_year_get_labels_that_do_not_cover_each_other() -> None:
    close = [
        Series("PAR INDEX", [Point(2025, 12, 34)]),
        Series("SIPAS", [Point(2025, 12, 34)]),
        Series("PAPI", [Point(2025, 13, 34)]),
        Series("PCI", [Point(2025, 34, 34)]),
        Series("Khác", [Point(2025, 34, 34)]),
    ]
    root = parse(rank_chart(close, "Thứ hạng"))
    labels = [el for el in root.iter(f"{SVG}text") if el.get("class") == "point-label"]
    ys = sorted(float(el.get("y", "")) for el in labels)
    assert len(ys) == 5
    assert all(b - a >= LABEL_GAP for a, b in itertools.pairwise(ys))
    # None is pushed under the plot, onto the years.
    assert ys[-1] <= HEIGHT - BOTTOM
