"""Archives checked before they are unpacked (plain Python)."""

from __future__ import annotations

import io
import zipfile

import pytest

from cchc.lib.ziparchive import UnsafeArchive, ZipLimits, checked_members


def archive(entries: dict[str, bytes]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as written:
        for name, data in entries.items():
            written.writestr(name, data)
    out.seek(0)
    return out


def test_a_normal_archive_gives_its_member_names_and_is_left_at_its_start() -> None:
    source = archive({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})
    assert checked_members(source) == {"word/document.xml", "[Content_Types].xml"}
    assert source.tell() == 0


@pytest.mark.parametrize(
    ("entries", "limits"),
    [
        ({f"f{i}.xml": b"" for i in range(30)}, ZipLimits(max_entries=20)),
        ({"a.xml": b"\0" * (20 * 1024 * 1024)}, ZipLimits()),
        ({"a.xml": b"<w/>" * 1000}, ZipLimits(max_total_bytes=1000)),
    ],
    ids=["too many members", "compressed beyond the ratio", "too large in total"],
)
def test_an_archive_that_would_unpack_too_far_is_refused(
    entries: dict[str, bytes], limits: ZipLimits
) -> None:
    with pytest.raises(UnsafeArchive):
        checked_members(archive(entries), limits)
