"""The narrative of the demo units' 2025 reports: varied, as units write them.

Each section draws, from a fixed seed per unit and period, a few of the things most units say
(each in one of several wordings, with the unit's own figures), sometimes a fact of the unit's
own (a model, an initiative, a figure that stands out), and for section V one or two proposals
to different addressees (the Government and ministries, UBND tỉnh, the departments). The
compiled report then shows what condensing does: the shared things written once with who said
them, the unit's own facts kept with the unit.
"""

from __future__ import annotations

import random

from cchc.orgs.models import Unit
from cchc.reporting.models import Period

# Things many units say, each in several wordings ({unit}, {year} and figures filled in).
SHARED: dict[str, list[list[str]]] = {
    "I": [
        [
            "{unit} đã ban hành Kế hoạch cải cách hành chính năm {year}, xác định {tasks} "
            "nhiệm vụ và phân công cụ thể cho từng phòng, đơn vị.",
            "Ngay từ đầu năm, {unit} ban hành Kế hoạch cải cách hành chính năm {year} với "
            "{tasks} nhiệm vụ, giao rõ người, rõ việc, rõ thời hạn.",
            "Đơn vị đã ban hành kế hoạch cải cách hành chính năm {year} gồm {tasks} nhiệm "
            "vụ, phân công cho từng phòng chuyên môn.",
        ],
        [
            "Công tác kiểm tra cải cách hành chính được duy trì, trong kỳ tổ chức "
            "{inspections} cuộc kiểm tra tại các phòng, đơn vị trực thuộc.",
            "Trong kỳ, đơn vị đã tổ chức {inspections} cuộc kiểm tra công tác cải cách hành "
            "chính, kịp thời chấn chỉnh những tồn tại, hạn chế.",
        ],
        [
            "Công tác thông tin, tuyên truyền được đẩy mạnh với {news} tin, bài đăng trên "
            "Trang thông tin điện tử của đơn vị.",
            "Đã đăng tải {news} tin, bài tuyên truyền về cải cách hành chính trên Trang thông "
            "tin điện tử và mạng xã hội.",
        ],
        [
            "Người đứng đầu trực tiếp chỉ đạo công tác cải cách hành chính, gắn với việc "
            "đánh giá, xếp loại cán bộ, công chức cuối năm.",
            "Người đứng đầu trực tiếp chỉ đạo công tác cải cách hành chính, gắn kết quả thực "
            "hiện với việc đánh giá, xếp loại cán bộ, công chức.",
        ],
    ],
    "II.1": [
        [
            "Công tác xây dựng, rà soát văn bản quy phạm pháp luật được thực hiện đúng quy "
            "định; trong kỳ đã rà soát {reviewed} văn bản.",
            "Trong kỳ, đơn vị đã rà soát {reviewed} văn bản quy phạm pháp luật, kịp thời đề "
            "xuất sửa đổi, bổ sung những quy định không còn phù hợp.",
        ],
        [
            "Tổ chức phổ biến, quán triệt các văn bản pháp luật mới đến toàn thể cán bộ, công "
            "chức, viên chức.",
            "Tổ chức phổ biến, quán triệt kịp thời các văn bản quy phạm pháp luật mới đến cán "
            "bộ, công chức, viên chức.",
        ],
    ],
    "II.2": [
        [
            "Trong kỳ, đơn vị tiếp nhận {received} hồ sơ thủ tục hành chính, trong đó "
            "{online} hồ sơ trực tuyến; đã giải quyết {resolved} hồ sơ.",
            "{unit} tiếp nhận {received} hồ sơ (trực tuyến {online} hồ sơ), đã giải quyết "
            "{resolved} hồ sơ.",
            "Tổng số hồ sơ tiếp nhận trong kỳ là {received}, trong đó {online} hồ sơ nộp "
            "trực tuyến; đã giải quyết {resolved} hồ sơ.",
        ],
        [
            "Duy trì tiếp nhận, trả kết quả giải quyết thủ tục hành chính qua Trung tâm Phục "
            "vụ hành chính công tỉnh và dịch vụ bưu chính công ích.",
            "Tiếp tục tiếp nhận, trả kết quả thủ tục hành chính qua Trung tâm Phục vụ hành "
            "chính công tỉnh và qua dịch vụ bưu chính công ích.",
        ],
        [
            "Thủ tục hành chính được niêm yết, công khai đầy đủ trên Cổng Dịch vụ công và "
            "tại nơi tiếp nhận hồ sơ.",
            "100% thủ tục hành chính được công khai đầy đủ trên Cổng Dịch vụ công và tại nơi "
            "tiếp nhận hồ sơ.",
        ],
    ],
    "II.3": [
        [
            "Tiếp tục rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn, hoạt động hiệu "
            "lực, hiệu quả.",
            "Đơn vị tiếp tục rà soát, sắp xếp tổ chức bộ máy theo hướng tinh gọn, hoạt động "
            "hiệu lực, hiệu quả.",
        ],
        [
            "Thực hiện tinh giản biên chế theo lộ trình được cấp có thẩm quyền phê duyệt.",
            "Việc tinh giản biên chế được thực hiện theo đúng lộ trình được phê duyệt.",
        ],
    ],
    "II.4": [
        [
            "Tổ chức {classes} lớp đào tạo, bồi dưỡng với {participants} lượt cán bộ, công "
            "chức, viên chức tham gia.",
            "Đã cử {participants} lượt cán bộ, công chức tham gia {classes} lớp đào tạo, bồi "
            "dưỡng chuyên môn, nghiệp vụ.",
        ],
        [
            "Thực hiện chuyển đổi vị trí công tác định kỳ đối với công chức, viên chức theo "
            "quy định.",
            "Việc chuyển đổi vị trí công tác định kỳ được thực hiện đúng quy định.",
        ],
        [
            "Kỷ luật, kỷ cương hành chính được tăng cường; không có cán bộ, công chức vi "
            "phạm đạo đức công vụ.",
            "Tăng cường kỷ luật, kỷ cương hành chính; không có trường hợp cán bộ, công chức "
            "vi phạm đạo đức công vụ.",
        ],
    ],
    "II.5": [
        [
            "Thực hiện nghiêm quy chế chi tiêu nội bộ; công khai dự toán, quyết toán ngân "
            "sách theo quy định.",
            "Đơn vị thực hiện nghiêm quy chế chi tiêu nội bộ, công khai dự toán và quyết "
            "toán ngân sách theo quy định.",
        ],
    ],
    "II.6": [
        [
            "Sử dụng hiệu quả hệ thống quản lý văn bản và điều hành; {electronic} văn bản đi "
            "được gửi dưới dạng điện tử, có chữ ký số.",
            "{electronic} văn bản đi được ký số và gửi qua hệ thống quản lý văn bản và điều hành.",
        ],
        [
            "Triển khai hiệu quả các nhiệm vụ của Đề án 06 về phát triển ứng dụng dữ liệu "
            "dân cư, định danh và xác thực điện tử.",
            "Tiếp tục triển khai các nhiệm vụ của Đề án 06 về ứng dụng dữ liệu dân cư, định "
            "danh và xác thực điện tử.",
        ],
    ],
    "III": [
        [
            "Công tác cải cách hành chính được lãnh đạo quan tâm chỉ đạo, đạt nhiều kết quả "
            "tích cực.",
            "Công tác cải cách hành chính nhận được sự quan tâm chỉ đạo của lãnh đạo và đạt "
            "kết quả tích cực.",
        ],
        [
            "Tuy nhiên, một số hồ sơ còn giải quyết quá hạn; tỷ lệ hồ sơ trực tuyến toàn "
            "trình chưa cao.",
            "Tuy nhiên, vẫn còn hồ sơ giải quyết quá hạn và tỷ lệ hồ sơ trực tuyến toàn trình "
            "còn thấp.",
        ],
        [
            "Nguyên nhân là hạ tầng công nghệ thông tin chưa đồng bộ, phần mềm một cửa điện "
            "tử còn lỗi.",
            "Nguyên nhân chủ yếu là hạ tầng công nghệ thông tin chưa đồng bộ, phần mềm còn "
            "lỗi, chậm.",
        ],
        [
            "Đội ngũ công chức làm công tác cải cách hành chính còn thiếu và kiêm nhiệm.",
            "Công chức làm công tác cải cách hành chính còn thiếu, chủ yếu kiêm nhiệm.",
        ],
    ],
    "IV": [
        [
            "Tiếp tục đẩy mạnh cải cách thủ tục hành chính, nâng cao tỷ lệ hồ sơ trực tuyến.",
            "Đẩy mạnh cải cách thủ tục hành chính, nâng cao tỷ lệ hồ sơ nộp trực tuyến toàn trình.",
        ],
        [
            "Hoàn thành các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm {year}.",
            "Tập trung hoàn thành các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm "
            "{year}.",
        ],
        [
            "Tăng cường kiểm tra, giám sát việc giải quyết thủ tục hành chính, không để hồ sơ "
            "quá hạn.",
            "Tăng cường kiểm tra việc giải quyết thủ tục hành chính, hạn chế tối đa hồ sơ quá hạn.",
        ],
    ],
}

