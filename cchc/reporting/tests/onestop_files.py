"""Exports of the one-stop system (Biểu 06/VPCP/KSTT) built for the tests, in the real layout:
title rows, a four-row header with merged group cells, a row numbering the columns, group
rows with their subtotals, a row per agency and a total row, then the signatures.

``Agency`` figures are (online, in person or by post, carried over, early, on time, late,
pending within, pending overdue); the totals are computed as the form computes them.
The demo's sample (cchc/demo/data/bieu-06-kstt-quy-iv-2025.xlsx) was written by
``write_xlsx(path, DEMO_GROUPS, DEMO_PERIOD)``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DEMO_PERIOD = "Quý IV năm 2025 (từ ngày 15/9/2025 đến ngày 14/12/2025)"


@dataclass(frozen=True)
class Agency:
    name: str
    code: str
    online: int
    direct: int
    carried: int
    early: int
    on_time: int
    late: int
    within: int
    overdue: int

    @property
    def received(self) -> int:
        return self.online + self.direct + self.carried

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def pending(self) -> int:
        return self.within + self.overdue

    def figures(self) -> list[int]:
        return [
            self.received, self.online, self.direct, self.carried, self.resolved, self.early,
            self.on_time, self.late, self.pending, self.within, self.overdue,
        ]  # fmt: skip

    def indicators(self) -> dict[str, int]:
        """What the import should fill from this row."""
        return {
            "dossiers_received": self.received,
            "dossiers_received_online": self.online,
            "dossiers_received_in_person": self.direct,
            "dossiers_carried_over": self.carried,
            "dossiers_resolved": self.resolved,
            "dossiers_resolved_early": self.early,
            "dossiers_resolved_on_time": self.on_time,
            "dossiers_resolved_late": self.late,
            "dossiers_pending_within": self.within,
            "dossiers_pending_overdue": self.overdue,
        }


def agency(name: str, code: str, *numbers: int) -> Agency:
    return Agency(name, code, *numbers)


DEMO_GROUPS: list[tuple[str, str, list[Agency]]] = [
    (
        "I",
        "Cấp tỉnh",
        [
            agency("Sở Tư pháp", "000.00.05.H48", 812, 143, 37, 260, 708, 4, 18, 2),
            agency("Sở Nội vụ", "000.00.04.H48", 301, 88, 12, 95, 291, 0, 15, 0),
            agency("Sở Tài chính", "000.00.08.H48", 1420, 265, 61, 402, 1301, 9, 31, 3),
            agency("Sở Xây dựng", "000.00.11.H48", 988, 214, 40, 233, 959, 12, 35, 3),
            agency("Sở Công Thương", "000.00.12.H48", 2540, 97, 22, 905, 1721, 0, 33, 0),
            agency("Sở Y tế", "000.00.14.H48", 1175, 320, 58, 330, 1189, 6, 26, 2),
            agency("Sở Giáo dục và Đào tạo", "000.00.13.H48", 640, 75, 9, 190, 521, 0, 13, 0),
            agency(
                "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
                "000.00.27.H48",
                1890,
                402,
                133,
                511,
                1841,
                17,
                51,
                5,
            ),
            agency(
                "Sở Văn hóa, Thể thao và Du lịch", "000.00.16.H48", 233, 41, 5, 70, 205, 0, 4, 0
            ),
            agency("Sở Khoa học và Công nghệ", "000.00.18.H48", 402, 36, 6, 120, 318, 0, 6, 0),
            agency(
                "BQL KKT Dung Quất và các KCN", "000.00.30.H48", 356, 22, 14, 101, 280, 1, 10, 0
            ),
            agency("Công an tỉnh", "000.00.60.H48", 5120, 3880, 95, 1500, 7460, 0, 135, 0),
        ],
    ),
    (
        "II",
        "Cấp xã",
        [
            agency("UBND phường Cẩm Thành", "000.31.01.H48", 1733, 455, 20, 520, 1650, 8, 28, 2),
            agency(
                "Ủy ban nhân dân phường Nghĩa Lộ",
                "000.31.02.H48",
                1210,
                390,
                15,
                344,
                1240,
                5,
                24,
                2,
            ),
            agency("UBND xa Binh Son", "000.32.01.H48", 905, 402, 11, 260, 1031, 3, 22, 2),
            agency("UBND xã Vạn Tường", "000.32.02.H48", 612, 310, 9, 170, 740, 2, 19, 0),
            agency("UBND đặc khu Lý Sơn", "000.40.01.H48", 288, 190, 4, 80, 392, 0, 10, 0),
            agency("UBND xã Tịnh Phong", "000.33.07.H48", 410, 220, 6, 120, 500, 2, 14, 0),
        ],
    ),
]
HEADERS = [
    # (row offset, column, text, merge to (row offset, column) or None)
    (0, 1, "STT", (3, 1)),
    (0, 2, "Tên cơ quan, đơn vị giải quyết", (3, 2)),
    (0, 3, "Mã đơn vị", (3, 3)),
    (0, 4, "Số hồ sơ nhận giải quyết", (0, 7)),
    (0, 8, "Kết quả giải quyết", (0, 14)),
    (1, 4, "Tổng số", (3, 4)),
    (1, 5, "Trong đó", (1, 7)),
    (1, 8, "Số hồ sơ đã giải quyết", (1, 11)),
    (1, 12, "Số hồ sơ đang giải quyết", (1, 14)),
    (2, 5, "Số mới tiếp nhận", (2, 6)),
    (2, 7, "Số kỳ trước chuyển qua", (3, 7)),
    (2, 8, "Tổng số", (3, 8)),
    (2, 9, "Trả trước hạn", (3, 9)),
    (2, 10, "Trả đúng thời hạn", (3, 10)),
    (2, 11, "Trả quá hạn", (3, 11)),
    (2, 12, "Tổng số", (3, 12)),
    (2, 13, "Chưa đến hạn", (3, 13)),
    (2, 14, "Quá hạn", (3, 14)),
    (3, 5, "Trực tuyến", None),
    (3, 6, "Trực tiếp, dịch vụ bưu chính", None),
]
NUMBERING = [
    "(1)", "(2)", "(3)", "(4)=(5)+(6)+(7)", "(5)", "(6)", "(7)", "(8)=(9)+(10)+(11)", "(9)",
    "(10)", "(11)", "(12)=(13)+(14)", "(13)", "(14)",
]  # fmt: skip
HEADER_ROW = 7  # the first header row in the sheet


def table_rows(groups: list[tuple[str, str, list[Agency]]]) -> list[list[object]]:
    """The rows under the header: group subtotals, agencies, the total."""
    rows: list[list[object]] = []
    totals = [0] * 11
    for number, title, agencies in groups:
        subtotal = [sum(column) for column in zip(*(a.figures() for a in agencies), strict=True)]
        rows.append([number, title, "", *subtotal])
        for index, item in enumerate(agencies, start=1):
            rows.append([index, item.name, item.code, *item.figures()])
        totals = [a + b for a, b in zip(totals, subtotal, strict=True)]
    rows.append(["", "Tổng cộng", "", *totals])
    return rows


def write_xlsx(path: Path, groups: list[tuple[str, str, list[Agency]]], period: str) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Biểu 06"
    sheet["A1"] = "Biểu số 06/VPCP/KSTT"
    sheet["K1"] = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020"
    sheet["A2"] = "UBND TỈNH QUẢNG NGÃI"
    sheet["A3"] = (
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP "
        "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    )
    sheet.merge_cells("A3:N3")
    sheet["A3"].font = Font(bold=True)
    sheet["A4"] = f"Kỳ báo cáo: {period}"
    sheet["A5"] = "Đơn vị báo cáo: Văn phòng UBND tỉnh Quảng Ngãi"
    sheet["H5"] = "Đơn vị nhận báo cáo: Văn phòng Chính phủ"
    sheet["L6"] = "Đơn vị tính: Số hồ sơ TTHC"
    for offset, column, text, merge in HEADERS:
        cell = sheet.cell(HEADER_ROW + offset, column, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        if merge is not None and merge != (offset, column):
            sheet.merge_cells(
                start_row=HEADER_ROW + offset,
                start_column=column,
                end_row=HEADER_ROW + merge[0],
                end_column=merge[1],
            )
    for column, text in enumerate(NUMBERING, start=1):
        sheet.cell(HEADER_ROW + 4, column, text)
    for row in table_rows(groups):
        sheet.append(row)
    sheet.append([])
    sheet.append(["", "NGƯỜI LẬP BIỂU", "", "", "", "", "", "", "", "", "THỦ TRƯỞNG ĐƠN VỊ"])
    sheet.append(["", "(Ký, ghi rõ họ tên)", "", "", "", "", "", "", "", "", "(Ký tên, đóng dấu)"])
    sheet.column_dimensions["B"].width = 36
    workbook.save(path)
    return path


def csv_bytes(groups: list[tuple[str, str, list[Agency]]], delimiter: str = ";") -> bytes:
    """The same export as a .csv: the header flattened to one row, as the CSV export does."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["Biểu số 06/VPCP/KSTT"])
    writer.writerow([
        "STT", "Tên đơn vị", "Mã đơn vị", "Tổng số hồ sơ tiếp nhận", "Tiếp nhận trực tuyến",
        "Tiếp nhận trực tiếp và qua bưu chính", "Từ kỳ trước chuyển qua",
        "Đã giải quyết - Tổng số", "Đã giải quyết - Trước hạn", "Đã giải quyết - Đúng hạn",
        "Đã giải quyết - Quá hạn", "Đang giải quyết - Tổng số", "Đang giải quyết - Trong hạn",
        "Đang giải quyết - Quá hạn",
    ])  # fmt: skip
    for row in table_rows(groups):
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")
