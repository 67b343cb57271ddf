"""The audit log in words: a closed registry of the action codes that ``record`` writes, each
with its Vietnamese label, and the words for the server commands that act.

The audit log page, the admin's log and the histories read these; a test checks that every
code the application records is here, so no raw code reaches a page.
"""

from __future__ import annotations

import datetime as dt
import re

from django.apps import apps
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.audit.models import ActorKind

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

ACTIONS: dict[str, str | Promise] = {
    "access.denied": gettext_lazy("Bị từ chối truy cập"),
    "auth.login": gettext_lazy("Đăng nhập"),
    "auth.logout": gettext_lazy("Đăng xuất"),
    "auth.login_failed": gettext_lazy("Đăng nhập sai mật khẩu"),
    "auth.login_locked": gettext_lazy("Đăng nhập bị tạm khóa do sai nhiều lần"),
    "user.create": gettext_lazy("Tạo tài khoản"),
    "user.update": gettext_lazy("Sửa tài khoản"),
    "membership.create": gettext_lazy("Phân vai trò cho tài khoản"),
    "unit.create": gettext_lazy("Thêm đơn vị"),
    "unit.update": gettext_lazy("Sửa đơn vị"),
    "unit.delete": gettext_lazy("Xóa đơn vị"),
    "unit.successors": gettext_lazy("Ghi đơn vị kế thừa"),
    "orgs.identity": gettext_lazy("Cập nhật thông tin tỉnh"),
    "document.create": gettext_lazy("Vào sổ văn bản"),
    "document.update": gettext_lazy("Sửa văn bản trong sổ"),
    "document.delete": gettext_lazy("Xóa văn bản khỏi sổ"),
    "document.cite": gettext_lazy("Ghi văn bản được trích dẫn"),
    "plan.create": gettext_lazy("Thêm kế hoạch"),
    "plan.import": gettext_lazy("Nhập kế hoạch từ Excel"),
    "task.create": gettext_lazy("Giao nhiệm vụ"),
    "task.update": gettext_lazy("Sửa nhiệm vụ"),
    "task.accept": gettext_lazy("Tiếp nhận nhiệm vụ"),
    "task.progress": gettext_lazy("Báo cáo tiến độ nhiệm vụ"),
    "task.report_done": gettext_lazy("Báo cáo hoàn thành nhiệm vụ"),
    "task.confirm": gettext_lazy("Xác nhận hoàn thành nhiệm vụ"),
    "task.return": gettext_lazy("Trả lại nhiệm vụ"),
    "task.adjustment_request": gettext_lazy("Đề nghị điều chỉnh nhiệm vụ"),
    "task.adjustment_approve": gettext_lazy("Đồng ý điều chỉnh nhiệm vụ"),
    "task.adjustment_refuse": gettext_lazy("Không đồng ý điều chỉnh nhiệm vụ"),
    "task.reminder": gettext_lazy("Nhắc hạn nhiệm vụ"),
    "period.open": gettext_lazy("Mở kỳ báo cáo"),
    "period.update": gettext_lazy("Sửa kỳ báo cáo"),
    "reporting.config": gettext_lazy("Nạp cấu hình biểu mẫu báo cáo"),
    "reportform.update": gettext_lazy("Sửa biểu mẫu báo cáo"),
    "report.create": gettext_lazy("Bắt đầu soạn báo cáo"),
    "report.save": gettext_lazy("Lưu báo cáo"),
    "report.prefill": gettext_lazy("Điền số liệu từ báo cáo có sẵn"),
    "report.submitted": gettext_lazy("Gửi báo cáo"),
    "report.accepted": gettext_lazy("Tiếp nhận báo cáo"),
    "report.returned": gettext_lazy("Trả lại báo cáo"),
    "report.draft": gettext_lazy("Mở lại báo cáo"),
    "report.reminder": gettext_lazy("Nhắc hạn báo cáo"),
    "scoring.load_framework": gettext_lazy("Nạp bộ chỉ số"),
    "scoring.deadlines": gettext_lazy("Đặt hạn tự đánh giá, giải trình"),
    "scoring.start": gettext_lazy("Bắt đầu tự đánh giá"),
    "scoring.self_save": gettext_lazy("Lưu bản tự đánh giá"),
    "scoring.evidence_add": gettext_lazy("Thêm tài liệu kiểm chứng"),
    "scoring.evidence_remove": gettext_lazy("Gỡ tài liệu kiểm chứng"),
    "scoring.submit": gettext_lazy("Gửi tự đánh giá"),
    "scoring.return": gettext_lazy("Trả lại để bổ sung"),
    "scoring.appraise": gettext_lazy("Lưu kết quả thẩm định"),
    "scoring.send": gettext_lazy("Gửi kết quả thẩm định cho đơn vị"),
    "scoring.answer": gettext_lazy("Giải trình kết quả thẩm định"),
    "scoring.finalise": gettext_lazy("Chốt điểm"),
    "scoring.survey_conducted": gettext_lazy("Ghi việc điều tra xã hội học"),
    "scoring.survey_score": gettext_lazy("Nhập điểm điều tra xã hội học"),
    "scoring.publish": gettext_lazy("Công bố kết quả Chỉ số CCHC"),
    "scoring.remediation_tasks": gettext_lazy("Giao nhiệm vụ khắc phục"),
    "scoring.national_index": gettext_lazy("Ghi kết quả chỉ số cấp quốc gia"),
    "report.fill_from_file": gettext_lazy("Điền báo cáo từ tệp có sẵn"),
    "report.confirm_figure": gettext_lazy("Xác nhận số liệu đọc từ tệp"),
    "report.onestop": gettext_lazy("Điền số liệu hồ sơ từ Hệ thống một cửa"),
    "onestop.import": gettext_lazy("Nhập số liệu từ Hệ thống một cửa"),
    "plan.import_start": gettext_lazy("Bắt đầu nhập kế hoạch ở chế độ nền"),
    "scoring.reminder": gettext_lazy("Nhắc hạn Chỉ số CCHC"),
    "compiled.create": gettext_lazy("Tạo dự thảo báo cáo tổng hợp"),
    "compiled.redraft": gettext_lazy("Soạn lại báo cáo tổng hợp"),
    "compiled.save": gettext_lazy("Lưu nội dung báo cáo tổng hợp"),
    "compiled.signing": gettext_lazy("Sửa người ký, nơi nhận của báo cáo tổng hợp"),
    "compiled.comment": gettext_lazy("Góp ý báo cáo tổng hợp"),
    "compiled.created": gettext_lazy("Tạo dự thảo báo cáo tổng hợp"),
    "compiled.drafted": gettext_lazy("Soạn lại báo cáo tổng hợp"),
    "compiled.saved": gettext_lazy("Lưu nội dung báo cáo tổng hợp"),
    "compiled.settings": gettext_lazy("Sửa người ký, nơi nhận của báo cáo tổng hợp"),
    "compiled.submitted": gettext_lazy("Trình ký báo cáo tổng hợp"),
    "compiled.returned": gettext_lazy("Trả lại dự thảo báo cáo tổng hợp"),
    "compiled.issued": gettext_lazy("Ban hành báo cáo tổng hợp"),
    "notifications.preferences": gettext_lazy("Chọn cách nhận thông báo"),
    "notifications.mail_resend": gettext_lazy("Gửi lại thư"),
    "upload.file": gettext_lazy("Tải tệp lên"),
    "download": gettext_lazy("Tải về tệp, bản xuất"),
    "criterion.update": gettext_lazy("Sửa tiêu chí"),
    "itemscore.update": gettext_lazy("Sửa điểm tiêu chí"),
}