# A unit's own facts, kept with it in the compiled report (a model, an initiative…).
OWN: dict[str, list[str]] = {
    "I": [
        "Lần đầu tiên tổ chức đối thoại trực tuyến giữa người đứng đầu với người dân về "
        "giải quyết thủ tục hành chính.",
        "Ban hành Bộ tiêu chí đánh giá mức độ hoàn thành nhiệm vụ cải cách hành chính của "
        "các phòng chuyên môn.",
        "Đưa chỉ tiêu cải cách hành chính vào chương trình công tác hằng tháng của đơn vị.",
    ],
    "II.2": [
        "Thí điểm mô hình «Bộ phận Một cửa không giấy tờ», 100% hồ sơ được số hóa ngay khi "
        "tiếp nhận.",
        "Triển khai mô hình «Thứ bảy vì dân», tiếp nhận hồ sơ vào sáng thứ bảy hằng tuần.",
        "Áp dụng sáng kiến nhắn tin Zalo thông báo kết quả giải quyết hồ sơ cho người dân.",
        "Cắt giảm 30% thời gian giải quyết thủ tục cấp phép xây dựng so với quy định.",
    ],
    "II.4": [
        "Tổ chức thi tuyển cạnh tranh chức danh lãnh đạo cấp phòng lần đầu tiên.",
        "Xây dựng phần mềm quản lý hồ sơ cán bộ, công chức, viên chức của ngành.",
    ],
    "II.6": [
        "Đưa vào vận hành Trung tâm điều hành thông minh (IOC) cấp huyện.",
        "Ứng dụng trợ lý ảo hỗ trợ người dân tra cứu thủ tục hành chính trên Cổng thông "
        "tin điện tử.",
        "Số hóa toàn bộ sổ hộ tịch từ năm 1990 đến nay, phục vụ khai thác dữ liệu.",
    ],
}

