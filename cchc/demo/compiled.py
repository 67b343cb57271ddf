"""The demo's compiled report: Sở Nội vụ's report of 2025-H1 for the province, saved as a
draft, with section III edited by the officer and a comment of the province's leader on it.

Its signer is Sở Nội vụ's deputy director (a user of the demo added here, with the heads'
role in Sở Nội vụ), signing "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC".
"""

from __future__ import annotations

import datetime as dt

from cchc.accounts.actions import create_user, grant_role
from cchc.accounts.models import Role, User
from cchc.audit.log import Actor
from cchc.compiling import actions
from cchc.compiling.models import CompiledReport
from cchc.orgs.models import Unit
from cchc.reporting.models import Period

PERIOD = "2025-H1"
SIGNER = ("phogiamdocsnv", "Võ Thị Thanh Hà")
OFFICER, LEADER = "dieuphoi", "lanhdao"
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


def load_compiled(actor: Actor, password: str) -> dict[str, int]:
    period = Period.objects.filter(code=PERIOD).first()
    province = Unit.objects.root_of(None)
    home_affairs = Unit.objects.home_affairs()
    if period is None or province is None or home_affairs is None:
        return {"compiled": 0}
    if CompiledReport.objects.filter(period=period, root=province).exists():
        return {"compiled": 0}
    signer = User.objects.filter(username=SIGNER[0]).first() or create_user(
        actor, SIGNER[0], password, full_name=SIGNER[1]
    )
    grant_role(actor, signer, home_affairs, Role.HEAD)
    officer = Actor.of_user(User.objects.get(username=OFFICER))
    report = actions.start(officer, period, province, "snv", planned_date=PLANNED)
    lines = report.section_text("III").splitlines()
    lines.insert(1, ADDED_TO_III)
    report = actions.save_sections(officer, report, report.version, {"III": "\n".join(lines)})
    actions.comment(Actor.of_user(User.objects.get(username=LEADER)), report, "III", COMMENT)
    return {"compiled": 1}
