"""Indicator codes of the CCHC report form that figures in a report are mapped to (plain data).

Each indicator names the kind of thing it counts (``unit``, a key of UNITS: the words that follow
the number, "24 lớp", "2.319 cán bộ", "99%") and the words that say which count it is
(``keywords``, regular expressions, lower case, each starting with a plain letter (the
engine then skips quickly to where one may start), searched in the figure's own label and in the
words just before the number in the same clause; the closest wins). ``context`` words must appear
somewhere in the figure's paragraph, ``exclude`` words must not; ``default`` marks the indicator
chosen for a unit when the
sentence has the context but no keyword. A province may edit this table; codes are stable.
"""

from __future__ import annotations

from typing import TypedDict

__all__ = ["INDICATORS", "UNITS", "Indicator"]


class _Required(TypedDict):
    name: str
    unit: str
    keywords: list[str]


class Indicator(_Required, total=False):
    context: list[str]
    exclude: list[str]
    default: bool


# What is counted: regular expressions matched at the start of the words after the number
# (lower case). Longer alternatives first.
UNITS: dict[str, str] = {
    "percent": r"%",
    "score": r"/ ?100 điểm|điểm",
    "rank": r"__rank__",  # "xếp hạng 27/63": found by its own pattern, never from words
    "tthc": r"tthc|thủ tục hành chính|thủ tục",
    "dossier": r"hồ sơ",
    "plan_task": r"nhiệm vụ|nội dung|chỉ tiêu",
    "task": r"nhiệm vụ|văn bản giao nhiệm vụ",
    "class": r"lớp|khóa|đợt tập huấn|hội nghị tập huấn",
    "person": r"lượt cán bộ|lượt người|cán bộ|công chức|viên chức|người lao động|nhân viên|người"
    r"|học viên|đại biểu|lượt",
    "staff_post": r"biên chế|chỉ tiêu biên chế",
    "inspection": r"cuộc|đợt",
    "org_unit": r"cơ quan|đơn vị sự nghiệp|đơn vị|phòng|ban|chi cục|sở|ngành|huyện|xã|phường"
    r"|thị trấn|tổ chức|đầu mối|trung tâm",
    "news": r"tin, bài|tin bài|tin|bài viết|bài|phóng sự|chuyên mục|video|clip",
    "initiative": r"sáng kiến|giải pháp|mô hình",
    "legal_doc": r"văn bản quy phạm pháp luật|văn bản qppl|vbqppl",
    "feedback": r"phản ánh|kiến nghị|ý kiến",
    "petition": r"đơn thư|đơn",
    "visit": r"lượt người|lượt công dân|lượt|người",
    "delegation": r"đoàn|lượt đoàn",
    "rating": r"lượt đánh giá|phiếu đánh giá|phiếu|lượt",
    "signature": r"chứng thư số|chứng thư|chữ ký số|thiết bị ký số|sim ký số",
    "service": r"dịch vụ công trực tuyến|dịch vụ công|dvc|dvctt",
}

# Words that several indicators share.
_PLAN = [r"kế hoạch"]
_RECEIVED = [r"tiếp nhận", r"nhận được", r"nhận\b"]
_REORGANISING = [r"sắp xếp", r"cơ cấu", r"kiện toàn", r"tinh gọn", r"hợp nhất", r"sáp nhập"]
_CITIZEN_RECEPTION = [r"tiếp công dân", r"tiếp\b"]
_PAR_INDEX = [r"par ?index", r"chỉ số cải cách hành chính", r"chỉ số cchc"]