# Proposals, each in a few wordings, to different addressees.
PROPOSALS: list[list[str]] = [
    [
        "Đề nghị Bộ Nội vụ sớm ban hành hướng dẫn xác định vị trí việc làm đối với công chức "
        "cấp xã sau sắp xếp.",
        "Kiến nghị Bộ Nội vụ sớm hướng dẫn việc xác định vị trí việc làm của công chức cấp xã "
        "sau sắp xếp.",
    ],
    [
        "Kiến nghị Chính phủ sửa đổi Nghị định số 61/2018/NĐ-CP về cơ chế một cửa, một cửa "
        "liên thông cho phù hợp với chính quyền địa phương hai cấp.",
        "Đề nghị Chính phủ sửa đổi Nghị định số 61/2018/NĐ-CP về cơ chế một cửa, một cửa "
        "liên thông để phù hợp với mô hình chính quyền địa phương hai cấp.",
    ],
    [
        "Đề nghị Bộ Công an hoàn thiện việc kết nối Cơ sở dữ liệu quốc gia về dân cư với Hệ "
        "thống thông tin giải quyết thủ tục hành chính của tỉnh.",
    ],
    [
        "Đề nghị UBND tỉnh bố trí kinh phí nâng cấp trang thiết bị tại Bộ phận Một cửa cấp xã.",
        "Kiến nghị UBND tỉnh bố trí kinh phí để nâng cấp trang thiết bị của Bộ phận Một cửa "
        "cấp xã.",
    ],
    [
        "Đề nghị UBND tỉnh ban hành chế độ hỗ trợ đối với công chức làm việc tại Bộ phận Một cửa.",
    ],
    [
        "Đề nghị Sở Khoa học và Công nghệ khắc phục tình trạng Hệ thống thông tin giải quyết "
        "thủ tục hành chính của tỉnh thường xuyên bị lỗi, chậm.",
        "Đề nghị Sở Khoa học và Công nghệ sớm khắc phục lỗi, chậm của Hệ thống thông tin giải "
        "quyết thủ tục hành chính tỉnh.",
    ],
    [
        "Đề nghị Sở Nội vụ tiếp tục tổ chức tập huấn nghiệp vụ cải cách hành chính cho công "
        "chức đầu mối.",
    ],
]


def narrative(unit: Unit, period: Period, fields: dict[str, str]) -> dict[str, str]:
    """The unit's narrative of ``period``, section by section (same seed, same text)."""
    rng = random.Random(f"narrative/{period.code}/{unit.code}")
    texts: dict[str, str] = {}
    for code, ideas in SHARED.items():
        count = min(len(ideas), rng.randint(max(1, len(ideas) - 1), len(ideas)))
        chosen = [rng.choice(wordings) for wordings in rng.sample(ideas, count)]
        own = OWN.get(code)
        if own and rng.random() < 0.25:
            chosen.append(rng.choice(own))
        texts[code] = " ".join(chosen).format(**fields)
    proposals = rng.sample(PROPOSALS, rng.randint(1, 2))
    texts["V"] = " ".join(rng.choice(wordings) for wordings in proposals)
    return texts
