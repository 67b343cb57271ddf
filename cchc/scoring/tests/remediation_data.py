"""Published 2024 results for the remediation tests (item scores set directly, see
``results_data.assess``), under ``small_framework(2024)``:

Sở Tư pháp: 1.1.3 appraised 2 of 4 (deducted), 1.2 self-assessed 0,5 of 1 (no reason
given), 1.3 appraised 8 of 11 (deducted, answered), 2.1 not applicable, the survey 20 of 30;
total 64,5 of 80 counted points = 80,63, rank 1.
Sở Nội vụ: 1.3 appraised 10 of 11, 2.2 20 of 30, survey 18; total 77,00, rank 2.
Both finalised and published by Quyết định số 245/QĐ-UBND ngày 10/03/2025.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc.audit.log import Actor
from cchc.documents.actions import DocumentData, register_document
from cchc.documents.models import Document
from cchc.scoring.models import Assessment, Framework, ItemScore
from cchc.scoring.publishing import publish_results
from cchc.scoring.tests.factories import small_framework
from cchc.scoring.tests.results_data import assess
from conftest import Province

STP_ANSWER = "Đơn vị đã đăng tin trên cổng thông tin nhưng chưa lưu bản chụp màn hình."


@dataclass
class Published:
    framework: Framework
    decision: Document
    stp: Assessment
    snv: Assessment


def published_2024(province: Province) -> Published:
    command = Actor.command("test")
    framework = small_framework(2024)
    stp = assess(
        framework,
        province.stp,
        [
            "3",
            "1",
            ("4", "2", "Chưa kiểm tra đủ 100 % cơ quan, đơn vị trực thuộc"),
            "0.5",
            ("11", "8", "Thiếu tài liệu kiểm chứng về tuyên truyền CCHC"),
            "15",
            "30",
            "20",
        ],
        not_applicable=("2.1",),
    )
    ItemScore.objects.filter(assessment=stp, criterion__code="1.3").update(answer=STP_ANSWER)
    snv = assess(
        framework,
        province.snv,
        [
            "3",
            "1",
            "4",
            "1",
            ("11", "10", "Chuyên mục CCHC chưa cập nhật thường xuyên"),
            "20",
            ("30", "20", "Còn 8 % hồ sơ giải quyết quá hạn"),
            "18",
        ],
    )
    decision = register_document(
        command,
        DocumentData(
            "245/QĐ-UBND",
            dt.date(2025, 3, 10),
            "Công bố Chỉ số cải cách hành chính năm 2024 của các sở, ban, ngành",
        ),
    )
    publish_results(command, framework, decision)
    framework.refresh_from_db()
    return Published(framework, decision, stp, snv)
