"""Done when: on the demo, the 2025-H1 compiled report of the province, read from the .docx
that ``compile_report`` writes: every section I–V has province-level text, no sentence comes
twice, the body before the annex is at most 12 pages in LibreOffice, it cites the plan's
decision and states the plan's own task figures, the date line has month and year and the
signature a name; the officer's edit of section III and the leader's comment are there."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from docx import Document as open_docx
from docx.document import Document as DocxDocument
from pypdf import PdfReader
from pytest_django import DjangoDbBlocker

from cchc.compiling.condense import normalised, sentences_of
from cchc.compiling.models import CompiledComment, CompiledReport
from cchc.demo.compiled import ADDED_TO_III, COMMENT, SIGNER
from cchc.tasks.models import Plan
from cchc.testing import kept_for_module

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")
SECTION = re.compile(r"^(I|II|III|IV|V)\. [A-ZĐÀ-Ỹ]")
ATTRIBUTED = re.compile(r"\([^()]*\)\.$")


@pytest.fixture(scope="module")
def demo_docx(
    demo_database: str,
    django_db_blocker: DjangoDbBlocker,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Path]:
    """The demo's compiled report of 2025-H1 written by the command, as an officer would, once
    for the module (rolled back after it)."""
    out = tmp_path_factory.mktemp("demo") / "bao-cao-tong-hop.docx"
    with kept_for_module(django_db_blocker):
        call_command("compile_report", period="2025-H1", out=str(out), stdout=io.StringIO())
        yield out


@pytest.fixture
def docx(demo_docx: Path, db: None) -> DocxDocument:
    return open_docx(str(demo_docx))


def body(docx: DocxDocument) -> list[str]:
    """The body's paragraphs, from the title to the closing line (the annex excluded)."""
    texts = [p.text.strip() for p in docx.paragraphs if p.text.strip()]
    return texts[: next(i for i, t in enumerate(texts) if t.startswith("PHỤ LỤC"))]


def sections(paragraphs: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = ""
    for text in paragraphs:
        if SECTION.match(text):
            current = text.split(".")[0]
            found[current] = []
        elif current:
            found[current].append(text)
    return found


def test_every_section_has_province_level_text(docx: DocxDocument) -> None:
    found = sections(body(docx))
    assert list(found) == ["I", "II", "III", "IV", "V"]
    for code, paragraphs in found.items():
        own = [p for p in paragraphs if len(p) > 60 and not ATTRIBUTED.search(p)]
        assert own, code
    assert any(p.startswith("Toàn tỉnh ") for p in found["II"])
    assert any(p.startswith("Tổng hợp đề xuất, kiến nghị của ") for p in found["V"])
    # The units' text is there too, condensed: shared sentences with who said them.
    assert any("cơ quan, đơn vị khác)." in p for p in found["II"])


def test_no_sentence_comes_twice(docx: DocxDocument) -> None:
    sentences = [normalised(s) for p in body(docx) for s in sentences_of(p) if len(s.split()) > 3]
    assert sentences
    twice = [s for s, n in Counter(sentences).items() if n > 1]
    assert twice == []


def test_it_cites_the_plans_decision_and_states_the_plans_own_figures(
    docx: DocxDocument,
) -> None:
    text = "\n".join(body(docx))
    plan = Plan.objects.select_related("document").get(code="KH-CCHC-2025")
    counted = plan.tasks.exclude(status="da_huy").count()
    assert f"Quyết định số {plan.document.symbol} ngày 10/01/2025" in text
    assert f"giao {counted} nhiệm vụ" in text
    # Not the sum of the units' own plans.
    assert "742 nhiệm vụ" not in text


def test_the_date_line_has_month_and_year_and_the_signature_a_name(docx: DocxDocument) -> None:
    header = docx.tables[0].cell(1, 1).text
    assert re.fullmatch(r"Quảng Ngãi, ngày\s+tháng 6 năm 2025", header.strip())
    assert docx.tables[0].cell(1, 0).text == "Số: /BC-SNV"
    closing = docx.tables[1].cell(0, 1).text
    assert "KT. GIÁM ĐỐC" in closing and "PHÓ GIÁM ĐỐC" in closing
    assert SIGNER[1] in closing


def test_the_officers_edit_and_the_leaders_comment_are_kept(docx: DocxDocument) -> None:
    assert ADDED_TO_III in body(docx)
    report = CompiledReport.objects.get(period__code="2025-H1")
    assert report.is_edited("III") and not report.is_edited("II.2")
    assert CompiledComment.objects.get(report=report).text == COMMENT


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice không có trên máy này")
def test_the_body_before_the_annex_is_at_most_12_pages(demo_docx: Path, tmp_path: Path) -> None:
    assert LIBREOFFICE is not None
    subprocess.run(
        [
            LIBREOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(demo_docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pages = [p.extract_text() for p in PdfReader(tmp_path / f"{demo_docx.stem}.pdf").pages]
    annex = next(i for i, t in enumerate(pages) if "PHỤ LỤC: TỔNG HỢP SỐ LIỆU" in t)
    assert 5 <= annex <= 12
