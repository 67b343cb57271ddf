"""Bytes to text for .txt/.md files, and legacy Vietnamese encodings (TCVN3, VNI).

Accepted: UTF-8 (with or without BOM), UTF-16 LE/BE (with or without BOM). Text typed with the
pre-Unicode fonts (.VnTime = TCVN3/ABC, VNI-Times = VNI) is recognised by letter patterns that
Unicode Vietnamese never has, and converted; text mixing such a font with Unicode is refused,
because it cannot be converted safely. Anything else is refused with a Vietnamese message.
"""

from __future__ import annotations

import codecs
import re

from cchc.ingest.errors import IngestError

__all__ = ["convert_tcvn3", "convert_vni", "decode_text", "detect_legacy", "fix_legacy"]

# TCVN3 (ABC) single-byte codes, shown as the Latin-1 characters they decode to.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
_TCVN3_TABLE = str.maketrans({pair[0]: pair[1] for pair in _TCVN3_PAIRS.split(" ")})
# Characters that TCVN3 text is full of and Unicode Vietnamese (or VNI) never uses.
_TCVN3_MARKERS = frozenset("µ¸¶·¹¨»¾¼½©Ç®ªÞß«ç¬×÷þ¡¢§£¤¥¦")

# VNI: a base letter followed by a mark character.
_VNI_TONES = {"ù": 0, "ø": 1, "û": 2, "õ": 3, "ï": 4}  # sắc, huyền, hỏi, ngã, nặng
_VNI_CIRCUMFLEX = {"â": -1, "á": 0, "à": 1, "å": 2, "ã": 3, "ä": 4}
_VNI_BREVE = {"ê": -1, "é": 0, "è": 1, "ú": 2, "ü": 3, "ë": 4}
_TONED = {
    "a": "aáàảãạ", "e": "eéèẻẽẹ", "i": "iíìỉĩị", "o": "oóòỏõọ", "u": "uúùủũụ", "y": "yýỳỷỹỵ",
    "â": "âấầẩẫậ", "ê": "êếềểễệ", "ô": "ôốồổỗộ", "ă": "ăắằẳẵặ", "ơ": "ơớờởỡợ", "ư": "ưứừửữự",
}  # fmt: skip
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_PATTERN = re.compile(
    "[aeoAEO][âáàåãäÂÁÀÅÃÄ]|[aA][êéèúüëÊÉÈÚÜË]|[aeouyAEOUYôöÔÖ][ùøûõïÙØÛÕÏ]|[ôöñæóòîÔÖÑÆÓÒÎ]"
)
# Digraphs that only VNI produces (checked after Unicode Vietnamese has been ruled out).
_VNI_MARKERS = re.compile("[aeoAEO][âäåÂÄÅ]|[aA][êëÊË]|[aeouyAEOUYôöÔÖ][øûõïØÛÕÏ]|ñ[aeoöô]")

# Letters that only Unicode Vietnamese has (precomposed with tone or breve/horn, đ).
_VIETNAMESE_ONLY = re.compile("[\u1ea0-\u1ef9ăĂđĐơƠưƯ]")


def _vni_letter(match: re.Match[str]) -> str:
    text = match.group()
    if len(text) == 1:
        lower = _VNI_SINGLE[text.lower()]
        return lower.upper() if text.isupper() else lower
    base, mark = text[0], text[1].lower()
    lower_base = _VNI_SINGLE.get(base.lower(), base.lower())
    if (
        mark in _VNI_CIRCUMFLEX
        and lower_base in "aeo"
        and not (lower_base == "a" and mark in _VNI_BREVE)
    ):
        row, index = _TONED[{"a": "â", "e": "ê", "o": "ô"}[lower_base]], _VNI_CIRCUMFLEX[mark]
    elif mark in _VNI_BREVE and lower_base == "a":
        row, index = _TONED["ă"], _VNI_BREVE[mark]
    else:
        row, index = _TONED[lower_base], _VNI_TONES[mark]
    letter = row[index + 1]
    return letter.upper() if base.isupper() else letter


def convert_tcvn3(text: str, *, upper: bool = False) -> str:
    """TCVN3 (ABC) to Unicode; ``upper`` for runs in a capitals font such as .VnTimeH."""
    converted = text.translate(_TCVN3_TABLE)
    return converted.upper() if upper else converted


def convert_vni(text: str) -> str:
    """VNI (VNI-Windows) to Unicode."""
    return _VNI_PATTERN.sub(_vni_letter, text)


# Codes that any legacy-encoded Vietnamese text of some length contains: TCVN3 "®" (đ), "¸"
# (á), "µ" (à), "§" (Đ); VNI "ñ"/"Ñ" (đ/Đ) and "ø" (the grave mark). Unicode Vietnamese
# practically never has three of them.
_GATE = "®¸µ§ñÑø"


def detect_legacy(text: str) -> str | None:
    """ "tcvn3", "vni", "mixed" (a legacy font beside Unicode Vietnamese) or None."""
    sample = text[:200_000]
    if sum(sample.count(ch) for ch in _GATE) < 3:
        return None  # the usual case, decided with a few fast scans
    tcvn = sum(1 for ch in sample if ch in _TCVN3_MARKERS)
    vni = len(_VNI_MARKERS.findall(sample)) if tcvn < 20 else 0
    legacy = max(tcvn, vni)
    if legacy < 3:
        return None
    unicode_letters = len(_VIETNAMESE_ONLY.findall(sample))
    if unicode_letters > legacy * 4:
        return None  # Unicode Vietnamese with a few odd symbols (©, ·, ®)
    if unicode_letters > legacy // 4 and unicode_letters > 5:
        return "mixed"
    return "vni" if vni > tcvn else "tcvn3"


def fix_legacy(text: str) -> tuple[str, list[str]]:
    """The text in Unicode and the notices for the user; IngestError if it cannot be converted."""
    kind = detect_legacy(text)
    if kind is None:
        return text, []
    if kind == "mixed":
        raise IngestError(
            "Văn bản dùng lẫn bảng mã cũ (TCVN3 hoặc VNI) với Unicode, không chuyển đổi tự động "
            "được. Hãy chuyển toàn bộ văn bản sang Unicode (ví dụ bằng Unikey) rồi tải lại."
        )
    if kind == "tcvn3":
        return convert_tcvn3(text), [
            "Văn bản dùng bảng mã TCVN3 (ABC, phông .VnTime); đã chuyển sang Unicode. "
            "Chữ in hoa gõ bằng phông .VnTimeH có thể thành chữ thường, cần kiểm tra lại."
        ]
    return convert_vni(text), [
        "Văn bản dùng bảng mã VNI (phông VNI-Times); đã chuyển sang Unicode, cần kiểm tra lại."
    ]


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when every other byte is mostly zero, as in UTF-16 text."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode a .txt/.md file; legacy encodings are converted (see the module docstring)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[3:].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        elif (utf16 := _utf16_without_bom(data)) is not None:
            text = data.decode(utf16)
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Not Unicode: a TCVN3 or VNI file saved with its 8-bit codes (read as Latin-1)?
        text = data.decode("latin-1")
        if detect_legacy(text) in (None, "mixed"):
            raise IngestError(
                "Không nhận ra bảng mã của tệp văn bản. Hãy lưu tệp ở dạng Unicode "
                "(UTF-8 hoặc UTF-16) rồi tải lại."
            ) from None
    if "\x00" in text:
        text = text.replace("\x00", "")
    return fix_legacy(text)
