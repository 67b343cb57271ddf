"""Zip archives (.docx, .xlsx) checked before a library unpacks them (plain Python).

A crafted archive of a few kilobytes can unpack to gigabytes (a "zip bomb"), and its headers
may understate the sizes: so every member is inflated once, in small chunks, and the bytes
actually produced are counted and limited; the declared sizes are never trusted. Office writes
its parts stored or deflated, in UTF-8, without a DOCTYPE: a member compressed otherwise, an XML
part in another encoding or one that declares a DOCTYPE or entities (which expand, or reach
outside the file) is refused.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO


class UnsafeArchive(ValueError):
    """The archive would unpack far beyond what a real document does."""


class ForbiddenMarkup(UnsafeArchive):
    """An XML part declares a DOCTYPE or entities."""


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 2000
    max_total_bytes: int = 200 * 1024 * 1024
    max_ratio: float = 120.0  # inflated / compressed size of one member (text ≈ 5–20)
    # One XML part (document.xml, a sheet): a long report's text is a few megabytes; pictures
    # are separate members, already compressed.
    max_xml_bytes: int = 40 * 1024 * 1024


_CHUNK = 64 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MARKUP = (b"<!DOCTYPE", b"<!ENTITY")
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def checked_members(source: str | Path | IO[bytes], limits: ZipLimits = ZipLimits()) -> set[str]:
    """The names of the archive's members once each has been inflated and found safe;
    UnsafeArchive (ForbiddenMarkup for a DOCTYPE) otherwise. A file object is left at its
    start; a member whose bytes disagree with its headers (its size or checksum) is unsafe too.
    Not an archive: zipfile.BadZipFile (or OSError) as zipfile raises them."""
    total = 0
    with zipfile.ZipFile(source) as archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise UnsafeArchive
        for entry in entries:
            if entry.compress_type not in _COMPRESSIONS:
                raise UnsafeArchive
            try:
                total += _inflated_size(archive, entry, limits, limits.max_total_bytes - total)
            except zipfile.BadZipFile as e:  # its bytes disagree with its headers, which lie
                raise UnsafeArchive from e
    if not isinstance(source, str | Path):
        source.seek(0)
    return {entry.filename for entry in entries}


def _inflated_size(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limits: ZipLimits, room: int
) -> int:
    is_xml = entry.filename.lower().endswith(_XML_SUFFIXES)
    size = 0
    tail = b""
    with archive.open(entry) as member:
        while chunk := member.read(_CHUNK):
            if size == 0 and is_xml and chunk[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\0", b"\0<"):
                raise ForbiddenMarkup  # UTF-16 would hide a DOCTYPE from the byte search
            size += len(chunk)
            if size > room or (is_xml and size > limits.max_xml_bytes):
                raise UnsafeArchive
            if size > 1024 * 1024 and size > limits.max_ratio * max(entry.compress_size, 1):
                raise UnsafeArchive
            if is_xml:
                window = tail + chunk
                if any(marker in window for marker in _MARKUP):
                    raise ForbiddenMarkup
                tail = window[-len(_MARKUP[0]) :]
    return size
