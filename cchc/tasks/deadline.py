"""Deadline status of a task: trong hạn (within) or quá hạn (overdue), always computed.

The rule is written twice: here in plain Python (no Django), and as a database expression
(``cchc.tasks.models.deadline_status_expression``) for counting in one query; a test checks
that the two agree on a grid of cases:

- an open task (chờ tiếp nhận, đang thực hiện) is overdue when ``as_of`` is after its deadline;
- a task reported done (chờ kết thúc, đã hoàn thành) is overdue when its completion date is
  after its deadline (a done task always has one; without it, ``as_of`` stands in);
- the deadline day itself is within, and a task without a deadline is within;
- a cancelled task (đã hủy) has no deadline status (None).
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

CHO_TIEP_NHAN = "cho_tiep_nhan"
DANG_THUC_HIEN = "dang_thuc_hien"
CHO_KET_THUC = "cho_ket_thuc"
DA_HOAN_THANH = "da_hoan_thanh"
DA_HUY = "da_huy"
OPEN = (CHO_TIEP_NHAN, DANG_THUC_HIEN)
DONE = (CHO_KET_THUC, DA_HOAN_THANH)

WITHIN: Final = "within"
OVERDUE: Final = "overdue"
DeadlineStatus = Literal["within", "overdue"]


def deadline_status(
    status: str, deadline: dt.date | None, completed_on: dt.date | None, as_of: dt.date
) -> DeadlineStatus | None:
    if status in OPEN:
        measured = as_of
    elif status in DONE:
        measured = completed_on or as_of
    else:
        return None
    if deadline is not None and measured > deadline:
        return OVERDUE
    return WITHIN