INDICATORS: dict[str, Indicator] = {
    # Công tác chỉ đạo, điều hành
    "plan_tasks_set": {
        "name": "Số nhiệm vụ trong kế hoạch CCHC",
        "unit": "plan_task",
        "keywords": [r"xác định", r"đề ra", r"gồm", r"tổng số", r"được giao", r"có\b"],
        "context": _PLAN,
        "default": True,
    },
    "plan_tasks_done": {
        "name": "Số nhiệm vụ trong kế hoạch đã hoàn thành",
        "unit": "plan_task",
        "keywords": [r"đã hoàn thành", r"hoàn thành xong", r"đã thực hiện xong"],
        "context": _PLAN,
    },
    "plan_tasks_in_progress": {
        "name": "Số nhiệm vụ trong kế hoạch đang thực hiện, chưa hoàn thành",
        "unit": "plan_task",
        "keywords": [r"đang triển khai", r"đang thực hiện", r"chưa hoàn thành"],
        "context": _PLAN,
    },
    "tasks_assigned": {
        "name": "Số nhiệm vụ được giao (UBND, Chủ tịch UBND)",
        "unit": "task",
        "keywords": [r"giao", r"tổng cộng", r"tổng số"],
        "exclude": _PLAN,
    },
    "tasks_awaiting_acceptance": {
        "name": "Nhiệm vụ chờ tiếp nhận",
        "unit": "task",
        "keywords": [r"chờ tiếp nhận"],
        "exclude": _PLAN,
    },
    "tasks_unfinished": {
        "name": "Nhiệm vụ chưa hoàn thành, đang thực hiện",
        "unit": "task",
        "keywords": [r"chưa hoàn thành", r"đang thực hiện", r"đang triển khai"],
        "exclude": _PLAN,
    },
    "tasks_done": {
        "name": "Nhiệm vụ đã hoàn thành",
        "unit": "task",
        "keywords": [r"hoàn thành"],
        "exclude": _PLAN,
    },
    "tasks_awaiting_closure": {
        "name": "Nhiệm vụ chờ kết thúc",
        "unit": "task",
        "keywords": [r"chờ kết thúc"],
        "exclude": _PLAN,
    },
    "inspections_held": {
        "name": "Số cuộc kiểm tra CCHC",
        "unit": "inspection",
        "keywords": [r"kiểm tra", r"thanh tra"],
    },
    "units_inspected": {
        "name": "Số cơ quan, đơn vị được kiểm tra",
        "unit": "org_unit",
        "keywords": [r"kiểm tra"],
    },
    "news_items": {
        "name": "Số tin, bài tuyên truyền CCHC",
        "unit": "news",
        "keywords": [r"đăng", r"đưa", r"tuyên truyền", r"phát sóng", r"xây dựng"],
        "default": True,
    },
    "initiatives": {
        "name": "Số sáng kiến, giải pháp CCHC",
        "unit": "initiative",
        "keywords": [r"sáng kiến"],
        "context": [r"sáng kiến", r"cải cách hành chính", r"cchc"],
    },
    # Cải cách thể chế
    "legal_docs_issued": {
        "name": "Số văn bản QPPL được ban hành",
        "unit": "legal_doc",
        "keywords": [r"ban hành", r"tham mưu"],
    },
    "legal_docs_reviewed": {
        "name": "Số văn bản QPPL được rà soát, kiểm tra",
        "unit": "legal_doc",
        "keywords": [r"rà soát", r"kiểm tra", r"tự kiểm tra", r"hệ thống hóa"],
    },
    # Cải cách thủ tục hành chính
    "tthc_announced_new": {
        "name": "TTHC được công bố mới",
        "unit": "tthc",
        "keywords": [r"mới"],
        "context": [r"công bố"],
    },
    "tthc_amended": {
        "name": "TTHC được công bố sửa đổi, bổ sung",
        "unit": "tthc",
        "keywords": [r"sửa đổi", r"bổ sung"],
        "context": [r"công bố"],
    },
    "tthc_replaced": {
        "name": "TTHC được công bố thay thế",
        "unit": "tthc",
        "keywords": [r"thay thế"],
        "context": [r"công bố"],
    },
    "tthc_abolished": {
        "name": "TTHC bị bãi bỏ",
        "unit": "tthc",
        "keywords": [r"bãi bỏ", r"hủy bỏ"],
        "context": [r"công bố", r"bãi bỏ"],
    },
    "tthc_announced": {
        "name": "Tổng số TTHC được công bố",
        "unit": "tthc",
        "keywords": [r"công bố"],
    },
    "tthc_time_cut": {
        "name": "TTHC được cắt giảm thời gian giải quyết",
        "unit": "tthc",
        "keywords": [r"cắt giảm thời gian", r"rút ngắn thời gian", r"cắt giảm"],
    },
    "dossiers_received": {
        "name": "Hồ sơ TTHC tiếp nhận",
        "unit": "dossier",
        "keywords": _RECEIVED,
    },
    "dossiers_received_online": {
        "name": "Hồ sơ tiếp nhận trực tuyến",
        "unit": "dossier",
        "keywords": [r"trực tuyến", r"qua mạng", r"dịch vụ công"],
    },
    "dossiers_received_in_person": {
        "name": "Hồ sơ tiếp nhận trực tiếp",
        "unit": "dossier",
        "keywords": [r"trực tiếp"],
    },
    "dossiers_received_post": {
        "name": "Hồ sơ tiếp nhận qua bưu chính công ích",
        "unit": "dossier",
        "keywords": [r"bưu chính", r"bưu điện"],
    },
    "dossiers_resolved": {
        "name": "Hồ sơ đã giải quyết",
        "unit": "dossier",
        "keywords": [r"giải quyết", r"xử lý"],
    },
    "dossiers_resolved_early": {
        "name": "Hồ sơ giải quyết trước hạn",
        "unit": "dossier",
        "keywords": [r"trước hạn"],
    },
    "dossiers_resolved_on_time": {
        "name": "Hồ sơ giải quyết đúng hạn",
        "unit": "dossier",
        "keywords": [r"đúng hạn", r"đúng thời hạn", r"trong hạn"],
    },
    "dossiers_resolved_late": {
        "name": "Hồ sơ giải quyết quá hạn",
        "unit": "dossier",
        "keywords": [r"quá hạn", r"trễ hạn", r"chậm"],
    },
    "dossiers_pending": {
        "name": "Hồ sơ đang giải quyết",
        "unit": "dossier",
        "keywords": [r"đang giải quyết", r"chưa giải quyết", r"đang xử lý", r"tồn"],
    },
    "regulation_feedback_received": {
        "name": "Phản ánh, kiến nghị về quy định hành chính tiếp nhận",
        "unit": "feedback",
        "keywords": _RECEIVED,
    },
    "regulation_feedback_handled": {
        "name": "Phản ánh, kiến nghị đã xử lý",
        "unit": "feedback",
        "keywords": [r"đã xử lý", r"xử lý xong", r"đã giải quyết", r"trả lời"],
    },
    "satisfaction_rate": {
        "name": "Tỷ lệ hài lòng (%)",
        "unit": "percent",
        "keywords": [r"hài lòng"],
    },
    "satisfaction_ratings": {
        "name": "Số lượt đánh giá mức độ hài lòng",
        "unit": "rating",
        "keywords": [r"đánh giá"],
        "context": [r"hài lòng", r"đánh giá"],
    },
    "dossiers_on_time_rate": {
        "name": "Tỷ lệ hồ sơ giải quyết đúng và trước hạn (%)",
        "unit": "percent",
        "keywords": [r"đúng hạn", r"trước hạn", r"đúng thời hạn"],
    },
    "online_dossier_rate": {
        "name": "Tỷ lệ hồ sơ nộp trực tuyến (%)",
        "unit": "percent",
        "keywords": [r"trực tuyến", r"qua mạng"],
        "context": [r"hồ sơ"],
    },
    "electronic_documents_rate": {
        "name": "Tỷ lệ văn bản trao đổi dưới dạng điện tử (%)",
        "unit": "percent",
        "keywords": [r"văn bản điện tử", r"môi trường mạng", r"dạng điện tử", r"ký số"],
    },
    # Tổ chức bộ máy, công vụ
    "subunits_before": {
        "name": "Số đơn vị trực thuộc trước sắp xếp",
        "unit": "org_unit",
        "keywords": [r"từ\s*$"],
        "context": _REORGANISING,
    },
    "subunits_after": {
        "name": "Số đơn vị trực thuộc sau sắp xếp",
        "unit": "org_unit",
        "keywords": [r"còn\s*$", r"xuống\s*$", r"thành\s*$"],
        "context": _REORGANISING,
    },
    "self_financing_units": {
        "name": "Số đơn vị sự nghiệp tự chủ tài chính",
        "unit": "org_unit",
        "keywords": [r"tự chủ", r"tự bảo đảm"],
    },
    "staff_cut": {
        "name": "Số biên chế, người tinh giản",
        "unit": "staff_post",
        "keywords": [r"tinh giản", r"cắt giảm", r"giảm"],
        "default": True,
    },
    "staff_cut_people": {
        "name": "Số người tinh giản biên chế",
        "unit": "person",
        "keywords": [r"tinh giản"],
    },
    "staff_rotated": {
        "name": "Số công chức chuyển đổi vị trí công tác",
        "unit": "person",
        "keywords": [r"chuyển đổi vị trí", r"luân chuyển", r"điều động"],
    },
    "staff_disciplined": {
        "name": "Số cán bộ, công chức bị kỷ luật",
        "unit": "person",
        "keywords": [r"kỷ luật", r"xử lý vi phạm"],
    },
    "training_classes": {
        "name": "Số lớp đào tạo, bồi dưỡng",
        "unit": "class",
        "keywords": [r"bồi dưỡng", r"đào tạo", r"tập huấn"],
        "context": [r"bồi dưỡng", r"đào tạo", r"tập huấn", r"khai giảng"],
        "default": True,
    },
    "training_participants": {
        "name": "Số lượt người được đào tạo, bồi dưỡng",
        "unit": "person",
        "keywords": [r"bồi dưỡng", r"đào tạo", r"tập huấn", r"học viên"],
        "context": [r"bồi dưỡng", r"đào tạo", r"tập huấn"],
        "default": True,
    },
    # Chính quyền điện tử, chính quyền số
    "digital_signatures": {
        "name": "Số chứng thư số, chữ ký số được cấp",
        "unit": "signature",
        "keywords": [r"cấp", r"cấp phát", r"cấp mới"],
        "default": True,
    },
    "online_services_full": {
        "name": "Dịch vụ công trực tuyến toàn trình",
        "unit": "service",
        "keywords": [r"toàn trình"],
    },
    "online_services_partial": {
        "name": "Dịch vụ công trực tuyến một phần",
        "unit": "service",
        "keywords": [r"một phần"],
    },
    # Tiếp công dân, khiếu nại, tố cáo
    "citizen_reception_visits": {
        "name": "Số lượt tiếp công dân",
        "unit": "visit",
        "keywords": [r"tiếp công dân", r"tiếp\b"],
        "context": _CITIZEN_RECEPTION,
    },
    "citizen_reception_people": {
        "name": "Số người được tiếp",
        "unit": "visit",
        "keywords": [r"lượt người", r"người\b"],
        "context": _CITIZEN_RECEPTION,
    },
    "citizen_reception_delegations": {
        "name": "Số đoàn đông người được tiếp",
        "unit": "delegation",
        "keywords": [r"đông người", r"tiếp\b"],
        "context": _CITIZEN_RECEPTION,
        "default": True,
    },
    "petitions_received": {
        "name": "Số đơn thư tiếp nhận",
        "unit": "petition",
        "keywords": _RECEIVED,
    },
    "petitions_eligible": {
        "name": "Số đơn đủ điều kiện xử lý",
        "unit": "petition",
        "keywords": [r"đủ điều kiện"],
    },
    "petitions_ineligible": {
        "name": "Số đơn không đủ điều kiện xử lý",
        "unit": "petition",
        "keywords": [r"không đủ điều kiện"],
    },
    "petitions_complaints": {
        "name": "Số đơn khiếu nại",
        "unit": "petition",
        "keywords": [r"khiếu nại"],
    },
    "petitions_denunciations": {
        "name": "Số đơn tố cáo",
        "unit": "petition",
        "keywords": [r"tố cáo"],
    },
    "petitions_proposals": {
        "name": "Số đơn kiến nghị, phản ánh",
        "unit": "petition",
        "keywords": [r"kiến nghị", r"phản ánh"],
    },
    "petitions_forwarded": {
        "name": "Số đơn chuyển cơ quan có thẩm quyền",
        "unit": "petition",
        "keywords": [r"chuyển đơn", r"chuyển đến", r"chuyển"],
    },
    # Chỉ số
    "par_index_score": {
        "name": "Điểm Chỉ số CCHC (PAR INDEX)",
        "unit": "score",
        "keywords": _PAR_INDEX,
    },
    "par_index_rank": {
        "name": "Thứ hạng Chỉ số CCHC (PAR INDEX)",
        "unit": "rank",
        "keywords": _PAR_INDEX,
    },
    "sipas_rank": {
        "name": "Thứ hạng SIPAS",
        "unit": "rank",
        "keywords": [r"sipas", r"chỉ số hài lòng"],
    },
    "papi_rank": {
        "name": "Thứ hạng PAPI",
        "unit": "rank",
        "keywords": [r"papi"],
    },
    "pci_rank": {
        "name": "Thứ hạng PCI",
        "unit": "rank",
        "keywords": [r"pci\b", r"năng lực cạnh tranh"],
    },
}
