"""The demo's compiled report: Sở Nội vụ's report of 2025-H1 for the province, saved as a
draft, with section III edited by the officer and a comment of the province's leader on it.

Its signer is Sở Nội vụ's deputy director (the demo user ``phogiamdocsnv``, a head of Sở Nội
vụ), signing "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC".
"""

from __future__ import annotations

import datetime as dt

from cchc.accounts.models import User
from cchc.audit.log import Actor
from cchc.compiling import actions
from cchc.compiling.models import CompiledReport
from cchc.orgs.models import Unit
from cchc.reporting.models import Period

PERIOD = "2025-H1"
SIGNER = ("phogiamdocsnv", "Võ Thị Thanh Hà")
LEADER = "lanhdao"
PLANNED = dt.date(2025, 6, 25)
ADDED_TO_III = (
    "Sáu tháng đầu năm 2025, công tác cải cách hành chính của tỉnh được triển khai đồng thời "
    "với việc sắp xếp tổ chức bộ máy và chuẩn bị vận hành chính quyền địa phương hai cấp từ "
    "ngày 01/7/2025; các cơ quan, đơn vị vừa bảo đảm tiến độ sắp xếp, vừa duy trì giải quyết "
    "thủ tục hành chính thông suốt."
)
COMMENT = (
    "Đề nghị bổ sung đánh giá tác động của việc sắp xếp đơn vị hành chính cấp xã đến việc "
    "giải quyết thủ tục hành chính, nêu rõ các đơn vị còn nhiều hồ sơ quá hạn."
)


def load_compiled(actor: Actor) -> dict[str, int]:
    period = Period.objects.filter(code=PERIOD).first()
    province = Unit.objects.root_of(None)
    if period is None or province is None:
        return {"compiled": 0}
    if CompiledReport.objects.filter(period=period, root=province).exists():
        return {"compiled": 0}
    # Written by the command (the demo is audited as load_demo), the comment in the leader's name.
    report = actions.start(actor, period, province, "snv", planned_date=PLANNED)
    lines = report.section_text("III").splitlines()
    lines.insert(1, ADDED_TO_III)
    report = actions.save_sections(actor, report, report.version, {"III": "\n".join(lines)})
    leader = User.objects.get(username=LEADER)
    actions.comment(actor, report, "III", COMMENT, author=leader)
    return {"compiled": 1}
