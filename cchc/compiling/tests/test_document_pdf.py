"""The compiled report converts to PDF with LibreOffice (where it is installed): A4 pages,
the body portrait and the annex landscape. Slow (a LibreOffice start), so one test only."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from cchc.compiling.actions import compiled_or_drafted
from cchc.compiling.document import render
from cchc.reporting.models import Period
from conftest import Province

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice không có trên máy này")
def test_libreoffice_converts_the_compiled_report_to_a4_pages(
    filed: object, province: Province, tmp_path: Path
) -> None:
    assert LIBREOFFICE is not None
    period = Period.objects.get(code="2025-H1")
    source = tmp_path / "tong-hop.docx"
    source.write_bytes(render(compiled_or_drafted(period, province.root, "snv")))
    subprocess.run(
        [
            LIBREOFFICE,
            # A profile of its own, so that a LibreOffice already open does not take the job.
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pages = PdfReader(tmp_path / "tong-hop.pdf").pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    assert len(pages) >= 2
    assert sizes[0] == A4_PORTRAIT
    assert sizes[-1] == A4_LANDSCAPE
    assert set(sizes) <= {A4_PORTRAIT, A4_LANDSCAPE}
    assert "/BC-SNV" in pages[0].extract_text()
