"""Zip archives (.docx, .xlsx) looked at before a library unpacks them (plain Python).

A crafted archive of a few kilobytes can unpack to gigabytes (a "zip bomb"); the members'
declared sizes are read from the central directory, without unpacking anything.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO


class UnsafeArchive(ValueError):
    """The archive would unpack far beyond what a real document does."""


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 2000
    max_total_bytes: int = 200 * 1024 * 1024
    max_ratio: float = 120.0  # uncompressed / compressed size of one member (text ≈ 5–20)


def checked_members(source: str | Path | IO[bytes], limits: ZipLimits = ZipLimits()) -> set[str]:
    """The names of the archive's members; UnsafeArchive when it is too many, too large in
    total, or a large member compressed beyond ``max_ratio``. A file object is left at its
    start. Not an archive: zipfile.BadZipFile (or OSError) as zipfile raises them."""
    with zipfile.ZipFile(source) as archive:
        entries = archive.infolist()
    if not isinstance(source, str | Path):
        source.seek(0)
    if len(entries) > limits.max_entries:
        raise UnsafeArchive
    total = 0
    for entry in entries:
        total += entry.file_size
        if total > limits.max_total_bytes:
            raise UnsafeArchive
        if entry.file_size > 1024 * 1024 and (
            entry.compress_size == 0 or entry.file_size / entry.compress_size > limits.max_ratio
        ):
            raise UnsafeArchive
    return {entry.filename for entry in entries}
