"""The command line and the public API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cchc.ingest import parse_file, parse_text

REPO = Path(__file__).resolve().parents[3]
DOCUMENTS = Path(__file__).parent / "data" / "documents"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cchc.ingest", *args],
        capture_output=True, text=True, cwd=REPO, check=False, timeout=60,
    )  # fmt: skip


def test_json_mode_prints_one_object_per_file_and_fails_when_a_file_cannot_be_read(
    tmp_path: Path,
) -> None:
    good = DOCUMENTS / "cv-snv-quang-tri-don-doc-bao-cao.txt"
    missing = tmp_path / "khong-co.txt"
    completed = _run(str(good), str(missing), "--json")
    assert completed.returncode == 1
    first, second = (json.loads(line) for line in completed.stdout.splitlines())
    assert set(first) == {"file", "document", "sections", "references", "figures"}
    assert first["document"]["symbol"] == "1763/SNV-CCHC"
    assert first["references"][0] == {
        "symbol": "581/BNV-CCHC", "type": "Công văn", "type_code": None, "number": 581,
        "year": None, "issuer": "BNV", "drafting_unit": "CCHC", "form": "cong_van",
        "date": "2023-02-17", "date_text": "17/02/2023",
        "mentions": first["references"][0]["mentions"],
    }  # fmt: skip
    assert second == {"file": str(missing), "error": "Không tìm thấy tệp «khong-co.txt»."}


def test_summary_mode_succeeds_on_readable_files() -> None:
    completed = _run(str(DOCUMENTS / "tt-snv-ha-tinh-cong-bo-chi-so.txt"))
    assert completed.returncode == 0
    assert "Tờ trình 210/TTr-SNV" in completed.stdout


def test_parse_file_returns_the_json_form_with_the_file_name() -> None:
    path = DOCUMENTS / "tt-snv-ha-tinh-cong-bo-chi-so.txt"
    result = parse_file(path)
    assert result["file"] == str(path)
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result


def test_mentions_point_into_the_parsed_text() -> None:
    document = parse_text(
        (DOCUMENTS / "qd-ubnd-binh-dinh-ke-hoach-cchc-2024.txt").read_text("utf-8")
    )
    for reference in document.references:
        for start, end in reference.mentions:
            assert (
                document.text[start:end].replace(" ", "").casefold() == reference.symbol.casefold()
            )


def test_the_parser_imports_nothing_from_django() -> None:
    code = (
        "import sys; import cchc.ingest as ingest; "
        f"ingest.parse_file({str(DOCUMENTS / 'tt-snv-ha-tinh-cong-bo-chi-so.txt')!r}); "
        "import cchc.ingest.evaluate; "
        "print(sorted(m for m in sys.modules if m.startswith('django')))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert completed.stdout.strip() == "[]"