# The admin records "<model>.<verb>" for each model it edits (cchc/audit/admin.py).
ADMIN_VERBS: dict[str, str | Promise] = {
    "create": gettext_lazy("Quản trị: thêm %(model)s"),
    "update": gettext_lazy("Quản trị: sửa %(model)s"),
    "delete": gettext_lazy("Quản trị: xóa %(model)s"),
}

# The server's management commands and scheduled jobs that act, by name (``Actor.command``,
# ``Actor.system``).
COMMANDS: dict[str, str | Promise] = {
    "load_demo": gettext_lazy("nạp dữ liệu tỉnh mẫu"),
    "load_province": gettext_lazy("nạp thông tin tỉnh"),
    "import_units": gettext_lazy("nhập đơn vị từ tệp"),
    "import_plan": gettext_lazy("nhập kế hoạch từ tệp"),
    "load_reporting_config": gettext_lazy("nạp cấu hình báo cáo"),
    "load_scoring_config": gettext_lazy("nạp bộ chỉ số"),
    "open_periods": gettext_lazy("mở kỳ báo cáo"),
    "send_reminders": gettext_lazy("gửi nhắc hạn báo cáo"),
    "send_task_reminders": gettext_lazy("gửi nhắc hạn nhiệm vụ"),
    "compile_report": gettext_lazy("soạn báo cáo tổng hợp"),
    "import_report": gettext_lazy("nhập báo cáo của đơn vị từ tệp"),
    "import_tthc_stats": gettext_lazy("nhập số liệu từ Hệ thống một cửa"),
    "run_plan_import": gettext_lazy("nhập kế hoạch ở chế độ nền"),
    "nhac_bao_cao_tu_dong": gettext_lazy("nhắc hạn báo cáo tự động"),
    "nhac_nhiem_vu_tu_dong": gettext_lazy("nhắc hạn nhiệm vụ tự động"),
    "nhac_chi_so_tu_dong": gettext_lazy("nhắc hạn Chỉ số CCHC tự động"),
}
COMMAND_PREFIX = "lệnh "
SYSTEM_PREFIX = "hệ thống "


