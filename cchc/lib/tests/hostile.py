"""Hostile files built by the tests that reproduce the attacks (issue 16): small on disk, each
aimed at one weakness of a parser."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

__all__ = [
    "doctype_xlsx",
    "huge_document_docx",
    "lying_headers_docx",
    "slow_pdf",
]

_WORD_BODY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>"
)
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
    b'"http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def lying_headers_docx(inflated_bytes: int = 64 * 1024 * 1024) -> bytes:
    """A .docx whose word/document.xml inflates to ``inflated_bytes`` while its local and
    central headers declare 1 KB: a check that trusts declared sizes lets it through, and a
    reader asking for the whole member inflates it all into memory at once."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(_WORD_BODY)
            block = b"<w:p><w:r><w:t>" + b"A" * 60_000 + b"</w:t></w:r></w:p>"
            for _ in range(inflated_bytes // len(block)):
                member.write(block)
            member.write(b"</w:body></w:document>")
    data = bytearray(out.getvalue())
    return bytes(_understate(data, "word/document.xml", declared=1024))


def _understate(data: bytearray, name: str, declared: int) -> bytearray:
    """Rewrite the uncompressed size of ``name`` in its central directory entry (and zip64
    extra field) to ``declared``."""
    encoded = name.encode()
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length, extra_length = struct.unpack_from("<HH", data, position + 28)
        if data[position + 46 : position + 46 + name_length] == encoded:
            struct.pack_into("<I", data, position + 24, declared)
            extra = position + 46 + name_length
            end = extra + extra_length
            while extra + 4 <= end:
                tag, size = struct.unpack_from("<HH", data, extra)
                if tag == 0x0001 and size >= 8:  # zip64: the true size lives here
                    struct.pack_into("<Q", data, extra + 4, declared)
                    struct.pack_into("<I", data, position + 24, 0xFFFFFFFF)
                extra += 4 + size
        position = data.find(b"PK\x01\x02", position + 4)
    return data


def huge_document_docx(inflated_bytes: int = 190 * 1024 * 1024) -> bytes:
    """A legitimate-looking .docx (a few MB, compressed like real text) whose document.xml
    inflates to ``inflated_bytes``: within every ratio, too much for a web worker."""
    # Longer than deflate's 32 KB window, so that it compresses like prose, not like a pattern.
    chooser = random.Random(16)
    line = b" ".join(chooser.choice((b"hanh", b"chinh")) for _ in range(16_000))
    paragraph = b"<w:p><w:r><w:t>" + line + b"</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(_WORD_BODY)
            for _ in range(inflated_bytes // len(paragraph)):
                member.write(paragraph)
            member.write(b"</w:body></w:document>")
    return out.getvalue()


def slow_pdf(operations: int = 3_000_000) -> bytes:
    """A small PDF (tens of KB) whose one page's compressed content stream holds millions of
    text operations: cheap to send, seconds to minutes of CPU to read."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * operations + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def doctype_xlsx(valid_xlsx: bytes) -> bytes:
    """``valid_xlsx`` with a "billion laughs" DOCTYPE put into its first sheet."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    source = zipfile.ZipFile(io.BytesIO(valid_xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = laughs + body
            archive.writestr(entry, data)
    return out.getvalue()
