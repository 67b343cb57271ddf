"""What a file is, judged from its bytes rather than its name (plain Python, no Django).

An upload is accepted only when its first bytes are what its extension promises: a .pdf starts
with %PDF-, a .docx is a zip with a Word body, and so on. Executables (Windows MZ, ELF, Mach-O,
scripts with #!) and anything unrecognised are never what an accepted extension promises.
"""

from __future__ import annotations

import zipfile
from typing import IO

from cchc.lib.ziparchive import ForbiddenMarkup, UnsafeArchive, checked_members

HEAD_BYTES = 8192

# The kinds an extension may hold, and for zip-based formats the member that makes them one.
_KINDS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "zip",
    ".xlsx": "zip",
    ".odt": "zip",
    ".ods": "zip",
    ".doc": "ole",
    ".xls": "ole",
    ".txt": "text",
    ".md": "text",
    ".csv": "text",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".zip": "zip",
}
_ZIP_BODY = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".odt": "content.xml",
    ".ods": "content.xml",
}
_SIGNATURES = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8", "jpeg"),
    (b"MZ", "executable"),
    (b"\x7fELF", "executable"),
    (b"\xca\xfe\xba\xbe", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"),
    (b"\xce\xfa\xed\xfe", "executable"),
    (b"#!", "executable"),
)


class Refused(ValueError):
    """The file is not what its extension says; ``reason`` is "executable", "mismatch",
    "unsafe_archive" or "doctype"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def known_suffix(suffix: str) -> bool:
    return suffix in _KINDS


def sniff(head: bytes) -> str:
    """The kind of content these first bytes begin: "pdf", "zip", "ole", "png", "jpeg",
    "executable", "text" (no NUL byte, or a UTF-16 byte-order mark) or "unknown"."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" not in head:
        return "text"
    return "unknown"


def check_content(suffix: str, stream: IO[bytes]) -> None:
    """Refused unless ``stream`` (left at its start) holds what ``suffix`` promises; a zip is
    also checked member by member (cchc.lib.ziparchive) and a .docx, .xlsx, .odt or .ods must
    hold its format's body. What a plain .zip may hold is the caller's rule."""
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    kind = sniff(head)
    if kind == "executable":
        raise Refused("executable")
    if _KINDS.get(suffix) != kind:
        raise Refused("mismatch")
    if kind != "zip":
        return
    try:
        names = checked_members(stream)
    except ForbiddenMarkup:
        raise Refused("doctype") from None
    except UnsafeArchive:
        raise Refused("unsafe_archive") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise Refused("mismatch") from None
    finally:
        stream.seek(0)
    if suffix in _ZIP_BODY and _ZIP_BODY[suffix] not in names:
        raise Refused("mismatch")