def _admin_label(code: str) -> str | None:
    model_name, _dot, verb = code.partition(".")
    if verb not in ADMIN_VERBS:
        return None
    for model in apps.get_models():
        if model._meta.model_name == model_name:
            return str(ADMIN_VERBS[verb]) % {"model": model._meta.verbose_name}
    return None


def action_label(code: str) -> str:
    """The Vietnamese words for an action code; never the code itself."""
    if code in ACTIONS:
        return str(ACTIONS[code])
    return _admin_label(code) or _("Thao tác khác")


def is_known(code: str) -> bool:
    return code in ACTIONS or _admin_label(code) is not None


def command_label(name: str) -> str:
    """The label a command's entries keep: "lệnh load_demo"."""
    return f"{COMMAND_PREFIX}{name}"


def system_label(name: str) -> str:
    """The label a scheduled job's entries keep: "hệ thống nhac_bao_cao_tu_dong"."""
    return f"{SYSTEM_PREFIX}{name}"


def registered_kind(label: str) -> str:
    """The kind of actor behind a label, for rows that keep the label but not the kind (the
    workflows' event rows): a registered command's or job's exact label, else a user."""
    for name in COMMANDS:
        if label == command_label(name):
            return ActorKind.COMMAND
        if label == system_label(name):
            return ActorKind.SYSTEM
    return ActorKind.USER


def actor_label(label: str, kind: str | None = None) -> str:
    """Who acted, in words: a user by their name; a command or a scheduled job as "Hệ thống
    (nạp dữ liệu tỉnh mẫu)". ``kind``: the actor's ``ActorKind`` as stored; ``None`` for rows
    that do not store it (``registered_kind``)."""
    kind = kind or registered_kind(label)
    if kind == ActorKind.USER:
        return label
    prefix = COMMAND_PREFIX if kind == ActorKind.COMMAND else SYSTEM_PREFIX
    what = COMMANDS.get(label.removeprefix(prefix))
    return _("Hệ thống (%(what)s)") % {"what": what} if what else _("Hệ thống")


def changes(
    object_type: str, before: dict[str, object] | None, after: dict[str, object] | None
) -> list[tuple[str, str, str]]:
    """What an entry changed, as (field's Vietnamese name, before, after), choices by their
    labels; fields without a Vietnamese name (internal counters) are left out."""
    try:
        model = apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        model = None
    before, after = before or {}, after or {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new and before:
            continue
        label, choices = _field_words(model, key)
        if label is None:
            continue
        rows.append((label, _value_words(old, choices), _value_words(new, choices)))
    return rows


def _field_words(model: type | None, key: str) -> tuple[str | None, dict[str, str]]:
    if model is None:
        return None, {}
    try:
        field = model._meta.get_field(key)  # type: ignore[attr-defined]
    except Exception:
        return None, {}
    name = getattr(field, "verbose_name", None)
    if not name or name == key.replace("_", " "):
        return None, {}
    choices = {str(value): str(text) for value, text in (getattr(field, "choices", None) or [])}
    return str(name), choices


def _value_words(value: object, choices: dict[str, str]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, list):
        return ", ".join(_value_words(v, choices) for v in value)
    text = str(value)
    if ISO_DATE.fullmatch(text):
        return dt.date.fromisoformat(text).strftime("%d/%m/%Y")
    if ISO_DATETIME.match(text):
        moment = dt.datetime.fromisoformat(text)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%d/%m/%Y %H:%M")
    return choices.get(text, text)
