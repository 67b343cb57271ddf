from __future__ import annotations

from cchc.lib.downloads import attachment
from cchc.lib.xlsx import XLSX_TYPE


def test_a_download_is_an_attachment_with_its_name() -> None:
    response = attachment(b"data", XLSX_TYPE, "tong-hop-2025-H1.xlsx")
    assert response.content == b"data"
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="tong-hop-2025-H1.xlsx"'


def test_a_name_outside_ascii_is_encoded_not_garbled() -> None:
    response = attachment(b"", XLSX_TYPE, "báo-cáo.docx")
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''b%C3%A1o-c%C3%A1o.docx"
